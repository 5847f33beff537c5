// Package jobs runs tandem's background work as durable jobs in the
// database, on SQLite and PostgreSQL alike, with River (riverqueue.com).
//
// A job is inserted in the caller's transaction (InsertTx), so a change of
// state and the work it triggers commit together or not at all. Workers
// are registered by kind; a job that fails is retried with exponential
// backoff, and a job whose worker died (a crash, kill -9) is taken up again
// once it has run longer than Config.RescueAfter.
//
// On SQLite the queue has a single connection of its own on the same file,
// so that River's polling never competes with the site's pool; on
// PostgreSQL it shares the site's pool and polls (database/sql has no
// LISTEN). River's tables live beside tandem's, in the schema of the
// connection's search_path.
package jobs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/store"
)

// Args are a job's arguments: a struct encoded as JSON whose Kind method
// names the worker that runs it ("mail.send").
type Args = river.JobArgs

// Job is a job being worked: its row (ID, Attempt, CreatedAt, …) and its
// decoded arguments.
type Job[T Args] = river.Job[T]

// Worker works jobs of one kind. Work returns nil when the job is done, an
// error to retry it later, or Cancel(err) to give it up for good.
type Worker[T Args] = river.Worker[T]

// WorkerDefaults gives a Worker the default timeout and retry schedule;
// embed it.
type WorkerDefaults[T Args] = river.WorkerDefaults[T]

// InsertOpts change how one job is inserted: ScheduledAt runs it at a
// time, UniqueOpts keeps a second like it out, MaxAttempts bounds retries.
type InsertOpts = river.InsertOpts

// UniqueOpts say which jobs count as the same one (by args, by period).
type UniqueOpts = river.UniqueOpts

// Row is a job as stored: kind, state, attempt, errors, metadata.
type Row = rivertype.JobRow

// Inserted is the result of an insert: the job's row, and whether it was
// skipped as a duplicate of a unique job already queued.
type Inserted = rivertype.JobInsertResult

// Cancel wraps err so that the job is not retried: it is given up at once
// (state "cancelled") with err recorded, for failures that retrying cannot
// mend.
func Cancel(err error) error { return river.JobCancel(err) }

// Snooze puts the job back to run again after d, without counting an
// attempt: for a job whose work another process is doing now.
func Snooze(d time.Duration) error { return river.JobSnooze(d) }

// Workers is the set of workers a queue can run, one per job kind.
type Workers struct{ w *river.Workers }

// NewWorkers returns an empty set of workers.
func NewWorkers() *Workers { return &Workers{w: river.NewWorkers()} }

// Register adds the worker of the kind of T. It panics when that kind
// already has one, a programming error.
func Register[T Args](ws *Workers, w Worker[T]) { river.AddWorker(ws.w, w) }

// Config is what a queue is opened with.
type Config struct {
	// Workers are the workers for the kinds this process may run or
	// insert; nil skips the check that an inserted kind has one.
	Workers *Workers
	// Concurrency is how many jobs Start works at once; 0 makes a queue
	// that only inserts.
	Concurrency int
	// Backoff is the wait before the first retry of a failed job; each
	// further retry waits twice as long, up to 6 hours, with ±10% jitter.
	// Default 10 s.
	Backoff time.Duration
	// RescueAfter is how long a job may be running before it is taken as
	// abandoned by a dead worker and retried. It is also the longest a job
	// runs before its context is cancelled, when that is under a minute;
	// a worker whose jobs run longer overrides Timeout. Default 1 hour.
	RescueAfter time.Duration
	// PollInterval is how often an idle worker looks for new jobs.
	// Default 1 s.
	PollInterval time.Duration
	// Logger receives River's log; nil discards it.
	Logger *slog.Logger
	// Periodic are jobs a working queue inserts by itself at an interval
	// (a clean-up), and once when it starts.
	Periodic []Periodic
}

// Periodic is a job inserted every Every, with Args.
type Periodic struct {
	Every time.Duration
	Args  Args
}

// Queue is the job queue of one database: it inserts jobs and, once
// started, works them.
type Queue struct {
	db      *store.DB
	own     *sql.DB // the queue's own pool on SQLite; nil on PostgreSQL
	client  *river.Client[*sql.Tx]
	working bool
}

