package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// formValues returns what a browser would send of the form sel of doc, as
// it stands: inputs with their values, checked boxes only, the selected
// option of each select.
func formValues(t *testing.T, doc *goquery.Document, sel string) url.Values {
	t.Helper()
	f := doc.Find(sel)
	if f.Length() == 0 {
		t.Fatalf("no form %s on the page", sel)
	}
	v := url.Values{}
	f.Find("input, textarea, select").Each(func(_ int, s *goquery.Selection) {
		name, ok := s.Attr("name")
		if !ok {
			return
		}
		switch goquery.NodeName(s) {
		case "textarea":
			v.Add(name, s.Text())
		case "select":
			if _, disabled := s.Attr("disabled"); disabled {
				return
			}
			opt := s.Find("option[selected]")
			if opt.Length() == 0 {
				opt = s.Find("option").First()
			}
			v.Add(name, opt.AttrOr("value", ""))
		default:
			if _, disabled := s.Attr("disabled"); disabled {
				return // a browser does not send a disabled field
			}
			typ := s.AttrOr("type", "text")
			if (typ == "checkbox" || typ == "radio") && s.AttrOr("checked", "-") == "-" {
				return
			}
			v.Add(name, s.AttrOr("value", "on"))
		}
	})
	return v
}

// byID finds an element by its id, which in the office's forms holds dots.
func byID(doc *goquery.Document, id string) *goquery.Selection {
	return doc.Find(fmt.Sprintf("[id=%q]", id))
}

