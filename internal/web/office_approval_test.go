package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// approvalFixture is the demo forum with an organiser of each host, a
// reviewer of the second host and an organiser of a third partner that
// hosts nothing.
type approvalFixture struct {
	o                     *office
	forumID               int64
	subj                  approval.Subject
	cass, riac, rev, acme *account.Account
	oldTheme              string // the Russian theme the public sees
}

func newApprovalFixture(t *testing.T, db *store.DB) *approvalFixture {
	t.Helper()
	o := newOffice(t, db)
	ctx := context.Background()
	third := &forum.Partner{Slug: "acme", Name: lang.New("en", map[string]string{"en": "Acme Institute"}),
		ShortName: lang.New("en", map[string]string{"en": "Acme"}), Country: "GB"}
	if err := forum.AddPartner(ctx, db, third); err != nil {
		t.Fatal(err)
	}
	fx := &approvalFixture{
		o:    o,
		cass: o.account("li@cass.example", "李明", "zh", false, "cass:organiser"),
		riac: o.account("ivanov@riac.example", "Иван Иванов", "ru", false, "riac:organiser"),
		rev:  o.account("petrova@riac.example", "Анна Петрова", "ru", false, "riac:reviewer"),
		acme: o.account("smith@acme.example", "John Smith", "en", false, "acme:organiser"),
	}
	if err := db.QueryRow(ctx, `SELECT id FROM forums WHERE slug = ?`, demo.ForumSlug).Scan(&fx.forumID); err != nil {
		t.Fatal(err)
	}
	fx.subj = approval.Subject{Kind: approval.KindForum, ID: fx.forumID}
	d, err := approval.Load(ctx, db, fx.subj)
	if err != nil {
		t.Fatal(err)
	}
	fx.oldTheme = d.Content.(*forum.Forum).Theme.Values["ru"]
	if fx.oldTheme == "" {
		t.Fatal("the demo forum has no Russian theme")
	}
	return fx
}

// actor is a as the workflow knows it.
func actorOf(a *account.Account) approval.Actor {
	act := approval.Actor{AccountID: a.ID, Name: a.Name}
	for _, m := range a.Memberships {
		if m.Role == account.Organiser {
			act.PartnerIDs = append(act.PartnerIDs, m.PartnerID)
		}
	}
	return act
}

