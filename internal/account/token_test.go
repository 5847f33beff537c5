package account

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func TestPasswordReset(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		a := mustCreate(t, s, "li@x.example", false)

		token, acct, err := s.RequestReset(ctx, "nobody@x.example")
		if token != "" || acct != nil || err != nil {
			t.Errorf("reset for an unknown address: %q, %v, %v; want nothing", token, acct, err)
		}
		// Lock the account first: the reset lifts the lock.
		for range LockAfter {
			s.Authenticate(ctx, "li@x.example", "wrong password!", "")
		}
		token, acct, err = s.RequestReset(ctx, "LI@x.example")
		if err != nil || acct.ID != a.ID || len(token) != 43 || strings.ContainsAny(token, "+/=") {
			t.Fatalf("RequestReset = %q, %v, %v; want a 43-character URL-safe token", token, acct, err)
		}
		var stored int
		db.QueryRow(ctx, `SELECT COUNT(*) FROM password_resets WHERE token_hash = ?`, token).Scan(&stored)
		if stored != 0 {
			t.Error("the token itself is stored, not its hash")
		}
		other, _, _ := s.RequestReset(ctx, "li@x.example")

		for _, weak := range []string{"short", strings.Repeat(" ", 10), "tab\there password"} {
			if _, err := s.Reset(ctx, token, weak); !errors.Is(err, ErrWeakPassword) {
				t.Errorf("weak password %q: %v", weak, err)
			}
		}
		if ok, err := s.ResetTokenValid(ctx, token); !ok || err != nil {
			t.Errorf("ResetTokenValid of a fresh token = %v, %v; want true", ok, err)
		}
		b, err := s.Reset(ctx, token, "a brand new password")
		if err != nil || b.SessionEpoch != a.SessionEpoch+1 {
			t.Fatalf("Reset: %v", err)
		}
		if _, err := s.Authenticate(ctx, "li@x.example", "a brand new password", ""); err != nil {
			t.Errorf("sign-in after reset (the lock should be lifted): %v", err)
		}
		if _, err := s.Reset(ctx, token, "another new password"); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("second use of a token: %v, want ErrTokenInvalid", err)
		}
		for name, tok := range map[string]string{"used": token, "spent by another reset": other, "unknown": "made-up"} {
			if ok, err := s.ResetTokenValid(ctx, tok); ok || err != nil {
				t.Errorf("ResetTokenValid of a %s token = %v, %v; want false", name, ok, err)
			}
		}
		if _, err := s.Reset(ctx, other, "another new password"); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("the account's other token after a reset: %v, want ErrTokenInvalid", err)
		}
		if _, err := s.Reset(ctx, "made-up", "another new password"); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("unknown token: %v, want ErrTokenInvalid", err)
		}
		late, _, _ := s.RequestReset(ctx, "li@x.example")
		c.advance(ResetValidFor - time.Second)
		if ok, _ := s.ResetTokenValid(ctx, late); !ok {
			t.Error("ResetTokenValid a second before expiry = false")
		}
		c.advance(time.Second)
		if ok, err := s.ResetTokenValid(ctx, late); ok || err != nil {
			t.Errorf("ResetTokenValid of an expired token = %v, %v; want false", ok, err)
		}
		if _, err := s.Reset(ctx, late, "another new password"); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("token after an hour: %v, want ErrTokenInvalid", err)
		}
	})
}