// demoForumID returns the id of the demo forum.
func demoForumID(t *testing.T, db *store.DB) int64 {
	t.Helper()
	var id int64
	if err := db.QueryRow(context.Background(), `SELECT id FROM forums WHERE slug = ?`, demo.ForumSlug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// draftOf loads the draft (or live content) of subject kind k with id.
func draftOf(t *testing.T, db *store.DB, k approval.Kind, id int64) *approval.Draft {
	t.Helper()
	d, err := approval.Load(context.Background(), db, approval.Subject{Kind: k, ID: id})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestOfficeForumEdit(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		li := o.account("li@cass.example", "Li Ming", "en", false, "cass:organiser")
		ivan := o.account("ivan@riac.example", "Ivan Petrov", "en", false, "riac:organiser")
		b := o.browser()
		b.signIn("li@cass.example")
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10)

		resp, doc := b.get("/office/forums")
		if resp.StatusCode != 200 {
			t.Fatalf("forum list: %d", resp.StatusCode)
		}
		row := doc.Find(`tr[data-forum="treaty-20-forum"]`)
		if row.Length() != 1 || strings.TrimSpace(row.Find(".list-state").Text()) != "Published" || row.Find(`a[href="`+path+`"]`).Length() == 0 {
			t.Fatalf("forum list row: %q", row.Text())
		}

		resp, doc = b.get(path)
		if resp.StatusCode != 200 {
			t.Fatalf("forum form: %d", resp.StatusCode)
		}
		loaded := formValues(t, doc, "form.forum-form")
		if loaded.Get("version") != "0" || loaded.Get("starts") != "2021-06-01T10:00" || loaded.Get("timezone") != "Europe/Moscow" {
			t.Fatalf("form loaded with version %q, starts %q, zone %q", loaded.Get("version"), loaded.Get("starts"), loaded.Get("timezone"))
		}
		if got := loaded["hosts"]; len(got) != 2 {
			t.Fatalf("hosts ticked: %v", got)
		}
		if doc.Find(`a[href="/office/preview/forum/`+strconv.FormatInt(id, 10)+`"]`).Length() != 1 {
			t.Error("no link to the preview")
		}
		if got := doc.Find("#draft-approvers").Text(); !strings.Contains(got, "CASS") || !strings.Contains(got, "RIAC") {
			t.Errorf("approvers named: %q", got)
		}

		// The Russian theme changes in the draft, not on the public page.
		const theme = "Китай и Россия: новая тема форума"
		edited := url.Values{}
		for k, v := range loaded {
			edited[k] = append([]string(nil), v...)
		}
		edited.Set("theme.ru", theme)
		resp, _ = b.post(path, edited)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path {
			t.Fatalf("save: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		d := draftOf(t, db, approval.KindForum, id)
		if f := d.Content.(*forum.Forum); d.Version != 1 || f.Theme.Values["ru"] != theme || f.Theme.Values["en"] != loaded.Get("theme.en") {
			t.Fatalf("draft version %d, theme %v", d.Version, f.Theme.Values)
		}
		pub := o.browser()
		_, pubBody := pub.do("GET", "/ru/forums/treaty-20-forum", nil)
		if strings.Contains(pubBody, theme) || !strings.Contains(pubBody, "Китай и Россия: сотрудничество в новую эпоху") {
			t.Error("the public page shows the draft's theme, or lost its own")
		}
		resp, doc = b.get(path)
		if got := strings.TrimSpace(doc.Find(".flash").Text()); !strings.Contains(got, "draft is saved") {
			t.Errorf("flash after save: %q", got)
		}
		if got := byID(doc, "theme.ru").AttrOr("value", ""); got != theme {
			t.Errorf("form after save shows theme.ru %q", got)
		}
		if got := strings.TrimSpace(doc.Find("#draft-version").Text()); got != "1" {
			t.Errorf("version shown: %q", got)
		}
		submit := doc.Find(`form[action="/office/approvals/forum/` + strconv.FormatInt(id, 10) + `/submit"]`)
		if submit.Length() != 1 || submit.Find(`input[name=version]`).AttrOr("value", "") != "1" || !strings.Contains(submit.Text(), "Ask to publish") {
			t.Errorf("ask-to-publish form for the organiser: %d, %q", submit.Length(), submit.Text())
		}

		// A form loaded from version 0 is refused now: someone saved since.
		stale := url.Values{}
		for k, v := range loaded {
			stale[k] = append([]string(nil), v...)
		}
		stale.Set("theme.ru", "Устаревшая правка")
		resp, doc = b.post(path, stale)
		if resp.StatusCode != http.StatusConflict {
			t.Fatalf("stale save: %d, want 409", resp.StatusCode)
		}
		// It says who saved which version and where the typed form
		// differs from it, and holds that version now: saving again puts
		// the typed text in place of theirs, knowingly.
		if msg := doc.Find("#form-message").Text(); !strings.Contains(msg, "Li Ming") || !strings.Contains(msg, "version 1") ||
			!strings.Contains(msg, "Theme (Russian)") || strings.Contains(msg, "Title") {
			t.Errorf("stale message: %q", msg)
		}
		if got := byID(doc, "theme.ru").AttrOr("value", ""); got != "Устаревшая правка" {
			t.Errorf("the stale form lost what was typed: %q", got)
		}
		if d := draftOf(t, db, approval.KindForum, id); d.Content.(*forum.Forum).Theme.Values["ru"] != theme || d.Version != 1 {
			t.Error("the stale form overwrote the draft")
		}
		again := formValues(t, doc, "form.forum-form")
		if again.Get("version") != "1" {
			t.Errorf("the refused form holds version %q, want the draft's 1", again.Get("version"))
		}
		if resp, _ := b.post(path, again); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the kept text again: %d", resp.StatusCode)
		}
		if d := draftOf(t, db, approval.KindForum, id); d.Content.(*forum.Forum).Theme.Values["ru"] != "Устаревшая правка" || d.Version != 2 {
			t.Errorf("the knowing second save: theme %q, version %d", d.Content.(*forum.Forum).Theme.Values["ru"], d.Version)
		}

		// Markup typed into a text comes back as text.
		const xss = `<script>alert(1)</script>"><img src=x onerror=alert(2)>`
		_, doc = b.get(path)
		edited = formValues(t, doc, "form.forum-form")
		edited.Set("theme.en", xss)
		edited.Set("summary.en", xss)
		if resp, _ = b.post(path, edited); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save with markup: %d", resp.StatusCode)
		}
		_, body := b.do("GET", path, nil)
		if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "<img src=x") {
			t.Error("the office page carries the typed markup unescaped")
		}
		doc, _ = goquery.NewDocumentFromReader(strings.NewReader(body))
		if got := byID(doc, "theme.en").AttrOr("value", ""); got != xss {
			t.Errorf("theme.en shown as %q", got)
		}
		if doc.Find("img[onerror], script:not([src])").Length() != 0 {
			t.Error("the typed markup became elements")
		}

		// Asked to publish and returned by RIAC: the form says so, with
		// RIAC's comment, and offers to ask again.
		subj := approval.Subject{Kind: approval.KindForum, ID: id}
		err := db.Transact(context.Background(), func(tx *store.Tx) error {
			d, err := approval.Submit(t.Context(), tx, subj, approval.Actor{AccountID: li.ID, Name: li.Name, PartnerIDs: li.Partners()})
			if err != nil {
				return err
			}
			_, err = approval.Return(t.Context(), tx, subj, d.Version, approval.Actor{AccountID: ivan.ID, Name: ivan.Name, PartnerIDs: ivan.Partners()}, ivan.Partners()[0], "Shorten the <b>theme</b>")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, doc = b.get(path)
		if got := strings.TrimSpace(doc.Find("#draft-state").Text()); got != "Returned" {
			t.Errorf("state shown: %q", got)
		}
		if got := strings.TrimSpace(doc.Find("#draft-comment").Text()); got != "Shorten the <b>theme</b>" {
			t.Errorf("comment shown: %q", got)
		}
		if doc.Find(`form[action$="/submit"] input[name=version]`).AttrOr("value", "") == "" {
			t.Error("a returned draft cannot be asked to publish again")
		}
	})
}

func TestOfficeForumPermissions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		ctx := context.Background()
		other := &forum.Partner{Slug: "other", Name: lang.New("en", map[string]string{"en": "Other Institute"}), ShortName: lang.New("en", map[string]string{"en": "OI"})}
		if err := forum.AddPartner(ctx, db, other); err != nil {
			t.Fatal(err)
		}
		o.account("ed@riac.example", "Ivan Editor", "ru", false, "riac:editor")
		o.account("rev@cass.example", "Rev Iewer", "en", false, "cass:reviewer")
		o.account("org@other.example", "Other Organiser", "en", false, "other:organiser")
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10)

		editor := o.browser()
		editor.signIn("ed@riac.example")
		resp, doc := editor.get(path)
		if resp.StatusCode != 200 {
			t.Fatalf("editor GET: %d", resp.StatusCode)
		}
		if doc.Find(`form[action$="/submit"]`).Length() != 0 {
			t.Error("an editor is offered to ask to publish")
		}
		form := formValues(t, doc, "form.forum-form")
		form.Set("venue.ru", "Москва")
		form.Set("venue.src", "ru")
		if resp, doc = editor.post(path, form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("editor save: %d %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		if got := draftOf(t, db, approval.KindForum, id).Content.(*forum.Forum).Venue.Values["ru"]; got != "Москва" {
			t.Errorf("editor's venue not saved: %q", got)
		}

		reviewer := o.browser()
		reviewer.signIn("rev@cass.example")
		if resp, _ = reviewer.get(path); resp.StatusCode != 200 {
			t.Errorf("reviewer GET: %d", resp.StatusCode)
		}
		form.Set("version", "1")
		if resp, _ = reviewer.post(path, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reviewer POST: %d, want 403", resp.StatusCode)
		}
		if resp, _ = reviewer.post(path+"/programme", url.Values{"version": {"0"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reviewer POST programme: %d, want 403", resp.StatusCode)
		}
		if resp, _ = reviewer.get("/office/forums/new"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reviewer GET new: %d, want 403", resp.StatusCode)
		}

		outsider := o.browser()
		outsider.signIn("org@other.example")
		for _, p := range []string{path, path + "/programme"} {
			if resp, _ = outsider.get(p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("another partner's GET %s: %d, want 404", p, resp.StatusCode)
			}
			if resp, _ = outsider.post(p, form); resp.StatusCode != http.StatusNotFound {
				t.Errorf("another partner's POST %s: %d, want 404", p, resp.StatusCode)
			}
		}
		_, doc = outsider.get("/office/forums")
		if doc.Find(`tr[data-forum]`).Length() != 0 {
			t.Error("another partner sees the demo forum in its list")
		}
		if d := draftOf(t, db, approval.KindForum, id); d.Version != 1 {
			t.Errorf("refused posts changed the draft: version %d", d.Version)
		}
	})
}

