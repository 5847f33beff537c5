package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
)

// TestTokenCreate: tandem token create prints a token once, which then
// names its account; only its hash is stored, and the office lists it
// under its name. A missing account or name is refused, and so is a
// translator, who uploads nothing.
func TestTokenCreate(t *testing.T) {
	forEachUserEnv(t, func(t *testing.T, env map[string]string) {
		if code, _, errOut := runCLIInput(t, env, "a long enough password\n", "user", "add", "--email", "cam@example.org", "--name", "Camera", "--partner", "cass", "--role", "editor", "--password-stdin"); code != 0 {
			t.Fatalf("user add: %d %s", code, errOut)
		}
		code, out, errOut := runCLIInput(t, env, "", "token", "create", "--email", "cam@example.org", "--name", "camera laptop")
		token := strings.TrimSpace(out)
		if code != 0 || !strings.HasPrefix(token, account.APITokenPrefix) || strings.Count(out, "\n") != 1 {
			t.Fatalf("token create: %d %q %s", code, out, errOut)
		}
		ctx := context.Background()
		db, err := store.Open(ctx, env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		accts := &account.Store{DB: db}
		a, err := accts.ByAPIToken(ctx, token)
		if err != nil || a.Email != "cam@example.org" {
			t.Fatalf("the printed token names %v, %v", a, err)
		}
		var stored string
		if err := db.QueryRow(ctx, `SELECT token_hash FROM api_tokens`).Scan(&stored); err != nil || strings.Contains(stored, token[4:]) {
			t.Errorf("stored %q (%v): want its hash only", stored, err)
		}
		ts, _ := accts.APITokens(ctx, a.ID)
		if len(ts) != 1 || ts[0].Name != "camera laptop" || ts[0].LastUsedAt.IsZero() {
			t.Errorf("tokens listed: %+v", ts)
		}
		for _, args := range [][]string{
			{"token", "create", "--email", "nobody@example.org", "--name", "x"},
			{"token", "create", "--email", "cam@example.org"},
			{"token", "create", "--email", "cam@example.org", "--name", "\t"},
		} {
			if code, out, errOut := runCLIInput(t, env, "", args...); code == 0 || out != "" || errOut == "" {
				t.Errorf("%v: %d %q %q, want a refusal on stderr", args, code, out, errOut)
			}
		}
		if code, _, errOut := runCLIInput(t, env, "a long enough password\n", "user", "add", "--email", "tr@example.org", "--name", "Translator", "--partner", "cass", "--role", "translator", "--password-stdin"); code != 0 {
			t.Fatalf("user add: %d %s", code, errOut)
		}
		code, out, errOut = runCLIInput(t, env, "", "token", "create", "--email", "tr@example.org", "--name", "laptop")
		if code == 0 || out != "" || !strings.Contains(errOut, "tr@example.org may not hold an API token: only admins, and organisers and editors") {
			t.Errorf("token for a translator: %d %q %q, want a refusal saying who may hold one", code, out, errOut)
		}
	})
}

// TestTokenListRevoke: an administrator lists every account's tokens (or
// one account's) and revokes any of them by number from the command line;
// a revoked token stops working, the list says so, and the event log
// records who revoked which.
func TestTokenListRevoke(t *testing.T) {
	forEachUserEnv(t, func(t *testing.T, env map[string]string) {
		for _, u := range [][]string{
			{"cam@example.org", "Camera", "cass"},
			{"ed@example.org", "Editor", "riac"},
		} {
			if code, _, errOut := runCLIInput(t, env, "a long enough password\n", "user", "add", "--email", u[0], "--name", u[1], "--partner", u[2], "--role", "editor", "--password-stdin"); code != 0 {
				t.Fatalf("user add: %d %s", code, errOut)
			}
		}
		_, camToken, _ := runCLIInput(t, env, "", "token", "create", "--email", "cam@example.org", "--name", "camera laptop")
		runCLIInput(t, env, "", "token", "create", "--email", "ed@example.org", "--name", "studio")
		code, out, errOut := runCLIInput(t, env, "", "token", "list")
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if code != 0 || len(lines) != 2 || !strings.Contains(lines[0], "\tcam@example.org\tcamera laptop\t") || !strings.HasSuffix(lines[0], "\tactive") ||
			!strings.Contains(lines[1], "\ted@example.org\tstudio\t") {
			t.Fatalf("token list: %d %q %s", code, out, errOut)
		}
		camID, _, _ := strings.Cut(lines[0], "\t")
		code, out, _ = runCLIInput(t, env, "", "token", "list", "--email", "ed@example.org")
		if code != 0 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "\tstudio\t") {
			t.Errorf("token list --email: %d %q", code, out)
		}
		code, out, errOut = runCLIInput(t, env, "", "token", "revoke", "--id", camID)
		if code != 0 || out != "revoked token "+camID+" (camera laptop)\n" {
			t.Fatalf("token revoke: %d %q %s", code, out, errOut)
		}
		_, out, _ = runCLIInput(t, env, "", "token", "list", "--email", "cam@example.org")
		if !strings.Contains(out, "\trevoked ") {
			t.Errorf("list after revoking: %q", out)
		}
		// The name of a revoked token is free again.
		if code, _, errOut := runCLIInput(t, env, "", "token", "create", "--email", "cam@example.org", "--name", "camera laptop"); code != 0 {
			t.Errorf("a new token named as the revoked one: %d %s", code, errOut)
		}
		ctx := context.Background()
		db, err := store.Open(ctx, env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := (&account.Store{DB: db}).ByAPIToken(ctx, strings.TrimSpace(camToken)); err == nil {
			t.Error("a revoked token still names its account")
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM events WHERE action = 'account.apitoken.revoke' AND actor_name LIKE 'tandem user%'`).Scan(&n); err != nil || n != 1 {
			t.Errorf("revoke events: %d (%v), want 1", n, err)
		}
		for _, tc := range []struct {
			args []string
			want string
		}{
			{[]string{"token", "revoke", "--id", "999"}, "no API token 999"},
			{[]string{"token", "revoke"}, "want --id N"},
			{[]string{"token", "revoke", "--id", "abc"}, `invalid value "abc" for flag -id: want a token's number, such as 3, as the first column of tandem token list shows it`},
			{[]string{"token", "revoke", "--id", "-2"}, "want a token's number"},
			// A second active token may not have the name of the first.
			{[]string{"token", "create", "--email", "ed@example.org", "--name", "Studio"}, `the account ed@example.org already has an active token named "Studio"`},
			{[]string{"token", "list", "--email", "nobody@example.org"}, `no account with address "nobody@example.org"`},
		} {
			if code, out, errOut := runCLIInput(t, env, "", tc.args...); code == 0 || out != "" || !strings.Contains(errOut, tc.want) {
				t.Errorf("%v: %d %q %q, want %q", tc.args, code, out, errOut, tc.want)
			}
		}
	})
}
