package typeset

import (
	"strings"
)

// texSymbols are the TeX commands texMath knows, with their Typst math
// names. Greek letters have the same names in both.
var texSymbols = map[string]string{
	"cdot": "dot.op", "times": "times", "div": "div", "pm": "plus.minus", "mp": "minus.plus",
	"le": "<=", "leq": "<=", "ge": ">=", "geq": ">=", "ne": "!=", "neq": "!=", "approx": "approx",
	"equiv": "equiv", "sim": "tilde.op", "propto": "prop", "infty": "infinity", "partial": "diff",
	"nabla": "nabla", "sum": "sum", "prod": "product", "int": "integral", "oint": "integral.cont",
	"to": "arrow.r", "rightarrow": "arrow.r", "leftarrow": "arrow.l", "Rightarrow": "arrow.r.double",
	"Leftrightarrow": "arrow.l.r.double", "in": "in", "notin": "in.not", "subset": "subset",
	"subseteq": "subset.eq", "cup": "union", "cap": "sect", "forall": "forall", "exists": "exists",
	"ldots": "dots.h", "dots": "dots.h", "cdots": "dots.c", "circ": "compose", "degree": "degree",
	"sin": "sin", "cos": "cos", "tan": "tan", "log": "log", "ln": "ln", "exp": "exp", "lim": "lim",
	"max": "max", "min": "min", "det": "det",
	"alpha": "alpha", "beta": "beta", "gamma": "gamma", "delta": "delta", "epsilon": "epsilon",
	"varepsilon": "epsilon.alt", "zeta": "zeta", "eta": "eta", "theta": "theta", "iota": "iota",
	"kappa": "kappa", "lambda": "lambda", "mu": "mu", "nu": "nu", "xi": "xi", "pi": "pi", "rho": "rho",
	"sigma": "sigma", "tau": "tau", "upsilon": "upsilon", "phi": "phi.alt", "varphi": "phi", "chi": "chi",
	"psi": "psi", "omega": "omega", "Gamma": "Gamma", "Delta": "Delta", "Theta": "Theta",
	"Lambda": "Lambda", "Xi": "Xi", "Pi": "Pi", "Sigma": "Sigma", "Phi": "Phi", "Psi": "Psi", "Omega": "Omega",
	",": "thin", ";": "med", ":": "med", "quad": "quad", "qquad": "wide", " ": "space",
	"{": "\\{", "}": "\\}", "%": "%", "$": "\\$", "_": "\\_", "&": "\\&", "#": "\\#",
}

// texMath converts a formula in the simple TeX the importers keep
// (letters, digits, operators, sub- and superscripts, \frac, \sqrt,
// \text, \left and \right, Greek letters and the common symbols) into
// Typst math, the inside of $…$. It reports false for anything else
// (environments, alignment, unknown commands, characters beyond ASCII),
// which the caller sets as code rather than as a wrong formula.
func texMath(tex string) (string, bool) {
	p := &texParser{s: tex}
	out, ok := p.seq(0)
	if !ok || p.i < len(p.s) {
		return "", false
	}
	return strings.TrimSpace(out), true
}

type texParser struct {
	s     string
	i     int
	depth int
}

// seq converts up to the closing brace (end '}') or the end (end 0).
func (p *texParser) seq(end byte) (string, bool) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > 50 {
		return "", false
	}
	var b strings.Builder
	for p.i < len(p.s) {
		c := p.s[p.i]
		if end != 0 && c == end {
			return b.String(), true
		}
		if c == '^' || c == '_' {
			p.i++
			arg, ok := p.arg()
			if !ok {
				return "", false
			}
			b.WriteString(string(c) + "(" + arg + ")")
			continue
		}
		t, ok := p.atom()
		if !ok {
			return "", false
		}
		b.WriteString(t)
	}
	if end != 0 {
		return "", false
	}
	return b.String(), true
}

// arg reads one argument: a braced group or one atom.
func (p *texParser) arg() (string, bool) {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
	if p.i >= len(p.s) {
		return "", false
	}
	if p.s[p.i] == '{' {
		p.i++
		in, ok := p.seq('}')
		if !ok {
			return "", false
		}
		p.i++
		if strings.TrimSpace(in) == "" {
			return "\"\"", true
		}
		return in, true
	}
	t, ok := p.atom()
	if !ok || strings.TrimSpace(t) == "" {
		return "", false
	}
	return t, true
}

// atom reads one letter, digit run, operator, group or command.
func (p *texParser) atom() (string, bool) {
	c := p.s[p.i]
	switch {
	case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		p.i++
		return string(c) + " ", true // one letter is one variable
	case c >= '0' && c <= '9' || c == '.':
		j := p.i
		for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || p.s[j] == '.') {
			j++
		}
		t := p.s[p.i:j]
		p.i = j
		return t + " ", true
	case c == ' ' || c == '\t' || c == '\n':
		p.i++
		return " ", true
	case strings.IndexByte("+-=<>()[],!|':;*", c) >= 0:
		p.i++
		return string(c) + " ", true
	case c == '/':
		p.i++
		return "slash ", true
	case c == '{':
		p.i++
		in, ok := p.seq('}')
		if !ok {
			return "", false
		}
		p.i++
		return in, true
	case c == '\\':
		return p.command()
	}
	return "", false
}

func (p *texParser) command() (string, bool) {
	p.i++ // the backslash
	if p.i >= len(p.s) {
		return "", false
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
			return "", false
		}
		b, ok := p.arg()
		if !ok {
			return "", false
		}
		return "frac(" + a + ", " + b + ") ", true
	case "sqrt":
		var n string
		if p.i < len(p.s) && p.s[p.i] == '[' {
			k := strings.IndexByte(p.s[p.i:], ']')
			if k < 0 {
				return "", false
			}
			inner := &texParser{s: p.s[p.i+1 : p.i+k], depth: p.depth}
			var ok bool
			if n, ok = inner.seq(0); !ok {
				return "", false
			}
			p.i += k + 1
		}
		a, ok := p.arg()
		if !ok {
			return "", false
		}
		if n != "" {
			return "root(" + n + ", " + a + ") ", true
		}
		return "sqrt(" + a + ") ", true
	case "text", "mathrm", "textrm", "operatorname":
		if p.i >= len(p.s) || p.s[p.i] != '{' {
			return "", false
		}
		k := strings.IndexByte(p.s[p.i:], '}')
		if k < 0 {
			return "", false
		}
		t := p.s[p.i+1 : p.i+k]
		p.i += k + 1
		for _, r := range t {
			if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(" .,-", r)) {
				return "", false
			}
		}
		if name == "operatorname" {
			return "op(\"" + t + "\") ", true
		}
		return "upright(\"" + t + "\") ", true
	case "left", "right", "big", "Big", "bigl", "bigr", "Bigl", "Bigr":
		return "", true // Typst sizes the delimiters itself
	}
	if sym, ok := texSymbols[name]; ok {
		return sym + " ", true
	}
	return "", false
}
