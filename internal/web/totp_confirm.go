package web

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// totpConfirm answers POST /office/account/totp: a code made with the
// enrolment's secret turns two-factor sign-in on and shows the account's
// recovery codes, this once. A wrong code shows the same secret again.
func (s *Server) totpConfirm(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("one-time code form: %v", err)
	}
	ctx := rq.Context()
	f := newForm(rq.T, nil)
	code := rq.PostForm.Get("code")
	if code == "" {
		f.fail("code", "office.form.required")
	} else {
		codes, err := s.accounts.ConfirmTOTP(ctx, rq.Account.ID, code)
		switch {
		case err == nil:
			s.endEnrolment(rq)
			if err := appendEvent(ctx, s.db, rq.Account, "account.totp", accountSubject(rq.Account.ID), clientAddr(rq.Request),
				map[string]bool{"enabled": false}, map[string]bool{"enabled": true}); err != nil {
				return err
			}
			return s.renderRecoveryCodes(w, rq, "office.team.totp.on", codes)
		case errors.Is(err, account.ErrTOTPState):
			// Enrolled elsewhere, or no enrolment: start again.
			return seeOther(w, rq.Request, officePrefix+"/account/totp")
		case !failAccount(f, "code", err):
			return err
		}
	}
	secret, uri, err := s.totpEnrolment(rq, false)
	if err != nil {
		return err
	}
	if secret == "" {
		return seeOther(w, rq.Request, officePrefix+"/account/totp")
	}
	page := &totpPage{Secret: secret, URI: template.URL(uri), QR: true,
		Required: s.mustEnrol(rq), Form: f, Summary: f.summary("code")}
	return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "account_totp", "account", rq.T.T("office.team.totp.title"), page)
}
