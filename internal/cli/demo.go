package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/tandemforum/tandem/internal/demo"
)

func runDemo(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("demo", "demo [flags]\n\nLoads the demo forum (two academies, the anniversary forum, its speakers,\nnews and the released Collected Works, in zh, ru and en) into the data folder.")
	var cfg config
	cfg.register(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	db, blobs, err := cfg.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := demo.Load(ctx, db, blobs); err != nil {
		if errors.Is(err, demo.ErrAlreadyLoaded) {
			return fmt.Errorf("the demo is already loaded in %s; start from an empty data folder to load it again", where(cfg))
		}
		return err
	}
	fmt.Fprintf(env.Stdout, "demo forum loaded into %s\n", where(cfg))
	return nil
}

func where(cfg config) string {
	if cfg.database != "" {
		return "the database"
	}
	return cfg.data
}