// saveTheme saves, as a, a draft of the forum whose theme in l is text
// (empty: the language removed), and returns the draft's version.
func (fx *approvalFixture) saveTheme(t *testing.T, a *account.Account, l, text string) int {
	t.Helper()
	ctx := context.Background()
	var version int
	err := fx.o.db.Transact(ctx, func(tx *store.Tx) error {
		d, err := approval.Load(ctx, tx, fx.subj)
		if err != nil {
			return err
		}
		f := d.Content.(*forum.Forum)
		if text == "" {
			f.Theme = lang.New(f.Theme.Source, without(f.Theme.Values, l))
			f.Theme.Done = nil
			for _, x := range f.Languages {
				if x != f.Theme.Source && x != l {
					f.Theme.Done = append(f.Theme.Done, x)
				}
			}
		} else {
			f.Theme.Values[l] = text
		}
		saved, err := approval.Save(ctx, tx, fx.subj, f, actorOf(a))
		if saved != nil {
			version = saved.Version
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return version
}

func without(m map[string]string, k string) map[string]string {
	out := map[string]string{}
	for x, v := range m {
		if x != k {
			out[x] = v
		}
	}
	return out
}

func (fx *approvalFixture) path(step string) string {
	p := "/office/approvals/forum/" + strconv.FormatInt(fx.forumID, 10)
	if step != "" {
		p += "/" + step
	}
	return p
}

func (fx *approvalFixture) signIn(a *account.Account) *browser {
	b := fx.o.browser()
	b.signIn(a.Email)
	return b
}

// publicTheme returns the forum's Russian public page's text.
func (fx *approvalFixture) publicPage(t *testing.T) string {
	t.Helper()
	resp, body := fx.o.browser().do("GET", "/ru/forums/"+demo.ForumSlug, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("public forum page: %d", resp.StatusCode)
	}
	return body
}

// queuedMail returns the messages queued for sending.
func queuedMail(t *testing.T, db *store.DB) []mail.Message {
	t.Helper()
	args := "args::text"
	if db.Dialect() == store.SQLite {
		args = "json(args)" // River keeps it as JSONB there
	}
	rows, err := store.All(context.Background(), db, func(sc store.Scanner) (string, error) {
		var s string
		return s, sc.Scan(&s)
	}, `SELECT `+args+` FROM river_job WHERE kind = 'mail.send' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	var out []mail.Message
	for _, r := range rows {
		var a mail.SendArgs
		if err := json.Unmarshal([]byte(r), &a); err != nil {
			t.Fatal(err)
		}
		out = append(out, a.Message)
	}
	return out
}

func mailTo(msgs []mail.Message, email string) []mail.Message {
	var out []mail.Message
	for _, m := range msgs {
		if m.To.Email == email {
			out = append(out, m)
		}
	}
	return out
}

func TestOfficeApprovalTwoHosts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		ctx := context.Background()
		words := strings.Fields(fx.oldTheme)
		oldWord := words[0]
		words[0] = "Обновлённая"
		newTheme := strings.Join(words, " ")

		// A CASS organiser, in the Chinese UI, edits the Russian theme and
		// asks to publish.
		v := fx.saveTheme(t, fx.cass, "ru", newTheme)
		cass := fx.signIn(fx.cass)
		resp, _ := cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v)}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != fx.path("") {
			t.Fatalf("submit: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}

		// Each RIAC organiser is told by mail, in Russian, with a link to
		// the change; CASS's organiser, who asked, is not.
		msgs := queuedMail(t, db)
		toRIAC := mailTo(msgs, fx.riac.Email)
		if len(toRIAC) != 1 || toRIAC[0].Lang != "ru" || !strings.Contains(toRIAC[0].Text, fx.o.srv.URL+fx.path("")) ||
			!strings.Contains(toRIAC[0].Subject, "одобрение") {
			t.Fatalf("mail to the RIAC organiser: %+v", toRIAC)
		}
		if len(mailTo(msgs, fx.cass.Email)) != 0 || len(mailTo(msgs, fx.rev.Email)) != 0 {
			t.Errorf("mail on submit went to the submitter or a reviewer: %+v", msgs)
		}

		// The RIAC organiser, in the Russian UI, sees it on the dashboard
		// and in the approvals list.
		riac := fx.signIn(fx.riac)
		_, doc := riac.get("/office/")
		if doc.Find(`a[href="`+fx.path("")+`"]`).Length() == 0 {
			t.Fatalf("the RIAC dashboard does not lead to the change: %s", text(doc, "main"))
		}
		_, doc = riac.get("/office/approvals")
		if doc.Find(`#list-awaiting a[href="`+fx.path("")+`"]`).Length() != 1 {
			t.Errorf("the approvals list does not show the change as awaiting RIAC: %s", text(doc, "main"))
		}
		_, doc = cass.get("/office/approvals")
		if doc.Find(`#list-submitted a[href="`+fx.path("")+`"]`).Length() != 1 {
			t.Errorf("the approvals list does not show the submitter what they asked for: %s", text(doc, "main"))
		}

		// The change page: the Russian theme's old and new text, marked.
		resp, doc = riac.get(fx.path(""))
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("change page: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		var theme *goquery.Selection
		doc.Find("section.change").Each(func(_ int, s *goquery.Selection) {
			if h := text(goquery.NewDocumentFromNode(s.Nodes[0]), "h3"); strings.Contains(h, "Тема") && strings.Contains(h, "русский") {
				theme = s
			}
		})
		if theme == nil {
			t.Fatalf("no change of the Russian theme on the page: %s", text(doc, "main"))
		}
		if del := theme.Find("del").Text(); !strings.Contains(del, oldWord) {
			t.Errorf("deleted text %q, want %q in it", del, oldWord)
		}
		if ins := theme.Find("ins").Text(); !strings.Contains(ins, "Обновлённая") {
			t.Errorf("inserted text %q, want the new word in it", ins)
		}
		if theme.Find("del .visually-hidden").Length() == 0 || theme.Find("ins .visually-hidden").Length() == 0 {
			t.Error("insertions and deletions are marked for the eye only")
		}
		if !strings.Contains(text(doc, ".change-facts"), "李明") {
			t.Errorf("the page does not say who asked: %q", text(doc, ".change-facts"))
		}
		approvers := text(doc, ".approvers")
		if !strings.Contains(approvers, "Российский совет по международным делам") && !strings.Contains(approvers, "РСМД") {
			t.Errorf("approvers not named by partner: %q", approvers)
		}
		if doc.Find(`form[action="`+fx.path("approve")+`"]`).Length() != 1 || doc.Find(`form[action="`+fx.path("return")+`"] textarea#comment`).Length() != 1 {
			t.Fatal("the RIAC organiser gets no approve and return forms")
		}

		// A reviewer of RIAC sees the page without the forms, and may not
		// approve; someone of a third partner does not see it at all.
		rev := fx.signIn(fx.rev)
		resp, doc = rev.get(fx.path(""))
		if resp.StatusCode != 200 || doc.Find(`form[action="`+fx.path("approve")+`"]`).Length() != 0 {
			t.Errorf("reviewer: %d, approve forms %d", resp.StatusCode, doc.Find(`form[action="`+fx.path("approve")+`"]`).Length())
		}
		if resp, _ = rev.post(fx.path("approve"), url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reviewer approves: %d, want 403", resp.StatusCode)
		}
		acme := fx.signIn(fx.acme)
		for _, c := range []struct{ method, path string }{
			{"GET", fx.path("")}, {"POST", fx.path("approve")}, {"POST", fx.path("return")},
			{"GET", "/office/preview/forum/" + strconv.FormatInt(fx.forumID, 10)},
		} {
			if resp, _ := acme.do(c.method, c.path, url.Values{"version": {strconv.Itoa(v)}, "comment": {"x"}}); resp.StatusCode != http.StatusNotFound {
				t.Errorf("third partner %s %s: %d, want 404", c.method, c.path, resp.StatusCode)
			}
		}

		// The preview shows the draft, marked and not for robots, while
		// the public page still shows what was approved.
		resp, doc = riac.get("/office/preview/forum/" + strconv.FormatInt(fx.forumID, 10) + "/ru")
		if resp.StatusCode != 200 {
			t.Fatalf("preview: %d", resp.StatusCode)
		}
		if resp.Header.Get("Cache-Control") != "no-store" || doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 || doc.Find(".preview-banner").Length() != 1 {
			t.Errorf("preview: Cache-Control %q, noindex %d, banner %d", resp.Header.Get("Cache-Control"),
				doc.Find(`meta[name=robots][content=noindex]`).Length(), doc.Find(".preview-banner").Length())
		}
		if !strings.Contains(text(doc, "main"), "Обновлённая") {
			t.Errorf("the preview does not show the draft: %s", text(doc, "main"))
		}
		if lock := resp.Header.Get("Server-Timing"); lock == "" {
			t.Error("the preview does not say how long it held its transaction")
		} else {
			t.Logf("preview %s", lock)
		}
		if pub := fx.publicPage(t); strings.Contains(pub, "Обновлённая") || !strings.Contains(pub, oldWord) {
			t.Error("the public page shows the draft while it is previewed")
		}

		// A save after the submission re-opens it: approving the old
		// version is a conflict.
		v2 := fx.saveTheme(t, fx.cass, "ru", newTheme+" 2")
		resp, doc = riac.post(fx.path("approve"), url.Values{"version": {strconv.Itoa(v)}})
		if resp.StatusCode != http.StatusConflict {
			t.Fatalf("approve a version saved over: %d, want 409", resp.StatusCode)
		}
		if doc.Find(`main a[href="`+fx.path("")+`"]`).Length() != 1 {
			t.Error("the refusal of a stale approval leads nowhere back to the change")
		}
		if resp, _ = cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusConflict {
			t.Errorf("submit an old version: %d, want 409", resp.StatusCode)
		}
		if resp, _ = cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v2)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit again: %d", resp.StatusCode)
		}
		if resp, _ = riac.post(fx.path("approve"), url.Values{"version": {strconv.Itoa(v2)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", resp.StatusCode)
		}
		if pub := fx.publicPage(t); !strings.Contains(pub, "Обновлённая") {
			t.Error("the public page does not show the approved theme")
		}
		if m := mailTo(queuedMail(t, db), fx.cass.Email); len(m) != 1 || m[0].Lang != "zh" || !strings.Contains(m[0].Subject, "已发布") {
			t.Errorf("mail to the submitter on publication: %+v", m)
		}
		events, err := eventlog.List(ctx, db, eventlog.Filter{Subject: fx.subj.String()})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, e := range events {
			seen[e.Action] = true
		}
		for _, a := range []string{"approval.submit", "approval.approve", "approval.publish"} {
			if !seen[a] {
				t.Errorf("the event log has no %s: %v", a, seen)
			}
		}
		_, doc = riac.get("/office/approvals")
		if doc.Find(`#list-published a[href="`+fx.path("")+`"]`).Length() != 1 {
			t.Errorf("the publication is not among those recently published: %s", text(doc, "#list-published"))
		}
	})
}

func TestOfficeApprovalReturn(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		v := fx.saveTheme(t, fx.cass, "ru", "Новая тема")
		cass, riac := fx.signIn(fx.cass), fx.signIn(fx.riac)
		if resp, _ := cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d", resp.StatusCode)
		}
		for _, comment := range []string{"", "   "} {
			resp, doc := riac.post(fx.path("return"), url.Values{"version": {strconv.Itoa(v)}, "comment": {comment}})
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("return with comment %q: %d, want 422", comment, resp.StatusCode)
			}
			if msg := text(doc, "#comment-error"); msg != "Заполните это поле." {
				t.Errorf("message at the comment: %q", msg)
			}
			if doc.Find(`#comment[aria-invalid=true]`).Length() != 1 || doc.Find(`.error-summary a[href="#comment"]`).Length() != 1 {
				t.Error("the comment field is not marked invalid or not in the summary")
			}
		}
		comment := `Уточните формулировку <script>alert(1)</script>`
		if resp, _ := riac.post(fx.path("return"), url.Values{"version": {strconv.Itoa(v)}, "comment": {comment}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("return: %d", resp.StatusCode)
		}
		_, body := cass.do("GET", "/office/", nil)
		if !strings.Contains(body, "Уточните формулировку &lt;script&gt;") || strings.Contains(body, "<script>alert") {
			t.Errorf("the submitter's dashboard does not show the comment, escaped")
		}
		m := mailTo(queuedMail(t, db), fx.cass.Email)
		if len(m) != 1 || !strings.Contains(m[0].Text, comment) || m[0].Lang != "zh" {
			t.Errorf("mail to the submitter on return: %+v", m)
		}
		// A returned draft can be asked for again.
		if resp, _ := cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("submit after return: %d", resp.StatusCode)
		}
	})
}

func TestOfficeApprovalMissingLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		d, err := approval.Load(context.Background(), db, fx.subj)
		if err != nil {
			t.Fatal(err)
		}
		f := d.Content.(*forum.Forum)
		var gone string // a language the forum promises, not the theme's source
		for _, l := range f.Languages {
			if l != f.Theme.Source {
				gone = l
			}
		}
		v := fx.saveTheme(t, fx.cass, gone, "")
		cass := fx.signIn(fx.cass)
		resp, doc := cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v)}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("submit without English theme: %d, want 422", resp.StatusCode)
		}
		langName := map[string]string{"zh": "中文", "ru": "俄", "en": "英"}[gone]
		link := doc.Find(`.missing a[href="/office/forums/` + strconv.FormatInt(fx.forumID, 10) + `#theme.` + gone + `"]`)
		if link.Length() != 1 || !strings.Contains(link.Text(), "主题") || !strings.Contains(link.Text(), langName) {
			t.Errorf("the missing language is not listed in words with a link: %s", text(doc, "main"))
		}
		for _, bad := range []string{"", "x", "0"} {
			if resp, _ := cass.post(fx.path("submit"), url.Values{"version": {bad}}); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("submit with version %q: %d, want 400", bad, resp.StatusCode)
			}
		}
	})
}