// newForumForm is a valid form of a new forum hosted by RIAC, then CASS.
func newForumForm(cass, riac int64) url.Values {
	c, r := strconv.FormatInt(cass, 10), strconv.FormatInt(riac, 10)
	return url.Values{
		"slug":      {"new-forum"},
		"languages": {"ru", "en"},
		"title.en":  {"A New Forum"}, "title.ru": {"Новый форум"}, "title.src": {"en"}, "title.done": {"ru"},
		"theme.en": {"Cooperation"}, "theme.src": {"en"},
		"timezone": {"Europe/Moscow"},
		"starts":   {"2026-06-01T10:00"}, "ends": {"2026-06-02T18:00"},
		"hosts":        {c, r},
		"hostpos." + c: {"2"}, "hostpos." + r: {"1"},
	}
}

func TestOfficeForumCreate(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		ctx := context.Background()
		var cass, riac int64
		if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = 'cass'`).Scan(&cass); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = 'riac'`).Scan(&riac); err != nil {
			t.Fatal(err)
		}

		resp, doc := b.get("/office/forums/new")
		if resp.StatusCode != 200 {
			t.Fatalf("new forum form: %d", resp.StatusCode)
		}
		if v := formValues(t, doc, "form.forum-form"); len(v["hosts"]) != 1 || v.Get("hosts") != strconv.FormatInt(cass, 10) || len(v["languages"]) != 3 {
			t.Errorf("new form: hosts %v, languages %v", v["hosts"], v["languages"])
		}

		for _, c := range []struct {
			name, field, want string
			change            func(url.Values)
		}{
			{"taken slug", "slug", "уже занято", func(v url.Values) { v.Set("slug", demo.ForumSlug) }},
			{"malformed slug", "slug", "латинские", func(v url.Values) { v.Set("slug", "Новый форум") }},
			{"date with an offset", "starts", "часовому поясу форума", func(v url.Values) { v.Set("starts", "2021-06-01T10:00+03:00") }},
			{"date in another form", "ends", "часовому поясу форума", func(v url.Values) { v.Set("ends", "02.06.2026 18:00") }},
			{"ends before it starts", "ends", "раньше начала", func(v url.Values) { v.Set("ends", "2026-05-31T10:00") }},
			{"unknown zone", "timezone", "не название часового пояса", func(v url.Values) { v.Set("timezone", "Mars/Olympus") }},
			{"language not offered", "languages", "Выберите один из", func(v url.Values) { v.Add("languages", "de") }},
			{"no language", "languages", "хотя бы один язык", func(v url.Values) { v.Del("languages") }},
			{"no host of mine", "hosts", "ваших партнёров", func(v url.Values) { v["hosts"] = []string{strconv.FormatInt(riac, 10)} }},
			{"no title", "title", "Заполните", func(v url.Values) { v.Del("title.en"); v.Del("title.ru") }},
			{"title too long", "title.en", "Не более", func(v url.Values) { v.Set("title.en", strings.Repeat("я", 301)) }},
		} {
			t.Run(c.name, func(t *testing.T) {
				v := newForumForm(cass, riac)
				c.change(v)
				resp, doc := b.post("/office/forums", v)
				if resp.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d, want 422: %s", resp.StatusCode, doc.Text())
				}
				if msg := byID(doc, c.field+"-error").Text(); !strings.Contains(msg, c.want) {
					t.Errorf("message at %s: %q, want one with %q; summary %q", c.field, msg, c.want, doc.Find(".error-summary").Text())
				}
				if doc.Find(`.error-summary a[href="#`+c.field+`"]`).Length() == 0 {
					t.Errorf("the summary does not link to #%s", c.field)
				}
				if got := formValues(t, doc, "form.forum-form"); got.Get("slug") != v.Get("slug") || got.Get("starts") != v.Get("starts") {
					t.Errorf("typed values lost: slug %q, starts %q", got.Get("slug"), got.Get("starts"))
				}
			})
		}

		// A valid forum: created unpublished, hosts in the order of their
		// positions, a language nobody offered not stored.
		v := newForumForm(cass, riac)
		v.Set("theme.de", "Zusammenarbeit")
		v.Set("theme.zh", "合作")
		resp, _ = b.post("/office/forums", v)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create: %d", resp.StatusCode)
		}
		var id int64
		if _, err := fmt.Sscanf(resp.Header.Get("Location"), "/office/forums/%d", &id); err != nil {
			t.Fatalf("create went to %q", resp.Header.Get("Location"))
		}
		d := draftOf(t, db, approval.KindForum, id)
		f := d.Content.(*forum.Forum)
		if d.Version != 1 || f.Slug != "new-forum" || len(f.Hosts) != 2 || f.Hosts[0].ID != riac || f.Hosts[1].ID != cass {
			t.Fatalf("created draft: version %d, slug %q, hosts %v", d.Version, f.Slug, hostIDsOf(f))
		}
		if _, ok := f.Theme.Values["de"]; ok || f.Theme.Values["zh"] != "" {
			t.Errorf("theme stored in languages the forum does not promise: %v", f.Theme.Values)
		}
		if want := time.Date(2026, 6, 1, 7, 0, 0, 0, time.UTC); !f.StartsAt.Equal(want) {
			t.Errorf("starts stored as %v, want %v", f.StartsAt, want)
		}
		if _, body := o.browser().do("GET", "/en/forums/new-forum", nil); strings.Contains(body, "A New Forum") {
			t.Error("the new forum is public before approval")
		}
		_, doc = b.get("/office/forums")
		if got := strings.TrimSpace(doc.Find(`tr[data-forum="new-forum"] .list-state`).Text()); got != "Черновик" {
			t.Errorf("state of the new forum in the list: %q", got)
		}
		// Only the columns of the promised languages are shown.
		_, doc = b.get(resp.Header.Get("Location"))
		if byID(doc, "theme.zh").Length() != 0 || byID(doc, "theme.ru").Length() != 1 {
			t.Error("the form shows columns of languages the forum does not promise")
		}

		// A slug that another forum's draft has taken is refused too,
		// though no live forum has it yet: publishing both would fail.
		renamed := formValues(t, doc, "form.forum-form")
		renamed.Set("slug", "renamed-forum")
		if resp, _ := b.post(resp.Header.Get("Location"), renamed); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("rename in the draft: %d", resp.StatusCode)
		}
		second := newForumForm(cass, riac)
		second.Set("slug", "renamed-forum")
		resp, doc = b.post("/office/forums", second)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(byID(doc, "slug-error").Text(), "уже занято") {
			t.Errorf("a slug taken by another forum's draft: %d %q", resp.StatusCode, byID(doc, "slug-error").Text())
		}
	})
}

