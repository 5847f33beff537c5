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
	"time"

	"github.com/alexedwards/scs/v2"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/loginsession"
)

// The office is where the partners' people sign in and work. Its adapter
// differs from the public site's in every respect that matters: nothing is
// cached (Cache-Control: no-store), every method may be used, and each
// request passes one chain: cross-origin refusal, the sign-in session, the
// account, then the route's own permission check. Its pages have their own
// layout, in the account's language.

// officePrefix is where the office lives.
const officePrefix = "/office"

// Session keys in the login session's data.
const (
	sessAccount = "account" // int64 account id
	sessEpoch   = "epoch"   // int64 the account's session epoch at sign-in
	sessFlash   = "flash"   // string i18n key of a one-time notice
	sessFlashN  = "flash_n" // int the count of a plural one-time notice
	// string the notes under a one-time notice, one a line, already in
	// the account's language (they carry what the key cannot: file
	// warnings with their counts)
	sessFlashNotes = "flash_notes"
	sessPending    = "pending" // int64 account id that passed the password and awaits a TOTP code
	sessLang       = "lang"    // string language chosen before signing in
)

// newSessions returns the manager of login sessions: kept in the database,
// a cookie that scripts cannot read and other sites do not send with
// cross-site subrequests, Secure when the site is served over https. A
// session lasts at most a day and ends after four idle hours. The cookie
// goes to the whole site, since the office's uploads are sent to
// /api/uploads/; only the office and the API read it.
func newSessions(st *loginsession.Store, secure bool) *scs.SessionManager {
	m := scs.New()
	m.Store = st
	m.Lifetime = 24 * time.Hour
	m.IdleTimeout = 4 * time.Hour
	m.Cookie.Name = "tandem_session"
	m.Cookie.Path = "/"
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = secure
	m.Cookie.Persist = false
	return m
}

// officeRequest is what an office handler knows about its request.
type officeRequest struct {
	*http.Request
	// Account is the signed-in account, nil on the pages for visitors
	// (sign-in, password reset, invitation).
	Account *account.Account
	Lang    string
	T       *i18n.Printer
}

// officeFunc answers an office request: it writes the response, or returns
// an error that the adapter renders as a page (errkind gives the status).
type officeFunc func(w http.ResponseWriter, rq *officeRequest) error

// officeAccess says who may reach an office route.
type officeAccess int

const (
	// visitors may use the route signed out (sign-in, reset, invitation).
	visitors officeAccess = iota
	// members must be signed in; the handler checks what they may do
	// with the thing the route names.
	members
	// admins must be signed in as an instance admin.
	admins
)

// office adapts an office handler: it marks the response as never to be
// stored, loads the signed-in account, sends a visitor who must sign in to
// the sign-in page and renders what the handler returns as an error.
func (s *Server) office(access officeAccess, fn officeFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := &officeRequest{Request: r}
		acct, err := s.signedIn(r)
		if err != nil {
			s.officeError(w, rq.withLang(s, nil), err)
			return
		}
		rq = rq.withLang(s, acct)
		switch {
		case acct == nil && access != visitors:
			target := officePrefix + "/signin"
			if r.Method == http.MethodGet && r.URL.Path != officePrefix+"/" {
				target += "?next=" + url.QueryEscape(r.URL.RequestURI())
			}
			http.Redirect(w, r, target, http.StatusSeeOther)
			return
		case access == admins && !acct.Admin:
			s.officeError(w, rq, errkind.Forbidden)
			return
		case s.mustEnrol(rq) && !enrolPath(r.URL.Path):
			http.Redirect(w, r, officePrefix+"/account/totp", http.StatusSeeOther)
			return
		}
		err = fn(w, rq)
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// It may have changed what the public site shows (an
			// approval, a withdrawal): let the next public request see it.
			s.cache.recheck()
		}
		if err != nil {
			s.officeError(w, rq, err)
		}
	})
}

// enrolPath reports whether path is one an admin who must enrol in
// two-factor sign-in may still reach: the enrolment and signing out.
func enrolPath(path string) bool {
	return strings.HasPrefix(path, officePrefix+"/account/totp") || path == officePrefix+"/signout"
}

