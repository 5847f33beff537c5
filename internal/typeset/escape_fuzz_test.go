package typeset

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/typst"
)

// FuzzEscaping puts any text where a book's texts go (a chapter title, a
// paragraph, emphasis, a span's language, a note, an imprint line): the
// book must build, and a string literal made by str must read back in
// Typst as the text itself, so that no input can become Typst code.
func FuzzEscaping(f *testing.F) {
	for _, s := range []string{"", `#set page(width: 1mm)`, `]#panic("x")[`, `"\`, "$x^2$ <label> @ref *b* _i_ `raw`", "\x00\x01\u2028\uFEFF", "\xff\xfe", "//comment\n/* x", "= Heading\n- list", "《论语》«цитата»„вложенная“"} {
		f.Add(s)
	}
	ts, c := newTypesetter(f)
	f.Fuzz(func(t *testing.T, s string) {
		if err := c.SetSource("/fuzz.typ", "#metadata("+str(s)+") <v>"); err != nil {
			t.Fatal(err)
		}
		r, err := c.Compile(typst.Build{Main: "/fuzz.typ", Queries: []typst.Query{{Selector: "<v>", Field: "value"}}})
		if err != nil {
			t.Fatalf("str(%q) does not compile: %v", s, err)
		}
		var got []string
		if err := json.Unmarshal(r.Queries[0], &got); err != nil || len(got) != 1 {
			t.Fatalf("str(%q): query = %s (%v)", s, r.Queries[0], err)
		}
		if want := clean(s); got[0] != want {
			t.Fatalf("str(%q) reads back as %q, want %q", s, got[0], want)
		}

		b := booktest.Book("ru")
		ch := &b.Chapters[0]
		ch.Title["ru"] = s
		b.Imprint["ru"] = append(b.Imprint["ru"], s)
		d := ch.Text["ru"]
		d.Blocks = append(d.Blocks, doc.Block{ID: s, Type: doc.Paragraph, Inlines: []doc.Inline{
			{Type: doc.Text, Text: s},
			{Type: doc.Emph, Content: []doc.Inline{{Type: doc.Text, Text: s}}},
			{Type: doc.Span, Lang: s, Content: []doc.Inline{{Type: doc.Text, Text: s}}},
			{Type: doc.Link, Href: "https://x/" + s, Content: []doc.Inline{{Type: doc.Code, Text: s}}},
			{Type: doc.NoteRef, Note: d.Notes[0].ID, Mark: s},
		}})
		_, err = ts.Build(b, Options{})
		var te *typst.Error
		if errors.As(err, &te) && strings.Contains(err.Error(), "could not be displayed") {
			// A character none of the book's fonts has: PDF/UA
			// forbids it, and the error says which.
			return
		}
		if err != nil {
			t.Fatalf("a book with %q does not build: %v", s, err)
		}
	})
}
