package jobs_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// countArgs is a job kind registered only in these tests.
type countArgs struct {
	Name     string `json:"name"`
	FailFor  int    `json:"fail_for"` // attempts that fail before one succeeds
	Progress bool   `json:"progress"` // record progress on the way
	Forever  bool   `json:"forever"`  // fail every attempt with Cancel
}

func (countArgs) Kind() string { return "test.count" }

// counter records what its jobs did, by name.
type counter struct {
	jobs.WorkerDefaults[countArgs]
	db   *store.DB
	mu   sync.Mutex
	done map[string][]time.Time // name → when each attempt ran
}

func (c *counter) Work(ctx context.Context, job *jobs.Job[countArgs]) error {
	c.mu.Lock()
	c.done[job.Args.Name] = append(c.done[job.Args.Name], time.Now())
	c.mu.Unlock()
	if job.Args.Forever {
		return jobs.Cancel(errors.New("never works"))
	}
	if job.Attempt <= job.Args.FailFor {
		return errors.New("not yet")
	}
	if job.Args.Progress {
		if err := jobs.SetProgress(ctx, c.db, job.ID, jobs.Progress{Done: 1, Total: 2}); err != nil {
			return err
		}
		if err := jobs.SetProgress(ctx, c.db, job.ID, jobs.Progress{Done: 2, Total: 2}); err != nil {
			return err
		}
	}
	return nil
}

func (c *counter) runs(name string) []time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Time(nil), c.done[name]...)
}

func open(t *testing.T, db *store.DB) (*jobs.Queue, *counter) {
	t.Helper()
	c := &counter{db: db, done: map[string][]time.Time{}}
	ws := jobs.NewWorkers()
	jobs.Register(ws, c)
	q, err := jobs.Open(context.Background(), db, jobs.Config{Workers: ws, Concurrency: 4, Backoff: 50 * time.Millisecond, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := q.Stop(ctx); err != nil {
			t.Error(err)
		}
		q.Close()
	})
	return q, c
}

// waitState waits until the job is in one of the final states and returns
// its row.
func waitState(t *testing.T, q *jobs.Queue, id int64, within time.Duration) *jobs.Row {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		row, err := q.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		switch row.State {
		case rivertype.JobStateCompleted, rivertype.JobStateCancelled, rivertype.JobStateDiscarded:
			return row
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d still %s after %s (attempt %d, errors %v)", id, row.State, within, row.Attempt, row.Errors)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestQueue(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		q, c := open(t, db)
		ctx := context.Background()

		t.Run("a job inserted in a transaction exists only if it commits", func(t *testing.T) {
			var committed int64
			err := db.Transact(ctx, func(tx *store.Tx) error {
				res, err := q.InsertTx(ctx, tx, countArgs{Name: "committed"}, nil)
				committed = res.Job.ID
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			rollback := errors.New("changed my mind")
			var dropped int64
			err = db.Transact(ctx, func(tx *store.Tx) error {
				res, err := jobs.InsertTx(ctx, tx, countArgs{Name: "rolled back"}, nil)
				if err != nil {
					return err
				}
				dropped = res.Job.ID
				return rollback
			})
			if !errors.Is(err, rollback) {
				t.Fatal(err)
			}
			if row := waitState(t, q, committed, 5*time.Second); row.State != rivertype.JobStateCompleted {
				t.Errorf("committed job: state %s, want completed", row.State)
			}
			if _, err := q.Job(ctx, dropped); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("rolled-back job: %v, want not found", err)
			}
			if n := len(c.runs("rolled back")); n != 0 {
				t.Errorf("rolled-back job ran %d times", n)
			}
		})

		t.Run("a failing job is retried with growing waits until it succeeds", func(t *testing.T) {
			res, err := q.Insert(ctx, countArgs{Name: "flaky", FailFor: 2}, nil)
			if err != nil {
				t.Fatal(err)
			}
			row := waitState(t, q, res.Job.ID, 5*time.Second)
			if row.State != rivertype.JobStateCompleted || row.Attempt != 3 || len(row.Errors) != 2 {
				t.Fatalf("state %s, attempt %d, %d errors; want completed on attempt 3 after 2 errors", row.State, row.Attempt, len(row.Errors))
			}
			runs := c.runs("flaky")
			if len(runs) != 3 {
				t.Fatalf("ran %d times, want 3", len(runs))
			}
			// Backoff 50 ms, then 100 ms (±10%).
			if gap := runs[1].Sub(runs[0]); gap < 40*time.Millisecond {
				t.Errorf("first retry after %s, want ≥ 45 ms", gap)
			}
			if gap := runs[2].Sub(runs[1]); gap < 85*time.Millisecond {
				t.Errorf("second retry after %s, want ≥ 90 ms", gap)
			}
		})

		t.Run("a cancelled job is not retried", func(t *testing.T) {
			res, err := q.Insert(ctx, countArgs{Name: "hopeless", Forever: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			row := waitState(t, q, res.Job.ID, 5*time.Second)
			time.Sleep(200 * time.Millisecond)
			if row.State != rivertype.JobStateCancelled || len(c.runs("hopeless")) != 1 {
				t.Errorf("state %s after %d runs, want cancelled after 1", row.State, len(c.runs("hopeless")))
			}
		})

		t.Run("a unique job is queued once", func(t *testing.T) {
			opts := &jobs.InsertOpts{UniqueOpts: jobs.UniqueOpts{ByArgs: true}, ScheduledAt: time.Now().Add(time.Hour)}
			first, err := q.Insert(ctx, countArgs{Name: "unique"}, opts)
			if err != nil {
				t.Fatal(err)
			}
			second, err := q.Insert(ctx, countArgs{Name: "unique"}, opts)
			if err != nil {
				t.Fatal(err)
			}
			if first.UniqueSkippedAsDuplicate || !second.UniqueSkippedAsDuplicate || second.Job.ID != first.Job.ID {
				t.Errorf("first skipped %v (id %d), second skipped %v (id %d); want only the second skipped, same job",
					first.UniqueSkippedAsDuplicate, first.Job.ID, second.UniqueSkippedAsDuplicate, second.Job.ID)
			}
		})

		t.Run("progress recorded by a job stays readable after it ends", func(t *testing.T) {
			res, err := q.Insert(ctx, countArgs{Name: "long", Progress: true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			row := waitState(t, q, res.Job.ID, 5*time.Second)
			p, ok := jobs.JobProgress(row)
			if !ok || p != (jobs.Progress{Done: 2, Total: 2}) {
				t.Errorf("progress %+v (%v), want 2 of 2", p, ok)
			}
		})

		t.Run("a scheduled job runs at its time, not before", func(t *testing.T) {
			at := time.Now().Add(1500 * time.Millisecond)
			res, err := q.Insert(ctx, countArgs{Name: "scheduled"}, &jobs.InsertOpts{ScheduledAt: at})
			if err != nil {
				t.Fatal(err)
			}
			// River's scheduler looks for due jobs every 5 s.
			waitState(t, q, res.Job.ID, 8*time.Second)
			runs := c.runs("scheduled")
			if len(runs) != 1 || runs[0].Before(at) {
				t.Errorf("ran at %v, want once at or after %v", runs, at)
			}
		})
	})
}
