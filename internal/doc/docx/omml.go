package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// Office Math (OMML, the m: vocabulary) is read into a small tree, because
// MathML and TeX need a formula's whole structure (a fraction's numerator
// and denominator, a radical's degree) before they can write any of it.
// The tree is converted three ways: back to OMML for Math.OMML, to
// presentation MathML and to TeX.

// mnode is one element of a formula.
type mnode struct {
	name xml.Name
	attr []xml.Attr
	kids []*mnode
	text string // character data directly inside (m:t, w:t)
}

// maxMathNodes bounds the elements of one formula.
const maxMathNodes = 100000

// readMath reads the element whose start s was just read (m:oMath or
// m:oMathPara) into a tree.
func (x *xmlPart) readMath(s xml.StartElement) (*mnode, error) {
	root := &mnode{name: s.Name, attr: s.Attr}
	stack := []*mnode{root}
	count := 1
	for len(stack) > 0 {
		t, err := x.next()
		if err != nil {
			return nil, err
		}
		switch t := t.(type) {
		case xml.StartElement:
			count++
			if count > maxMathNodes {
				return nil, x.errorf("%w: a formula of more than %d elements", ErrTooLarge, maxMathNodes)
			}
			n := &mnode{name: t.Name, attr: t.Attr}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			top := stack[len(stack)-1]
			top.text += string(t)
		}
	}
	return root, nil
}

// mname returns the local name of an Office Math element, "w:"+name for a
// WordprocessingML one, and "" for others.
func mname(n *mnode) string {
	switch {
	case n.name.Space == nsMath:
		return n.name.Local
	case isW(n.name):
		return "w:" + n.name.Local
	}
	return ""
}

// child returns the first child called name (as mname gives it), or nil.
func (n *mnode) child(name string) *mnode {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if mname(k) == name {
			return k
		}
	}
	return nil
}

// prop returns the m:val of the property element name inside the
// properties element pr of n ("fPr" → "type"), and whether it is there.
func (n *mnode) prop(pr, name string) (string, bool) {
	p := n.child(pr).child(name)
	if p == nil {
		return "", false
	}
	for _, a := range p.attr {
		if a.Name.Local == "val" {
			return a.Value, true
		}
	}
	return "", true
}

// on reads an on/off property: present without a value means on.
func (n *mnode) on(pr, name string) bool {
	v, ok := n.prop(pr, name)
	if !ok {
		return false
	}
	switch v {
	case "0", "off", "false":
		return false
	}
	return true
}

// chr reads a character property (m:chr, m:begChr), with def when the
// property is absent; a present but empty value means no character.
func (n *mnode) chr(pr, name, def string) string {
	v, ok := n.prop(pr, name)
	if !ok {
		return def
	}
	return v
}

// formulas turns an m:oMath or m:oMathPara into the formulas it holds:
// one for an m:oMath, one per line (m:oMath) for an m:oMathPara, which
// sets them on their own lines.
func formulas(n *mnode) []*doc.Math {
	if mname(n) == "oMath" {
		return []*doc.Math{formula(n, false)}
	}
	var out []*doc.Math
	var find func(n *mnode)
	find = func(n *mnode) {
		for _, k := range n.kids {
			switch mname(k) {
			case "oMath":
				out = append(out, formula(k, true))
			case "w:del", "w:moveFrom":
			default:
				find(k)
			}
		}
	}
	find(n)
	return out
}

func formula(n *mnode, display bool) *doc.Math {
	var ml strings.Builder
	ml.WriteString(`<math xmlns="` + doc.NamespaceMathML + `"`)
	if display {
		ml.WriteString(` display="block"`)
	}
	ml.WriteString(">")
	for _, p := range mathMLPieces(n.kids, mctx{}) {
		ml.WriteString(p)
	}
	ml.WriteString("</math>")
	return &doc.Math{Display: display, MathML: ml.String(), TeX: texOf(n.kids, mctx{}), OMML: ommlString(n)}
}

