package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func TestMigrateIsIdempotent(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		again, err := db.Migrate(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(again) != 0 {
			t.Errorf("second Migrate applied %v, want nothing", again)
		}
	})
}

func TestTimesAndJSONRoundTrip(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		at := time.Date(2021, 6, 1, 10, 30, 0, 0, time.FixedZone("MSK", 3*3600))
		id, err := store.InsertID(ctx, db, `INSERT INTO media (kind, blob_key, content_type, caption, created_at) VALUES (?, ?, ?, ?, ?)`,
			"image", "media/x", "image/png", `{"src":"ru","v":{"ru":"Подпись «в кавычках»"}}`, at)
		if err != nil {
			t.Fatal(err)
		}
		var got time.Time
		var caption string
		if err := db.QueryRow(ctx, `SELECT created_at, caption FROM media WHERE id = ?`, id).Scan(&got, &caption); err != nil {
			t.Fatal(err)
		}
		if !got.Equal(at) {
			t.Errorf("time read back as %v, want %v", got, at)
		}
		if caption != `{"src":"ru","v":{"ru":"Подпись «в кавычках»"}}` {
			t.Errorf("caption read back as %s", caption)
		}
	})
}

func TestTransactRollsBack(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := db.Transact(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `UPDATE site_state SET version = 99`); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Transact = %v, want boom", err)
		}
		var v int64
		if err := db.QueryRow(ctx, `SELECT version FROM site_state`).Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != 1 {
			t.Errorf("version = %d after rollback, want 1", v)
		}
	})
}

func TestQueryCount(t *testing.T) {
	db := storetest.SQLite(t)
	before := db.QueryCount()
	var v int
	db.QueryRow(context.Background(), `SELECT 1`).Scan(&v)
	db.QueryRow(context.Background(), `SELECT 2`).Scan(&v)
	if got := db.QueryCount() - before; got != 2 {
		t.Errorf("counted %d queries, want 2", got)
	}
}

// Many transactions at once all commit on either database: on SQLite
// they wait for each other in the process rather than fail or sleep in
// SQLite's busy handler; one whose context ends while it waits gives up
// with the context's error.
func TestConcurrentTransactions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := db.Exec(ctx, `CREATE TABLE counter (n INTEGER NOT NULL)`); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO counter (n) VALUES (0)`); err != nil {
			t.Fatal(err)
		}
		const writers = 40
		errs := make(chan error, writers)
		for range writers {
			go func() {
				errs <- db.Transact(ctx, func(tx *store.Tx) error {
					_, err := tx.Exec(ctx, `UPDATE counter SET n = n + 1`)
					return err
				})
			}()
		}
		for range writers {
			if err := <-errs; err != nil {
				t.Errorf("transaction: %v", err)
			}
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT n FROM counter`).Scan(&n); err != nil || n != writers {
			t.Errorf("counter = %d (%v), want %d: a transaction did not commit", n, err, writers)
		}
		if db.Dialect() != store.SQLite {
			return
		}
		hold := make(chan struct{})
		held := make(chan struct{})
		go db.Transact(ctx, func(tx *store.Tx) error {
			close(held)
			<-hold
			return nil
		})
		<-held
		short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
		defer cancel()
		err := db.Transact(short, func(tx *store.Tx) error { return nil })
		close(hold)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("waiting past the context's deadline: %v", err)
		}
	})
}
