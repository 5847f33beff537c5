package app_test

import (
	"context"
	"encoding/base64"
	"io"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestShutdownDuringAnUpload: stopping the program (SIGTERM in tandem
// serve) while a client is in the middle of sending a video ends that
// upload at once and returns no error, so that tandem serve exits 0
// within a second or two, not after ten seconds with "context deadline
// exceeded".
func TestShutdownDuringAnUpload(t *testing.T) {
	for _, db := range []string{"sqlite", "postgres"} {
		t.Run(db, func(t *testing.T) {
			cfg := app.Config{Data: t.TempDir(), BaseURL: "http://localhost", Workers: 1}
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
			if err := demo.Load(ctx, prog.DB, prog.Blobs); err != nil {
				t.Fatal(err)
			}
			if _, err := demo.Team(ctx, prog.DB, demo.NewPassword()); err != nil {
				t.Fatal(err)
			}
			accts := &account.Store{DB: prog.DB}
			org, err := accts.ByEmail(ctx, "organiser@riac.example")
			if err != nil {
				t.Fatal(err)
			}
			_, token, err := accts.CreateAPIToken(ctx, org.ID, "test")
			if err != nil {
				t.Fatal(err)
			}
			var item int64
			if err := prog.DB.QueryRow(ctx, `SELECT id FROM speeches WHERE kind = 'video_address' ORDER BY id LIMIT 1`).Scan(&item); err != nil {
				t.Fatal(err)
			}
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- prog.Run(ctx, l) }()
			base := "http://" + l.Addr().String()

			b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
			req, _ := http.NewRequest("POST", base+"/api/uploads/", nil)
			req.Header.Set("Tus-Resumable", "1.0.0")
			req.Header.Set("Authorization", "Bearer "+token)
			req.Header.Set("Upload-Length", "1000000")
			req.Header.Set("Upload-Metadata", "filename "+b64("speech.mp4")+",filetype "+b64("video/mp4")+",item "+b64(strconv.FormatInt(item, 10)))
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			u, err := res.Location()
			if res.StatusCode != http.StatusCreated || err != nil {
				t.Fatalf("creation: %s, %v", res.Status, err)
			}
			body, feed := io.Pipe()
			defer feed.Close()
			req, _ = http.NewRequest("PATCH", base+u.Path, body)
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
