package video

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// A video held by a live worker is left to it; one whose worker stopped
// renewing its lease is queued again, once, however many processes look.
func TestLease(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fx := newFixture(t, db)
		var v *Video
		err := db.Transact(ctx, func(tx *store.Tx) error {
			var err error
			v, err = Submit(ctx, tx, fx.itemID, "videos/originals/a.mp4", Actor{Name: "Организатор"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := fx.proc.acquire(ctx, v.ID, "first", v.JobID); err != nil || !ok {
			t.Fatalf("first lease: %v %v", ok, err)
		}
		if _, err := db.Exec(ctx, `UPDATE videos SET state = 'processing' WHERE id = ?`, v.ID); err != nil {
			t.Fatal(err)
		}
		var snooze *rivertype.JobSnoozeError
		if err := fx.proc.run(ctx, v.ID, v.JobID, false); !errors.As(err, &snooze) {
			t.Fatalf("a second worker got %v, want to snooze while the first holds the lease", err)
		}
		if n, err := Rescue(ctx, db); err != nil || n != 0 {
			t.Fatalf("rescue of a live lease: %d, %v", n, err)
		}
		// The first worker dies: its lease lapses.
		if _, err := db.Exec(ctx, `UPDATE videos SET lease_until_ms = ? WHERE id = ?`, time.Now().Add(-time.Second).UnixMilli(), v.ID); err != nil {
			t.Fatal(err)
		}
		if n, err := Rescue(ctx, db); err != nil || n != 1 {
			t.Fatalf("rescue of a lapsed lease: %d, %v; want 1", n, err)
		}
		if n, err := Rescue(ctx, db); err != nil || n != 0 {
			t.Fatalf("second rescue: %d, %v; want 0", n, err)
		}
		got, err := Get(ctx, db, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		var kind string
		var state string
		if err := db.QueryRow(ctx, `SELECT kind, state FROM river_job WHERE id = ?`, got.JobID).Scan(&kind, &state); err != nil {
			t.Fatal(err)
		}
		if got.JobID == v.JobID || kind != (ProcessArgs{}).Kind() || state != "available" {
			t.Errorf("after the rescue: job %d (was %d), %s %s; want a new available video.process job", got.JobID, v.JobID, kind, state)
		}
		if ok, err := fx.proc.acquire(ctx, v.ID, "second", got.JobID); err != nil || !ok {
			t.Errorf("the lease is not free after the rescue: %v %v", ok, err)
		}
		err = db.Transact(ctx, func(tx *store.Tx) error {
			_, err := Submit(ctx, tx, 999999, "videos/originals/b.mp4", Actor{})
			return err
		})
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("a video for no programme item: %v, want ErrNotFound", err)
		}
	})
}