func TestInvitations(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		cass, riac := addPartner(t, db, "cass"), addPartner(t, db, "riac")
		org := mustCreate(t, s, "org@cass.example", false)
		s.Grant(ctx, org.ID, cass, Organiser)
		ed := mustCreate(t, s, "ed@cass.example", false)
		s.Grant(ctx, ed.ID, cass, Editor)
		admin := mustCreate(t, s, "admin@x.example", true)

		// Only organisers of the partner (and admins) invite into it.
		for _, tc := range []struct {
			by      *Account
			partner int64
			want    error
		}{
			{org, riac, ErrForbidden},
			{ed, cass, ErrForbidden},
			{&Account{ID: ed.ID, Memberships: []Membership{{cass, "cass", Organiser}}}, cass, ErrForbidden}, // forged roles
			{admin, riac, nil},
			{org, cass, nil},
		} {
			_, _, err := s.Invite(ctx, tc.by, tc.partner, "new@riac.example", "Иван", Translator, "ru")
			if !errors.Is(err, tc.want) {
				t.Errorf("%s invites to partner %d: %v, want %v", tc.by.Email, tc.partner, err, tc.want)
			}
		}
		// An open invitation is resent, not made again; another partner's
		// team may invite the same address.
		if _, _, err := s.Invite(ctx, org, cass, "New@riac.example", "Иван", Editor, "ru"); !errors.Is(err, ErrAlreadyInvited) {
			t.Errorf("inviting an address invited already: %v, want ErrAlreadyInvited", err)
		}
		if _, _, err := s.Invite(ctx, org, cass, "ed@cass.example", "Ed", Editor, "en"); !errors.Is(err, ErrAlreadyMember) {
			t.Errorf("inviting a member with their role: %v", err)
		}
		if _, _, err := s.Invite(ctx, org, cass, "x@cass.example", "X", Role("admin"), "en"); !errors.Is(err, ErrInvalidRole) {
			t.Errorf("inviting with role admin: %v", err)
		}

		inv, token, err := s.Invite(ctx, org, cass, "Petrov@RIAC.example", "Пётр", Translator, "ru")
		if err != nil {
			t.Fatal(err)
		}
		if inv.Email != "petrov@riac.example" || !inv.ExpiresAt.Equal(c.t.Add(7*24*time.Hour)) {
			t.Errorf("invitation %+v", inv)
		}
		// Resend: the old token dies, the new one works.
		if _, _, err := s.Resend(ctx, ed, inv.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("an editor resends: %v", err)
		}
		c.advance(6 * 24 * time.Hour)
		inv2, token2, err := s.Resend(ctx, org, inv.ID)
		if err != nil || !inv2.ExpiresAt.Equal(c.t.Add(InvitationValidFor)) {
			t.Fatalf("Resend: %v", err)
		}
		if _, err := s.Accept(ctx, token, "Пётр", pw, "", "ru", ""); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("the old token after a resend: %v", err)
		}
		if _, err := s.Accept(ctx, token2, "Пётр", "short", "", "ru", ""); !errors.Is(err, ErrWeakPassword) {
			t.Errorf("weak password: %v", err)
		}
		c.advance(6 * 24 * time.Hour) // 12 days after the invitation, 6 after the resend
		a, err := s.Accept(ctx, token2, "", pw, "", "ru", "")
		if err != nil {
			t.Fatal(err)
		}
		if a.Email != "petrov@riac.example" || a.Name != "Пётр" || a.Lang != "ru" || len(a.Memberships) != 1 || a.Memberships[0].Role != Translator {
			t.Errorf("accepted account %+v", a)
		}
		if _, err := s.Accept(ctx, token2, "", pw, "", "ru", ""); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("second acceptance: %v", err)
		}

		// An existing account joins another partner with its own password.
		inv3, token3, err := s.Invite(ctx, admin, riac, "petrov@riac.example", "Pyotr", Reviewer, "en")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Accept(ctx, token3, "", "not my password", "", "en", ""); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("accepting for an existing account with a wrong password: %v", err)
		}
		b, err := s.Accept(ctx, token3, "", pw, "", "en", "")
		if err != nil || b.ID != a.ID || len(b.Memberships) != 2 || b.Lang != "ru" {
			t.Errorf("existing account accepts: %+v, %v", b, err)
		}

		// Revoke, expiry, and the list.
		_, token4, _ := s.Invite(ctx, org, cass, "late@x.example", "Late", Author, "zh")
		inv5, token5, _ := s.Invite(ctx, org, cass, "gone@x.example", "Gone", Author, "zh")
		if err := s.Revoke(ctx, admin, inv5.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.Revoke(ctx, org, inv5.ID); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("revoking twice: %v", err)
		}
		if err := s.Revoke(ctx, org, inv3.ID); !errors.Is(err, ErrForbidden) {
			t.Errorf("CASS's organiser revokes a RIAC invitation: %v", err)
		}
		if _, err := s.Accept(ctx, token5, "Gone", pw, "", "zh", ""); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("revoked invitation: %v", err)
		}
		c.advance(InvitationValidFor)
		if _, err := s.InvitationByToken(ctx, token4); !errors.Is(err, ErrTokenInvalid) {
			t.Errorf("expired invitation: %v", err)
		}
		list, err := s.ListInvitations(ctx, cass)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, inv := range list {
			state := "open"
			switch {
			case !inv.AcceptedAt.IsZero():
				state = "accepted"
			case !inv.RevokedAt.IsZero():
				state = "revoked"
			case !inv.Open(c.t):
				state = "expired"
			}
			got = append(got, inv.Email+":"+state)
		}
		want := "gone@x.example:revoked late@x.example:expired petrov@riac.example:accepted new@riac.example:expired"
		if strings.Join(got, " ") != want {
			t.Errorf("CASS's invitations: %v, want %s", got, want)
		}
		if err := s.RemoveMember(ctx, org, a.ID, riac, Reviewer); !errors.Is(err, ErrForbidden) {
			t.Errorf("CASS's organiser removes a RIAC member: %v", err)
		}
		if err := s.RemoveMember(ctx, org, a.ID, cass, Translator); err != nil {
			t.Errorf("CASS's organiser removes a CASS member: %v", err)
		}
	})
}

