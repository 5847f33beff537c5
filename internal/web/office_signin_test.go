package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func TestOfficeSignIn(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		b := o.browser()

		// A visitor is sent to the sign-in form, which remembers where to
		// come back to.
		resp, _ := b.get("/office/forums")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/signin?next=%2Foffice%2Fforums" {
			t.Fatalf("visitor at /office/forums: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, doc := b.get("/office/signin?lang=ru")
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("sign-in form: %d, Cache-Control %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		if got := strings.TrimSpace(doc.Find("h1").Text()); got != "Вход" {
			t.Errorf("sign-in form with ?lang=ru is headed %q", got)
		}
		before := b.cookie("tandem_session")

		// A wrong password: the same message for an unknown address, the
		// address kept, the password not.
		for _, email := range []string{"li@cass.example", "nobody@cass.example"} {
			resp, doc = b.post("/office/signin", url.Values{"email": {email}, "password": {"wrong password!"}})
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Fatalf("wrong password for %s: status %d", email, resp.StatusCode)
			}
			if msg := doc.Find(".form-error").Text(); !strings.Contains(msg, "пароль") {
				t.Errorf("wrong password for %s: message %q, want one in Russian", email, msg)
			}
			if v, _ := doc.Find("#email").Attr("value"); v != email {
				t.Errorf("the address typed was not kept: %q", v)
			}
			if doc.Find("#password[value]").Length() > 0 {
				t.Error("the password was sent back")
			}
		}

		// Each failure is in the event log, with the client's address:
		// about the account when the address names one, about nothing
		// otherwise; never with the password.
		li, err := o.accts.ByEmail(t.Context(), "li@cass.example")
		if err != nil {
			t.Fatal(err)
		}
		failures, err := eventlog.List(t.Context(), db, eventlog.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var subjects []string
		for _, e := range failures {
			if e.Action != "signin.failure" {
				continue
			}
			subjects = append(subjects, e.Subject)
			if e.ClientAddr != "127.0.0.1" || e.ActorID != 0 || strings.Contains(string(e.Before)+string(e.After)+e.Note, "wrong password") {
				t.Errorf("failure event: %+v", e)
			}
		}
		if got, want := strings.Join(subjects, ","), ",account:"+strconv.FormatInt(li.ID, 10); got != want {
			t.Errorf("failed sign-ins logged about %q (newest first), want %q", got, want)
		}

		// The right one: a new session token, and the dashboard in the
		// account's language.
		resp, _ = b.post("/office/signin", url.Values{"email": {"LI@cass.example"}, "password": {testPassword}, "next": {"/office/"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/" {
			t.Fatalf("sign in: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		after := b.cookie("tandem_session")
		if after == "" || after == before {
			t.Errorf("session token at sign-in: %q → %q, want a new one", before, after)
		}
		resp, doc = b.get("/office/")
		if resp.StatusCode != 200 || !strings.Contains(doc.Find("h1").Text(), "李明") || doc.Find("html").AttrOr("lang", "") != "zh-CN" {
			t.Fatalf("dashboard: %d, h1 %q, lang %q", resp.StatusCode, doc.Find("h1").Text(), doc.Find("html").AttrOr("lang", ""))
		}

		// Signing out ends the session on the server: the old cookie no
		// longer lets anyone in.
		stolen := b.cookie("tandem_session")
		if resp, _ = b.post("/office/signout", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out: %d", resp.StatusCode)
		}
		thief := o.browser()
		u, _ := url.Parse(o.srv.URL + "/office/")
		thief.c.Jar.SetCookies(u, []*http.Cookie{{Name: "tandem_session", Value: stolen, Path: "/office"}})
		if resp, _ = thief.get("/office/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the cookie of a signed-out session still lets in: %d", resp.StatusCode)
		}

		events, err := eventlog.List(t.Context(), db, eventlog.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
		}
		if got := strings.Join(actions, " "); !strings.Contains(got, "signout signin.success") {
			t.Errorf("event log (newest first): %s", got)
		}
	})
}

// A form posted from another site is refused, whatever the session.
func TestOfficeRefusesCrossOriginPost(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("li@cass.example", "Li Ming", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("li@cass.example")
		for _, h := range [][]string{
			{"Origin", "https://evil.example"},
			{"Sec-Fetch-Site", "cross-site"},
		} {
			resp, doc := b.post("/office/signout", url.Values{}, h...)
			if resp.StatusCode != http.StatusForbidden {
				t.Errorf("POST with %s: %s: status %d, want 403", h[0], h[1], resp.StatusCode)
			}
			if resp.Header.Get("Cache-Control") != "no-store" || doc.Find("h1").Length() == 0 {
				t.Errorf("the refusal is not an office page: Cache-Control %q", resp.Header.Get("Cache-Control"))
			}
		}
		if resp, _ := b.get("/office/"); resp.StatusCode != 200 {
			t.Errorf("after refused sign-outs the session is gone: %d", resp.StatusCode)
		}
		// The refusal speaks the signed-in account's language, or else
		// the visitor's.
		o.account("ivan@riac.example", "Иван", "ru", false, "riac:editor")
		ivan := o.browser()
		ivan.signIn("ivan@riac.example")
		if resp, doc := ivan.post("/office/signout", url.Values{}, "Origin", "https://evil.example", "Accept-Language", "zh"); resp.StatusCode != http.StatusForbidden ||
			doc.Find("html").AttrOr("lang", "") != "ru-RU" {
			t.Errorf("cross-origin refusal for a Russian account: %d, lang %q", resp.StatusCode, doc.Find("html").AttrOr("lang", ""))
		}
		if resp, doc := o.browser().post("/office/signin", url.Values{}, "Origin", "https://evil.example", "Accept-Language", "zh-CN,zh"); resp.StatusCode != http.StatusForbidden ||
			doc.Find("html").AttrOr("lang", "") != "zh-CN" {
			t.Errorf("cross-origin refusal for a Chinese visitor: %d, lang %q", resp.StatusCode, doc.Find("html").AttrOr("lang", ""))
		}
		resp, _ := b.post("/office/signout", url.Values{}, "Origin", o.srv.URL)
		if resp.StatusCode != http.StatusSeeOther {
			t.Errorf("POST from the site's own origin: %d", resp.StatusCode)
		}
	})
}

// After a right password, the one-time code is asked for in the account's
// language, not the browser's; a wrong code is in the event log.
func TestOfficeSignInTOTPLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		a := o.account("li@cass.example", "李明", "zh", false, "cass:editor")
		en, err := o.accts.GenerateTOTP(t.Context(), a)
		if err != nil {
			t.Fatal(err)
		}
		code, err := totp.GenerateCode(en.Secret, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.accts.ConfirmTOTP(t.Context(), a.ID, code); err != nil {
			t.Fatal(err)
		}
		b := o.browser()
		b.get("/office/signin?lang=ru")
		resp, _ := b.post("/office/signin", url.Values{"email": {"li@cass.example"}, "password": {testPassword}}, "Accept-Language", "ru")
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("password: %d", resp.StatusCode)
		}
		resp, doc := b.get(resp.Header.Get("Location"), "Accept-Language", "ru")
		if resp.StatusCode != 200 || strings.TrimSpace(doc.Find("h1").Text()) != "一次性验证码" || doc.Find("html").AttrOr("lang", "") != "zh-CN" {
			t.Errorf("code form: %d, headed %q, lang %q", resp.StatusCode, doc.Find("h1").Text(), doc.Find("html").AttrOr("lang", ""))
		}
		resp, doc = b.post("/office/signin/totp", url.Values{"code": {"000000"}}, "Accept-Language", "ru")
		if msg := doc.Find(".form-error").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "验证码错误") {
			t.Errorf("a wrong code: %d, message %q", resp.StatusCode, msg)
		}
		events, err := eventlog.List(t.Context(), db, eventlog.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(events) == 0 || events[0].Action != "signin.failure" || events[0].Subject != "account:"+strconv.FormatInt(a.ID, 10) {
			t.Errorf("the wrong code is not logged: %+v", events)
		}
	})
}

