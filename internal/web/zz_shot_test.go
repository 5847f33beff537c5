package web_test

import (
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

func TestZZShot(t *testing.T) {
	if os.Getenv("SHOT") == "" {
		t.Skip()
	}
	db := storetest.SQLite(t)
	blobs, _ := blob.NewDir(t.TempDir())
	_, release, _ := scheduledEdition(t, db, blobs, "cw-zh")
	clk := &clock{t: release.Add(time.Second)}
	srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: "http://127.0.0.1:8089", NoCache: true, Logger: discardLogger(), Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := net.Listen("tcp", "127.0.0.1:8089")
	go http.Serve(l, srv.Handler())
	time.Sleep(90 * time.Second)
}
