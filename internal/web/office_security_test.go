package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/pquerna/otp/totp"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// throttleDelays are the waits before the answers to the first four
// failures of one account.
var throttleDelays = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}

// failureReasons returns, oldest first, the action and reason of each
// failure and lock event about the account.
func failureReasons(t *testing.T, db *store.DB, accountID int64) []string {
	t.Helper()
	events, err := eventlog.List(t.Context(), db, eventlog.Filter{Subject: "account:" + strconv.FormatInt(accountID, 10)})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(events)
	var got []string
	for _, e := range events {
		if !strings.HasPrefix(e.Action, "signin.") || e.Action == "signin.success" {
			continue
		}
		var after struct{ Reason string }
		json.Unmarshal(e.After, &after)
		got = append(got, e.Action+" "+after.Reason)
		if e.ClientAddr != "127.0.0.1" || strings.Contains(string(e.Before)+string(e.After)+e.Note, "wrong password") {
			t.Errorf("%s event: %+v", e.Action, e)
		}
	}
	return got
}

// repeat returns n copies of s followed by the rest.
func repeat(s string, n int, rest ...string) []string {
	return append(slices.Repeat([]string{s}, n), rest...)
}

// An invitation link to an existing account asks for its password: a
// guesser with the link meets the sign-in's delays and lock, and the lock
// then holds at the sign-in form too.
func TestOfficeInvitationGuessingLocks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		waits := web.SkipWaits(o.web)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		ivan := o.account("ivan@riac.example", "Иван Петров", "ru", false, "riac:editor")
		org := o.browser()
		org.signIn("li@cass.example")
		if resp, _ := org.post("/office/team/invitations", url.Values{"partner": {strconv.FormatInt(partnerID(t, db, "cass"), 10)},
			"email": {"ivan@riac.example"}, "name": {"Иван"}, "role": {"translator"}, "lang": {"ru"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite: %d", resp.StatusCode)
		}
		link := o.linkIn(o.mailTo(1, "ivan@riac.example"))

		guesser := o.browser()
		for i := range account.LockAfter - 1 {
			resp, doc := guesser.post(link, url.Values{"password": {"wrong password " + strconv.Itoa(i)}})
			if msg := fieldError(doc, "password"); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "Это не пароль") {
				t.Fatalf("guess %d: %d, message %q", i+1, resp.StatusCode, msg)
			}
		}
		if got := waits(); !slices.Equal(got, throttleDelays) {
			t.Errorf("delays before the answers %v, want %v", got, throttleDelays)
		}
		resp, doc := guesser.post(link, url.Values{"password": {"wrong password 5"}})
		if msg := fieldError(doc, "password"); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(msg, "Повторите через 15\u00a0минут") {
			t.Errorf("fifth guess: %d, message %q, want the lock in Russian", resp.StatusCode, msg)
		}
		// Locked: the right password is refused here and at sign-in.
		if resp, _ := guesser.post(link, url.Values{"password": {testPassword}}); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("the right password at the link while locked: %d", resp.StatusCode)
		}
		owner := o.browser()
		owner.get("/office/signin?lang=ru")
		resp, doc = owner.post("/office/signin", url.Values{"email": {"ivan@riac.example"}, "password": {testPassword}})
		if msg := doc.Find(".form-error").Text(); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(msg, "Слишком много неудачных попыток") {
			t.Errorf("sign-in after the guesses: %d, message %q, want locked", resp.StatusCode, msg)
		}
		want := repeat("signin.failure invitation", account.LockAfter-1, "signin.locked invitation")
		if got := failureReasons(t, db, ivan.ID); !slices.Equal(got, want) {
			t.Errorf("events %q, want %q", got, want)
		}
		// A lock's end lets the right password accept.
		o.clock.advance(account.LockFor)
		if resp, _ := owner.post(link, url.Values{"password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the right password after the lock: %d", resp.StatusCode)
		}
	})
}

