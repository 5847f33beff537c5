package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
)

// accountTokensPage is another account's API tokens as an administrator
// reviews them.
type accountTokensPage struct {
	ID          int64
	Email, Name string
	Tokens      []*account.APIToken
}

// accountTokensShow answers GET /office/accounts/{id}/tokens (admins):
// the account's API tokens, revoked ones included, with when each was
// made and last used, and a button that revokes each one still working.
// A script's token that leaks, or that a departed editor left behind, is
// stopped here without the holder.
func (s *Server) accountTokensShow(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	a, err := s.accounts.ByID(ctx, id)
	if err != nil {
		return err
	}
	page := &accountTokensPage{ID: a.ID, Email: a.Email, Name: a.Name}
	if page.Tokens, err = s.accounts.APITokens(ctx, a.ID); err != nil {
		return err
	}
	return s.officeRender(w, rq, "account_tokens", "accounts", rq.T.T("office.tokens.title", a.Name), page)
}

// accountTokenRevoke answers POST /office/accounts/{id}/tokens/{token}/revoke
// (admins): the account's token stops working at once; the event log
// records the administrator who revoked it, on the account. A token of
// another account is not found.
func (s *Server) accountTokenRevoke(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	tokenID, err := pathID(rq, "token")
	if err != nil {
		return err
	}
	ctx := rq.Context()
	t, err := s.accounts.APITokenByID(ctx, tokenID)
	if errors.Is(err, account.ErrNotFound) || err == nil && t.AccountID != id {
		return fmt.Errorf("API token %d of account %d: %w", tokenID, id, errkind.NotFound)
	}
	if err != nil {
		return err
	}
	back := officePrefix + "/accounts/" + strconv.FormatInt(id, 10) + "/tokens"
	if t.Revoked() {
		return seeOther(w, rq.Request, back)
	}
	if err := s.accounts.RevokeAPIToken(ctx, id, t.ID); err != nil {
		return err
	}
	if err := appendEvent(ctx, s.db, rq.Account, "account.apitoken.revoke", accountSubject(id), clientAddr(rq.Request),
		map[string]any{"token": t.ID, "revoked": false}, map[string]any{"token": t.ID, "name": t.Name, "revoked": true, "by_admin": true}); err != nil {
		return err
	}
	s.flash(ctx, "office.apitoken.revoked")
	return seeOther(w, rq.Request, back)
}
