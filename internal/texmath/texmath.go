// Package texmath converts formulas in the simple TeX that tandem's
// importers keep (letters, digits, operators, sub- and superscripts,
// \frac, \sqrt, \text, \left and \right, Greek letters and the common
// symbols) into Typst math, for the print edition, and into presentation
// MathML, for the EPUB, so that the two show a formula alike. Anything
// beyond that subset (environments, alignment, unknown commands,
// characters beyond ASCII) is refused, and the caller shows the TeX as
// code rather than a wrong formula.
package texmath

import (
	"html"
	"strings"
)

// symbol is a TeX command's Typst name and Unicode character, and whether
// MathML takes it as an identifier (a letter) rather than an operator.
type symbol struct {
	typst, char string
	ident       bool
}

var symbols = map[string]symbol{
	"cdot": {"dot.op", "⋅", false}, "times": {"times", "×", false}, "div": {"div", "÷", false},
	"pm": {"plus.minus", "±", false}, "mp": {"minus.plus", "∓", false},
	"le": {"<=", "≤", false}, "leq": {"<=", "≤", false}, "ge": {">=", "≥", false}, "geq": {">=", "≥", false},
	"ne": {"!=", "≠", false}, "neq": {"!=", "≠", false}, "approx": {"approx", "≈", false},
	"equiv": {"equiv", "≡", false}, "sim": {"tilde.op", "∼", false}, "propto": {"prop", "∝", false},
	"infty": {"infinity", "∞", true}, "partial": {"diff", "∂", true}, "nabla": {"nabla", "∇", true},
	"sum": {"sum", "∑", false}, "prod": {"product", "∏", false}, "int": {"integral", "∫", false},
	"oint": {"integral.cont", "∮", false}, "to": {"arrow.r", "→", false}, "rightarrow": {"arrow.r", "→", false},
	"leftarrow": {"arrow.l", "←", false}, "Rightarrow": {"arrow.r.double", "⇒", false},
	"Leftrightarrow": {"arrow.l.r.double", "⇔", false}, "in": {"in", "∈", false}, "notin": {"in.not", "∉", false},
	"subset": {"subset", "⊂", false}, "subseteq": {"subset.eq", "⊆", false}, "cup": {"union", "∪", false},
	"cap": {"sect", "∩", false}, "forall": {"forall", "∀", false}, "exists": {"exists", "∃", false},
	"ldots": {"dots.h", "…", false}, "dots": {"dots.h", "…", false}, "cdots": {"dots.c", "⋯", false},
	"circ": {"compose", "∘", false}, "degree": {"degree", "°", false},
	"alpha": {"alpha", "α", true}, "beta": {"beta", "β", true}, "gamma": {"gamma", "γ", true},
	"delta": {"delta", "δ", true}, "epsilon": {"epsilon", "ϵ", true}, "varepsilon": {"epsilon.alt", "ε", true},
	"zeta": {"zeta", "ζ", true}, "eta": {"eta", "η", true}, "theta": {"theta", "θ", true},
	"iota": {"iota", "ι", true}, "kappa": {"kappa", "κ", true}, "lambda": {"lambda", "λ", true},
	"mu": {"mu", "μ", true}, "nu": {"nu", "ν", true}, "xi": {"xi", "ξ", true}, "pi": {"pi", "π", true},
	"rho": {"rho", "ρ", true}, "sigma": {"sigma", "σ", true}, "tau": {"tau", "τ", true},
	"upsilon": {"upsilon", "υ", true}, "phi": {"phi.alt", "ϕ", true}, "varphi": {"phi", "φ", true},
	"chi": {"chi", "χ", true}, "psi": {"psi", "ψ", true}, "omega": {"omega", "ω", true},
	"Gamma": {"Gamma", "Γ", true}, "Delta": {"Delta", "Δ", true}, "Theta": {"Theta", "Θ", true},
	"Lambda": {"Lambda", "Λ", true}, "Xi": {"Xi", "Ξ", true}, "Pi": {"Pi", "Π", true},
	"Sigma": {"Sigma", "Σ", true}, "Phi": {"Phi", "Φ", true}, "Psi": {"Psi", "Ψ", true}, "Omega": {"Omega", "Ω", true},
	"{": {"\\{", "{", false}, "}": {"\\}", "}", false}, "%": {"%", "%", false}, "$": {"\\$", "$", false},
	"_": {"\\_", "_", false}, "&": {"\\&", "&", false}, "#": {"\\#", "#", false},
}

