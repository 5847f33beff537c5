package web_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// xss is what a hostile editor types into every text field: it must come
// back as text, never as markup.
const xss = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`

// escaped fails the test when the page's HTML holds the payload as markup,
// or does not show it as text at all.
func escaped(t *testing.T, where, body string) {
	t.Helper()
	for _, bad := range []string{"<script>alert(1)", "<img src=x onerror", "<img src=\"x\" onerror"} {
		if strings.Contains(body, bad) {
			t.Errorf("%s: the page holds %q as markup", where, bad)
		}
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	// JSON-LD may hold the text, as JSON that cannot end its element.
	if doc.Find(`script:not([type="application/ld+json"])`).FilterFunction(func(_ int, s *goquery.Selection) bool { return strings.Contains(s.Text(), "alert(1)") }).Length() > 0 ||
		doc.Find("img[onerror]").Length() > 0 {
		t.Errorf("%s: the payload became elements", where)
	}
	if !strings.Contains(doc.Text(), "alert(1)") && !strings.Contains(body, "alert(1)") {
		t.Errorf("%s: the text typed is not shown at all", where)
	}
}

// mlValues sets the multilingual field name to v in every language, source
// en, the others complete.
func mlValues(vals url.Values, name, v string) {
	for _, l := range []string{"zh", "ru", "en"} {
		vals.Set(name+"."+l, v+" "+l)
	}
	vals.Set(name+".src", "en")
	vals[name+".done"] = []string{"zh", "ru"}
}

// multipartPost sends values and files (input name → file name and bytes)
// as a multipart form.
func (b *browser) multipartPost(path string, values url.Values, files map[string][2]string) (*http.Response, string) {
	b.o.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range values {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	for name, f := range files {
		w, err := mw.CreateFormFile(name, f[0])
		if err != nil {
			b.o.t.Fatal(err)
		}
		io.WriteString(w, f[1])
	}
	mw.Close()
	req, err := http.NewRequest("POST", b.o.srv.URL+path, &buf)
	if err != nil {
		b.o.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.c.Do(req)
	if err != nil {
		b.o.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp, string(data)
}

func parse(t *testing.T, body string) *goquery.Document {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func pngData(w, h int) string {
	im := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		im.Set(x, x%h, color.RGBA{20, 60, 200, 255})
	}
	var buf bytes.Buffer
	png.Encode(&buf, im)
	return buf.String()
}

func (o *office) partnerID(slug string) int64 {
	o.t.Helper()
	var id int64
	if err := o.db.QueryRow(context.Background(), `SELECT id FROM partners WHERE slug = ?`, slug).Scan(&id); err != nil {
		o.t.Fatal(err)
	}
	return id
}

func (o *office) count(table string) int {
	o.t.Helper()
	var n int
	if err := o.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM `+table).Scan(&n); err != nil {
		o.t.Fatal(err)
	}
	return n
}

