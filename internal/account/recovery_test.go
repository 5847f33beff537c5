package account

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// Every place that asks for an account's password counts its failures
// with the sign-in's: an invitation guessed at, a wrong current password,
// and sign-ins lock the same account together.
func TestPasswordChecksShareTheLock(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		a := mustCreate(t, s, "li@x.example", false)
		org := mustCreate(t, s, "org@x.example", true)
		cass := addPartner(t, db, "cass")
		_, token, err := s.Invite(ctx, org, cass, "li@x.example", "Li", Editor, "en")
		if err != nil {
			t.Fatal(err)
		}

		tries := []struct {
			name string
			try  func() error
			kind error
		}{
			{"invitation", func() error { _, err := s.Accept(ctx, token, "", "wrong password!", "", "en", "192.0.2.1"); return err }, ErrBadCredentials},
			{"password change", func() error {
				_, err := s.ChangePassword(ctx, a.ID, "wrong password!", "a new password", "192.0.2.1")
				return err
			}, ErrWrongPassword},
			{"sign-in", func() error {
				_, err := s.Authenticate(ctx, "li@x.example", "wrong password!", "192.0.2.1")
				return err
			}, ErrBadCredentials},
			{"invitation", func() error { _, err := s.Accept(ctx, token, "", "wrong password!", "", "en", "192.0.2.1"); return err }, ErrBadCredentials},
		}
		var delays []time.Duration
		for i, tt := range tries {
			err := tt.try()
			var ce *CredentialsError
			if !errors.As(err, &ce) || !errors.Is(err, tt.kind) || ce.AccountID != a.ID {
				t.Fatalf("failure %d (%s): %v, want a CredentialsError of %v", i+1, tt.name, err, tt.kind)
			}
			delays = append(delays, ce.Delay)
		}
		if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}; !slices.Equal(delays, want) {
			t.Errorf("delays %v, want %v", delays, want)
		}
		// The fifth, a wrong current password, locks the account.
		_, err = s.ChangePassword(ctx, a.ID, "wrong password!", "a new password", "192.0.2.1")
		var le *LockedError
		if !errors.As(err, &le) || !le.New || le.AccountID != a.ID {
			t.Fatalf("fifth failure: %v, want a new lock", err)
		}
		// Locked: the right password is refused everywhere, unchecked.
		if _, err := s.Authenticate(ctx, "li@x.example", pw, "198.51.100.7"); !errors.Is(err, ErrLocked) {
			t.Errorf("sign-in while locked: %v", err)
		}
		if _, err := s.Accept(ctx, token, "", pw, "", "en", "198.51.100.7"); !errors.Is(err, ErrLocked) {
			t.Errorf("invitation while locked: %v", err)
		}
		if _, err := s.ChangePassword(ctx, a.ID, pw, "a new password", "198.51.100.7"); !errors.Is(err, ErrLocked) {
			t.Errorf("password change while locked: %v", err)
		}
		c.advance(LockFor)
		b, err := s.Accept(ctx, token, "", pw, "", "en", "198.51.100.7")
		if err != nil || len(b.Memberships) != 1 {
			t.Fatalf("invitation after the lock: %v", err)
		}
		// The acceptance cleared the count: four failures do not lock.
		for i := range LockAfter - 1 {
			if _, err := s.ChangePassword(ctx, a.ID, "wrong password!", "a new password", ""); errors.Is(err, ErrLocked) {
				t.Fatalf("failure %d after acceptance: locked", i+1)
			}
		}
	})
}

