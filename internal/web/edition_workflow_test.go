package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
	"github.com/tandemforum/tandem/internal/works"
)

// TestEditionWorkflowFaults walks an edition published by RIAC through
// what a tester found wrong: the form's time zone follows the publisher's
// country; a past or unreadable release time, and a preface over its
// limit, are refused with the form kept; the proofs are for those who make
// or approve the edition; one person does not approve for both hosts;
// out-of-date proofs are neither approved nor shown as approved; the page
// says which chapters the proofs lack; only the publisher of record plans
// or cancels the release; saving a scheduled edition asks first; a failed
// build speaks the reader's language; a released edition says it cannot
// be changed.
func TestEditionWorkflowFaults(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var coll, cass, riac string
		if err := db.QueryRow(ctx, `SELECT id FROM collections WHERE slug = ?`, demo.CollectionSlug).Scan(&coll); err != nil {
			t.Fatal(err)
		}
		for slug, id := range map[string]*string{"cass": &cass, "riac": &riac} {
			if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = ?`, slug).Scan(id); err != nil {
				t.Fatal(err)
			}
		}
		// A contribution not yet approved, which the proofs will lack.
		var person int64
		if err := db.QueryRow(ctx, `SELECT id FROM people ORDER BY id LIMIT 1`).Scan(&person); err != nil {
			t.Fatal(err)
		}
		err := db.Transact(ctx, func(tx *store.Tx) error {
			k := &works.Contribution{CollectionID: mustInt(t, coll), Lang: "ru", Title: lang.New("ru", map[string]string{"ru": "Неодобренная глава"}),
				Authors: []works.Author{{PersonID: person}}}
			return works.CreateContribution(ctx, tx, k, works.Actor{Name: "test"})
		})
		if err != nil {
			t.Fatal(err)
		}
		o.account("org@cass.example", "Организатор КАОН", "ru", false, "cass:organiser")
		o.account("ed@cass.example", "Редактор КАОН", "ru", false, "cass:editor")
		o.account("ed@riac.example", "Editor RIAC", "en", false, "riac:editor")
		o.account("tr@cass.example", "Translator", "en", false, "cass:translator")
		o.account("admin@example.org", "Admin", "en", true)
		o.account("both@example.org", "Editor of both", "en", false, "cass:editor", "riac:editor")
		org, cassEd, rb, tr, adm, both := o.browser(), o.browser(), o.browser(), o.browser(), o.browser(), o.browser()
		both.signIn("both@example.org")
		org.signIn("org@cass.example")
		cassEd.signIn("ed@cass.example")
		rb.signIn("ed@riac.example")
		tr.signIn("tr@cass.example")
		adm.signIn("admin@example.org")

		// The zone follows the publisher of record's country, chosen
		// first by the server, then by the form's script.
		newURL := "/office/collections/" + coll + "/editions/new"
		_, doc := org.get(newURL)
		zones := map[string]string{}
		doc.Find(`input[name="publisher"]`).Each(func(_ int, s *goquery.Selection) {
			zones[s.AttrOr("value", "")] = s.AttrOr("data-zone", "")
		})
		if zones[cass] != "Asia/Shanghai" || zones[riac] != "Europe/Moscow" {
			t.Errorf("publishers' zones: %v", zones)
		}
		checked := doc.Find(`input[name="publisher"][checked]`).AttrOr("value", "")
		if z := doc.Find(`input[name="zone"]`).AttrOr("value", ""); z != zones[checked] || z == "" {
			t.Errorf("the new form's zone %q, its publisher's %q", z, zones[checked])
		}

		form := url.Values{"version": {"0"}, "slug": {"cw-ru-riac"}, "languages": {"ru"}, "formats": {"web"}, "publisher": {riac},
			"zone": {"Asia/Shanghai"}, "release": {"завтра"}, "territories": {"RU"}, "notes": {"chapter"}, "page_size": {"a5"}}
		resp, doc := org.post(newURL, form)
		if msg := doc.Find(`#release-error, .field-error`).Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "по часовому поясу издания (Asia/Shanghai)") {
			t.Errorf("an unreadable release time: %d, %q", resp.StatusCode, msg)
		}
		form.Set("zone", "Europe/Moscow")
		form.Set("release", "2020-01-01T10:00")
		resp, doc = org.post(newURL, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Text(), "уже прошло") {
			t.Errorf("a past release time: %d", resp.StatusCode)
		}
		// A 6 MB preface: the field says why, the form keeps the rest.
		form.Set("release", time.Now().Add(30*24*time.Hour).Format("2006-01-02T15:04"))
		form.Set("preface.ru", strings.Repeat("предисловие ", 500000))
		resp, doc = org.post(newURL, form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(`#preface\.ru-error`).Text(), "Не более") ||
			doc.Find(`input[name="slug"]`).AttrOr("value", "") != "cw-ru-riac" {
			t.Errorf("a 6 MB preface: %d, %q", resp.StatusCode, doc.Find(`#preface\.ru-error`).Text())
		}
		form.Del("preface.ru")
		resp, _ = org.post(newURL, form)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a good form: %d", resp.StatusCode)
		}
		e, err := edition.BySlug(ctx, db, "cw-ru-riac")
		if err != nil {
			t.Fatal(err)
		}
		press := &edition.Press{DB: db, Blobs: o.blobs, BaseURL: o.srv.URL}
		build := func() {
			t.Helper()
			if _, err := press.Build(ctx, e.ID, nil, edition.Actor{Name: "test"}, nil); err != nil {
				t.Fatal(err)
			}
		}
		build()

		// Built outside a job: the page does not say "not built" above
		// its proofs, and says which chapters they lack and why.
		_, doc = org.get(loc)
		if strings.Contains(doc.Text(), "Ещё не собрано") || doc.Find(`a[href="`+loc+`/proofs/web"]`).Length() != 1 {
			t.Errorf("built proofs: the page says not built, or lists no proof")
		}
		if missing := doc.Find("#proofs-missing"); !strings.Contains(missing.Text(), "В корректуре нет") || !strings.Contains(missing.Find("li").Text(), "Неодобренная глава") {
			t.Errorf("the proofs' missing chapters: %q", missing.Text())
		}

		// Proofs are under embargo: a translator follows the edition but
		// does not read them.
		_, doc = tr.get(loc)
		if doc.Find(`a[href*="/proofs/"]`).Length() != 0 || doc.Find("#proofs-hidden").Length() != 1 {
			t.Errorf("a translator is offered the proofs")
		}
		if resp, _ := tr.do("GET", loc+"/proofs/web", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a translator's download of the proofs: %d", resp.StatusCode)
		}

		// A host's approval is its own people's: the admin, of no host,
		// is offered none and refused.
		_, doc = adm.get(loc)
		if doc.Find(`form[action$="/approve"]`).Length() != 0 {
			t.Errorf("the admin, of no host, is offered a host's approval")
		}
		if resp, _ := adm.post(loc+"/approve", url.Values{"partner": {cass}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("the admin's approval for CASS: %d, want 403", resp.StatusCode)
		}
		// One person, one host: an editor of both approves for CASS,
		// but not for RIAC as well.
		if resp, _ := both.post(loc+"/approve", url.Values{"partner": {cass}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the approval for CASS by an editor of both: %d", resp.StatusCode)
		}
		resp, doc = both.post(loc+"/approve", url.Values{"partner": {riac}})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(doc.Find("#form-message").Text(), "already approved these proofs for another host") {
			t.Errorf("the approval for RIAC too: %d, %q", resp.StatusCode, doc.Find("#form-message").Text())
		}
		if doc.Find(`form[action$="/approve"]`).Length() != 0 {
			t.Errorf("the editor of both is still offered RIAC's approval")
		}

		// The edition changes after the build: the proofs are out of
		// date, neither approvable nor shown as approved.
		cur, _ := edition.Get(ctx, db, e.ID)
		cur.Territories = []string{"RU", "CN"}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			return edition.Update(ctx, tx, cur, cur.Version, edition.Actor{Name: "test"})
		}); err != nil {
			t.Fatal(err)
		}
		resp, doc = rb.post(loc+"/approve", url.Values{})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(doc.Find("#form-message").Text(), "out of date") {
			t.Errorf("approving stale proofs: %d, %q", resp.StatusCode, doc.Find("#form-message").Text())
		}
		_, doc = org.get(loc)
		approvals := doc.Find(".approvals").Text()
		if doc.Find(`h1 .badge[data-state="stale"]`).Length() != 1 || doc.Find("#proofs-stale").Length() != 1 || !strings.Contains(approvals, "устарела") {
			t.Errorf("stale proofs shown as approved: %q; %q", doc.Find("h1").Text(), approvals)
		}

		// Built again, each host approves; the flash says the proofs
		// still lack chapters.
		build()
		if resp, _ := rb.post(loc+"/approve", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("RIAC's approval: %d", resp.StatusCode)
		}
		if resp, _ := org.post(loc+"/approve", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("CASS's approval: %d", resp.StatusCode)
		}
		_, doc = org.get(loc)
		if !strings.Contains(doc.Text(), "но в ней ещё нет") || strings.Contains(doc.Text(), "можно планировать выпуск") {
			t.Errorf("the flash after the last approval does not say the proofs lack chapters")
		}

		// Planning the release is RIAC's, the publisher of record.
		if _, err := db.Exec(ctx, `UPDATE editions SET state = 'scheduled' WHERE id = ?`, e.ID); err != nil {
			t.Fatal(err)
		}
		resp, doc = cassEd.post(loc+"/unschedule", url.Values{})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(doc.Find("#form-message").Text(), "только издатель") {
			t.Errorf("CASS's editor cancels RIAC's release: %d, %q", resp.StatusCode, doc.Find("#form-message").Text())
		}
		if doc.Find(`form[action$="/unschedule"]`).Length() != 0 || doc.Find("#publisher-plans").Length() != 1 {
			t.Errorf("CASS's editor is offered to cancel the release")
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.State != edition.Scheduled {
			t.Errorf("after CASS's attempt: %s", cur.State)
		}

		// Saving a scheduled edition: unchanged, it stays scheduled; a
		// change is saved only when the cancellation is confirmed.
		_, doc = rb.get(loc + "/edit")
		if doc.Find("#scheduled-warning").Length() != 1 || doc.Find(`input[name="confirm"]`).Length() != 1 {
			t.Errorf("the form of a scheduled edition does not warn")
		}
		v := formValues(t, doc, "form.content-form")
		if resp, _ := rb.post(loc+"/edit", v); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("saving unchanged: %d", resp.StatusCode)
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.State != edition.Scheduled {
			t.Errorf("after saving unchanged: %s", cur.State)
		}
		_, doc = rb.get(loc + "/edit")
		v = formValues(t, doc, "form.content-form")
		v.Set("territories", "RU")
		resp, doc = rb.post(loc+"/edit", v)
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find("#confirm .field-error").Length() != 1 || doc.Find(`input[name="territories"]`).AttrOr("value", "") != "RU" {
			t.Errorf("a change without confirming: %d", resp.StatusCode)
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.State != edition.Scheduled {
			t.Errorf("after a change not confirmed: %s", cur.State)
		}
		v.Set("confirm", "on")
		if resp, _ := rb.post(loc+"/edit", v); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a confirmed change: %d", resp.StatusCode)
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.State != edition.Proofs {
			t.Errorf("after a confirmed change: %s", cur.State)
		}

		// A failed build says so in the reader's language; Typst's words
		// are for the log.
		if _, err := db.Exec(ctx, `UPDATE editions SET build_state = 'failed', build_format = 'pdf', build_error = ? WHERE id = ?`,
			"edition cw-ru-riac: build pdf: typst: error: unknown variable: foo", e.ID); err != nil {
			t.Fatal(err)
		}
		_, doc = org.get(loc)
		if msg := doc.Find("#build-error").Text(); strings.Contains(msg, "unknown variable") || !strings.Contains(msg, "Не удалось собрать") {
			t.Errorf("a failed build's message: %q", msg)
		}

		// Released: the edition cannot be changed, and the page says why
		// and what can be done.
		if _, err := db.Exec(ctx, `UPDATE editions SET state = 'released' WHERE id = ?`, e.ID); err != nil {
			t.Fatal(err)
		}
		for method, form := range map[string]url.Values{"GET": nil, "POST": {"version": {"1"}}} {
			resp, body := rb.do(method, loc+"/edit", form)
			if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "can no longer be changed") || !strings.Contains(body, "new edition") {
				t.Errorf("%s the form of a released edition: %d", method, resp.StatusCode)
			}
		}
	})
}

