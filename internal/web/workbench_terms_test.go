package web_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/web"
)

// TestWorkbenchTermsOnce reads the terms panel of a segment that uses one
// term of the forum's termbase twice (in two case forms) and another once:
// each entry is listed once, so that it has one shortcut.
func TestWorkbenchTermsOnce(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOfficeWith(t, db, func(c *web.Config) { c.Terms = web.ForumTerms{DB: db} })
		news := mustInt(t, firstNews(t, o))
		var forumID int64
		if err := db.QueryRow(ctx, `SELECT forum_id FROM news_posts WHERE id = ?`, news).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		for _, e := range []*translate.Entry{
			{ForumID: forumID, UpdatedBy: "test", Terms: []translate.EntryTerm{{Lang: "ru", Text: "договор"}, {Lang: "zh", Text: "条约"}}},
			{ForumID: forumID, UpdatedBy: "test", Terms: []translate.EntryTerm{{Lang: "ru", Text: "Москва"}, {Lang: "zh", Text: "莫斯科"}}},
		} {
			if err := translate.CreateEntry(ctx, db, e); err != nil {
				t.Fatal(err)
			}
		}
		const src = "Договор подписан в Москве, и текст договора опубликован."
		md := filepath.Join(t.TempDir(), "twice.md")
		if err := os.WriteFile(md, []byte(src+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		tr := addTranslation(t, o, md, "news", news, "zh")
		o.account("wang@terms.example", "王芳", "zh", false, "cass:translator")
		b := o.browser()
		b.signIn("wang@terms.example")
		var sug struct {
			Terms []struct {
				Source  string   `json:"source"`
				Targets []string `json:"targets"`
			} `json:"terms"`
		}
		seg := segmentsBySource(t, db, tr.ID)[src]
		if resp := b.sendJSON("GET", segPath(tr, seg)+"/suggestions", nil, &sug); resp.StatusCode != http.StatusOK {
			t.Fatalf("suggestions: %d", resp.StatusCode)
		}
		count := map[string]int{}
		for _, h := range sug.Terms {
			if len(h.Targets) > 0 {
				count[h.Targets[0]]++
			}
		}
		if len(sug.Terms) != 2 || count["条约"] != 1 || count["莫斯科"] != 1 {
			t.Errorf("terms listed %+v; want each entry once", sug.Terms)
		}
	})
}
