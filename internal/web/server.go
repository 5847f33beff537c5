// Package web serves tandem over HTTP: the public forum site in every
// language, its feeds and calendars, media files and static assets.
package web

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/loginsession"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	uploads "github.com/tandemforum/tandem/internal/upload"
)

// Config is what the web server needs from the program.
type Config struct {
	DB    *store.DB
	Blobs blob.Store
	// BaseURL is the public address of the site, without a trailing slash;
	// canonical links, feeds and calendars use it.
	BaseURL string
	Logger  *slog.Logger
	// NoCache turns off the cache of rendered pages (tests that count
	// queries use it).
	NoCache bool
	// Version is the version of the running tandem, as `tandem version`
	// prints it; the files the site serves that name the program that made
	// them (the programme calendar's PRODID) give it. Empty leaves it out.
	Version string
	// Accounts is the store of the office's accounts; nil makes one on
	// DB. Tests pass one with a clock of their own.
	Accounts *account.Store
	// Outbox is where mail goes when there is no SMTP server, for the
	// admins' outbox pages; nil shows it empty.
	Outbox *mail.Outbox
	// RequireAdminTOTP sends an instance admin without two-factor
	// sign-in to its enrolment from every office page until enrolled.
	RequireAdminTOTP bool
	// Memory and Terms are the translation memory and the termbases the
	// workbench suggests from; nil shows no suggestions (or terms), and
	// the workbench says they are not set up.
	Memory WorkbenchMemory
	Terms  WorkbenchTerms
	// Now is the clock that decides what is released (editions under
	// embargo until their time); nil is time.Now. Tests pass their own.
	Now func() time.Time
	// Press builds editions for the office's build button and proofs;
	// nil makes one on DB and Blobs without EPUB and PDF renderers.
	Press *edition.Press
	// VideoDuration gives the length of a speech's video in milliseconds,
	// against which its subtitles are checked; nil, or 0 for a speech
	// without a processed video, checks no cue against it.
	VideoDuration func(ctx context.Context, speechID int64) (int64, error)
	// Uploads is the resumable upload endpoint served at
	// /api/uploads/; nil serves none (the office offers no video upload).
	Uploads *uploads.Service
}

// Server is the HTTP side of tandem.
type Server struct {
	db      *store.DB
	forums  *forum.Store
	blobs   blob.Store
	catalog *i18n.Catalog
	base    *url.URL
	log     *slog.Logger
	views   *views
	assets  *assets
	cache   *pageCache
	version string
	// accounts are the office's accounts; sessions are its login
	// sessions.
	accounts    *account.Store
	sessions    *scs.SessionManager
	officeViews *officeViews
	// outbox is the mail outbox the admins read; requireAdminTOTP is
	// Config.RequireAdminTOTP; resetLimits throttles password reset
	// requests per client address.
	outbox           *mail.Outbox
	requireAdminTOTP bool
	resetLimits      *addressLimits
	// media is the image library the office uploads to.
	media *media.Store
	// wait waits out the delay the sign-in throttle asks for before a
	// failure is answered (sleep); tests record it instead.
	wait func(ctx context.Context, d time.Duration) bool
	// starter starts a contribution's translations when its text becomes
	// final, and translatedText gives a translation's text for the hosts'
	// approval; either may be nil (see contribution_work.go).
	starter        translationStarter
	translatedText translatedText
	// memory and terms are Config.Memory and Config.Terms.
	memory WorkbenchMemory
	terms  WorkbenchTerms
	// clock is Config.Now; press is Config.Press.
	clock func() time.Time
	press *edition.Press
	// videoDuration is Config.VideoDuration.
	videoDuration func(ctx context.Context, speechID int64) (int64, error)
	// uploads is Config.Uploads.
	uploads *uploads.Service
	// lastBrand holds the partners' short names per language as last read
	// (map[string][]string), for error pages when the database fails.
	lastBrand atomic.Value
}