// withLang sets the request's language: the account's, or for a visitor
// the one chosen on a visitor's page, the language cookie of the public
// site, or Accept-Language.
func (rq *officeRequest) withLang(s *Server, acct *account.Account) *officeRequest {
	rq.Account = acct
	switch {
	case acct != nil && i18n.Supported(acct.Lang):
		rq.Lang = acct.Lang
	default:
		if l := s.sessions.GetString(rq.Context(), sessLang); i18n.Supported(l) {
			rq.Lang = l
		} else {
			rq.Lang = readerLanguage(rq.Request)
		}
	}
	rq.T = s.catalog.Printer(rq.Lang)
	return rq
}

// inLang sets the request's language to lang, a supported one, without
// signing anyone in: for a visitor's page about an account (the one-time
// code after its password, a reset link), which speaks the account's
// language.
func (rq *officeRequest) inLang(s *Server, lang string) *officeRequest {
	if i18n.Supported(lang) {
		rq.Lang = lang
		rq.T = s.catalog.Printer(lang)
	}
	return rq
}

// chooseLang honours a language chosen with ?lang= on a visitor's page:
// it is kept for the session and the page speaks it. It reports whether
// there was such a choice.
func (s *Server) chooseLang(rq *officeRequest) bool {
	l := rq.URL.Query().Get("lang")
	if !i18n.Supported(l) {
		return false
	}
	s.sessions.Put(rq.Context(), sessLang, l)
	rq.withLang(s, rq.Account)
	return true
}

// signedIn returns the account of the request's login session, or nil. A
// session whose epoch is behind its account's (the password changed, or the
// account signed out everywhere) or whose account is disabled is ended.
func (s *Server) signedIn(r *http.Request) (*account.Account, error) {
	ctx := r.Context()
	id := s.sessions.GetInt64(ctx, sessAccount)
	if id == 0 {
		return nil, nil
	}
	acct, err := s.accounts.ByID(ctx, id)
	if errors.Is(err, account.ErrNotFound) {
		return nil, s.sessions.Destroy(ctx)
	}
	if err != nil {
		return nil, err
	}
	if acct.Disabled || s.sessions.GetInt64(ctx, sessEpoch) != acct.SessionEpoch {
		return nil, s.sessions.Destroy(ctx)
	}
	return acct, nil
}

// officeChain wraps the office's routes in what every office request passes
// first: no-store, cross-origin refusal and the login session.
func (s *Server) officeChain(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if err := cop.AddTrustedOrigin(s.base.Scheme + "://" + s.base.Host); err != nil {
		// The base URL was checked in New; an origin made from it is valid.
		panic(err)
	}
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The refusal speaks the signed-in account's language, or the
		// visitor's.
		acct, _ := s.signedIn(r)
		rq := (&officeRequest{Request: r}).withLang(s, acct)
		s.officeError(w, rq, fmt.Errorf("cross-origin %s %s: %w", r.Method, r.URL.Path, errkind.Forbidden))
	}))
	return noStore(s.sessions.LoadAndSave(cop.Handler(next)))
}

// noStore marks every response as one that no cache may keep.
func noStore(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}

// officeData is what the office layout gets; Main is the page's own data.
type officeData struct {
	Lang    string
	Locale  string
	T       *i18n.Printer
	Account *account.Account
	Title   string
	// Section is the menu entry the page belongs to.
	Section string
	// Flash is a notice left by the previous request (saved, sent …),
	// already in the reader's language.
	Flash string
	// FlashNotes are notes under the notice (warnings about an upload
	// that was taken), in the reader's language.
	FlashNotes []string
	// Path is the page's path, for the language switcher of visitors'
	// pages.
	Path string
	// Refresh makes the page follow work under way (its Main has
	// selfRefresh): office.js reads it again every few seconds and swaps
	// in what changed; without JavaScript it reloads itself.
	Refresh bool
	Main    any
}

// selfRefreshing is a page's Main that follows work under way: while
// selfRefresh is true the page reloads itself, without JavaScript.
type selfRefreshing interface{ selfRefresh() bool }

// render writes an office page with status 200.
func (s *Server) officeRender(w http.ResponseWriter, rq *officeRequest, view, section, title string, main any) error {
	return s.officeRenderStatus(w, rq, http.StatusOK, view, section, title, main)
}

