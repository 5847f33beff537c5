package docx

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tandemforum/tandem/internal/textenc"
)

// Namespaces of WordprocessingML in its transitional and strict forms; the
// reader accepts both.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsMath    = "http://schemas.openxmlformats.org/officeDocument/2006/math"
)

// xmlPart reads the elements of one XML part, refusing DTDs and bounding the
// nesting depth.
type xmlPart struct {
	d        *xml.Decoder
	name     string
	depth    int
	maxDepth int
	// src, when the part is streamed from the package, is closed when
	// the decoder stops.
	src io.Closer
}

// sdtContent calls visit for each element inside the w:sdtContent of a
// content control (w:sdt): the control's content is kept, its properties
// are not.
func (x *xmlPart) sdtContent(visit func(xml.StartElement) error) error {
	return x.children(func(c xml.StartElement) error {
		if wname(c.Name) == "sdtContent" {
			return x.children(visit)
		}
		return x.skip()
	})
}

// eachChild calls fn for each child element of the root of part name; a
// part the package lacks (optional parts: styles, numbering, notes) has
// none.
func (p *pkg) eachChild(name string, fn func(x *xmlPart, s xml.StartElement) error) error {
	if name == "" || !p.has(name) {
		return nil
	}
	x, err := p.xml(name)
	if err != nil {
		return err
	}
	if _, err := x.root(); err != nil {
		return err
	}
	return x.children(func(s xml.StartElement) error { return fn(x, s) })
}

// xml opens an XML part for reading, decoded by partText.
func (p *pkg) xml(name string) (*xmlPart, error) {
	rc, err := p.open(name, p.lim.MaxPart)
	if err != nil {
		return nil, err
	}
	// A part in UTF-8, as nearly all are, streams through the decoder
	// (which checks the UTF-8 itself); only another encoding needs the
	// whole part in memory to be decoded first.
	br := bufio.NewReaderSize(rc, 4096)
	head, _ := br.Peek(512)
	if plainUTF8(head) {
		if bytes.HasPrefix(head, []byte("\ufeff")) {
			br.Discard(3)
		}
		d := xml.NewDecoder(br)
		d.Strict = true
		return &xmlPart{d: d, name: name, maxDepth: p.lim.MaxDepth, src: rc}, nil
	}
	data, err := io.ReadAll(br)
	rc.Close()
	if err != nil {
		return nil, err
	}
	text, err := partText(name, data)
	if err != nil {
		return nil, err
	}
	d := xml.NewDecoder(bytes.NewReader(text))
	d.Strict = true
	return &xmlPart{d: d, name: name, maxDepth: p.lim.MaxDepth}, nil
}

// plainUTF8 reports whether the start of an XML part shows it is UTF-8
// that the decoder can read as it is: no mark but UTF-8's, no zero bytes
// of UTF-16 or UTF-32, an XML declaration (if any) that names UTF-8 or no
// encoding, and the root's markup first.
func plainUTF8(head []byte) bool {
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	rest := bytes.TrimLeft(head, " \t\r\n")
	if bytes.HasPrefix(rest, []byte("<?xml")) {
		end := bytes.Index(rest, []byte("?>"))
		if end < 0 {
			return false
		}
		decl := strings.ToLower(string(rest[:end]))
		if i := strings.Index(decl, "encoding"); i >= 0 {
			enc := strings.Trim(strings.TrimLeft(decl[i+len("encoding"):], " \t\r\n="), " \t\r\n\"'")
			if !strings.HasPrefix(enc, "utf-8") && !strings.HasPrefix(enc, "utf8") {
				return false
			}
		}
		rest = bytes.TrimLeft(rest[end+2:], " \t\r\n")
	}
	// Markup must come next, and not an HTML page's: what else is there
	// is named by the slower path.
	lower := bytes.ToLower(rest[:min(len(rest), 9)])
	return bytes.HasPrefix(rest, []byte("<")) && !bytes.HasPrefix(lower, []byte("<html")) && !bytes.HasPrefix(lower, []byte("<!doctype"))
}

