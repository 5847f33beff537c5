package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

// TestContributionStaffHeading: the table of translators and reviewers on
// a contribution's page is headed by the language translated into, not
// the original's, in each language of the office.
func TestContributionStaffHeading(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		want := map[string]string{"ru": "Перевод на", "zh": "译入语言", "en": "Translation into"}
		for l, b := range map[string]*browser{"ru": fx.author, "zh": fx.orgCASS, "en": fx.editor} {
			_, d := b.get(fx.path(""))
			th := d.Find("table.staff thead th").First()
			if th.Length() == 0 {
				t.Fatalf("%s: no staff table", l)
			}
			if got := strings.TrimSpace(th.Text()); got != want[l] {
				t.Errorf("%s: staff table's first heading %q, want %q", l, got, want[l])
			}
		}
	})
}

// TestContributionFormOtherOriginal: a contribution written in a language
// the collection does not list (English, for a collection in Chinese and
// Russian) shows that language as its original on its form and page, with
// title, abstract and keywords fields for it and for each edition
// language, and saves its English title.
func TestContributionFormOtherOriginal(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		ctx := context.Background()
		if _, err := db.Exec(ctx, `UPDATE contributions SET lang = 'en', title = ? WHERE id = ?`, `{"src":"en","v":{"en":"Treaty and neighbourhood"}}`, fx.c.ID); err != nil {
			t.Fatal(err)
		}
		c, err := works.GetContribution(ctx, db, fx.c.ID)
		if err != nil || c.Lang != "en" {
			t.Fatalf("contribution now %v, %v", c, err)
		}
		_, d := fx.editor.get(fx.path("/edit"))
		if got := d.Find("select#lang option[selected]").AttrOr("value", ""); got != "en" {
			t.Errorf("original language shown as %q, want en", got)
		}
		for _, l := range []string{"en", "zh", "ru"} {
			for _, f := range []string{"title.", "abstract.", "keywords."} {
				if byID(d, f+l).Length() == 0 {
					t.Errorf("no field %s%s", f, l)
				}
			}
		}
		if v := byID(d, "title.en").AttrOr("value", ""); v != "Treaty and neighbourhood" {
			t.Errorf("English title field %q", v)
		}
		edit := formValues(t, d, "form.content-form")
		edit.Set("title.en", "Treaty and good neighbourliness")
		edit.Set("keywords.en", "treaty, border")
		resp, d := fx.editor.post(fx.path("/edit"), edit)
		wantStatus(t, "save the English original", resp, http.StatusSeeOther, d)
		c, _ = works.GetContribution(ctx, db, fx.c.ID)
		if c.Lang != "en" || c.Title.Values["en"] != "Treaty and good neighbourliness" || len(c.Keywords["en"]) != 2 {
			t.Errorf("saved: lang %s, title %q, keywords %v", c.Lang, c.Title.Values["en"], c.Keywords)
		}
		_, d = fx.editor.get(fx.path(""))
		if got := d.Find(".contribution-text[lang=en] .title").Text(); got != "Treaty and good neighbourliness" {
			t.Errorf("contribution page, English text: %q", got)
		}
	})
}

// TestReturnedShownAsReturned: a text an editor returned to its author is
// shown as returned (by whom and when), not as "accepted", on the
// collection's list, the author's dashboard, the contribution's page and
// the manuscript page, and the history reads the move as a return.
func TestReturnedShownAsReturned(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		resp, _ := fx.author.upload(t, fx.path("/manuscript"), "ms.docx", fixture(t, "ms-v1.docx"))
		wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		resp, d := fx.author.post(fx.path("/move"), url.Values{"move": {"submit"}})
		wantStatus(t, "submit", resp, http.StatusSeeOther, d)
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"edit"}})
		wantStatus(t, "edit", resp, http.StatusSeeOther, d)
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"return"}, "message": {"Сократите."}})
		wantStatus(t, "return", resp, http.StatusSeeOther, d)

		// The author reads Russian, the CASS organiser Chinese, the editor English.
		_, d = fx.author.get("/office/")
		if got := d.Find("li:has(a[href$='/manuscript']) .badge").First().Text(); !strings.Contains(got, "возвращено автору") || !strings.Contains(got, "Demo Editor") {
			t.Errorf("author's dashboard shows the state as %q", got)
		}
		_, d = fx.author.get(fx.path(""))
		if got := d.Find(".contribution-state").Text(); !strings.Contains(got, "возвращено автору") || strings.Contains(got, "принято") {
			t.Errorf("author's contribution page: %q", got)
		}
		_, d = fx.orgCASS.get(fx.path(""))
		if got := d.Find(".contribution-state").Text(); !strings.Contains(got, "已由Demo Editor于") || !strings.Contains(got, "退回作者") {
			t.Errorf("organiser's contribution page: %q", got)
		}
		var collID int64
		db.QueryRow(context.Background(), `SELECT collection_id FROM contributions WHERE id = ?`, fx.c.ID).Scan(&collID)
		_, d = fx.editor.get("/office/collections/" + strconv.FormatInt(collID, 10))
		row := d.Find("tr:has(a[href='" + fx.path("") + "'])")
		if got := row.Find(".badge").First().Text(); !strings.Contains(got, "returned to the author by Demo Editor") {
			t.Errorf("collection list: %q", got)
		}
		_, d = fx.editor.get(fx.path("/manuscript"))
		if got := d.Find(".work-state .state").Text(); got != "returned to the author" {
			t.Errorf("manuscript page state: %q", got)
		}
		_, d = fx.orgCASS.get(fx.path("/edit"))
		if h := d.Find(".history").Text(); !strings.Contains(h, "编辑中 → 已退回作者") || strings.Contains(h, "→ 已接受") {
			t.Errorf("history: %q", h)
		}
	})
}
