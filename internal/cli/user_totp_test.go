package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
)

// `tandem user totp-off E` turns off the two-step sign-in of someone who
// lost their authenticator: their recovery codes stop working, their
// sessions end, the password alone signs in, and the event log says who
// did it.
func TestUserTOTPOff(t *testing.T) {
	forEachUserEnv(t, func(t *testing.T, env map[string]string) {
		ctx := context.Background()
		db, err := store.Open(ctx, env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		s := &account.Store{DB: db}
		a, err := s.Create(ctx, account.NewAccount{Email: "li@cass.example", Name: "李明", Lang: "zh", Password: "li's long password"})
		if err != nil {
			t.Fatal(err)
		}
		en, err := s.GenerateTOTP(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		code, err := totp.GenerateCode(en.Secret, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		codes, err := s.ConfirmTOTP(ctx, a.ID, code)
		if err != nil {
			t.Fatal(err)
		}

		exit, stdout, stderr := runCLIInput(t, env, "", "user", "totp-off", "LI@cass.example")
		if exit != 0 || !strings.Contains(stdout, "turned off two-step sign-in of li@cass.example") {
			t.Fatalf("user totp-off: exit %d, %q %q", exit, stdout, stderr)
		}
		b, err := s.ByID(ctx, a.ID)
		if err != nil || b.TOTPEnabled || b.SessionEpoch <= a.SessionEpoch {
			t.Errorf("after totp-off: TOTP %v, epoch %d → %d, want off and sessions ended", b.TOTPEnabled, a.SessionEpoch, b.SessionEpoch)
		}
		if _, err := s.Authenticate(ctx, "li@cass.example", "li's long password", ""); err != nil {
			t.Errorf("sign in with the password alone: %v", err)
		}
		if n, _ := s.RecoveryCodesLeft(ctx, a.ID); n != 0 || len(codes) == 0 {
			t.Errorf("%d recovery codes left", n)
		}
		events, err := eventlog.List(ctx, db, eventlog.Filter{Subject: accountSubject(a.ID)})
		if err != nil {
			t.Fatal(err)
		}
		if len(events) != 1 || events[0].Action != "account.totp" || events[0].ActorID != 0 || !strings.HasPrefix(events[0].ActorName, "tandem user") ||
			!strings.Contains(string(events[0].After), `"enabled":false`) || events[0].Note != "tandem user totp-off" {
			t.Errorf("events %+v, want one account.totp by tandem user", events)
		}

		// Again: nothing to turn off, nothing logged, exit 0.
		if exit, stdout, _ = runCLIInput(t, env, "", "user", "totp-off", "li@cass.example"); exit != 0 || !strings.Contains(stdout, "nothing changed") {
			t.Errorf("again: exit %d, %q", exit, stdout)
		}
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"user", "totp-off", "nobody@cass.example"}, "no account has the address"},
			{[]string{"user", "totp-off"}, "want one e-mail address"},
		} {
			if exit, _, stderr := runCLIInput(t, env, "", tc.args...); exit == 0 || !strings.Contains(stderr, tc.want) {
				t.Errorf("%v: exit %d, %q, want %q", tc.args, exit, stderr, tc.want)
			}
		}
		if all, _ := eventlog.List(ctx, db, eventlog.Filter{}); len(all) != 1 {
			t.Errorf("%d events, want the one", len(all))
		}
	})
}
