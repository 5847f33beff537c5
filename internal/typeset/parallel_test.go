package typeset

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/typeset/spreadcheck"
	"github.com/tandemforum/tandem/internal/typst"
)

// marks builds b and returns where each block of each side landed.
func marks(t *testing.T, ts *Typesetter, c *typst.Compiler, b *book.Book) (*Output, []spreadcheck.Placed) {
	t.Helper()
	out, err := ts.Build(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return out, spreadcheck.Placements(t, c)
}

func TestParallelPairsShareSpreads(t *testing.T) {
	ts, c := newTypesetter(t)
	b := booktest.Book("zh", "ru")
	out, ms := marks(t, ts, c, b)
	want := 0
	for _, ch := range b.Chapters {
		want += len(bodyBlocks(ch.Text["zh"]))
	}
	if n := spreadcheck.Spreads(t, ms, "zh", "ru"); n != want {
		t.Errorf("%d pairs placed, want %d", n, want)
	}
	// Every page of the chapters has text on it: the Russian side's
	// greater length is absorbed spread by spread, not by blank pages.
	pages := strings.Split(pdfTextLayout(t, out.PDF), "\f")
	first, last := 0, 0
	for _, m := range ms {
		if m.Kind == "chapter" && first == 0 {
			first = m.Page
		}
		if m.Kind == "block" {
			last = max(last, m.Page)
		}
	}
	for p := first; p <= last; p++ {
		if len(lines(pages[p-1])) < 3 {
			t.Errorf("page %d of the chapters is (nearly) blank:\n%s", p, pages[p-1])
		}
	}
	// Note numbers correspond: each spread shows the same notes on
	// both sides.
	if err := c.SetSource("/notes.typ", `#include "/main.typ"
#context [#metadata(query(footnote).map(f => (page: f.location().page(), n: (f.numbering)(1)))) <fn>]`); err != nil {
		t.Fatal(err)
	}
	r, err := c.Compile(typst.Build{Main: "/notes.typ", Queries: []typst.Query{{Selector: "<fn>", Field: "value"}}})
	if err != nil {
		t.Fatal(err)
	}
	var fns [][]struct {
		Page int
		N    string
	}
	if err := json.Unmarshal(r.Queries[0], &fns); err != nil {
		t.Fatal(err)
	}
	spread := map[int][2][]string{}
	for _, f := range fns[0] {
		s := spread[f.Page/2]
		s[f.Page%2] = append(s[f.Page%2], f.N)
		spread[f.Page/2] = s
	}
	if len(fns[0]) != 8 {
		t.Errorf("%d notes set, want 8 (4 a side)", len(fns[0]))
	}
	for k, s := range spread {
		if strings.Join(s[0], ",") != strings.Join(s[1], ",") {
			t.Errorf("spread %d–%d: notes %v on the verso, %v on the recto", 2*k, 2*k+1, s[0], s[1])
		}
	}
}

// TestParallelLongPair makes one Russian paragraph longer than a page:
// it is cut at its sentences over several rectos, the Chinese side padded,
// and the pairs after it still start on one spread.
func TestParallelLongPair(t *testing.T) {
	ts, c := newTypesetter(t)
	b := booktest.Book("zh", "ru")
	ru := b.Chapters[1].Text["ru"]
	for i := range ru.Blocks {
		if ru.Blocks[i].Type == doc.Paragraph {
			var more []doc.Inline
			for range 12 {
				more = append(more, doc.Inline{Type: doc.Text, Text: " Эта фраза повторяется, чтобы абзац стал длиннее страницы, и вёрстка должна его разрезать по предложениям."})
			}
			ru.Blocks[i].Inlines = append(ru.Blocks[i].Inlines, more...)
			break
		}
	}
	out, ms := marks(t, ts, c, b)
	if spreadcheck.Spreads(t, ms, "zh", "ru") == 0 {
		t.Fatal("no pairs")
	}
	pages := strings.Split(pdfTextLayout(t, out.PDF), "\f")
	// The long paragraph's text is on rectos only.
	for p, pg := range pages {
		if strings.Contains(pg, "Эта фраза повторяется") && (p+1)%2 == 0 {
			t.Errorf("the long Russian paragraph runs onto page %d, a verso", p+1)
		}
	}
}

// TestParallelLongNoteOnItsSide sets the parallel edition on a small page,
// where the second chapter's long note cannot end on the page of its call:
// its Russian text goes on over rectos only, its Chinese over versos
// only, never onto a page of the other language.
func TestParallelLongNoteOnItsSide(t *testing.T) {
	ts, _ := newTypesetter(t)
	b := booktest.Book("zh", "ru")
	b.Layout.Width, b.Layout.Height = 110, 150
	for _, l := range b.Langs {
		n := &b.Chapters[1].Text[l].Notes[0].Blocks[0]
		n.Inlines = append(n.Inlines, n.Inlines...)
	}
	out, err := ts.Build(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(pdfTextLayout(t, out.PDF), "\f")
	for _, tc := range []struct {
		lang string
		odd  bool
	}{{"ru", true}, {"zh", false}} {
		note := squeeze(RussianSpaces(doc.BlockText(&b.Chapters[1].Text[tc.lang].Notes[0].Blocks[0])))
		rs := []rune(note)
		head, tail := string(rs[:12]), string(rs[len(rs)-12:])
		if tc.lang == "zh" {
			head, tail = string(rs[:8]), string(rs[len(rs)-8:])
		}
		// A phrase the note has twice over, near the end of each copy.
		mid := map[string]string{"ru": "скользящиесредние", "zh": "三年移动平均值"}[tc.lang]
		hp, tp := -1, -1
		for p, pg := range pages {
			s := squeeze(RussianSpaces(pg))
			if hp < 0 && strings.Contains(s, head) {
				hp = p + 1
			}
			if strings.Contains(s, tail) {
				tp = p + 1
			}
		}
		if hp < 0 || tp < 0 {
			t.Errorf("%s: the long note is not in the PDF (%d, %d)", tc.lang, hp, tp)
			continue
		}
		if (hp%2 == 1) != tc.odd || (tp%2 == 1) != tc.odd {
			t.Errorf("%s: the long note begins on page %d and ends on page %d, not both on its side", tc.lang, hp, tp)
		}
		// No page of the other side shows any of it.
		for p := hp; p <= tp; p++ {
			if (p%2 == 1) != tc.odd && strings.Contains(squeeze(RussianSpaces(pages[p-1])), mid) {
				t.Errorf("%s: the long note runs onto page %d, of the other language", tc.lang, p)
			}
		}
	}
}

// TestParallelNotesPerPage sets the parallel edition with its notes
// numbered per page: each spread's notes count from ① on the Chinese verso
// and from 1 on the Russian recto, so that no spread shows a second note
// without a first.
func TestParallelNotesPerPage(t *testing.T) {
	ts, _ := newTypesetter(t)
	b := booktest.Book("zh", "ru")
	b.Layout.Notes = book.PerPage
	out, err := ts.Build(b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(pdfTextLayout(t, out.PDF), "\f")
	firsts := 0
	for p := 1; p < len(pages); p += 2 { // versos: pages 2, 4, …
		if strings.Contains(pages[p], "②") && !strings.Contains(pages[p], "①") {
			t.Errorf("page %d has note ② but no ①", p+1)
		}
		if strings.Contains(pages[p], "①") {
			firsts++
		}
	}
	// The sample's chapters have their two notes on different spreads.
	if firsts < 3 {
		t.Errorf("only %d versos number their notes from ①", firsts)
	}
}
