package web_test

import (
	"context"
	"net/http"
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
