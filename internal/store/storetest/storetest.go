// Package storetest gives tests a fresh, migrated database of each kind:
// SQLite always, and PostgreSQL when TANDEM_TEST_POSTGRES holds the URL of a
// server (make test sets it when one answers).
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// EnvPostgres names the environment variable with the PostgreSQL server URL.
const EnvPostgres = "TANDEM_TEST_POSTGRES"

// ForEach runs fn once per database kind, as subtests named "sqlite" and
// "postgres", each with a fresh migrated database.
func ForEach(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// migrate applies tandem's migrations and the job queue's, so that code
// under test can queue jobs (send mail) in its transactions.
func migrate(t testing.TB, db *store.DB) {
	t.Helper()
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := jobs.Migrate(context.Background(), db); err != nil {
		t.Fatal(err)
	}
}

// SQLite returns a fresh migrated SQLite database in the test's temp folder.
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(context.Background(), "", dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	migrate(t, db)
	return db
}

// Postgres returns a fresh migrated PostgreSQL database in a schema of its
// own, dropped when the test ends. It skips the test when no server is
// configured.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), PostgresURL(t), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	migrate(t, db)
	return db
}

// PostgresURL returns the URL of an empty PostgreSQL schema of the test's
// own, dropped when the test ends, for tests that start the whole program.
// It skips the test when no server is configured.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skipf("PostgreSQL tests skipped: set %s to a server URL (make test does when one answers on 127.0.0.1:5432)", EnvPostgres)
	}
	ctx := context.Background()
	admin, err := store.Open(ctx, base, "")
	if err != nil {
		t.Fatalf("%s: %v", EnvPostgres, err)
	}
	defer admin.Close()
	var b [6]byte
	rand.Read(b[:])
	schema := "test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin, err := store.Open(context.Background(), base, "")
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	// A test's data need not survive a crash of the server: commits do not
	// wait for the WAL to reach the disk, which saves a flush for each of
	// the hundreds of transactions that migrating a schema takes.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}