// Open applies River's migrations to db and returns its queue. The caller
// must Close it (after Stop, when started).
func Open(ctx context.Context, db *store.DB, cfg Config) (*Queue, error) {
	if err := Migrate(ctx, db); err != nil {
		return nil, err
	}
	q := &Queue{db: db}
	var driver riverdriver.Driver[*sql.Tx]
	if db.Dialect() == store.SQLite {
		// One connection: SQLite has one writer at a time, and River's
		// pollers and maintenance would otherwise wait on each other.
		own, err := db.OpenPool(ctx, 1)
		if err != nil {
			return nil, fmt.Errorf("job queue: %w", err)
		}
		q.own = own
		driver = riversqlite.New(own)
	} else {
		driver = riverdatabasesql.New(db.SQL())
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	rc := &river.Config{
		Logger:               logger,
		FetchPollInterval:    orDefault(cfg.PollInterval, time.Second),
		RescueStuckJobsAfter: orDefault(cfg.RescueAfter, time.Hour),
		RetryPolicy:          backoff{base: orDefault(cfg.Backoff, 10*time.Second), max: 6 * time.Hour},
		// Jobs stay a week after they end, for the office to show.
		CompletedJobRetentionPeriod: 7 * 24 * time.Hour,
		CancelledJobRetentionPeriod: 30 * 24 * time.Hour,
		DiscardedJobRetentionPeriod: 30 * 24 * time.Hour,
	}
	rc.FetchCooldown = min(river.FetchCooldownDefault, rc.FetchPollInterval)
	if rc.RescueStuckJobsAfter < river.JobTimeoutDefault {
		rc.JobTimeout = rc.RescueStuckJobsAfter
	}
	if cfg.Workers != nil {
		rc.Workers = cfg.Workers.w
	}
	if cfg.Concurrency > 0 {
		if cfg.Workers == nil {
			q.Close()
			return nil, errors.New("job queue: Concurrency without Workers")
		}
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Concurrency}}
		for _, p := range cfg.Periodic {
			args := p.Args
			rc.PeriodicJobs = append(rc.PeriodicJobs, river.NewPeriodicJob(river.PeriodicInterval(p.Every),
				func() (river.JobArgs, *river.InsertOpts) { return args, nil }, &river.PeriodicJobOpts{RunOnStart: true}))
		}
		q.working = true
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		q.Close()
		return nil, fmt.Errorf("job queue: %w", err)
	}
	q.client = client
	return q, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// Migrate applies the River migrations that db lacks: on SQLite in one
// transaction; on PostgreSQL each in its own (a new enum value cannot be
// used in the transaction that adds it), one process at a time.
func Migrate(ctx context.Context, db *store.DB) error {
	var err error
	if db.Dialect() == store.Postgres {
		err = migratePostgres(ctx, db)
	} else {
		err = db.Transact(ctx, func(tx *store.Tx) error {
			m, err := rivermigrate.New(riversqlite.New(nil), nil)
			if err != nil {
				return err
			}
			_, err = m.MigrateTx(ctx, tx.SQL(), rivermigrate.DirectionUp, nil)
			return err
		})
	}
	if err != nil {
		return fmt.Errorf("migrate job queue: %w", err)
	}
	return nil
}

func migratePostgres(ctx context.Context, db *store.DB) error {
	// Several processes may start at once; the others wait on this lock,
	// held by a connection of its own.
	conn, err := db.SQL().Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	const key = 7426174 // any constant shared by every tandem process
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, key); err != nil {
		return err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, key)
	m, err := rivermigrate.New(riverdatabasesql.New(db.SQL()), nil)
	if err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// Start works jobs until Stop. It does nothing on a queue opened without
// Concurrency.
func (q *Queue) Start(ctx context.Context) error {
	if !q.working {
		return nil
	}
	if err := q.client.Start(ctx); err != nil {
		return fmt.Errorf("start job queue: %w", err)
	}
	return nil
}

// Stop stops fetching jobs and waits for those running to end; when ctx is
// done first it cancels them, and their jobs will be retried.
func (q *Queue) Stop(ctx context.Context) error {
	if !q.working {
		return nil
	}
	err := q.client.Stop(ctx)
	if err != nil && ctx.Err() != nil {
		cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = q.client.StopAndCancel(cctx)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		return fmt.Errorf("stop job queue: %w", err)
	}
	return nil
}

// Close closes the queue's own connection. Stop a started queue first.
func (q *Queue) Close() error {
	if q.own != nil {
		return q.own.Close()
	}
	return nil
}

