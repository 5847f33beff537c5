package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/tandemforum/tandem/internal/account"
)

const tokenUsage = `Usage:
  tandem token create --email E --name N

Creates an API token for the account with address E, named N, and prints
it once: only its hash is kept. A program sends it as
"Authorization: Bearer TOKEN" to /api/uploads/. The office lists and
revokes tokens on the account's page.
`

// runToken manages API tokens from the command line.
func runToken(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'create'", errUsage)
	}
	switch args[0] {
	case "create":
		return inSubcommand("token create", runTokenCreate(ctx, env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, tokenUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'create')", errUsage, args[0])
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
	_, token, err := accts.CreateAPIToken(ctx, a.ID, *name)
	if errors.Is(err, account.ErrAPITokenNotAllowed) {
		return fmt.Errorf("the account %s may not hold an API token: only admins, and organisers and editors of a partner's team, who upload videos, may have one (the only API that takes a token is the upload)", a.Email)
	}
	if errors.Is(err, account.ErrInvalidTokenName) {
		return fmt.Errorf("%w: --name must have 1 to 100 characters and no control characters", errUsage)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, token)
	return nil
}
