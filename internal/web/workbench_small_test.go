package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestWorkbenchHeadingTitle heads a contribution's workbench with its title
// in the translation's language, else in the reader's, else in the
// original (a Russian title with a Chinese one, no English): a zh reader
// of the translation into en reads the zh title, an en reader of it the
// original ru one, an en reader of the zh translation the zh one; never
// the title of the document's file.
func TestWorkbenchHeadingTitle(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		own, _ := permissionTargets(t, o)
		contrib := mustInt(t, own["contribution"])
		title, err := json.Marshal(lang.New("ru", map[string]string{"ru": "Добрососедство", "zh": "睦邻友好"}))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `UPDATE contributions SET title = ? WHERE id = ?`, string(title), contrib); err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"zh", "ru", "en"} {
			o.account("head-"+l+"@wb.example", "Reader "+l, l, false, "cass:translator")
		}
		enTr := addTranslation(t, o, "workbench-essay.md", "contribution", contrib, "en")
		zhTr := addTranslation(t, o, "workbench-essay.md", "contribution", contrib, "zh")
		for _, c := range []struct {
			lang string
			path string
			want string
		}{
			{"zh", "/office/translations/" + itoa(enTr.ID), "睦邻友好"},
			{"en", "/office/translations/" + itoa(enTr.ID), "Добрососедство"},
			{"en", "/office/translations/" + itoa(zhTr.ID), "睦邻友好"},
			{"zh", "/office/translations/" + itoa(zhTr.ID) + "/exchange", "睦邻友好"},
		} {
			b := o.browser()
			b.signIn("head-" + c.lang + "@wb.example")
			_, doc := b.get(c.path)
			if h := doc.Find("h1").First().Text(); !strings.HasPrefix(h, c.want) {
				t.Errorf("%s reader of %s: heading %q; want it to begin with %q", c.lang, c.path, h, c.want)
			}
		}
	})
}

// TestWorkbenchFailWording has a reviewer try to save a translation and
// someone save a segment that is not the translation's: the JSON errors
// the editor shows are worded for the editor, in the reader's language,
// not the error pages' "open this page … go to the home page".
func TestWorkbenchFailWording(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		other := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "en")
		o.account("rev@fail.example", "Рецензент", "ru", false, "cass:reviewer")
		o.account("tr@fail.example", "Translator", "en", false, "cass:translator")
		rev, tra := o.browser(), o.browser()
		rev.signIn("rev@fail.example")
		tra.signIn("tr@fail.example")
		seg := segmentsBySource(t, db, tr.ID)[essaySigned]
		var a segmentAnswer
		r := rev.sendJSON("POST", segPath(tr, seg), edit{"action": "save", "version": seg.Version, "state": "translated", "target": plainRuns("条约。")}, &a)
		if r.StatusCode != http.StatusForbidden || !strings.Contains(a.Error, "Вы не можете изменить этот сегмент") || strings.Contains(a.Error, "главную") {
			t.Errorf("a reviewer's save: %d %q", r.StatusCode, a.Error)
		}
		r = tra.sendJSON("POST", segPath(other, seg), edit{"action": "save", "version": seg.Version, "state": "translated", "target": plainRuns("Treaty.")}, &a)
		if r.StatusCode != http.StatusNotFound || !strings.Contains(a.Error, "Reload the workbench") || strings.Contains(a.Error, "home page") {
			t.Errorf("a segment of another translation: %d %q", r.StatusCode, a.Error)
		}
	})
}
