package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestOfficeEditions walks an edition through the office: a form with a
// bad ISBN, an unknown territory and zone comes back with the reasons in
// the user's language; a good one makes the edition; the build button
// queues the job, whose progress the page follows, reloading itself; the
// proofs download; each host's organiser or editor approves them for its
// own partner; the release cannot be planned without a time, nor while
// contributions are not approved, and each refusal says why.
func TestOfficeEditions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var coll string
		if err := db.QueryRow(ctx, `SELECT id FROM collections WHERE slug = ?`, demo.CollectionSlug).Scan(&coll); err != nil {
			t.Fatal(err)
		}
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		o.account("ed@riac.example", "Editor RIAC", "en", false, "riac:editor")
		o.account("tr@cass.example", "Translator", "en", false, "cass:translator")
		b := o.browser()
		b.signIn("org@cass.example")

		resp, doc := b.get("/office/collections/" + coll + "/editions")
		if resp.StatusCode != 200 || doc.Find(`a[href$="/editions/new"]`).Length() != 1 {
			t.Fatalf("editions of the collection: %d", resp.StatusCode)
		}
		form := url.Values{"version": {"0"}, "slug": {"cw-ru"}, "languages": {"ru"}, "formats": {"web"}, "isbn.web": {"978-5-99999-001-0"},
			"publisher": {""}, "zone": {"Europe/Mockba"}, "territories": {"RU XX"}, "notes": {"chapter"}, "page_size": {"a5"}}
		_, pub := b.get("/office/collections/" + coll + "/editions/new")
		riac, _ := pub.Find(`input[name="publisher"]`).Last().Attr("value")
		form.Set("publisher", riac)
		resp, doc = b.post("/office/collections/"+coll+"/editions/new", form)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a bad form: %d", resp.StatusCode)
		}
		body := doc.Text()
		for _, want := range []string{"«978-5-99999-001-0» — неверный ISBN: последняя (контрольная) цифра должна быть 3", "XX — не код страны", "Europe/Mockba — не часовой пояс"} {
			if !strings.Contains(body, want) {
				t.Errorf("the form's errors lack %q", want)
			}
		}
		if v, _ := doc.Find(`input[name="territories"]`).Attr("value"); v != "RU XX" {
			t.Errorf("what was typed is lost: territories %q", v)
		}
		form.Set("isbn.web", "978-5-99999-001-3")
		form.Set("zone", "Europe/Moscow")
		form.Set("territories", "RU")
		resp, _ = b.post("/office/collections/"+coll+"/editions/new", form)
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/office/editions/") {
			t.Fatalf("a good form: %d → %q", resp.StatusCode, loc)
		}
		// An ISBN names one product: another edition may not take it.
		again := url.Values{}
		for k, v := range form {
			again[k] = v
		}
		again.Set("slug", "cw-ru-again")
		resp, doc = b.post("/office/collections/"+coll+"/editions/new", again)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Text(), "Этот ISBN уже присвоен изданию cw-ru") {
			t.Errorf("a second edition with the same ISBN: %d", resp.StatusCode)
		}
		e, err := edition.BySlug(ctx, db, "cw-ru")
		if err != nil || e.ISBN["web"] != "9785999990013" || e.PublisherID == 0 || e.State != edition.Draft {
			t.Fatalf("the edition made: %+v, %v", e, err)
		}

		// Build: queued, the page reloads itself until the job is done.
		if resp, _ := b.post(loc+"/build", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("build: %d", resp.StatusCode)
		}
		if _, body := b.do("GET", loc, nil); !strings.Contains(body, `http-equiv="refresh"`) || !strings.Contains(body, "Ждёт начала") {
			t.Errorf("a queued build: the page does not reload itself, or does not say the build waits")
		}
		ws := jobs.NewWorkers()
		edition.Register(ws, &edition.Press{DB: db, Blobs: o.blobs, BaseURL: o.srv.URL}, nil)
		q, err := jobs.Open(ctx, db, jobs.Config{Workers: ws, Concurrency: 1, PollInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer func() { q.Stop(ctx); q.Close() }()
		deadline := time.Now().Add(20 * time.Second)
		for {
			cur, err := edition.Get(ctx, db, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if cur.Build.State == "done" || cur.Build.State == "failed" || time.Now().After(deadline) {
				if cur.Build.State != "done" || cur.State != edition.Proofs {
					t.Fatalf("after the build job: %+v, %s", cur.Build, cur.State)
				}
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		_, body = b.do("GET", loc, nil)
		if strings.Contains(body, `http-equiv="refresh"`) || !strings.Contains(body, `href="`+loc+`/proofs/web"`) {
			t.Errorf("a finished build: the page still reloads, or shows no proof")
		}
		// The web reader's proof is a page to read, not the JSON the
		// public site reads.
		if resp, body := b.do("GET", loc+"/proofs/web", nil); resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") ||
			!strings.Contains(body, `id="preview-embargo"`) || strings.Contains(body, `"Slug":"cw-ru"`) {
			t.Errorf("web proof: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}

		// A translator follows the edition but neither builds nor
		// approves it.
		tb := o.browser()
		tb.signIn("tr@cass.example")
		if resp, doc := tb.get(loc); resp.StatusCode != http.StatusOK || doc.Find(`form[action$="/approve"], form[action$="/build"]`).Length() != 0 {
			t.Errorf("a translator's view of the edition: %d, or with buttons", resp.StatusCode)
		}
		if resp, _ := tb.do("POST", loc+"/approve", url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a translator's approval: %d", resp.StatusCode)
		}

		// Each host approves for itself: CASS's organiser cannot approve for
		// RIAC.
		if resp, _ := b.do("POST", loc+"/approve", url.Values{"partner": {riac}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("approving for another host: %d", resp.StatusCode)
		}
		if resp, _ := b.post(loc+"/approve", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("CASS's approval: %d", resp.StatusCode)
		}
		rb := o.browser()
		rb.signIn("ed@riac.example")
		if resp, _ := rb.post(loc+"/approve", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("RIAC's approval: %d", resp.StatusCode)
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.State != edition.Approved {
			t.Fatalf("after both hosts' approvals: %s", cur.State)
		}
		_, doc = b.get(loc)
		if n := doc.Find(".approvals td").FilterFunction(func(_ int, s *goquery.Selection) bool { return strings.HasPrefix(s.Text(), "Утвердил") }).Length(); n != 2 {
			t.Errorf("%d approvals shown, want 2", n)
		}

		// The release is the publisher of record's (RIAC) to plan: CASS's
		// organiser is told so.
		resp, doc = b.post(loc+"/schedule", url.Values{})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(doc.Find("#form-message").Text(), "только издатель — РСМД") {
			t.Errorf("CASS planning RIAC's release: %d, %q", resp.StatusCode, doc.Find("#form-message").Text())
		}
		// No release time: the refusal says so.
		resp, doc = rb.post(loc+"/schedule", url.Values{})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("#form-message").Text(), "Set the release date") {
			t.Errorf("planning without a time: %d, %q", resp.StatusCode, doc.Find("#form-message").Text())
		}
		cur, _ := edition.Get(ctx, db, e.ID)
		cur.ReleaseAt = time.Now().Add(48 * time.Hour)
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			return edition.Update(ctx, tx, cur, cur.Version, edition.Actor{Name: "test"})
		}); err != nil {
			t.Fatal(err)
		}
		// The demo's other contributions are not approved yet.
		rb.post(loc+"/build", url.Values{})
		resp, doc = rb.post(loc+"/schedule", url.Values{})
		if resp.StatusCode != http.StatusConflict || doc.Find("#form-message").Text() == "" {
			t.Errorf("planning with unapproved contributions: %d, %q", resp.StatusCode, doc.Find("#form-message").Text())
		}
	})
}