// publish asks for subj's publication as an organiser of CASS and
// approves it as one of RIAC when RIAC's approval is needed.
func (o *office) publish(subj approval.Subject) {
	o.t.Helper()
	ctx := context.Background()
	cass := approval.Actor{AccountID: 1, Name: "CASS", PartnerIDs: []int64{o.partnerID("cass")}}
	riac := approval.Actor{AccountID: 1, Name: "RIAC", PartnerIDs: []int64{o.partnerID("riac")}}
	err := o.db.Transact(ctx, func(tx *store.Tx) error {
		d, err := approval.Submit(ctx, tx, subj, cass)
		if err != nil {
			return err
		}
		for _, a := range d.Approvals {
			if a.At.IsZero() && a.PartnerID == riac.PartnerIDs[0] {
				if _, err := approval.Approve(ctx, tx, subj, d.Version, riac, a.PartnerID); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		o.t.Fatalf("publish %s: %v", subj, err)
	}
}

// idFrom returns the id at the end of a redirect to an edit page.
func idFrom(t *testing.T, resp *http.Response, prefix string) int64 {
	t.Helper()
	loc := resp.Header.Get("Location")
	var id int64
	if _, err := fmt.Sscanf(loc, prefix+"%d", &id); err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("status %d → %q, want 303 to %s<id>", resp.StatusCode, loc, prefix)
	}
	return id
}

func partnerForm(version int, x string) url.Values {
	v := url.Values{"version": {fmt.Sprint(version)}, "country": {"CN"}, "website": {"https://cass.example.org"}}
	mlValues(v, "name", "Academy "+x)
	mlValues(v, "short_name", "AC "+x)
	mlValues(v, "description", "About "+x)
	return v
}

func TestOfficeContentPartners(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("admin@x.example", "Admin", "en", true)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		o.account("ed@cass.example", "Ольга", "ru", false, "cass:editor")
		o.account("rev@cass.example", "Rev", "en", false, "cass:reviewer")
		cass := o.partnerID("cass")
		riac := o.partnerID("riac")

		admin := o.browser()
		admin.signIn("admin@x.example")
		v := partnerForm(0, "new")
		v.Set("slug", "new-academy")
		resp, body := admin.multipartPost("/office/partners/new", v, map[string][2]string{"logo.file": {"logo.png", pngData(600, 200)}})
		id := idFrom(t, resp, "/office/partners/")
		resp, doc := admin.get(fmt.Sprintf("/office/partners/%d", id))
		if resp.StatusCode != 200 || strings.TrimSpace(doc.Find(".draft-version").Text()) != "1" || doc.Find("#logo-select option[selected]").AttrOr("value", "0") == "0" {
			t.Fatalf("new partner's page: %d, version %q, logo %q; %s", resp.StatusCode, doc.Find(".draft-version").Text(), doc.Find("#logo-select option[selected]").AttrOr("value", ""), body)
		}
		if v, _ := doc.Find(`form.ask-publish input[name=version]`).Attr("value"); v != "1" || doc.Find(`form.ask-publish`).AttrOr("action", "") != fmt.Sprintf("/office/approvals/partner/%d/submit", id) {
			t.Errorf("ask-to-publish form: version %q, action %q", v, doc.Find(`form.ask-publish`).AttrOr("action", ""))
		}
		// The change page shows the new logo, not its number.
		logo := doc.Find("#logo-select option[selected]").AttrOr("value", "")
		_, change := admin.get(fmt.Sprintf("/office/approvals/partner/%d", id))
		if img := change.Find(`.change-image a[href="/office/media/` + logo + `"] img`); img.Length() != 1 || !strings.HasPrefix(img.AttrOr("src", ""), "/media/") {
			t.Errorf("the change of logo shows no image: %q", change.Find(".change").Text())
		}
		if doc.Find(fmt.Sprintf(`a[href="/office/preview/partner/%d"]`, id)).Length() != 1 {
			t.Error("no preview link")
		}
		if resp, _ := o.browser().get("/en/partners/new-academy"); resp.StatusCode != 404 {
			t.Errorf("the new partner is public before approval: %d", resp.StatusCode)
		}

		// The partner's editor saves; a form from the older version is
		// refused with what was typed kept.
		ed := o.browser()
		ed.signIn("ed@cass.example")
		resp, _ = ed.post(fmt.Sprintf("/office/partners/%d", cass), partnerForm(0, "first"))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("editor saves own partner: %d", resp.StatusCode)
		}
		resp, doc = ed.post(fmt.Sprintf("/office/partners/%d", cass), partnerForm(0, "stale"))
		if msg := doc.Find("#form-message").Text(); resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "версию 1") || !strings.Contains(msg, "(английский)") ||
			doc.Find(`input[name="name.en"]`).AttrOr("value", "") != "Academy stale en" {
			t.Errorf("stale save: %d, message %q, name kept %q", resp.StatusCode, doc.Find("#form-message").Text(), doc.Find(`input[name="name.en"]`).AttrOr("value", ""))
		}
		resp, doc = ed.get(fmt.Sprintf("/office/partners/%d", cass))
		if got := strings.TrimSpace(doc.Find(".draft-version").Text()); got != "1" || !strings.Contains(doc.Find(".draft-author").Text(), "Ольга") {
			t.Errorf("after a refused stale save: version %q, author %q", got, doc.Find(".draft-author").Text())
		}
		if doc.Find("form.ask-publish").Length() != 0 {
			t.Error("an editor is offered to ask to publish")
		}

		// Bad input: messages at the fields in Russian, values kept.
		bad := partnerForm(1, "bad")
		bad.Set("country", "XX")
		bad.Set("website", "javascript:alert(1)")
		bad.Set("name.zh", strings.Repeat("长", 301))
		bad.Set("short_name.src", "de")
		resp, doc = ed.post(fmt.Sprintf("/office/partners/%d", cass), bad)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad partner form: %d", resp.StatusCode)
		}
		for sel, want := range map[string]string{
			"#country-error":       "ISO 3166-1",
			"#website-error":       "https://",
			`[id="name.zh-error"]`: "300",
			"#short_name-error":    "язык",
		} {
			if got := doc.Find(sel).Text(); !strings.Contains(got, want) {
				t.Errorf("%s: %q, want a message with %q", sel, got, want)
			}
		}
		if doc.Find(".error-summary a").Length() < 4 || doc.Find("#country").AttrOr("value", "") != "XX" || doc.Find("#country").AttrOr("aria-invalid", "") != "true" {
			t.Errorf("summary %d links; country kept %q", doc.Find(".error-summary a").Length(), doc.Find("#country").AttrOr("value", ""))
		}

		// Wrong role, other partner, not an admin.
		rev := o.browser()
		rev.signIn("rev@cass.example")
		for _, c := range []struct {
			b      *browser
			method string
			path   string
			want   int
		}{
			{rev, "GET", fmt.Sprintf("/office/partners/%d", cass), 200},
			{rev, "POST", fmt.Sprintf("/office/partners/%d", cass), 403},
			{ed, "GET", fmt.Sprintf("/office/partners/%d", riac), 404},
			{ed, "POST", fmt.Sprintf("/office/partners/%d", riac), 404},
			{ed, "GET", fmt.Sprintf("/office/partners/%d", id), 404},
			{ed, "GET", "/office/partners/new", 403},
			{ed, "POST", "/office/partners/new", 403},
			{ed, "GET", "/office/partners/999999", 404},
			{ed, "GET", "/office/partners/abc", 404},
		} {
			var resp *http.Response
			if c.method == "GET" {
				resp, _ = c.b.get(c.path)
			} else {
				resp, _ = c.b.post(c.path, partnerForm(1, "intruder"))
			}
			if resp.StatusCode != c.want {
				t.Errorf("%s %s: %d, want %d", c.method, c.path, resp.StatusCode, c.want)
			}
		}
		// A reviewer reads the partner's form but has no button to save it.
		if _, doc := rev.get(fmt.Sprintf("/office/partners/%d", cass)); doc.Find(`form.content-form button[type=submit]`).Length() != 0 || doc.Find(`[name="name.en"]`).Length() != 1 {
			t.Errorf("the reviewer's view of the partner: save buttons %d, name field %d", doc.Find(`form.content-form button[type=submit]`).Length(), doc.Find(`[name="name.en"]`).Length())
		}
		resp, doc = ed.get("/office/partners")
		if resp.StatusCode != 200 || doc.Find(fmt.Sprintf(`a[href="/office/partners/%d"]`, cass)).Length() != 1 || doc.Find(fmt.Sprintf(`a[href="/office/partners/%d"]`, riac)).Length() != 0 {
			t.Errorf("editor's partner list: %d", resp.StatusCode)
		}
	})
}

