// Package app is tandem as a running program: the value that owns the
// database, the file store and the web server, which `tandem serve` runs
// and a test starts whole on a listener of its own.
package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"path/filepath"
	"runtime/debug"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/web"
)

// Config is what a program is opened with.
type Config struct {
	// Data is the data folder: the SQLite database (when Database is
	// empty) and the file store, in Data/files.
	Data string
	// Database is a postgres:// URL, or empty for SQLite in Data.
	Database string
	// BaseURL is the site's public address, without a trailing slash.
	BaseURL string
	// Logger receives the program's log; nil discards it.
	Logger *slog.Logger
	// Version is the running tandem's version, as `tandem version`
	// prints it.
	Version string
	// GCPercent, when not 0, is set as the garbage collector's target
	// percentage while the program runs (debug.SetGCPercent): a server's
	// live heap is small and most garbage is per request, so it collects
	// less often than a command that converts one file.
	GCPercent int
	// NoCache turns off the web server's page cache (tests that count
	// queries).
	NoCache bool
}

// Program is tandem running: its database (migrated when opened), its
// file store and its web server. Open it, Run it, Close it.
type Program struct {
	cfg   Config
	DB    *store.DB
	Blobs blob.Store
	Web   *web.Server
	log   *slog.Logger
}

// Open opens the database, applying migrations, and the file store, and
// makes the web server. The caller must Close the program.
func Open(ctx context.Context, cfg Config) (*Program, error) {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db, err := store.Open(ctx, cfg.Database, cfg.Data)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	blobs, err := blob.NewDir(filepath.Join(cfg.Data, "files"))
	if err != nil {
		db.Close()
		return nil, err
	}
	srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: cfg.BaseURL, Logger: log, Version: cfg.Version, NoCache: cfg.NoCache})
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("web server: %w", err)
	}
	return &Program{cfg: cfg, DB: db, Blobs: blobs, Web: srv, log: log}, nil
}

// Run serves the site on l until ctx is done, then shuts down gracefully
// and returns nil; it returns the error that stopped it otherwise. It
// closes l.
func (p *Program) Run(ctx context.Context, l net.Listener) error {
	if l == nil {
		return errors.New("app: Run needs a listener")
	}
	if p.cfg.GCPercent != 0 {
		old := debug.SetGCPercent(p.cfg.GCPercent)
		defer debug.SetGCPercent(old)
	}
	return p.Web.ServeListener(ctx, l)
}

// Close closes the database. The program is not usable afterwards.
func (p *Program) Close() error {
	return p.DB.Close()
}