// The one-time code's page has a way back: signing in as someone else
// ends the half-done sign-in, and a hint says whom to ask when the
// authenticator and the recovery codes are lost.
func TestOfficeSignInTOTPWayBack(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		a := o.account("ivan@riac.example", "Ivan", "en", false, "riac:editor")
		en, err := o.accts.GenerateTOTP(t.Context(), a)
		if err != nil {
			t.Fatal(err)
		}
		code, _ := totp.GenerateCode(en.Secret, time.Now())
		if _, err := o.accts.ConfirmTOTP(t.Context(), a.ID, code); err != nil {
			t.Fatal(err)
		}
		b := o.browser()
		if resp, _ := b.post("/office/signin", url.Values{"email": {"ivan@riac.example"}, "password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("password: %d", resp.StatusCode)
		}
		_, doc := b.get("/office/signin/totp")
		back := doc.Find(`form[action="/office/signout"] button`)
		if strings.TrimSpace(back.Text()) != "Sign in as someone else" || !strings.Contains(doc.Text(), "Ask an administrator") {
			t.Errorf("way back %q; page %.200q", back.Text(), strings.Join(strings.Fields(doc.Text()), " "))
		}
		if resp, _ := b.post("/office/signout", url.Values{}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/signin" {
			t.Errorf("sign in as someone else: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := b.get("/office/signin/totp"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/signin" {
			t.Errorf("the code's page after going back: %d → %q, want the sign-in form", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}
