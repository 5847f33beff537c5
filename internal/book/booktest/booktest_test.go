package booktest

import (
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestBooks checks that the sample books read, that a chapter's languages
// share block and note IDs, and that the notes and the span the renderers'
// tests rely on are there.
func TestBooks(t *testing.T) {
	for _, langs := range [][]string{{"zh"}, {"ru"}, {"zh", "ru"}} {
		b := Book(langs...)
		if len(b.Chapters) != 2 {
			t.Fatalf("%v: %d chapters", langs, len(b.Chapters))
		}
		for _, c := range b.Chapters {
			for _, l := range langs {
				d := c.Text[l]
				if d == nil || c.Title[l] == "" {
					t.Fatalf("%v %s: no text or title in %s", langs, c.ID, l)
				}
				if len(d.Notes) != 2 {
					t.Errorf("%v %s %s: %d notes, want 2", langs, c.ID, l, len(d.Notes))
				}
			}
			if len(langs) == 2 {
				a, b := c.Text["zh"], c.Text["ru"]
				for i := range a.Blocks {
					if a.Blocks[i].ID != b.Blocks[i].ID {
						t.Errorf("%s block %d: ids %q and %q", c.ID, i, a.Blocks[i].ID, b.Blocks[i].ID)
					}
				}
				for i := range a.Notes {
					if a.Notes[i].ID != b.Notes[i].ID {
						t.Errorf("%s note %d: ids %q and %q", c.ID, i, a.Notes[i].ID, b.Notes[i].ID)
					}
				}
			}
		}
	}
	zh := Book("zh").Chapters[0].Text["zh"]
	span := false
	zh.Walk(func(b *doc.Block) {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.Span && in.Lang == "ru" {
				span = true
			}
		})
	})
	if !span {
		t.Error("the Chinese first chapter lost its Russian span")
	}
	if a, b := Book("zh").Chapters[0].Fingerprint(), Book("zh").Chapters[0].Fingerprint(); a != b {
		t.Error("the same chapter has two fingerprints")
	}
}