func TestOfficeApprovalXSS(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		attack := `"><img src=x onerror=alert(1)><script>alert(2)</script>`
		fx.saveTheme(t, fx.cass, "ru", attack)
		riac := fx.signIn(fx.riac)
		for _, p := range []string{fx.path(""), "/office/preview/forum/" + strconv.FormatInt(fx.forumID, 10) + "/ru"} {
			resp, body := riac.do("GET", p, nil)
			if resp.StatusCode != 200 {
				t.Fatalf("%s: %d", p, resp.StatusCode)
			}
			if strings.Contains(body, "<script>alert(2)") || strings.Contains(body, "<img src=x") {
				t.Errorf("%s: the stored attack is not escaped", p)
			}
		}
	})
}

func TestOfficeApprovalScheduled(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		ctx := context.Background()
		v := fx.saveTheme(t, fx.cass, "ru", "Тема по расписанию")
		cass, riac := fx.signIn(fx.cass), fx.signIn(fx.riac)

		// A time with its own zone, or not a time, is refused at the field.
		for _, bad := range []string{"2031-06-01T10:00+03:00", "завтра"} {
			resp, doc := cass.post(fx.path("schedule"), url.Values{"version": {strconv.Itoa(v)}, "publish_at": {bad}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(text(doc, "#publish_at-error"), "时区") {
				t.Errorf("schedule %q: %d, message %q", bad, resp.StatusCode, text(doc, "#publish_at-error"))
			}
			if val, _ := doc.Find("#publish_at").Attr("value"); val != bad {
				t.Errorf("what was typed is not kept: %q", val)
			}
		}

		d, err := approval.Load(ctx, db, fx.subj)
		if err != nil {
			t.Fatal(err)
		}
		loc := d.Content.(*forum.Forum).Location()
		at := time.Now().Add(time.Hour).In(loc).Truncate(time.Minute)
		resp, _ := cass.post(fx.path("schedule"), url.Values{"version": {strconv.Itoa(v)}, "publish_at": {at.Format("2006-01-02T15:04")}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("schedule: %d", resp.StatusCode)
		}
		v++ // the time is part of what the hosts approve: a new version
		if resp, _ = cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d", resp.StatusCode)
		}
		if resp, _ = riac.post(fx.path("approve"), url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", resp.StatusCode)
		}
		_, doc := riac.get(fx.path(""))
		if facts := text(doc, ".change-facts"); !strings.Contains(facts, fmt.Sprintf("%02d:%02d", at.Hour(), at.Minute())) {
			t.Errorf("the change page does not give the time of publication in the forum's zone: %q", facts)
		}

		// The publication job is queued for that time.
		var jobs int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'approval.publish_due'`).Scan(&jobs); err != nil {
			t.Fatal(err)
		}
		if jobs != 1 {
			t.Errorf("%d publication jobs queued, want 1", jobs)
		}

		// Before its time the job publishes nothing; once it has come, the
		// public sees it and the submitter is told.
		if done, err := fx.o.web.PublishDue(ctx, at.Add(-time.Minute)); err != nil || len(done) != 0 {
			t.Fatalf("publish before the time: %v, %v", done, err)
		}
		if strings.Contains(fx.publicPage(t), "Тема по расписанию") {
			t.Fatal("published before its time")
		}
		done, err := fx.o.web.PublishDue(ctx, at)
		if err != nil || len(done) != 1 || done[0] != fx.subj {
			t.Fatalf("publish at the time: %v, %v", done, err)
		}
		if !strings.Contains(fx.publicPage(t), "Тема по расписанию") {
			t.Error("the public page does not show what was published at its time")
		}
		if m := mailTo(queuedMail(t, db), fx.cass.Email); len(m) != 1 || !strings.Contains(m[0].Subject, "已发布") {
			t.Errorf("mail to the submitter on scheduled publication: %+v", m)
		}
		if done, err := fx.o.web.PublishDue(ctx, at.Add(time.Hour)); err != nil || len(done) != 0 {
			t.Errorf("the job run again publishes %v, %v", done, err)
		}
	})
}

// TestOfficeApprovalValues checks that the change page writes what it
// shows as the reader reads it: hosts by partner name, in order, and times
// in the forum's zone.
func TestOfficeApprovalValues(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		ctx := context.Background()
		var starts time.Time
		var loc *time.Location
		err := db.Transact(ctx, func(tx *store.Tx) error {
			d, err := approval.Load(ctx, tx, fx.subj)
			if err != nil {
				return err
			}
			f := d.Content.(*forum.Forum)
			f.Hosts[0], f.Hosts[1] = f.Hosts[1], f.Hosts[0]
			f.StartsAt = f.StartsAt.Add(90 * time.Minute)
			starts, loc = f.StartsAt, f.Location()
			_, err = approval.Save(ctx, tx, fx.subj, f, actorOf(fx.cass))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, doc := fx.signIn(fx.riac).get(fx.path(""))
		changes := map[string]string{}
		doc.Find("section.change").Each(func(_ int, s *goquery.Selection) {
			after := s.Find(".change-col").Last()
			after.Find(".visually-hidden").Remove() // what a screen reader says of the marks
			changes[strings.TrimSpace(s.Find("h3").Text())] = strings.Join(strings.Fields(after.Find(".diff").Text()), " ")
		})
		hosts := changes["Организаторы"]
		riac, cass := strings.Index(hosts, "Российский совет по международным делам"), strings.Index(hosts, "Китайская академия общественных наук")
		if riac < 0 || cass < riac {
			t.Errorf("hosts after the change: %q, want RIAC then CASS by name", hosts)
		}
		local := starts.In(loc)
		if at := changes["Начало"]; !strings.Contains(at, fmt.Sprintf("%02d:%02d", local.Hour(), local.Minute())) || strings.Contains(at, "2021-") {
			t.Errorf("start after the change: %q, want %02d:%02d in the forum's zone", at, local.Hour(), local.Minute())
		}
	})
}

// TestOfficeApprovalMissingProgrammeField: a programme whose speech lacks
// a title in a language the forum promises cannot be submitted, and the
// list of what is missing links to that speech's input on the programme
// form, nested as it is.
func TestOfficeApprovalMissingProgrammeField(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Li Ming", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")
		id := strconv.FormatInt(demoForumID(t, db), 10)
		path := "/office/forums/" + id + "/programme"
		_, doc := b.get(path)
		v := formValues(t, doc, "form.programme-form")
		v.Set("s0.p2.title.ru", "")
		if resp, doc := b.post(path, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d %s", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		d := draftOf(t, db, approval.KindProgramme, demoForumID(t, db))
		resp, doc := b.post("/office/approvals/programme/"+id+"/submit", url.Values{"version": {strconv.Itoa(d.Version)}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("submit without the Russian title: %d", resp.StatusCode)
		}
		link := doc.Find(`.missing a[href="` + path + `#s0.p2.title.ru"]`)
		if link.Length() != 1 {
			t.Fatalf("no link to the speech's Russian title among %v", doc.Find(".missing a").Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("href", "") }))
		}
		if _, form := b.get(path); byID(form, "s0.p2.title.ru").Length() != 1 {
			t.Error("the link's target is not an input of the programme form")
		}
	})
}

// TestOfficeApprovalOwnersAndApprovers: RIAC co-hosts a forum with CASS, so
// its organisers approve CASS's public profile; but while CASS's team is
// still writing the draft, RIAC does not know of it (404 on the change
// page and the preview), and at no point may RIAC ask for its publication
// or schedule it. Once CASS asks, RIAC sees the change and approves it.
func TestOfficeApprovalOwnersAndApprovers(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("ed@cass.example", "CASS editor", "en", false, "cass:editor")
		o.account("org@cass.example", "CASS organiser", "en", false, "cass:organiser")
		o.account("org@riac.example", "RIAC organiser", "ru", false, "riac:organiser")
		cass := o.partnerID("cass")
		ed, org, riac := o.browser(), o.browser(), o.browser()
		ed.signIn("ed@cass.example")
		org.signIn("org@cass.example")
		riac.signIn("org@riac.example")
		edit := fmt.Sprintf("/office/partners/%d", cass)
		change := fmt.Sprintf("/office/approvals/partner/%d", cass)
		_, doc := ed.get(edit)
		v := formValues(t, doc, "form.content-form")
		v.Set("description.en", v.Get("description.en")+" Draft marker.")
		if resp, _ := ed.post(edit, v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		version := func() string { return strconv.Itoa(draftOf(t, db, approval.KindPartner, cass).Version) }
		for _, c := range []struct {
			method, path string
			form         url.Values
		}{
			{"GET", change, nil},
			{"GET", fmt.Sprintf("/office/preview/partner/%d/en", cass), nil},
			{"POST", change + "/submit", url.Values{"version": {version()}}},
			{"POST", change + "/schedule", url.Values{"version": {version()}, "publish_at": {"2030-01-01T10:00"}}},
			{"POST", change + "/approve", url.Values{"version": {version()}}},
		} {
			if resp, body := riac.do(c.method, c.path, c.form); resp.StatusCode != http.StatusNotFound || strings.Contains(body, "Draft marker") {
				t.Errorf("RIAC %s %s while CASS writes: %d, want 404", c.method, c.path, resp.StatusCode)
			}
		}
		if d := draftOf(t, db, approval.KindPartner, cass); d.Version != 1 || d.State != approval.Editing {
			t.Fatalf("RIAC changed CASS's draft: version %d, %q", d.Version, d.State)
		}
		if resp, _ := org.post(change+"/submit", url.Values{"version": {version()}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("CASS asks to publish: %d", resp.StatusCode)
		}
		resp, doc := riac.get(change)
		if resp.StatusCode != 200 || !strings.Contains(doc.Text(), "Draft marker") || doc.Find(`form[action$="/approve"]`).Length() != 1 ||
			doc.Find(`form[action$="/submit"], form[action$="/schedule"]`).Length() != 0 {
			t.Errorf("RIAC's view of the asked change: %d; approve forms %d, submit/schedule forms %d", resp.StatusCode,
				doc.Find(`form[action$="/approve"]`).Length(), doc.Find(`form[action$="/submit"], form[action$="/schedule"]`).Length())
		}
		if doc.Find(`a[href="`+edit+`"]`).Length() != 0 {
			t.Error("RIAC's change page links to CASS's form, which is 404 to RIAC")
		}
		if resp, _ := riac.post(change+"/schedule", url.Values{"version": {version()}, "publish_at": {"2030-01-01T10:00"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("RIAC schedules CASS's profile: %d, want 403", resp.StatusCode)
		}
		if resp, _ := riac.post(change+"/approve", url.Values{"version": {version()}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("RIAC approves: %d", resp.StatusCode)
		}
		if _, body := o.browser().do("GET", "/en/partners/cass", nil); !strings.Contains(body, "Draft marker") {
			t.Error("the approved profile is not public")
		}
	})
}

// TestOfficeApprovalDraftTexts: asking to publish says which changed texts
// are still marked as draft translations, which the public will read in
// their source language instead.
func TestOfficeApprovalDraftTexts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		ctx := context.Background()
		err := db.Transact(ctx, func(tx *store.Tx) error {
			d, err := approval.Load(ctx, tx, fx.subj)
			if err != nil {
				return err
			}
			f := d.Content.(*forum.Forum)
			f.Theme = f.Theme.Draft("ru", "Черновой перевод темы")
			_, err = approval.Save(ctx, tx, fx.subj, f, actorOf(fx.cass))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		_, doc := fx.signIn(fx.cass).get(fx.path(""))
		notice := doc.Find("#draft-texts")
		if notice.Length() != 1 || notice.Find("li").Length() != 1 || !strings.Contains(notice.Find("li").Text(), "俄") {
			t.Errorf("the draft texts before asking to publish: %q", notice.Text())
		}
		if !strings.Contains(notice.Text(), "1 处") {
			t.Errorf("the notice does not count the texts: %q", notice.Text())
		}
	})
}