// functions are the TeX commands for named functions, set upright.
var functions = map[string]bool{"sin": true, "cos": true, "tan": true, "log": true, "ln": true,
	"exp": true, "lim": true, "max": true, "min": true, "det": true}

// spaces are TeX's spacing commands with Typst's names and their widths.
var spaces = map[string][2]string{",": {"thin", "0.1667em"}, ";": {"med", "0.2778em"}, ":": {"med", "0.2222em"},
	"quad": {"quad", "1em"}, "qquad": {"wide", "2em"}, " ": {"space", "0.25em"}}

// kind is the kind of a node of a formula.
type kind int

const (
	ident  kind = iota // a letter or a symbol taken as one (α, ∞)
	number             // digits
	op                 // an operator or punctuation
	word               // upright text (\text, a function's name)
	space              // a spacing command
	row                // children in a row
	frac               // children: numerator, denominator
	sqrt               // child: the radicand; root: and its index
	script             // base with a subscript and/or superscript
)

// node is one part of a formula. For symbols, typ is the Typst form and
// text the Unicode text.
type node struct {
	kind          kind
	typ, text     string
	width         string // a space's
	kids          []*node
	sub, sup      *node // a script's
	index         *node // a root's
	operatorName  bool  // \operatorname: a word that is an operator
	largeOperator bool
}

// parse reads tex into a row, or reports false.
func parse(tex string) (*node, bool) {
	p := &parser{s: tex}
	n, ok := p.row(0)
	if !ok || p.i < len(p.s) {
		return nil, false
	}
	return n, true
}

type parser struct {
	s     string
	i     int
	depth int
}

// row reads nodes up to the closing brace (end '}') or the end (end 0).
func (p *parser) row(end byte) (*node, bool) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 50 {
		return nil, false
	}
	r := &node{kind: row}
	for p.i < len(p.s) {
		c := p.s[p.i]
		if end != 0 && c == end {
			return r, balanced(r)
		}
		if c == '^' || c == '_' {
			p.i++
			arg, ok := p.arg()
			if !ok {
				return nil, false
			}
			// The script goes on the node before it, or on nothing.
			var base *node
			if n := len(r.kids); n > 0 && r.kids[n-1].kind != space {
				base = r.kids[n-1]
				r.kids = r.kids[:n-1]
			} else {
				base = &node{kind: row}
			}
			if base.kind != script || (c == '^' && base.sup != nil) || (c == '_' && base.sub != nil) {
				base = &node{kind: script, kids: []*node{base}}
			}
			if c == '^' {
				base.sup = arg
			} else {
				base.sub = arg
			}
			r.kids = append(r.kids, base)
			continue
		}
		n, ok := p.atom()
		if !ok {
			return nil, false
		}
		if n != nil {
			r.kids = append(r.kids, n)
		}
	}
	// The formula itself may leave a bracket open ([0, 1)); a group,
	// which may become an argument of a Typst call, may not.
	if end != 0 || p.depth > 1 && !balanced(r) {
		return nil, false
	}
	return r, true
}

// balanced reports whether the parentheses and brackets of a row pair up,
// as Typst reads them when the row is an argument of frac or sqrt.
func balanced(r *node) bool {
	depth := 0
	for _, k := range r.kids {
		if k.kind != op {
			continue
		}
		switch k.typ {
		case "(", "[":
			depth++
		case ")", "]":
			depth--
		}
		if depth < 0 {
			return false
		}
	}
	return depth == 0
}

// arg reads one argument: a braced group or one atom.
func (p *parser) arg() (*node, bool) {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
	if p.i >= len(p.s) {
		return nil, false
	}
	if p.s[p.i] == '{' {
		p.i++
		n, ok := p.row('}')
		if !ok {
			return nil, false
		}
		p.i++
		return n, true
	}
	n, ok := p.atom()
	if !ok || n == nil || n.kind == space {
		return nil, false
	}
	return n, true
}

