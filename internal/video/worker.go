package video

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// Register adds the worker of video processing jobs, done by p.
func Register(ws *jobs.Workers, p *Processor) {
	jobs.Register(ws, &processWorker{p: p})
}

type processWorker struct {
	jobs.WorkerDefaults[ProcessArgs]
	p *Processor
}

// Timeout allows a long speech: its end is decided by the lease, not by a
// clock.
func (w *processWorker) Timeout(*jobs.Job[ProcessArgs]) time.Duration { return 24 * time.Hour }

// Work processes the video, holding its lease throughout. A video another
// worker holds now is left to it (the job snoozes and looks again); a
// video already done is done. A video processing refuses is recorded as
// failed, with the reason for the organiser, and the job ends well: there
// is nothing to retry. Other errors are retried, and recorded as a
// failure after the last attempt.
func (w *processWorker) Work(ctx context.Context, job *jobs.Job[ProcessArgs]) error {
	return w.p.run(ctx, job.Args.VideoID, job.ID, job.Attempt >= job.MaxAttempts)
}

// Process processes video id at once, in the caller's goroutine, as its
// job would on its last attempt (for benchmarks and tools): a video
// refused is recorded as failed and is no error.
func (p *Processor) Process(ctx context.Context, id int64) error {
	v, err := Get(ctx, p.DB, id)
	if err != nil {
		return err
	}
	err = p.run(ctx, id, v.JobID, true)
	var snooze *rivertype.JobSnoozeError
	if errors.As(err, &snooze) {
		return fmt.Errorf("video %d: another worker is processing it", id)
	}
	return err
}

// run processes video id for job jobID; final says it is the job's last
// attempt. It returns what a job's Work returns.
func (p *Processor) run(ctx context.Context, id, jobID int64, final bool) error {
	v, err := Get(ctx, p.DB, id)
	if errors.Is(err, ErrNotFound) {
		return jobs.Cancel(err) // its programme item was deleted
	}
	if err != nil {
		return err
	}
	if v.State.Done() {
		return nil
	}
	token := newToken()
	ok, err := p.acquire(ctx, id, token, jobID)
	if err != nil {
		return err
	}
	if !ok {
		return jobs.Snooze(p.lease())
	}
	parent := ctx
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	progress := &progressCell{v: make(chan int, 1)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		p.heartbeat(ctx, id, jobID, token, progress, cancel)
	}()
	err = p.process(ctx, v, token, progress.set)
	cancel(nil)
	<-done
	if cause := context.Cause(ctx); errors.Is(cause, errLeaseLost) && err != nil {
		err = errLeaseLost
	}
	if errors.Is(err, errLeaseLost) {
		return jobs.Snooze(p.lease())
	}
	var f *Failure
	switch {
	case err != nil && parent.Err() != nil:
		// The process is stopping: the video is taken up again, from its
		// last recorded step, as soon as a worker starts, and the
		// interruption does not count as a failed attempt.
		p.release(context.WithoutCancel(ctx), id, token)
		return jobs.Snooze(0)
	case errors.As(err, &f):
		return p.fail(context.WithoutCancel(ctx), id, token, f)
	case err != nil && final:
		if ferr := p.fail(context.WithoutCancel(ctx), id, token, &Failure{Key: ErrGaveUp, Detail: err.Error()}); ferr != nil {
			return errors.Join(err, ferr)
		}
		return err
	case err != nil:
		p.release(context.WithoutCancel(ctx), id, token)
		return err
	}
	p.release(context.WithoutCancel(ctx), id, token)
	return nil
}

// progressCell passes the latest progress from the processing goroutine
// to the heartbeat, which records it with the lease.
type progressCell struct{ v chan int }

func (c *progressCell) set(n int) {
	select {
	case <-c.v:
	default:
	}
	select {
	case c.v <- n:
	default:
	}
}

