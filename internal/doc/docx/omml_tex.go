package docx

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// texSymbols are the characters a formula may hold and the TeX commands
// that write them.
var texSymbols = map[rune]string{
	'α': `\alpha`, 'β': `\beta`, 'γ': `\gamma`, 'δ': `\delta`, 'ε': `\varepsilon`, 'ϵ': `\epsilon`, 'ζ': `\zeta`,
	'η': `\eta`, 'θ': `\theta`, 'ϑ': `\vartheta`, 'ι': `\iota`, 'κ': `\kappa`, 'λ': `\lambda`, 'μ': `\mu`, 'ν': `\nu`,
	'ξ': `\xi`, 'π': `\pi`, 'ϖ': `\varpi`, 'ρ': `\rho`, 'ϱ': `\varrho`, 'σ': `\sigma`, 'ς': `\varsigma`, 'τ': `\tau`,
	'υ': `\upsilon`, 'φ': `\varphi`, 'ϕ': `\phi`, 'χ': `\chi`, 'ψ': `\psi`, 'ω': `\omega`,
	'Γ': `\Gamma`, 'Δ': `\Delta`, 'Θ': `\Theta`, 'Λ': `\Lambda`, 'Ξ': `\Xi`, 'Π': `\Pi`, 'Σ': `\Sigma`,
	'Υ': `\Upsilon`, 'Φ': `\Phi`, 'Ψ': `\Psi`, 'Ω': `\Omega`,
	'±': `\pm`, '∓': `\mp`, '×': `\times`, '÷': `\div`, '·': `\cdot`, '⋅': `\cdot`, '∗': `\ast`, '∘': `\circ`,
	'∙': `\bullet`, '≤': `\leq`, '≥': `\geq`, '≠': `\neq`, '≈': `\approx`, '≡': `\equiv`, '∼': `\sim`, '≃': `\simeq`,
	'≅': `\cong`, '∝': `\propto`, '≪': `\ll`, '≫': `\gg`, '∞': `\infty`, '∂': `\partial`, '∇': `\nabla`,
	'∈': `\in`, '∉': `\notin`, '∋': `\ni`, '⊂': `\subset`, '⊃': `\supset`, '⊆': `\subseteq`, '⊇': `\supseteq`,
	'∪': `\cup`, '∩': `\cap`, '∅': `\emptyset`, '∀': `\forall`, '∃': `\exists`, '¬': `\neg`, '∧': `\wedge`,
	'∨': `\vee`, '→': `\rightarrow`, '←': `\leftarrow`, '↔': `\leftrightarrow`, '⇒': `\Rightarrow`,
	'⇐': `\Leftarrow`, '⇔': `\Leftrightarrow`, '↦': `\mapsto`, '↑': `\uparrow`, '↓': `\downarrow`,
	'…': `\ldots`, '⋯': `\cdots`, '⋮': `\vdots`, '⋱': `\ddots`, '∠': `\angle`, '⊥': `\perp`, '∥': `\parallel`,
	'⊕': `\oplus`, '⊗': `\otimes`, 'ℏ': `\hbar`, 'ℓ': `\ell`, 'ℜ': `\Re`, 'ℑ': `\Im`, 'ℵ': `\aleph`,
	'∴': `\therefore`, '∵': `\because`, '∣': `\mid`, '⟨': `\langle`, '⟩': `\rangle`, '〈': `\langle`, '〉': `\rangle`,
	'⌊': `\lfloor`, '⌋': `\rfloor`, '⌈': `\lceil`, '⌉': `\rceil`, '√': `\surd`, '∑': `\sum`, '∏': `\prod`,
	'∫': `\int`, '∮': `\oint`, '′': `'`, '″': `''`, '‴': `'''`, '−': `-`, '∖': `\setminus`, '≺': `\prec`, '≻': `\succ`,
	'⊢': `\vdash`, '⊨': `\models`, '⟹': `\Longrightarrow`, '⟸': `\Longleftarrow`, '⟺': `\Longleftrightarrow`,
	'\u2061': ``, '\u2062': ``, '\u2063': ``, '\u2064': ``, '\u00A0': `~`,
	'#': `\#`, '$': `\$`, '%': `\%`, '&': `\&`, '_': `\_`, '{': `\{`, '}': `\}`, '~': `\sim`, '^': `\hat{}`, '\\': `\backslash`,
}

// texOperators are the n-ary operators and their TeX commands.
var texOperators = map[string]string{
	"∑": `\sum`, "∏": `\prod`, "∐": `\coprod`, "∫": `\int`, "∬": `\iint`, "∭": `\iiint`, "∮": `\oint`,
	"∯": `\oiint`, "∰": `\oiiint`, "⋃": `\bigcup`, "⋂": `\bigcap`, "⋁": `\bigvee`, "⋀": `\bigwedge`,
	"⨁": `\bigoplus`, "⨂": `\bigotimes`, "⨀": `\bigodot`, "⨄": `\biguplus`,
}

