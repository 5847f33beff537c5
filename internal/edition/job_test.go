package edition_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/edition/editiontest"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// startQueue opens a queue working the edition jobs with press and the
// clock now, and returns a function that stops it as a process that
// exits would.
func startQueue(t *testing.T, db *store.DB, press *edition.Press, now func() time.Time) func() {
	t.Helper()
	ctx := context.Background()
	ws := jobs.NewWorkers()
	edition.Register(ws, press, now)
	q, err := jobs.Open(ctx, db, jobs.Config{Workers: ws, Concurrency: 2, PollInterval: 50 * time.Millisecond, Backoff: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(ctx); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		if err := q.Stop(sctx); err != nil {
			t.Error(err)
		}
		q.Close()
	}
	t.Cleanup(stop)
	return stop
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited 20 s for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestBuildJobAndReleaseAfterRestart: the build job records its progress
// on the edition, for the office; the release job, queued for the
// release time, is worked by a worker started after the one that was
// running when the edition was scheduled stopped, and releases the
// edition at its time even when the worker's clock is behind.
func TestBuildJobAndReleaseAfterRestart(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		e := newEdition(t, db, fx, "cw-zh", []string{"zh"}, []book.Format{book.Web, book.EPUB, book.PDF}, time.Now().Add(time.Hour))
		var r renderers
		press := &edition.Press{DB: db, Blobs: blobs, Renderers: r.set(), BaseURL: "https://forum.example"}
		by := edition.Actor{AccountID: 1, Name: "Organiser"}

		var jobID int64
		err := db.Transact(ctx, func(tx *store.Tx) (err error) {
			jobID, err = edition.QueueBuild(ctx, tx, e.ID, nil, by)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.Build.State != "queued" || cur.Build.JobID != jobID {
			t.Fatalf("after queueing: %+v", cur.Build)
		}
		// Asked twice, the build is queued once.
		err = db.Transact(ctx, func(tx *store.Tx) error {
			again, err := edition.QueueBuild(ctx, tx, e.ID, nil, by)
			if again != jobID {
				t.Errorf("a second build while one waits: job %d, want %d", again, jobID)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		stop := startQueue(t, db, press, nil)
		var cur *edition.Edition
		waitFor(t, "the build", func() bool {
			cur, err = edition.Get(ctx, db, e.ID)
			return err == nil && (cur.Build.State == "done" || cur.Build.State == "failed")
		})
		if cur.Build.State != "done" || cur.Build.Done != 6 || cur.Build.Total != 6 || cur.State != edition.Proofs || r.pdf.Load() != 1 {
			t.Fatalf("after the build job: %+v, state %s, %d PDFs", cur.Build, cur.State, r.pdf.Load())
		}
		approveAll(t, db, fx, e.ID)

		// Release in a moment; the worker running now stops first.
		release := time.Now().Add(1500 * time.Millisecond)
		cur, _ = edition.Get(ctx, db, e.ID)
		cur.ReleaseAt = release
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Update(ctx, tx, cur, cur.Version, by) }); err != nil {
			t.Fatal(err)
		}
		if _, err := press.Build(ctx, e.ID, nil, by, nil); err != nil {
			t.Fatal(err)
		}
		approveAll(t, db, fx, e.ID)
		if err := press.Schedule(ctx, e.ID, by, time.Now()); err != nil {
			t.Fatal(err)
		}
		stop()
		time.Sleep(time.Until(release) + 200*time.Millisecond)
		if st := state(t, db, e.ID); st != edition.Scheduled {
			t.Fatalf("with no worker running: %s", st)
		}
		// The new worker's clock is a minute behind: the job's own time
		// still releases the edition.
		startQueue(t, db, press, func() time.Time { return time.Now().Add(-time.Minute) })
		waitFor(t, "the release", func() bool { return state(t, db, e.ID) == edition.Released })
		rel, _ := edition.Get(ctx, db, e.ID)
		if !rel.ReleasedAt.Equal(release.UTC().Truncate(time.Microsecond)) {
			t.Errorf("released at %v, want %v", rel.ReleasedAt, release)
		}
	})
}

// TestFailedBuildJob: a build the renderer fails records a message key the
// office shows in its reader's language, not the renderer's English; the
// renderer's words go to the press's log.
func TestFailedBuildJob(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		e := newEdition(t, db, fx, "cw-zh", []string{"zh"}, []book.Format{book.PDF}, time.Now().Add(time.Hour))
		var log bytes.Buffer
		press := &edition.Press{DB: db, Blobs: blobs, Log: slog.New(slog.NewTextHandler(&log, nil)), Renderers: edition.Renderers{
			PDF: func(context.Context, *book.Book) ([]byte, *book.PageMap, error) {
				return nil, nil, errors.New("typst: error: unknown variable: foo")
			}}}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := edition.QueueBuild(ctx, tx, e.ID, nil, edition.Actor{Name: "Organiser"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		stop := startQueue(t, db, press, nil)
		var cur *edition.Edition
		waitFor(t, "the build", func() bool {
			var err error
			cur, err = edition.Get(ctx, db, e.ID)
			return err == nil && cur.Build.State == "failed"
		})
		stop()
		if cur.Build.Error != "edition.build.error" {
			t.Errorf("the failed build's message: %q", cur.Build.Error)
		}
		if !strings.Contains(log.String(), "unknown variable: foo") {
			t.Errorf("the log lacks the renderer's error: %q", log.String())
		}
	})
}