func personForm(version int, x string) url.Values {
	v := url.Values{"version": {fmt.Sprint(version)}, "name.src": {"ru"},
		"name.ru.family": {"Иванов" + x}, "name.ru.given": {"Иван" + x}, "name.ru.patronymic": {"Иванович" + x},
		"name.en.family": {"Ivanov" + x}, "name.en.given": {"Ivan" + x},
		"name.zh.family": {"伊万诺夫" + x}, "name.zh.given": {"伊万" + x}, "name.zh.ff": {"1"}}
	mlValues(v, "position", "Researcher "+x)
	mlValues(v, "bio", "Born "+x+"\n\nSecond paragraph")
	return v
}

func TestOfficeContentPeople(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("ed@cass.example", "Ольга", "ru", false, "cass:editor")
		o.account("tr@cass.example", "Tr", "en", false, "cass:translator")
		o.account("ivan@riac.example", "Иван", "ru", false, "riac:editor")
		cass := o.partnerID("cass")

		ed := o.browser()
		ed.signIn("ed@cass.example")
		resp, doc := ed.get("/office/people/new")
		if resp.StatusCode != 200 || doc.Find(`input[name="name.zh.ff"]`).AttrOr("checked", "no") == "no" ||
			doc.Find(`input[name="name.en.ff"][checked]`).Length() != 0 || doc.Find(`input[name="name.ru.patronymic"]`).Length() != 1 ||
			doc.Find(`input[name="name.en.patronymic"]`).Length() != 0 {
			t.Errorf("new person form: family-first for zh only, patronymic for ru only")
		}
		v := personForm(0, xss)
		v.Set("slug", "ivan-ivanov")
		v.Set("partner", fmt.Sprint(cass))
		resp, _ = ed.post("/office/people/new", v)
		id := idFrom(t, resp, "/office/people/")
		resp, body := ed.do("GET", fmt.Sprintf("/office/people/%d", id), nil)
		if resp.StatusCode != 200 {
			t.Fatalf("person page: %d", resp.StatusCode)
		}
		escaped(t, "office person page", body)
		doc = parse(t, body)
		if doc.Find(`input[name="name.ru.patronymic"]`).AttrOr("value", "") != "Иванович"+xss {
			t.Errorf("patronymic not kept: %q", doc.Find(`input[name="name.ru.patronymic"]`).AttrOr("value", ""))
		}
		_, body = ed.do("GET", "/office/people", nil)
		escaped(t, "office people list", body)

		// A person of RIAC is not CASS's to see; a person of no partner is
		// anyone's.
		riacEd := o.browser()
		riacEd.signIn("ivan@riac.example")
		if resp, _ := riacEd.get(fmt.Sprintf("/office/people/%d", id)); resp.StatusCode != 404 {
			t.Errorf("another partner's person: %d, want 404", resp.StatusCode)
		}
		loose := personForm(0, "Loose")
		loose.Set("slug", "loose-person")
		mlValues(loose, "affiliation", "Moscow University")
		resp, _ = riacEd.post("/office/people/new", loose)
		looseID := idFrom(t, resp, "/office/people/")
		if resp, _ := ed.get(fmt.Sprintf("/office/people/%d", looseID)); resp.StatusCode != 200 {
			t.Errorf("a person of no partner, by another partner's editor: %d, want 200", resp.StatusCode)
		}
		// A translator edits but creates nobody.
		tr := o.browser()
		tr.signIn("tr@cass.example")
		if resp, _ := tr.get("/office/people/new"); resp.StatusCode != 403 {
			t.Errorf("translator creating a person: %d, want 403", resp.StatusCode)
		}
		// Moving a person to a partner one is not a member of is refused.
		move := personForm(1, "")
		move.Set("partner", fmt.Sprint(o.partnerID("riac")))
		resp, doc = ed.post(fmt.Sprintf("/office/people/%d", id), move)
		if resp.StatusCode != 422 || doc.Find("#partner-error").Length() == 0 {
			t.Errorf("person moved to another partner: %d", resp.StatusCode)
		}
		// No name at all, in Russian.
		empty := url.Values{"version": {"1"}, "name.src": {"ru"}}
		resp, doc = ed.post(fmt.Sprintf("/office/people/%d", id), empty)
		if resp.StatusCode != 422 || !strings.Contains(doc.Find("#name-error").Text(), "хотя бы на одном языке") {
			t.Errorf("person without a name: %d %q", resp.StatusCode, doc.Find("#name-error").Text())
		}

		o.publish(approval.Subject{Kind: approval.KindPerson, ID: id})
		resp, body = o.browser().do("GET", "/ru/people/ivan-ivanov", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("published person: %d", resp.StatusCode)
		}
		escaped(t, "public person page", body)
		if !strings.Contains(body, "Иванович") {
			t.Error("the public page lacks the patronymic")
		}
	})
}