// TestEditionWebProof: the web reader's proof is a page of the office
// with the book's preface and every chapter's title and text, for those
// who approve it, while the public reader shows nothing of the edition
// before its release.
func TestEditionWebProof(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		e, _, _ := scheduledEdition(t, db, blobs, "cw-zh")
		ts := httptest.NewUnstartedServer(nil)
		ts.Start()
		defer ts.Close()
		srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: ts.URL, NoCache: true, Logger: discardLogger()})
		if err != nil {
			t.Fatal(err)
		}
		ts.Config.Handler = srv.Handler()
		o := &office{t: t, db: db, blobs: blobs, srv: ts, accts: &account.Store{DB: db}, web: srv}
		o.account("admin@example.org", "Admin", "zh", true)
		b := o.browser()
		b.signIn("admin@example.org")
		wb, err := edition.WebBook(context.Background(), db, blobs, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		resp, doc := b.get(fmt.Sprintf("/office/editions/%d/proofs/web", e.ID))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("the web proof: %d", resp.StatusCode)
		}
		if !strings.Contains(doc.Text(), "这是序言。") {
			t.Errorf("the web proof lacks the preface")
		}
		chapters := doc.Find(".preview-chapter")
		if chapters.Length() != len(wb.Chapters) || len(wb.Chapters) == 0 {
			t.Fatalf("%d chapters shown of %d", chapters.Length(), len(wb.Chapters))
		}
		for i, c := range wb.Chapters {
			s := chapters.Eq(i)
			if !strings.Contains(s.Find("h2").Text(), c.Title["zh"]) || strings.TrimSpace(s.Find(".prose").Text()) == "" {
				t.Errorf("chapter %s: title %q, text %d characters", c.ID, s.Find("h2").Text(), len(s.Find(".prose").Text()))
			}
		}
		if resp, _ := (&http.Client{}).Get(ts.URL + "/zh/editions/cw-zh"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("the public reader before the release: %d", resp.StatusCode)
		}
	})
}
