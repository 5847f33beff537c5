package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// totpDisable answers POST /office/account/totp/disable: the account's
// password turns two-factor sign-in off. The password is checked as at
// sign-in, so that wrong ones count towards the account's lock. Where the
// flag requires it of admins, an admin cannot turn it off.
func (s *Server) totpDisable(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("two-factor form: %v", err)
	}
	ctx := rq.Context()
	a := rq.Account
	f := newForm(rq.T, nil)
	page := &totpPage{Enabled: a.TOTPEnabled, Form: f}
	switch {
	case !a.TOTPEnabled:
		return seeOther(w, rq.Request, officePrefix+"/account/totp")
	case s.requireAdminTOTP && a.Admin:
		f.fail("password", "office.team.totp.required")
	case rq.PostForm.Get("password") == "":
		f.fail("password", "office.form.required")
	default:
		_, err := s.accounts.Authenticate(ctx, a.Email, rq.PostForm.Get("password"), clientAddr(rq.Request))
		if lerr := s.logSigninFailure(ctx, err, a.ID, clientAddr(rq.Request), reasonTOTPDisable); lerr != nil {
			return lerr
		}
		var creds *account.CredentialsError
		switch {
		case err == nil || errors.Is(err, account.ErrTOTPRequired):
			if err := s.accounts.DisableTOTP(ctx, a.ID); err != nil {
				return err
			}
			if err := appendEvent(ctx, s.db, a, "account.totp", accountSubject(a.ID), clientAddr(rq.Request),
				map[string]bool{"enabled": true}, map[string]bool{"enabled": false}); err != nil {
				return err
			}
			s.flash(ctx, "office.team.totp.off")
			return seeOther(w, rq.Request, officePrefix+"/account")
		case errors.As(err, &creds):
			if !s.wait(ctx, creds.Delay) {
				return ctx.Err()
			}
			failAccount(f, "password", account.ErrWrongPassword)
		case !failAccount(f, "password", err):
			return err
		}
	}
	page.Summary = f.summary("password")
	return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "account_totp", "account", rq.T.T("office.team.totp.title"), page)
}
