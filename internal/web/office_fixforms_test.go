package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestOfficeForumTranslator: a translator changes the texts of the forum
// and its programme, nothing else, whatever the form sends; the form
// shows the other fields read-only.
func TestOfficeForumTranslator(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("tr@cass.example", "Переводчик", "ru", false, "cass:translator")
		b := o.browser()
		b.signIn("tr@cass.example")
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10)

		resp, doc := b.get(path)
		if resp.StatusCode != 200 {
			t.Fatalf("form: %d", resp.StatusCode)
		}
		if _, ro := byID(doc, "slug").Attr("readonly"); !ro {
			t.Error("the slug is not read-only to a translator")
		}
		if _, ro := byID(doc, "title.zh").Attr("readonly"); ro {
			t.Error("the title is read-only to a translator")
		}
		if doc.Find(`input[name=hosts]:not([disabled])`).Length() != 0 || !strings.Contains(byID(doc, "form-notice").Text(), "переводчик") {
			t.Errorf("hosts editable or no notice: %q", byID(doc, "form-notice").Text())
		}
		v := formValues(t, doc, "form.forum-form")
		v.Set("slug", "changed-slug")
		v.Set("timezone", "Asia/Shanghai")
		v.Set("starts", "2021-07-01T10:00")
		v["hosts"] = nil
		v["languages"] = []string{"en"}
		v.Set("title.zh", "新的标题")
		if resp, doc = b.post(path, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translator's save: %d; %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		f := draftOf(t, db, approval.KindForum, id).Content.(*forum.Forum)
		if f.Slug != demoSlug(t, db, id) || f.TimeZone != "Europe/Moscow" || len(f.Hosts) != 2 || len(f.Languages) != 3 {
			t.Errorf("a translator changed slug %q, zone %q, hosts %d, languages %v", f.Slug, f.TimeZone, len(f.Hosts), f.Languages)
		}
		if at := f.StartsAt.In(f.Location()); at.Month() != time.June {
			t.Errorf("a translator moved the start to %v", at)
		}
		if f.Title.Values["zh"] != "新的标题" {
			t.Errorf("the translator's title not saved: %q", f.Title.Values["zh"])
		}

		// The programme: a new time and a removed speech are ignored, a
		// new title kept.
		ppath := path + "/programme"
		_, doc = b.get(ppath)
		if doc.Find(`input[name$=".remove"]`).Length() != 0 {
			t.Error("a translator is offered to remove items")
		}
		v = formValues(t, doc, "form.programme-form")
		rows := speechRows(v)
		wang := rows["wang-yi-video-address"]
		v.Set(wang+"starts", "2021-06-01T10:20")
		v.Set(wang+"remove", "1")
		v.Set(wang+"title.ru", "Новое название")
		v.Set("sessions", "9")
		if resp, doc = b.post(ppath, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("translator's programme save: %d; %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		p := draftOf(t, db, approval.KindProgramme, id).Content.(*forum.Programme)
		var found bool
		for _, ss := range p.Sessions {
			for _, sp := range ss.Speeches {
				if sp.Slug == "wang-yi-video-address" {
					found = true
					if sp.Title.Values["ru"] != "Новое название" || !sp.StartsAt.Equal(time.Date(2021, 6, 1, 7, 0, 0, 0, time.UTC)) {
						t.Errorf("speech after a translator's save: title %q, starts %v", sp.Title.Values["ru"], sp.StartsAt)
					}
				}
			}
		}
		if !found || len(p.Sessions) != 2 {
			t.Errorf("a translator removed a speech or added sessions: %d sessions, speech kept %v", len(p.Sessions), found)
		}
	})
}

// demoSlug returns the live slug of forum id.
func demoSlug(t *testing.T, db *store.DB, id int64) string {
	t.Helper()
	var slug string
	if err := db.QueryRow(t.Context(), `SELECT slug FROM forums WHERE id = ?`, id).Scan(&slug); err != nil {
		t.Fatal(err)
	}
	return slug
}

