package web

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// TestResponseWritersUnwrap: every wrapper of the ResponseWriter in the
// server's chain lets http.ResponseController reach the connection, as
// tusd needs to extend a long upload's read deadline past the server's
// ReadTimeout (tus/tusd#1100). With the request log on (debug level) the
// chain is the longest it gets.
func TestResponseWritersUnwrap(t *testing.T) {
	s := &Server{log: slog.New(slog.NewTextHandler(discard{}, &slog.HandlerOptions{Level: slog.LevelDebug}))}
	var got error
	h := s.recoverPanics(s.securityHeaders(s.logRequests(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		got = rc.SetReadDeadline(time.Now().Add(time.Minute))
		if got == nil {
			got = rc.SetWriteDeadline(time.Now().Add(time.Minute))
		}
	}))))
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got != nil {
		t.Errorf("setting the deadlines through the server's writers: %v", got)
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
