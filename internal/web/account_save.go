package web

import (
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/i18n"
)

// accountSave answers POST /office/account: the account's display name
// and office language.
func (s *Server) accountSave(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("account form: %v", err)
	}
	f := newForm(rq.T, rq.PostForm)
	name := f.text("name", true, 200)
	lang := f.choice("lang", true, i18n.Languages...)
	if !f.ok() {
		return s.renderAccount(w, rq, http.StatusUnprocessableEntity, f, newForm(rq.T, nil))
	}
	ctx := rq.Context()
	before := map[string]string{"name": rq.Account.Name, "lang": rq.Account.Lang}
	acct, err := s.accounts.UpdateProfile(ctx, rq.Account.ID, name, lang)
	if err != nil {
		if failAccount(f, "name", err) {
			return s.renderAccount(w, rq, http.StatusUnprocessableEntity, f, newForm(rq.T, url.Values{}))
		}
		return err
	}
	after := map[string]string{"name": acct.Name, "lang": acct.Lang}
	if err := appendEvent(ctx, s.db, acct, "account.profile", accountSubject(acct.ID), clientAddr(rq.Request), before, after); err != nil {
		return err
	}
	s.flash(ctx, "office.team.account.saved")
	return seeOther(w, rq.Request, officePrefix+"/account")
}
