package translate

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
)

// TestImportKeepsNotes imports a translation that drops one note
// reference and swaps two others: every note is still called once, the
// notes are numbered in the order the translation calls them, the lost
// reference is named by its unit, and no link of the HTML written points
// at something the page lacks.
func TestImportKeepsNotes(t *testing.T) {
	txt := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	ref := func(id string) doc.Inline { return doc.Inline{Type: doc.NoteRef, Note: id} }
	note := func(id, s string) doc.Note {
		return doc.Note{ID: id, Type: doc.Footnote, Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{txt(s)}}}}
	}
	d := &doc.Document{Version: doc.Version, Lang: "ru", Blocks: []doc.Block{
		{Type: doc.Paragraph, Inlines: []doc.Inline{txt("Первый"), ref("a"), txt(" и второй"), ref("b"), txt(".")}},
		{Type: doc.Paragraph, Inlines: []doc.Inline{txt("Третий"), ref("c"), txt(".")}},
	}, Notes: []doc.Note{note("a", "Примечание А."), note("b", "Примечание Б."), note("c", "Примечание В.")}}
	doc.AssignIDs(d)
	x, err := FromDocument(d, "d.html", "ru", "en")
	if err != nil {
		t.Fatal(err)
	}
	tr := map[string]string{
		"Первый{1/} и второй{2/}.": "The second{2/} and the first{1/}.",
		"Третий{1/}.":              "The third.",
		"Примечание А.":            "Note A.",
		"Примечание Б.":            "Note B.",
		"Примечание В.":            "Note C.",
	}
	var dropped string
	for i := range x.Files[0].Units {
		u := &x.Files[0].Units[i]
		for j := range u.Segments {
			s := &u.Segments[j]
			src := tagged(s.Source)
			want, ok := tr[src]
			if !ok {
				t.Fatalf("unexpected source %q", src)
			}
			if want == "The third." {
				dropped = u.ID
			}
			s.Target, s.State = target(want, s.Source), interchange.Translated
		}
	}
	res, err := ApplyTranslation(d, x)
	if err != nil {
		t.Fatal(err)
	}
	var warned bool
	for _, w := range res.Warnings {
		if strings.Contains(w.Msg, `unit "`+dropped+`"`) && strings.Contains(w.Msg, "(footnote) of the source is missing from the translation: the note reference is put at the end of the sentence") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning names unit %q: %+v", dropped, res.Warnings)
	}
	var h bytes.Buffer
	if err := doc.WriteHTML(&h, d, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	page := h.String()
	ids := map[string]bool{}
	for _, m := range regexp.MustCompile(` id="([^"]+)"`).FindAllStringSubmatch(page, -1) {
		ids[m[1]] = true
	}
	for _, m := range regexp.MustCompile(` href="#([^"]+)"`).FindAllStringSubmatch(page, -1) {
		if !ids[m[1]] {
			t.Errorf("link to #%s, which the page lacks", m[1])
		}
	}
	if n := strings.Count(page, `role="doc-noteref"`); n != 3 {
		t.Errorf("%d references, want 3:\n%s", n, page)
	}
	for _, w := range []string{
		`The second<sup><a id="ref-` + d.Notes[0].ID + `" href="#` + d.Notes[0].ID + `" role="doc-noteref">1</a></sup> and the first<sup><a`,
		`role="doc-noteref">2</a></sup>.</p>`, `The third.<sup><a`, `role="doc-noteref">3</a></sup></p>`,
	} {
		if !strings.Contains(page, w) {
			t.Errorf("HTML lacks %q:\n%s", w, page)
		}
	}
	var texts []string
	for _, n := range d.Notes {
		texts = append(texts, doc.BlockText(&n.Blocks[0]))
	}
	if got := strings.Join(texts, "|"); got != "Note B.|Note A.|Note C." {
		t.Errorf("notes in the order %q, want the order the translation calls them", got)
	}
}

// tagged writes content in the notation target reads.
func tagged(c interchange.Content) string {
	var b strings.Builder
	for _, r := range c {
		switch r.Kind {
		case interchange.Text:
			b.WriteString(r.Text)
		case interchange.Open:
			b.WriteString("{" + r.ID + "}")
		case interchange.Close:
			b.WriteString("{/" + r.ID + "}")
		case interchange.Standalone:
			b.WriteString("{" + r.ID + "/}")
		}
	}
	return b.String()
}
