package web_test

import (
	"context"
	"encoding/json"
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
