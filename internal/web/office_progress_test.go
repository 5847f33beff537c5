package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// mediaTile returns the library's tile of image id.
func mediaTile(doc *goquery.Document, id int64) *goquery.Selection {
	return doc.Find("li.media-tile").FilterFunction(func(_ int, s *goquery.Selection) bool {
		return s.Find(fmt.Sprintf(`a[href="/office/media/%d"]`, id)).Length() == 1
	})
}

// refreshes reports whether a page follows its work: office.js reads it
// again and swaps in the job's state, or without JavaScript the page
// reloads itself; the job being followed is marked for the script.
func refreshes(doc *goquery.Document) bool {
	script := doc.Find(`script[src^="/assets/office."]`).Length() == 1
	reload := strings.Contains(doc.Find("noscript").Text(), `http-equiv="refresh"`)
	marked := doc.Find(".job[data-follow][id]").Length() > 0
	if script != reload || script != marked {
		panic(fmt.Sprintf("a page that follows its work needs the script (%v), the reload without it (%v) and a followed job (%v)", script, reload, marked))
	}
	return script
}

// runRenditions works the renditions jobs until the returned stop is
// called.
func runRenditions(t *testing.T, o *office) (stop func()) {
	t.Helper()
	ws := jobs.NewWorkers()
	media.Register(ws, &media.Store{DB: o.db, Blobs: o.blobs})
	q, err := jobs.Open(t.Context(), o.db, jobs.Config{Workers: ws, Concurrency: 1, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(ctx)
		q.Close()
	}
}

// waitTile reloads the library until the tile of id says want, or fails.
func waitTile(t *testing.T, b *browser, id int64, want string) *goquery.Document {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		_, doc := b.get("/office/media")
		if strings.Contains(mediaTile(doc, id).Find(".job").Text(), want) {
			return doc
		}
		if time.Now().After(deadline) {
			t.Fatalf("image %d never showed %q: %q", id, want, mediaTile(doc, id).Find(".job").Text())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestMediaRenditionsProgress follows an image's renditions job on the
// library: queued (the page reloads itself) → done (it stops); a job that
// fails says why in the reader's language, and an editor's "try again"
// queues it anew while a translator is offered none.
func TestMediaRenditionsProgress(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("ed@cass.example", "Editor", "en", false, "cass:editor")
		o.account("tr@cass.example", "Переводчик", "ru", false, "cass:translator")
		ed := o.browser()
		ed.signIn("ed@cass.example")
		upload := func() int64 {
			meta := url.Values{}
			mlValues(meta, "alt", "photo")
			resp, _ := ed.multipartPost("/office/media", meta, map[string][2]string{"file": {"photo.png", pngData(1200, 600)}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload: %d", resp.StatusCode)
			}
			var id int64
			if err := db.QueryRow(context.Background(), `SELECT MAX(id) FROM media`).Scan(&id); err != nil {
				t.Fatal(err)
			}
			return id
		}

		id := upload()
		_, doc := ed.get("/office/media")
		job := mediaTile(doc, id).Find(".job")
		if !strings.Contains(job.Text(), "waiting their turn") || job.Find(`[aria-live="polite"]`).Length() != 1 {
			t.Errorf("new image's job: %q, want queued in a polite live region", job.Text())
		}
		if !refreshes(doc) || !strings.Contains(doc.Find("main .visually-hidden").Text(), "updates itself") {
			t.Error("library with a queued job does not reload itself, or does not say so to screen readers")
		}
		if n := doc.Find(`[aria-live]`).Length(); n != doc.Find(".job [aria-live]").Length() {
			t.Errorf("%d live regions, want only the jobs' states", n)
		}

		stop := runRenditions(t, o)
		doc = waitTile(t, ed, id, "ready")
		if refreshes(doc) && !strings.Contains(doc.Find(".job").Text(), "waiting") && !strings.Contains(doc.Find(".job").Text(), "being made") {
			t.Error("library reloads itself with every job done")
		}
		_, doc = ed.get(fmt.Sprintf("/office/media/%d", id))
		if !strings.Contains(doc.Find(".media-show .job").Text(), "ready") || refreshes(doc) {
			t.Errorf("image page after its job: %q (reloads: %v), want ready and still", doc.Find(".media-show .job").Text(), refreshes(doc))
		}

		stop()

		// A file that no longer reads as an image: the job fails for good.
		bad := upload()
		got, err := media.Load(context.Background(), db, []int64{bad})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.blobs.Put(context.Background(), got[bad].BlobKey, strings.NewReader("not an image any more")); err != nil {
			t.Fatal(err)
		}
		stop = runRenditions(t, o)
		doc = waitTile(t, ed, bad, "could not be made")
		stop()
		tile := mediaTile(doc, bad)
		if msg := tile.Find(".job-error").Text(); msg != "The file could not be read as an image." {
			t.Errorf("failed job's error: %q", msg)
		}
		form := tile.Find(".job form")
		if form.AttrOr("action", "") != fmt.Sprintf("/office/media/%d/renditions", bad) || form.Find("button").Text() != "Try again" {
			t.Errorf("failed job's retry form: action %q, button %q", form.AttrOr("action", ""), form.Find("button").Text())
		}
		tr := o.browser()
		tr.signIn("tr@cass.example")
		_, trDoc := tr.get("/office/media")
		if msg := mediaTile(trDoc, bad).Find(".job-error").Text(); msg != "Файл не удалось прочитать как изображение." {
			t.Errorf("translator's error: %q, want it in Russian", msg)
		}
		if mediaTile(trDoc, bad).Find(".job form").Length() != 0 {
			t.Error("a translator is offered to try again")
		}
		if resp, _ := tr.post(fmt.Sprintf("/office/media/%d/renditions", bad), url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("translator's retry: %d, want 403", resp.StatusCode)
		}

		resp, _ := ed.post(fmt.Sprintf("/office/media/%d/renditions", bad), url.Values{"back": {"/office/media?page=1"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/media?page=1" {
			t.Fatalf("retry: %d → %q, want 303 back to the library", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, doc = ed.get("/office/media?page=1")
		if !strings.Contains(mediaTile(doc, bad).Find(".job").Text(), "waiting their turn") || !refreshes(doc) {
			t.Errorf("after retry: %q, want queued again and the page reloading", mediaTile(doc, bad).Find(".job").Text())
		}
		// Sent twice, the form queues one job.
		ed.post(fmt.Sprintf("/office/media/%d/renditions", bad), url.Values{"back": {"https://elsewhere.example/"}})
		var n int
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM river_job WHERE kind = 'media.renditions'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 3 {
			t.Errorf("%d renditions jobs, want 3 (two uploads, one retry)", n)
		}
		// A job queued long ago with no worker to take it: the page says
		// so but stops reloading, so that typing into it is not lost.
		if _, err := db.Exec(context.Background(), `UPDATE river_job SET created_at = ? WHERE state = 'available'`, time.Now().Add(-time.Hour).UTC()); err != nil {
			t.Fatal(err)
		}
		_, doc = ed.get("/office/media")
		if !strings.Contains(mediaTile(doc, bad).Find(".job").Text(), "waiting their turn") || refreshes(doc) {
			t.Errorf("job queued an hour ago: %q (reloads: %v), want queued, page still", mediaTile(doc, bad).Find(".job").Text(), refreshes(doc))
		}
		_, doc = ed.get(fmt.Sprintf("/office/media/%d", bad))
		if h := doc.Find("section.history li").First().Text(); !strings.Contains(h, "asked to make the scaled copies again") || !strings.Contains(h, "Editor") {
			t.Errorf("image's history: %q, want the retry by Editor first", h)
		}
	})
}

// TestJobsPage: admins list the jobs with their kind and state in words;
// anyone else is refused.
func TestJobsPage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("admin@x.example", "Admin", "en", true)
		o.account("org@cass.example", "Org", "en", false, "cass:organiser")
		admin := o.browser()
		admin.signIn("admin@x.example")
		if resp, _ := admin.multipartPost("/office/media", url.Values{}, map[string][2]string{"file": {"a.png", pngData(800, 400)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: %d", resp.StatusCode)
		}
		resp, doc := admin.get("/office/jobs")
		if resp.StatusCode != 200 {
			t.Fatalf("admin's jobs page: %d", resp.StatusCode)
		}
		row := doc.Find("table.jobs tbody tr").First()
		if !strings.Contains(row.Text(), "Making scaled copies of an image") || !strings.Contains(row.Text(), "queued") || !strings.Contains(row.Text(), "0 of 25") {
			t.Errorf("newest job: %q, want the renditions job, queued, 0 of 25 attempts", row.Text())
		}
		if doc.Find(`.office-nav a[href="/office/jobs"]`).Length() != 1 {
			t.Error("no link to the jobs page in an admin's navigation")
		}
		org := o.browser()
		org.signIn("org@cass.example")
		if resp, _ := org.get("/office/jobs"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("organiser's jobs page: %d, want 403", resp.StatusCode)
		}
		if _, doc := org.get("/office/"); doc.Find(`a[href="/office/jobs"]`).Length() != 0 {
			t.Error("an organiser is shown a link to the jobs page")
		}
		if resp, _ := admin.get("/office/jobs?page=x"); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("page x: %d, want 400", resp.StatusCode)
		}
	})
}

// TestObjectHistory: an edit page lists, under History, a save made just
// before, with what changed; after more than ten events it links to the
// thing's whole history in the event log. The change page shows it too.
func TestObjectHistory(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("li@cass.example", "Li Ming", "en", false, "cass:organiser")
		cass := o.partnerID("cass")
		b := o.browser()
		b.signIn("li@cass.example")
		page := fmt.Sprintf("/office/partners/%d", cass)
		_, doc := b.get(page)
		if doc.Find("section.history h2").Text() != "History" {
			t.Fatalf("partner page: history heading %q", doc.Find("section.history h2").Text())
		}
		// Two saves: the first starts the draft, the second changes it.
		for range 2 {
			var v int
			fmt.Sscan(doc.Find(`input[name="version"]`).AttrOr("value", "0"), &v)
			if resp, _ := b.post(page, partnerForm(v, "x")); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d", resp.StatusCode)
			}
			_, doc = b.get(page)
		}
		first := doc.Find("section.history ol > li").First()
		if !strings.Contains(first.Text(), "edited the partner") || first.Find(".who").Text() != "Li Ming" || first.Find("time").AttrOr("datetime", "") == "" {
			t.Errorf("latest event: %q, want Li Ming's edit with its time", first.Text())
		}
		if ch := first.Find(".changes").Text(); !strings.Contains(ch, "Version: ") || !strings.Contains(ch, " → ") {
			t.Errorf("what the edit changed: %q, want the version before → after", ch)
		}
		if doc.Find("section.history a").Length() != 0 {
			t.Error("a link to all history with fewer than 11 events")
		}

		subject := approval.Subject{Kind: approval.KindPartner, ID: cass}.String()
		for i := range 11 {
			if err := eventlog.Append(context.Background(), db, &eventlog.Event{Action: "partner.edit", Subject: subject, ActorName: fmt.Sprint("bot ", i)}); err != nil {
				t.Fatal(err)
			}
		}
		before := db.QueryCount()
		_, doc = b.get(page)
		if doc.Find("section.history ol > li").Length() != 10 {
			t.Errorf("%d events shown, want 10", doc.Find("section.history ol > li").Length())
		}
		all := doc.Find("section.history a")
		if all.Text() != "All history" || all.AttrOr("href", "") != "/office/events?subject="+url.QueryEscape(subject) {
			t.Errorf("link to all history: %q → %q", all.Text(), all.AttrOr("href", ""))
		}
		if got := doc.Find("section.history ol > li .who").First().Text(); got != "bot 10" {
			t.Errorf("first event by %q, want the newest (bot 10)", got)
		}
		perPage := db.QueryCount() - before

		// One more event costs the page no more queries.
		eventlog.Append(context.Background(), db, &eventlog.Event{Action: "partner.edit", Subject: subject})
		before = db.QueryCount()
		b.get(page)
		if n := db.QueryCount() - before; n > perPage {
			t.Errorf("page with one more event: %d queries, was %d", n, perPage)
		}

		_, doc = b.get("/office/approvals/partner/" + fmt.Sprint(cass))
		if doc.Find("section.history ol > li").Length() != 10 {
			t.Errorf("change page: %d events, want 10", doc.Find("section.history ol > li").Length())
		}
	})
}

// TestHistoryWordsPublication: a publication's event holds the content
// before and after with Go's field names; the history says its changes as
// the change page does: fields in words, languages by name, people by
// name, a long text as changed, and a time written two ways as no change.
func TestHistoryWordsPublication(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("li@cass.example", "Li Ming", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("li@cass.example")
		id := demoForumID(t, db)
		var ivanov int64
		if err := db.QueryRow(context.Background(), `SELECT id FROM people WHERE slug = 'igor-ivanov'`).Scan(&ivanov); err != nil {
			t.Fatal(err)
		}
		long := strings.Repeat("Длинное описание. ", 5)
		before := fmt.Sprintf(`{"ForumID":%d,"Sessions":[{"Title":{"v":{"en":"Opening","ru":"Открытие"},"src":"en"},"StartsAt":"2021-06-01T07:00:00Z","Speeches":[{"SpeakerID":0,"Summary":{"v":{"ru":"Кратко"},"src":"ru"}}]}]}`, id)
		after := fmt.Sprintf(`{"ForumID":%d,"Sessions":[{"Title":{"v":{"en":"Welcome","ru":"Открытие"},"src":"en"},"StartsAt":"2021-06-01T10:00:00+03:00","Speeches":[{"SpeakerID":%d,"Summary":{"v":{"ru":%q},"src":"ru"}}]}]}`, id, ivanov, long)
		if err := eventlog.Append(context.Background(), db, &eventlog.Event{Action: "approval.publish", Subject: fmt.Sprintf("programme:%d", id),
			ActorName: "RIAC", Before: json.RawMessage(before), After: json.RawMessage(after)}); err != nil {
			t.Fatal(err)
		}
		_, doc := b.get(fmt.Sprintf("/office/forums/%d/programme", id))
		ch := doc.Find("section.history ol > li").First().Find(".changes").Text()
		for _, want := range []string{"Title (English): Opening → Welcome", "Igor Ivanov", "Summary (Russian): changed"} {
			if !strings.Contains(ch, want) {
				t.Errorf("the publication's changes %q lack %q", ch, want)
			}
		}
		for _, bad := range []string{"SpeakerID", "Sessions[", "starts_at", "Starts"} {
			if strings.Contains(ch, bad) {
				t.Errorf("the publication's changes %q show %q", ch, bad)
			}
		}
	})
}
