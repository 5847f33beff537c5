package web_test

import (
	"context"
	"image/png"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/pquerna/otp/totp"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/mail/mailtest"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// testClock is a clock the account store reads, which a test moves.
type testClock struct {
	mu sync.Mutex
	d  time.Duration
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.d)
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.d += d
}

// teamOffice is the office with mail: a job queue that delivers through a
// real SMTP server on loopback, an outbox folder, and an account store
// whose clock the test moves.
type teamOffice struct {
	*office
	smtpd  *mailtest.Server
	clock  *testClock
	outbox string
}

func newTeamOffice(t *testing.T, db *store.DB, requireAdminTOTP bool) *teamOffice {
	t.Helper()
	ctx := context.Background()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(ctx, db, blobs); err != nil {
		t.Fatal(err)
	}
	smtpd := mailtest.Start(t)
	m, err := mail.New(mail.Config{SMTP: smtpd.URL(), From: "tandem@forum.example"})
	if err != nil {
		t.Fatal(err)
	}
	ws := jobs.NewWorkers()
	mail.Register(ws, m)
	q, err := jobs.Open(ctx, db, jobs.Config{Workers: ws, Concurrency: 2, Backoff: 20 * time.Millisecond, PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(sctx)
		q.Close()
	})
	clock := &testClock{}
	accts := &account.Store{DB: db, Now: clock.now}
	outbox := t.TempDir()
	ts := httptest.NewUnstartedServer(nil)
	ts.Start()
	t.Cleanup(ts.Close)
	srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: ts.URL, NoCache: true, Logger: discardLogger(),
		Accounts: accts, Outbox: mail.NewOutbox(outbox), RequireAdminTOTP: requireAdminTOTP})
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	return &teamOffice{office: &office{t: t, db: db, blobs: blobs, srv: ts, accts: accts, web: srv}, smtpd: smtpd, clock: clock, outbox: outbox}
}

// mailTo waits for n messages received and returns, decoded, the last of
// them that went to addr, failing when none did. Workers send queued
// mail concurrently, so two messages queued together may arrive in
// either order.
func (o *teamOffice) mailTo(n int, addr string) *mailtest.Parsed {
	o.t.Helper()
	got := o.smtpd.Wait(o.t, n, 20*time.Second)
	for i := n - 1; i >= 0; i-- {
		p, err := mailtest.Parse(got[i].Data)
		if err != nil {
			o.t.Fatal(err)
		}
		if len(p.To) == 1 && p.To[0].Address == addr {
			return p
		}
	}
	o.t.Fatalf("none of the first %d messages went to %s", n, addr)
	return nil
}

// linkIn returns the path of the office link in a mail's text.
func (o *teamOffice) linkIn(p *mailtest.Parsed) string {
	o.t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(o.srv.URL) + `(/office/\S+)`).FindStringSubmatch(p.Text)
	if m == nil {
		o.t.Fatalf("no office link in the mail:\n%s", p.Text)
	}
	return m[1]
}