// partText returns an XML part in UTF-8, as textenc.DecodeXML reads it:
// Open Packaging Conventions allow UTF-8 and UTF-16 parts, with or without
// a byte-order mark. A part that is not XML is malformed, with the line
// and what was found. What DecodeXML warns of (a declaration the mark
// contradicts) is left unsaid: the user cannot act on the inside of a
// package.
func partText(name string, data []byte) ([]byte, error) {
	t, err := textenc.DecodeXML(data)
	if err == nil {
		return t.Bytes, nil
	}
	var e *textenc.Error
	switch {
	case errors.Is(err, textenc.ErrEmpty):
		return nil, fmt.Errorf("%s: %w: the part is empty", name, ErrMalformed)
	case errors.As(err, &e):
		return nil, fmt.Errorf("%s: line %d: %w: %s", name, e.Line, ErrMalformed, e.Msg)
	}
	return nil, fmt.Errorf("%s: %w: %v", name, ErrMalformed, err)
}

// next returns the next token. Comments and processing instructions are
// passed over.
func (x *xmlPart) next() (xml.Token, error) {
	for {
		t, err := x.d.Token()
		if err != nil {
			if x.src != nil {
				x.src.Close()
				x.src = nil
			}
			if err == io.EOF {
				if x.depth > 0 {
					return nil, x.errorf("%w: the XML ends early", ErrMalformed)
				}
				return nil, io.EOF
			}
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, fmt.Errorf("%s: line %d: %w: %s", x.name, se.Line, ErrMalformed, se.Msg)
			}
			if errors.Is(err, ErrTooLarge) || errors.Is(err, ErrMalformed) {
				return nil, err
			}
			return nil, x.errorf("%w: %v", ErrMalformed, err)
		}
		switch t := t.(type) {
		case xml.StartElement:
			x.depth++
			if x.depth > x.maxDepth {
				return nil, x.errorf("%w: elements nested more than %d deep", ErrTooLarge, x.maxDepth)
			}
			return t, nil
		case xml.EndElement:
			x.depth--
			return t, nil
		case xml.CharData:
			return t, nil
		case xml.Directive:
			return nil, x.errorf("%w: a DTD or entity declaration (<!%s…>) is not allowed", ErrUnsafe, firstWord(t))
		}
	}
}

func firstWord(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.IndexAny(s, " \t\r\n["); i >= 0 {
		s = s[:i]
	}
	if len(s) > 20 {
		s = s[:20]
	}
	return s
}

func (x *xmlPart) errorf(format string, args ...any) error {
	line, _ := x.d.InputPos()
	return fmt.Errorf("%s: line %d: "+format, append([]any{x.name, line}, args...)...)
}

// skip consumes the rest of the element whose start was just read.
func (x *xmlPart) skip() error {
	target := x.depth - 1
	for x.depth > target {
		if _, err := x.next(); err != nil {
			return err
		}
	}
	return nil
}

// root returns the document element.
func (x *xmlPart) root() (xml.StartElement, error) {
	for {
		t, err := x.next()
		if err != nil {
			if err == io.EOF {
				return xml.StartElement{}, fmt.Errorf("%s: %w: the part is empty", x.name, ErrMalformed)
			}
			return xml.StartElement{}, err
		}
		if s, ok := t.(xml.StartElement); ok {
			return s, nil
		}
	}
}

// children calls fn for each child element of the element whose start was
// just read, and collects its character data into text when text is not
// nil. fn must consume the child entirely (with skip, children or its own
// loop).
func (x *xmlPart) children(fn func(s xml.StartElement) error) error {
	target := x.depth - 1
	for {
		t, err := x.next()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			if x.depth == target {
				return nil
			}
		}
	}
}

// text returns the character data of the element whose start was just
// read, consuming it.
func (x *xmlPart) text() (string, error) {
	var b strings.Builder
	target := x.depth - 1
	for x.depth > target {
		t, err := x.next()
		if err != nil {
			return "", err
		}
		if c, ok := t.(xml.CharData); ok && x.depth == target+1 {
			b.Write(c)
		}
	}
	return b.String(), nil
}

func isW(n xml.Name) bool { return n.Space == nsW || n.Space == nsWStrict }

// wname returns the local name of a WordprocessingML element and "" for
// elements of other vocabularies.
func wname(n xml.Name) string {
	if isW(n) {
		return n.Local
	}
	return ""
}

// attr returns the value of the attribute with the given local name.
func attr(s xml.StartElement, local string) string {
	for _, a := range s.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// onOff reads a toggle property such as <w:b/> or <w:b w:val="false"/>.
func onOff(s xml.StartElement) bool {
	switch attr(s, "val") {
	case "0", "false", "off", "none":
		return false
	}
	return true
}

// isOn reads an on/off attribute, which is off when absent.
func isOn(v string) bool {
	switch v {
	case "1", "true", "on":
		return true
	}
	return false
}