// TestOfficeForumReviewerReadOnly: a reviewer reads the forum form as
// read-only, with no promise that saving makes a draft.
func TestOfficeForumReviewerReadOnly(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("rev@cass.example", "Reviewer", "en", false, "cass:reviewer")
		b := o.browser()
		b.signIn("rev@cass.example")
		id := strconv.FormatInt(demoForumID(t, db), 10)
		for _, path := range []string{"/office/forums/" + id, "/office/forums/" + id + "/programme"} {
			_, doc := b.get(path)
			if !strings.Contains(byID(doc, "form-notice").Text(), "read this form but not change it") {
				t.Errorf("%s: notice %q", path, byID(doc, "form-notice").Text())
			}
			if strings.Contains(doc.Text(), "Saving starts a draft") {
				t.Errorf("%s: a reviewer is told that saving starts a draft", path)
			}
			doc.Find("form input, form textarea, form select").Each(func(_ int, s *goquery.Selection) {
				typ := s.AttrOr("type", "text")
				_, ro := s.Attr("readonly")
				_, dis := s.Attr("disabled")
				switch {
				case typ == "hidden":
				case goquery.NodeName(s) == "select" || typ == "checkbox" || typ == "radio":
					if !dis {
						t.Errorf("%s: %s is not disabled", path, s.AttrOr("name", "?"))
					}
				case !ro:
					t.Errorf("%s: %s is not read-only", path, s.AttrOr("name", "?"))
				}
			})
		}
	})
}

// TestOfficeForumWithdrawn: saving a draft asked to be published says
// that the request was withdrawn.
func TestOfficeForumWithdrawn(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10)
		save := func() string {
			t.Helper()
			_, doc := b.get(path)
			v := formValues(t, doc, "form.forum-form")
			v.Set("theme.ru", v.Get("theme.ru")+"!")
			if resp, doc := b.post(path, v); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("save: %d; %q", resp.StatusCode, doc.Find(".error-summary").Text())
			}
			_, body := b.do("GET", path, nil)
			return body
		}
		if body := save(); strings.Contains(body, "отозван") || !strings.Contains(body, "Черновик сохранён") {
			t.Error("the first save does not say saved, or says withdrawn")
		}
		v := draftOf(t, db, approval.KindForum, id).Version
		if resp, _ := b.post("/office/approvals/forum/"+strconv.FormatInt(id, 10)+"/submit", url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d", resp.StatusCode)
		}
		if body := save(); !strings.Contains(body, "Запрос на публикацию отозван") {
			t.Error("saving a submitted draft does not say the request was withdrawn")
		}
		if d := draftOf(t, db, approval.KindForum, id); d.State != approval.Editing {
			t.Errorf("state after the save: %s", d.State)
		}
	})
}

// TestOfficeForumZoneProgramme: a new zone that would put the programme
// outside the forum is refused at the zone field when the programme is not
// to move with it; moved (the form's default), every session and speech
// keeps its clock time in the new zone, in a programme draft saved with
// the forum's.
func TestOfficeForumZoneProgramme(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Organiser", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10)
		_, doc := b.get(path)
		if hint := byID(doc, "timezone-hint").Text(); !strings.Contains(hint, "the programme moves with it") {
			t.Errorf("zone hint %q does not say what a new zone does", hint)
		}
		v := formValues(t, doc, "form.forum-form")
		if v.Get("move_programme") != "1" {
			t.Fatal("moving the programme with the zone is not the form's default")
		}
		v.Del("move_programme")
		v.Set("timezone", "Asia/Shanghai")
		resp, doc := b.post(path, v)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("new zone: %d, want 422", resp.StatusCode)
		}
		if msg := byID(doc, "timezone-error").Text(); !strings.Contains(msg, "programme's sessions would fall outside") {
			t.Errorf("zone message %q", msg)
		}
		if got := byID(doc, "timezone").AttrOr("value", ""); got != "Asia/Shanghai" {
			t.Errorf("typed zone lost: %q", got)
		}
		if d := draftOf(t, db, approval.KindForum, id); d.Version != 0 {
			t.Error("the refused zone was saved")
		}
		// Moved with the forum: Wang Yi's 10:00 in Moscow is 10:00 in
		// Shanghai, as the forum's own hours are.
		before := draftOf(t, db, approval.KindProgramme, id).Content.(*forum.Programme)
		v.Set("move_programme", "1")
		if resp, doc := b.post(path, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("new zone, programme moved: %d %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		moscow, _ := time.LoadLocation("Europe/Moscow")
		pd := draftOf(t, db, approval.KindProgramme, id)
		after := pd.Content.(*forum.Programme)
		if pd.Version != 1 || len(after.Sessions) != len(before.Sessions) {
			t.Fatalf("programme draft after the move: version %d, %d sessions", pd.Version, len(after.Sessions))
		}
		for i, ss := range after.Sessions {
			for j, sp := range ss.Speeches {
				was := before.Sessions[i].Speeches[j].StartsAt.In(moscow)
				now := sp.StartsAt.In(shanghai)
				if was.Format("2006-01-02 15:04") != now.Format("2006-01-02 15:04") {
					t.Errorf("speech %s at %v in Moscow is now at %v in Shanghai", sp.Slug, was, now)
				}
			}
		}
		if f := draftOf(t, db, approval.KindForum, id).Content.(*forum.Forum); f.TimeZone != "Asia/Shanghai" {
			t.Errorf("the forum's zone is %q", f.TimeZone)
		}
		// The programme's change page writes each side in its own zone:
		// the same clock time, Moscow's before and Shanghai's after.
		_, change := b.get("/office/approvals/programme/" + strconv.FormatInt(id, 10))
		first := change.Find("section.change").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Find(".change-col").First().Text(), "10:00")
		}).First()
		if before, after := first.Find(".change-col").First().Text(), first.Find(".change-col").Last().Text(); !strings.Contains(before, "Moscow") || !strings.Contains(after, "10:00") || !strings.Contains(after, "China") {
			t.Errorf("a moved time reads %q → %q, want 10:00 Moscow → 10:00 China", strings.Join(strings.Fields(before), " "), strings.Join(strings.Fields(after), " "))
		}
	})
}

