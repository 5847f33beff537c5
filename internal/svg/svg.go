// Package svg makes SVG images from outside safe to keep and to serve:
// one cleaner for the drawings of manuscripts (DOCX parts, data: URIs,
// files beside a page, inline <svg>) and for images uploaded to the site.
package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tandemforum/tandem/internal/textenc"
)

const (
	nsSVG   = "http://www.w3.org/2000/svg"
	nsXLink = "http://www.w3.org/1999/xlink"
	nsXML   = "http://www.w3.org/XML/1998/namespace"
)

// maxSVGDepth bounds the nesting of an SVG image's elements.
const maxSVGDepth = 256

// ErrNotSVG is wrapped by Clean's errors: the bytes are not an SVG image
// it can keep. The error's own text says why.
var ErrNotSVG = errors.New("not an SVG image")

// refusal is an error of Clean: its text, wrapping ErrNotSVG.
type refusal struct{ msg string }

func (r refusal) Error() string { return r.msg }
func (r refusal) Unwrap() error { return ErrNotSVG }

// refuse makes a refusal from a format and its arguments.
func refuse(format string, args ...any) error { return refusal{fmt.Sprintf(format, args...)} }

// Clean returns an SVG image (bytes in any encoding XML allows) as
// well-formed UTF-8 XML without what would run or fetch something when the
// image is opened by itself, so that every reader keeps SVG from a package
// part, a data: URI, a file or a page, and the site every upload, the
// same way. It leaves out
// <script>, <foreignObject>, <handler>, <listener> and every element
// outside the SVG namespace (an XHTML <script> runs in an SVG too);
// <animate>, <set>, <animateTransform> and <animateMotion> that change a
// link or an event handler or carry a javascript: value; on… attributes;
// links and references (href, xlink:href, src) other than to the image's
// own elements ("#id") or, on <image>, to raster images it holds
// (data:image/png…); any attribute whose value is a javascript: or
// vbscript: URL; styles and style attributes that load something (url()
// other than url(#id), @import); comments and processing instructions.
// An image with a DTD or entity declarations, malformed XML and XML whose
// root is not <svg> are refused with an error wrapping ErrNotSVG.
func Clean(data []byte) ([]byte, error) {
	t, err := textenc.DecodeXML(data)
	if err != nil {
		return nil, refuse("%v", err)
	}
	dec := xml.NewDecoder(bytes.NewReader(t.Bytes))
	dec.Strict = true
	var out bytes.Buffer
	var stack []string  // names written, for their end tags
	var open []xml.Name // names read, to match their end tags
	skip := 0           // depth inside a left-out element
	root, xlink := true, false
	var rootAt int // where the root's namespace declarations go
	var scope svgScope
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, refuse("malformed SVG: %v", err)
		}
		switch tk := tok.(type) {
		case xml.Directive:
			return nil, refuse("SVG with a DTD or entity declarations")
		case xml.StartElement:
			if len(open) > maxSVGDepth {
				return nil, refuse("SVG nested more than %d deep", maxSVGDepth)
			}
			if !root && len(open) == 0 {
				return nil, refuse("malformed SVG: <%s> after the root element", tk.Name.Local)
			}
			open = append(open, tk.Name)
			ns := scope.push(tk)
			if root {
				root = false
				if tk.Name.Local != "svg" || (ns != "" && ns != nsSVG) {
					return nil, refuse("XML whose root is <%s>, not <svg>", tk.Name.Local)
				}
			}
			if skip > 0 || (ns != "" && ns != nsSVG) || svgDropped(tk) {
				skip++
				continue
			}
			out.WriteByte('<')
			out.WriteString(tk.Name.Local)
			if len(stack) == 0 {
				rootAt = out.Len()
			}
			for _, a := range tk.Attr {
				name, ok := svgAttrName(a.Name)
				if !ok || !svgAttrSafe(tk.Name.Local, name, a.Value) {
					continue
				}
				xlink = xlink || strings.HasPrefix(name, "xlink:")
				out.WriteString(" " + name + `="`)
				xml.EscapeText(&out, []byte(a.Value))
				out.WriteByte('"')
			}
			out.WriteByte('>')
			stack = append(stack, tk.Name.Local)
		case xml.EndElement:
			if len(open) == 0 || open[len(open)-1] != tk.Name {
				return nil, refuse("malformed SVG: </%s> closes no open element", tk.Name.Local)
			}
			open = open[:len(open)-1]
			scope.pop()
			if skip > 0 {
				skip--
				continue
			}
			if len(stack) == 0 {
				return nil, refuse("malformed SVG")
			}
			out.WriteString("</" + stack[len(stack)-1] + ">")
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skip == 0 && len(stack) > 0 {
				if stack[len(stack)-1] == "style" && fetches(string(tk)) {
					// Drop the whole sheet: one rule that loads is enough.
					continue
				}
				out.WriteString(xmlText.Replace(string(tk)))
			}
		}
	}
	if root {
		return nil, refuse("no <svg> element")
	}
	if len(open) > 0 {
		return nil, refuse("malformed SVG: <%s> not closed", open[len(open)-1].Local)
	}
	decl := ` xmlns="` + nsSVG + `"`
	if xlink {
		decl += ` xmlns:xlink="` + nsXLink + `"`
	}
	b := out.Bytes()
	res := make([]byte, 0, len(b)+len(decl))
	res = append(res, b[:rootAt]...)
	res = append(res, decl...)
	return append(res, b[rootAt:]...), nil
}

