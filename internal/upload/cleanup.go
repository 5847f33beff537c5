package upload

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// CleanupArgs are the arguments of the periodic job that removes abandoned
// uploads.
type CleanupArgs struct{}

// Kind names the job.
func (CleanupArgs) Kind() string { return "upload.cleanup" }

// CleanupEvery is how often the clean-up runs.
const CleanupEvery = time.Hour

// Periodic is the clean-up as the job queue schedules it.
func Periodic() jobs.Periodic { return jobs.Periodic{Every: CleanupEvery, Args: CleanupArgs{}} }

// Register adds the workers of the finishing job and the clean-up.
func Register(ws *jobs.Workers, s *Service) {
	jobs.Register(ws, &finishWorker{s: s})
	jobs.Register(ws, &cleanupWorker{s: s})
}

type cleanupWorker struct {
	jobs.WorkerDefaults[CleanupArgs]
	s *Service
}

func (w *cleanupWorker) Work(ctx context.Context, job *jobs.Job[CleanupArgs]) error {
	n, err := w.s.Cleanup(ctx)
	if n > 0 {
		w.s.log.Info("upload: abandoned uploads removed", slog.Int("count", n))
	}
	return err
}

// Cleanup removes the uploads that are still receiving and have had no
// byte for Config.AbandonAfter: their staging files and their rows, and
// staging files that no unstored upload owns (a received upload's file
// waits for its finishing job). It returns how many uploads it
// removed.
func (s *Service) Cleanup(ctx context.Context) (int, error) {
	cutoff := s.cfg.Now().Add(-s.cfg.AbandonAfter)
	stale, err := store.All(ctx, s.cfg.DB, scan, `SELECT `+columns+` FROM uploads WHERE state = 'receiving' AND created_at < ?`, cutoff.UTC())
	if err != nil {
		return 0, fmt.Errorf("abandoned uploads: %w", err)
	}
	removed := 0
	for _, u := range stale {
		st, err := os.Stat(filepath.Join(s.cfg.Dir, u.TusID))
		if err == nil && st.ModTime().After(cutoff) {
			continue // still growing, slowly
		}
		if err == nil && st.Size() == u.Size {
			// Every byte arrived but the record of it did not (the server
			// stopped in between, or lost it with the power): finish it.
			if _, err := s.received(ctx, u.TusID); err != nil {
				return removed, err
			}
			continue
		}
		// The row first: a last byte arriving now finds no upload to
		// record as received, rather than a received one without a file.
		res, err := s.cfg.DB.Exec(ctx, `DELETE FROM uploads WHERE id = ? AND state = 'receiving'`, u.ID)
		if err != nil {
			return removed, fmt.Errorf("remove upload %s: %w", u.TusID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			continue // received meanwhile
		}
		s.removeStaging(u.TusID)
		removed++
	}
	// Files of uploads that have no row (a creation that failed half-way)
	// or whose row is gone.
	entries, err := os.ReadDir(s.cfg.Dir)
	if err != nil {
		return removed, fmt.Errorf("staging folder: %w", err)
	}
	for _, e := range entries {
		id, _, _ := strings.Cut(e.Name(), ".")
		if !validTusID(id) {
			continue
		}
		info, err := e.Info()
		if err != nil || info.ModTime().After(cutoff) {
			continue
		}
		u, err := ByTusID(ctx, s.cfg.DB, id)
		if err == nil && !u.Complete() {
			continue // a row's upload, decided above
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return removed, err
		}
		if err := os.Remove(filepath.Join(s.cfg.Dir, e.Name())); err != nil && !errors.Is(err, os.ErrNotExist) {
			return removed, fmt.Errorf("staging file: %w", err)
		}
	}
	return removed, nil
}

func (s *Service) removeStaging(id string) {
	for _, name := range []string{id, id + ".info", id + ".lock"} {
		if err := os.Remove(filepath.Join(s.cfg.Dir, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			s.log.Warn("upload: remove staging file", slog.String("file", name), slog.Any("err", err))
		}
	}
}
