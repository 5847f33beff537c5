package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

// TestOfficeWorks carries a collection from its form to an author's
// acceptance: the collection and contribution forms with their bad input
// (missing title in the original language, unknown person, stale form),
// the order by buttons and by a dragged order, an invitation with a bad
// address and a good one, whose mail names the contribution and the
// deadline in the forum's zone, the acceptance that makes the author's
// account, what that author may see and change, the links used twice,
// revoked or unknown, and the reminders.
func TestOfficeWorks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		ctx := context.Background()
		o.account("editor@works.example", "Works Editor", "en", false, "cass:editor")
		o.account("translator@works.example", "Works Translator", "en", false, "cass:translator")
		ed := o.browser()
		ed.signIn("editor@works.example")
		var forumID int64
		var zone string
		if err := db.QueryRow(ctx, `SELECT id, time_zone FROM forums WHERE slug = ?`, "treaty-20-forum").Scan(&forumID, &zone); err != nil {
			t.Fatal(err)
		}
		fid := itoaTest(forumID)

		// The list shows the demo's collection and a way to add one.
		resp, doc := ed.get("/office/collections")
		if resp.StatusCode != 200 || doc.Find(`a[href="/office/collections/new?forum=`+fid+`"]`).Length() != 1 {
			t.Fatalf("collections: %d, new link %d", resp.StatusCode, doc.Find(`a[href^="/office/collections/new"]`).Length())
		}

		deadline := time.Now().Add(30 * 24 * time.Hour).Truncate(time.Minute)
		loc, _ := time.LoadLocation(zone)
		coll := url.Values{"forum": {fid}, "slug": {"essays"}, "title.ru": {"Сборник эссе"}, "title.src": {"ru"},
			"languages": {"zh", "ru"}, "release": {"2031-07-16T10:00"}, "deadline": {deadline.In(loc).Format("2006-01-02T15:04")}}
		// A missing title comes back with what was typed.
		bad := cloneValues(coll)
		bad.Del("title.ru")
		resp, doc = ed.post("/office/collections/new", bad)
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`input[name="slug"]`).AttrOr("value", "") != "essays" || doc.Find(".error-summary").Length() != 1 {
			t.Fatalf("collection without a title: %d", resp.StatusCode)
		}
		resp, _ = ed.post("/office/collections/new", coll)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create collection: %d", resp.StatusCode)
		}
		collPath := resp.Header.Get("Location")
		collID := mustInt(t, strings.TrimPrefix(collPath, "/office/collections/"))

		// A form loaded before another save is refused, what was typed kept.
		_, doc = ed.get(collPath + "/edit")
		if doc.Find(`input[name="deadline"]`).AttrOr("value", "") != deadline.In(loc).Format("2006-01-02T15:04") {
			t.Errorf("the deadline is not shown in the forum's zone %s: %q", zone, doc.Find(`input[name="deadline"]`).AttrOr("value", ""))
		}
		edit := cloneValues(coll)
		edit.Set("version", "1")
		edit.Set("title.zh", "《睦邻友好合作条约》二十年文集")
		edit["title.done"] = []string{"ru", "zh"}
		if resp, _ := ed.post(collPath+"/edit", edit); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save collection: %d", resp.StatusCode)
		}
		edit.Set("title.ru", "Опоздавшая правка")
		resp, doc = ed.post(collPath+"/edit", edit)
		if resp.StatusCode != http.StatusConflict || doc.Find(`input[name="title.ru"]`).AttrOr("value", "") != "Опоздавшая правка" || doc.Find("#form-message").Length() != 1 {
			t.Fatalf("stale collection form: %d", resp.StatusCode)
		}

		// Contributions: the title in the original language is required,
		// and an author must be a known person.
		newPath := collPath + "/contributions/new"
		contrib := url.Values{"lang": {"ru"}, "title.ru": {"О договоре"}, "title.src": {"ru"}, "newauthor.family": {"Демонстрационный"},
			"newauthor.given": {"Автор"}, "newauthor.lang": {"ru"}}
		noTitle := cloneValues(contrib)
		noTitle.Del("title.ru")
		noTitle.Set("title.zh", "关于条约")
		noTitle.Set("title.src", "zh")
		resp, doc = ed.post(newPath, noTitle)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".error-summary").Text(), "original language") ||
			doc.Find(`input[name="title.zh"]`).AttrOr("value", "") != "关于条约" {
			t.Fatalf("contribution without a title in its original language: %d %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		unknown := cloneValues(contrib)
		unknown.Set("author", "999999")
		resp, doc = ed.post(newPath, unknown)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".error-summary").Text(), "not in the list of people") {
			t.Fatalf("contribution by an unknown person: %d", resp.StatusCode)
		}
		// Staff is for the target languages alone: the form hides the
		// original's (the script follows a change of the language), and
		// staff posted for it is refused with a message, not dropped.
		_, doc = ed.get(newPath)
		if zh, ru := doc.Find(`fieldset.staff-lang[data-lang="zh"]`), doc.Find(`fieldset.staff-lang[data-lang="ru"]`); zh.AttrOr("disabled", "-") == "-" ||
			zh.AttrOr("hidden", "-") == "-" || ru.AttrOr("disabled", "-") != "-" || doc.Find(`script[src*="contribution_form"]`).Length() != 1 {
			t.Errorf("new form with zh original: zh staff hidden %q disabled %q, ru disabled %q", zh.AttrOr("hidden", "-"), zh.AttrOr("disabled", "-"), ru.AttrOr("disabled", "-"))
		}
		translator := doc.Find(`input[name="translator.ru"]`).First().AttrOr("value", "")
		if translator == "" {
			t.Fatal("no translator offered for Russian")
		}
		staffed := cloneValues(contrib)
		staffed.Set("translator.ru", translator)
		resp, doc = ed.post(newPath, staffed)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".error-summary").Text(), "Russian is now the original language") ||
			byID(doc, "title.ru").AttrOr("value", "") != "О договоре" {
			t.Fatalf("staff for the original language: %d %q", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		if doc.Find(`fieldset.staff-lang[data-lang="ru"]`).AttrOr("disabled", "-") == "-" {
			t.Error("the form shown again offers staff for the original language")
		}
		// The title's original is the contribution's original language,
		// whichever radio was left on.
		leftOn := cloneValues(contrib)
		leftOn.Set("title.src", "zh")
		resp, _ = ed.post(newPath, leftOn)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("create contribution: %d", resp.StatusCode)
		}
		firstPath := resp.Header.Get("Location")
		if c, _ := works.GetContribution(ctx, db, mustInt(t, strings.TrimPrefix(firstPath, "/office/contributions/"))); c.Title.Source != "ru" {
			t.Errorf("title's original %q, want ru", c.Title.Source)
		}
		second := cloneValues(contrib)
		second.Set("title.ru", "Вторая статья")
		second.Set("newauthor.family", "Второй")
		resp, _ = ed.post(newPath, second)
		secondPath := resp.Header.Get("Location")
		firstID, secondID := strings.TrimPrefix(firstPath, "/office/contributions/"), strings.TrimPrefix(secondPath, "/office/contributions/")

		// Order: the second moves up with its button; an order that does
		// not name the collection's contributions is refused.
		if resp, _ := ed.post(collPath+"/order", url.Values{"move": {secondID + ":up"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("move up: %d", resp.StatusCode)
		}
		_, doc = ed.get(collPath)
		if got := doc.Find("tbody tr").First().AttrOr("data-id", ""); got != secondID {
			t.Errorf("after moving up, first row %s, want %s", got, secondID)
		}
		if resp, _ := ed.post(collPath+"/order", url.Values{"order": {firstID}}); resp.StatusCode != http.StatusConflict {
			t.Errorf("an order missing a contribution: %d, want 409", resp.StatusCode)
		}
		if resp, _ := ed.post(collPath+"/order", url.Values{"order": {firstID + "," + secondID}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("dragged order: %d", resp.StatusCode)
		}
		_, doc = ed.get(collPath)
		if got := doc.Find("tbody tr").First().AttrOr("data-id", ""); got != firstID {
			t.Errorf("after the dragged order, first row %s, want %s", got, firstID)
		}

		// Keywords are joined as their own language writes a list, on the
		// contribution's page and in its form, whatever the reader's.
		_, doc = ed.get(secondPath + "/edit")
		kw := formValues(t, doc, "form.content-form")
		kw.Set("keywords.zh", "条约, 边界，睦邻")
		kw.Set("keywords.ru", "договор; граница")
		if resp, _ := ed.post(secondPath+"/edit", kw); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save keywords: %d", resp.StatusCode)
		}
		_, doc = ed.get(secondPath)
		for l, want := range map[string]string{"zh": "条约、边界、睦邻", "ru": "договор, граница"} {
			if got := doc.Find(`.contribution-text[lang="` + l + `"] .keywords`).Text(); got != want {
				t.Errorf("%s keywords shown as %q, want %q", l, got, want)
			}
		}
		_, doc = ed.get(secondPath + "/edit")
		if got := byID(doc, "keywords.zh").AttrOr("value", ""); got != "条约、边界、睦邻" {
			t.Errorf("zh keywords in the form: %q", got)
		}

		// Invitations: a bad address comes back; a good one is mailed in
		// the invitee's language with the deadline in the forum's zone.
		_, doc = ed.get(firstPath)
		person := doc.Find(`select[name="person"] option`).First().AttrOr("value", "")
		_, doc = ed.get(secondPath)
		person2 := doc.Find(`select[name="person"] option`).First().AttrOr("value", "")
		resp, doc = ed.post(firstPath+"/invitations", url.Values{"person": {person}, "email": {"not an address"}, "lang": {"ru"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`input[name="email"]`).AttrOr("value", "") != "not an address" {
			t.Fatalf("invitation to a bad address: %d", resp.StatusCode)
		}
		resp, _ = ed.post(firstPath+"/invitations", url.Values{"person": {person}, "email": {"author@works.example"}, "lang": {"ru"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite: %d", resp.StatusCode)
		}
		msgs := mailTo(queuedMail(t, db), "author@works.example")
		if len(msgs) != 1 {
			t.Fatalf("invitation mails: %d", len(msgs))
		}
		m := msgs[0]
		if m.Lang != "ru" || !strings.Contains(m.Text, "О договоре") || !strings.Contains(m.Text, zone) || !strings.Contains(m.Text, "/decline") {
			t.Errorf("invitation mail:\n%s", m.Text)
		}
		token := regexp.MustCompile(`/office/contribute/([A-Za-z0-9_-]+)\?`).FindStringSubmatch(m.Text)
		if token == nil {
			t.Fatalf("no link in the mail:\n%s", m.Text)
		}
		// Reminders were scheduled a week and a day before the deadline.
		var reminders int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = ?`, works.ReminderArgs{}.Kind()).Scan(&reminders); err != nil || reminders != 2 {
			t.Errorf("reminders scheduled: %d, %v; want 2", reminders, err)
		}

		// In Chinese, the collection's title goes in book-title marks, the
		// treaty's title it quotes in the inner ones.
		zh := o.browser()
		if _, doc = zh.get("/office/contribute/" + token[1] + "?lang=zh"); doc.Find("h1").Text() != "《〈睦邻友好合作条约〉二十年文集》撰稿邀请" {
			t.Errorf("Chinese invitation heading %q", doc.Find("h1").Text())
		}

		// Another account signed in holding the link is not the invitee:
		// it is told to sign out, and accepting is refused without
		// linking it to the author.
		other := o.browser()
		other.signIn("translator@works.example")
		resp, doc = other.get("/office/contribute/" + token[1])
		if resp.StatusCode != 200 || !strings.Contains(doc.Find(".refusal").Text(), "author@works.example") ||
			doc.Find(`form[action="/office/signout"] button`).Length() < 2 || doc.Find(".accept-form").Length() != 0 {
			t.Errorf("invitation page for another account: %d, refusal %q, accept forms %d", resp.StatusCode, doc.Find(".refusal").Text(), doc.Find(".accept-form").Length())
		}
		resp, doc = other.post("/office/contribute/"+token[1], url.Values{})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(doc.Find(".refusal").Text(), "Sign out first") {
			t.Errorf("acceptance by another account: %d %q, want 403 saying to sign out", resp.StatusCode, doc.Find(".refusal").Text())
		}
		if c, _ := works.GetContribution(ctx, db, mustInt(t, firstID)); c.State != works.Invited {
			t.Errorf("after another account's attempt the contribution is %s", c.State)
		}
		var linked int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM person_accounts pa JOIN accounts a ON a.id = pa.account_id WHERE a.email = ?`, "translator@works.example").Scan(&linked); err != nil || linked != 0 {
			t.Errorf("another account linked to %d people (%v)", linked, err)
		}

		// The author accepts as a visitor and gets an account.
		au := o.browser()
		resp, doc = au.get("/office/contribute/" + token[1])
		if resp.StatusCode != 200 || !strings.Contains(doc.Find(".contribution-title").Text(), "О договоре") {
			t.Fatalf("invitation page: %d", resp.StatusCode)
		}
		resp, doc = au.post("/office/contribute/"+token[1], url.Values{"name": {"Demo Author"}, "password": {testPassword}, "password2": {"other"}, "lang": {"en"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || doc.Find(`input[name="name"]`).AttrOr("value", "") != "Demo Author" {
			t.Fatalf("acceptance with mismatched passwords: %d", resp.StatusCode)
		}
		resp, _ = au.post("/office/contribute/"+token[1], url.Values{"name": {"Demo Author"}, "password": {testPassword}, "password2": {testPassword}, "lang": {"en"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != firstPath {
			t.Fatalf("accept: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		c, err := works.GetContribution(ctx, db, mustInt(t, firstID))
		if err != nil || c.State != works.Accepted {
			t.Fatalf("after acceptance: %v, %v", c, err)
		}
		if len(mailTo(queuedMail(t, db), "editor@works.example")) != 1 {
			t.Errorf("the inviter was not told of the acceptance")
		}
		// Used twice, unknown: the link says why it no longer works.
		for tok, want := range map[string]string{token[1]: "already been answered", "nosuchtoken": "not known"} {
			resp, body := au.do("GET", "/office/contribute/"+tok, nil)
			if resp.StatusCode != http.StatusGone || !strings.Contains(body, want) {
				t.Errorf("link %s: %d, want 410 saying %q", tok, resp.StatusCode, want)
			}
		}

		// The author sees their contribution on the dashboard and may edit
		// its texts, but not see another's or the collection.
		_, doc = au.get("/office/")
		if !strings.Contains(doc.Find(".my-contributions").Text(), "О договоре") {
			t.Errorf("dashboard without My contributions: %q", doc.Find("main").Text())
		}
		for path, want := range map[string]int{firstPath: 200, firstPath + "/edit": 200, secondPath: 404, secondPath + "/edit": 404, collPath: 404} {
			if resp, _ := au.get(path); resp.StatusCode != want {
				t.Errorf("author GET %s: %d, want %d", path, resp.StatusCode, want)
			}
		}
		if resp, _ := au.post(secondPath+"/edit", url.Values{"version": {"1"}, "title.ru": {"Чужая"}, "title.src": {"ru"}}); resp.StatusCode != 404 {
			t.Errorf("author edits another's contribution: %d, want 404", resp.StatusCode)
		}
		resp, _ = au.post(firstPath+"/edit", url.Values{"version": {itoaTest(int64(c.Version))}, "title.ru": {"О договоре 2001 года"}, "title.src": {"ru"}, "lang": {"zh"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("author edits own: %d", resp.StatusCode)
		}
		if c, _ = works.GetContribution(ctx, db, c.ID); c.Title.Values["ru"] != "О договоре 2001 года" || c.Lang != "ru" {
			t.Errorf("after the author's edit: title %q, lang %q (the author may not change the language)", c.Title.Values["ru"], c.Lang)
		}

		// The author sees their own person, read-only, and no list of
		// people nor anyone else's form.
		if _, doc = au.get("/office/"); doc.Find(`.office-nav a[href="/office/people"]`).Length() != 0 {
			t.Error("the author's menu offers the list of people")
		}
		for path, want := range map[string]int{"/office/people": 404, "/office/people/" + person: 200, "/office/people/" + person2: 404} {
			if resp, _ := au.get(path); resp.StatusCode != want {
				t.Errorf("author GET %s: %d, want %d", path, resp.StatusCode, want)
			}
		}
		if _, doc = au.get("/office/people/" + person); doc.Find(`main button[type="submit"]`).Length() != 0 || doc.Find(`main a[href="/office/people"]`).Length() != 0 {
			t.Errorf("the author's own person: %d save buttons, %d links to the list", doc.Find(`main button[type="submit"]`).Length(), doc.Find(`main a[href="/office/people"]`).Length())
		}
		if resp, _ := au.post("/office/people/"+person2, url.Values{"version": {"1"}}); resp.StatusCode != 404 {
			t.Errorf("author saves another person: %d, want 404", resp.StatusCode)
		}

		// A translator reads but does not edit.
		tr := o.browser()
		tr.signIn("translator@works.example")
		if resp, _ := tr.get(firstPath); resp.StatusCode != 200 {
			t.Errorf("translator reads: %d", resp.StatusCode)
		}
		if resp, _ := tr.post(firstPath+"/edit", url.Values{"version": {"9"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("translator edits: %d, want 403", resp.StatusCode)
		}

		// Revoked: the link says so, and its reminders send nothing.
		if resp, _ := ed.post(secondPath+"/invitations", url.Values{"person": {person2}, "email": {"second@works.example"}, "lang": {"en"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite second: %d", resp.StatusCode)
		}
		m2 := mailTo(queuedMail(t, db), "second@works.example")
		tok2 := regexp.MustCompile(`/office/contribute/([A-Za-z0-9_-]+)\?`).FindStringSubmatch(m2[0].Text)[1]
		invs, err := works.Invitations(ctx, db, mustInt(t, secondID))
		if err != nil || len(invs) != 1 {
			t.Fatal(invs, err)
		}
		args := works.ReminderArgs{InvitationID: invs[0].ID, Deadline: deadline.UTC(), Lead: 24 * time.Hour}
		if err := o.web.SendReminder(ctx, args); err != nil {
			t.Fatal(err)
		}
		if n := len(mailTo(queuedMail(t, db), "second@works.example")); n != 2 {
			t.Errorf("after a due reminder, %d mails, want 2", n)
		}
		if resp, _ := ed.post(secondPath+"/invitations/"+itoaTest(invs[0].ID)+"/revoke", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", resp.StatusCode)
		}
		if err := o.web.SendReminder(ctx, args); err != nil {
			t.Fatal(err)
		}
		if n := len(mailTo(queuedMail(t, db), "second@works.example")); n != 2 {
			t.Errorf("a revoked invitation was reminded: %d mails", n)
		}
		_ = tok2
		// The reminder's resend replaced the first link: the newest one
		// is revoked now.
		m2 = mailTo(queuedMail(t, db), "second@works.example")
		tok3 := regexp.MustCompile(`/office/contribute/([A-Za-z0-9_-]+)\?`).FindStringSubmatch(m2[1].Text)[1]
		if resp, body := au.do("GET", "/office/contribute/"+tok3, nil); resp.StatusCode != http.StatusGone || !strings.Contains(body, "withdrawn") {
			t.Errorf("revoked link: %d", resp.StatusCode)
		}

		// A deadline past refuses a new invitation, with the reason.
		if _, err := db.Exec(ctx, `UPDATE collections SET deadline = ? WHERE id = ?`, time.Now().Add(-time.Hour).UTC(), collID); err != nil {
			t.Fatal(err)
		}
		resp, doc = ed.post(secondPath+"/invitations", url.Values{"person": {person2}, "email": {"second@works.example"}, "lang": {"en"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".field-error").Text(), "has passed") {
			t.Errorf("invitation after the deadline: %d %q", resp.StatusCode, doc.Find(".field-error").Text())
		}
	})
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}

func itoaTest(n int64) string { return strconv.FormatInt(n, 10) }
