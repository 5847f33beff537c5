package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/textenc"
)

// An Error is a problem in an interchange file, with its place.
type Error struct {
	File      string
	Line, Col int
	Msg       string
	// Syntax says the file is not well-formed XML (Msg is the XML
	// parser's detail, in English, for the log): a page can say so in
	// its reader's language, with Line.
	Syntax bool
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

// An xmlFormat says what a reader expects a file to be: its name in
// messages ("an XLIFF file") and the root elements it accepts.
type xmlFormat struct {
	what  string
	roots []string
}

var (
	formatXLIFF = xmlFormat{"an XLIFF file", []string{"xliff"}}
	formatTMX   = xmlFormat{"a TMX file", []string{"tmx"}}
	formatTBX   = xmlFormat{"a TBX termbase", []string{"martif", "tbx"}}
)

// knownRoots names the files other readers take by their root element,
// for the message when one is given in place of another.
var knownRoots = map[string]string{
	"xliff": "an XLIFF file", "tmx": "a TMX file", "martif": "a TBX termbase", "tbx": "a TBX termbase",
	"srx": "an SRX rule file", "html": "an HTML page", "document": "a Word XML part",
	"TEI": "a TEI document", "rss": "an RSS feed", "feed": "an Atom feed", "svg": "an SVG image",
}

func (f xmlFormat) rootList() string {
	var names []string
	for _, r := range f.roots {
		names = append(names, "<"+r+">")
	}
	return strings.Join(names, " or ")
}

// parseTree reads a whole XML document of format f into a tree: the one
// place where XLIFF, TMX and TBX input is opened. It takes any encoding
// textenc.DecodeXML knows, with or without a byte-order mark, and white
// space before the declaration. A file that is not f at all (empty, binary, an HTML
// page, text before or after the root element, another root element) or
// is not well-formed XML is refused with an error that says what was
// found, with line and column; a contradicting declaration is a warning.
func (rd *reading) parseTree(r io.Reader, f xmlFormat) (*node, error) {
	file := rd.file
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	text, err := textenc.DecodeXML(data)
	if err != nil {
		return nil, decodeError(file, f.what, err)
	}
	for _, w := range text.Warnings {
		rd.warnLine(1, "%s", w)
	}
	d := xml.NewDecoder(bytes.NewReader(text.Bytes))
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
				return nil, &Error{File: file, Line: l, Col: c, Msg: se.Msg, Syntax: true}
			}
			return nil, &Error{File: file, Line: l, Col: c, Msg: err.Error(), Syntax: true}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{name: t.Name.Local, space: t.Name.Space, attr: t.Attr, line: line, col: col}
			if len(stack) == 0 {
				if root != nil {
					return nil, &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf("a second root element <%s> after the end of <%s>", n.name, root.name), Syntax: true}
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			}
			stack = append(stack, n)
			if len(stack) > maxDepth {
				return nil, &Error{File: file, Line: line, Col: col, Msg: fmt.Sprintf("elements nested deeper than %d", maxDepth)}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) == 0 {
				// DecodeXML has refused text before the root.
				if len(bytes.TrimSpace(t)) > 0 && root != nil {
					j := textNode(t, line, col)
					return nil, &Error{File: file, Line: j.line, Col: j.col, Msg: fmt.Sprintf("%s after the end of the root element <%s>", excerpt(j.text), root.name), Syntax: true}
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
		return nil, &Error{File: file, Line: 1, Col: 1, Msg: fmt.Sprintf("no XML element found: this is not %s", f.what)}
	}
	for _, want := range f.roots {
		if root.name == want {
			return root, nil
		}
	}
	if what, ok := knownRoots[root.name]; ok {
		return nil, errAt(file, root, "root element <%s>: this is %s, not %s", root.name, what, f.what)
	}
	return nil, errAt(file, root, "root element <%s>, want %s: this is not %s", root.name, f.rootList(), f.what)
}

// textNode makes a text node of t placed where its first character other
// than white space is, so that messages point at the text itself.
func textNode(t []byte, line, col int) *node {
	lead := len(t) - len(bytes.TrimLeft(t, " \t\r\n"))
	for _, c := range t[:lead] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return &node{text: string(t), line: line, col: col}
}

// errAt returns an error at node n.
func errAt(file string, n *node, format string, args ...any) error {
	return &Error{File: file, Line: n.line, Col: n.col, Msg: fmt.Sprintf(format, args...)}
}

// escText and escAttr escape text for the XML files tandem writes (XLIFF,
// TMX, TBX), without the break hints (lang.BreakHint) a name or title
// stores for the site's line breaks: they are no part of a text others
// translate or reuse.
func escText(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(lang.WithoutBreakHints(s)))
	// Keep line breaks as they are; EscapeText writes them as &#xA;.
	return strings.ReplaceAll(b.String(), "&#xA;", "\n")
}

func escAttr(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(lang.WithoutBreakHints(s)))
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
