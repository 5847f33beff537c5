package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

// An Error is a problem in an interchange file, with its place.
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
}

// node is an XML element or a run of text, with where it starts in the file.
type node struct {
	name      string // local name; "" for text
	space     string // namespace URL
	attr      []xml.Attr
	children  []*node
	text      string
	line, col int
}

func (n *node) attrValue(local string) string {
	for _, a := range n.attr {
		if a.Name.Local == local && (a.Name.Space == "" || local == "lang") {
			return a.Value
		}
	}
	return ""
}

// xmlLang returns xml:lang, or the older lang attribute of TMX 1.1.
func (n *node) xmlLang() string {
	for _, a := range n.attr {
		if a.Name.Local == "lang" && (a.Name.Space == "xml" || a.Name.Space == "http://www.w3.org/XML/1998/namespace") {
			return a.Value
		}
	}
	return n.attrValue("lang")
}

func (n *node) elements(name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

func (n *node) first(name string) *node {
	for _, c := range n.children {
		if c.name == name {
			return c
		}
	}
	return nil
}

// innerText returns the text of n and its descendants.
func (n *node) innerText() string {
	if n.name == "" {
		return n.text
	}
	var b strings.Builder
	for _, c := range n.children {
		b.WriteString(c.innerText())
	}
	return b.String()
}

// maxDepth bounds element nesting so that a hostile file cannot exhaust
// the stack of the walkers.
const maxDepth = 200

// parseTree reads a whole XML document into a tree. Errors carry line and
// column.
func parseTree(r io.Reader, file string) (*node, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	data, err = toUTF8(data, file)
	if err != nil {
		return nil, err
	}
	if line, col, ok := badUTF8(data); ok {
		return nil, &Error{file, line, col, "invalid UTF-8; save the file as UTF-8"}
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	// toUTF8 has decoded whatever the declaration names.
	d.CharsetReader = func(charset string, input io.Reader) (io.Reader, error) { return input, nil }
	var root *node
	var stack []*node
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			l, c := d.InputPos()
			if errors.As(err, &se) {
				return nil, &Error{file, l, c, se.Msg}
			}
			return nil, &Error{file, l, c, err.Error()}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, space: t.Name.Space, attr: t.Attr, line: line, col: col}
			if len(stack) == 0 {
				if root != nil {
					return nil, &Error{file, line, col, "more than one root element"}
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
			if len(stack) > maxDepth {
				return nil, &Error{file, line, col, fmt.Sprintf("elements nested deeper than %d", maxDepth)}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				if len(bytes.TrimSpace(t)) > 0 {
					return nil, &Error{file, line, col, "text outside the root element"}
				}
				continue
			}
			p := stack[len(stack)-1]
			if k := len(p.children); k > 0 && p.children[k-1].name == "" {
				p.children[k-1].text += string(t)
			} else {
				p.children = append(p.children, &node{text: string(t), line: line, col: col})
			}
		}
	}
	if root == nil {
		return nil, &Error{file, 1, 1, "no XML element found"}
	}
	return root, nil
}

var encodingDecl = regexp.MustCompile(`^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']`)

// toUTF8 decodes a document in UTF-16 (with a byte-order mark) or in the
// encoding its XML declaration names (windows-1251, GB18030, …) into UTF-8.
func toUTF8(data []byte, file string) ([]byte, error) {
	var enc encoding.Encoding
	name := ""
	switch {
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}):
		enc, name = unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "UTF-16"
	case bytes.HasPrefix(data, []byte{0xfe, 0xff}):
		enc, name = unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "UTF-16"
	default:
		m := encodingDecl.FindSubmatch(data[:min(len(data), 256)])
		if m == nil {
			return data, nil
		}
		name = string(m[1])
		switch strings.ToLower(name) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return data, nil
		}
		e, err := htmlindex.Get(name)
		if err != nil {
			return nil, &Error{file, 1, 1, fmt.Sprintf("encoding %q is not known; save the file as UTF-8", name)}
		}
		enc = e
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, &Error{file, 1, 1, fmt.Sprintf("the file is not valid %s: %v", name, err)}
	}
	return out, nil
}

// badUTF8 finds the first invalid UTF-8 sequence.
func badUTF8(b []byte) (line, col int, bad bool) {
	line, col = 1, 1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return line, col, true
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return 0, 0, false
}

// errAt returns an error at node n.
func errAt(file string, n *node, format string, args ...any) error {
	return &Error{file, n.line, n.col, fmt.Sprintf(format, args...)}
}

func escText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	// Keep line breaks as they are; EscapeText writes them as &#xA;.
	return strings.ReplaceAll(b.String(), "&#xA;", "\n")
}

func escAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// attrs formats name="value" pairs, skipping empty values.
func attrs(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			continue
		}
		fmt.Fprintf(&b, " %s=\"%s\"", kv[i], escAttr(kv[i+1]))
	}
	return b.String()
}
