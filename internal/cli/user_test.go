package cli

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/eventlog"
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

		// Every account made and every password set is in the event log,
		// by the command line (actor 0), without the password.
		events, err := eventlog.List(context.Background(), db, eventlog.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		slices.Reverse(events) // oldest first
		var got []string
		for _, e := range events {
			got = append(got, e.Action+" "+e.Subject)
			if e.ActorID != 0 || !strings.HasPrefix(e.ActorName, "tandem user") {
				t.Errorf("%s by %d %q, want actor 0 named tandem user", e.Action, e.ActorID, e.ActorName)
			}
			for _, secret := range []string{"first admin pw", "organiser pw 1", "editor password", "a new password"} {
				if strings.Contains(string(e.Before)+string(e.After)+e.Note, secret) {
					t.Errorf("%s records the password %q", e.Action, secret)
				}
			}
		}
		admin, _ := s.ByEmail(context.Background(), "admin@x.example")
		wang, _ := s.ByEmail(context.Background(), "wang@cass.example")
		want = fmt.Sprintf("account.create account:%d|account.create account:%d|account.create account:%d|account.password account:%d",
			admin.ID, wang.ID, a.ID, wang.ID)
		if strings.Join(got, "|") != want {
			t.Errorf("events %v, want %s", got, want)
		}
		if len(events) > 1 && !strings.Contains(string(events[1].After), `"cass:organiser"`) {
			t.Errorf("account.create of wang: after %s, want the membership cass:organiser", events[1].After)
		}
	})
}

// TestReadCommandsNeedDatabase checks that the commands that work on an
// existing database refuse a data folder (or a PostgreSQL schema) without
// one, with exit status 1 and a clear line, and make no database there.
func TestReadCommandsNeedDatabase(t *testing.T) {
	for _, args := range [][]string{
		{"user", "list"},
		{"user", "passwd", "a@x.example", "--password-stdin"},
		{"events", "export"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			for _, data := range []string{t.TempDir(), filepath.Join(t.TempDir(), "typo")} {
				code, stdout, stderr := runCLIInput(t, nil, "long enough pw\n", append(args, "--data", data)...)
				want := "no tandem database in " + data + "; run tandem migrate or tandem demo first"
				if code != 1 || stdout != "" || !strings.Contains(stderr, want) {
					t.Errorf("--data %s: exit %d, stdout %q, stderr %q; want exit 1 and %q", data, code, stdout, stderr, want)
				}
				if _, err := os.Stat(filepath.Join(data, "tandem.db")); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("--data %s: a tandem.db was made (%v)", data, err)
				}
			}
			dsn := storetest.PostgresURL(t)
			code, _, stderr := runCLIInput(t, map[string]string{"TANDEM_DATA": t.TempDir(), "TANDEM_DATABASE": dsn}, "long enough pw\n", args...)
			if code != 1 || !strings.Contains(stderr, "no tandem database in the PostgreSQL database") {
				t.Errorf("empty PostgreSQL schema: exit %d, %q", code, stderr)
			}
			db, err := store.Open(context.Background(), dsn, "")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var made bool
			db.QueryRow(context.Background(), `SELECT to_regclass('accounts') IS NOT NULL`).Scan(&made)
			if made {
				t.Error("empty PostgreSQL schema: tables were made")
			}
		})
	}
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
			{"          \n", []string{"user", "add", "--email", "b@x.example", "--name", "B", "--password-stdin"}, 1,
				"weak password: password of only white space"},
			{"tab\there password\n", []string{"user", "add", "--email", "b@x.example", "--name", "B", "--password-stdin"}, 1,
				"weak password: password with a control character"},
			{"          \n", []string{"user", "passwd", "a@x.example", "--password-stdin"}, 1,
				"weak password: password of only white space"},
			{"esc\x1b[31m password\n", []string{"user", "passwd", "a@x.example", "--password-stdin"}, 1,
				"weak password: password with a control character"},
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