// ommlString writes n back as XML, with the namespaces it uses declared on
// it under their usual prefixes.
func ommlString(n *mnode) string {
	prefixes := map[string]string{}
	known := map[string]string{
		nsMath: "m", nsW: "w", nsWStrict: "w", nsMC: "mc",
		"http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
		"http://schemas.microsoft.com/office/word/2010/wordml":                "w14",
	}
	taken := map[string]bool{}
	var use func(ns string)
	use = func(ns string) {
		if ns == "" || ns == "xmlns" || ns == xmlNS {
			return
		}
		if _, ok := prefixes[ns]; ok {
			return
		}
		p := known[ns]
		if p == "" || taken[p] {
			for i := 1; ; i++ {
				p = fmt.Sprintf("ns%d", i)
				if !taken[p] {
					break
				}
			}
		}
		prefixes[ns], taken[p] = p, true
	}
	var collect func(n *mnode)
	collect = func(n *mnode) {
		use(n.name.Space)
		for _, a := range n.attr {
			use(a.Name.Space)
		}
		for _, k := range n.kids {
			collect(k)
		}
	}
	collect(n)
	qname := func(name xml.Name) string {
		switch name.Space {
		case "":
			return name.Local
		case xmlNS:
			return "xml:" + name.Local
		}
		return prefixes[name.Space] + ":" + name.Local
	}
	var b strings.Builder
	var write func(n *mnode, root bool)
	write = func(n *mnode, root bool) {
		b.WriteString("<" + qname(n.name))
		if root {
			nss := make([]string, 0, len(prefixes))
			for ns := range prefixes {
				nss = append(nss, ns)
			}
			sort.Slice(nss, func(i, j int) bool { return prefixes[nss[i]] < prefixes[nss[j]] })
			for _, ns := range nss {
				b.WriteString(" xmlns:" + prefixes[ns] + `="`)
				xml.EscapeText(&b, []byte(ns))
				b.WriteString(`"`)
			}
		}
		for _, a := range n.attr {
			if a.Name.Space == "xmlns" || (a.Name.Space == "" && a.Name.Local == "xmlns") {
				continue
			}
			b.WriteString(" " + qname(a.Name) + `="`)
			xml.EscapeText(&b, []byte(a.Value))
			b.WriteString(`"`)
		}
		if len(n.kids) == 0 && n.text == "" {
			b.WriteString("/>")
			return
		}
		b.WriteString(">")
		if len(n.kids) == 0 {
			xml.EscapeText(&b, []byte(n.text))
		}
		for _, k := range n.kids {
			write(k, false)
		}
		b.WriteString("</" + qname(n.name) + ">")
	}
	write(n, true)
	return b.String()
}

const xmlNS = "http://www.w3.org/XML/1998/namespace"

// mctx is what the conversion of a run needs to know about where it is.
type mctx struct {
	fname  bool // inside a function name: letters are upright
	eqArr  bool // inside an equation array: & marks an alignment point
	script bool // inside a superscript or subscript
}

// runStyle is the look of a run's letters.
type runStyle struct {
	normal bool   // m:nor: ordinary text, not math
	sty    string // m:sty: p (plain), b, i, bi; "" for the default (italic letters)
	scr    string // m:scr: roman, script, fraktur, double-struck, sans-serif, monospace
}

func styleOf(r *mnode, ctx mctx) runStyle {
	var st runStyle
	if rpr := r.child("rPr"); rpr != nil {
		st.normal = r.on("rPr", "nor")
		st.sty, _ = r.prop("rPr", "sty")
		st.scr, _ = r.prop("rPr", "scr")
	}
	if mname(r) == "w:r" {
		st.normal = true
	}
	if ctx.fname && st.sty == "" {
		st.sty = "p"
	}
	return st
}

// runText returns the text of a run (m:t, w:t; w:sym mapped to Unicode).
func runText(r *mnode) string {
	var b strings.Builder
	for _, k := range r.kids {
		switch mname(k) {
		case "t", "w:t":
			b.WriteString(k.text)
		case "w:sym":
			font, char := "", ""
			for _, a := range k.attr {
				switch a.Name.Local {
				case "font":
					font = a.Value
				case "char":
					char = a.Value
				}
			}
			if s, ok := symbolChar(font, char); ok {
				b.WriteString(s)
			}
		case "w:tab":
			b.WriteString(" ")
		}
	}
	return b.String()
}

// arguments returns the child elements that hold a structure's arguments
// (m:e, m:num, …), by name.
func arg(n *mnode, name string) []*mnode {
	if c := n.child(name); c != nil {
		return c.kids
	}
	return nil
}

// readFormulas reads an m:oMath or m:oMathPara element standing alone (for
// tests and fuzzing, which feed the converter without a package around it).
func readFormulas(src []byte) ([]*doc.Math, error) {
	x := &xmlPart{d: xml.NewDecoder(bytes.NewReader(src)), name: "formula", maxDepth: DefaultLimits.MaxDepth}
	x.d.Strict = true
	root, err := x.root()
	if err != nil {
		return nil, err
	}
	if root.Name.Space != nsMath || (root.Name.Local != "oMath" && root.Name.Local != "oMathPara") {
		return nil, fmt.Errorf("%w: <%s> is not an Office Math formula", ErrMalformed, root.Name.Local)
	}
	tree, err := x.readMath(root)
	if err != nil {
		return nil, err
	}
	return formulas(tree), nil
}