// New prepares a server: it parses every template and fingerprints every
// asset, so that a missing view fails at start-up rather than on a request.
func New(cfg Config) (*Server, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("base URL %q: want an absolute http(s) URL", cfg.BaseURL)
	}
	catalog, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	vs, err := loadViews(as)
	if err != nil {
		return nil, err
	}
	ovs, err := loadOfficeViews(as)
	if err != nil {
		return nil, err
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.Default()
	}
	s := &Server{
		db:      cfg.DB,
		forums:  &forum.Store{DB: cfg.DB},
		blobs:   cfg.Blobs,
		catalog: catalog,
		base:    base,
		log:     logger,
		views:   vs,
		assets:  as,
		version: cfg.Version,

		accounts:    cfg.Accounts,
		sessions:    newSessions(&loginsession.Store{DB: cfg.DB}, base.Scheme == "https"),
		officeViews: ovs,
		media:       &media.Store{DB: cfg.DB, Blobs: cfg.Blobs},

		outbox:           cfg.Outbox,
		requireAdminTOTP: cfg.RequireAdminTOTP,
		memory:           cfg.Memory,
		terms:            cfg.Terms,
		resetLimits:      newAddressLimits(resetRate, resetBurst),
		wait:             sleep,
		clock:            cfg.Now,
		press:            cfg.Press,
		videoDuration:    cfg.VideoDuration,
		uploads:          cfg.Uploads,
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	// A session that cannot be read or saved is logged with the rest and
	// answered with the reader's error page, not scs's English text.
	s.sessions.ErrorFunc = func(w http.ResponseWriter, r *http.Request, err error) {
		s.renderError(w, r, fmt.Errorf("login session: %w", err))
	}
	if s.press == nil {
		s.press = &edition.Press{DB: cfg.DB, Blobs: cfg.Blobs, BaseURL: base.String()}
	}
	if s.accounts == nil {
		s.accounts = &account.Store{DB: cfg.DB}
	}
	ct := contributionTranslations{revs: s.revisions()}
	s.starter, s.translatedText = ct, ct
	if !cfg.NoCache {
		s.cache = newPageCache(s.forums.SiteVersion)
	}
	return s, nil
}

// Handler returns the server's routes wrapped in its middleware.
func (s *Server) Handler() http.Handler {
	h := s.recoverPanics(s.securityHeaders(s.routes()))
	if s.log.Enabled(context.Background(), slog.LevelDebug) {
		h = s.logRequests(h)
	}
	return h
}

// logRequests logs every request at debug level: method, path, status,
// size and duration.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.log.Debug("request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Int("bytes", sw.bytes),
			slog.Duration("duration", time.Since(start)))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status, bytes int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// Unwrap gives http.ResponseController the connection's writer, so that a
// handler behind the log (tusd) can set its read and write deadlines.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *statusWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// HTTPServer returns an http.Server for addr with timeouts that keep slow or
// idle clients from holding connections.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s.Handler(),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
}

// Serve listens on addr until ctx is done, then shuts down gracefully:
// uploads in progress are interrupted (upload.Service.Interrupt), other
// requests in flight may finish for up to ten seconds, and those still
// open then are cut off.
func (s *Server) Serve(ctx context.Context, addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.ServeListener(ctx, l)
}

// ServeListener serves on l, which it closes, until ctx is done, then
// shuts down as Serve does. A test passes a listener on port 0, so that
// no other program can take the port between choosing it and serving.
func (s *Server) ServeListener(ctx context.Context, l net.Listener) error {
	hs := s.HTTPServer(l.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(l) }()
	s.log.Info("serving", slog.String("addr", l.Addr().String()), slog.String("base_url", s.base.String()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	s.log.Info("shutting down")
	if s.uploads != nil {
		// An upload in progress would hold the shutdown until its
		// client stops sending; it is ended at once, keeping what it
		// received, and its client resumes against the next server.
		hs.RegisterOnShutdown(s.uploads.Interrupt)
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); errors.Is(err, context.DeadlineExceeded) {
		// A response still being sent (a long video to a slow visitor)
		// is cut off: its client asks again, with a range, from the
		// next server. That is a normal stop, not a failure.
		s.log.Warn("shutdown: responses still open after 10 s were cut off")
		hs.Close()
	} else if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// securityHeaders sets the headers every response carries.
func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range securityHeaderValues {
			h[k] = v
		}
		next.ServeHTTP(w, r)
	})
}

// securityHeaderValues are set on every response, in canonical form.
var securityHeaderValues = map[string][]string{
	// Only the site's own styles, scripts and images; no inline scripts; no
	// framing by other sites.
	"Content-Security-Policy": {"default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; script-src 'self'; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"},
	"X-Content-Type-Options":  {"nosniff"},
	"Referrer-Policy":         {"strict-origin-when-cross-origin"},
}

// recoverPanics turns a panic in a handler into a logged 500 page.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", slog.Any("panic", p), slog.String("path", r.URL.Path))
				s.renderError(w, r, fmt.Errorf("panic: %v", p))
			}
		}()
		next.ServeHTTP(w, r)
	})
}
