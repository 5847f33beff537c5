package typeset

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/i18n"
)

// A parallel edition (Book.Langs of two) sets each chapter's first
// language on the versos and its second on the rectos. The two documents
// of a chapter share block IDs, so their blocks pair by ID; a block that
// has no partner is set against nothing. parallelChapterSource writes the
// pairs as units for tandem.typ's parallel function, which gathers them
// into spreads.

// pair is one block in each language; either may be nil.
type pair struct{ l, r *doc.Block }

// pairs matches the blocks of l and r by ID, in l's order, with the blocks
// only r has put after the l block they follow in r. Documents whose IDs
// do not match at all (prefaces written apart) pair by position.
func pairs(l, r []doc.Block) []pair {
	ri := map[string]int{}
	for i := range r {
		ri[r[i].ID] = i
	}
	matched := 0
	for i := range l {
		if _, ok := ri[l[i].ID]; ok && l[i].ID != "" {
			matched++
		}
	}
	var out []pair
	if matched == 0 {
		for i := 0; i < max(len(l), len(r)); i++ {
			var p pair
			if i < len(l) {
				p.l = &l[i]
			}
			if i < len(r) {
				p.r = &r[i]
			}
			out = append(out, p)
		}
		return out
	}
	used := make([]bool, len(r))
	next := 0 // r blocks before next are placed
	for i := range l {
		j, ok := ri[l[i].ID]
		if !ok || l[i].ID == "" || used[j] {
			out = append(out, pair{l: &l[i]})
			continue
		}
		for ; next < j; next++ {
			if !used[next] {
				used[next] = true
				out = append(out, pair{r: &r[next]})
			}
		}
		used[j] = true
		if next == j {
			next++
		}
		out = append(out, pair{l: &l[i], r: &r[j]})
	}
	for ; next < len(r); next++ {
		if !used[next] {
			out = append(out, pair{r: &r[next]})
		}
	}
	return out
}

// noteNumbers numbers the notes of d from 1 in the order of their calls.
func noteNumbers(d *doc.Document) map[string]int {
	nums := map[string]int{}
	d.Walk(func(b *doc.Block) {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.NoteRef && in.Mark == "" {
				if _, ok := nums[in.Note]; !ok {
					nums[in.Note] = len(nums) + 1
				}
			}
		})
	})
	return nums
}

// side writes one side of a unit: its blocks whole, the notes they hold,
// and the same blocks cut into pieces at sentence ends with each piece's
// notes.
type side struct {
	whole  []string
	pieces []piece
	notes  []string
	pnotes [][]string
}

// piece is one piece of a side: a block, or part of a paragraph cut at a
// sentence; cont marks the parts after the first.
type piece struct {
	markup string
	cont   bool
}

func (s *side) add(w *writer, b *doc.Block, top bool) {
	if b == nil {
		return
	}
	w.b.Reset()
	w.noteBodies = nil
	w.block(b, top)
	s.whole = append(s.whole, w.b.String())
	s.notes = append(s.notes, w.noteBodies...)
	if b.Type != doc.Paragraph {
		s.pieces = append(s.pieces, piece{markup: w.b.String()})
		s.pnotes = append(s.pnotes, w.noteBodies)
		return
	}
	for i, part := range sentences(b.Inlines, w.lang) {
		pb := *b
		pb.Inlines = part
		if i > 0 {
			pb.ID = "" // the block's mark is on its first piece
		}
		w.b.Reset()
		w.noteBodies = nil
		w.block(&pb, top)
		s.pieces = append(s.pieces, piece{markup: strings.TrimRight(w.b.String(), "\n"), cont: i > 0})
		s.pnotes = append(s.pnotes, w.noteBodies)
	}
}

