package media

import (
	"context"
	"errors"
	"fmt"
	"io"

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
func (w *renditionsWorker) Work(ctx context.Context, job *jobs.Job[RenditionsArgs]) error {
	err := w.s.DB.Transact(ctx, func(tx *store.Tx) error {
		_, err := w.s.MakeRenditions(ctx, tx, job.Args.MediaID)
		return err
	})
	if errors.Is(err, ErrNotFound) || errors.Is(err, ErrUnsupported) || errors.Is(err, ErrTooLarge) {
		return jobs.Cancel(err)
	}
	return err
}
