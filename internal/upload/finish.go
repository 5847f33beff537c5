package upload

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// FinishArgs are the arguments of the job that finishes a received upload:
// its SHA-256, its move into the blob store and OnComplete. It is queued
// in the transaction that records the upload as received, so that a
// server stopped (even by kill -9) after answering the client finishes
// the upload when it starts again.
type FinishArgs struct {
	TusID string `json:"tus_id"`
}

// Kind names the job.
func (FinishArgs) Kind() string { return "upload.finish" }

// finishTimeout is the longest a finishing job may run: reading and
// moving (or, across file systems, copying) a file of gigabytes.
const finishTimeout = 30 * time.Minute

type finishWorker struct {
	jobs.WorkerDefaults[FinishArgs]
	s *Service
}

func (w *finishWorker) Timeout(*jobs.Job[FinishArgs]) time.Duration { return finishTimeout }

// Work finishes the upload; one that is gone (removed with its programme
// item) or whose file is lost is given up rather than retried.
func (w *finishWorker) Work(ctx context.Context, job *jobs.Job[FinishArgs]) error {
	err := w.s.Finish(ctx, job.Args.TusID)
	if errors.Is(err, ErrNotFound) || errors.Is(err, errLost) {
		w.s.log.Error("upload: finish", slog.String("id", job.Args.TusID), slog.Any("err", err))
		return jobs.Cancel(err)
	}
	return err
}

// errLost is a received upload whose file is neither in the staging
// folder nor in the blob store, or is short.
var errLost = errors.New("upload's file lost")

// Finish finishes the received upload id: it reads the SHA-256 of the
// whole staging file and records it, moves the file into the blob store
// (whose own write path syncs it to the disk), and records the upload as
// stored while OnComplete, in the same transaction, hands it on. It may
// run again after stopping at any point, and more than once at a time:
// the upload is recorded stored, and OnComplete called, once.
func (s *Service) Finish(ctx context.Context, id string) error {
	u, err := ByTusID(ctx, s.cfg.DB, id)
	if err != nil {
		return err
	}
	switch u.State {
	case Stored:
		return nil
	case Receiving:
		return fmt.Errorf("upload %s: %w: still receiving", id, errLost)
	}
	key := "uploads/" + u.TusID
	path := s.stagingPath(u.TusID)
	st, err := os.Stat(path)
	switch {
	case err == nil:
		if st.Size() != u.Size {
			// The staging file lost its end: the machine lost power before
			// the page cache reached the disk. The upload is receiving
			// again, so that its client, asking where to go on from, sends
			// the rest.
			if _, err := s.cfg.DB.Exec(ctx, `UPDATE uploads SET state = 'receiving', received_at = NULL, sha256 = '' WHERE id = ? AND state = 'received'`, u.ID); err != nil {
				return fmt.Errorf("upload %s: %w", id, err)
			}
			return fmt.Errorf("upload %s: %w: %d of %d bytes in the staging file", id, errLost, st.Size(), u.Size)
		}
		if u.SHA256 == "" {
			if u.SHA256, err = hashFile(path); err != nil {
				return fmt.Errorf("upload %s: %w", id, err)
			}
			if _, err := s.cfg.DB.Exec(ctx, `UPDATE uploads SET sha256 = ? WHERE id = ?`, u.SHA256, u.ID); err != nil {
				return fmt.Errorf("upload %s: %w", id, err)
			}
		}
		if _, err := blob.PutFile(ctx, s.cfg.Blobs, key, path); err != nil {
			return fmt.Errorf("upload %s: %w", id, err)
		}
	case errors.Is(err, os.ErrNotExist):
		// An earlier run moved the file and stopped before recording it.
		obj, err := s.cfg.Blobs.Open(ctx, key)
		if errors.Is(err, blob.ErrNotFound) {
			return fmt.Errorf("upload %s: %w", id, errLost)
		}
		if err != nil {
			return fmt.Errorf("upload %s: %w", id, err)
		}
		if u.SHA256 == "" {
			u.SHA256, err = hashReader(obj)
		}
		obj.Close()
		if err != nil {
			return fmt.Errorf("upload %s: %w", id, err)
		}
	default:
		return fmt.Errorf("upload %s: %w", id, err)
	}
	stored := false
	now := s.cfg.Now().UTC()
	err = s.cfg.DB.Transact(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE uploads SET state = 'stored', sha256 = ?, blob_key = ?, completed_at = ? WHERE id = ? AND state = 'received'`,
			u.SHA256, key, now, u.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // stored by another run
		}
		done := *u
		done.State, done.BlobKey, done.CompletedAt = Stored, key, now
		if s.cfg.OnComplete != nil {
			if err := s.cfg.OnComplete(ctx, tx, done); err != nil {
				return fmt.Errorf("on complete: %w", err)
			}
		}
		stored = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("upload %s: %w", id, err)
	}
	if !stored {
		return nil
	}
	// The data file has moved; its tusd description goes too (the lock
	// file stays, as every finished request leaves it, for the clean-up).
	if err := os.Remove(s.stagingPath(u.TusID) + ".info"); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.log.Warn("upload: remove staging info", slog.String("id", u.TusID), slog.Any("err", err))
	}
	s.log.Info("upload stored", slog.String("id", u.TusID), slog.Int64("size", u.Size), slog.String("sha256", u.SHA256))
	return nil
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("hash upload: %w", err)
	}
	defer f.Close()
	return hashReader(f)
}

func hashReader(r io.Reader) (string, error) {
	h := sha256.New()
	if _, err := io.Copy(h, r); err != nil {
		return "", fmt.Errorf("hash upload: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
