package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
)

// resetSave answers POST /office/reset/{token}: a new password typed twice
// sets the account's password, spends the link and ends every session of
// the account, this browser's included; the visitor is sent to sign in
// with the new password. A link unknown, used or expired gets a page that
// says so.
func (s *Server) resetSave(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("new password form: %v", err)
	}
	token := rq.PathValue("token")
	f := newForm(rq.T, rq.PostForm)
	pw := passwordPair(f, "password")
	if f.ok() {
		acct, err := s.accounts.Reset(rq.Context(), token, pw)
		switch {
		case errors.Is(err, account.ErrTokenInvalid):
			return s.linkInvalid(w, rq)
		case err != nil && !failAccount(f, "password", err):
			return err
		case err == nil:
			ctx := rq.Context()
			if err := appendEvent(ctx, s.db, acct, "account.reset", accountSubject(acct.ID), clientAddr(rq.Request), nil, nil); err != nil {
				return err
			}
			if err := s.sessions.RenewToken(ctx); err != nil {
				return err
			}
			s.sessions.Remove(ctx, sessAccount)
			s.sessions.Remove(ctx, sessEpoch)
			s.flash(ctx, "office.team.reset.done")
			return seeOther(w, rq.Request, officePrefix+"/signin")
		}
	}
	// Passwords are never sent back.
	f.values = url.Values{}
	return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "reset_password", "", rq.T.T("office.team.reset.new.title"),
		&resetTokenPage{Form: f, Summary: f.summary("password", "password2"), Token: token})
}