func partnerID(t *testing.T, db *store.DB, slug string) int64 {
	t.Helper()
	var id int64
	if err := db.QueryRow(context.Background(), `SELECT id FROM partners WHERE slug = ?`, slug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// fieldError returns the messages shown at a form's field.
func fieldError(doc *goquery.Document, field string) string {
	return strings.TrimSpace(doc.Find(`[id="` + field + `-error"]`).Text())
}

func TestOfficeTeamPasswordReset(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("ivan@riac.example", "Иван Петров", "ru", false, "riac:editor")
		b := o.browser()
		if resp, doc := b.get("/office/reset?lang=en"); resp.StatusCode != 200 || doc.Find("form #email").Length() != 1 {
			t.Fatalf("reset form: %d", resp.StatusCode)
		}

		// A known and an unknown address get the same page.
		var pages []string
		for _, email := range []string{"IVAN@riac.example", "nobody@riac.example"} {
			resp, doc := b.post("/office/reset", url.Values{"email": {email}})
			if resp.StatusCode != 200 {
				t.Fatalf("reset for %s: status %d", email, resp.StatusCode)
			}
			pages = append(pages, strings.TrimSpace(doc.Find("main").Text()))
		}
		if pages[0] != pages[1] || !strings.Contains(pages[0], "If this address has an account") {
			t.Errorf("known and unknown addresses get different pages:\n%q\n%q", pages[0], pages[1])
		}
		// Not an address: the message at the field, what was typed kept.
		resp, doc := b.post("/office/reset", url.Values{"email": {"not an address"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "email"), "not a valid e-mail") ||
			doc.Find("#email").AttrOr("value", "") != "not an address" {
			t.Errorf("reset for a bad address: %d, message %q", resp.StatusCode, fieldError(doc, "email"))
		}

		// Only the known address gets a mail, in its account's language.
		msg := o.mailTo(1, "ivan@riac.example")
		if msg.Subject != "Смена пароля" || !strings.Contains(msg.Text, "Иван Петров") || !strings.Contains(msg.Text, "в течение часа") {
			t.Errorf("reset mail: subject %q, text:\n%s", msg.Subject, msg.Text)
		}
		// The link opens in the account's language, though this browser
		// chose English, and the form's answers keep to it.
		link := o.linkIn(msg)
		resp, doc = b.get(link)
		if resp.StatusCode != 200 || strings.TrimSpace(doc.Find("h1").Text()) != "Новый пароль" {
			t.Fatalf("reset link: %d, headed %q, want the account's Russian", resp.StatusCode, doc.Find("h1").Text())
		}
		action := doc.Find("form").AttrOr("action", "")
		resp, doc = b.post(action, url.Values{"password": {"a new long password"}, "password2": {"another one entirely"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "password2"), "не совпадают") {
			t.Errorf("passwords that differ: %d, message %q", resp.StatusCode, fieldError(doc, "password2"))
		}
		if doc.Find(`input[type=password][value]`).Length() > 0 {
			t.Error("a password was sent back")
		}
		resp, doc = b.post(link, url.Values{"password": {"short"}, "password2": {"short"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "password"), "не менее 10") {
			t.Errorf("a short password: %d, message %q", resp.StatusCode, fieldError(doc, "password"))
		}
		const newPassword = "новый пароль Ивана"
		resp, _ = b.post(link, url.Values{"password": {newPassword}, "password2": {newPassword}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/signin" {
			t.Fatalf("reset: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, doc := b.get("/office/signin"); !strings.Contains(doc.Find(".flash").Text(), "Новый пароль установлен") {
			t.Errorf("no notice after the reset: %q", doc.Find(".flash").Text())
		}
		// The old password no longer works, the new one does.
		if resp, _ := o.browser().post("/office/signin", url.Values{"email": {"ivan@riac.example"}, "password": {testPassword}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("the old password after a reset: %d", resp.StatusCode)
		}
		if resp, _ := o.browser().post("/office/signin", url.Values{"email": {"ivan@riac.example"}, "password": {newPassword}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the new password after a reset: %d", resp.StatusCode)
		}
		// The link works once: opened again, it says so at once.
		if resp, doc := b.get(link); resp.StatusCode != http.StatusGone || doc.Find("#password").Length() != 0 {
			t.Errorf("a used link opened: %d, %d password fields", resp.StatusCode, doc.Find("#password").Length())
		}
		resp, doc = b.post(link, url.Values{"password": {"yet another password"}, "password2": {"yet another password"}})
		if resp.StatusCode != http.StatusGone || !strings.Contains(doc.Find("main").Text(), "уже использована") {
			t.Errorf("a used link: %d %q", resp.StatusCode, doc.Find("h1").Text())
		}

		// A link older than an hour is refused.
		if resp, _ := b.post("/office/reset", url.Values{"email": {"ivan@riac.example"}}); resp.StatusCode != 200 {
			t.Fatalf("second reset: %d", resp.StatusCode)
		}
		link = o.linkIn(o.mailTo(2, "ivan@riac.example"))
		o.clock.advance(61 * time.Minute)
		if resp, _ := b.get(link); resp.StatusCode != http.StatusGone {
			t.Errorf("an expired link opened: %d", resp.StatusCode)
		}
		if resp, _ := b.get("/office/reset/no-such-token"); resp.StatusCode != http.StatusGone {
			t.Errorf("an unknown link opened: %d", resp.StatusCode)
		}
		if resp, _ := b.post(link, url.Values{"password": {"yet another password"}, "password2": {"yet another password"}}); resp.StatusCode != http.StatusGone {
			t.Errorf("an expired link: %d", resp.StatusCode)
		}

		// A client that asks too often is held back.
		limited := false
		for range 6 {
			if resp, _ := b.post("/office/reset", url.Values{"email": {"nobody@riac.example"}}); resp.StatusCode == http.StatusTooManyRequests {
				limited = true
				break
			}
		}
		if !limited {
			t.Error("ten reset requests from one address were all answered")
		}

		events, err := eventlog.List(t.Context(), db, eventlog.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
			if strings.Contains(string(e.After)+string(e.Before), strings.TrimPrefix(link, "/office/reset/")) {
				t.Errorf("event %s holds the reset token", e.Action)
			}
		}
		if got := strings.Join(actions, " "); !strings.Contains(got, "account.reset account.reset_request") {
			t.Errorf("event log: %s", got)
		}
	})
}

func TestOfficeTeamInvitations(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		o.account("zhang@cass.example", "张伟", "en", false, "cass:editor")
		riacOrganiser := o.account("orlov@riac.example", "Орлов", "ru", false, "riac:organiser")
		cass, riac := partnerID(t, db, "cass"), partnerID(t, db, "riac")
		org := o.browser()
		org.signIn("li@cass.example")
		resp, doc := org.get("/office/team")
		if resp.StatusCode != 200 || !strings.Contains(doc.Find("main").Text(), "li@cass.example") {
			t.Fatalf("team page: %d", resp.StatusCode)
		}
		if doc.Find(`form[action="/office/team/invitations"]`).Length() != 1 {
			t.Error("an organiser's team page has no invitation form")
		}

		invite := func(b *browser, partner int64, email, name, role, lang string) (*http.Response, *goquery.Document) {
			return b.post("/office/team/invitations", url.Values{"partner": {strconv.FormatInt(partner, 10)},
				"email": {email}, "name": {name}, "role": {role}, "lang": {lang}})
		}
		// Bad input: the message at the field, in the organiser's
		// language, with what was typed kept.
		resp, doc = invite(org, cass, "not-an-address", "<script>alert(1)</script>", "translator", "ru")
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "email"), "电子邮件") ||
			doc.Find("#email").AttrOr("value", "") != "not-an-address" || doc.Find("#name").AttrOr("value", "") != "<script>alert(1)</script>" {
			t.Errorf("bad address: %d, message %q", resp.StatusCode, fieldError(doc, "email"))
		}
		if doc.Find(".error-summary a[href='#email']").Length() != 1 {
			t.Error("no error summary linking to the address")
		}
		for _, c := range []struct{ role, lang, field string }{{"king", "ru", "role"}, {"translator", "de", "lang"}, {"", "ru", "role"}} {
			resp, doc = invite(org, cass, "x@cass.example", "X", c.role, c.lang)
			if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, c.field) == "" {
				t.Errorf("role %q lang %q: %d, no message at %s", c.role, c.lang, resp.StatusCode, c.field)
			}
		}
		if resp, _ = invite(org, cass, "x@cass.example", strings.Repeat("名", 201), "editor", "zh"); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("a name of 201 characters: %d", resp.StatusCode)
		}

		// Invitations in Russian and in Chinese: the mail in the
		// invitee's language, its subject encoded for mail.
		for _, c := range []struct{ email, name, lang, subject string }{
			{"olga@cass.example", "Ольга Смирнова", "ru", "Приглашение в команду"},
			{"wang@cass.example", "王芳", "zh", "邀请您加入"},
		} {
			if resp, _ := invite(org, cass, c.email, c.name, "translator", c.lang); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("invite %s: %d", c.email, resp.StatusCode)
			}
		}
		olga, wang := o.mailTo(2, "olga@cass.example"), o.mailTo(2, "wang@cass.example")
		for _, c := range []struct {
			p       *mailtest.Parsed
			subject string
		}{{olga, "Приглашение в команду"}, {wang, "邀请您加入"}} {
			raw := c.p.Header.Get("Subject")
			if !strings.HasPrefix(c.p.Subject, c.subject) || !strings.HasPrefix(raw, "=?UTF-8?") || strings.ContainsFunc(raw, func(r rune) bool { return r > 127 }) {
				t.Errorf("subject %q (raw %q), want %q… encoded per RFC 2047", c.p.Subject, raw, c.subject)
			}
		}
		if !strings.Contains(olga.Text, "Ольга Смирнова") || !strings.Contains(olga.Text, "李明") {
			t.Errorf("invitation mail:\n%s", olga.Text)
		}
		if _, doc = org.get("/office/team"); !strings.Contains(doc.Find(".invitations").Text(), "olga@cass.example") {
			t.Errorf("the open invitation is not listed: %q", doc.Find(".invitations").Text())
		}
		if !strings.Contains(doc.Find(".object-events").Text(), "邀请加入团队") {
			t.Errorf("the team's history does not show the invitation: %q", doc.Find(".object-events").Text())
		}

		// Olga follows her link: the page is in Russian; a form with
		// errors keeps what she typed; then she is in, as a translator.
		guest := o.browser()
		link := o.linkIn(olga)
		resp, doc = guest.get(link)
		if resp.StatusCode != 200 || !strings.Contains(doc.Find("h1").Text(), "Вступление в команду") {
			t.Fatalf("invitation page: %d %q", resp.StatusCode, doc.Find("h1").Text())
		}
		resp, doc = guest.post(link, url.Values{"name": {""}, "password": {"пароль Ольги 1"}, "password2": {"пароль Ольги 1"}, "lang": {"ru"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "name"), "Заполните") {
			t.Errorf("accept without a name: %d, message %q", resp.StatusCode, fieldError(doc, "name"))
		}
		resp, _ = guest.post(link, url.Values{"name": {"Ольга Смирнова"}, "password": {"пароль Ольги 1"}, "password2": {"пароль Ольги 1"}, "lang": {"ru"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/" {
			t.Fatalf("accept: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, doc = guest.get("/office/"); resp.StatusCode != 200 || !strings.Contains(doc.Find(".flash").Text(), "Добро пожаловать") {
			t.Errorf("after accepting: %d, notice %q", resp.StatusCode, doc.Find(".flash").Text())
		}
		a, err := o.accts.ByEmail(t.Context(), "olga@cass.example")
		if err != nil || len(a.RolesAt(cass)) != 1 || a.RolesAt(cass)[0] != account.Translator || a.Lang != "ru" {
			t.Fatalf("Olga's account: %+v, %v", a, err)
		}
		if resp, _ := guest.get(link); resp.StatusCode != http.StatusGone {
			t.Errorf("an accepted invitation's link: %d", resp.StatusCode)
		}

		// Revoking kills the link.
		invs, err := o.accts.ListInvitations(t.Context(), cass)
		if err != nil {
			t.Fatal(err)
		}
		var wangID int64
		for _, inv := range invs {
			if inv.Email == "wang@cass.example" {
				wangID = inv.ID
			}
		}
		if resp, _ := org.post("/office/team/invitations/"+strconv.FormatInt(wangID, 10)+"/revoke", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", resp.StatusCode)
		}
		if resp, doc := o.browser().get(o.linkIn(wang)); resp.StatusCode != http.StatusGone || doc.Find("h1").Length() != 1 {
			t.Errorf("a revoked invitation's link: %d", resp.StatusCode)
		}
		// A page left open resends or revokes an invitation revoked or
		// accepted meanwhile: the team page says so, in the organiser's Chinese.
		var olgaID int64
		for _, inv := range invs {
			if inv.Email == "olga@cass.example" {
				olgaID = inv.ID
			}
		}
		for _, tt := range []struct {
			id   int64
			act  string
			want string
		}{
			{wangID, "revoke", "已被撤销"},
			{wangID, "resend", "已被撤销"},
			{olgaID, "revoke", "已被接受"},
			{olgaID, "resend", "已被接受"},
		} {
			resp, _ := org.post("/office/team/invitations/"+strconv.FormatInt(tt.id, 10)+"/"+tt.act, url.Values{})
			_, doc := org.get("/office/team")
			if resp.StatusCode != http.StatusSeeOther || !strings.Contains(doc.Text(), tt.want) {
				t.Errorf("%s of a closed invitation: %d, want a notice %q", tt.act, resp.StatusCode, tt.want)
			}
		}

		// An editor may not invite; nobody invites to another partner's
		// team or touches its invitations.
		editor := o.browser()
		editor.signIn("zhang@cass.example")
		if resp, _ := invite(editor, cass, "x@cass.example", "X", "editor", "en"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor invites: %d, want 403", resp.StatusCode)
		}
		if resp, _ := editor.get("/office/team"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor's team page: %d, want 403", resp.StatusCode)
		}
		if resp, _ := invite(org, riac, "x@riac.example", "X", "editor", "ru"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a CASS organiser invites to RIAC: %d, want 404", resp.StatusCode)
		}
		riacInv, _, err := o.accts.Invite(t.Context(), riacOrganiser, riac, "p@riac.example", "P", account.Editor, "ru")
		if err != nil {
			t.Fatal(err)
		}
		for _, act := range []string{"resend", "revoke"} {
			if resp, _ := org.post("/office/team/invitations/"+strconv.FormatInt(riacInv.ID, 10)+"/"+act, url.Values{}); resp.StatusCode != http.StatusNotFound {
				t.Errorf("a CASS organiser %ss a RIAC invitation: %d, want 404", act, resp.StatusCode)
			}
		}
		orlov, _ := o.accts.ByEmail(t.Context(), "orlov@riac.example")
		resp, _ = org.post("/office/team/members/remove", url.Values{"partner": {strconv.FormatInt(riac, 10)},
			"account": {strconv.FormatInt(orlov.ID, 10)}, "role": {"organiser"}})
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("a CASS organiser removes a RIAC organiser: %d, want 404", resp.StatusCode)
		}
		if _, doc := org.get("/office/team"); strings.Contains(doc.Text(), "p@riac.example") || strings.Contains(doc.Text(), "orlov@riac.example") {
			t.Error("a CASS organiser sees RIAC's team")
		}

		// The organiser takes Olga's role away.
		resp, _ = org.post("/office/team/members/remove", url.Values{"partner": {strconv.FormatInt(cass, 10)},
			"account": {strconv.FormatInt(a.ID, 10)}, "role": {"translator"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", resp.StatusCode)
		}
		if a, _ = o.accts.ByID(t.Context(), a.ID); len(a.Memberships) != 0 {
			t.Errorf("after removal Olga has %v", a.Memberships)
		}
	})
}

func TestOfficeTeamAccount(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("anna@riac.example", "Anna", "en", false, "riac:reviewer")
		here, there := o.browser(), o.browser()
		here.signIn("anna@riac.example")
		there.signIn("anna@riac.example")

		resp, doc := here.get("/office/account")
		if resp.StatusCode != 200 || doc.Find("#name").AttrOr("value", "") != "Anna" || !strings.Contains(doc.Find("main").Text(), "reviewer") {
			t.Fatalf("account page: %d", resp.StatusCode)
		}
		resp, doc = here.post("/office/account", url.Values{"name": {"  "}, "lang": {"ru"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, "name") == "" {
			t.Errorf("an empty name: %d", resp.StatusCode)
		}
		resp, doc = here.post("/office/account", url.Values{"name": {`Анна "><img src=x onerror=alert(1)>`}, "lang": {"xx"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, "lang") == "" ||
			doc.Find("#name").AttrOr("value", "") != `Анна "><img src=x onerror=alert(1)>` {
			t.Errorf("an unknown language: %d, typed name not kept", resp.StatusCode)
		}
		if resp, _ = here.post("/office/account", url.Values{"name": {`Анна "><img src=x onerror=alert(1)>`}, "lang": {"ru"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save profile: %d", resp.StatusCode)
		}
		_, doc = here.get("/office/account")
		if doc.Find("html").AttrOr("lang", "") != "ru-RU" || doc.Find("img[onerror]").Length() > 0 || doc.Find("#name").AttrOr("value", "") != `Анна "><img src=x onerror=alert(1)>` {
			t.Errorf("after saving: lang %q, name %q", doc.Find("html").AttrOr("lang", ""), doc.Find("#name").AttrOr("value", ""))
		}

		// Changing the password: wrong current, then right; this browser
		// stays in, the other is out.
		const newPassword = "a brand new password"
		resp, doc = here.post("/office/account/password", url.Values{"current": {"wrong password"}, "password": {newPassword}, "password2": {newPassword}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "current"), "Текущий пароль") {
			t.Errorf("a wrong current password: %d, message %q", resp.StatusCode, fieldError(doc, "current"))
		}
		before := here.cookie("tandem_session")
		resp, _ = here.post("/office/account/password", url.Values{"current": {testPassword}, "password": {newPassword}, "password2": {newPassword}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("change password: %d", resp.StatusCode)
		}
		if here.cookie("tandem_session") == before {
			t.Error("the session token did not change with the password")
		}
		if resp, _ := here.get("/office/"); resp.StatusCode != 200 {
			t.Errorf("this browser after the change: %d, want still signed in", resp.StatusCode)
		}
		if resp, _ := there.get("/office/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("another browser after the change: %d, want signed out", resp.StatusCode)
		}

		// Signing out everywhere ends both.
		there.post("/office/signin", url.Values{"email": {"anna@riac.example"}, "password": {newPassword}})
		if resp, _ := there.get("/office/"); resp.StatusCode != 200 {
			t.Fatalf("sign in again: %d", resp.StatusCode)
		}
		if resp, _ := here.post("/office/account/signout-everywhere", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out everywhere: %d", resp.StatusCode)
		}
		for name, b := range map[string]*browser{"this": here, "the other": there} {
			if resp, _ := b.get("/office/"); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("%s browser after signing out everywhere: %d", name, resp.StatusCode)
			}
		}
	})
}

func TestOfficeTeamTOTP(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, true)
		o.account("admin@forum.example", "Admin", "en", true)
		b := o.browser()
		b.signIn("admin@forum.example")

		// The flag holds an admin without two-step sign-in at the
		// enrolment.
		for _, p := range []string{"/office/", "/office/accounts", "/office/events"} {
			if resp, _ := b.get(p); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/account/totp" {
				t.Errorf("admin without TOTP at %s: %d → %q", p, resp.StatusCode, resp.Header.Get("Location"))
			}
		}
		resp, doc := b.get("/office/account/totp")
		secret := strings.TrimSpace(doc.Find("#secret").Text())
		if resp.StatusCode != 200 || secret == "" {
			t.Fatalf("enrolment: %d, secret %q", resp.StatusCode, secret)
		}
		// The QR code comes from the site (its CSP allows no data: image),
		// made from the secret shown, which stays the same across reloads.
		if src := doc.Find(".steps img").AttrOr("src", ""); src != "/office/account/totp.png" {
			t.Errorf("QR code src %.40q", src)
		}
		resp, body := b.do("GET", "/office/account/totp.png", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("QR code: %d %q, Cache-Control %q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		} else if img, err := png.Decode(strings.NewReader(body)); err != nil || img.Bounds().Dx() != 200 {
			t.Errorf("QR code is not a 200-pixel PNG: %v", err)
		}
		if resp, _ := o.browser().get("/office/account/totp.png"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("QR code for a visitor: %d, want a redirect to sign in", resp.StatusCode)
		}
		if _, again := b.get("/office/account/totp"); strings.TrimSpace(again.Find("#secret").Text()) != secret {
			t.Errorf("a reload made a new secret: %q, then %q", secret, again.Find("#secret").Text())
		}
		// The secret waiting for its first code stays while it waits, also
		// after a quarter of an hour away and in another session, so the
		// code from the QR of either page is accepted.
		o.clock.advance(16 * time.Minute)
		if _, later := b.get("/office/account/totp"); strings.TrimSpace(later.Find("#secret").Text()) != secret {
			t.Errorf("the page made a new secret after a while: %q, then %q", secret, later.Find("#secret").Text())
		}
		other := o.browser()
		other.signIn("admin@forum.example")
		if _, tab := other.get("/office/account/totp"); strings.TrimSpace(tab.Find("#secret").Text()) != secret {
			t.Errorf("another session made a new secret: %q, then %q", secret, tab.Find("#secret").Text())
		}
		if href := doc.Find(`a[href^="otpauth://totp/"]`).Length(); href != 1 {
			t.Error("no otpauth link")
		}
		resp, doc = b.post("/office/account/totp", url.Values{"code": {"12345"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, "code") == "" || strings.TrimSpace(doc.Find("#secret").Text()) != secret {
			t.Errorf("a wrong code: %d, message %q, secret shown %q", resp.StatusCode, fieldError(doc, "code"), doc.Find("#secret").Text())
		}
		code, err := totp.GenerateCode(secret, o.clock.now())
		if err != nil {
			t.Fatal(err)
		}
		if resp, doc = b.post("/office/account/totp", url.Values{"code": {code}}); resp.StatusCode != 200 || doc.Find("#recovery-codes code").Length() != account.RecoveryCodeCount {
			t.Fatalf("confirm: %d, %d recovery codes shown", resp.StatusCode, doc.Find("#recovery-codes code").Length())
		}
		if resp, _ := b.get("/office/account/totp.png"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("QR code after enrolment: %d, want 404", resp.StatusCode)
		}
		if resp, _ = b.get("/office/accounts"); resp.StatusCode != 200 {
			t.Errorf("an enrolled admin at /office/accounts: %d", resp.StatusCode)
		}

		// Signing in now asks for a code.
		c := o.browser()
		resp, _ = c.post("/office/signin", url.Values{"email": {"admin@forum.example"}, "password": {testPassword}})
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/office/signin/totp") {
			t.Fatalf("sign in with TOTP on: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		next, err := totp.GenerateCode(secret, o.clock.now().Add(30*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		if resp, _ = c.post("/office/signin/totp", url.Values{"code": {next}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the code: %d", resp.StatusCode)
		}
		if resp, _ = c.get("/office/"); resp.StatusCode != 200 {
			t.Errorf("signed in with a code: %d", resp.StatusCode)
		}
		// Where the flag holds, an admin cannot turn it off.
		if resp, _ = c.post("/office/account/totp/disable", url.Values{"password": {testPassword}}); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("an admin turns TOTP off under the flag: %d", resp.StatusCode)
		}
	})
}

// Anyone may turn their own two-step sign-in off with their password.
func TestOfficeTeamTOTPDisable(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("li@cass.example", "Li", "en", false, "cass:editor")
		b := o.browser()
		b.signIn("li@cass.example")
		_, doc := b.get("/office/account/totp")
		code, err := totp.GenerateCode(strings.TrimSpace(doc.Find("#secret").Text()), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if resp, _ := b.post("/office/account/totp", url.Values{"code": {code}}); resp.StatusCode != 200 {
			t.Fatalf("confirm: %d", resp.StatusCode)
		}
		resp, doc := b.post("/office/account/totp/disable", url.Values{"password": {"not my password"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "password"), "wrong") {
			t.Errorf("disable with a wrong password: %d %q", resp.StatusCode, fieldError(doc, "password"))
		}
		if resp, _ = b.post("/office/account/totp/disable", url.Values{"password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("disable: %d", resp.StatusCode)
		}
		if a, _ := o.accts.ByEmail(t.Context(), "li@cass.example"); a.TOTPEnabled {
			t.Error("TOTP still on")
		}
	})
}

func TestOfficeTeamAdminPages(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("admin@forum.example", "Admin", "en", true)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		m, err := mail.New(mail.Config{From: "tandem@forum.example", Outbox: o.outbox})
		if err != nil {
			t.Fatal(err)
		}
		link := o.srv.URL + "/office/invitations/abc"
		if err := m.Send(t.Context(), "7", time.Now(), mail.Message{To: mail.Address{Name: "Ольга", Email: "olga@cass.example"}, Lang: "ru",
			Subject: "Приглашение в команду ИМЭМО", Text: "Откройте: " + link + "\n<b>не разметка</b>\n"}); err != nil {
			t.Fatal(err)
		}
		entries, err := os.ReadDir(o.outbox)
		if err != nil || len(entries) != 1 {
			t.Fatalf("outbox: %v, %v", entries, err)
		}
		name := entries[0].Name()

		admin := o.browser()
		admin.signIn("admin@forum.example")
		resp, doc := admin.get("/office/outbox")
		if resp.StatusCode != 200 || !strings.Contains(doc.Find("main").Text(), "Приглашение в команду ИМЭМО") {
			t.Fatalf("outbox: %d %q", resp.StatusCode, doc.Find("main").Text())
		}
		resp, doc = admin.get("/office/outbox/" + name)
		if resp.StatusCode != 200 || doc.Find("h1").Text() != "Приглашение в команду ИМЭМО" {
			t.Fatalf("outbox message: %d %q", resp.StatusCode, doc.Find("h1").Text())
		}
		if doc.Find(`.mail-text a[href="`+link+`"]`).Length() != 1 || doc.Find(".mail-text b").Length() > 0 ||
			!strings.Contains(doc.Find(".mail-headers").Text(), "olga@cass.example") {
			t.Errorf("message shown as %q", doc.Find("main").Text())
		}
		for _, bad := range []string{"/office/outbox/nothing.eml", "/office/outbox/..%2Fsecret", "/office/outbox/" + strings.TrimSuffix(name, ".eml") + "1.eml"} {
			if resp, _ := admin.get(bad); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s: %d, want 404", bad, resp.StatusCode)
			}
		}
		resp, doc = admin.get("/office/accounts")
		if resp.StatusCode != 200 || doc.Find("table.accounts tbody tr").Length() != 2 || !strings.Contains(doc.Find("table.accounts").Text(), "li@cass.example") {
			t.Errorf("accounts: %d, %d rows", resp.StatusCode, doc.Find("table.accounts tbody tr").Length())
		}

		li := o.browser()
		li.signIn("li@cass.example")
		for _, p := range []string{"/office/outbox", "/office/outbox/" + name, "/office/accounts", "/office/events.jsonl"} {
			resp, body := li.do("GET", p, nil)
			if resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
				t.Errorf("an organiser at %s: %d, want 403 or 404", p, resp.StatusCode)
			}
			if strings.Contains(body, "ИМЭМО") || strings.Contains(body, "admin@forum.example") {
				t.Errorf("an organiser at %s sees what is for admins", p)
			}
		}
	})
}

func TestOfficeTeamEvents(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("admin@forum.example", "Admin", "en", true)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		o.account("zhang@cass.example", "张伟", "zh", false, "cass:editor")
		o.account("anna@riac.example", "Анна", "ru", false, "riac:reviewer")
		li := o.browser()
		li.signIn("li@cass.example")
		o.browser().signIn("zhang@cass.example")

		resp, doc := li.get("/office/events")
		if resp.StatusCode != 200 {
			t.Fatalf("events: %d", resp.StatusCode)
		}
		rows := doc.Find("table.events tbody tr")
		if !strings.Contains(rows.Text(), "李明") || !strings.Contains(rows.Text(), "张伟") || !strings.Contains(rows.Text(), "登录") {
			t.Errorf("an organiser's event log lacks the team's sign-ins: %q", rows.Text())
		}
		// A reviewer of RIAC sees RIAC's events, not CASS's.
		anna := o.browser()
		anna.signIn("anna@riac.example")
		_, doc = anna.get("/office/events")
		if text := doc.Find("table.events").Text(); strings.Contains(text, "李明") || !strings.Contains(text, "Анна") || !strings.Contains(text, "вход в систему") {
			t.Errorf("a RIAC reviewer's event log: %q", text)
		}
		// An editor may not read the log.
		zhang := o.browser()
		zhang.signIn("zhang@cass.example")
		if resp, _ := zhang.get("/office/events"); resp.StatusCode != http.StatusNotFound && resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor at the event log: %d", resp.StatusCode)
		}
		// Filters: by actor, and a subject written wrong.
		zh, _ := o.accts.ByEmail(t.Context(), "zhang@cass.example")
		_, doc = li.get("/office/events?actor=" + strconv.FormatInt(zh.ID, 10))
		if text := doc.Find("table.events tbody").Text(); !strings.Contains(text, "张伟") || strings.Contains(text, "李明") {
			t.Errorf("events by 张伟: %q", text)
		}
		resp, doc = li.get("/office/events?subject=" + url.QueryEscape("<script>"))
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, "subject") == "" || doc.Find("#subject").AttrOr("value", "") != "<script>" {
			t.Errorf("a bad subject: %d, message %q", resp.StatusCode, fieldError(doc, "subject"))
		}

		admin := o.browser()
		admin.signIn("admin@forum.example")
		if _, doc = admin.get("/office/events"); !strings.Contains(doc.Find("table.events").Text(), "Анна") {
			t.Error("the admin does not see every event")
		}
		resp, body := admin.do("GET", "/office/events.jsonl?actor=admin@forum.example", nil)
		lines := strings.Split(strings.TrimSpace(body), "\n")
		if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/jsonl") ||
			len(lines) != 1 || !strings.Contains(lines[0], `"action":"signin.success"`) {
			t.Errorf("JSON Lines export: %d %q\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
	})
}

// An invitation to someone who has an account already: its page speaks
// the invitation's language even where the browser chose another before,
// and a wrong password says whose password is wrong, in that language.
func TestOfficeTeamInvitationExistingAccount(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		o.account("ivan@riac.example", "Иван Петров", "ru", false, "riac:editor")
		org := o.browser()
		org.signIn("li@cass.example")
		if resp, _ := org.post("/office/team/invitations", url.Values{"partner": {strconv.FormatInt(partnerID(t, db, "cass"), 10)},
			"email": {"ivan@riac.example"}, "name": {"Иван"}, "role": {"translator"}, "lang": {"ru"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite: %d", resp.StatusCode)
		}
		link := o.linkIn(o.mailTo(1, "ivan@riac.example"))

		guest := o.browser()
		guest.get("/office/signin?lang=en")
		resp, doc := guest.get(link)
		if resp.StatusCode != 200 || !strings.Contains(doc.Find("h1").Text(), "Вступление в команду") || doc.Find("#email").Length() != 0 {
			t.Fatalf("invitation page: %d %q", resp.StatusCode, doc.Find("h1").Text())
		}
		action := doc.Find("form").AttrOr("action", "")
		resp, doc = guest.post(action, url.Values{"password": {"not Ivan's password"}})
		msg := fieldError(doc, "password")
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "ivan@riac.example") || !strings.Contains(msg, "пароль") ||
			strings.Contains(msg, "адрес электронной почты или пароль") {
			t.Errorf("a wrong password: %d, message %q", resp.StatusCode, msg)
		}
		if resp, _ = guest.post(action, url.Values{"password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the right password: %d", resp.StatusCode)
		}
	})
}