// atom reads one letter, number, operator, group or command; a nil node
// is something that shows nothing (a blank, \left).
func (p *parser) atom() (*node, bool) {
	c := p.s[p.i]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		p.i++
		return &node{kind: ident, typ: string(c), text: string(c)}, true
	case c >= '0' && c <= '9' || c == '.':
		j := p.i
		for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == '.') {
			j++
		}
		t := p.s[p.i:j]
		p.i = j
		if t == "." {
			return &node{kind: op, typ: ".", text: "."}, true
		}
		return &node{kind: number, typ: t, text: t}, true
	case c == ' ' || c == '\t' || c == '\n':
		p.i++
		return nil, true
	case strings.IndexByte("+-=<>()[],!|':;*", c) >= 0:
		p.i++
		t := string(c)
		switch c {
		case '-':
			t = "−"
		case '*':
			t = "∗"
		case '\'':
			t = "′"
		}
		typ := string(c)
		if c == ',' || c == ';' || c == ':' {
			typ = `\` + typ // inside a Typst call these separate arguments
		}
		return &node{kind: op, typ: typ, text: t}, true
	case c == '/':
		p.i++
		return &node{kind: op, typ: "slash", text: "/"}, true
	case c == '{':
		p.i++
		n, ok := p.row('}')
		if !ok {
			return nil, false
		}
		p.i++
		return n, true
	case c == '\\':
		return p.command()
	}
	return nil, false
}

func (p *parser) command() (*node, bool) {
	p.i++ // the backslash
	if p.i >= len(p.s) {
		return nil, false
	}
	j := p.i
	for j < len(p.s) && (p.s[j] >= 'a' && p.s[j] <= 'z' || p.s[j] >= 'A' && p.s[j] <= 'Z') {
		j++
	}
	if j == p.i {
		j++ // a one-character command: \, \{
	}
	name := p.s[p.i:j]
	p.i = j
	switch name {
	case "frac", "dfrac", "tfrac":
		a, ok := p.arg()
		if !ok {
			return nil, false
		}
		b, ok := p.arg()
		if !ok {
			return nil, false
		}
		return &node{kind: frac, kids: []*node{a, b}}, true
	case "sqrt":
		var index *node
		if p.i < len(p.s) && p.s[p.i] == '[' {
			k := strings.IndexByte(p.s[p.i:], ']')
			if k < 0 {
				return nil, false
			}
			inner := &parser{s: p.s[p.i+1 : p.i+k], depth: p.depth}
			var ok bool
			if index, ok = inner.row(0); !ok || inner.i < len(inner.s) {
				return nil, false
			}
			p.i += k + 1
		}
		a, ok := p.arg()
		if !ok {
			return nil, false
		}
		return &node{kind: sqrt, kids: []*node{a}, index: index}, true
	case "text", "mathrm", "textrm", "operatorname":
		if p.i >= len(p.s) || p.s[p.i] != '{' {
			return nil, false
		}
		k := strings.IndexByte(p.s[p.i:], '}')
		if k < 0 {
			return nil, false
		}
		t := p.s[p.i+1 : p.i+k]
		p.i += k + 1
		for _, r := range t {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(" .,-", r)) {
				return nil, false
			}
		}
		return &node{kind: word, text: t, operatorName: name == "operatorname"}, true
	case "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr":
		return nil, true // the delimiters after them are sized by the renderer
	}
	if functions[name] {
		return &node{kind: word, text: name, typ: name, operatorName: true}, true
	}
	if sp, ok := spaces[name]; ok {
		return &node{kind: space, typ: sp[0], width: sp[1]}, true
	}
	if s, ok := symbols[name]; ok {
		k := op
		if s.ident {
			k = ident
		}
		n := &node{kind: k, typ: s.typst, text: s.char}
		n.largeOperator = name == "sum" || name == "prod" || name == "int" || name == "oint"
		return n, true
	}
	return nil, false
}

// Typst returns tex as Typst math (the inside of $…$), or false when tex
// is empty or beyond the subset.
func Typst(tex string) (string, bool) {
	n, ok := parse(tex)
	if !ok || len(n.kids) == 0 {
		return "", false
	}
	var b strings.Builder
	typst(&b, n)
	return strings.TrimSpace(b.String()), true
}

func typst(b *strings.Builder, n *node) {
	switch n.kind {
	case ident, number, op, space:
		b.WriteString(n.typ + " ")
	case word:
		if n.operatorName {
			if n.typ != "" {
				b.WriteString(n.typ + " ") // Typst's own: sin, log…
			} else {
				b.WriteString(`op("` + n.text + `") `)
			}
		} else {
			b.WriteString(`upright("` + n.text + `") `)
		}
	case row:
		if len(n.kids) == 0 {
			b.WriteString(`"" `)
		}
		for _, k := range n.kids {
			typst(b, k)
		}
	case frac:
		b.WriteString("frac(")
		typst(b, n.kids[0])
		b.WriteString(", ")
		typst(b, n.kids[1])
		b.WriteString(") ")
	case sqrt:
		if n.index != nil {
			b.WriteString("root(")
			typst(b, n.index)
			b.WriteString(", ")
		} else {
			b.WriteString("sqrt(")
		}
		typst(b, n.kids[0])
		b.WriteString(") ")
	case script:
		if base := n.kids[0]; base.kind == row && len(base.kids) > 1 {
			// A group ({a+b}^2) is attached to whole, without the
			// parentheses Typst would show.
			b.WriteString("attach(")
			typst(b, base)
			if n.sub != nil {
				b.WriteString(", b: ")
				typst(b, n.sub)
			}
			if n.sup != nil {
				b.WriteString(", t: ")
				typst(b, n.sup)
			}
			b.WriteString(") ")
			return
		}
		// The script follows its base with no space between.
		var base strings.Builder
		typst(&base, n.kids[0])
		b.WriteString(strings.TrimRight(base.String(), " "))
		if n.sub != nil {
			b.WriteString("_(")
			typst(b, n.sub)
			b.WriteString(")")
		}
		if n.sup != nil {
			b.WriteString("^(")
			typst(b, n.sup)
			b.WriteString(")")
		}
		b.WriteString(" ")
	}
}

// MathML returns tex as one presentation MathML <math> element (in the
// MathML namespace, display="block" when display), or false when tex is
// empty or beyond the subset.
func MathML(tex string, display bool) (string, bool) {
	n, ok := parse(tex)
	if !ok || len(n.kids) == 0 {
		return "", false
	}
	var b strings.Builder
	b.WriteString(`<math xmlns="http://www.w3.org/1998/Math/MathML"`)
	if display {
		b.WriteString(` display="block"`)
	}
	b.WriteString(">")
	mathml(&b, n)
	b.WriteString("</math>")
	return b.String(), true
}

func mathml(b *strings.Builder, n *node) {
	esc := html.EscapeString
	switch n.kind {
	case ident:
		b.WriteString("<mi>" + esc(n.text) + "</mi>")
	case number:
		b.WriteString("<mn>" + esc(n.text) + "</mn>")
	case op:
		if n.largeOperator {
			b.WriteString(`<mo largeop="true">` + esc(n.text) + "</mo>")
		} else {
			b.WriteString("<mo>" + esc(n.text) + "</mo>")
		}
	case word:
		if n.operatorName {
			b.WriteString("<mi>" + esc(n.text) + "</mi>")
		} else {
			b.WriteString("<mtext>" + esc(n.text) + "</mtext>")
		}
	case space:
		b.WriteString(`<mspace width="` + n.width + `"/>`)
	case row:
		b.WriteString("<mrow>")
		for _, k := range n.kids {
			mathml(b, k)
		}
		b.WriteString("</mrow>")
	case frac:
		b.WriteString("<mfrac>")
		mathml(b, n.kids[0])
		mathml(b, n.kids[1])
		b.WriteString("</mfrac>")
	case sqrt:
		if n.index != nil {
			b.WriteString("<mroot>")
			mathml(b, n.kids[0])
			mathml(b, n.index)
			b.WriteString("</mroot>")
		} else {
			b.WriteString("<msqrt>")
			mathml(b, n.kids[0])
			b.WriteString("</msqrt>")
		}
	case script:
		tag := "msubsup"
		switch {
		case n.sub == nil:
			tag = "msup"
		case n.sup == nil:
			tag = "msub"
		}
		b.WriteString("<" + tag + ">")
		mathml(b, n.kids[0])
		if n.sub != nil {
			mathml(b, n.sub)
		}
		if n.sup != nil {
			mathml(b, n.sup)
		}
		b.WriteString("</" + tag + ">")
	}
}
