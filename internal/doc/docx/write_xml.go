package docx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// The namespaces a written package uses, with the prefixes Word gives them.
// Parts tandem writes declare all of them on their root element, so that
// pieces copied from a template (section properties, note separators,
// formulas) can be written with these prefixes whatever prefixes the
// template used.
const (
	nsRel      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRels  = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsTypes    = "http://schemas.openxmlformats.org/package/2006/content-types"
	nsXML      = "http://www.w3.org/XML/1998/namespace"
	nsDrawing  = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPicture  = "http://schemas.openxmlformats.org/drawingml/2006/picture"
	nsWP       = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsCoreProp = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
)

// wordNamespaces lists prefix and namespace of every vocabulary a written
// part may contain, in the order they are declared. Those marked ignorable
// are Word's later extensions, which older readers may skip
// (mc:Ignorable).
var wordNamespaces = []struct {
	prefix, uri string
	ignorable   bool
}{
	{"wpc", "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas", false},
	{"mc", nsMC, false},
	{"o", "urn:schemas-microsoft-com:office:office", false},
	{"r", nsRel, false},
	{"m", nsMath, false},
	{"v", "urn:schemas-microsoft-com:vml", false},
	{"wp14", "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing", true},
	{"wp", nsWP, false},
	{"w10", "urn:schemas-microsoft-com:office:word", false},
	{"w", nsW, false},
	{"w14", "http://schemas.microsoft.com/office/word/2010/wordml", true},
	{"w15", "http://schemas.microsoft.com/office/word/2012/wordml", true},
	{"w16cex", "http://schemas.microsoft.com/office/word/2018/wordml/cex", true},
	{"w16cid", "http://schemas.microsoft.com/office/word/2016/wordml/cid", true},
	{"w16", "http://schemas.microsoft.com/office/word/2018/wordml", true},
	{"w16sdtdh", "http://schemas.microsoft.com/office/word/2020/wordml/sdtdatahash", true},
	{"w16se", "http://schemas.microsoft.com/office/word/2015/wordml/symex", true},
	{"wpg", "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup", false},
	{"wpi", "http://schemas.microsoft.com/office/word/2010/wordprocessingInk", false},
	{"wne", "http://schemas.microsoft.com/office/word/2006/wordml", false},
	{"wps", "http://schemas.microsoft.com/office/word/2010/wordprocessingShape", false},
	{"a", nsDrawing, false},
	{"pic", nsPicture, false},
}

// canonPrefix maps a namespace to the prefix written parts use for it.
var canonPrefix = func() map[string]string {
	m := map[string]string{nsXML: "xml"}
	for _, ns := range wordNamespaces {
		m[ns.uri] = ns.prefix
	}
	return m
}()

// rootNamespaces returns the namespace declarations and the mc:Ignorable
// attribute of a part's root element.
func rootNamespaces() string {
	var b strings.Builder
	var ign []string
	for _, ns := range wordNamespaces {
		b.WriteString(` xmlns:` + ns.prefix + `="` + ns.uri + `"`)
		if ns.ignorable {
			ign = append(ign, ns.prefix)
		}
	}
	b.WriteString(` mc:Ignorable="` + strings.Join(ign, " ") + `"`)
	return b.String()
}

// xnode is an element (or, when local is empty, a piece of text) of an XML
// part read from a template. Names keep the prefix the template wrote and
// the namespace it stands for, so a part can be written back as it was
// (writeRaw) or with the prefixes of wordNamespaces (writeCanon).
type xnode struct {
	space, local, prefix string
	attrs                []xattr
	kids                 []*xnode
	text                 string
}

type xattr struct {
	space, local, prefix, value string
}

func (n *xnode) is(space, local string) bool {
	return n.local == local && n.space == space
}

// isW reports whether n is the WordprocessingML element local.
func (n *xnode) isW(local string) bool { return n.local == local && n.space == nsW }

func (n *xnode) attr(local string) string {
	for _, a := range n.attrs {
		if a.local == local && a.space != "xmlns" {
			return a.value
		}
	}
	return ""
}

// setAttr sets the WordprocessingML attribute local, adding it with the
// element's own prefix when it is missing.
func (n *xnode) setAttr(local, value string) {
	for i, a := range n.attrs {
		if a.local == local && a.space == n.space {
			n.attrs[i].value = value
			return
		}
	}
	n.attrs = append(n.attrs, xattr{space: n.space, local: local, prefix: n.prefix, value: value})
}

// child returns the first child element with the given name, or nil.
func (n *xnode) child(space, local string) *xnode {
	for _, k := range n.kids {
		if k.is(space, local) {
			return k
		}
	}
	return nil
}

// elems returns the child elements of n.
func (n *xnode) elems() []*xnode {
	var out []*xnode
	for _, k := range n.kids {
		if k.local != "" {
			out = append(out, k)
		}
	}
	return out
}