// A signed-in session that guesses its own current password meets the
// sign-in's delays and lock, and the guesses are in the event log.
func TestOfficePasswordChangeGuessingLocks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		waits := web.SkipWaits(o.web)
		anna := o.account("anna@riac.example", "Anna", "en", false, "riac:reviewer")
		b := o.browser()
		b.signIn("anna@riac.example")
		change := func(current string) (*http.Response, *goquery.Document) {
			return b.post("/office/account/password", url.Values{"current": {current}, "password": {"a brand new password"}, "password2": {"a brand new password"}})
		}
		for i := range account.LockAfter - 1 {
			resp, doc := change("guess " + strconv.Itoa(i))
			if msg := fieldError(doc, "current"); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "current password is wrong") {
				t.Fatalf("guess %d: %d, message %q", i+1, resp.StatusCode, msg)
			}
		}
		if got := waits(); !slices.Equal(got, throttleDelays) {
			t.Errorf("delays %v, want %v", got, throttleDelays)
		}
		resp, doc := change("guess 5")
		if msg := fieldError(doc, "current"); resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(msg, "15 minutes") {
			t.Errorf("fifth guess: %d, message %q, want locked for 15 minutes", resp.StatusCode, msg)
		}
		if resp, _ := change(testPassword); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("the right password while locked: %d", resp.StatusCode)
		}
		if resp, _ := o.browser().post("/office/signin", url.Values{"email": {"anna@riac.example"}, "password": {testPassword}}); resp.StatusCode != http.StatusTooManyRequests {
			t.Errorf("sign-in while locked: %d", resp.StatusCode)
		}
		want := repeat("signin.failure password_change", account.LockAfter-1, "signin.locked password_change")
		if got := failureReasons(t, db, anna.ID); !slices.Equal(got, want) {
			t.Errorf("events %q, want %q", got, want)
		}
		o.clock.advance(account.LockFor)
		if resp, _ := change(testPassword); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the right password after the lock: %d", resp.StatusCode)
		}
	})
}

// signInWithCode signs b in as email with testPassword and code at the
// one-time code step, and returns the answer to the code.
func signInWithCode(t *testing.T, b *browser, email, code string) (*http.Response, *goquery.Document) {
	t.Helper()
	resp, _ := b.post("/office/signin", url.Values{"email": {email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/office/signin/totp") {
		t.Fatalf("password of %s: %d → %q, want the code's step", email, resp.StatusCode, resp.Header.Get("Location"))
	}
	return b.post("/office/signin/totp", url.Values{"code": {code}})
}

// body returns the page at path as b gets it, whole.
func body(b *browser, path string) string {
	_, text := b.do("GET", path, nil)
	return text
}

// page returns the page at path as b gets it.
func page(b *browser, path string) *goquery.Document {
	_, doc := b.get(path)
	return doc
}

// codesOn returns the recovery codes a page shows.
func codesOn(doc *goquery.Document) []string {
	var codes []string
	doc.Find("#recovery-codes code").Each(func(_ int, s *goquery.Selection) { codes = append(codes, strings.TrimSpace(s.Text())) })
	return codes
}

func TestOfficeRecoveryCodes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		web.SkipWaits(o.web)
		ivan := o.account("ivan@riac.example", "Иван", "ru", false, "riac:editor")
		b := o.browser()
		b.signIn("ivan@riac.example")
		if _, doc := b.get("/office/account"); doc.Find("#recovery-left").Length() != 0 {
			t.Error("recovery codes offered without two-step sign-in")
		}
		_, doc := b.get("/office/account/totp")
		secret := strings.TrimSpace(doc.Find("#secret").Text())
		code, err := totp.GenerateCode(secret, o.clock.now())
		if err != nil {
			t.Fatal(err)
		}
		// Turning it on shows ten codes, this once.
		resp, doc := b.post("/office/account/totp", url.Values{"code": {code}})
		codes := codesOn(doc)
		if resp.StatusCode != 200 || len(codes) != account.RecoveryCodeCount || !strings.Contains(doc.Find("main").Text(), "Двухэтапный вход включён") {
			t.Fatalf("turned on: %d, codes %q", resp.StatusCode, codes)
		}
		if strings.Contains(body(b, "/office/account"), codes[0]) || strings.Contains(body(b, "/office/account/totp"), codes[0]) {
			t.Error("a recovery code is shown again after the page that made it")
		}
		if got := strings.TrimSpace(page(b, "/office/account").Find("#recovery-left").Text()); got != "Осталось 10 неиспользованных резервных кодов." {
			t.Errorf("account page says %q", got)
		}

		// A recovery code signs in once, in place of the one-time code.
		c := o.browser()
		resp, _ = signInWithCode(t, c, "ivan@riac.example", strings.ToLower(codes[0]))
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign-in with a recovery code: %d", resp.StatusCode)
		}
		if resp, doc := c.get("/office/"); resp.StatusCode != 200 || !strings.Contains(doc.Find(".flash").Text(), "Осталось 9 кодов") {
			t.Errorf("after a recovery code: %d, notice %q", resp.StatusCode, doc.Find(".flash").Text())
		}
		if got := strings.TrimSpace(page(c, "/office/account").Find("#recovery-left").Text()); got != "Осталось 9 неиспользованных резервных кодов." {
			t.Errorf("account page after one use says %q", got)
		}
		resp, doc = signInWithCode(t, o.browser(), "ivan@riac.example", codes[0])
		if msg := doc.Find(".form-error").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "уже использован") {
			t.Errorf("the same code again: %d, message %q", resp.StatusCode, msg)
		}

		// A new set, for the password only, voids the old one.
		resp, doc = b.post("/office/account/totp/recovery", url.Values{"recovery-password": {"not my password"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, "recovery-password") == "" || len(codesOn(doc)) != 0 {
			t.Errorf("new codes with a wrong password: %d, message %q", resp.StatusCode, fieldError(doc, "recovery-password"))
		}
		resp, doc = b.post("/office/account/totp/recovery", url.Values{"recovery-password": {testPassword}})
		fresh := codesOn(doc)
		if resp.StatusCode != 200 || len(fresh) != account.RecoveryCodeCount || slices.Contains(fresh, codes[1]) {
			t.Fatalf("new codes: %d, %q", resp.StatusCode, fresh)
		}
		resp, _ = signInWithCode(t, o.browser(), "ivan@riac.example", codes[1])
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("an old code after a new set: %d, want refused", resp.StatusCode)
		}
		if resp, _ = signInWithCode(t, o.browser(), "ivan@riac.example", fresh[0]); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("a new code: %d", resp.StatusCode)
		}

		events, err := eventlog.List(t.Context(), db, eventlog.Filter{Subject: "account:" + strconv.FormatInt(ivan.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range slices.Backward(events) {
			switch e.Action {
			case "account.recovery_code", "account.recovery_codes", "signin.failure":
				got = append(got, e.Action+" "+string(e.After))
			}
			for _, c := range append(codes, fresh...) {
				if strings.Contains(string(e.After)+e.Note, c) || strings.Contains(string(e.After)+e.Note, strings.ReplaceAll(c, "-", "")) {
					t.Errorf("%s records a recovery code", e.Action)
				}
			}
		}
		want := []string{`account.recovery_code {"left":9}`, `signin.failure {"reason":"recovery_code"}`, `signin.failure {"reason":"recovery_codes_new"}`,
			`account.recovery_codes {"left":10}`, `signin.failure {"reason":"recovery_code"}`, `account.recovery_code {"left":9}`}
		if !slices.Equal(got, want) {
			t.Errorf("events\n%q\nwant\n%q", got, want)
		}
	})
}

