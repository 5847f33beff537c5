package web

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/tandemforum/tandem/internal/errkind"
)

// errMethodNotAllowed marks a request with a method its path does not take.
// It is a kind of the web only: renderErrorIn maps it to 405 beside
// errkind's kinds.
var errMethodNotAllowed = errors.New("method not allowed")

// badRequest returns an error of kind errkind.BadRequest, which renders as a
// 400 page.
func badRequest(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errkind.BadRequest, fmt.Sprintf(format, args...))
}

// notFound renders a 404 page in the language of the path's prefix when it
// has one, and otherwise in the reader's language.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderErrorIn(w, r, s.pathLanguage(r), errkind.NotFound)
}

// renderError renders the page for err in the reader's language, for a
// handler whose path has no language prefix.
func (s *Server) renderError(w http.ResponseWriter, r *http.Request, err error) {
	s.renderErrorIn(w, r, readerLanguage(r), err)
}

// errorPages names, for each status an error page is rendered with, its
// messages: error.{name}.title and error.{name}.body.
var errorPages = map[int]string{
	http.StatusBadRequest:          "badrequest",
	http.StatusUnauthorized:        "unauthorized",
	http.StatusForbidden:           "forbidden",
	http.StatusNotFound:            "notfound",
	http.StatusMethodNotAllowed:    "method",
	http.StatusConflict:            "conflict",
	http.StatusUnprocessableEntity: "invalid",
	http.StatusInternalServerError: "internal",
}

// errorPage returns the status of the page for err and the name of its
// messages (errorPages): err's kind's status (errkind.Status), 405 for
// errMethodNotAllowed, and 500 for the rest. Both the public site and the
// office render their error pages with it.
func errorPage(err error) (status int, key string) {
	status = errkind.Status(err)
	if errors.Is(err, errMethodNotAllowed) {
		status = http.StatusMethodNotAllowed
	}
	key, ok := errorPages[status]
	if !ok {
		return http.StatusInternalServerError, "internal"
	}
	return status, key
}

// renderErrorIn renders the page for err in language l, with the status of
// err's kind (errkind.Status: 400, 401, 403, 404, 409, 422), 405 for a
// method the path does not take (the caller sets Allow), and 500 (with the
// details only in the log) for the rest. It has the layout of every other
// page: the partners' names in the header and footer, the menus and the
// language switcher.
func (s *Server) renderErrorIn(w http.ResponseWriter, r *http.Request, l string, err error) {
	status, key := errorPage(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	t := s.catalog.Printer(l)
	data := &pageData{
		Title: t.T("error." + key + ".title"),
		Main: struct {
			Status      int
			Title, Body string
		}{status, t.T("error." + key + ".title"), t.T("error." + key + ".body")},
		NoIndex: true,
	}
	s.fill(r.Context(), s.forums, l, t, "/", data)
	data.Canonical = ""
	var buf bytes.Buffer
	if rerr := s.views.render(&buf, "error", data); rerr != nil {
		s.log.Error("render error page", slog.Any("err", rerr))
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write([]byte(plain(buf.String())))
}
