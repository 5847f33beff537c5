// Package store opens tandem's database, SQLite by default and PostgreSQL when
// scaled out, applies the embedded migrations and runs hand-written SQL on
// either through one code path.
package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Dialect names the SQL dialect of a database.
type Dialect int

const (
	SQLite Dialect = iota
	Postgres
)

func (d Dialect) String() string {
	if d == Postgres {
		return "postgres"
	}
	return "sqlite"
}

// busyTimeout is how long a SQLite writer waits for another to finish.
const busyTimeout = 5 * time.Second

// ErrNotFound is returned when a row that was asked for by key does not exist.
// It is errkind.NotFound, so that a page shows it as a 404.
var ErrNotFound = errkind.NotFound

// DB is a database connection pool with the dialect it speaks. Every query
// passes through it, so that tests can count queries per page.
type DB struct {
	sql     *sql.DB
	dialect Dialect
	driver  string // database/sql driver name and data source, for OpenPool
	source  string
	queries atomic.Int64
	rebound sync.Map // query text with ? → query text with $n (PostgreSQL)
	// writer, on SQLite, lets one transaction of this process at a time
	// write (every transaction begins IMMEDIATE, taking the database's
	// write lock); the others wait for it here, in the order they came,
	// rather than in SQLite's busy handler, which sleeps in steps of up
	// to 100 ms and lets a late comer in first.
	writer chan struct{}
}

// Open opens the database named by dsn. An empty dsn means SQLite in
// dataDir/tandem.db; a postgres:// or postgresql:// URL means PostgreSQL.
func Open(ctx context.Context, dsn, dataDir string) (*DB, error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return openPostgres(ctx, dsn)
	}
	if dsn != "" && !strings.HasPrefix(dsn, "sqlite:") {
		return nil, fmt.Errorf("database %q: want a postgres:// URL or sqlite:PATH", redact(dsn))
	}
	path := strings.TrimPrefix(dsn, "sqlite:")
	if path == "" {
		if err := os.MkdirAll(dataDir, 0o750); err != nil {
			return nil, fmt.Errorf("data folder: %w", err)
		}
		path = filepath.Join(dataDir, "tandem.db")
	}
	return openSQLite(ctx, path)
}

func openSQLite(ctx context.Context, path string) (*DB, error) {
	q := url.Values{}
	// WAL lets readers go on while one writer writes.
	q.Add("_pragma", "journal_mode(WAL)")
	// Wait for a busy writer instead of failing at once.
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	// Enforce REFERENCES clauses; SQLite leaves them off by default.
	q.Add("_pragma", "foreign_keys(1)")
	// In WAL mode NORMAL is durable across application crashes and much faster.
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_txlock", "immediate")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &DB{sql: db, dialect: SQLite, driver: "sqlite", source: "file:" + path + "?" + q.Encode(), writer: make(chan struct{}, 1)}, nil
}

func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("open postgres %s: %w", redact(dsn), err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open postgres %s: %w", redact(dsn), err)
	}
	return &DB{sql: db, dialect: Postgres, driver: "pgx", source: dsn}, nil
}

// redact removes a password from a database URL before it is shown.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// OpenPool opens another connection pool on the same database with the
// same settings, holding at most maxOpen connections. It is for a component
// that runs its own SQL and must not compete with the main pool, such as
// the job queue, which on SQLite wants a single connection of its own. The
// caller closes it.
func (db *DB) OpenPool(ctx context.Context, maxOpen int) (*sql.DB, error) {
	p, err := sql.Open(db.driver, db.source)
	if err != nil {
		return nil, fmt.Errorf("open %s pool: %w", db.dialect, err)
	}
	p.SetMaxOpenConns(maxOpen)
	p.SetMaxIdleConns(maxOpen)
	if err := p.PingContext(ctx); err != nil {
		p.Close()
		return nil, fmt.Errorf("open %s pool: %w", db.dialect, err)
	}
	return p, nil
}