// TestOfficeProgrammeSpeechInSession: a speech outside its session's
// times, or outside the forum's hours, is refused at its field.
func TestOfficeProgrammeSpeechInSession(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		id := demoForumID(t, db)
		path := "/office/forums/" + strconv.FormatInt(id, 10) + "/programme"
		_, doc := b.get(path)
		if hint := byID(doc, "pos-hint").Text(); !strings.Contains(hint, "одновременно") {
			t.Errorf("position hint %q", hint)
		}
		v := formValues(t, doc, "form.programme-form")
		rows := speechRows(v)
		wang, xie := rows["wang-yi-video-address"], rows["xie-fuzhan-address"]
		v.Set(wang+"ends", "2021-06-01T11:05") // session 10:00–10:50
		v.Set(xie+"ends", "2021-06-01T12:10")  // forum ends 11:30
		resp, doc := b.post(path, v)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("speeches outside: %d, want 422", resp.StatusCode)
		}
		if msg := byID(doc, wang+"ends-error").Text(); !strings.Contains(msg, "рамки заседания") {
			t.Errorf("outside the session: %q", msg)
		}
		if msg := byID(doc, xie+"ends-error").Text(); !strings.Contains(msg, "часы форума") {
			t.Errorf("outside the forum: %q", msg)
		}
		if d := draftOf(t, db, approval.KindProgramme, id); d.Version != 0 {
			t.Error("the refused programme was saved")
		}
	})
}

// TestOfficeNewsZone: a new post's form, shown with no forum chosen, says
// the time is in the zone of the forum to be chosen, and reads it so; the
// form shown again names that zone, the time as typed.
func TestOfficeNewsZone(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Organiser", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		_, doc := b.get("/office/news/new")
		if hint := byID(doc, "published_at-hint").Text(); !strings.Contains(hint, "the forum you choose") {
			t.Errorf("hint without a forum: %q", hint)
		}
		v := formValues(t, doc, "form")
		v.Set("forum", strconv.FormatInt(demoForumID(t, db), 10))
		v.Set("published_at", "2021-06-01T09:00") // in Moscow, the forum's zone
		v.Set("title.en", "")                     // an error, so the form comes back
		resp, body := b.do("POST", "/office/news/new", v)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("news without a title: %d", resp.StatusCode)
		}
		doc = parse(t, body)
		if hint := byID(doc, "published_at-hint").Text(); !strings.Contains(hint, "Europe/Moscow") {
			t.Errorf("hint with the forum chosen: %q", hint)
		}
		if got := byID(doc, "published_at").AttrOr("value", ""); got != "2021-06-01T09:00" {
			t.Errorf("09:00 Moscow time shown again as %q", got)
		}
	})
}