// Insert queues a job on its own. Prefer InsertTx when the job follows
// from a change in the database. opts may be nil.
func (q *Queue) Insert(ctx context.Context, args Args, opts *InsertOpts) (*Inserted, error) {
	res, err := q.client.Insert(ctx, args, opts)
	if err != nil {
		return nil, fmt.Errorf("insert job %s: %w", args.Kind(), err)
	}
	return res, nil
}

// InsertTx queues a job in tx: it is there when tx commits, and never was
// when tx rolls back. opts may be nil.
func (q *Queue) InsertTx(ctx context.Context, tx *store.Tx, args Args, opts *InsertOpts) (*Inserted, error) {
	res, err := q.client.InsertTx(ctx, tx.SQL(), args, opts)
	if err != nil {
		return nil, fmt.Errorf("insert job %s: %w", args.Kind(), err)
	}
	return res, nil
}

// InsertTx queues a job in tx, like Queue.InsertTx, for code that has a
// transaction but no queue at hand (mail.Enqueue). It does not check that
// the kind has a worker.
func InsertTx(ctx context.Context, tx *store.Tx, args Args, opts *InsertOpts) (*Inserted, error) {
	c, err := inserter(tx.Dialect())
	if err != nil {
		return nil, err
	}
	res, err := c.InsertTx(ctx, tx.SQL(), args, opts)
	if err != nil {
		return nil, fmt.Errorf("insert job %s: %w", args.Kind(), err)
	}
	return res, nil
}

// inserters are clients without a pool, which insert only in a given
// transaction; they hold no state of their own.
var inserters = map[store.Dialect]func() (*river.Client[*sql.Tx], error){
	store.SQLite: sync.OnceValues(func() (*river.Client[*sql.Tx], error) {
		return river.NewClient(riversqlite.New(nil), &river.Config{Logger: slog.New(slog.DiscardHandler)})
	}),
	store.Postgres: sync.OnceValues(func() (*river.Client[*sql.Tx], error) {
		return river.NewClient(riverdatabasesql.New(nil), &river.Config{Logger: slog.New(slog.DiscardHandler)})
	}),
}

func inserter(d store.Dialect) (*river.Client[*sql.Tx], error) {
	c, err := inserters[d]()
	if err != nil {
		return nil, fmt.Errorf("job inserter: %w", err)
	}
	return c, nil
}

// Job returns the stored row of the job with the given id, or an error
// wrapping store.ErrNotFound.
func (q *Queue) Job(ctx context.Context, id int64) (*Row, error) {
	row, err := q.client.JobGet(ctx, id)
	if errors.Is(err, river.ErrNotFound) {
		return nil, fmt.Errorf("job %d: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("job %d: %w", id, err)
	}
	return row, nil
}

// Progress is how far a long job has got: Done of Total units (pages,
// bytes, files; the job says which).
type Progress struct {
	Done  int64 `json:"done"`
	Total int64 `json:"total"`
}

// SetProgress records the progress of the running job with the given id
// in its metadata, where JobProgress reads it; it stays after the job ends.
func SetProgress(ctx context.Context, db *store.DB, id int64, p Progress) error {
	b, err := json.Marshal(p)
	if err != nil {
		return err
	}
	q := `UPDATE river_job SET metadata = jsonb_set(metadata, '$.progress', jsonb(?)) WHERE id = ?`
	if db.Dialect() == store.Postgres {
		q = `UPDATE river_job SET metadata = jsonb_set(metadata, '{progress}', CAST(? AS jsonb)) WHERE id = ?`
	}
	if _, err := db.Exec(ctx, q, string(b), id); err != nil {
		return fmt.Errorf("job %d progress: %w", id, err)
	}
	return nil
}

// JobProgress returns the progress last recorded for a job, and whether
// any was.
func JobProgress(row *Row) (Progress, bool) {
	var m struct {
		Progress *Progress `json:"progress"`
	}
	if json.Unmarshal(row.Metadata, &m) != nil || m.Progress == nil {
		return Progress{}, false
	}
	return *m.Progress, true
}

// backoff retries a job after base, then twice as long each attempt, up
// to max, with ±10% jitter so that jobs failed together spread out.
type backoff struct{ base, max time.Duration }

func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	d := b.base
	for i := 1; i < job.Attempt && d < b.max; i++ {
		d *= 2
	}
	d = min(d, b.max)
	d += time.Duration((rand.Float64()*0.2 - 0.1) * float64(d))
	return time.Now().Add(d)
}
