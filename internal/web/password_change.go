package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
)

// passwordChange answers POST /office/account/password: the current
// password and the new one typed twice. A change ends every session of the
// account but this one, which gets a new token and the account's new
// session epoch. The current password is checked as at sign-in: a wrong
// one is answered after the throttle's delay, logged, and counts towards
// the account's lock; while it is locked the form is refused (429) with
// the minutes left.
func (s *Server) passwordChange(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("password form: %v", err)
	}
	a := rq.Account
	profile := newForm(rq.T, url.Values{"name": {a.Name}, "lang": {a.Lang}})
	f := newForm(rq.T, rq.PostForm)
	current := f.values.Get("current")
	if current == "" {
		f.fail("current", "office.form.required")
	}
	pw := passwordPair(f, "password")
	status := http.StatusUnprocessableEntity
	if f.ok() {
		ctx := rq.Context()
		acct, err := s.accounts.ChangePassword(ctx, a.ID, current, pw, clientAddr(rq.Request))
		var (
			creds  *account.CredentialsError
			locked *account.LockedError
		)
		switch {
		case err == nil:
			if err := s.sessions.RenewToken(ctx); err != nil {
				return err
			}
			s.sessions.Put(ctx, sessEpoch, acct.SessionEpoch)
			if err := appendEvent(ctx, s.db, acct, "account.password", accountSubject(acct.ID), clientAddr(rq.Request), nil, nil); err != nil {
				return err
			}
			s.flash(ctx, "office.team.password.changed")
			return seeOther(w, rq.Request, officePrefix+"/account")
		case errors.As(err, &locked):
			if err := s.logSigninFailure(ctx, err, a.ID, clientAddr(rq.Request), reasonPassword); err != nil {
				return err
			}
			failAccount(f, "current", err)
			status = http.StatusTooManyRequests
		case errors.As(err, &creds):
			if err := s.logSigninFailure(ctx, err, a.ID, clientAddr(rq.Request), reasonPassword); err != nil {
				return err
			}
			if !s.wait(ctx, creds.Delay) {
				return ctx.Err()
			}
			failAccount(f, "current", err)
		case !failAccount(f, "password", err):
			return err
		}
	}
	// Passwords are never sent back.
	f.values = url.Values{}
	return s.renderAccount(w, rq, status, profile, f)
}