// textContent returns all character data inside n.
func (n *xnode) textContent() string {
	var b strings.Builder
	var walk func(n *xnode)
	walk = func(n *xnode) {
		if n.local == "" {
			b.WriteString(n.text)
		}
		for _, k := range n.kids {
			walk(k)
		}
	}
	walk(n)
	return b.String()
}

// xtok reads the tokens of one part, resolving prefixes to namespaces
// itself so that the prefixes as written are kept. It refuses DTDs and
// bounds the nesting depth, as the reader does.
type xtok struct {
	d        *xml.Decoder
	name     string
	scopes   []map[string]string
	depth    int
	maxDepth int
}

// newXtok reads the tokens of a part, decoded by partText.
func newXtok(data []byte, name string, maxDepth int) (*xtok, error) {
	text, err := partText(name, data)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = true
	return &xtok{d: d, name: name, maxDepth: maxDepth, scopes: []map[string]string{{"xml": nsXML}}}, nil
}

func (t *xtok) errorf(format string, args ...any) error {
	line, _ := t.d.InputPos()
	return fmt.Errorf("%s: line %d: "+format, append([]any{t.name, line}, args...)...)
}

func (t *xtok) resolve(prefix string, elem bool) string {
	if prefix == "" && !elem {
		return ""
	}
	for i := len(t.scopes) - 1; i >= 0; i-- {
		if uri, ok := t.scopes[i][prefix]; ok {
			return uri
		}
	}
	if prefix == "" {
		return ""
	}
	// An undeclared prefix: keep it recognisably foreign.
	return "undeclared:" + prefix
}

// next returns the next start element (as an xnode without children), end
// element (nil node, end true) or text; io.EOF at the end of the part.
func (t *xtok) next() (n *xnode, end bool, err error) {
	for {
		tok, err := t.d.RawToken()
		if err != nil {
			if err == io.EOF {
				if t.depth > 0 {
					return nil, false, t.errorf("%w: the XML ends early", ErrMalformed)
				}
				return nil, false, io.EOF
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, false, fmt.Errorf("%s: line %d: %w: %s", t.name, se.Line, ErrMalformed, se.Msg)
			}
			if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrMalformed) {
				return nil, false, err
			}
			return nil, false, t.errorf("%w: %v", ErrMalformed, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			t.depth++
			if t.depth > t.maxDepth {
				return nil, false, t.errorf("%w: elements nested more than %d deep", ErrTooLarge, t.maxDepth)
			}
			scope := map[string]string{}
			for _, a := range tok.Attr {
				switch {
				case a.Name.Space == "xmlns":
					scope[a.Name.Local] = a.Value
				case a.Name.Space == "" && a.Name.Local == "xmlns":
					scope[""] = a.Value
				}
			}
			t.scopes = append(t.scopes, scope)
			n := &xnode{prefix: tok.Name.Space, local: tok.Name.Local}
			n.space = t.resolve(n.prefix, true)
			for _, a := range tok.Attr {
				x := xattr{prefix: a.Name.Space, local: a.Name.Local, value: a.Value}
				switch {
				case a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns"):
					x.space = "xmlns"
				default:
					x.space = t.resolve(a.Name.Space, false)
				}
				n.attrs = append(n.attrs, x)
			}
			return n, false, nil
		case xml.EndElement:
			t.depth--
			if len(t.scopes) > 1 {
				t.scopes = t.scopes[:len(t.scopes)-1]
			}
			return nil, true, nil
		case xml.CharData:
			return &xnode{text: string(tok)}, false, nil
		case xml.Directive:
			return nil, false, t.errorf("%w: a DTD or entity declaration (<!%s…>) is not allowed", ErrUnsafe, firstWord(tok))
		}
	}
}

// subtree reads the rest of the element start, whose start tag was just
// returned by next, into start's children.
func (t *xtok) subtree(start *xnode) error {
	for {
		n, end, err := t.next()
		if err != nil {
			if err == io.EOF {
				return t.errorf("%w: the XML ends early", ErrMalformed)
			}
			return err
		}
		if end {
			return nil
		}
		start.kids = append(start.kids, n)
		if n.local != "" {
			if err := t.subtree(n); err != nil {
				return err
			}
		}
	}
}

// skip passes over the rest of the element whose start was just returned.
func (t *xtok) skip() error {
	target := t.depth - 1
	for t.depth > target {
		if _, _, err := t.next(); err != nil {
			if err == io.EOF {
				return t.errorf("%w: the XML ends early", ErrMalformed)
			}
			return err
		}
	}
	return nil
}

// root returns the document element's start tag.
func (t *xtok) root() (*xnode, error) {
	for {
		n, _, err := t.next()
		if err != nil {
			if err == io.EOF {
				return nil, fmt.Errorf("%s: %w: the part is empty", t.name, ErrMalformed)
			}
			return nil, err
		}
		if n != nil && n.local != "" {
			return n, nil
		}
	}
}

