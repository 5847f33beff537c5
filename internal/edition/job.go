package edition

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// BuildArgs is the job that builds an edition's files (Press.Build): its
// formats (every format of the edition when empty), and who asked, for the
// event log.
type BuildArgs struct {
	EditionID int64    `json:"edition_id"`
	Formats   []string `json:"formats,omitempty"`
	ActorID   int64    `json:"actor_id"`
	ActorName string   `json:"actor_name"`
	PartnerID int64    `json:"partner_id,omitempty"`
}

// Kind names the job.
func (BuildArgs) Kind() string { return "edition.build" }

// QueueBuild queues, in tx, the build of edition id in formats (every
// format when empty), unless one is already queued or running for it, and
// marks the edition's build as queued for the office. It returns the job's
// id.
func QueueBuild(ctx context.Context, tx *store.Tx, id int64, formats []book.Format, by Actor) (int64, error) {
	e, err := Get(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	if e.State == Released {
		return 0, &StateError{From: Released, To: Proofs, Key: "edition.build.released"}
	}
	args := BuildArgs{EditionID: id, ActorID: by.AccountID, ActorName: by.Name, PartnerID: by.PartnerID}
	for _, f := range formats {
		args.Formats = append(args.Formats, string(f))
	}
	res, err := jobs.InsertTx(ctx, tx, args, &jobs.InsertOpts{UniqueOpts: jobs.UniqueOpts{ByArgs: true, ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRunning, rivertype.JobStateRetryable, rivertype.JobStateScheduled}}})
	if err != nil {
		return 0, err
	}
	if res.UniqueSkippedAsDuplicate {
		return res.Job.ID, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE editions SET build_job_id = ?, build_state = 'queued', build_format = '', build_done = 0, build_total = 0, build_error = '' WHERE id = ?`,
		res.Job.ID, id); err != nil {
		return 0, fmt.Errorf("edition %d build: %w", id, err)
	}
	return res.Job.ID, nil
}

// BuildWorker works BuildArgs jobs with its press, recording the build's
// progress on the edition, where the office reads it.
type BuildWorker struct {
	jobs.WorkerDefaults[BuildArgs]
	Press *Press
}

// BuildFailure is the i18n message key (locales/edition.*.json, its
// argument the format) the office shows for a build that failed with
// err, which BuildWorker records on the edition instead of err's text: a
// renderer's error is in its own words and language, and its details go
// to the log.
func BuildFailure(err error) string {
	var se *StateError
	switch {
	case errors.As(err, &se):
		return se.Key
	case errors.Is(err, ErrNoRenderer):
		return "edition.build.no_renderer"
	case errors.Is(err, ErrNotFound):
		return "edition.build.gone"
	}
	return "edition.build.error"
}

// Timeout allows a long book's PDF.
func (w *BuildWorker) Timeout(*jobs.Job[BuildArgs]) time.Duration { return 30 * time.Minute }

// Work builds the edition.
func (w *BuildWorker) Work(ctx context.Context, job *jobs.Job[BuildArgs]) error {
	db := w.Press.DB
	id := job.Args.EditionID
	status := func(state string, p Progress, msg string) error {
		_, err := db.Exec(ctx, `UPDATE editions SET build_job_id = ?, build_state = ?, build_format = ?, build_done = ?, build_total = ?, build_error = ? WHERE id = ?`,
			job.ID, state, string(p.Format), p.Done, p.Total, msg, id)
		return err
	}
	if err := status("running", Progress{}, ""); err != nil {
		return err
	}
	var formats []book.Format
	for _, f := range job.Args.Formats {
		formats = append(formats, book.Format(f))
	}
	var last Progress
	by := Actor{AccountID: job.Args.ActorID, Name: job.Args.ActorName, PartnerID: job.Args.PartnerID}
	_, err := w.Press.Build(ctx, id, formats, by, func(p Progress) {
		last = p
		// Progress is for the office to show; a lost update is no failure.
		_ = status("running", p, "")
	})
	if err != nil {
		// The office shows why in its reader's language (BuildFailure);
		// the details, a renderer's own words (Typst's, in English), are
		// for the log.
		log := w.Press.Log
		if log == nil {
			log = slog.Default()
		}
		log.Error("edition build failed", slog.Int64("edition", id), slog.Int64("job", job.ID), slog.String("format", string(last.Format)), slog.Any("error", err))
		if serr := status("failed", last, BuildFailure(err)); serr != nil {
			return errors.Join(err, serr)
		}
		var se *StateError
		if errors.Is(err, ErrNoRenderer) || errors.Is(err, ErrNotFound) || errors.As(err, &se) {
			return jobs.Cancel(err)
		}
		return err
	}
	return status("done", last, "")
}

// Register adds the edition workers to ws: builds with press, releases
// with the clock now (nil: time.Now).
func Register(ws *jobs.Workers, press *Press, now func() time.Time) {
	jobs.Register(ws, &BuildWorker{Press: press})
	jobs.Register(ws, &ReleaseWorker{DB: press.DB, Now: now})
}
