package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
)

// request is what a page handler knows about the request it answers.
type request struct {
	*http.Request
	Lang  string
	T     *i18n.Printer
	Query url.Values // only the parameters the route accepts
}

// result is a rendered response: HTML, a feed or a calendar.
type result struct {
	contentType string
	body        []byte
}

type pageFunc func(rq *request) (result, error)

// errMethodNotAllowed marks a request with a method its path does not take.
// It is a kind of the web only: renderErrorIn maps it to 405 beside
// errkind's kinds.
var errMethodNotAllowed = errors.New("method not allowed")

// badRequest returns an error of kind errkind.BadRequest, which renders as a
// 400 page.
func badRequest(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errkind.BadRequest, fmt.Sprintf(format, args...))
}

// page adapts a page handler: it checks the language prefix and the query
// string, remembers the reader's language, serves from the cache of rendered
// pages when it can, and renders errors as pages in the reader's language.
// l is the page's language; params names the query parameters the page
// accepts, others are ignored.
func (s *Server) page(l string, fn pageFunc, params ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := url.Values{}
		if r.URL.RawQuery != "" {
			raw, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil {
				s.renderErrorIn(w, r, l, badRequest("query %q: %v", r.URL.RawQuery, err))
				return
			}
			for _, p := range params {
				if v, ok := raw[p]; ok {
					q[p] = v
				}
			}
		}
		rememberLanguage(w, r, l)
		key := r.URL.Path
		if len(q) > 0 {
			key += "?" + q.Encode()
		}
		e, version := s.cache.get(r.Context(), key)
		if e != nil {
			e.write(w, r)
			return
		}
		rq := &request{Request: r, Lang: l, T: s.catalog.Printer(l), Query: q}
		res, err := fn(rq)
		if err != nil {
			s.renderErrorIn(w, r, l, err)
			return
		}
		e = newEntry(res)
		s.cache.put(key, version, e)
		e.write(w, r)
	})
}

// rememberLanguage keeps the language of the last page read in a cookie, so
// that / sends the reader back to it.
func rememberLanguage(w http.ResponseWriter, r *http.Request, l string) {
	if len(r.Header["Cookie"]) > 0 {
		if c, err := r.Cookie(langCookie); err == nil && c.Value == l {
			return
		}
	}
	w.Header()["Set-Cookie"] = langCookies[l]
}

// langCookies holds the Set-Cookie header that remembers each language.
var langCookies = func() map[string][]string {
	m := map[string][]string{}
	for _, l := range i18n.Languages {
		c := &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true}
		m[l] = []string{c.String()}
	}
	return m
}()

const langCookie = "lang"

// readerLanguage picks the language for a request without a language in its
// path: the cookie, then Accept-Language.
func readerLanguage(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"))
}

// chooseLanguage answers / by sending the reader to the home page in their
// language.
func (s *Server) chooseLanguage(w http.ResponseWriter, r *http.Request) {
	w.Header().Add("Vary", "Accept-Language, Cookie")
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, "/"+readerLanguage(r)+"/", http.StatusFound)
}

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.db.Ping(r.Context()); err != nil {
		s.log.Error("health check", slog.Any("err", err))
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("ok\n"))
}

// notFound renders a 404 page in the language of the path's prefix when it
// has one, and otherwise in the reader's language.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.renderErrorIn(w, r, s.pathLanguage(r), errkind.NotFound)
}

// pathLanguage returns the language of the request's path prefix when it has
// one, and otherwise the reader's language.
func (s *Server) pathLanguage(r *http.Request) string {
	if first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); i18n.Supported(first) {
		return first
	}
	return readerLanguage(r)
}

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