func (s *side) typst() string {
	var ps strings.Builder
	ps.WriteString("(")
	for _, p := range s.pieces {
		fmt.Fprintf(&ps, "(body: [%s], cont: %t), ", p.markup, p.cont)
	}
	ps.WriteString(")")
	var pn strings.Builder
	pn.WriteString("(")
	for _, n := range s.pnotes {
		pn.WriteString("(")
		for _, x := range n {
			pn.WriteString(x + ", ")
		}
		pn.WriteString("), ")
	}
	pn.WriteString(")")
	var notes strings.Builder
	notes.WriteString("(")
	for _, x := range s.notes {
		notes.WriteString(x + ", ")
	}
	notes.WriteString(")")
	return fmt.Sprintf("(whole: [%s], notes: %s, pieces: %s, pnotes: %s)",
		strings.Join(s.whole, "\n\n"), notes.String(), ps.String(), pn.String())
}

// sentences cuts a paragraph's inlines after each sentence's end: a full
// stop, question or exclamation mark (with the closing quotes and
// brackets after it) in text that is not inside a mark, followed in
// Russian by a space and not after an initial or abbreviation. It returns
// the inlines whole when there is no such place.
func sentences(ins []doc.Inline, lang string) [][]doc.Inline {
	var merged []doc.Inline
	for _, in := range ins {
		if n := len(merged); n > 0 && in.Type == doc.Text && merged[n-1].Type == doc.Text {
			merged[n-1].Text += in.Text
			continue
		}
		merged = append(merged, in)
	}
	var out [][]doc.Inline
	var cur []doc.Inline
	for _, in := range merged {
		if in.Type != doc.Text {
			cur = append(cur, in)
			continue
		}
		rs := []rune(in.Text)
		start := 0
		for i := 0; i < len(rs); i++ {
			if !strings.ContainsRune("。！？.!?…", rs[i]) {
				continue
			}
			j := i + 1
			for j < len(rs) && strings.ContainsRune("”’」』》）)»“\"", rs[j]) {
				j++
			}
			if lang != "zh" {
				if rs[i] == '.' && shortWordBefore(rs, i) {
					continue
				}
				if j >= len(rs) || rs[j] != ' ' || j+1 >= len(rs) || !(unicode.IsUpper(rs[j+1]) || strings.ContainsRune("«„—", rs[j+1])) {
					continue
				}
				j++ // the space ends the sentence
			} else if j >= len(rs) {
				continue
			}
			cur = append(cur, doc.Inline{Type: doc.Text, Text: string(rs[start:j])})
			out = append(out, cur)
			cur = nil
			start = j
			i = j - 1
		}
		if start < len(rs) {
			cur = append(cur, doc.Inline{Type: doc.Text, Text: string(rs[start:])})
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	if len(out) == 0 {
		return [][]doc.Inline{ins}
	}
	return out
}

// shortWordBefore reports whether the full stop at rs[i] ends a word of
// one or two letters: an initial or an abbreviation ("А.", "гг.", "т.").
func shortWordBefore(rs []rune, i int) bool {
	n := 0
	for k := i - 1; k >= 0 && unicode.IsLetter(rs[k]); k-- {
		n++
	}
	return n > 0 && n <= 2
}

// units groups pairs so that a heading pair goes with the pair after it.
func units(ps []pair) [][]pair {
	var out [][]pair
	var cur []pair
	for _, p := range ps {
		cur = append(cur, p)
		if isHeading(p.l) || isHeading(p.r) {
			continue
		}
		out = append(out, cur)
		cur = nil
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func isHeading(b *doc.Block) bool { return b != nil && b.Type == doc.Heading }

// parallelSources writes the units of documents l and r (languages ll and
// rl) for tandem.typ's parallel, the first unit beginning with the
// opening markup of each side.
func parallelUnits(chapter, ll, rl string, l, r *doc.Document, openL, openR string, perPage bool) string {
	wl, wr := newWriter(chapter, ll, l), newWriter(chapter, rl, r)
	wl.numbers, wr.numbers = noteNumbers(l), noteNumbers(r)
	// The right side's notes take the numbers of the left's, which share
	// their IDs, so that the two sides' note numbers correspond.
	for id, n := range wl.numbers {
		if _, ok := wr.numbers[id]; ok {
			wr.numbers[id] = n
		}
	}
	wl.markLang, wr.markLang = ll, rl
	var s strings.Builder
	fmt.Fprintf(&s, "#parallel(%s, %s, (\n", str(ll), str(rl))
	us := units(pairs(bodyBlocks(l), bodyBlocks(r)))
	if len(us) == 0 {
		us = [][]pair{nil}
	}
	for i, u := range us {
		var a, b side
		if i == 0 {
			a.whole, a.pieces, a.pnotes = []string{openL}, []piece{{markup: openL}}, [][]string{nil}
			b.whole, b.pieces, b.pnotes = []string{openR}, []piece{{markup: openR}}, [][]string{nil}
		}
		for _, p := range u {
			a.add(wl, p.l, true)
			b.add(wr, p.r, true)
		}
		fmt.Fprintf(&s, "  (l: %s,\n   r: %s),\n", a.typst(), b.typst())
	}
	fmt.Fprintf(&s, "), per-page: %t)\n", perPage)
	return s.String()
}

// parallelChapterSource is a chapter of a parallel edition.
func parallelChapterSource(b *book.Book, c *book.Chapter, cat *i18n.Catalog) string {
	ll, rl := b.Langs[0], b.Langs[1]
	var s strings.Builder
	s.WriteString("#import \"/tandem.typ\": *\n")
	fmt.Fprintf(&s, "#parallel-opening(%s, %s, %s, %s, %s)\n", str(c.ID), str(ll), str(rl), str(chapterTitle(c, ll)), str(chapterTitle(c, rl)))
	opening := func(l string, outlined bool) string {
		var by strings.Builder
		for _, a := range c.Authors {
			fmt.Fprintf(&by, "#text(size: 10pt, weight: \"bold\", %s)", personCode(a, l))
			if aff := a.Affiliation[l]; aff != "" {
				fmt.Fprintf(&by, "#linebreak()#text(size: 8.5pt, %s)", str(aff))
			}
			by.WriteString("#linebreak()")
		}
		if ts := c.Translators[l]; len(ts) > 0 {
			fmt.Fprintf(&by, "#v(0.5em)#text(size: 8.5pt, %s)", peopleContent(cat.Printer(l), "typeset.translated_by", ts, l))
		}
		return fmt.Sprintf("#opening-side(%s, %s, outlined: %t, [%s])", str(l), str(chapterTitle(c, l)), outlined, by.String())
	}
	l, r := c.Text[ll], c.Text[rl]
	if l == nil {
		l = &doc.Document{}
	}
	if r == nil {
		r = &doc.Document{}
	}
	s.WriteString(parallelUnits(c.ID, ll, rl, l, r, opening(ll, true), opening(rl, false), perPageNotes(b)))
	s.WriteString("#section-end()\n")
	return s.String()
}

// parallelPreface is the preface of a parallel edition, its two languages
// side by side.
func parallelPreface(b *book.Book, cat *i18n.Catalog) string {
	ll, rl := b.Langs[0], b.Langs[1]
	var s strings.Builder
	fmt.Fprintf(&s, "#pagebreak(to: \"even\", weak: true)\n#section-start(\"front\", \"preface\", title: %s, lang: %s)\n", str(cat.Printer(ll).T("typeset.preface")), str(ll))
	head := func(l string, outlined bool) string {
		return fmt.Sprintf("#heading(level: 1, outlined: %t, %s)", outlined, str(cat.Printer(l).T("typeset.preface")))
	}
	s.WriteString(parallelUnits("", ll, rl, b.Preface[ll], b.Preface[rl], head(ll, true), head(rl, false), perPageNotes(b)))
	s.WriteString("#section-end()\n")
	return s.String()
}
