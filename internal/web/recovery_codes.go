package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
)

// recoveryPage shows a new set of recovery codes, the only time they are
// shown: after two-step sign-in is turned on, and after a new set is
// asked for.
type recoveryPage struct {
	Notice string // what just happened, in the reader's language
	Codes  []string
}

// renderRecoveryCodes answers a form that made recovery codes with the
// page that shows them: not a redirect, so that they are never kept
// anywhere to be shown later. The office's pages are not stored by
// caches (no-store).
func (s *Server) renderRecoveryCodes(w http.ResponseWriter, rq *officeRequest, noticeKey string, codes []string) error {
	return s.officeRender(w, rq, "account_recovery", "account", rq.T.T("office.team.recovery.title"),
		&recoveryPage{Notice: rq.T.T(noticeKey), Codes: codes})
}

// recoveryCodesCreate answers POST /office/account/totp/recovery: the
// account's password makes a new set of recovery codes, which voids the
// old one, and shows it. The password is checked as at sign-in, so that
// wrong ones count towards the account's lock; the new set is logged as
// "account.recovery_codes".
func (s *Server) recoveryCodesCreate(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("recovery codes form: %v", err)
	}
	ctx := rq.Context()
	a := rq.Account
	profile := newForm(rq.T, url.Values{"name": {a.Name}, "lang": {a.Lang}})
	f := newForm(rq.T, nil)
	status := http.StatusUnprocessableEntity
	switch {
	case !a.TOTPEnabled:
		return seeOther(w, rq.Request, officePrefix+"/account/totp")
	case rq.PostForm.Get("recovery-password") == "":
		f.fail("recovery-password", "office.form.required")
	default:
		_, err := s.accounts.Authenticate(ctx, a.Email, rq.PostForm.Get("recovery-password"), clientAddr(rq.Request))
		if lerr := s.logSigninFailure(ctx, err, a.ID, clientAddr(rq.Request), reasonNewCodes); lerr != nil {
			return lerr
		}
		var (
			creds  *account.CredentialsError
			locked *account.LockedError
		)
		switch {
		case err == nil || errors.Is(err, account.ErrTOTPRequired):
			codes, err := s.accounts.NewRecoveryCodes(ctx, a.ID)
			if errors.Is(err, account.ErrTOTPState) {
				return seeOther(w, rq.Request, officePrefix+"/account/totp")
			}
			if err != nil {
				return err
			}
			if err := appendEvent(ctx, s.db, a, "account.recovery_codes", accountSubject(a.ID), clientAddr(rq.Request),
				nil, map[string]int{"left": len(codes)}); err != nil {
				return err
			}
			return s.renderRecoveryCodes(w, rq, "office.team.recovery.renewed", codes)
		case errors.As(err, &locked):
			failAccount(f, "recovery-password", err)
			status = http.StatusTooManyRequests
		case errors.As(err, &creds):
			if !s.wait(ctx, creds.Delay) {
				return ctx.Err()
			}
			failAccount(f, "recovery-password", account.ErrWrongPassword)
		case !failAccount(f, "recovery-password", err):
			return err
		}
	}
	return s.renderAccountForms(w, rq, status, profile, newForm(rq.T, nil), f)
}
