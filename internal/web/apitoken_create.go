package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
)

// apiTokenCreate answers POST /office/account/tokens: a new API token of
// the signed-in account, named in the form. The page that answers shows
// the token this once (it is not redirected to, so that a reload cannot
// show it again from a session); a bad name comes back with the form.
func (s *Server) apiTokenCreate(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("token form: %v", err)
	}
	ctx := rq.Context()
	a := rq.Account
	f := newForm(rq.T, url.Values{"token-name": {rq.PostForm.Get("token-name")}})
	profile := newForm(rq.T, url.Values{"name": {a.Name}, "lang": {a.Lang}})
	t, token, err := s.accounts.CreateAPIToken(ctx, a.ID, rq.PostForm.Get("token-name"))
	if errors.Is(err, account.ErrAPITokenNotAllowed) {
		// The page offers no form then; a form sent anyway comes back
		// saying who may hold a token.
		f.fail("token-name", "account.apitoken.not_allowed")
		return s.renderAccountPage(w, rq, http.StatusForbidden, profile, newForm(rq.T, nil), newForm(rq.T, nil), f, "")
	}
	if errors.Is(err, account.ErrInvalidTokenName) {
		f.fail("token-name", "account.apitoken.name")
		return s.renderAccountPage(w, rq, http.StatusUnprocessableEntity, profile, newForm(rq.T, nil), newForm(rq.T, nil), f, "")
	}
	if errors.Is(err, account.ErrTokenNameTaken) {
		f.fail("token-name", "account.apitoken.name_taken")
		return s.renderAccountPage(w, rq, http.StatusConflict, profile, newForm(rq.T, nil), newForm(rq.T, nil), f, "")
	}
	if err != nil {
		return err
	}
	if err := appendEvent(ctx, s.db, a, "account.apitoken.create", accountSubject(a.ID), clientAddr(rq.Request),
		nil, map[string]any{"token": t.ID, "name": t.Name}); err != nil {
		return err
	}
	return s.renderAccountPage(w, rq, http.StatusOK, profile, newForm(rq.T, nil), newForm(rq.T, nil), newForm(rq.T, nil), token)
}

// apiTokenRevoke answers POST /office/account/tokens/{id}/revoke: the
// account's token stops working at once.
func (s *Server) apiTokenRevoke(w http.ResponseWriter, rq *officeRequest) error {
	id, err := pathID(rq, "id")
	if err != nil {
		return err
	}
	ctx := rq.Context()
	a := rq.Account
	if err := s.accounts.RevokeAPIToken(ctx, a.ID, id); err != nil {
		return err
	}
	if err := appendEvent(ctx, s.db, a, "account.apitoken.revoke", accountSubject(a.ID), clientAddr(rq.Request),
		map[string]any{"token": id, "revoked": false}, map[string]any{"token": id, "revoked": true}); err != nil {
		return err
	}
	s.flash(ctx, "office.apitoken.revoked")
	return seeOther(w, rq.Request, officePrefix+"/account#tokens-h")
}
