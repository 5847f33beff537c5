package web

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestRouteOfAnotherMethodIsReached adds, beside the public site, a group
// with a form's routes, as the office will be added, and checks that
// canonical passes a POST that a route takes to it, rather than refusing it
// as it refuses a POST to a page of the public site.
func TestRouteOfAnotherMethodIsReached(t *testing.T) {
	s := newTestServer(t)
	form := func(mux *http.ServeMux) {
		mux.HandleFunc("GET /office/signin", func(w http.ResponseWriter, r *http.Request) {
			io.WriteString(w, "form")
		})
		mux.HandleFunc("POST /office/signin", func(w http.ResponseWriter, r *http.Request) {
			r.ParseForm()
			io.WriteString(w, "signed in as "+r.PostFormValue("email"))
		})
		mux.HandleFunc("DELETE /office/session", func(w http.ResponseWriter, r *http.Request) {
			w.WriteHeader(http.StatusNoContent)
		})
	}
	withForm := s.withRoutes(s.siteRoutes, s.publicRoutes, form)
	public := s.withRoutes(s.siteRoutes, s.publicRoutes)
	tests := []struct {
		name         string
		h            http.Handler
		method, path string
		status       int
		allow, body  string
	}{
		{"the form's POST", withForm, "POST", "/office/signin", 200, "", "signed in as a@example.org"},
		{"the form's GET", withForm, "GET", "/office/signin", 200, "", "form"},
		{"a DELETE route", withForm, "DELETE", "/office/session", 204, "", ""},
		{"a method no route takes at the form", withForm, "PUT", "/office/signin", 405, "GET, HEAD, POST", ""},
		{"POST of a path only DELETE takes", withForm, "POST", "/office/session", 405, "DELETE", ""},
		{"the form's POST at a doubled slash", withForm, "POST", "/office//signin", 405, "GET, HEAD, POST", ""},
		{"POST where no route is", withForm, "POST", "/office/nothing", 404, "", ""},
		{"POST to a public page beside the form", withForm, "POST", "/en/forums", 405, "GET, HEAD", ""},
		{"the form's POST without its group", public, "POST", "/office/signin", 404, "", ""},
		{"POST to a public page", public, "POST", "/en/forums", 405, "GET, HEAD", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, strings.NewReader("email=a@example.org"))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			w := httptest.NewRecorder()
			tt.h.ServeHTTP(w, req)
			if w.Code != tt.status {
				t.Fatalf("%s %s: %d, want %d\n%.300s", tt.method, tt.path, w.Code, tt.status, w.Body.String())
			}
			if got := w.Header().Get("Allow"); got != tt.allow {
				t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
			}
			if tt.body != "" && w.Body.String() != tt.body {
				t.Errorf("%s %s: body %q, want %q", tt.method, tt.path, w.Body.String(), tt.body)
			}
		})
	}
}
