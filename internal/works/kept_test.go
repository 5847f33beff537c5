package works_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// TestKeepApprovedText: once both hosts approve a translation, its text is
// kept as a document of its language, once however often the job runs; a
// text that changed before the job ran is not kept; the original language
// is kept by the manuscript itself.
func TestKeepApprovedText(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m, c := manuscripts(t, db, works.Accepted)
		if _, err := upload(t, m, c, "ms.md"); err != nil {
			t.Fatal(err)
		}
		ed := works.Actor{AccountID: 2, Name: "Редактор"}
		for _, name := range []string{"submit", "final"} {
			mv, _ := works.MoveNamed(name)
			if err := db.Transact(ctx, func(tx *store.Tx) error { return works.Advance(ctx, tx, c, mv, "", syncer{m}, ed) }); err != nil {
				t.Fatal(err)
			}
		}
		got, err := works.GetContribution(ctx, db, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		setSegments(t, db, got, "zh", translate.Approved, -1)
		for _, name := range []string{"translated", "review", "reviewed"} {
			mv, _ := works.LangMoveNamed(name)
			if err := db.Transact(ctx, func(tx *store.Tx) error { return works.AdvanceLang(ctx, tx, got, "zh", mv, "", ed) }); err != nil {
				t.Fatal(err)
			}
		}
		translated := &doc.Document{Version: 1, Lang: "zh", Title: "条约", Blocks: []doc.Block{{ID: "p1", Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: "第九条规定了边界。"}}}}}
		snap, err := json.Marshal(translated)
		if err != nil {
			t.Fatal(err)
		}
		hosts, err := works.Hosts(ctx, db, c.CollectionID)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range hosts {
			err := db.Transact(ctx, func(tx *store.Tx) error {
				c, err := works.GetContribution(ctx, tx, c.ID)
				if err != nil {
					return err
				}
				_, err = works.Approve(ctx, tx, c, "zh", h, "zh-1", snap, works.Actor{AccountID: h, Name: "Организатор"})
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		revs := revision.NewStore(db, blobs)
		if id, err := works.Keep(ctx, db, revs, blobs, works.KeepArgs{ContributionID: c.ID, Lang: "zh", Fingerprint: "zh-0"}); err != nil || id != 0 {
			t.Fatalf("keeping a text no longer approved: %d, %v", id, err)
		}
		var first int64
		for range 2 {
			id, err := works.Keep(ctx, db, revs, blobs, works.KeepArgs{ContributionID: c.ID, Lang: "zh", Fingerprint: "zh-1"})
			if err != nil || id == 0 {
				t.Fatalf("keep: %d, %v", id, err)
			}
			if first != 0 && id != first {
				t.Fatalf("kept in document %d, then %d", first, id)
			}
			first = id
		}
		list, err := revs.List(ctx, first)
		if err != nil || len(list) != 1 {
			t.Fatalf("revisions of the kept text: %d, %v; want 1", len(list), err)
		}
		rev, err := revs.Latest(ctx, first)
		if err != nil {
			t.Fatal(err)
		}
		if rev.Doc.Lang != "zh" || doc.PlainText(rev.Doc.Blocks[0].Inlines) != "第九条规定了边界。" {
			t.Errorf("kept text %+v", rev.Doc)
		}
		if id, err := works.LangDocument(ctx, db, c.ID, "zh"); err != nil || id != first {
			t.Errorf("LangDocument zh = %d, %v; want %d", id, err, first)
		}
		if id, err := works.Keep(ctx, db, revs, blobs, works.KeepArgs{ContributionID: c.ID, Lang: "ru"}); err != nil || id != c.DocumentID {
			t.Errorf("original kept in %d, %v; want the manuscript %d", id, err, c.DocumentID)
		}
	})
}
