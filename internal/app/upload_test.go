package app_test

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestAbandonedUploadsCleanedUp runs the whole program with workers: the
// clean-up of abandoned uploads is a periodic job that runs when the
// queue starts, and takes a staging file nobody touched for longer than
// UploadAbandonAfter (here a leftover of a creation that never finished).
func TestAbandonedUploadsCleanedUp(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			cfg := app.Config{Data: t.TempDir(), BaseURL: "http://localhost", Workers: 1, UploadAbandonAfter: time.Hour}
			if db == "postgres" {
				cfg.Database = storetest.PostgresURL(t)
			}
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
			prog, err := app.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer prog.Close()
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- prog.Run(ctx, l) }()
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
