package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

const userUsage = `Usage:
  tandem user add --email E --name N [--partner SLUG --role ROLE] [--admin] [--lang zh|ru|en] [--password-stdin]
  tandem user passwd E [--password-stdin]
  tandem user totp-off E
  tandem user list

Without --password-stdin the password is asked twice on the terminal,
without echo. With it, the first line of standard input is the password.
Roles: organiser, editor, translator, reviewer, author.
`

// runUser manages accounts from the command line, where the first admin
// comes from:
//
//	tandem user add --email E --name N [--partner SLUG --role ROLE] [--admin] [--lang L] [--password-stdin]
//	tandem user passwd E [--password-stdin]
//	tandem user totp-off E
//	tandem user list
func runUser(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'add', 'passwd', 'totp-off' or 'list'", errUsage)
	}
	switch args[0] {
	case "add":
		return inSubcommand("user add", runUserAdd(ctx, env, args[1:]))
	case "passwd":
		return inSubcommand("user passwd", runUserPasswd(ctx, env, args[1:]))
	case "totp-off":
		return inSubcommand("user totp-off", runUserTOTPOff(ctx, env, args[1:]))
	case "list":
		return inSubcommand("user list", runUserList(ctx, env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, userUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'add', 'passwd', 'totp-off' or 'list')", errUsage, args[0])
}

func runUserAdd(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("user add", "user add --email E --name N [--partner SLUG --role ROLE] [--admin] [--lang zh|ru|en] [--password-stdin]")
	var cfg config
	cfg.register(fs, env)
	email := fs.String("email", "", "the account's e-mail `address`, its sign-in name")
	name := fs.String("name", "", "display `name`")
	partner := fs.String("partner", "", "`slug` of the partner whose team the account joins (with --role)")
	role := fs.String("role", "", "`role` at the partner: organiser, editor, translator, reviewer or author")
	admin := fs.Bool("admin", false, "make the account an instance admin")
	lang := fs.String("lang", "en", "the office's `language` for the account: zh, ru or en")
	stdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *email == "" || *name == "" {
		return fmt.Errorf("%w: --email and --name are required", errUsage)
	}
	if (*partner == "") != (*role == "") {
		return fmt.Errorf("%w: --partner and --role go together", errUsage)
	}
	var r account.Role
	if *role != "" {
		var err error
		if r, err = account.ParseRole(*role); err != nil {
			return fmt.Errorf("%w: --role: %v", errUsage, err)
		}
	}
	if err := account.CheckLang(*lang); err != nil {
		return fmt.Errorf("%w: --lang %q: want zh, ru or en", errUsage, *lang)
	}
	db, err := openDB(ctx, &cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	var partnerID int64
	if *partner != "" {
		p, err := (&forum.Store{DB: db}).PartnerBySlug(ctx, *partner)
		if errors.Is(err, forum.ErrNotFound) {
			return fmt.Errorf("unknown partner %q", *partner)
		}
		if err != nil {
			return err
		}
		partnerID = p.ID
	}
	password, err := readNewPassword(env, *stdin)
	if err != nil {
		return err
	}
	s := &account.Store{DB: db}
	a, err := s.Create(ctx, account.NewAccount{Email: *email, Name: *name, Lang: *lang, Password: password, Admin: *admin})
	if err != nil {
		return fmt.Errorf("add %s: %w", *email, err)
	}
	after := map[string]any{"email": a.Email, "name": a.Name, "lang": a.Lang, "admin": a.Admin}
	if partnerID != 0 {
		if err := s.Grant(ctx, a.ID, partnerID, r); err != nil {
			return fmt.Errorf("add %s to %s: %w", a.Email, *partner, err)
		}
		after["memberships"] = []string{*partner + ":" + string(r)}
	}
	// The store writes the account in its own transaction; the record
	// follows it, with what was made and never the password.
	state, err := json.Marshal(after)
	if err != nil {
		return err
	}
	if err := eventlog.Append(ctx, db, &eventlog.Event{ActorName: cliActor(), Action: "account.create",
		Subject: accountSubject(a.ID), PartnerID: partnerID, After: state, Note: "tandem user add"}); err != nil {
		return fmt.Errorf("added %s but did not log it: %w", a.Email, err)
	}
	fmt.Fprintf(env.Stdout, "added %s\n", a.Email)
	return nil
}

func runUserPasswd(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("user passwd", "user passwd E [--password-stdin]\n\nSets the password of the account with e-mail address E and ends its sessions.")
	var cfg config
	cfg.register(fs, env)
	stdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if err := parse(fs, args); err != nil {
		return err
	}
	db, s, a, err := cfg.openAccount(ctx, fs)
	if err != nil {
		return err
	}
	defer db.Close()
	password, err := readNewPassword(env, *stdin)
	if err != nil {
		return err
	}
	if _, err := s.SetPassword(ctx, a.ID, password); err != nil {
		return fmt.Errorf("set password of %s: %w", a.Email, err)
	}
	// The store sets the password in its own transaction; the record
	// follows it (never the password itself).
	if err := eventlog.Append(ctx, db, &eventlog.Event{ActorName: cliActor(), Action: "account.password",
		Subject: accountSubject(a.ID), Note: "tandem user passwd"}); err != nil {
		return fmt.Errorf("changed the password of %s but did not log it: %w", a.Email, err)
	}
	fmt.Fprintf(env.Stdout, "changed the password of %s and ended its sessions\n", a.Email)
	return nil
}

// runUserTOTPOff turns off the two-step sign-in of the account with the
// e-mail address given, for someone who lost both their authenticator and
// their recovery codes: it voids the recovery codes, ends the account's
// sessions and logs "account.totp". An account without it is left as it
// is and says so.
func runUserTOTPOff(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("user totp-off", "user totp-off E\n\nTurns off two-step sign-in of the account with e-mail address E, voids its recovery codes and ends its sessions.")
	var cfg config
	cfg.register(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, s, a, err := cfg.openAccount(ctx, fs)
	if err != nil {
		return err
	}
	defer db.Close()
	wasOn, err := s.ResetTOTP(ctx, a.ID)
	if err != nil {
		return fmt.Errorf("turn off two-step sign-in of %s: %w", a.Email, err)
	}
	if !wasOn {
		fmt.Fprintf(env.Stdout, "%s has no two-step sign-in; nothing changed\n", a.Email)
		return nil
	}
	// The store turns it off in its own transaction; the record follows.
	if err := eventlog.Append(ctx, db, &eventlog.Event{ActorName: cliActor(), Action: "account.totp",
		Subject: accountSubject(a.ID), Before: json.RawMessage(`{"enabled":true}`), After: json.RawMessage(`{"enabled":false}`),
		Note: "tandem user totp-off"}); err != nil {
		return fmt.Errorf("turned off two-step sign-in of %s but did not log it: %w", a.Email, err)
	}
	fmt.Fprintf(env.Stdout, "turned off two-step sign-in of %s and ended its sessions\n", a.Email)
	return nil
}

// runUserList prints one line per account, tab-separated: e-mail, name,
// memberships as partner-slug:role joined by commas ("-" for none), and
// "admin" or "-".
func runUserList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("user list", "user list\n\nPrints one line per account: e-mail, name, partner:role memberships, admin or -, separated by tabs.")
	var cfg config
	cfg.register(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	accts, err := (&account.Store{DB: db}).List(ctx)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	for _, a := range accts {
		var ms []string
		for _, m := range a.Memberships {
			ms = append(ms, m.PartnerSlug+":"+string(m.Role))
		}
		members, admin := strings.Join(ms, ","), "-"
		if members == "" {
			members = "-"
		}
		if a.Admin {
			admin = "admin"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", a.Email, a.Name, members, admin)
	}
	return w.Flush()
}

// accountSubject is an account's subject in the event log, as the office
// writes it.
func accountSubject(id int64) string { return "account:" + strconv.FormatInt(id, 10) }

// cliActor names who made a change from the command line in the event
// log (the actor id is 0): "tandem user", with the name of the operating
// system's user when it is known, as "tandem user (root)".
func cliActor() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "tandem user (" + u.Username + ")"
	}
	return "tandem user"
}

// openDB opens and migrates the database the shared flags name.
func openDB(ctx context.Context, cfg *config) (*store.DB, error) {
	db, err := store.Open(ctx, cfg.database, cfg.data)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// readNewPassword reads a new password: the first line of standard input
// with fromStdin, else twice from the terminal without echo. Without
// either, it is an error rather than a read of a password in the clear.
// The password is checked against the rules before it is returned.
func readNewPassword(env *Env, fromStdin bool) (string, error) {
	var pw string
	if fromStdin {
		line, err := bufio.NewReader(env.Stdin).ReadString('\n')
		if err != nil && (err != io.EOF || line == "") {
			return "", fmt.Errorf("read the password from standard input: %w", err)
		}
		pw = strings.TrimRight(line, "\r\n")
	} else {
		f, ok := env.Stdin.(*os.File)
		if !ok || !isTerminal(f) {
			return "", fmt.Errorf("%w: standard input is not a terminal: give --password-stdin and the password on standard input", errUsage)
		}
		var err error
		if pw, err = promptPassword(env, f, "Password: "); err != nil {
			return "", err
		}
		again, err := promptPassword(env, f, "Password again: ")
		if err != nil {
			return "", err
		}
		if again != pw {
			return "", errors.New("the passwords differ")
		}
	}
	if err := account.CheckPassword(pw); err != nil {
		return "", fmt.Errorf("weak password: %w", err)
	}
	return pw, nil
}

// promptPassword asks for a password on the terminal f with echo off.
func promptPassword(env *Env, f *os.File, prompt string) (string, error) {
	fmt.Fprint(env.Stderr, prompt)
	b, err := term.ReadPassword(int(f.Fd()))
	fmt.Fprintln(env.Stderr)
	if err != nil {
		return "", fmt.Errorf("read the password: %w", err)
	}
	return string(b), nil
}

// openAccount opens the existing database of cfg and finds the account
// whose e-mail address is the one argument left in fs: a usage error for
// none or more, and an error naming the address when no account has it.
// The caller closes the database.
func (cfg *config) openAccount(ctx context.Context, fs *flag.FlagSet) (*store.DB, *account.Store, *account.Account, error) {
	if fs.NArg() != 1 {
		return nil, nil, nil, fmt.Errorf("%w: want one e-mail address", errUsage)
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	s := &account.Store{DB: db}
	a, err := s.ByEmail(ctx, fs.Arg(0))
	if errors.Is(err, account.ErrNotFound) {
		err = fmt.Errorf("no account has the address %q", fs.Arg(0))
	}
	if err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	return db, s, a, nil
}