func hostIDsOf(f *forum.Forum) []int64 {
	var ids []int64
	for _, h := range f.Hosts {
		ids = append(ids, h.ID)
	}
	return ids
}

// speechRows maps each speech slug of a programme form to its row prefix
// ("s0.p1.").
func speechRows(v url.Values) map[string]string {
	out := map[string]string{}
	re := regexp.MustCompile(`^(s\d+\.p\d+\.)slug$`)
	for k := range v {
		if m := re.FindStringSubmatch(k); m != nil && v.Get(k) != "" {
			out[v.Get(k)] = m[1]
		}
	}
	return out
}

func TestOfficeProgrammeEdit(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Li Ming", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		ctx := context.Background()
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10) + "/programme"
		var ivanov int64
		if err := db.QueryRow(ctx, `SELECT id FROM people WHERE slug = 'igor-ivanov'`).Scan(&ivanov); err != nil {
			t.Fatal(err)
		}

		resp, doc := b.get(path)
		if resp.StatusCode != 200 {
			t.Fatalf("programme form: %d", resp.StatusCode)
		}
		if note := doc.Find("#zone-note").Text(); !strings.Contains(note, "Moscow Standard Time") {
			t.Errorf("the form does not say the zone: %q", note)
		}
		v := formValues(t, doc, "form.programme-form")
		if v.Get("sessions") != "3" {
			t.Fatalf("session rows: %q, want the two sessions and a blank one", v.Get("sessions"))
		}
		rows := speechRows(v)
		wang := rows["wang-yi-video-address"]
		if wang == "" || v.Get(wang+"starts") != "2021-06-01T10:00" {
			t.Fatalf("Wang Yi's speech row %q starts %q", wang, v.Get(wang+"starts"))
		}
		if doc.Find(`form[action="/office/approvals/programme/`+strconv.FormatInt(id, 10)+`/submit"]`).Length() != 0 {
			t.Error("ask to publish offered before there is a draft")
		}

		// Bad times: outside the forum's dates, or ending before starting.
		bad := url.Values{}
		for k, x := range v {
			bad[k] = append([]string(nil), x...)
		}
		bad.Set(wang+"starts", "2021-06-03T10:00")
		bad.Set(rows["xie-fuzhan-address"]+"ends", "2021-06-01T10:00")
		resp, doc = b.post(path, bad)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad times: %d, want 422", resp.StatusCode)
		}
		if msg := byID(doc, wang+"starts-error").Text(); !strings.Contains(msg, "outside the forum's dates") {
			t.Errorf("time outside the forum: message %q", msg)
		}
		if msg := byID(doc, rows["xie-fuzhan-address"]+"ends-error").Text(); !strings.Contains(msg, "before the start") {
			t.Errorf("end before start: message %q", msg)
		}
		if got := byID(doc, wang+"starts").AttrOr("value", ""); got != "2021-06-03T10:00" {
			t.Errorf("typed time lost: %q", got)
		}
		if d := draftOf(t, db, approval.KindProgramme, id); d.Version != 0 {
			t.Error("a refused programme was saved")
		}

		// Add a session with a speech, put it first, reorder the speeches
		// of the first session, remove one.
		edit := url.Values{}
		for k, x := range v {
			edit[k] = append([]string(nil), x...)
		}
		edit.Set("s2.pos", "0")
		edit.Set("s2.title.en", "Welcome")
		edit.Set("s2.title.src", "en")
		edit.Set("s2.starts", "2021-06-01T10:00")
		edit.Set("s2.ends", "2021-06-01T10:05")
		edit.Set("s2.p0.slug", "welcome")
		edit.Set("s2.p0.speaker", strconv.FormatInt(ivanov, 10))
		edit.Set("s2.p0.kind", "remark")
		edit.Set("s2.p0.lang", "ru")
		edit.Set("s2.p0.title.en", "Welcome")
		edit.Set("s2.p0.title.src", "en")
		edit.Set("s2.p0.starts", "2021-06-01T10:00")
		edit.Set("s2.p0.ends", "2021-06-01T10:05")
		// Positions order only speeches that start at the same time.
		edit.Set(rows["sergey-lavrov-video-address"]+"starts", v.Get(wang+"starts"))
		edit.Set(rows["sergey-lavrov-video-address"]+"pos", "0")
		edit.Set(rows["igor-ivanov-address"]+"remove", "1")
		resp, doc = b.post(path, edit)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save programme: %d; %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		d := draftOf(t, db, approval.KindProgramme, id)
		p := d.Content.(*forum.Programme)
		var got []string
		for _, ss := range p.Sessions {
			title, _ := ss.Title.In("en")
			var slugs []string
			for _, sp := range ss.Speeches {
				slugs = append(slugs, sp.Slug)
			}
			got = append(got, title+": "+strings.Join(slugs, " "))
		}
		want := []string{
			"Welcome: welcome",
			"Addresses on the Treaty's 20th anniversary: sergey-lavrov-video-address wang-yi-video-address xie-fuzhan-address",
			"Presentation of the Collected Works: ",
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Fatalf("programme draft:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		// 10:00 in Moscow is 07:00 UTC, and the new speech's 10:05 is 07:05.
		if at := p.Sessions[1].Speeches[1].StartsAt; !at.Equal(time.Date(2021, 6, 1, 7, 0, 0, 0, time.UTC)) {
			t.Errorf("Wang Yi's speech stored at %v, want 07:00 UTC", at)
		}
		if at := p.Sessions[0].Speeches[0].EndsAt; !at.Equal(time.Date(2021, 6, 1, 7, 5, 0, 0, time.UTC)) || p.Sessions[0].Speeches[0].SpeakerID != ivanov {
			t.Errorf("the new speech: at %v by %d", at, p.Sessions[0].Speeches[0].SpeakerID)
		}
		// What the public sees is unchanged.
		if _, body := o.browser().do("GET", "/en/forums/treaty-20-forum/programme", nil); strings.Contains(body, "Welcome") || !strings.Contains(body, "Igor") {
			t.Error("the public programme shows the draft")
		}
		// The programme's preview shows the new speech and links to its
		// preview, which shows it as the draft has it; the language
		// switcher stays in the speech's preview.
		preview := fmt.Sprintf("/office/preview/programme/%d", id)
		_, doc = b.get(preview + "/en")
		if href := doc.Find(`a:contains("Welcome")`).AttrOr("href", ""); href != preview+"/en/speeches/welcome" {
			t.Errorf("the programme's preview links the new speech to %q", href)
		}
		resp, doc = b.get(preview + "/en/speeches/welcome")
		if resp.StatusCode != 200 || !strings.Contains(text(doc, "main h1"), "Welcome") || doc.Find(".preview-banner").Length() != 1 ||
			doc.Find(`a[hreflang="ru"][href="`+preview+`/ru/speeches/welcome"]`).Length() == 0 {
			t.Errorf("the new speech's preview: %d %q, banner %d", resp.StatusCode, text(doc, "main h1"), doc.Find(".preview-banner").Length())
		}
		if resp, _ := b.get(preview + "/en/speeches/no-such-speech"); resp.StatusCode != 404 {
			t.Errorf("the preview of a speech the draft lacks: %d", resp.StatusCode)
		}
		if resp, _ := o.browser().do("GET", "/en/forums/treaty-20-forum/speeches/welcome", nil); resp.StatusCode != 404 {
			t.Errorf("the public sees the draft's speech: %d", resp.StatusCode)
		}

		// The form reads back what was saved, times in the forum's zone.
		resp, doc = b.get(path)
		v = formValues(t, doc, "form.programme-form")
		rows = speechRows(v)
		if v.Get(rows["wang-yi-video-address"]+"starts") != "2021-06-01T10:00" || v.Get(rows["welcome"]+"ends") != "2021-06-01T10:05" {
			t.Errorf("times read back: %q, %q", v.Get(rows["wang-yi-video-address"]+"starts"), v.Get(rows["welcome"]+"ends"))
		}
		if _, ok := rows["igor-ivanov-address"]; ok || v.Get("sessions") != "4" {
			t.Errorf("after save: rows %v, %s sessions", rows, v.Get("sessions"))
		}
		if doc.Find(`form[action="/office/approvals/programme/`+strconv.FormatInt(id, 10)+`/submit"] input[name=version][value="1"]`).Length() != 1 {
			t.Error("no ask-to-publish form for the programme's draft")
		}

		// Saving again without changes keeps every time exactly.
		if resp, _ = b.post(path, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save unchanged: %d", resp.StatusCode)
		}
		again := draftOf(t, db, approval.KindProgramme, id).Content.(*forum.Programme)
		for i, ss := range again.Sessions {
			for j, sp := range ss.Speeches {
				if before := p.Sessions[i].Speeches[j]; !sp.StartsAt.Equal(before.StartsAt) || !sp.EndsAt.Equal(before.EndsAt) || sp.ID != before.ID {
					t.Errorf("speech %s moved from %v to %v", sp.Slug, before.StartsAt, sp.StartsAt)
				}
			}
		}

		// The old form is stale now.
		if resp, _ = b.post(path, edit); resp.StatusCode != http.StatusConflict {
			t.Errorf("stale programme form: %d, want 409", resp.StatusCode)
		}
	})
}