// texDelimiters are the characters TeX can stretch with \left and \right.
var texDelimiters = map[string]string{
	"(": "(", ")": ")", "[": "[", "]": "]", "|": "|", "/": "/", "{": `\{`, "}": `\}`, "⟨": `\langle`, "⟩": `\rangle`,
	"〈": `\langle`, "〉": `\rangle`, "‖": `\|`, "⌊": `\lfloor`, "⌋": `\rfloor`, "⌈": `\lceil`, "⌉": `\rceil`, "": ".",
}

// texAccents maps accents to the TeX commands that set them.
var texAccents = map[string]string{
	"\u0300": `\grave`, "\u0301": `\acute`, "\u0302": `\hat`, "\u0303": `\tilde`, "\u0304": `\bar`, "\u0305": `\bar`,
	"\u0306": `\breve`, "\u0307": `\dot`, "\u0308": `\ddot`, "\u030C": `\check`, "\u20D7": `\vec`,
	"\u20D6": `\overleftarrow`, "\u20E1": `\overleftrightarrow`, "\u20DB": `\dddot`,
}

// texJoin concatenates pieces of TeX, putting a space between a command
// and a letter that would otherwise extend its name.
func texJoin(parts []string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		s := b.String()
		if endsWithCommand(s) {
			if r, _ := utf8.DecodeRuneInString(p); r < utf8.RuneSelf && unicode.IsLetter(r) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func endsWithCommand(s string) bool {
	i := len(s)
	for i > 0 && s[i-1] < utf8.RuneSelf && unicode.IsLetter(rune(s[i-1])) {
		i--
	}
	return i < len(s) && i > 0 && s[i-1] == '\\' && (i < 2 || s[i-2] != '\\')
}

// texGroup wraps TeX in braces unless it is one character, one command or
// one number.
func texGroup(s string) string {
	if s == "" {
		return "{}"
	}
	if utf8.RuneCountInString(s) == 1 {
		return s
	}
	if s[0] == '\\' && len(s) > 1 && strings.IndexFunc(s[1:], func(r rune) bool { return !unicode.IsLetter(r) || r >= utf8.RuneSelf }) < 0 {
		return s
	}
	if strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) && r != '.' }) < 0 {
		return s
	}
	return "{" + s + "}"
}

// texText escapes text for TeX's text mode (\text{…}).
func texText(s string) string {
	r := strings.NewReplacer(`\`, `\textbackslash{}`, "{", `\{`, "}", `\}`, "#", `\#`, "$", `\$`, "%", `\%`,
		"&", `\&`, "_", `\_`, "^", `\^{}`, "~", `\~{}`)
	return r.Replace(s)
}

// texLetters writes identifiers: Latin letters as they are, Greek letters
// as commands, letters of other scripts (a Russian index) as text.
func texLetters(s string) string {
	var parts []string
	var other strings.Builder
	flush := func() {
		if other.Len() > 0 {
			parts = append(parts, `\text{`+texText(other.String())+`}`)
			other.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			flush()
			parts = append(parts, string(r))
		case texSymbols[r] != "":
			flush()
			parts = append(parts, texSymbols[r])
		default:
			other.WriteRune(r)
		}
	}
	flush()
	return texJoin(parts)
}