// An organiser who removes their own last role in a team lands on the
// dashboard, not on a team page that is no longer theirs.
func TestOfficeTeamRemoveSelf(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		me := o.account("wang@cass.example", "王芳", "zh", false, "cass:organiser", "cass:editor")
		cass := strconv.FormatInt(partnerID(t, db, "cass"), 10)
		b := o.browser()
		b.signIn("wang@cass.example")
		remove := func(role string) *http.Response {
			resp, _ := b.post("/office/team/members/remove", url.Values{"partner": {cass}, "account": {strconv.FormatInt(me.ID, 10)}, "role": {role}})
			return resp
		}
		// The last organiser is refused on the team page, in their
		// language, with the team still shown.
		lonely := o.account("ivan@riac.example", "Иван", "ru", false, "riac:organiser")
		ivan := o.browser()
		ivan.signIn("ivan@riac.example")
		resp, doc := ivan.post("/office/team/members/remove", url.Values{"partner": {strconv.FormatInt(partnerID(t, db, "riac"), 10)},
			"account": {strconv.FormatInt(lonely.ID, 10)}, "role": {"organiser"}})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(doc.Find("#refusal").Text(), "организатор") ||
			doc.Find("table.members").Length() != 1 {
			t.Errorf("removing the last organiser: %d, message %q", resp.StatusCode, doc.Find("#refusal").Text())
		}
		// Still in the team (as an editor) but no longer allowed its page.
		if resp := remove("organiser"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/" {
			t.Errorf("removing one's own organiser role: %d → %q, want the dashboard", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, doc = b.get("/office/")
		if resp.StatusCode != 200 || doc.Find(".flash").Text() == "" {
			t.Errorf("the dashboard after removal: %d, notice %q", resp.StatusCode, doc.Find(".flash").Text())
		}
		// An organiser who removes another's role stays on the team page.
		li := o.browser()
		li.signIn("li@cass.example")
		resp, _ = li.post("/office/team/members/remove", url.Values{"partner": {cass}, "account": {strconv.FormatInt(me.ID, 10)}, "role": {"editor"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/team" {
			t.Errorf("removing another's role: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		// The team page lists each member once, with their roles.
		_, doc = li.get("/office/team")
		if n := doc.Find("table.members tbody tr").Length(); n != 1 || doc.Find("table.members .member-roles button").Length() != 1 {
			t.Errorf("team table: %d rows", n)
		}
	})
}

// Inviting an address that has an open invitation to the team is refused
// at the e-mail field, pointing at resending the one there is, with what
// was typed kept; no second invitation or mail is made.
func TestOfficeTeamInviteTwice(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("org@cass.example", "Org", "en", false, "cass:organiser")
		org := o.browser()
		org.signIn("org@cass.example")
		cass := partnerID(t, db, "cass")
		// The form starts at the least privileged role and the
		// organiser's own language.
		_, doc := org.get("/office/team")
		if role, lang := doc.Find("#role option[selected]").AttrOr("value", ""), doc.Find("#lang option[selected]").AttrOr("value", ""); role != "reviewer" || lang != "en" {
			t.Errorf("invitation form defaults: role %q, language %q; want reviewer, en", role, lang)
		}
		form := url.Values{"partner": {strconv.FormatInt(cass, 10)}, "email": {"wang@cass.example"}, "name": {"Wang"},
			"role": {"translator"}, "lang": {"zh"}}
		if resp, _ := org.post("/office/team/invitations", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("first invitation: %d", resp.StatusCode)
		}
		resp, doc := org.post("/office/team/invitations", form)
		if msg := fieldError(doc, "email"); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "resend") ||
			doc.Find("#email").AttrOr("value", "") != "wang@cass.example" {
			t.Errorf("second invitation: %d, message %q, e-mail kept %q", resp.StatusCode, msg, doc.Find("#email").AttrOr("value", ""))
		}
		if invs, _ := o.accts.ListInvitations(t.Context(), cass); len(invs) != 1 {
			t.Errorf("%d invitations, want 1", len(invs))
		}
		// Expired, it stays in the list as expired, with a resend that
		// gives it a new week.
		o.clock.advance(account.InvitationValidFor + time.Hour)
		_, doc = org.get("/office/team")
		item := doc.Find(".invitations li")
		if !strings.Contains(item.Text(), "expired on") || item.Find(`form[action$="/resend"]`).Length() != 1 {
			t.Errorf("expired invitation in the list: %q", strings.Join(strings.Fields(item.Text()), " "))
		}
		invs, _ := o.accts.ListInvitations(t.Context(), cass)
		if resp, _ := org.post("/office/team/invitations/"+strconv.FormatInt(invs[0].ID, 10)+"/resend", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("resend of the expired invitation: %d", resp.StatusCode)
		}
		if _, doc = org.get("/office/team"); !strings.Contains(doc.Find(".invitations li").Text(), "expires") {
			t.Errorf("resent invitation: %q", doc.Find(".invitations li").Text())
		}
	})
}

// The team's history names whom an invitation or a removal was about and
// the role.
func TestOfficeTeamHistoryNamesWhom(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		o.account("org@cass.example", "Org", "en", false, "cass:organiser")
		zhang := o.account("zhang@cass.example", "Zhang", "zh", false, "cass:editor")
		org := o.browser()
		org.signIn("org@cass.example")
		cass := strconv.FormatInt(partnerID(t, db, "cass"), 10)
		if resp, _ := org.post("/office/team/invitations", url.Values{"partner": {cass}, "email": {"wang@cass.example"}, "name": {"Wang"},
			"role": {"translator"}, "lang": {"zh"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite: %d", resp.StatusCode)
		}
		if resp, _ := org.post("/office/team/members/remove", url.Values{"partner": {cass}, "account": {strconv.FormatInt(zhang.ID, 10)},
			"role": {"editor"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %d", resp.StatusCode)
		}
		_, doc := org.get("/office/team")
		history := strings.Join(strings.Fields(doc.Find(".object-events").Text()), " ")
		for _, want := range []string{"invited to the team: Wang <wang@cass.example>, translator", "removed from the team: Zhang <zhang@cass.example>, editor"} {
			if !strings.Contains(history, want) {
				t.Errorf("team history lacks %q: %q", want, history)
			}
		}
	})
}