// TestOfficeProgrammeTimeOrder: the form lists sessions and speeches in
// the order of their times, as the public sees them, whatever order the
// draft stores them in, numbered in that order; the position hint is shown
// once.
func TestOfficeProgrammeTimeOrder(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		org := o.account("org@cass.example", "Li Ming", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		ctx := context.Background()
		id := demoForumID(t, db)
		subj := approval.Subject{Kind: approval.KindProgramme, ID: id}
		p := draftOf(t, db, approval.KindProgramme, id).Content.(*forum.Programme)
		var want []string
		for _, ss := range p.Sessions {
			if len(ss.Speeches) > 1 {
				for _, sp := range ss.Speeches {
					want = append(want, sp.Slug)
				}
				slices.Reverse(ss.Speeches)
				break
			}
		}
		slices.Reverse(p.Sessions)
		if len(want) < 2 || len(p.Sessions) < 2 {
			t.Fatal("the demo programme has no session with two speeches")
		}
		err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := approval.Save(ctx, tx, subj, p, approval.Actor{AccountID: org.ID, Name: org.Name})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, doc := b.get("/office/forums/" + strconv.FormatInt(id, 10) + "/programme")
		v := formValues(t, doc, "form.programme-form")
		var got []string
		for j := 0; v.Get(fmt.Sprintf("s0.p%d.slug", j)) != ""; j++ {
			got = append(got, v.Get(fmt.Sprintf("s0.p%d.slug", j)))
			if pos := v.Get(fmt.Sprintf("s0.p%d.pos", j)); pos != strconv.Itoa(j+1) {
				t.Errorf("speech row %d numbered %q", j, pos)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("first session's speeches listed %v, want in time order %v", got, want)
		}
		if a, b := v.Get("s0.starts"), v.Get("s1.starts"); a == "" || b == "" || a > b {
			t.Errorf("sessions listed starting %q then %q", a, b)
		}
		if n := strings.Count(doc.Find("main").Text(), "start at the same time"); n != 1 || doc.Find("#pos-hint").Length() != 1 {
			t.Errorf("the position hint is shown %d times", n)
		}
	})
}
