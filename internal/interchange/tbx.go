package interchange

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/textenc"
)

// Termbase is a list of concepts with their agreed terms per language.
type Termbase struct {
	Entries []Concept
	// Warnings lists what ReadTBX or ReadTSV skipped or assumed in the
	// file.
	Warnings []Warning
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

// In returns the concept's usable terms in tag (not deprecated or
// forbidden), the preferred ones first. Terms are in tag's language when they are in
// the same language and script (lang.SameLanguage): a zh-TW term is not
// one of a zh-CN text.
func (c Concept) In(tag string) []Term {
	var pref, rest []Term
	for _, t := range c.Terms {
		if !lang.SameLanguage(t.Lang, tag) || t.Status == Deprecated || t.Status == Forbidden {
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
// tig or ntig) and TBX v3 (<tbx>: conceptEntry, langSec, termSec). name is
// used in messages. A file that is not TBX, is not well-formed XML or has
// no <text><body> is refused with an *Error. In an otherwise good file, an
// empty <term>, a term holder without one, a language section without a
// usable xml:lang and an entry left without terms are skipped and listed
// in the result's Warnings: MultiTerm and SDL exports hold such leftovers
// of deleted terms. Language tags are returned in canonical case.
func ReadTBX(r io.Reader, name string) (*Termbase, error) {
	rd := &reading{file: name}
	root, err := rd.parseTree(r, formatTBX)
	if err != nil {
		return nil, err
	}
	entryName, langName := "termEntry", "langSet"
	if root.name == "tbx" {
		entryName, langName = "conceptEntry", "langSec"
	}
	text := root.first("text")
	if text == nil {
		return nil, rd.errAt(root, "<%s> without <text>", root.name)
	}
	body := text.first("body")
	if body == nil {
		return nil, rd.errAt(text, "<text> without <body>")
	}
	tb := &Termbase{}
	for _, e := range body.elements(entryName) {
		c := Concept{ID: e.attrValue("id")}
		for _, d := range descendants(e, "descrip") {
			if d.attrValue("type") == "definition" && c.Definition == "" {
				c.Definition = strings.TrimSpace(d.innerText())
			}
		}
		sections := e.elements(langName)
		if len(sections) == 0 {
			rd.warn(e, "<%s%s> without <%s>: skipped", entryName, idAttr(c.ID), langName)
			continue
		}
		// The languages of the entry, so that an entry left without terms
		// of its only language is a warning about that language.
		langs := map[string]bool{}
		unknown := false
		for _, ls := range sections {
			raw := ls.xmlLang()
			if raw == "" {
				rd.warn(ls, "<%s> without xml:lang in entry %q: skipped", langName, c.ID)
				unknown = true
				continue
			}
			tag, err := lang.ParseTag(raw)
			if err != nil {
				rd.warn(ls, "<%s> xml:lang in entry %q: %v: skipped", langName, c.ID, err)
				unknown = true
				continue
			}
			langs[tag] = true
			for _, holder := range termHolders(ls) {
				termEl := holder.first("term")
				if termEl == nil {
					rd.warnLang(holder, tag, "<%s> without <term> (%s) in entry %q: skipped", holder.name, tag, c.ID)
					continue
				}
				t := Term{Lang: tag, Text: strings.TrimSpace(rd.withoutControls(termEl.line, fmt.Sprintf("<term> (%s) in entry %q", tag, c.ID), termEl.innerText()))}
				if t.Text == "" {
					rd.warnLang(termEl, tag, "empty <term> (%s) in entry %q: skipped", tag, c.ID)
					continue
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
		if len(c.Terms) == 0 {
			only := ""
			if len(langs) == 1 && !unknown {
				for l := range langs {
					only = l
				}
			}
			rd.warnLang(e, only, "<%s%s> has no term left: skipped", entryName, idAttr(c.ID))
			continue
		}
		tb.Entries = append(tb.Entries, c)
	}
	tb.Warnings = rd.warnings
	return tb, nil
}

// idAttr writes ` id="…"` for messages, or nothing for an empty id.
func idAttr(id string) string {
	if id == "" {
		return ""
	}
	return fmt.Sprintf(" id=%q", id)
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
// Weblate and Trados read, with language tags in canonical form; a tag
// that is not BCP 47, or a term without one, is an error.
func WriteTBX(w io.Writer, tb *Termbase, sourceLang string) error {
	sourceLang, err := writtenTag("write TBX: source language", sourceLang)
	if err != nil {
		return err
	}
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
			l, err := writtenTag("write TBX: entry "+strconv.Quote(c.ID), t.Lang)
			if err != nil {
				return err
			}
			if l == "" {
				return fmt.Errorf("write TBX: entry %q: term %q without language", c.ID, t.Text)
			}
			if _, ok := byLang[l]; !ok {
				langs = append(langs, l)
			}
			byLang[l] = append(byLang[l], t)
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
	_, err = io.WriteString(w, b.String())
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

// ReadTSV reads a glossary in OmegaT's tab-separated form: a term in each
// of the first two columns and an optional comment after them, in any
// encoding textenc.Decode reads: UTF-8, UTF-16 (as spreadsheets save
// "Unicode text"), or Chinese or Russian in a legacy encoding, with a
// warning. Lines starting with # and blank lines are skipped.
//
// The languages of the columns: a first line whose first cells are BCP 47
// tags of different languages ("zh<TAB>en", "ru<TAB>zh-CN<TAB>en",
// maybe followed by a comment column's heading) is a header naming them,
// one term column per tag; the glossary then serves either direction, and
// a file whose pair it lacks finds no entry in both of its languages.
// Without such a line, as OmegaT reads glossaries, the first column is in
// srcLang and the second in tgtLang, the languages of the file the
// glossary is used on (BCP 47 tags).
//
// A file that is empty, binary or in no encoding tandem knows is refused
// with an *Error, and so is one without a header whose column has no term
// in the script of its language and some in another (Han characters
// where English is expected): it is a glossary of another pair or the
// other direction. A line without two terms is skipped, and a control
// character in a term dropped; each is listed in the result's Warnings.
func ReadTSV(r io.Reader, name, srcLang, tgtLang string) (*Termbase, error) {
	src, err := lang.ParseTag(srcLang)
	if err != nil {
		return nil, fmt.Errorf("%s: source language %w", name, err)
	}
	tgt, err := lang.ParseTag(tgtLang)
	if err != nil {
		return nil, fmt.Errorf("%s: target language %w", name, err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	text, err := textenc.Decode(data)
	if err != nil {
		return nil, decodeError(name, "a tab-separated glossary", err)
	}
	data = text.Bytes
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &Error{File: name, Line: 1, Col: 1, Msg: "the file is empty"}
	}
	rd := &reading{file: name}
	for _, w := range text.Warnings {
		rd.warnLine(0, "%s", w)
	}
	tb := &Termbase{}
	cols := []string{src, tgt}
	header, first := false, true
	var scripts columnScripts
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		f := strings.Split(text, "\t")
		if first {
			first = false
			if tags := headerTags(f); tags != nil {
				cols, header = tags, true
				continue
			}
		}
		if len(f) < 2 {
			rd.warnLine(line, "%s: want source and target terms separated by a tab: line skipped", excerpt(text))
			continue
		}
		c := Concept{ID: "l" + strconv.Itoa(line)}
		for k, lang := range cols {
			if k < len(f) {
				if t := strings.TrimSpace(rd.withoutControls(line, "the "+lang+" term", f[k])); t != "" {
					c.Terms = append(c.Terms, Term{Lang: lang, Text: t})
				}
			}
		}
		if len(c.Terms) < 2 {
			rd.warnLine(line, "%s: line skipped", fewTerms(f, cols))
			continue
		}
		if len(f) > len(cols) {
			c.Definition = strings.TrimSpace(strings.Join(f[len(cols):], " "))
		}
		if !header {
			scripts.add(c.Terms, line)
		}
		tb.Entries = append(tb.Entries, c)
	}
	if err := sc.Err(); err != nil {
		return nil, &Error{File: name, Line: line + 1, Col: 1, Msg: err.Error()}
	}
	if err := scripts.check(name, cols); err != nil {
		return nil, err
	}
	if len(tb.Entries) == 0 {
		rd.warnLine(0, "no terms in the glossary")
	}
	tb.Warnings = rd.warnings
	return tb, nil
}

// headerTags returns the languages a glossary's first line names: its
// first cells when they are BCP 47 tags (canonical) of two or more
// different languages, nil when they are not. Cells after the tags head
// the comment column.
func headerTags(cells []string) []string {
	var tags []string
	for _, c := range cells {
		tag, err := lang.ParseTag(c)
		if err != nil {
			break
		}
		for _, t := range tags {
			if lang.SameLanguage(t, tag) {
				return nil
			}
		}
		tags = append(tags, tag)
	}
	if len(tags) < 2 {
		return nil
	}
	return tags
}

// fewTerms says why a glossary line has fewer than two terms.
func fewTerms(f, cols []string) string {
	cell := func(k int) string {
		if k < len(f) {
			return strings.TrimSpace(f[k])
		}
		return ""
	}
	if len(cols) == 2 {
		switch s, t := cell(0), cell(1); {
		case s == "" && t == "":
			return "both terms are empty"
		case s == "":
			return fmt.Sprintf("empty source term (target %s)", excerpt(t))
		default:
			return fmt.Sprintf("empty target term (source %s)", excerpt(s))
		}
	}
	for k, l := range cols {
		if t := cell(k); t != "" {
			return fmt.Sprintf("only one term (%s %s)", l, excerpt(t))
		}
	}
	return "no term"
}

// columnScripts counts, for the two columns of a glossary without a
// header, the terms written in the script of the column's language and
// those written in another.
type columnScripts struct {
	fit, other [2]int
	line       [2]int    // the first line with a term in another script
	example    [2]string // that term
}

// scriptOf returns the Unicode script a language is written in, for the
// languages whose script tells them apart here; nil for others.
func scriptOf(tag string) *unicode.RangeTable {
	switch lang.Script(tag) {
	case "Hans", "Hant":
		return unicode.Han
	case "Cyrl":
		return unicode.Cyrillic
	case "Latn":
		return unicode.Latin
	}
	return nil
}

func (cs *columnScripts) add(terms []Term, line int) {
	for k, t := range terms[:2] {
		want := scriptOf(t.Lang)
		if want == nil {
			continue
		}
		fits, letters := false, false
		for _, r := range t.Text {
			if unicode.IsLetter(r) {
				letters = true
				fits = fits || unicode.Is(want, r)
			}
		}
		switch {
		case fits:
			cs.fit[k]++
		case letters:
			if cs.other[k] == 0 {
				cs.line[k], cs.example[k] = line, t.Text
			}
			cs.other[k]++
		}
	}
}

// check refuses a glossary one of whose columns has no term in the
// script of its language and some in another.
func (cs *columnScripts) check(name string, cols []string) error {
	for k := range 2 {
		if cs.fit[k] == 0 && cs.other[k] > 0 {
			which := []string{"first (source)", "second (target)"}[k]
			return &Error{File: name, Line: cs.line[k], Col: 1, Msg: fmt.Sprintf("the %s column should be in %s, but none of its terms is (%s is not): is the glossary for another pair of languages? Name the languages of its columns in a first line, such as \"zh<TAB>en\"", which, cols[k], excerpt(cs.example[k]))}
		}
	}
	return nil
}

// WriteTSV writes the terms of tb for srcLang and tgtLang as an OmegaT
// glossary: one line per pair of usable terms, with the definition as
// comment.
func WriteTSV(w io.Writer, tb *Termbase, srcLang, tgtLang string) error {
	bw := bufio.NewWriter(w)
	clean := func(s string) string {
		return strings.Join(strings.Fields(lang.WithoutBreakHints(s)), " ")
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