// enrol turns TOTP on for a and returns its secret and recovery codes.
func enrol(t *testing.T, s *Store, a *Account, at time.Time) (string, []string) {
	t.Helper()
	ctx := context.Background()
	en, err := s.GenerateTOTP(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	code, err := totp.GenerateCodeCustom(en.Secret, at, totpOpts)
	if err != nil {
		t.Fatal(err)
	}
	codes, err := s.ConfirmTOTP(ctx, a.ID, code)
	if err != nil {
		t.Fatal(err)
	}
	return en.Secret, codes
}

func TestRecoveryCodes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		a := mustCreate(t, s, "li@x.example", false)
		if _, err := s.NewRecoveryCodes(ctx, a.ID); !errors.Is(err, ErrTOTPState) {
			t.Errorf("codes without TOTP: %v", err)
		}
		_, codes := enrol(t, s, a, c.t)
		shape := regexp.MustCompile(`^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$`)
		if len(codes) != RecoveryCodeCount || len(slices.Compact(slices.Sorted(slices.Values(codes)))) != RecoveryCodeCount {
			t.Fatalf("codes %v, want %d different ones", codes, RecoveryCodeCount)
		}
		for _, code := range codes {
			if !shape.MatchString(code) || !IsRecoveryCode(code) {
				t.Errorf("code %q", code)
			}
		}
		if n, err := s.RecoveryCodesLeft(ctx, a.ID); err != nil || n != RecoveryCodeCount {
			t.Errorf("left: %d, %v", n, err)
		}
		// A code, typed in lower case without its dash, signs in once.
		typed := strings.ToLower(strings.ReplaceAll(codes[3], "-", " "))
		got, left, err := s.UseRecoveryCode(ctx, a.ID, typed)
		if err != nil || got.ID != a.ID || left != RecoveryCodeCount-1 {
			t.Fatalf("a recovery code: %v, %d left", err, left)
		}
		if _, _, err := s.UseRecoveryCode(ctx, a.ID, codes[3]); !errors.Is(err, ErrTOTPInvalid) {
			t.Errorf("the same code again: %v, want ErrTOTPInvalid", err)
		}
		// A new set voids the old.
		fresh, err := s.NewRecoveryCodes(ctx, a.ID)
		if err != nil || len(fresh) != RecoveryCodeCount {
			t.Fatalf("new codes: %v", err)
		}
		if _, _, err := s.UseRecoveryCode(ctx, a.ID, codes[4]); !errors.Is(err, ErrTOTPInvalid) {
			t.Errorf("an old code after a new set: %v", err)
		}
		if _, left, err := s.UseRecoveryCode(ctx, a.ID, fresh[0]); err != nil || left != RecoveryCodeCount-1 {
			t.Errorf("a new code: %v, %d left", err, left)
		}
		// Wrong codes lock like wrong passwords; the lock holds for
		// recovery codes too.
		for range LockAfter - 1 {
			s.UseRecoveryCode(ctx, a.ID, "AAAAA-AAAAA")
		}
		if _, _, err := s.UseRecoveryCode(ctx, a.ID, "AAAAA-AAAAA"); !errors.Is(err, ErrLocked) {
			t.Fatalf("after %d wrong codes: %v, want ErrLocked", LockAfter, err)
		}
		if _, _, err := s.UseRecoveryCode(ctx, a.ID, fresh[1]); !errors.Is(err, ErrLocked) {
			t.Errorf("a right code while locked: %v", err)
		}
		// Turning TOTP off voids the codes.
		c.advance(LockFor)
		if err := s.DisableTOTP(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.RecoveryCodesLeft(ctx, a.ID); n != 0 {
			t.Errorf("%d codes left after TOTP was turned off", n)
		}
	})
}

func TestResetTOTP(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		a := mustCreate(t, s, "li@x.example", false)
		enrol(t, s, a, c.t)
		wasOn, err := s.ResetTOTP(ctx, a.ID)
		if err != nil || !wasOn {
			t.Fatalf("ResetTOTP: %v, %v", wasOn, err)
		}
		b, err := s.ByID(ctx, a.ID)
		if err != nil || b.TOTPEnabled || b.SessionEpoch != a.SessionEpoch+1 {
			t.Errorf("after the reset: TOTP %v, epoch %d (was %d)", b.TOTPEnabled, b.SessionEpoch, a.SessionEpoch)
		}
		if n, _ := s.RecoveryCodesLeft(ctx, a.ID); n != 0 {
			t.Errorf("%d recovery codes left", n)
		}
		if _, err := s.Authenticate(ctx, a.Email, pw, ""); err != nil {
			t.Errorf("sign-in after the reset: %v, want the password alone", err)
		}
		if wasOn, err := s.ResetTOTP(ctx, a.ID); err != nil || wasOn {
			t.Errorf("again: %v, %v", wasOn, err)
		}
		if c, _ := s.ByID(ctx, a.ID); c.SessionEpoch != b.SessionEpoch {
			t.Error("a reset of an account without TOTP ended its sessions")
		}
		if _, err := s.ResetTOTP(ctx, 9999); !errors.Is(err, ErrNotFound) {
			t.Errorf("no such account: %v", err)
		}
	})
}
