package interchange

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Termbase is a list of concepts with their agreed terms per language.
type Termbase struct {
	Entries []Concept
}

// Concept is one entry: the terms that name one thing, per language.
type Concept struct {
	ID         string
	Definition string
	Terms      []Term
}

// TermStatus says how a term may be used.
type TermStatus string

const (
	Preferred  TermStatus = "preferred"
	Admitted   TermStatus = "admitted"
	Deprecated TermStatus = "deprecated" // should not be used
	Forbidden  TermStatus = "forbidden"  // must not be used
)

// Term is one term of a concept in one language.
type Term struct {
	Lang   string
	Text   string
	Status TermStatus // "" when the file says nothing
	Note   string
}

// In returns the concept's usable terms in lang (not deprecated or
// forbidden), the preferred ones first.
func (c Concept) In(lang string) []Term {
	var pref, rest []Term
	for _, t := range c.Terms {
		if primary(t.Lang) != primary(lang) || t.Status == Deprecated || t.Status == Forbidden {
			continue
		}
		if t.Status == Preferred {
			pref = append(pref, t)
		} else {
			rest = append(rest, t)
		}
	}
	return append(pref, rest...)
}

// ReadTBX reads TBX v2 (<martif>, TBX-Basic style: termEntry, langSet,
// tig or ntig) and TBX v3 (<tbx>: conceptEntry, langSec, termSec).
func ReadTBX(r io.Reader, name string) (*Termbase, error) {
	root, err := parseTree(r, name)
	if err != nil {
		return nil, err
	}
	var entryName, langName string
	switch root.name {
	case "martif":
		entryName, langName = "termEntry", "langSet"
	case "tbx":
		entryName, langName = "conceptEntry", "langSec"
	default:
		return nil, errAt(name, root, "root element <%s>, want <martif> (TBX v2) or <tbx> (TBX v3)", root.name)
	}
	text := root.first("text")
	if text == nil {
		return nil, errAt(name, root, "<%s> without <text>", root.name)
	}
	body := text.first("body")
	if body == nil {
		return nil, errAt(name, text, "<text> without <body>")
	}
	tb := &Termbase{}
	for _, e := range body.elements(entryName) {
		c := Concept{ID: e.attrValue("id")}
		for _, d := range descendants(e, "descrip") {
			if d.attrValue("type") == "definition" && c.Definition == "" {
				c.Definition = strings.TrimSpace(d.innerText())
			}
		}
		for _, ls := range e.elements(langName) {
			lang := ls.xmlLang()
			if lang == "" {
				return nil, errAt(name, ls, "<%s> without xml:lang", langName)
			}
			for _, holder := range termHolders(ls) {
				termEl := holder.first("term")
				if termEl == nil {
					return nil, errAt(name, holder, "<%s> without <term>", holder.name)
				}
				t := Term{Lang: lang, Text: strings.TrimSpace(termEl.innerText())}
				if t.Text == "" {
					return nil, errAt(name, termEl, "empty <term>")
				}
				for _, n := range descendants(holder, "termNote") {
					if n.attrValue("type") == "administrativeStatus" {
						t.Status = statusOf(strings.TrimSpace(n.innerText()))
					}
				}
				for _, n := range descendants(holder, "note") {
					t.Note = strings.TrimSpace(n.innerText())
				}
				c.Terms = append(c.Terms, t)
			}
		}
		tb.Entries = append(tb.Entries, c)
	}
	return tb, nil
}

// termHolders returns the elements of a language section that hold one
// term each: tig, ntig (with termGrp) in v2, termSec in v3.
func termHolders(ls *node) []*node {
	var out []*node
	for _, c := range ls.children {
		switch c.name {
		case "tig", "termSec":
			out = append(out, c)
		case "ntig":
			if g := c.first("termGrp"); g != nil {
				out = append(out, g)
			}
		}
	}
	return out
}

func descendants(n *node, name string) []*node {
	var out []*node
	for _, c := range n.children {
		if c.name == name {
			out = append(out, c)
		}
		if c.name != "" {
			out = append(out, descendants(c, name)...)
		}
	}
	return out
}

func statusOf(v string) TermStatus {
	switch strings.TrimSuffix(v, "-admn-sts") {
	case "preferredTerm", "preferred":
		return Preferred
	case "admittedTerm", "admitted":
		return Admitted
	case "deprecatedTerm", "deprecated", "obsolete", "obsoleteTerm":
		return Deprecated
	case "supersededTerm", "forbidden", "forbiddenTerm", "notRecommended":
		return Forbidden
	}
	return ""
}