func TestLastOrganiser(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := testStore(db, newClock())
		cass := addPartner(t, db, "cass")
		org := mustCreate(t, s, "org@cass.example", false)
		admin := mustCreate(t, s, "admin@x.example", true)
		second := mustCreate(t, s, "second@cass.example", false)
		if err := s.Grant(ctx, org.ID, cass, Organiser); err != nil {
			t.Fatal(err)
		}
		s.Grant(ctx, org.ID, cass, Editor)
		// The only organiser cannot drop the role, nor can an admin take it.
		for _, by := range []*Account{org, admin} {
			err := s.RemoveMember(ctx, by, org.ID, cass, Organiser)
			if !errors.Is(err, ErrLastOrganiser) || !errors.Is(err, errkind.Conflict) {
				t.Errorf("%s removes the last organiser: %v, want ErrLastOrganiser (409)", by.Email, err)
			}
		}
		// Their other roles go freely.
		if err := s.RemoveMember(ctx, org, org.ID, cass, Editor); err != nil {
			t.Errorf("the organiser drops their editor role: %v", err)
		}
		// A disabled second organiser does not count.
		s.Grant(ctx, second.ID, cass, Organiser)
		db.Exec(ctx, `UPDATE accounts SET disabled = TRUE WHERE id = ?`, second.ID)
		if err := s.RemoveMember(ctx, admin, org.ID, cass, Organiser); !errors.Is(err, ErrLastOrganiser) {
			t.Errorf("removing the last enabled organiser: %v, want ErrLastOrganiser", err)
		}
		// With another enabled organiser, the role can go.
		db.Exec(ctx, `UPDATE accounts SET disabled = FALSE WHERE id = ?`, second.ID)
		if err := s.RemoveMember(ctx, org, org.ID, cass, Organiser); err != nil {
			t.Errorf("an organiser leaves with another in place: %v", err)
		}
		if err := s.RemoveMember(ctx, second, second.ID, cass, Organiser); !errors.Is(err, ErrLastOrganiser) {
			t.Errorf("the new last organiser leaves: %v, want ErrLastOrganiser", err)
		}
		cat, err := i18n.Load()
		if err != nil {
			t.Fatal(err)
		}
		if msg, _ := Message(cat.Printer("en"), ErrLastOrganiser); !strings.Contains(msg, "last organiser") {
			t.Errorf("English message %q", msg)
		}
	})
}