// officeRenderStatus writes an office page with the given status: 422 for
// a form returned with its errors, for instance.
func (s *Server) officeRenderStatus(w http.ResponseWriter, rq *officeRequest, status int, view, section, title string, main any) error {
	d := &officeData{
		Lang: rq.Lang, Locale: i18n.Locale(rq.Lang), T: rq.T, Account: rq.Account,
		Title: title, Section: section, Path: rq.URL.Path, Main: main,
	}
	if r, ok := main.(selfRefreshing); ok {
		d.Refresh = r.selfRefresh()
	}
	if key := s.sessions.PopString(rq.Context(), sessFlash); key != "" {
		d.Flash = rq.T.T(key)
		if s.sessions.Exists(rq.Context(), sessFlashN) {
			d.Flash = rq.T.N(key, s.sessions.PopInt(rq.Context(), sessFlashN))
		}
		if notes := s.sessions.PopString(rq.Context(), sessFlashNotes); notes != "" {
			d.FlashNotes = strings.Split(notes, "\n")
		}
	}
	var buf bytes.Buffer
	if err := s.officeViews.render(&buf, view, d); err != nil {
		return fmt.Errorf("render office %s: %w", view, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err := w.Write(buf.Bytes())
	return err
}

// flash leaves a notice for the next page the account sees.
func (s *Server) flash(ctx context.Context, key string) {
	s.sessions.Put(ctx, sessFlash, key)
	s.sessions.Remove(ctx, sessFlashN)
	s.sessions.Remove(ctx, sessFlashNotes)
}

// flashNotes adds notes under the notice flash or flashN left, each
// already in the account's language and one line long; called after them.
func (s *Server) flashNotes(ctx context.Context, notes []string) {
	if len(notes) > 0 {
		s.sessions.Put(ctx, sessFlashNotes, strings.Join(notes, "\n"))
	}
}

// flashN leaves a notice for the next page the account sees: the plural
// message key in the form for n, with n in it.
func (s *Server) flashN(ctx context.Context, key string, n int) {
	s.sessions.Put(ctx, sessFlash, key)
	s.sessions.Put(ctx, sessFlashN, n)
	s.sessions.Remove(ctx, sessFlashNotes)
}

// seeOther answers a form that was handled with a redirect to path, so that
// reloading the next page does not send the form again.
func seeOther(w http.ResponseWriter, r *http.Request, path string) error {
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}

// officeErrorPage is what the office's error page shows: the status, a
// title and a sentence in the reader's language, and, where there is one,
// a way Back to the page the failed step was taken from.
type officeErrorPage struct {
	Status          int
	Title, Body     string
	Back, BackLabel string
}

// officeError renders err as an office page in the request's language;
// errkind gives the status, and what is not a kind of error the user can
// act on is logged and shown as a 500 without its details.
func (s *Server) officeError(w http.ResponseWriter, rq *officeRequest, err error) {
	status, key := errorPage(err)
	if status == http.StatusInternalServerError {
		s.log.Error("office request failed", slog.String("method", rq.Method), slog.String("path", rq.URL.Path), slog.Any("err", err))
	}
	t := rq.T
	main := officeErrorPage{Status: status, Title: t.T("error." + key + ".title"), Body: t.T("error." + key + ".body")}
	if rerr := s.officeRenderStatus(w, rq, status, "error", "", main.Title, main); rerr != nil {
		s.log.Error("render office error page", slog.Any("err", rerr))
		http.Error(w, http.StatusText(status), status)
	}
}

// officeViews holds one parsed template per office page, each made of the
// office layout, the office's partials and the page's own file.
type officeViews struct {
	pages map[string]*template.Template
}

func (vs *officeViews) render(w *bytes.Buffer, name string, d *officeData) error {
	t, ok := vs.pages[name]
	if !ok {
		return fmt.Errorf("no office view %q", name)
	}
	return t.ExecuteTemplate(w, "_layout.html", d)
}

// safeNext returns next when it is a path in the office, and the dashboard
// otherwise, so that a sign-in link cannot send anyone to another site.
func safeNext(next string) string {
	if strings.HasPrefix(next, officePrefix+"/") && !strings.HasPrefix(next, "//") && !strings.ContainsAny(next, "\\\r\n") {
		if u, err := url.Parse(next); err == nil && u.Host == "" && u.Scheme == "" {
			return next
		}
	}
	return officePrefix + "/"
}