// svgScope is the namespace declarations in scope: one map of prefix
// ("" for the default) to URI per open element.
type svgScope []map[string]string

// push opens an element's scope with its declarations and returns the
// namespace URI of the element ("" when none is declared).
func (sc *svgScope) push(s xml.StartElement) string {
	decl := map[string]string{}
	for _, a := range s.Attr {
		switch {
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			decl[""] = a.Value
		case a.Name.Space == "xmlns":
			decl[a.Name.Local] = a.Value
		}
	}
	*sc = append(*sc, decl)
	for i := len(*sc) - 1; i >= 0; i-- {
		if u, ok := (*sc)[i][s.Name.Space]; ok {
			return u
		}
	}
	if s.Name.Space != "" {
		return "unbound:" + s.Name.Space
	}
	return ""
}

func (sc *svgScope) pop() {
	if len(*sc) > 0 {
		*sc = (*sc)[:len(*sc)-1]
	}
}

// svgDropped reports whether an SVG element runs something or changes a
// link or handler as it plays.
func svgDropped(s xml.StartElement) bool {
	switch strings.ToLower(s.Name.Local) {
	case "script", "foreignobject", "handler", "listener":
		return true
	case "animate", "set", "animatetransform", "animatemotion", "animatecolor", "discard":
		for _, a := range s.Attr {
			v := urlFold(a.Value)
			if a.Name.Local == "attributeName" && (v == "href" || strings.HasSuffix(v, ":href") || strings.HasPrefix(v, "on") || v == "src" || v == "style") {
				return true
			}
			if strings.Contains(v, "javascript:") || strings.Contains(v, "vbscript:") || fetches(a.Value) {
				return true
			}
		}
	}
	return false
}

// svgAttrName returns the name an attribute is written with: its own for
// attributes without a prefix, xlink: and xml: ones with theirs, and false
// for namespace declarations (written anew on the root) and attributes of
// other namespaces (editors' notes, which nothing draws).
func svgAttrName(n xml.Name) (string, bool) {
	switch n.Space {
	case "":
		return n.Local, n.Local != "xmlns"
	case "xlink":
		return "xlink:" + n.Local, true
	case "xml":
		return "xml:" + n.Local, true
	}
	return "", false
}

// svgAttrSafe reports whether an attribute of an element of an SVG image
// neither runs nor fetches anything.
func svgAttrSafe(elem, name, value string) bool {
	key := strings.ToLower(name)
	v := urlFold(value)
	switch {
	case strings.HasPrefix(key, "on"):
		return false
	case strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:"):
		return false
	case key == "href" || key == "xlink:href" || key == "src":
		if strings.HasPrefix(v, "#") {
			return true
		}
		return elem == "image" && strings.HasPrefix(v, "data:image/") && !strings.HasPrefix(v, "data:image/svg")
	case fetches(value):
		return false
	}
	return true
}

// urlFold returns a value as a browser compares a URL's scheme: without
// the spaces and control characters it ignores, in lower case.
func urlFold(s string) string {
	return strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, s))
}

// fetches reports whether CSS (a style sheet, a style attribute or a
// presentation attribute such as fill) may load something from elsewhere:
// an @import, a url() other than one to the image's own elements
// (url(#gradient)), or escapes that could spell either.
func fetches(css string) bool {
	css = urlFold(css)
	if strings.Contains(css, "@import") || strings.Contains(css, `\`) || strings.Contains(css, "image-set(") || strings.Contains(css, "expression(") {
		return true
	}
	for rest := css; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return false
		}
		rest = strings.TrimLeft(rest[i+4:], `"'`)
		if !strings.HasPrefix(rest, "#") {
			return true
		}
	}
}

// xmlText escapes character data for XML.
var xmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