func TestTOTP(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		a := mustCreate(t, s, "li@x.example", false)
		en, err := s.GenerateTOTP(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(en.URI, "otpauth://totp/tandem:li@x.example?") || len(en.Secret) < 16 || len(en.QR) < 100 {
			t.Errorf("enrolment %q %q, %d bytes of QR", en.URI, en.Secret, len(en.QR))
		}
		code := func(at time.Time) string {
			s, err := totp.GenerateCodeCustom(en.Secret, at, totpOpts)
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		// Not on until confirmed.
		if _, err := s.Authenticate(ctx, a.Email, pw, ""); err != nil {
			t.Fatalf("before confirmation: %v", err)
		}
		if _, err := s.ConfirmTOTP(ctx, a.ID, "000000"); !errors.Is(err, ErrTOTPInvalid) && code(c.t) != "000000" {
			t.Errorf("confirming with a wrong code: %v", err)
		}
		if _, err := s.ConfirmTOTP(ctx, a.ID, code(c.t)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.GenerateTOTP(ctx, a); !errors.Is(err, ErrTOTPState) {
			t.Errorf("enrolling again while on: %v", err)
		}
		got, err := s.Authenticate(ctx, a.Email, pw, "")
		if !errors.Is(err, ErrTOTPRequired) || got == nil || got.ID != a.ID {
			t.Fatalf("sign-in with TOTP on: %v, %v; want the account and ErrTOTPRequired", got, err)
		}
		// The confirmation's code is used; the next step's code works once.
		if _, err := s.VerifyTOTP(ctx, a.ID, code(c.t)); !errors.Is(err, ErrTOTPInvalid) {
			t.Errorf("replaying the confirmation's code: %v", err)
		}
		c.advance(30 * time.Second)
		next := code(c.t)
		if _, err := s.VerifyTOTP(ctx, a.ID, next[:3]+" "+next[3:]); err != nil {
			t.Errorf("fresh code with a space: %v", err)
		}
		if _, err := s.VerifyTOTP(ctx, a.ID, next); !errors.Is(err, ErrTOTPInvalid) {
			t.Errorf("replayed code: %v", err)
		}
		// ±1 step of drift is accepted, 2 steps are not.
		c.advance(5 * time.Minute)
		if _, err := s.VerifyTOTP(ctx, a.ID, code(c.t.Add(30*time.Second))); err != nil {
			t.Errorf("code of the next step: %v", err)
		}
		c.advance(5 * time.Minute)
		if _, err := s.VerifyTOTP(ctx, a.ID, code(c.t.Add(-60*time.Second))); !errors.Is(err, ErrTOTPInvalid) {
			t.Errorf("code two steps old: %v", err)
		}
		// Wrong codes lock the account like wrong passwords.
		var lastErr error
		for i := range LockAfter {
			_, lastErr = s.VerifyTOTP(ctx, a.ID, fmt.Sprintf("%06d", i))
		}
		if !errors.Is(lastErr, ErrLocked) {
			t.Errorf("after %d wrong codes: %v, want ErrLocked", LockAfter+1, lastErr)
		}
		if err := s.DisableTOTP(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		c.advance(LockFor)
		if _, err := s.Authenticate(ctx, a.Email, pw, ""); err != nil {
			t.Errorf("after disabling TOTP: %v", err)
		}
	})
}

// Enrolment pages opened in two sessions show one secret, so the code of
// the first page's QR is still accepted after the second page was shown.
func TestTOTPEnrolmentReused(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		a := mustCreate(t, s, "two-tabs@x.example", false)
		first, err := s.GenerateTOTP(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.GenerateTOTP(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if first.Secret != second.Secret || first.URI != second.URI {
			t.Errorf("second enrolment %q, want the first's %q", second.Secret, first.Secret)
		}
		code, err := totp.GenerateCodeCustom(first.Secret, c.t, totpOpts)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ConfirmTOTP(ctx, a.ID, code); err != nil {
			t.Fatalf("code from the first page: %v", err)
		}
		// Off and on again makes a new secret.
		if err := s.DisableTOTP(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		again, err := s.GenerateTOTP(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if again.Secret == first.Secret {
			t.Error("enrolling after turning TOTP off reuses the old secret")
		}
	})
}
