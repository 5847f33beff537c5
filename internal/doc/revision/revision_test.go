package revision

import (
	"context"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func upload(t *testing.T, name string) (*doc.Document, Source) {
	t.Helper()
	path := "../docx/testdata/" + name
	d, err := docx.ReadFile(path, docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return d, Source{Name: name, Type: "docx", Data: data, By: "editor@example.org"}
}

// TestRevisions stores a manuscript and its revision and checks what an
// editor sees: both revisions listed, the original file retrievable, the
// images stored, the diff, and the identifiers of unchanged and edited
// blocks kept.
func TestRevisions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		s := NewStore(db, blobs)
		id, err := s.Create(ctx, "ru", "Договор о добрососедстве")
		if err != nil {
			t.Fatal(err)
		}
		d1, src1 := upload(t, "manuscript-ru.docx")
		r1, err := s.Add(ctx, id, d1, src1)
		if err != nil {
			t.Fatal(err)
		}
		d2, src2 := upload(t, "manuscript-ru-v2.docx")
		r2, err := s.Add(ctx, id, d2, src2)
		if err != nil {
			t.Fatal(err)
		}
		empty := &doc.Document{Version: doc.Version, Lang: "ru", Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: " \u00a0\t"}}}}}
		if _, err := s.Add(ctx, id, empty, Source{Type: "docx", Name: "empty.docx", Data: []byte("PK")}); !errors.Is(err, doc.ErrNoContent) {
			t.Errorf("Add of a document with no text = %v; want ErrNoContent", err)
		}
		if r1.Number != 1 || r2.Number != 2 {
			t.Errorf("revision numbers %d, %d; want 1, 2", r1.Number, r2.Number)
		}

		list, err := s.List(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].SourceName != "manuscript-ru.docx" || list[1].SourceName != "manuscript-ru-v2.docx" || list[1].By != "editor@example.org" {
			t.Errorf("List = %+v", list)
		}

		rc, err := s.Source(ctx, &list[0])
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(rc)
		rc.Close()
		if string(got) != string(src1.Data) {
			t.Error("the stored file of revision 1 differs from the upload")
		}
		if len(d1.Media) != 1 {
			t.Fatalf("fixture has %d images, want 1", len(d1.Media))
		}
		if o, err := blobs.Open(ctx, MediaKey(d1.Media[0].Name)); err != nil {
			t.Errorf("image not in the blob store: %v", err)
		} else {
			o.Close()
		}

		// The stored model reads back as what was stored.
		back, err := s.Get(ctx, id, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(back.Doc.Blocks) != len(d1.Blocks) || back.Doc.Blocks[0].ID != d1.Blocks[0].ID || back.Doc.Lang != "ru-RU" {
			t.Errorf("revision 1 read back with %d blocks, first %q, lang %q", len(back.Doc.Blocks), back.Doc.Blocks[0].ID, back.Doc.Lang)
		}

		ch, err := s.Diff(ctx, id, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		counts := map[doc.Op]int{}
		for _, c := range ch.Blocks {
			counts[c.Op]++
			if c.Op == doc.Changed && c.Old.ID != c.New.ID {
				t.Errorf("edited block %s stored as %s; it should keep its identifier", c.Old.ID, c.New.ID)
			}
			if c.Op == doc.Same && c.Old.ID != c.New.ID {
				t.Errorf("unchanged block %s stored as %s", c.Old.ID, c.New.ID)
			}
		}
		if counts[doc.Changed] != 1 || counts[doc.Insert] != 1 || counts[doc.Delete] != 1 {
			t.Errorf("diff of revisions 1 and 2: %v", counts)
		}

		if _, err := s.Get(ctx, id, 3); !errors.Is(err, ErrNotFound) {
			t.Errorf("revision 3: error %v, want not found", err)
		}
		if _, err := s.Add(ctx, id+100, d1, src1); !errors.Is(err, ErrNotFound) {
			t.Errorf("adding to a missing document: error %v, want not found", err)
		}
	})
}

// TestKeepIDs: blocks whose identifiers name what they are keep them in a
// revision that removes one block and adds a similar one in its place,
// where Carry would give the new block the removed one's identifier.
func TestKeepIDs(t *testing.T) {
	para := func(id, text string) doc.Block {
		return doc.Block{ID: id, Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: text}}}
	}
	for _, tc := range []struct {
		keep bool
		want string
	}{{true, "speech-13-title"}, {false, "speech-12-title"}} {
		storetest.ForEach(t, func(t *testing.T, db *store.DB) {
			ctx := context.Background()
			blobs, err := blob.NewDir(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			s := NewStore(db, blobs)
			id, err := s.Create(ctx, "ru", "site")
			if err != nil {
				t.Fatal(err)
			}
			d1 := &doc.Document{Version: doc.Version, Lang: "ru", Blocks: []doc.Block{para("forum-1-title", "Форум"), para("speech-12-title", "Приветственное слово министра")}}
			d2 := &doc.Document{Version: doc.Version, Lang: "ru", Blocks: []doc.Block{para("forum-1-title", "Форум"), para("speech-13-title", "Приветственное слово президента")}}
			for _, d := range []*doc.Document{d1, d2} {
				if _, err := s.Add(ctx, id, d, Source{Name: "site.md", Type: "markdown", Data: []byte("x"), KeepIDs: tc.keep}); err != nil {
					t.Fatal(err)
				}
			}
			r, err := s.Latest(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Doc.Blocks[1].ID; got != tc.want {
				t.Errorf("KeepIDs %v: the new block is %q, want %q", tc.keep, got, tc.want)
			}
		})
	}
}
