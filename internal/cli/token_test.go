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