// WriteTBX writes tb as TBX v2 (martif, TBX-Basic style), which OmegaT,
// Weblate and Trados read.
func WriteTBX(w io.Writer, tb *Termbase, sourceLang string) error {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	fmt.Fprintf(&b, "<martif type=\"TBX\"%s>\n", attrs("xml:lang", sourceLang))
	b.WriteString("  <martifHeader>\n    <fileDesc><sourceDesc><p>tandem termbase</p></sourceDesc></fileDesc>\n  </martifHeader>\n")
	b.WriteString("  <text>\n    <body>\n")
	for i, c := range tb.Entries {
		fmt.Fprintf(&b, "      <termEntry%s>\n", attrs("id", firstNonEmpty(c.ID, "c"+strconv.Itoa(i+1))))
		if c.Definition != "" {
			fmt.Fprintf(&b, "        <descrip type=\"definition\">%s</descrip>\n", escText(c.Definition))
		}
		var langs []string
		byLang := map[string][]Term{}
		for _, t := range c.Terms {
			if _, ok := byLang[t.Lang]; !ok {
				langs = append(langs, t.Lang)
			}
			byLang[t.Lang] = append(byLang[t.Lang], t)
		}
		for _, l := range langs {
			fmt.Fprintf(&b, "        <langSet%s>\n", attrs("xml:lang", l))
			for _, t := range byLang[l] {
				b.WriteString("          <tig>\n")
				b.WriteString("            <term>" + escText(t.Text) + "</term>\n")
				if s := statusTBX2(t.Status); s != "" {
					fmt.Fprintf(&b, "            <termNote type=\"administrativeStatus\">%s</termNote>\n", s)
				}
				if t.Note != "" {
					b.WriteString("            <note>" + escText(t.Note) + "</note>\n")
				}
				b.WriteString("          </tig>\n")
			}
			b.WriteString("        </langSet>\n")
		}
		b.WriteString("      </termEntry>\n")
	}
	b.WriteString("    </body>\n  </text>\n</martif>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func statusTBX2(s TermStatus) string {
	switch s {
	case Preferred:
		return "preferredTerm-admn-sts"
	case Admitted:
		return "admittedTerm-admn-sts"
	case Deprecated:
		return "deprecatedTerm-admn-sts"
	case Forbidden:
		return "supersededTerm-admn-sts"
	}
	return ""
}

// ReadTSV reads a glossary in OmegaT's tab-separated form: source term,
// target term and an optional comment on each line. Lines starting with #
// and blank lines are skipped.
func ReadTSV(r io.Reader, name, srcLang, tgtLang string) (*Termbase, error) {
	tb := &Termbase{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if line == 1 {
			text = strings.TrimPrefix(text, "\ufeff")
		}
		if !utf8.ValidString(text) {
			col := 1
			for i := 0; i < len(text); {
				r, n := utf8.DecodeRuneInString(text[i:])
				if r == utf8.RuneError && n == 1 {
					break
				}
				i += n
				col++
			}
			return nil, &Error{name, line, col, "invalid UTF-8; save the glossary as UTF-8"}
		}
		text = strings.TrimRight(text, "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if len(f) < 2 {
			return nil, &Error{name, line, len(text) + 1, "want source and target terms separated by a tab"}
		}
		src, tgt := strings.TrimSpace(f[0]), strings.TrimSpace(f[1])
		if src == "" || tgt == "" {
			return nil, &Error{name, line, 1, "empty term"}
		}
		c := Concept{ID: "l" + strconv.Itoa(line), Terms: []Term{{Lang: srcLang, Text: src}, {Lang: tgtLang, Text: tgt}}}
		if len(f) > 2 {
			c.Definition = strings.TrimSpace(strings.Join(f[2:], " "))
		}
		tb.Entries = append(tb.Entries, c)
	}
	if err := sc.Err(); err != nil {
		return nil, &Error{name, line + 1, 1, err.Error()}
	}
	return tb, nil
}

// WriteTSV writes the terms of tb for srcLang and tgtLang as an OmegaT
// glossary: one line per pair of usable terms, with the definition as
// comment.
func WriteTSV(w io.Writer, tb *Termbase, srcLang, tgtLang string) error {
	bw := bufio.NewWriter(w)
	clean := func(s string) string {
		return strings.Join(strings.Fields(s), " ")
	}
	for _, c := range tb.Entries {
		for _, s := range c.In(srcLang) {
			for _, t := range c.In(tgtLang) {
				fmt.Fprintf(bw, "%s\t%s\t%s\n", clean(s.Text), clean(t.Text), clean(c.Definition))
			}
		}
	}
	return bw.Flush()
}