// SQL returns the database/sql pool beneath db, for a library that takes
// one (the job queue's driver). Queries sent through it are not counted.
func (db *DB) SQL() *sql.DB { return db.sql }

// Close closes the pool.
func (db *DB) Close() error { return db.sql.Close() }

// Dialect reports which SQL dialect the database speaks.
func (db *DB) Dialect() Dialect { return db.dialect }

// QueryCount reports how many statements have been sent since the pool was
// opened.
func (db *DB) QueryCount() int64 { return db.queries.Load() }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.sql.PingContext(ctx) }

// Querier runs SQL written with ? placeholders; DB and Tx both are one.
type Querier interface {
	Query(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRow(ctx context.Context, query string, args ...any) *sql.Row
	Exec(ctx context.Context, query string, args ...any) (sql.Result, error)
	Dialect() Dialect
}

// bind rewrites ? placeholders into the database's own form.
func (db *DB) bind(q string) string {
	db.queries.Add(1)
	if db.dialect != Postgres {
		return q
	}
	if v, ok := db.rebound.Load(q); ok {
		return v.(string)
	}
	r := rebind(q)
	db.rebound.Store(q, r)
	return r
}

// rebind turns each ? outside quotes into $1, $2, …
func rebind(q string) string {
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	var quote byte
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			fmt.Fprintf(&b, "$%d", n)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

func (db *DB) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return db.sql.QueryContext(ctx, db.bind(q), args...)
}

func (db *DB) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return db.sql.QueryRowContext(ctx, db.bind(q), args...)
}

func (db *DB) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return db.sql.ExecContext(ctx, db.bind(q), args...)
}

// Tx is a transaction begun by Transact.
type Tx struct {
	db *DB
	tx *sql.Tx
}

func (tx *Tx) Query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, tx.db.bind(q), args...)
}

func (tx *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, tx.db.bind(q), args...)
}

func (tx *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.tx.ExecContext(ctx, tx.db.bind(q), args...)
}

// SQL returns the database/sql transaction beneath tx, for a library that
// writes in the caller's transaction (the job queue inserts jobs with it,
// so that a change and the work it triggers commit together).
func (tx *Tx) SQL() *sql.Tx { return tx.tx }

// Dialect reports the dialect of the transaction's database.
func (tx *Tx) Dialect() Dialect { return tx.db.dialect }

// Transact runs fn in a transaction, committing when it returns nil and
// rolling back otherwise. On SQLite the transactions of one process run one
// at a time (see DB.writer); one that waits longer than ctx allows returns
// ctx's error.
func (db *DB) Transact(ctx context.Context, fn func(tx *Tx) error) (err error) {
	if db.writer != nil {
		wait := time.NewTimer(busyTimeout)
		select {
		case db.writer <- struct{}{}:
			defer func() { <-db.writer }()
		case <-ctx.Done():
			wait.Stop()
			return fmt.Errorf("begin: %w", ctx.Err())
		case <-wait.C:
			// Held longer than SQLite itself would wait: leave it to
			// the busy handler, which fails after busyTimeout, rather
			// than wait here for ever.
		}
		wait.Stop()
	}
	stx, err := db.sql.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			stx.Rollback()
			panic(p)
		}
		if err != nil {
			stx.Rollback()
		}
	}()
	if err = fn(&Tx{db: db, tx: stx}); err != nil {
		return err
	}
	if err = stx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// InsertID runs an INSERT, which must not have a RETURNING clause of its
// own, and returns the id of the new row (both dialects take RETURNING).
func InsertID(ctx context.Context, q Querier, query string, args ...any) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// In returns "?, ?, …" for the values and the values as arguments, for an
// IN (…) list.
func In[T any](vals []T) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", "), args
}

// Scanner is a row to scan: *sql.Row or *sql.Rows.
type Scanner interface {
	Scan(dest ...any) error
}

// All runs a query and scans each row it returns with scan.
func All[T any](ctx context.Context, q Querier, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