// parseXML reads a whole part into a tree and returns its root element.
func parseXML(data []byte, name string, maxDepth int) (*xnode, error) {
	t, err := newXtok(data, name, maxDepth)
	if err != nil {
		return nil, err
	}
	root, err := t.root()
	if err != nil {
		return nil, err
	}
	if err := t.subtree(root); err != nil {
		return nil, err
	}
	return root, nil
}

// xb builds XML text.
type xb struct {
	bytes.Buffer
}

// escape writes s with the characters XML reserves escaped, leaving out
// characters XML cannot carry (most control characters, broken UTF-8).
func (x *xb) escape(s string, attr bool) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
		case r == '&':
			x.WriteString("&amp;")
		case r == '<':
			x.WriteString("&lt;")
		case r == '>':
			x.WriteString("&gt;")
		case r == '"' && attr:
			x.WriteString("&quot;")
		case (r == '\n' || r == '\r' || r == '\t') && attr:
			fmt.Fprintf(x, "&#x%X;", r)
		case r == '\r':
			x.WriteString("&#xD;")
		case !xmlChar(r):
		default:
			x.WriteRune(r)
		}
	}
}

// xmlChar reports whether XML 1.0 allows r in a document.
func xmlChar(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xD7FF) ||
		(r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// cleanText returns s without the characters XML cannot carry (most
// control characters, bytes that are not UTF-8).
func cleanText(s string) string {
	bad := func(i int) (bool, int) {
		r, size := utf8.DecodeRuneInString(s[i:])
		return (r == utf8.RuneError && size == 1) || !xmlChar(r), size
	}
	i := 0
	for i < len(s) {
		b, size := bad(i)
		if b {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var out strings.Builder
	out.WriteString(s[:i])
	for i < len(s) {
		b, size := bad(i)
		if !b {
			out.WriteString(s[i : i+size])
		}
		i += size
	}
	return out.String()
}

// elem writes a start tag with attributes given as name, value pairs; when
// empty is true the element is closed at once.
func (x *xb) elem(name string, empty bool, attrs ...string) {
	x.WriteByte('<')
	x.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.WriteByte(' ')
		x.WriteString(attrs[i])
		x.WriteString(`="`)
		x.escape(attrs[i+1], true)
		x.WriteByte('"')
	}
	if empty {
		x.WriteString("/>")
	} else {
		x.WriteByte('>')
	}
}

func (x *xb) open(name string, attrs ...string)  { x.elem(name, false, attrs...) }
func (x *xb) empty(name string, attrs ...string) { x.elem(name, true, attrs...) }
func (x *xb) close(name string)                  { x.WriteString("</" + name + ">") }

// textElem writes <name>text</name>.
func (x *xb) textElem(name, text string, attrs ...string) {
	x.open(name, attrs...)
	x.escape(text, false)
	x.close(name)
}

const xmlDecl = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// writeRaw writes n as the template wrote it: same prefixes, same
// namespace declarations.
func (x *xb) writeRaw(n *xnode) {
	if n.local == "" {
		x.escape(n.text, false)
		return
	}
	name := n.local
	if n.prefix != "" {
		name = n.prefix + ":" + n.local
	}
	x.WriteByte('<')
	x.WriteString(name)
	for _, a := range n.attrs {
		x.WriteByte(' ')
		if a.prefix != "" {
			x.WriteString(a.prefix + ":")
		}
		x.WriteString(a.local)
		x.WriteString(`="`)
		x.escape(a.value, true)
		x.WriteByte('"')
	}
	if len(n.kids) == 0 {
		x.WriteString("/>")
		return
	}
	x.WriteByte('>')
	for _, k := range n.kids {
		x.writeRaw(k)
	}
	x.close(name)
}

// writeCanon writes n with the prefixes of wordNamespaces, for a part
// whose root declares them. Elements and attributes of vocabularies the
// table does not know are left out: they can only be extensions that a
// reader would ignore.
func (x *xb) writeCanon(n *xnode) {
	if n.local == "" {
		x.escape(n.text, false)
		return
	}
	prefix, ok := canonPrefix[n.space]
	if !ok || prefix == "xml" {
		return
	}
	name := prefix + ":" + n.local
	x.WriteByte('<')
	x.WriteString(name)
	for _, a := range n.attrs {
		if a.space == "xmlns" || (a.space == nsMC && a.local == "Ignorable") {
			continue
		}
		var an string
		switch {
		case a.space == "":
			an = a.local
		default:
			p, ok := canonPrefix[a.space]
			if !ok {
				continue
			}
			an = p + ":" + a.local
		}
		x.WriteByte(' ')
		x.WriteString(an)
		x.WriteString(`="`)
		x.escape(a.value, true)
		x.WriteByte('"')
	}
	if len(n.kids) == 0 {
		x.WriteString("/>")
		return
	}
	x.WriteByte('>')
	for _, k := range n.kids {
		x.writeCanon(k)
	}
	x.close(name)
}

// canon returns n written with the prefixes of wordNamespaces.
func canon(n *xnode) string {
	var x xb
	x.writeCanon(n)
	return x.String()
}
