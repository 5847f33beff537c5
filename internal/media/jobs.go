package media

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// RenditionsArgs are the arguments of the job that makes an uploaded
// image's renditions out of the request that uploaded it.
type RenditionsArgs struct {
	MediaID int64 `json:"media_id"`
}

// Kind names the job.
func (RenditionsArgs) Kind() string { return "media.renditions" }

// Upload keeps an image as Add does and queues, in tx, the job that makes
// its renditions: the row and the job commit together or not at all. Until
// the job has run, pages offer the original alone.
func (s *Store) Upload(ctx context.Context, tx *store.Tx, r io.Reader, meta Meta) (*Image, error) {
	im, err := s.Add(ctx, tx, r, meta)
	if err != nil {
		return nil, err
	}
	if im.Vector() {
		return im, nil
	}
	if _, err := jobs.InsertTx(ctx, tx, RenditionsArgs{MediaID: im.ID}, nil); err != nil {
		return nil, fmt.Errorf("image %d: %w", im.ID, err)
	}
	return im, nil
}

// Register adds the worker that makes renditions through s.
func Register(ws *jobs.Workers, s *Store) {
	jobs.Register(ws, &renditionsWorker{s: s})
}

type renditionsWorker struct {
	jobs.WorkerDefaults[RenditionsArgs]
	s *Store
}

// Work makes the image's renditions; an image deleted since, or one that
// no longer decodes, is given up rather than retried.
//
// It records its progress as one step, begun and then done: the files are
// made in one transaction, which on SQLite holds the only writer, so
// progress within it could not be recorded.
func (w *renditionsWorker) Work(ctx context.Context, job *jobs.Job[RenditionsArgs]) error {
	if err := jobs.SetProgress(ctx, w.s.DB, job.ID, jobs.Progress{Done: 0, Total: 1}); err != nil {
		return err
	}
	err := w.s.DB.Transact(ctx, func(tx *store.Tx) error {
		_, err := w.s.MakeRenditions(ctx, tx, job.Args.MediaID)
		return err
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrUnsupported) || errors.Is(err, ErrTooLarge) {
		return jobs.Cancel(err)
	}
	if err != nil {
		return err
	}
	return jobs.SetProgress(ctx, w.s.DB, job.ID, jobs.Progress{Done: 1, Total: 1})
}

// RenditionJobs returns the newest renditions job of each of the images
// ids that has one, by image id, in one query: an image uploaded before
// jobs were kept, or whose job has been cleared away, has none.
func RenditionJobs(ctx context.Context, db *store.DB, ids []int64) (map[int64]jobs.Info, error) {
	return jobs.Latest(ctx, db, RenditionsArgs{}.Kind(), "media_id", ids)
}

// Requeue queues, in tx, the renditions job of image id again, for an
// editor who asks to try once more after it failed.
func Requeue(ctx context.Context, tx *store.Tx, id int64) error {
	if _, err := jobs.InsertTx(ctx, tx, RenditionsArgs{MediaID: id}, nil); err != nil {
		return fmt.Errorf("image %d: %w", id, err)
	}
	return nil
}

// Failure says why a renditions job failed, from the error it recorded:
// ErrNotFound, ErrUnsupported or ErrTooLarge, or nil when it is none of
// these (a file store or database out of reach), so that a page can say
// it in the reader's language.
func Failure(lastError string) error {
	for _, err := range []error{ErrUnsupported, ErrTooLarge, ErrNotFound} {
		if strings.Contains(lastError, err.Error()) {
			return err
		}
	}
	return nil
}