// acquire takes the lease of video id for token when no live worker holds
// it, and records jobID as its job.
func (p *Processor) acquire(ctx context.Context, id int64, token string, jobID int64) (bool, error) {
	now := time.Now()
	res, err := p.DB.Exec(ctx, `UPDATE videos SET lease_token = ?, lease_until_ms = ?, job_id = ?, updated_at = ?
		WHERE id = ? AND (lease_until_ms IS NULL OR lease_until_ms < ?)`,
		token, now.Add(p.lease()).UnixMilli(), jobID, now.UTC(), id, now.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("video %d lease: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// heartbeat renews the lease and records the progress until ctx is done;
// a lease found taken over cancels the work with errLeaseLost.
func (p *Processor) heartbeat(ctx context.Context, id, jobID int64, token string, progress *progressCell, cancel context.CancelCauseFunc) {
	every := p.lease() / 3
	t := time.NewTicker(every)
	defer t.Stop()
	last := -1
	for {
		select {
		case <-ctx.Done():
			return
		case n := <-progress.v:
			// Progress is written at most every half second, with the lease.
			if n == last {
				continue
			}
			last = n
			if err := p.renew(ctx, id, token, n); errors.Is(err, errLeaseLost) {
				cancel(err)
				return
			}
			// The office's list of jobs shows it too.
			if jobID != 0 {
				jobs.SetProgress(ctx, p.DB, jobID, jobs.Progress{Done: int64(n), Total: 1000})
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(500 * time.Millisecond):
			}
		case <-t.C:
			if err := p.renew(ctx, id, token, -1); errors.Is(err, errLeaseLost) {
				cancel(err)
				return
			}
		}
	}
}

func (p *Processor) renew(ctx context.Context, id int64, token string, progress int) error {
	until := time.Now().Add(p.lease()).UnixMilli()
	var res sql.Result
	var err error
	if progress >= 0 {
		res, err = p.DB.Exec(ctx, `UPDATE videos SET lease_until_ms = ?, progress = ? WHERE id = ? AND lease_token = ?`, until, progress, id, token)
	} else {
		res, err = p.DB.Exec(ctx, `UPDATE videos SET lease_until_ms = ? WHERE id = ? AND lease_token = ?`, until, id, token)
	}
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return errLeaseLost
	}
	return nil
}

// release gives the lease up, so that a retry need not wait for it to
// lapse.
func (p *Processor) release(ctx context.Context, id int64, token string) {
	p.DB.Exec(ctx, `UPDATE videos SET lease_token = '', lease_until_ms = NULL WHERE id = ? AND lease_token = ?`, id, token)
}

// fail records that video id was refused, with its reason, and gives up
// the lease. The original is kept; nothing the run made is published.
func (p *Processor) fail(ctx context.Context, id int64, token string, f *Failure) error {
	_, err := p.DB.Exec(ctx, `UPDATE videos SET state = ?, error_key = ?, error_detail = ?, lease_token = '', lease_until_ms = NULL, updated_at = ?
		WHERE id = ? AND lease_token = ?`, Failed, f.Key, truncate(f.Detail, 4000), time.Now().UTC(), id, token)
	if err != nil {
		return fmt.Errorf("video %d: %w", id, err)
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// Rescue queues again the job of every video whose worker died while
// processing it (its lease lapsed), so that a restarted process takes it
// up at once rather than when the job queue would count the job as stuck
// (an hour by default). It returns how many it queued.
func Rescue(ctx context.Context, db *store.DB) (int, error) {
	now := time.Now().UnixMilli()
	type lapsed struct {
		id, until int64
	}
	stale, err := store.All(ctx, db, func(sc store.Scanner) (lapsed, error) {
		var l lapsed
		return l, sc.Scan(&l.id, &l.until)
	}, `SELECT id, lease_until_ms FROM videos WHERE state IN (?, ?, ?) AND lease_until_ms < ?`, Queued, Probing, Processing, now)
	if err != nil {
		return 0, fmt.Errorf("videos to rescue: %w", err)
	}
	n := 0
	for _, l := range stale {
		err := db.Transact(ctx, func(tx *store.Tx) error {
			// Only one process queues it again: the one that clears the
			// lapsed lease it read.
			res, err := tx.Exec(ctx, `UPDATE videos SET lease_token = '', lease_until_ms = NULL WHERE id = ? AND lease_until_ms = ?`, l.id, l.until)
			if err != nil {
				return err
			}
			if k, err := res.RowsAffected(); err != nil || k == 0 {
				return err
			}
			res2, err := jobs.InsertTx(ctx, tx, ProcessArgs{VideoID: l.id}, &jobs.InsertOpts{MaxAttempts: maxAttempts})
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE videos SET job_id = ? WHERE id = ?`, res2.Job.ID, l.id); err != nil {
				return err
			}
			n++
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("rescue video %d: %w", l.id, err)
		}
	}
	return n, nil
}

// Watch rescues abandoned videos (Rescue) now and then every interval
// until ctx is done, logging what it does: a process that works jobs runs
// it beside them.
func Watch(ctx context.Context, db *store.DB, interval time.Duration, log *slog.Logger) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		n, err := Rescue(ctx, db)
		switch {
		case err != nil && ctx.Err() == nil:
			log.Warn("video rescue", slog.Any("error", err))
		case n > 0:
			log.Info("videos taken up again after their worker stopped", slog.Int("videos", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