// The count of recovery codes left reads right in every language.
func TestRecoveryCodesLeftPlurals(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"ru", 1, "Остался 1 неиспользованный резервный код."},
		{"ru", 3, "Осталось 3 неиспользованных резервных кода."},
		{"ru", 5, "Осталось 5 неиспользованных резервных кодов."},
		{"ru", 21, "Остался 21 неиспользованный резервный код."},
		{"ru", 0, "Осталось 0 неиспользованных резервных кодов."},
		{"en", 1, "1 unused recovery code left."},
		{"en", 10, "10 unused recovery codes left."},
		{"zh", 2, "还剩2个未使用的恢复码。"},
	} {
		if got := c.Printer(tt.lang).N("office.team.recovery.left", tt.n); got != tt.want {
			t.Errorf("%s %d: %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// An admin can turn off the two-step sign-in of someone who lost their
// authenticator: confirmed, logged, their sessions ended. Nobody else
// can, and where admins must use it, an admin whose sign-in was turned
// off must enrol again.
func TestOfficeAdminTurnsTOTPOff(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, true)
		enrol := func(a *account.Account) string {
			en, err := o.accts.GenerateTOTP(t.Context(), a)
			if err != nil {
				t.Fatal(err)
			}
			code, _ := totp.GenerateCode(en.Secret, o.clock.now())
			if _, err := o.accts.ConfirmTOTP(t.Context(), a.ID, code); err != nil {
				t.Fatal(err)
			}
			return en.Secret
		}
		// Each sign-in with a code uses a later 30-second step.
		signIn := func(b *browser, email, secret string) {
			t.Helper()
			o.clock.advance(30 * time.Second)
			code, _ := totp.GenerateCode(secret, o.clock.now())
			if resp, _ := signInWithCode(t, b, email, code); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("sign in as %s: %d", email, resp.StatusCode)
			}
		}
		boss := o.account("admin@forum.example", "Admin", "en", true)
		other := o.account("second@forum.example", "Second admin", "en", true)
		li := o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		bossSecret, otherSecret, liSecret := enrol(boss), enrol(other), enrol(li)

		admin := o.browser()
		signIn(admin, "admin@forum.example", bossSecret)
		lis := o.browser()
		signIn(lis, "li@cass.example", liSecret)

		liPath := "/office/accounts/" + strconv.FormatInt(li.ID, 10) + "/totp-off"
		_, doc := admin.get("/office/accounts")
		if doc.Find(`a[href="`+liPath+`"]`).Length() != 1 {
			t.Errorf("the accounts page has no link to turn off li's two-step sign-in")
		}
		if doc.Find(`a[href="/office/accounts/`+strconv.FormatInt(boss.ID, 10)+`/totp-off"]`).Length() != 0 {
			t.Errorf("the accounts page offers the admin to turn off their own")
		}
		// Only admins.
		if resp, _ := lis.get(liPath); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an organiser opens the confirmation: %d, want 403", resp.StatusCode)
		}
		if resp, _ := lis.post(liPath, url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an organiser turns it off: %d, want 403", resp.StatusCode)
		}
		// Without the confirmation nothing happens.
		resp, doc := admin.get(liPath)
		if resp.StatusCode != 200 || !strings.Contains(doc.Find("main").Text(), "li@cass.example") || doc.Find(`form input[name="confirm"]`).Length() != 1 {
			t.Fatalf("confirmation page: %d", resp.StatusCode)
		}
		if resp, _ := admin.post(liPath, url.Values{}); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != liPath {
			t.Errorf("without confirmation: %d → %q, want the confirmation page", resp.StatusCode, resp.Header.Get("Location"))
		}
		if a, _ := o.accts.ByID(t.Context(), li.ID); !a.TOTPEnabled {
			t.Fatal("turned off without confirmation")
		}
		resp, _ = admin.post(liPath, url.Values{"confirm": {"yes"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/accounts" {
			t.Fatalf("turn off: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, doc := admin.get("/office/accounts"); !strings.Contains(doc.Find(".flash").Text(), "off") {
			t.Errorf("no notice after turning off: %q", doc.Find(".flash").Text())
		}
		if resp, _ := lis.get("/office/"); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("li's session after the turn-off: %d, want ended", resp.StatusCode)
		}
		lis.signIn("li@cass.example") // the password alone
		events, err := eventlog.List(t.Context(), db, eventlog.Filter{Subject: "account:" + strconv.FormatInt(li.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range events {
			if e.Action == "account.totp" && e.ActorID == boss.ID && strings.Contains(string(e.After), `"enabled":false`) {
				found = true
			}
		}
		if !found {
			t.Errorf("no account.totp event by the admin about li")
		}

		// Another admin's: they must enrol again at their next sign-in.
		otherPath := "/office/accounts/" + strconv.FormatInt(other.ID, 10) + "/totp-off"
		if resp, _ := admin.post(otherPath, url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("turn off the other admin's: %d", resp.StatusCode)
		}
		_ = otherSecret
		second := o.browser()
		second.signIn("second@forum.example")
		if resp, _ := second.get("/office/"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/account/totp" {
			t.Errorf("the other admin after the turn-off: %d → %q, want the enrolment", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}

// Accepting an invitation as an account with two-step sign-in asks for its
// code with the password: the password alone grants nothing. Someone else
// signed in on the browser is signed out, with a notice.
func TestOfficeInvitationAsksTwoStepCode(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		waits := web.SkipWaits(o.web)
		o.account("li@cass.example", "李明", "zh", false, "cass:organiser")
		ivan := o.account("ivan@riac.example", "Иван Петров", "en", false, "riac:editor")
		en, err := o.accts.GenerateTOTP(t.Context(), ivan)
		if err != nil {
			t.Fatal(err)
		}
		first, _ := totp.GenerateCode(en.Secret, o.clock.now())
		recovery, err := o.accts.ConfirmTOTP(t.Context(), ivan.ID, first)
		if err != nil {
			t.Fatal(err)
		}
		org := o.browser()
		org.signIn("li@cass.example")
		if resp, _ := org.post("/office/team/invitations", url.Values{"partner": {strconv.FormatInt(partnerID(t, db, "cass"), 10)},
			"email": {"ivan@riac.example"}, "name": {"Иван"}, "role": {"translator"}, "lang": {"en"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("invite: %d", resp.StatusCode)
		}
		link := o.linkIn(o.mailTo(1, "ivan@riac.example"))

		// The organiser opens the link on their own browser.
		_, doc := org.get(link)
		if doc.Find("input#code").Length() != 1 || !strings.Contains(doc.Find(".notice").Text(), "li@cass.example") {
			t.Errorf("invitation page: code field %d, notice %q", doc.Find("input#code").Length(), doc.Find(".notice").Text())
		}
		resp, doc := org.post(link, url.Values{"password": {testPassword}})
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, "code") == "" {
			t.Errorf("password alone: %d, code message %q", resp.StatusCode, fieldError(doc, "code"))
		}
		resp, doc = org.post(link, url.Values{"password": {testPassword}, "code": {"000000"}})
		if resp.StatusCode != http.StatusUnprocessableEntity || fieldError(doc, "code") == "" {
			t.Errorf("a wrong code: %d, code message %q", resp.StatusCode, fieldError(doc, "code"))
		}
		if got := waits(); len(got) != 1 || got[0] <= 0 {
			t.Errorf("delays before answering a wrong code %v, want the throttle's one", got)
		}
		if a, _ := o.accts.ByID(t.Context(), ivan.ID); len(a.Memberships) != 1 {
			t.Errorf("memberships before a right code: %v", a.Memberships)
		}
		o.clock.advance(30 * time.Second)
		code, _ := totp.GenerateCode(en.Secret, o.clock.now())
		if resp, _ := org.post(link, url.Values{"password": {testPassword}, "code": {code}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("password and code: %d", resp.StatusCode)
		}
		if a, _ := o.accts.ByID(t.Context(), ivan.ID); len(a.Memberships) != 2 {
			t.Errorf("memberships after a right code: %v", a.Memberships)
		}
		_, doc = org.get("/office/account")
		if page := doc.Text(); !strings.Contains(page, "ivan@riac.example") || !strings.Contains(page, "signed out") {
			t.Errorf("after accepting on the organiser's browser: signed in as Ivan with a notice? %.300q", strings.Join(strings.Fields(page), " "))
		}

		// A recovery code may stand for the code; it is used up and logged
		// as at sign-in.
		org = o.browser()
		org.signIn("li@cass.example")
		if resp, _ := org.post("/office/team/invitations", url.Values{"partner": {strconv.FormatInt(partnerID(t, db, "cass"), 10)},
			"email": {"ivan@riac.example"}, "name": {"Иван"}, "role": {"reviewer"}, "lang": {"en"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("second invitation: %d", resp.StatusCode)
		}
		link = o.linkIn(o.mailTo(2, "ivan@riac.example"))
		if resp, _ := o.browser().post(link, url.Values{"password": {testPassword}, "code": {recovery[0]}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("password and recovery code: %d", resp.StatusCode)
		}
		events, err := eventlog.List(t.Context(), db, eventlog.Filter{Subject: "account:" + strconv.FormatInt(ivan.ID, 10)})
		if err != nil {
			t.Fatal(err)
		}
		used := slices.IndexFunc(events, func(e *eventlog.Event) bool { return e.Action == "account.recovery_code" })
		if used < 0 || !strings.Contains(string(events[used].After), `"left":9`) {
			t.Errorf("the recovery code used on the invitation is not logged with 9 left (event %d)", used)
		}
	})
}

// A dead invitation link speaks the language chosen with ?lang=, as a
// dead reset link does.
func TestOfficeDeadLinkLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newTeamOffice(t, db, false)
		for _, tt := range []struct{ path, want string }{
			{"/office/invitations/no-such-token?lang=ru", "Ссылка недействительна"},
			{"/office/invitations/no-such-token?lang=zh", "链接"},
			{"/office/reset/no-such-token?lang=ru", "Ссылка недействительна"},
		} {
			resp, doc := o.browser().get(tt.path)
			if h := doc.Find("h1").Text(); resp.StatusCode != http.StatusGone || !strings.Contains(h, tt.want) {
				t.Errorf("%s: %d, heading %q, want %q", tt.path, resp.StatusCode, h, tt.want)
			}
		}
	})
}