func newsForm(version int, x string) url.Values {
	v := url.Values{"version": {fmt.Sprint(version)}, "published_at": {"2021-06-02T10:00"}}
	for _, f := range []string{"title", "dateline", "summary", "source", "lead_alt", "lead_caption", "lead_credit"} {
		mlValues(v, f, f+" "+x)
	}
	mlValues(v, "body", "First "+x+"\n\nSecond")
	return v
}

func TestOfficeContentNews(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("ed@cass.example", "Ольга", "ru", false, "cass:editor")
		o.account("rev@cass.example", "Rev", "en", false, "cass:reviewer")
		var forumID int64
		if err := db.QueryRow(context.Background(), `SELECT id FROM forums WHERE slug = 'treaty-20-forum'`).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		ed := o.browser()
		ed.signIn("ed@cass.example")
		v := newsForm(0, xss)
		v.Set("slug", "office-news")
		// The new form, shown with no forum chosen, reads the time in the
		// zone of the forum chosen when it is sent, as its hint says:
		// 10:00 in Moscow is 07:00 UTC.
		_, blank := ed.get("/office/news/new")
		typed := formValues(t, blank, "form.content-form")
		for k, x := range newsForm(0, "zone") {
			typed[k] = x
		}
		typed.Set("slug", "zone-news")
		typed.Set("forum", fmt.Sprint(forumID))
		typed.Set("published_at", "2021-06-02T10:00")
		zid := idFrom(t, func() *http.Response { r, _ := ed.post("/office/news/new", typed); return r }(), "/office/news/")
		if at := draftOf(t, db, approval.KindNews, zid).Content.(*forum.NewsPost).PublishedAt; !at.Equal(time.Date(2021, 6, 2, 7, 0, 0, 0, time.UTC)) {
			t.Errorf("10:00 typed on the new form with the Moscow forum chosen stored as %v, want 07:00 UTC", at.UTC())
		}
		// A news item is about a forum, whose hosts own it.
		v.Set("forum", "0")
		if resp, doc := ed.post("/office/news/new", v); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(byID(doc, "forum-error").Text(), "форум") {
			t.Errorf("a post about no forum: %d %q", resp.StatusCode, byID(doc, "forum-error").Text())
		}
		v.Set("forum", fmt.Sprint(forumID))
		resp, body := ed.multipartPost("/office/news/new", v, map[string][2]string{"lead.file": {"lead.png", pngData(1000, 500)}})
		id := idFrom(t, resp, "/office/news/")
		_ = body
		resp, body = ed.do("GET", fmt.Sprintf("/office/news/%d", id), nil)
		if resp.StatusCode != 200 {
			t.Fatalf("news page: %d", resp.StatusCode)
		}
		escaped(t, "office news page", body)
		doc := parse(t, body)
		if got := doc.Find("#published_at").AttrOr("value", ""); got != "2021-06-02T10:00" || !strings.Contains(doc.Find("#published_at-hint").Text(), "Europe/Moscow") {
			t.Errorf("published at %q, hint %q: want the forum's zone", got, doc.Find("#published_at-hint").Text())
		}
		_, body = ed.do("GET", "/office/news", nil)
		escaped(t, "office news list", body)

		// A date in the wrong form and one with a zone of its own.
		for _, when := range []string{"02.06.2021", "2021-06-02T10:00+03:00"} {
			bad := newsForm(1, "x")
			bad.Set("published_at", when)
			bad.Set("forum", fmt.Sprint(forumID))
			resp, doc = ed.post(fmt.Sprintf("/office/news/%d", id), bad)
			if resp.StatusCode != 422 || !strings.Contains(doc.Find("#published_at-error").Text(), "часовому поясу") || doc.Find("#published_at").AttrOr("value", "") != when {
				t.Errorf("date %q: %d %q", when, resp.StatusCode, doc.Find("#published_at-error").Text())
			}
		}
		rev := o.browser()
		rev.signIn("rev@cass.example")
		if resp, _ := rev.post(fmt.Sprintf("/office/news/%d", id), newsForm(1, "r")); resp.StatusCode != 403 {
			t.Errorf("reviewer saving news: %d, want 403", resp.StatusCode)
		}

		o.publish(approval.Subject{Kind: approval.KindNews, ID: id})
		resp, body = o.browser().do("GET", "/en/news/office-news", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("published news: %d", resp.StatusCode)
		}
		escaped(t, "public news page", body)
		doc = parse(t, body)
		img := doc.Find("figure img")
		if srcset := img.AttrOr("srcset", ""); strings.Contains(srcset, "w480") || !strings.Contains(srcset, "original.png 1000w") {
			t.Errorf("before the renditions job: srcset %q, want the original alone", srcset)
		}
		if !strings.Contains(doc.Find("figcaption").Text(), "lead_caption") {
			t.Errorf("caption: %q", doc.Find("figcaption").Text())
		}

		// The renditions job, run by a queue as the program runs it.
		ws := jobs.NewWorkers()
		media.Register(ws, &media.Store{DB: db, Blobs: o.blobs})
		q, err := jobs.Open(t.Context(), db, jobs.Config{Workers: ws, Concurrency: 1, PollInterval: 50 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if err := q.Start(t.Context()); err != nil {
			t.Fatal(err)
		}
		defer func() {
			q.Stop(context.Background())
			q.Close()
		}()
		deadline := time.Now().Add(30 * time.Second)
		for {
			_, doc = o.browser().get("/en/news/office-news")
			srcset := doc.Find("figure img").AttrOr("srcset", "")
			if strings.Contains(srcset, "/w480.jpg 480w") && strings.Contains(srcset, "/w960.jpg 960w") {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("renditions never listed: srcset %q", srcset)
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
}

func TestOfficeContentMedia(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("ed@cass.example", "Ольга", "ru", false, "cass:editor")
		o.account("tr@cass.example", "Tr", "zh", false, "cass:translator")
		ed := o.browser()
		ed.signIn("ed@cass.example")
		before := o.count("media")

		meta := url.Values{}
		for _, f := range []string{"alt", "caption", "credit"} {
			mlValues(meta, f, f+" "+xss)
		}

		// A text file named .png: 422, the message at the field in
		// Russian, nothing stored, the texts kept.
		resp, body := ed.multipartPost("/office/media", meta, map[string][2]string{"file": {"photo.png", "just some text, not an image"}})
		doc := parse(t, body)
		if resp.StatusCode != 422 || !strings.Contains(doc.Find("#file-error").Text(), "не является изображением") ||
			doc.Find(`input[name="caption.en"]`).AttrOr("value", "") != "caption "+xss+" en" {
			t.Errorf("text file as an image: %d, message %q", resp.StatusCode, doc.Find("#file-error").Text())
		}
		escaped(t, "media upload form sent back", body)

		// A chosen file of no bytes is said to be empty, not missing.
		resp, body = ed.multipartPost("/office/media", meta, map[string][2]string{"file": {"photo.png", ""}})
		if msg := parse(t, body).Find("#file-error").Text(); resp.StatusCode != 422 || !strings.Contains(msg, "Файл «photo.png» пуст") {
			t.Errorf("empty image file: %d, message %q", resp.StatusCode, msg)
		}

		// Too large: a clear message, nothing stored.
		big := strings.Repeat("x", 21<<20)
		resp, body = ed.multipartPost("/office/media", meta, map[string][2]string{"file": {"big.png", big}})
		doc = parse(t, body)
		if resp.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(doc.Find("#file-error").Text(), "20,0\u00a0МиБ") {
			t.Errorf("oversized upload: %d, message %q", resp.StatusCode, doc.Find("#file-error").Text())
		}
		if n := o.count("media"); n != before {
			t.Errorf("%d images stored from refused uploads", n-before)
		}

		// An SVG with a script and a handler is kept without them.
		svg := `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" onload="alert(3)"><script>alert(4)</script><circle r="5"/></svg>`
		resp, _ = ed.multipartPost("/office/media", meta, map[string][2]string{"file": {"drawing.svg", svg}})
		id := idFrom(t, resp, "/office/media/")
		got, err := media.Load(context.Background(), db, []int64{id})
		if err != nil || got[id] == nil {
			t.Fatal(err)
		}
		obj, err := o.blobs.Open(context.Background(), got[id].BlobKey)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := io.ReadAll(obj)
		obj.Close()
		if s := string(stored); strings.Contains(s, "script") || strings.Contains(s, "onload") || strings.Contains(s, "alert") || !strings.Contains(s, "<circle") {
			t.Errorf("stored SVG: %s", s)
		}

		// The library and the image's page show the texts as text.
		resp, body = ed.do("GET", "/office/media", nil)
		if resp.StatusCode != 200 || parse(t, body).Find(fmt.Sprintf(`a[href="/office/media/%d"]`, id)).Length() != 1 {
			t.Fatalf("library: %d", resp.StatusCode)
		}
		escaped(t, "media library", body)
		_, body = ed.do("GET", fmt.Sprintf("/office/media/%d", id), nil)
		escaped(t, "media page", body)
		edit := url.Values{}
		mlValues(edit, "credit", "Photo: RIAC")
		if resp, _ := ed.post(fmt.Sprintf("/office/media/%d", id), edit); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("edit image texts: %d", resp.StatusCode)
		}
		got, _ = media.Load(context.Background(), db, []int64{id})
		if got[id].Credit.Values["en"] != "Photo: RIAC en" || got[id].Caption.Values["en"] != "" {
			t.Errorf("after editing: credit %q, caption %q", got[id].Credit.Values["en"], got[id].Caption.Values["en"])
		}
		if resp, _ := ed.get("/office/media?page=99"); resp.StatusCode != 404 {
			t.Errorf("page past the end: %d", resp.StatusCode)
		}

		// A translator sees the library but uploads nothing.
		tr := o.browser()
		tr.signIn("tr@cass.example")
		if resp, _ := tr.get("/office/media"); resp.StatusCode != 200 {
			t.Errorf("translator's library: %d", resp.StatusCode)
		}
		if resp, _ := tr.multipartPost("/office/media", meta, map[string][2]string{"file": {"a.png", pngData(10, 10)}}); resp.StatusCode != 403 {
			t.Errorf("translator uploading: %d, want 403", resp.StatusCode)
		}
	})
}

// TestOfficeContentPartnerXSS publishes a partner's profile typed with
// markup in every multilingual field and reads it back in the office and
// on the public site.
func TestOfficeContentPartnerXSS(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("li@cass.example", "Li", "en", false, "cass:organiser")
		cass := o.partnerID("cass")
		b := o.browser()
		b.signIn("li@cass.example")
		if resp, _ := b.post(fmt.Sprintf("/office/partners/%d", cass), partnerForm(0, xss)); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		resp, body := b.do("GET", fmt.Sprintf("/office/partners/%d", cass), nil)
		escaped(t, "office partner page", body)
		if parse(t, body).Find("form.ask-publish").Length() != 1 || resp.StatusCode != 200 {
			t.Error("an organiser is not offered to ask to publish")
		}
		o.publish(approval.Subject{Kind: approval.KindPartner, ID: cass})
		_, body = b.do("GET", "/office/partners", nil)
		escaped(t, "office partner list", body)
		for _, l := range []string{"en", "ru", "zh"} {
			resp, body := o.browser().do("GET", "/"+l+"/partners/cass", nil)
			if resp.StatusCode != 200 || !strings.Contains(body, "Academy") {
				t.Fatalf("public partner page in %s: %d", l, resp.StatusCode)
			}
			escaped(t, "public partner page "+l, body)
		}
	})
}

