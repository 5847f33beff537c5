package cli

import (
	"context"
	"fmt"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

func runMigrate(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("migrate", "migrate [flags]")
	var cfg config
	cfg.register(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, err := store.Open(ctx, cfg.database, cfg.data)
	if err != nil {
		return err
	}
	defer db.Close()
	applied, err := db.Migrate(ctx)
	if err != nil {
		return err
	}
	if err := jobs.Migrate(ctx, db); err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintf(env.Stdout, "%s database is up to date\n", db.Dialect())
		return nil
	}
	for _, m := range applied {
		fmt.Fprintf(env.Stdout, "applied %s\n", m)
	}
	return nil
}
