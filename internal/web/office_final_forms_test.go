package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

// TestManuscriptFormsWork: on the demo's contributions in every state (two
// final texts, one approved in both languages), every comment, correction
// and resolve form the manuscript page offers an editor works when posted
// as the page has it: no offered form ends on an error page. A correction
// of a final text re-opens the hosts' approvals, as the workflow says.
func TestManuscriptFormsWork(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		logins, err := demo.Team(ctx, db, testPassword)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Works(ctx, db, o.blobs, testPassword); err != nil {
			t.Fatal(err)
		}
		ed := o.browser()
		for _, l := range logins {
			if l.Role == "cass:editor" {
				ed.signIn(l.Email)
			}
		}
		var ids []int64
		if err := func() error {
			rows, err := db.Query(ctx, `SELECT id FROM contributions ORDER BY id`)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					return err
				}
				ids = append(ids, id)
			}
			return rows.Err()
		}(); err != nil {
			t.Fatal(err)
		}
		posted := map[string]int{}
		post := func(what, action string, v url.Values) {
			t.Helper()
			resp, d := ed.post(action, v)
			posted[what]++
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("%s %s %v: %d %q", what, action, v, resp.StatusCode, d.Find(".form-error, main").First().Text())
			}
		}
		for _, id := range ids {
			page := "/office/contributions/" + strconv.FormatInt(id, 10) + "/manuscript"
			before, err := works.GetContribution(ctx, db, id)
			if err != nil {
				t.Fatal(err)
			}
			_, d := ed.get(page)
			d.Find("form[action$='/manuscript/comments']").Each(func(_ int, f *goquery.Selection) {
				post("comment", f.AttrOr("action", ""), url.Values{"block": {f.Find("input[name=block]").AttrOr("value", "")},
					"revision": {f.Find("input[name=revision]").AttrOr("value", "")}, "body": {"Проверьте дату."}})
			})
			_, d = ed.get(page)
			d.Find("form[action$='/resolve']").Each(func(_ int, f *goquery.Selection) {
				post("resolve", f.AttrOr("action", ""), url.Values{})
			})
			if href, ok := d.Find("a.work-correct").First().Attr("href"); ok {
				_, d := ed.get(href)
				f := d.Find("form[action$='/manuscript/correct']")
				post("correct", f.AttrOr("action", ""), url.Values{"block": {f.Find("input[name=block]").AttrOr("value", "")},
					"revision": {f.Find("input[name=revision]").AttrOr("value", "")}, "text": {f.Find("textarea").Text() + " 1"}, "reason": {"опечатка"}})
				after, _ := works.GetContribution(ctx, db, id)
				if st, _ := after.LangState(after.Lang); before.State == works.TextFinal && st == works.Approved {
					t.Errorf("contribution %d: the original is still approved after a correction", id)
				}
			}
		}
		for _, what := range []string{"comment", "resolve", "correct"} {
			if posted[what] == 0 {
				t.Errorf("no %s form was offered on any demo contribution", what)
			}
		}
	})
}
