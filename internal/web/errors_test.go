package web

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// newTestServer returns a server on an empty SQLite database. The tests
// that use it check routing and error pages, which read no more of the
// database than the (absent) partners' names, so one database suffices.
func newTestServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{DB: storetest.SQLite(t), BaseURL: "https://forum.example.org", NoCache: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestErrorKindsRenderTheirPage renders each kind of error, wrapped as a
// handler returns it, in each language: the page has the kind's status and
// its own title, never the server error's.
func TestErrorKindsRenderTheirPage(t *testing.T) {
	s := newTestServer(t)
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var fields errkind.Fields
	fields.Add("title", "form.required")
	tests := []struct {
		err    error
		status int
		key    string
	}{
		{badRequest("page %q", "x"), 400, "badrequest"},
		{fmt.Errorf("office: %w", errkind.Unauthorized), 401, "unauthorized"},
		{fmt.Errorf("edit forum 3: %w", errkind.Forbidden), 403, "forbidden"},
		{fmt.Errorf("forum %q: %w", "nope", errkind.NotFound), 404, "notfound"},
		{errMethodNotAllowed, 405, "method"},
		{fmt.Errorf("slug taken: %w", errkind.Conflict), 409, "conflict"},
		{fmt.Errorf("save forum: %w", fields.Err()), 422, "invalid"},
		{errors.New("database is locked"), 500, "internal"},
	}
	for _, l := range i18n.Languages {
		p := catalog.Printer(l)
		for _, tt := range tests {
			w := httptest.NewRecorder()
			s.renderErrorIn(w, httptest.NewRequest("GET", "/"+l+"/x", nil), l, tt.err)
			if w.Code != tt.status {
				t.Errorf("%s %v: status %d, want %d", l, tt.err, w.Code, tt.status)
				continue
			}
			doc, err := goquery.NewDocumentFromReader(w.Body)
			if err != nil {
				t.Fatal(err)
			}
			want := p.T("error." + tt.key + ".title")
			if got := doc.Find("h1").First().Text(); got != want {
				t.Errorf("%s %v: heading %q, want %q", l, tt.err, got, want)
			}
			if tt.status != 500 && want == p.T("error.internal.title") {
				t.Errorf("%s %v: the page says server error", l, tt.err)
			}
			if got := w.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("%s %v: Cache-Control %q, want no-store", l, tt.err, got)
			}
		}
	}
}