// TestOfficeErrorSummaries: each form's error summary reads whole in
// Chinese and Russian (the helper fails any page showing "%!").
func TestOfficeErrorSummaries(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		id := strconv.FormatInt(demoForumID(t, db), 10)
		for _, l := range []string{"zh", "ru"} {
			email := "org-" + l + "@cass.example"
			o.account(email, "Organiser", l, false, "cass:organiser", "riac:organiser")
			b := o.browser()
			b.signIn(email)
			for _, c := range []struct{ name, path string }{
				{"forum", "/office/forums/" + id},
				{"programme", "/office/forums/" + id + "/programme"},
			} {
				_, doc := b.get(c.path)
				v := formValues(t, doc, "form."+c.name+"-form")
				v.Set("title.ru", strings.Repeat("x", 600))
				v.Set("s0.title.ru", strings.Repeat("x", 600))
				resp, doc := b.post(c.path, v)
				if sum := doc.Find(".error-summary p").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(sum, "1") {
					t.Errorf("%s %s: %d, summary %q", l, c.name, resp.StatusCode, sum)
				}
			}
			// The change page's schedule form of a draft, with a time in
			// another form.
			_, doc := b.get("/office/forums/" + id)
			if resp, _ := b.post("/office/forums/"+id, formValues(t, doc, "form.forum-form")); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("save the forum: %d", resp.StatusCode)
			}
			version := strconv.Itoa(draftOf(t, db, approval.KindForum, demoForumID(t, db)).Version)
			resp, doc := b.post("/office/approvals/forum/"+id+"/schedule", url.Values{"version": {version}, "publish_at": {"soon"}})
			if sum := doc.Find(".error-summary p").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(sum, "1") {
				t.Errorf("%s schedule: %d, summary %q", l, resp.StatusCode, sum)
			}
			// A news post without a title.
			_, doc = b.get("/office/news/new")
			v := formValues(t, doc, "form")
			resp, body := b.do("POST", "/office/news/new", v)
			if sum := parse(t, body).Find(".error-summary p").Text(); resp.StatusCode != http.StatusUnprocessableEntity || sum == "" {
				t.Errorf("%s news: %d, summary %q", l, resp.StatusCode, sum)
			}
		}
	})
}

// TestOfficeApprovalPublicReads: the change page shows what the public
// will read: a translation marked draft, in words; the original language
// by name; a time as a whole value.
func TestOfficeApprovalPublicReads(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		ctx := t.Context()
		err := db.Transact(ctx, func(tx *store.Tx) error {
			d, err := approval.Load(ctx, tx, fx.subj)
			if err != nil {
				return err
			}
			f := d.Content.(*forum.Forum)
			f.Title = f.Title.Draft("zh", f.Title.Values["zh"])
			f.Theme.Source = "ru"
			f.StartsAt = f.StartsAt.Add(time.Hour)
			_, err = approval.Save(ctx, tx, fx.subj, f, actorOf(fx.cass))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, doc := fx.signIn(fx.riac).get(fx.path(""))
		type change struct{ before, after, beforeState, afterState string }
		changes := map[string]change{}
		doc.Find("section.change").Each(func(_ int, s *goquery.Selection) {
			s.Find(".visually-hidden").Remove()
			cols := s.Find(".change-col")
			text := func(sel *goquery.Selection) string { return strings.Join(strings.Fields(sel.Text()), " ") }
			changes[text(s.Find("h3"))] = change{
				before: text(cols.First().Find(".diff")), after: text(cols.Last().Find(".diff")),
				beforeState: text(cols.First().Find(".change-state")), afterState: text(cols.Last().Find(".change-state")),
			}
			if h := text(s.Find("h3")); h == "Начало" {
				if s.Find("del").Length() != 1 || s.Find("ins").Length() != 1 || !strings.Contains(s.Find("del").Text(), ":") || !strings.Contains(s.Find("ins").Text(), ":") {
					t.Errorf("the start is not shown as whole times: del %q, ins %q", s.Find("del").Text(), s.Find("ins").Text())
				}
			}
		})
		title, ok := changes["Название · китайский"]
		if !ok || !strings.Contains(title.beforeState, "Показывается") || !strings.Contains(title.afterState, "Черновик") {
			t.Errorf("title marked draft: %+v (changes %v)", title, changes)
		}
		src, ok := changes["Тема › Язык оригинала"]
		if !ok || src.before != "китайский" && src.before != "английский" || src.after != "русский" {
			t.Errorf("theme's original language: %+v (changes %v)", src, changes)
		}
		if _, ok := changes["Начало"]; !ok {
			t.Errorf("no change of the start: %v", changes)
		}
	})
}
