package web

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// PublishDueArgs is the job that publishes the drafts whose hosts have all
// approved them and whose publish-at time has come. It is queued, in the
// transaction of the approval that completes a draft with a time still to
// come, to run at that time (At); running it again, or for a time whose
// draft has since changed, publishes nothing twice.
type PublishDueArgs struct {
	At time.Time `json:"at"`
}

// Kind names the job.
func (PublishDueArgs) Kind() string { return "approval.publish_due" }

// schedulePublication queues, in tx, the job that publishes what is due at
// at.
func schedulePublication(ctx context.Context, tx *store.Tx, at time.Time) error {
	_, err := jobs.InsertTx(ctx, tx, PublishDueArgs{At: at}, &jobs.InsertOpts{ScheduledAt: at})
	return err
}

// RegisterWorkers adds the web server's background workers to ws: the
// scheduled publication of approved drafts, the reminders of invitations
// to contribute, and the keeping of contributions' approved texts.
func (s *Server) RegisterWorkers(ws *jobs.Workers) {
	jobs.Register(ws, &publishWorker{s: s})
	jobs.Register(ws, &reminderWorker{s: s})
	jobs.Register(ws, &keepWorker{s: s})
}

// keepWorker keeps a contribution's approved text as a document of its
// language (works.Keep).
type keepWorker struct {
	jobs.WorkerDefaults[works.KeepArgs]
	s *Server
}

func (w *keepWorker) Work(ctx context.Context, job *jobs.Job[works.KeepArgs]) error {
	_, err := works.Keep(ctx, w.s.db, w.s.revisions(), w.s.blobs, job.Args)
	return err
}

type publishWorker struct {
	jobs.WorkerDefaults[PublishDueArgs]
	s *Server
}

// Work publishes what is due when the job runs, and at least what is due
// at the job's own time, so that a clock a little behind the queue's does
// not leave the draft unpublished.
func (w *publishWorker) Work(ctx context.Context, job *jobs.Job[PublishDueArgs]) error {
	now := time.Now()
	if job.Args.At.After(now) {
		now = job.Args.At
	}
	_, err := w.s.PublishDue(ctx, now)
	return err
}

// PublishDue publishes, in one transaction, every scheduled draft whose
// publish-at time is not after now, tells each one's submitter by mail,
// and returns their subjects.
func (s *Server) PublishDue(ctx context.Context, now time.Time) ([]approval.Subject, error) {
	var done []approval.Subject
	err := s.db.Transact(ctx, func(tx *store.Tx) error {
		due, err := approval.Due(ctx, tx, now)
		if err != nil {
			return err
		}
		contents := map[approval.Subject]any{}
		for _, p := range due {
			d, err := approval.Load(ctx, tx, p.Subject)
			if err != nil {
				return err
			}
			contents[p.Subject] = d.Content
		}
		done, err = approval.PublishDue(ctx, tx, now)
		if err != nil {
			return err
		}
		for _, p := range due {
			if c, ok := contents[p.Subject]; ok && slices.Contains(done, p.Subject) {
				if err := s.mailPublished(ctx, tx, p.Subject, c, p.SubmittedBy); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("publish due: %w", err)
	}
	for _, subj := range done {
		s.log.Info("published at its time", slog.String("subject", subj.String()))
	}
	return done, nil
}
