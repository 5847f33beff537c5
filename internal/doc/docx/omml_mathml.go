package docx

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// mtoken is one token of a run's text: an identifier, a number, an
// operator or ordinary text.
type mtoken struct {
	kind string // "mi", "mn", "mo", "mtext", or "align" for an & in an equation array
	text string
}

// functionNames are the names of functions set upright in formulas, which
// TeX writes as commands.
var functionNames = map[string]bool{
	"sin": true, "cos": true, "tan": true, "cot": true, "sec": true, "csc": true,
	"arcsin": true, "arccos": true, "arctan": true, "sinh": true, "cosh": true, "tanh": true, "coth": true,
	"log": true, "ln": true, "lg": true, "exp": true, "lim": true, "max": true, "min": true, "sup": true,
	"inf": true, "det": true, "dim": true, "ker": true, "deg": true, "gcd": true, "arg": true, "hom": true,
	"Pr": true, "limsup": true, "liminf": true, "tg": true, "ctg": true, "arctg": true, "arcctg": true, "sh": true, "ch": true, "th": true,
}

// tokens splits a run's text: digits (with a decimal point or comma
// between them) make numbers; letters make identifiers, one per letter
// when they are italic (each is a variable) and one per word when they are
// upright (a unit, a function name); anything else is an operator.
func tokens(text string, st runStyle, ctx mctx) []mtoken {
	if st.normal {
		if text == "" {
			return nil
		}
		return []mtoken{{"mtext", text}}
	}
	upright := st.sty == "p" || st.sty == "b"
	var out []mtoken
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		j := i + n
		switch {
		case unicode.IsDigit(r):
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsDigit(r2) {
					j += n2
					continue
				}
				if (r2 == '.' || r2 == ',') && j+n2 < len(text) {
					if r3, _ := utf8.DecodeRuneInString(text[j+n2:]); unicode.IsDigit(r3) {
						j += n2
						continue
					}
				}
				break
			}
			out = append(out, mtoken{"mn", text[i:j]})
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if upright {
				for j < len(text) {
					r2, n2 := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsLetter(r2) && !unicode.Is(unicode.Mn, r2) {
						break
					}
					j += n2
				}
			}
			out = append(out, mtoken{"mi", text[i:j]})
		case unicode.IsSpace(r):
			// Spacing in formulas is the renderer's.
		case r == '&' && ctx.eqArr:
			out = append(out, mtoken{"align", "&"})
		default:
			out = append(out, mtoken{"mo", text[i:j]})
		}
		i = j
	}
	return out
}

// mathVariant returns the MathML mathvariant of identifiers in a style,
// or "" for MathML's default (italic for one letter, upright for more).
func mathVariant(st runStyle, single bool) string {
	bold := st.sty == "b" || st.sty == "bi"
	italic := st.sty == "" || st.sty == "i" || st.sty == "bi"
	switch st.scr {
	case "script":
		if bold {
			return "bold-script"
		}
		return "script"
	case "fraktur":
		if bold {
			return "bold-fraktur"
		}
		return "fraktur"
	case "double-struck":
		return "double-struck"
	case "monospace":
		return "monospace"
	case "sans-serif":
		switch {
		case bold && italic:
			return "sans-serif-bold-italic"
		case bold:
			return "bold-sans-serif"
		case italic:
			return "sans-serif-italic"
		}
		return "sans-serif"
	}
	switch {
	case bold && italic:
		return "bold-italic"
	case bold:
		return "bold"
	case italic && !single:
		return "italic"
	case !italic && single:
		return "normal"
	}
	return ""
}

// mathMLOperators are characters Word writes one way and MathML wants
// another: the hyphen-minus is a minus sign in a formula.
var mathMLOperators = map[string]string{"-": "\u2212", "'": "\u2032"}

// mathMLPieces converts a sequence of formula elements into MathML
// elements, one string each.
func mathMLPieces(ns []*mnode, ctx mctx) []string {
	var out []string
	for _, n := range ns {
		out = append(out, mathMLOf(n, ctx)...)
	}
	return out
}

// row wraps pieces into one element.
func row(pieces []string) string {
	switch len(pieces) {
	case 0:
		return "<mrow></mrow>"
	case 1:
		return pieces[0]
	}
	return "<mrow>" + strings.Join(pieces, "") + "</mrow>"
}

func mlRow(ns []*mnode, ctx mctx) string { return row(mathMLPieces(ns, ctx)) }

func mo(s string) string { return "<mo>" + textEscape(s) + "</mo>" }

// stretchy writes a delimiter that grows with what it encloses.
func fence(s string) string {
	if s == "" {
		return ""
	}
	return `<mo fence="true" stretchy="true">` + textEscape(s) + "</mo>"
}

func textEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// spacingAccents maps combining accents, as Word stores them, to the
// spacing characters MathML sets over a base.
var spacingAccents = map[string]string{
	"\u0300": "`", "\u0301": "\u00B4", "\u0302": "^", "\u0303": "~", "\u0304": "\u00AF", "\u0305": "\u203E",
	"\u0306": "\u02D8", "\u0307": "\u02D9", "\u0308": "\u00A8", "\u030C": "\u02C7", "\u20D6": "\u2190",
	"\u20D7": "\u2192", "\u20E1": "\u2194", "\u20D0": "\u21BC", "\u20D1": "\u21C0", "\u20DB": "\u20DB",
}

// integrals are the n-ary operators whose limits Word sets beside them
// unless told otherwise; sums and products get them above and below.
var integrals = map[string]bool{"∫": true, "∬": true, "∭": true, "∮": true, "∯": true, "∰": true, "∱": true, "∲": true, "∳": true}

func mathMLOf(n *mnode, ctx mctx) []string {
	switch mname(n) {
	case "r", "w:r":
		st := styleOf(n, ctx)
		var out []string
		for _, t := range tokens(runText(n), st, ctx) {
			switch t.kind {
			case "mi":
				v := mathVariant(st, utf8.RuneCountInString(t.text) == 1)
				if v != "" {
					out = append(out, `<mi mathvariant="`+v+`">`+textEscape(t.text)+"</mi>")
				} else {
					out = append(out, "<mi>"+textEscape(t.text)+"</mi>")
				}
			case "mo":
				s := t.text
				if m, ok := mathMLOperators[s]; ok {
					s = m
				}
				out = append(out, mo(s))
			case "mn", "mtext":
				out = append(out, "<"+t.kind+">"+textEscape(t.text)+"</"+t.kind+">")
			}
		}
		return out
	case "f":
		num, den := mlRow(arg(n, "num"), ctx), mlRow(arg(n, "den"), ctx)
		switch v, _ := n.prop("fPr", "type"); v {
		case "noBar":
			return []string{`<mfrac linethickness="0">` + num + den + "</mfrac>"}
		case "lin":
			return []string{"<mrow>" + num + mo("/") + den + "</mrow>"}
		case "skw":
			return []string{`<mfrac bevelled="true">` + num + den + "</mfrac>"}
		}
		return []string{"<mfrac>" + num + den + "</mfrac>"}
	case "sSup":
		sc := ctx
		sc.script, sc.fname = true, false
		return []string{"<msup>" + mlRow(arg(n, "e"), ctx) + mlRow(arg(n, "sup"), sc) + "</msup>"}
	case "sSub":
		sc := ctx
		sc.script, sc.fname = true, false
		return []string{"<msub>" + mlRow(arg(n, "e"), ctx) + mlRow(arg(n, "sub"), sc) + "</msub>"}
	case "sSubSup":
		sc := ctx
		sc.script, sc.fname = true, false
		return []string{"<msubsup>" + mlRow(arg(n, "e"), ctx) + mlRow(arg(n, "sub"), sc) + mlRow(arg(n, "sup"), sc) + "</msubsup>"}
	case "sPre":
		sc := ctx
		sc.script, sc.fname = true, false
		return []string{"<mmultiscripts>" + mlRow(arg(n, "e"), ctx) + "<mprescripts/>" + mlRow(arg(n, "sub"), sc) + mlRow(arg(n, "sup"), sc) + "</mmultiscripts>"}
	case "rad":
		deg := arg(n, "deg")
		if n.on("radPr", "degHide") || len(mathMLPieces(deg, ctx)) == 0 {
			return []string{"<msqrt>" + mlRow(arg(n, "e"), ctx) + "</msqrt>"}
		}
		return []string{"<mroot>" + mlRow(arg(n, "e"), ctx) + mlRow(deg, ctx) + "</mroot>"}
	case "d":
		beg, end, sep := n.chr("dPr", "begChr", "("), n.chr("dPr", "endChr", ")"), n.chr("dPr", "sepChr", "|")
		var b strings.Builder
		b.WriteString("<mrow>" + fence(beg))
		first := true
		for _, k := range n.kids {
			if mname(k) != "e" {
				continue
			}
			if !first && sep != "" {
				b.WriteString(`<mo separator="true">` + textEscape(sep) + "</mo>")
			}
			first = false
			b.WriteString(mlRow(k.kids, ctx))
		}
		b.WriteString(fence(end) + "</mrow>")
		return []string{b.String()}
	case "nary":
		op := n.chr("naryPr", "chr", "∫")
		loc, ok := n.prop("naryPr", "limLoc")
		if !ok {
			loc = "undOvr"
			if integrals[op] {
				loc = "subSup"
			}
		}
		sc := ctx
		sc.script, sc.fname = true, false
		sub, sup := mlRow(arg(n, "sub"), sc), mlRow(arg(n, "sup"), sc)
		hideSub, hideSup := n.on("naryPr", "subHide"), n.on("naryPr", "supHide")
		under, over, both := "msub", "msup", "msubsup"
		if loc == "undOvr" {
			under, over, both = "munder", "mover", "munderover"
		}
		o := mo(op)
		switch {
		case hideSub && hideSup:
		case hideSup:
			o = "<" + under + ">" + o + sub + "</" + under + ">"
		case hideSub:
			o = "<" + over + ">" + o + sup + "</" + over + ">"
		default:
			o = "<" + both + ">" + o + sub + sup + "</" + both + ">"
		}
		return []string{"<mrow>" + o + mlRow(arg(n, "e"), ctx) + "</mrow>"}
	case "func":
		fc := ctx
		fc.fname = true
		return []string{"<mrow>" + mlRow(arg(n, "fName"), fc) + mo("\u2061") + mlRow(arg(n, "e"), ctx) + "</mrow>"}
	case "acc":
		c := n.chr("accPr", "chr", "\u0302")
		if s, ok := spacingAccents[c]; ok {
			c = s
		}
		return []string{`<mover accent="true">` + mlRow(arg(n, "e"), ctx) + mo(c) + "</mover>"}
	case "bar":
		if pos, _ := n.prop("barPr", "pos"); pos == "top" {
			return []string{`<mover accent="true">` + mlRow(arg(n, "e"), ctx) + mo("\u203E") + "</mover>"}
		}
		return []string{`<munder accentunder="true">` + mlRow(arg(n, "e"), ctx) + mo("_") + "</munder>"}
	case "box":
		return []string{mlRow(arg(n, "e"), ctx)}
	case "borderBox":
		return []string{`<menclose notation="box">` + mlRow(arg(n, "e"), ctx) + "</menclose>"}
	case "groupChr":
		c := n.chr("groupChrPr", "chr", "\u23DF")
		if pos, _ := n.prop("groupChrPr", "pos"); pos == "top" {
			return []string{"<mover>" + mlRow(arg(n, "e"), ctx) + `<mo stretchy="true">` + textEscape(c) + "</mo></mover>"}
		}
		return []string{"<munder>" + mlRow(arg(n, "e"), ctx) + `<mo stretchy="true">` + textEscape(c) + "</mo></munder>"}
	case "limLow":
		sc := ctx
		sc.script, sc.fname = true, false
		return []string{"<munder>" + mlRow(arg(n, "e"), ctx) + mlRow(arg(n, "lim"), sc) + "</munder>"}
	case "limUpp":
		sc := ctx
		sc.script, sc.fname = true, false
		return []string{"<mover>" + mlRow(arg(n, "e"), ctx) + mlRow(arg(n, "lim"), sc) + "</mover>"}
	case "m":
		var b strings.Builder
		b.WriteString("<mtable>")
		for _, r := range n.kids {
			if mname(r) != "mr" {
				continue
			}
			b.WriteString("<mtr>")
			for _, e := range r.kids {
				if mname(e) == "e" {
					b.WriteString("<mtd>" + mlRow(e.kids, ctx) + "</mtd>")
				}
			}
			b.WriteString("</mtr>")
		}
		b.WriteString("</mtable>")
		return []string{b.String()}
	case "eqArr":
		ec := ctx
		ec.eqArr = true
		var b strings.Builder
		b.WriteString(`<mtable columnalign="left">`)
		for _, e := range n.kids {
			if mname(e) == "e" {
				b.WriteString("<mtr><mtd>" + mlRow(e.kids, ec) + "</mtd></mtr>")
			}
		}
		b.WriteString("</mtable>")
		return []string{b.String()}
	case "phant":
		if v, ok := n.prop("phantPr", "show"); ok && (v == "0" || v == "off" || v == "false") {
			return []string{"<mphantom>" + mlRow(arg(n, "e"), ctx) + "</mphantom>"}
		}
		return mathMLPieces(arg(n, "e"), ctx)
	case "w:del", "w:moveFrom", "w:bookmarkStart", "w:bookmarkEnd", "w:rPr", "rPr", "ctrlPr", "argPr",
		"oMathParaPr", "w:proofErr", "w:commentRangeStart", "w:commentRangeEnd", "w:permStart", "w:permEnd":
		return nil
	}
	if strings.HasSuffix(n.name.Local, "Pr") {
		return nil // properties of a structure, read by its case above
	}
	return mathMLPieces(n.kids, ctx) // containers (m:e, w:ins, m:oMath, …)
}
