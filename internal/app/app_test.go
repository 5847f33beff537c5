package app_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestRunWholeProgram opens the whole program on a temporary data folder,
// on SQLite and on PostgreSQL, runs it on a listener on port 0, asks it
// for its health and a page, and stops it by cancelling its context: Run
// returns nil once the server has shut down.
func TestRunWholeProgram(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			cfg := app.Config{Data: t.TempDir(), BaseURL: "http://localhost"}
			if db == "postgres" {
				cfg.Database = storetest.PostgresURL(t)
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
			base := "http://" + l.Addr().String()
			for path, want := range map[string]string{"/healthz": "ok", "/ru/no-such-page": "404"} {
				resp, err := http.Get(base + path)
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if got := strings.TrimSpace(string(body)); want == "ok" && got != "ok" || want == "404" && resp.StatusCode != http.StatusNotFound {
					t.Errorf("GET %s: %d %.80q, want %s", path, resp.StatusCode, got, want)
				}
			}
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run after cancel: %v", err)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("Run did not return after its context was cancelled")
			}
		})
	}
}
