package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

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

// openExisting opens a database that tandem migrate (or serve, or demo)
// made, applying newer migrations, for the commands that read or change
// what is there (user list, user passwd, events export). Where there is
// none it makes none: it returns "no tandem database in DIR; run tandem
// migrate or tandem demo first" (exit status 1), so that a mistyped
// --data does not print an empty list from a database made for it.
func (c *config) openExisting(ctx context.Context) (*store.DB, error) {
	none := fmt.Errorf("no tandem database in %s; run tandem migrate or tandem demo first", c.data)
	if path, ok := strings.CutPrefix(c.database, "sqlite:"); ok || c.database == "" {
		if path == "" {
			path = filepath.Join(c.data, "tandem.db")
		} else {
			none = fmt.Errorf("no tandem database at %s; run tandem migrate or tandem demo first", path)
		}
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			return nil, none
		}
	}
	db, err := store.Open(ctx, c.database, c.data)
	if err != nil {
		return nil, err
	}
	if db.Dialect() == store.Postgres {
		var migrated bool
		if err := db.QueryRow(ctx, `SELECT to_regclass('schema_migrations') IS NOT NULL`).Scan(&migrated); err != nil {
			db.Close()
			return nil, fmt.Errorf("look for the tandem tables: %w", err)
		}
		if !migrated {
			db.Close()
			return nil, errors.New("no tandem database in the PostgreSQL database of --database; run tandem migrate or tandem demo first")
		}
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}
