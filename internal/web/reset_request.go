package web

import (
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/store"
)

// resetRequest answers POST /office/reset. For an address with an account
// it queues a mail, in the account's language, with a link that opens in
// that language too and sets a new password once within an hour; for any
// other address it sends nothing. Both get the same page, so that the form does not tell who has
// an account. A client address that asks too often is refused for a while
// (429), whatever the address asked for.
func (s *Server) resetRequest(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("reset form: %v", err)
	}
	f := newForm(rq.T, url.Values{"email": {rq.PostForm.Get("email")}})
	title := rq.T.T("office.team.reset.title")
	addr := clientAddr(rq.Request)
	if !s.resetLimits.allow(addr) {
		f.fail("email", "office.team.reset.throttled")
		return s.officeRenderStatus(w, rq, http.StatusTooManyRequests, "reset", "", title, &resetPage{Form: f, Summary: f.summary("email")})
	}
	email := f.text("email", true, 254)
	if f.ok() {
		if _, err := account.NormalizeEmail(email); err != nil {
			failAccount(f, "email", err)
		}
	}
	if !f.ok() {
		return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "reset", "", title, &resetPage{Form: f, Summary: f.summary("email")})
	}
	ctx := rq.Context()
	token, acct, err := s.accounts.RequestReset(ctx, email)
	if err != nil {
		return err
	}
	if acct != nil {
		err := s.db.Transact(ctx, func(tx *store.Tx) error {
			if err := s.sendLetter(ctx, tx, accountLetter{
				to: mail.Address{Name: acct.Name, Email: acct.Email}, lang: acct.Lang,
				subject: "office.team.mail.reset.subject",
				body:    []string{"office.team.mail.reset.body", "office.team.mail.reset.ignore"},
				link:    officePrefix + "/reset/" + token + "?lang=" + url.QueryEscape(acct.Lang),
			}); err != nil {
				return err
			}
			return appendEvent(ctx, tx, nil, "account.reset_request", accountSubject(acct.ID), addr, nil, nil)
		})
		if err != nil {
			return err
		}
	}
	return s.officeRender(w, rq, "reset", "", title, &resetPage{Form: newForm(rq.T, nil), Sent: true})
}
