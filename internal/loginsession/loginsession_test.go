package loginsession

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
		s := &Store{DB: db, Now: func() time.Time { return now }}

		if _, ok, err := s.FindCtx(ctx, "nope"); ok || err != nil {
			t.Fatalf("unknown token: found=%v err=%v", ok, err)
		}
		if err := s.CommitCtx(ctx, "tok-a", []byte("one"), now.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.CommitCtx(ctx, "tok-a", []byte("two"), now.Add(2*time.Hour)); err != nil {
			t.Fatal(err)
		}
		b, ok, err := s.FindCtx(ctx, "tok-a")
		if err != nil || !ok || !bytes.Equal(b, []byte("two")) {
			t.Fatalf("after two commits: %q found=%v err=%v, want the second", b, ok, err)
		}
		// The table keeps the token's hash, not the token.
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM login_sessions WHERE token_hash = ?`, "tok-a").Scan(&n); err != nil || n != 0 {
			t.Errorf("token stored in clear: %d rows (err %v)", n, err)
		}

		if err := s.CommitCtx(ctx, "tok-old", []byte("x"), now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		now = now.Add(90 * time.Minute)
		if _, ok, _ := s.FindCtx(ctx, "tok-old"); ok {
			t.Error("an expired session was found")
		}
		if n, err := s.Cleanup(ctx); err != nil || n != 1 {
			t.Errorf("Cleanup removed %d (err %v), want 1", n, err)
		}
		if err := s.DeleteCtx(ctx, "tok-a"); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.FindCtx(ctx, "tok-a"); ok {
			t.Error("a deleted session was found")
		}
		if err := s.DeleteCtx(ctx, "tok-a"); err != nil {
			t.Errorf("deleting twice: %v", err)
		}
	})
}
