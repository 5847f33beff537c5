package doc

import (
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// NamespaceMathML is the namespace of MathML elements.
const NamespaceMathML = "http://www.w3.org/1998/Math/MathML"

// math writes a formula: its MathML when it has some that passes
// CleanMathML, else its TeX between \( \) or \[ \] for a script such as
// MathJax or KaTeX to typeset.
func (h *htmlWriter) math(m *Math) {
	if m == nil {
		return
	}
	if m.MathML != "" {
		if clean, err := CleanMathML(m.MathML, m.Display); err == nil {
			h.s(clean)
			return
		}
	}
	if m.TeX == "" {
		return
	}
	open, close := `\(`, `\)`
	if m.Display {
		open, close = `\[`, `\]`
	}
	h.s(`<span class="math">`)
	h.text(open + m.TeX + close)
	h.s("</span>")
}

// mathElements are the presentation MathML elements CleanMathML keeps.
var mathElements = map[string]bool{
	"math": true, "mi": true, "mn": true, "mo": true, "ms": true, "mtext": true, "mspace": true,
	"mrow": true, "mfrac": true, "msqrt": true, "mroot": true, "mstyle": true, "merror": true,
	"mpadded": true, "mphantom": true, "menclose": true, "msub": true, "msup": true,
	"msubsup": true, "munder": true, "mover": true, "munderover": true, "mmultiscripts": true,
	"mprescripts": true, "none": true, "mtable": true, "mtr": true, "mtd": true,
	"semantics": true, "annotation": true,
}

// mathAttributes are the attributes CleanMathML keeps: those that change
// how a formula looks, none that runs code or loads anything.
var mathAttributes = map[string]bool{
	"display": true, "mathvariant": true, "stretchy": true, "fence": true, "separator": true,
	"accent": true, "accentunder": true, "linethickness": true, "bevelled": true, "notation": true,
	"columnalign": true, "rowalign": true, "columnspacing": true, "rowspacing": true,
	"lspace": true, "rspace": true, "width": true, "height": true, "depth": true, "largeop": true,
	"movablelimits": true, "form": true, "encoding": true, "displaystyle": true, "scriptlevel": true,
	"minsize": true, "maxsize": true, "symmetric": true, "rowlines": true, "columnlines": true,
	"frame": true, "columnspan": true, "rowspan": true,
}

var errNotMathML = errors.New("not a MathML formula")

// CleanMathML parses s, which must be one MathML <math> element, and
// writes it again with only presentation MathML elements and attributes
// that change how it looks, so that a formula from any source can be put
// into a page. The root gets the MathML namespace and, when display is
// true, display="block". It fails on anything else.
func CleanMathML(s string, display bool) (string, error) {
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var b strings.Builder
	depth := 0
	for {
		t, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if !mathElements[t.Name.Local] || (t.Name.Space != "" && t.Name.Space != NamespaceMathML) ||
				(depth == 0) != (t.Name.Local == "math") || (depth == 0 && b.Len() > 0) {
				return "", errNotMathML
			}
			depth++
			if depth > 64 {
				return "", errNotMathML
			}
			b.WriteString("<" + t.Name.Local)
			if depth == 1 {
				b.WriteString(` xmlns="` + NamespaceMathML + `"`)
				if display {
					b.WriteString(` display="block"`)
				}
			}
			for _, a := range t.Attr {
				if a.Name.Space != "" || !mathAttributes[a.Name.Local] || (depth == 1 && a.Name.Local == "display") {
					continue
				}
				b.WriteString(" " + a.Name.Local + `="`)
				b.WriteString(attrEscaper.Replace(a.Value))
				b.WriteString(`"`)
			}
			b.WriteString(">")
		case xml.EndElement:
			depth--
			b.WriteString("</" + t.Name.Local + ">")
		case xml.CharData:
			if depth == 0 {
				if strings.TrimSpace(string(t)) != "" {
					return "", errNotMathML
				}
				continue
			}
			b.WriteString(textEscaper.Replace(string(t)))
		case xml.Directive:
			return "", errNotMathML
		}
	}
	if b.Len() == 0 {
		return "", errNotMathML
	}
	return b.String(), nil
}

// mathText is a formula as text: its TeX, or when it has none the
// characters of its MathML ("E=mc2"), or "" when it has neither.
func mathText(m *Math) string {
	if m.TeX != "" || m.MathML == "" {
		return m.TeX
	}
	d := xml.NewDecoder(strings.NewReader(m.MathML))
	var b strings.Builder
	for {
		t, err := d.Token()
		if err != nil {
			return b.String()
		}
		if cd, ok := t.(xml.CharData); ok {
			b.WriteString(strings.TrimSpace(string(cd)))
		}
	}
}
