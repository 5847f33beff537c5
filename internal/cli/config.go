package cli

import (
	"context"
	"flag"
	"path/filepath"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/store"
)

// config is what the commands that touch the data share: where the data
// lives and which database holds it.
type config struct {
	data     string
	database string
}

// register adds the shared flags, with defaults from the environment.
func (c *config) register(fs *flag.FlagSet, env *Env) {
	fs.StringVar(&c.data, "data", orDefault(env.Getenv("TANDEM_DATA"), "./tandem-data"), "data `folder`: the SQLite database and the file store (env TANDEM_DATA)")
	fs.StringVar(&c.database, "database", env.Getenv("TANDEM_DATABASE"), "database `URL`: postgres://… for PostgreSQL; empty for SQLite in the data folder (env TANDEM_DATABASE)")
}

// open opens the database and the file store, applying migrations.
func (c *config) open(ctx context.Context) (*store.DB, blob.Store, error) {
	db, err := store.Open(ctx, c.database, c.data)
	if err != nil {
		return nil, nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, nil, err
	}
	blobs, err := blob.NewDir(filepath.Join(c.data, "files"))
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, blobs, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
