package jobs_test

import (
	"context"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// keyArgs is a job kind with an integer argument, as media.renditions has.
type keyArgs struct {
	ThingID int64 `json:"thing_id"`
}

func (keyArgs) Kind() string { return "test.thing" }

// TestRecentAndLatest reads jobs as the office shows them: each state in
// words, with the last error and the progress, newest first; and the
// newest job of each thing in one query.
func TestRecentAndLatest(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		q, _ := open(t, db)
		ctx := context.Background()

		done, err := q.Insert(ctx, countArgs{Name: "listed", Progress: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		failed, err := q.Insert(ctx, countArgs{Name: "listed hopeless", Forever: true}, nil)
		if err != nil {
			t.Fatal(err)
		}
		waitState(t, q, done.Job.ID, 5*time.Second)
		waitState(t, q, failed.Job.ID, 5*time.Second)
		var old, newer, other int64
		err = db.Transact(ctx, func(tx *store.Tx) error {
			for _, p := range []struct {
				id  *int64
				arg int64
			}{{&old, 7}, {&newer, 7}, {&other, 8}} {
				// Scheduled in an hour: they stay queued, as no worker
				// takes this kind anyway.
				res, err := jobs.InsertTx(ctx, tx, keyArgs{ThingID: p.arg}, &jobs.InsertOpts{ScheduledAt: time.Now().Add(time.Hour)})
				if err != nil {
					return err
				}
				*p.id = res.Job.ID
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}

		all, total, err := jobs.Recent(ctx, db, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		byID := map[int64]jobs.Info{}
		for i, in := range all {
			byID[in.ID] = in
			if i > 0 && all[i-1].ID < in.ID {
				t.Errorf("job %d listed after job %d: want newest first", in.ID, all[i-1].ID)
			}
		}
		if total < 5 || len(all) != total {
			t.Errorf("%d jobs of %d in all, want the same and at least 5", len(all), total)
		}
		if in := byID[done.Job.ID]; in.State != jobs.StateDone || !in.HasProgress || in.Progress.Done != 2 || in.FinalizedAt.IsZero() || in.Kind != "test.count" {
			t.Errorf("done job: %+v, want done with progress 2 of 2 and an end time", in)
		}
		if in := byID[failed.Job.ID]; in.State != jobs.StateFailed || in.LastError != "never works" || in.Attempt != 1 {
			t.Errorf("failed job: %+v, want failed on attempt 1 with its error", in)
		}
		if in := byID[old]; in.State != jobs.StateQueued || in.LastError != "" || !in.FinalizedAt.IsZero() || !in.State.Active() {
			t.Errorf("queued job: %+v, want queued, active, without error", in)
		}
		page, _, err := jobs.Recent(ctx, db, 2, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) != 2 || page[0].ID != all[1].ID {
			t.Errorf("second page of two: %v, want jobs %d and %d", page, all[1].ID, all[2].ID)
		}

		latest, err := jobs.Latest(ctx, db, "test.thing", "thing_id", []int64{7, 8, 9})
		if err != nil {
			t.Fatal(err)
		}
		if len(latest) != 2 || latest[7].ID != newer || latest[8].ID != other {
			t.Errorf("latest: %v, want job %d for 7, %d for 8, none for 9", latest, newer, other)
		}
		if _, err := jobs.Latest(ctx, db, "test.thing", "thing_id'; --", []int64{7}); err == nil {
			t.Error("an argument name with a quote was taken")
		}
	})
}
