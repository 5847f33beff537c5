package app_test

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
)

// TestShutdownDuringAnUpload: stopping the program (SIGTERM in tandem
// serve) while a client is in the middle of sending a video ends that
// upload at once and returns no error, so that tandem serve exits 0
// within a second or two, not after ten seconds with "context deadline
// exceeded".
func TestShutdownDuringAnUpload(t *testing.T) {
	for _, db := range databases {
		t.Run(db, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			prog := open(ctx, t, db, app.Config{Data: t.TempDir(), BaseURL: "http://localhost", Workers: 1})
			loadDemo(ctx, t, prog, true)
			_, token, item := uploader(ctx, t, prog)
			base, done := serve(ctx, t, prog)
			u := createUpload(t, base, token, item, 1000000)

			body, feed := io.Pipe()
			defer feed.Close()
			req, _ := http.NewRequest("PATCH", u, body)
			req.Header.Set("Tus-Resumable", "1.0.0")
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Upload-Offset", "0")
			req.Header.Set("Content-Type", "application/offset+octet-stream")
			answered := make(chan int, 1)
			go func() {
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					answered <- 0
					return
				}
				res.Body.Close()
				answered <- res.StatusCode
			}()
			if _, err := feed.Write(make([]byte, 64<<10)); err != nil {
				t.Fatal(err)
			}
			time.Sleep(200 * time.Millisecond) // the server is reading the body
			start := time.Now()
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("the program stopped with %v, want no error", err)
				}
				if d := time.Since(start); d > 3*time.Second {
					t.Errorf("the program took %s to stop", d)
				}
			case <-time.After(8 * time.Second):
				t.Fatal("the program had not stopped 8 s after it was told to, with an upload open")
			}
			if st := <-answered; st != http.StatusServiceUnavailable && st != 0 {
				t.Errorf("the interrupted PATCH was answered %d, want 503 (or a closed connection)", st)
			}
		})
	}
}