// renderErrorIn renders the page for err in language l, with the status of
// err's kind (errkind.Status: 400, 401, 403, 404, 409, 422), 405 for a
// method the path does not take (the caller sets Allow), and 500 (with the
// details only in the log) for the rest. It has the layout of every other
// page: the partners' names in the header and footer, the menus and the
// language switcher.
func (s *Server) renderErrorIn(w http.ResponseWriter, r *http.Request, l string, err error) {
	status := errkind.Status(err)
	if errors.Is(err, errMethodNotAllowed) {
		status = http.StatusMethodNotAllowed
	}
	key, ok := errorPages[status]
	if !ok || status == http.StatusInternalServerError {
		status, key = http.StatusInternalServerError, "internal"
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
	s.fill(r.Context(), l, t, "/", data)
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

// pageData is what the layout template gets; Main is the page's own data.
type pageData struct {
	Lang string
	// Locale is the BCP 47 tag of the locale the page is written in
	// (i18n.Locale), for its lang attribute.
	Locale      string
	T           *i18n.Printer
	Title       string
	Description string
	Canonical   string
	Alternates  []alternate
	XDefault    string
	OGType      string
	OGImage     *ogImage
	JSONLD      template.JS
	Section     string
	NoIndex     bool
	Feed        string
	Calendar    string
	Brand       []string
	// ForumNav, on the pages of one forum, leads to its overview, programme
	// and speakers.
	ForumNav *forumNav
	Main     any
}

// ogImage is the image that stands for a page in Open Graph, with the size of
// the very file its URL names.
type ogImage struct {
	URL           string
	Width, Height int
	Alt           string
}

// alternate is the same page in one language.
type alternate struct {
	Lang     string
	Label    string
	Path     string
	URL      string
	OGLocale string
	Current  bool
}

// ogLocales are the Open Graph locales of the site's languages.
// They are the locales of i18n.Locale, written with an underscore.
var ogLocales = func() map[string]string {
	m := map[string]string{}
	for _, l := range i18n.Languages {
		m[l] = strings.ReplaceAll(i18n.Locale(l), "-", "_")
	}
	return m
}()

// alternates returns the page at path (after the language prefix) in every
// language, in the order the switcher shows them.
func (s *Server) alternates(current, path string) []alternate {
	out := make([]alternate, 0, len(i18n.Languages))
	for _, l := range i18n.Languages {
		p := "/" + l + path
		out = append(out, alternate{
			Lang:     l,
			Label:    s.catalog.Printer(l).T("lang.self." + l),
			Path:     p,
			URL:      s.abs(p),
			OGLocale: ogLocales[l],
			Current:  l == current,
		})
	}
	return out
}

// abs returns the absolute URL of a path of this site.
func (s *Server) abs(path string) string {
	return s.base.String() + path
}

// html renders a page of the site. path is the page's path after the language
// prefix; it gives the canonical URL and the switcher's targets.
func (s *Server) html(rq *request, view, path string, d *pageData) (result, error) {
	if err := s.fill(rq.Context(), rq.Lang, rq.T, path, d); err != nil {
		return result{}, err
	}
	var buf bytes.Buffer
	if err := s.views.render(&buf, view, d); err != nil {
		return result{}, fmt.Errorf("render %s: %w", view, err)
	}
	return result{contentType: "text/html; charset=utf-8", body: []byte(plain(buf.String()))}, nil
}

// fill sets what the layout of every page needs, error pages included: the
// language and locale, the canonical URL and the switcher's targets for
// path, the feed, and the partners' names that head the page. When the
// partners cannot be read it returns the error together with the names read
// last, so that an error page still carries them.
func (s *Server) fill(ctx context.Context, l string, t *i18n.Printer, path string, d *pageData) error {
	d.Lang = l
	d.Locale = i18n.Locale(l)
	d.T = t
	d.Canonical = s.abs("/" + l + path)
	d.Alternates = s.alternates(l, path)
	d.XDefault = s.abs("/en" + path)
	if d.OGType == "" {
		d.OGType = "website"
	}
	d.Feed = "/" + l + "/news.atom"
	brand, err := s.brand(ctx, l)
	d.Brand = brand
	return err
}

// brand returns the short names of the partners, in the order they joined,
// which head every page. When the database cannot be read it returns the
// names it read last in that language, with the error.
func (s *Server) brand(ctx context.Context, l string) ([]string, error) {
	ps, err := s.forums.Partners(ctx)
	if err != nil {
		last, _ := s.lastBrand.Load().(map[string][]string)
		return last[l], err
	}
	names := map[string][]string{}
	for _, lang := range i18n.Languages {
		for _, p := range ps {
			v, _ := p.ShortName.In(lang)
			names[lang] = append(names[lang], plain(v))
		}
	}
	s.lastBrand.Store(names)
	return names[l], nil
}