func texRun(n *mnode, ctx mctx) string {
	st := styleOf(n, ctx)
	var parts []string
	// Italic letters are one token each; TeX writes a run of them at once,
	// so that a word in another script stays one \text.
	var toks []mtoken
	for _, t := range tokens(runText(n), st, ctx) {
		if k := len(toks); k > 0 && t.kind == "mi" && toks[k-1].kind == "mi" && !(st.sty == "p" || st.sty == "b") {
			toks[k-1].text += t.text
			continue
		}
		toks = append(toks, t)
	}
	for _, t := range toks {
		switch t.kind {
		case "mtext":
			parts = append(parts, `\text{`+texText(t.text)+`}`)
		case "align":
			parts = append(parts, "&")
		case "mn":
			parts = append(parts, strings.ReplaceAll(t.text, ",", "{,}"))
		case "mo":
			r, _ := utf8.DecodeRuneInString(t.text)
			switch {
			case r == '°':
				if ctx.script {
					parts = append(parts, `\circ`)
				} else {
					parts = append(parts, `^{\circ}`)
				}
			case texSymbols[r] != "" || r == '\u2061' || r == '\u2062':
				parts = append(parts, texSymbols[r])
			default:
				parts = append(parts, t.text)
			}
		case "mi":
			letters := texLetters(t.text)
			upright := st.sty == "p" || st.sty == "b"
			switch {
			case st.scr == "double-struck":
				letters = `\mathbb{` + letters + "}"
			case st.scr == "fraktur":
				letters = `\mathfrak{` + letters + "}"
			case st.scr == "script":
				letters = `\mathcal{` + letters + "}"
			case st.scr == "sans-serif":
				letters = `\mathsf{` + letters + "}"
			case st.scr == "monospace":
				letters = `\mathtt{` + letters + "}"
			case st.sty == "b":
				letters = `\mathbf{` + letters + "}"
			case st.sty == "bi":
				letters = `\boldsymbol{` + letters + "}"
			case upright && functionNames[t.text]:
				switch t.text {
				case "tg", "ctg", "arctg", "arcctg", "sh", "ch", "th":
					letters = `\operatorname{` + t.text + "}"
				default:
					letters = `\` + t.text
				}
			case upright && utf8.RuneCountInString(t.text) > 0 && isLatinOrGreek(t.text):
				letters = `\mathrm{` + letters + "}"
			}
			parts = append(parts, letters)
		}
	}
	return texJoin(parts)
}

func isLatinOrGreek(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && texSymbols[r] == "" {
			return false
		}
	}
	return true
}

// texOf converts a sequence of formula elements to TeX.
func texOf(ns []*mnode, ctx mctx) string {
	parts := make([]string, 0, len(ns))
	for _, n := range ns {
		parts = append(parts, texNode(n, ctx))
	}
	return texJoin(parts)
}

// limitOperators are functions whose limits TeX sets below them by itself.
var limitOperators = map[string]bool{`\lim`: true, `\max`: true, `\min`: true, `\sup`: true, `\inf`: true,
	`\limsup`: true, `\liminf`: true, `\det`: true, `\gcd`: true, `\Pr`: true}

func texNode(n *mnode, ctx mctx) string {
	sc := ctx
	sc.script, sc.fname = true, false
	switch mname(n) {
	case "r", "w:r":
		return texRun(n, ctx)
	case "f":
		num, den := texOf(arg(n, "num"), ctx), texOf(arg(n, "den"), ctx)
		switch v, _ := n.prop("fPr", "type"); v {
		case "noBar":
			return `\genfrac{}{}{0pt}{}{` + num + "}{" + den + "}"
		case "lin", "skw":
			return texGroup(num) + "/" + texGroup(den)
		}
		return `\frac{` + num + "}{" + den + "}"
	case "sSup":
		return texGroup(texOf(arg(n, "e"), ctx)) + "^{" + texOf(arg(n, "sup"), sc) + "}"
	case "sSub":
		return texGroup(texOf(arg(n, "e"), ctx)) + "_{" + texOf(arg(n, "sub"), sc) + "}"
	case "sSubSup":
		return texGroup(texOf(arg(n, "e"), ctx)) + "_{" + texOf(arg(n, "sub"), sc) + "}^{" + texOf(arg(n, "sup"), sc) + "}"
	case "sPre":
		return "{}_{" + texOf(arg(n, "sub"), sc) + "}^{" + texOf(arg(n, "sup"), sc) + "}" + texGroup(texOf(arg(n, "e"), ctx))
	case "rad":
		deg := texOf(arg(n, "deg"), ctx)
		if n.on("radPr", "degHide") || deg == "" {
			return `\sqrt{` + texOf(arg(n, "e"), ctx) + "}"
		}
		return `\sqrt[` + deg + "]{" + texOf(arg(n, "e"), ctx) + "}"
	case "d":
		beg, end, sep := n.chr("dPr", "begChr", "("), n.chr("dPr", "endChr", ")"), n.chr("dPr", "sepChr", "|")
		var inner []string
		for _, k := range n.kids {
			if mname(k) == "e" {
				inner = append(inner, texOf(k.kids, ctx))
			}
		}
		if s, ok := texSymbols[[]rune(sep + " ")[0]]; ok && sep != "" {
			sep = s
		}
		l, lok := texDelimiters[beg]
		r, rok := texDelimiters[end]
		if !lok || !rok {
			// A character TeX cannot stretch: write it as it is.
			return texJoin([]string{texLetters(beg), strings.Join(inner, sep), texLetters(end)})
		}
		return texJoin([]string{`\left` + l, strings.Join(inner, sep), `\right` + r})
	case "nary":
		op := n.chr("naryPr", "chr", "∫")
		cmd, ok := texOperators[op]
		if !ok {
			cmd = `\mathop{` + texLetters(op) + "}"
		}
		if loc, ok := n.prop("naryPr", "limLoc"); ok {
			switch {
			case loc == "undOvr" && integrals[op]:
				cmd += `\limits`
			case loc == "subSup" && !integrals[op]:
				cmd += `\nolimits`
			}
		}
		if !n.on("naryPr", "subHide") {
			cmd += "_{" + texOf(arg(n, "sub"), sc) + "}"
		}
		if !n.on("naryPr", "supHide") {
			cmd += "^{" + texOf(arg(n, "sup"), sc) + "}"
		}
		return texJoin([]string{cmd, texGroup(texOf(arg(n, "e"), ctx))})
	case "func":
		fc := ctx
		fc.fname = true
		name := texOf(arg(n, "fName"), fc)
		e := texOf(arg(n, "e"), ctx)
		if strings.HasPrefix(e, `\left`) {
			return texJoin([]string{name, e})
		}
		return texJoin([]string{name, texGroup(e)})
	case "acc":
		c := n.chr("accPr", "chr", "\u0302")
		e := texOf(arg(n, "e"), ctx)
		if cmd, ok := texAccents[c]; ok {
			return cmd + "{" + e + "}"
		}
		return `\overset{` + texLetters(c) + "}{" + e + "}"
	case "bar":
		if pos, _ := n.prop("barPr", "pos"); pos == "top" {
			return `\overline{` + texOf(arg(n, "e"), ctx) + "}"
		}
		return `\underline{` + texOf(arg(n, "e"), ctx) + "}"
	case "box":
		return texGroup(texOf(arg(n, "e"), ctx))
	case "borderBox":
		return `\boxed{` + texOf(arg(n, "e"), ctx) + "}"
	case "groupChr":
		c := n.chr("groupChrPr", "chr", "\u23DF")
		e := texOf(arg(n, "e"), ctx)
		top := false
		if pos, _ := n.prop("groupChrPr", "pos"); pos == "top" {
			top = true
		}
		switch {
		case c == "\u23DF":
			return `\underbrace{` + e + "}"
		case c == "\u23DE":
			return `\overbrace{` + e + "}"
		case top:
			return `\overset{` + texLetters(c) + "}{" + e + "}"
		}
		return `\underset{` + texLetters(c) + "}{" + e + "}"
	case "limLow":
		e, lim := texOf(arg(n, "e"), ctx), texOf(arg(n, "lim"), sc)
		if limitOperators[e] || strings.HasPrefix(e, `\underbrace`) {
			return e + "_{" + lim + "}"
		}
		return `\underset{` + lim + "}{" + e + "}"
	case "limUpp":
		e, lim := texOf(arg(n, "e"), ctx), texOf(arg(n, "lim"), sc)
		if strings.HasPrefix(e, `\overbrace`) {
			return e + "^{" + lim + "}"
		}
		return `\overset{` + lim + "}{" + e + "}"
	case "m":
		var rows []string
		for _, r := range n.kids {
			if mname(r) != "mr" {
				continue
			}
			var cells []string
			for _, e := range r.kids {
				if mname(e) == "e" {
					cells = append(cells, texOf(e.kids, ctx))
				}
			}
			rows = append(rows, strings.Join(cells, " & "))
		}
		return `\begin{matrix}` + strings.Join(rows, ` \\ `) + `\end{matrix}`
	case "eqArr":
		ec := ctx
		ec.eqArr = true
		var rows []string
		aligned := false
		for _, e := range n.kids {
			if mname(e) == "e" {
				r := texOf(e.kids, ec)
				rows = append(rows, r)
				if strings.Contains(strings.ReplaceAll(r, `\&`, ""), "&") {
					aligned = true
				}
			}
		}
		env := "gathered"
		if aligned {
			env = "aligned"
		}
		return `\begin{` + env + `}` + strings.Join(rows, ` \\ `) + `\end{` + env + `}`
	case "phant":
		if v, ok := n.prop("phantPr", "show"); ok && (v == "0" || v == "off" || v == "false") {
			return `\phantom{` + texOf(arg(n, "e"), ctx) + "}"
		}
		return texOf(arg(n, "e"), ctx)
	case "w:del", "w:moveFrom", "w:bookmarkStart", "w:bookmarkEnd", "w:rPr", "rPr", "ctrlPr", "argPr",
		"oMathParaPr", "w:proofErr", "w:commentRangeStart", "w:commentRangeEnd", "w:permStart", "w:permEnd":
		return ""
	}
	if strings.HasSuffix(n.name.Local, "Pr") {
		return ""
	}
	return texOf(n.kids, ctx)
}
