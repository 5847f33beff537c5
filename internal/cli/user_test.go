package cli

import (
	"context"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// runCLIInput runs tandem with args and stdin as standard input.
func runCLIInput(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut lockedBuffer
	e := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	code := e.main(context.Background(), args)
	return code, out.String(), errOut.String()
}

// forEachUserEnv runs fn with the environment of a tandem on a fresh
// SQLite data folder, then on a fresh PostgreSQL schema, each with the
// partners cass and riac.
func forEachUserEnv(t *testing.T, fn func(t *testing.T, env map[string]string)) {
	run := func(t *testing.T, env map[string]string) {
		ctx := context.Background()
		db, err := store.Open(ctx, env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		for _, slug := range []string{"riac", "cass"} {
			if _, err := db.Exec(ctx, `INSERT INTO partners (slug, name, short_name, country) VALUES (?, '{}', '{}', 'CN')`, slug); err != nil {
				t.Fatal(err)
			}
		}
		fn(t, env)
	}
	t.Run("sqlite", func(t *testing.T) { run(t, map[string]string{"TANDEM_DATA": t.TempDir()}) })
	t.Run("postgres", func(t *testing.T) {
		run(t, map[string]string{"TANDEM_DATA": t.TempDir(), "TANDEM_DATABASE": storetest.PostgresURL(t)})
	})
}

func TestUserCommands(t *testing.T) {
	forEachUserEnv(t, func(t *testing.T, env map[string]string) {
		for _, tc := range []struct {
			stdin string
			args  []string
		}{
			{"first admin pw\n", []string{"user", "add", "--email", "Admin@X.example", "--name", "Admin", "--admin", "--password-stdin"}},
			{"organiser pw 1\r\n", []string{"user", "add", "--email", "wang@cass.example", "--name", "王丽", "--partner", "cass", "--role", "organiser", "--lang", "zh", "--password-stdin"}},
			// Flags after the subcommand's arguments and a second role.
			{"editor password", []string{"user", "add", "--password-stdin", "--name", "Иван Петров", "--email", "ivan@riac.example", "--partner", "riac", "--role", "editor", "--lang", "ru"}},
		} {
			code, stdout, stderr := runCLIInput(t, env, tc.stdin, tc.args...)
			if code != 0 || !strings.HasPrefix(stdout, "added ") {
				t.Fatalf("%v: exit %d, %q %q", tc.args, code, stdout, stderr)
			}
		}
		db, err := store.Open(context.Background(), env["TANDEM_DATABASE"], env["TANDEM_DATA"])
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		s := &account.Store{DB: db}
		a, _ := s.ByEmail(context.Background(), "ivan@riac.example")
		if cass := partnerID(t, db, "cass"); s.Grant(context.Background(), a.ID, cass, account.Translator) != nil {
			t.Fatal("grant")
		}

		code, stdout, stderr := runCLIInput(t, env, "", "user", "list")
		want := "admin@x.example\tAdmin\t-\tadmin\n" +
			"ivan@riac.example\tИван Петров\tcass:translator,riac:editor\t-\n" +
			"wang@cass.example\t王丽\tcass:organiser\t-\n"
		if code != 0 || stdout != want {
			t.Errorf("user list: exit %d, %q (%s), want\n%s", code, stdout, stderr, want)
		}

		if _, err := s.Authenticate(context.Background(), "wang@cass.example", "organiser pw 1", ""); err != nil {
			t.Errorf("sign in with the password given on stdin (CRLF line): %v", err)
		}
		code, stdout, stderr = runCLIInput(t, env, "a new password\n", "user", "passwd", "WANG@cass.example", "--password-stdin")
		if code != 0 || !strings.Contains(stdout, "changed the password of wang@cass.example") {
			t.Errorf("user passwd: exit %d, %q %q", code, stdout, stderr)
		}
		if _, err := s.Authenticate(context.Background(), "wang@cass.example", "a new password", ""); err != nil {
			t.Errorf("sign in with the new password: %v", err)
		}
	})
}

func partnerID(t *testing.T, db *store.DB, slug string) int64 {
	var id int64
	if err := db.QueryRow(context.Background(), `SELECT id FROM partners WHERE slug = ?`, slug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestUserCommandErrors(t *testing.T) {
	forEachUserEnv(t, func(t *testing.T, env map[string]string) {
		if code, _, stderr := runCLIInput(t, env, "long enough pw\n", "user", "add", "--email", "a@x.example", "--name", "A", "--password-stdin"); code != 0 {
			t.Fatal(stderr)
		}
		for _, tc := range []struct {
			stdin string
			args  []string
			code  int
			want  string
		}{
			{"long enough pw\n", []string{"user", "add", "--email", "b@x.example", "--name", "B", "--partner", "cass", "--role", "boss", "--password-stdin"}, 2,
				`unknown role "boss": want one of organiser, editor, translator, reviewer, author`},
			{"long enough pw\n", []string{"user", "add", "--email", "b@x.example", "--name", "B", "--partner", "mfa", "--role", "editor", "--password-stdin"}, 1,
				`unknown partner "mfa"`},
			{"long enough pw\n", []string{"user", "add", "--email", "A@x.example", "--name", "A", "--password-stdin"}, 1,
				"an account with this e-mail address exists"},
			{"short\n", []string{"user", "add", "--email", "b@x.example", "--name", "B", "--password-stdin"}, 1,
				"weak password: password shorter than 10 characters"},
			{"long enough pw\n", []string{"user", "add", "--email", "not-an-address", "--name", "B", "--password-stdin"}, 1,
				"not a valid e-mail address"},
			{"long enough pw\n", []string{"user", "add", "--email", "b@x.example", "--name", "B", "--lang", "de", "--password-stdin"}, 2,
				`--lang "de": want zh, ru or en`},
			{"long enough pw\n", []string{"user", "add", "--email", "b@x.example", "--name", "B", "--role", "editor", "--password-stdin"}, 2,
				"--partner and --role go together"},
			{"", []string{"user", "add", "--email", "b@x.example", "--name", "B"}, 2,
				"standard input is not a terminal: give --password-stdin"},
			{"long enough pw\n", []string{"user", "passwd", "nobody@x.example", "--password-stdin"}, 1,
				`no account has the address "nobody@x.example"`},
			{"", []string{"user", "frob"}, 2, `unknown subcommand "frob"`},
		} {
			code, _, stderr := runCLIInput(t, env, tc.stdin, tc.args...)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("%v: exit %d, %q; want exit %d and %q", tc.args, code, stderr, tc.code, tc.want)
			}
		}
		code, stdout, _ := runCLIInput(t, env, "", "user", "list")
		if code != 0 || stdout != "a@x.example\tA\t-\t-\n" {
			t.Errorf("after the refusals, user list = %q", stdout)
		}
	})
}
