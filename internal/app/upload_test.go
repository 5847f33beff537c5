package app_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
)

// TestAbandonedUploadsCleanedUp runs the whole program with workers: the
// clean-up of abandoned uploads is a periodic job that runs when the
// queue starts, and takes a staging file nobody touched for longer than
// UploadAbandonAfter (here a leftover of a creation that never finished).
func TestAbandonedUploadsCleanedUp(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			cfg := app.Config{Data: t.TempDir(), BaseURL: "http://localhost", Workers: 1, UploadAbandonAfter: time.Hour}
			leftover := filepath.Join(cfg.Data, "uploads", "0123456789abcdef0123456789abcdef")
			if err := os.MkdirAll(filepath.Dir(leftover), 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(leftover, []byte("half a video"), 0o640); err != nil {
				t.Fatal(err)
			}
			old := time.Now().Add(-2 * time.Hour)
			if err := os.Chtimes(leftover, old, old); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			prog := open(ctx, t, db, cfg)
			_, done := serve(ctx, t, prog)
			deadline := time.Now().Add(30 * time.Second)
			for {
				if _, err := os.Stat(leftover); os.IsNotExist(err) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the abandoned staging file is still there 30 s after the program started")
				}
				time.Sleep(100 * time.Millisecond)
			}
			cancel()
			<-done
		})
	}
}