// A translator writes the texts of a person and a partner; the other
// fields (slug, partner, country, website, images) stay as the draft has
// them, whatever the form says.
func TestOfficeContentTranslatorWritesTexts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("tr@cass.example", "Tr", "en", false, "cass:translator")
		cass, riac := o.partnerID("cass"), o.partnerID("riac")
		var xie int64
		if err := db.QueryRow(context.Background(), `SELECT id FROM people WHERE slug = ?`, "xie-fuzhan").Scan(&xie); err != nil {
			t.Fatal(err)
		}
		tr := o.browser()
		tr.signIn("tr@cass.example")

		v := personForm(0, " translated")
		v.Set("slug", "hijacked")
		v.Set("partner", fmt.Sprint(riac))
		if resp, doc := tr.post(fmt.Sprintf("/office/people/%d", xie), v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translator saves a person: %d %s", resp.StatusCode, doc.Find(".field-error, .form-error").Text())
		}
		d, err := approval.Load(context.Background(), db, approval.Subject{Kind: approval.KindPerson, ID: xie})
		if err != nil {
			t.Fatal(err)
		}
		p := d.Content.(*forum.Person)
		if p.Slug != "xie-fuzhan" || p.PartnerID != cass {
			t.Errorf("a translator's save moved the person: slug %q, partner %d", p.Slug, p.PartnerID)
		}
		if !strings.Contains(p.Position.Values["en"], "translated") {
			t.Errorf("the translator's text was not saved: %q", p.Position.Values["en"])
		}

		pv := partnerForm(0, "translated")
		pv.Set("country", "KZ")
		pv.Set("website", "https://elsewhere.example")
		if resp, doc := tr.post(fmt.Sprintf("/office/partners/%d", cass), pv); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translator saves a partner: %d %s", resp.StatusCode, doc.Find(".field-error, .form-error").Text())
		}
		d, err = approval.Load(context.Background(), db, approval.Subject{Kind: approval.KindPartner, ID: cass})
		if err != nil {
			t.Fatal(err)
		}
		pa := d.Content.(*forum.Partner)
		if pa.Country != "CN" || strings.Contains(pa.Website, "elsewhere") {
			t.Errorf("a translator's save changed the partner's country %q or website %q", pa.Country, pa.Website)
		}
		if !strings.Contains(pa.Name.Values["en"], "translated") {
			t.Errorf("the translator's name was not saved: %q", pa.Name.Values["en"])
		}
	})
}
