package app_test

import (
	"context"
	"encoding/base64"
	"net"
	"net/http"
	"strconv"
	"testing"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// databases are the two the whole program runs on; each test runs on both.
var databases = []string{"sqlite", "postgres"}

// open opens the whole program with cfg on db ("sqlite", or "postgres" for
// a fresh PostgreSQL database of its own), closed when the test ends.
func open(ctx context.Context, t *testing.T, db string, cfg app.Config) *app.Program {
	t.Helper()
	if db == "postgres" {
		cfg.Database = storetest.PostgresURL(t)
	}
	prog, err := app.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { prog.Close() })
	return prog
}

// loadDemo loads the demo forum into prog, and its team of accounts when
// team is true.
func loadDemo(ctx context.Context, t *testing.T, prog *app.Program, team bool) {
	t.Helper()
	if err := demo.Load(ctx, prog.DB, prog.Blobs); err != nil {
		t.Fatal(err)
	}
	if !team {
		return
	}
	if _, err := demo.Team(ctx, prog.DB, demo.NewPassword()); err != nil {
		t.Fatal(err)
	}
}

// serve runs prog on a port of its own until ctx ends, and returns its
// base URL ("http://127.0.0.1:PORT") and the channel that receives what
// Run returns.
func serve(ctx context.Context, t *testing.T, prog *app.Program) (string, <-chan error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- prog.Run(ctx, l) }()
	return "http://" + l.Addr().String(), done
}

// uploader returns the demo's RIAC organiser, an API token of theirs and
// the first of the demo's video addresses, to which they may upload.
func uploader(ctx context.Context, t *testing.T, prog *app.Program) (org *account.Account, token string, item int64) {
	t.Helper()
	accts := &account.Store{DB: prog.DB}
	org, err := accts.ByEmail(ctx, "organiser@riac.example")
	if err != nil {
		t.Fatal(err)
	}
	if _, token, err = accts.CreateAPIToken(ctx, org.ID, "test"); err != nil {
		t.Fatal(err)
	}
	if err := prog.DB.QueryRow(ctx, `SELECT id FROM speeches WHERE kind = 'video_address' ORDER BY id LIMIT 1`).Scan(&item); err != nil {
		t.Fatal(err)
	}
	return org, token, item
}

// createUpload makes a tus upload of length bytes of a video for item,
// as the holder of token, and returns the upload's URL.
func createUpload(t *testing.T, base, token string, item int64, length int) string {
	t.Helper()
	b64 := func(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
	req, _ := http.NewRequest("POST", base+"/api/uploads/", nil)
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Upload-Length", strconv.Itoa(length))
	req.Header.Set("Upload-Metadata", "filename "+b64("speech.mp4")+",filetype "+b64("video/mp4")+",item "+b64(strconv.FormatInt(item, 10)))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	u, err := res.Location()
	if res.StatusCode != http.StatusCreated || err != nil {
		t.Fatalf("creation: %s, Location %q (%v)", res.Status, res.Header.Get("Location"), err)
	}
	return base + u.Path
}
