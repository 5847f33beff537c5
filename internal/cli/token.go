package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/eventlog"
)

const tokenUsage = `Usage:
  tandem token create --email E --name N
  tandem token list [--email E]
  tandem token revoke --id N

create makes an API token for the account with address E, named N, and
prints it once: only its hash is kept. A program sends it as
"Authorization: Bearer TOKEN" to /api/uploads/ (see docs/upload-api.md).

list prints every account's tokens (or those of E), one a line,
tab-separated: number, account address, name, created, last used (- when
never), and "active" or "revoked" with the time it was revoked. Times are
in UTC.

revoke stops token number N at once, whoever holds it. The office lists
and revokes an account's tokens on its page, for the account itself and
for administrators.
`

// runToken manages API tokens from the command line.
func runToken(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'create', 'list' or 'revoke'", errUsage)
	}
	switch args[0] {
	case "create":
		return inSubcommand("token create", runTokenCreate(ctx, env, args[1:]))
	case "list":
		return inSubcommand("token list", runTokenList(ctx, env, args[1:]))
	case "revoke":
		return inSubcommand("token revoke", runTokenRevoke(ctx, env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, tokenUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'create', 'list' or 'revoke')", errUsage, args[0])
}

func runTokenCreate(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("token create", "token create --email E --name N\n\nPrints a new API token of the account once.")
	var cfg config
	cfg.register(fs, env)
	email := fs.String("email", "", "e-mail `address` of the account the token acts as")
	name := fs.String("name", "", "`name` of the token, to tell it apart in the office (\"camera laptop\")")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if *email == "" || *name == "" {
		return fmt.Errorf("%w: --email and --name are required", errUsage)
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	accts := &account.Store{DB: db}
	a, err := accts.ByEmail(ctx, *email)
	if errors.Is(err, account.ErrNotFound) || errors.Is(err, account.ErrInvalidEmail) {
		return fmt.Errorf("no account with address %q", *email)
	}
	if err != nil {
		return err
	}
	if a.Disabled {
		return fmt.Errorf("the account %s is disabled", a.Email)
	}
	t, token, err := accts.CreateAPIToken(ctx, a.ID, *name)
	if errors.Is(err, account.ErrAPITokenNotAllowed) {
		return fmt.Errorf("the account %s may not hold an API token: only admins, and organisers and editors of a partner's team, who upload videos, may have one (the only API that takes a token is the upload)", a.Email)
	}
	if errors.Is(err, account.ErrInvalidTokenName) {
		return fmt.Errorf("%w: --name must have 1 to 100 characters and no control characters", errUsage)
	}
	if errors.Is(err, account.ErrTokenNameTaken) {
		return fmt.Errorf("the account %s already has an active token named %q: give this one another --name, or revoke that one first (tandem token list --email %s shows its number)", a.Email, *name, a.Email)
	}
	if err != nil {
		return err
	}
	if err := eventlog.Append(ctx, db, &eventlog.Event{ActorName: cliActor(), Action: "account.apitoken.create",
		Subject: accountSubject(a.ID), After: eventlog.State(map[string]any{"token": t.ID, "name": t.Name}), Note: "tandem token create"}); err != nil {
		return fmt.Errorf("made the token but did not log it: %w", err)
	}
	fmt.Fprintln(env.Stdout, token)
	return nil
}

func runTokenList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("token list", "token list [--email E]\n\nPrints the API tokens of every account, or of the account with address E.")
	var cfg config
	cfg.register(fs, env)
	email := fs.String("email", "", "only the tokens of the account with this e-mail `address`")
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
	accts := &account.Store{DB: db}
	var held []*account.HeldAPIToken
	if *email != "" {
		a, err := accts.ByEmail(ctx, *email)
		if errors.Is(err, account.ErrNotFound) || errors.Is(err, account.ErrInvalidEmail) {
			return fmt.Errorf("no account with address %q", *email)
		}
		if err != nil {
			return err
		}
		ts, err := accts.APITokens(ctx, a.ID)
		if err != nil {
			return err
		}
		for _, t := range ts {
			held = append(held, &account.HeldAPIToken{APIToken: *t, Email: a.Email})
		}
	} else if held, err = accts.AllAPITokens(ctx); err != nil {
		return err
	}
	for _, t := range held {
		fmt.Fprintln(env.Stdout, tokenLine(t))
	}
	return nil
}

// tokenLine is token t as tandem token list prints it.
func tokenLine(t *account.HeldAPIToken) string {
	stamp := func(at time.Time) string {
		if at.IsZero() {
			return "-"
		}
		return at.UTC().Format("2006-01-02 15:04")
	}
	state := "active"
	if t.Revoked() {
		state = "revoked " + stamp(t.RevokedAt)
	}
	return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s", t.ID, t.Email, t.Name, stamp(t.CreatedAt), stamp(t.LastUsedAt), state)
}

func runTokenRevoke(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("token revoke", "token revoke --id N\n\nRevokes API token number N (see tandem token list) at once.")
	var cfg config
	cfg.register(fs, env)
	var id tokenID
	fs.Var(&id, "id", "the token's `number`, as tandem token list prints it")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if id <= 0 {
		return fmt.Errorf("%w: want --id N, the token's number as tandem token list prints it", errUsage)
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	accts := &account.Store{DB: db}
	t, err := accts.APITokenByID(ctx, int64(id))
	if errors.Is(err, account.ErrNotFound) {
		return fmt.Errorf("no API token %d", id)
	}
	if err != nil {
		return err
	}
	if t.Revoked() {
		fmt.Fprintf(env.Stdout, "token %d (%s) was revoked already\n", t.ID, t.Name)
		return nil
	}
	if err := accts.RevokeAPIToken(ctx, t.AccountID, t.ID); err != nil {
		return err
	}
	if err := eventlog.Append(ctx, db, &eventlog.Event{ActorName: cliActor(), Action: "account.apitoken.revoke",
		Subject: accountSubject(t.AccountID), Before: eventlog.State(map[string]any{"token": t.ID, "revoked": false}),
		After: eventlog.State(map[string]any{"token": t.ID, "revoked": true}), Note: "tandem token revoke"}); err != nil {
		return fmt.Errorf("revoked token %d but did not log it: %w", t.ID, err)
	}
	fmt.Fprintf(env.Stdout, "revoked token %d (%s)\n", t.ID, t.Name)
	return nil
}

// tokenID is the --id flag: an API token's number, refused in a sentence
// when it is none.
type tokenID int64

func (i *tokenID) String() string { return strconv.FormatInt(int64(*i), 10) }

func (i *tokenID) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return errors.New("want a token's number, such as 3, as the first column of tandem token list shows it")
	}
	*i = tokenID(n)
	return nil
}
