package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// signinTOTPShow answers GET /office/signin/totp: the form for the
// one-time code, in the language of the account whose password was right,
// after a right password of an account with two-factor sign-in. Without
// such a password first it goes back to the sign-in form.
func (s *Server) signinTOTPShow(w http.ResponseWriter, rq *officeRequest) error {
	next := safeNext(rq.URL.Query().Get("next"))
	id := s.sessions.GetInt64(rq.Context(), sessPending)
	if id == 0 {
		return seeOther(w, rq.Request, officePrefix+"/signin")
	}
	if err := s.pendingLang(rq, id); err != nil {
		return err
	}
	return s.officeRender(w, rq, "signin_totp", "", rq.T.T("office.totp.title"), &signinPage{Next: next})
}

// signinTOTPSubmit answers POST /office/signin/totp: a right code, or one
// of the account's recovery codes (used up, and logged as
// "account.recovery_code" with the number left), signs the account in; a
// wrong, expired or used one is answered after the throttle's delay, and
// too many lock it as wrong passwords do.
func (s *Server) signinTOTPSubmit(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("one-time code form: %v", err)
	}
	ctx := rq.Context()
	next := safeNext(rq.PostForm.Get("next"))
	id := s.sessions.GetInt64(ctx, sessPending)
	if id == 0 {
		return seeOther(w, rq.Request, officePrefix+"/signin")
	}
	if err := s.pendingLang(rq, id); err != nil {
		return err
	}
	code := rq.PostForm.Get("code")
	reason := reasonTOTP
	var (
		acct *account.Account
		left int
		err  error
	)
	if account.IsRecoveryCode(code) {
		reason = reasonRecovery
		acct, left, err = s.accounts.UseRecoveryCode(ctx, id, code)
	} else {
		acct, err = s.accounts.VerifyTOTP(ctx, id, code)
	}
	var (
		creds  *account.CredentialsError
		locked *account.LockedError
	)
	switch {
	case err == nil:
		if err := s.startSession(ctx, acct); err != nil {
			return err
		}
		if reason == reasonRecovery {
			if err := appendEvent(ctx, s.db, acct, "account.recovery_code", accountSubject(acct.ID), clientAddr(rq.Request),
				nil, map[string]int{"left": left}); err != nil {
				return err
			}
			s.flashN(ctx, "office.team.recovery.used", left)
		}
		if err := s.logEvent(ctx, acct, "signin.success", accountSubject(acct.ID), clientAddr(rq.Request)); err != nil {
			return err
		}
		return seeOther(w, rq.Request, next)
	case errors.As(err, &locked):
		if err := s.logSigninFailure(ctx, err, id, clientAddr(rq.Request), reason); err != nil {
			return err
		}
		msg, _ := account.Message(rq.T, err)
		return s.officeRenderStatus(w, rq, http.StatusTooManyRequests, "signin_totp", "", rq.T.T("office.totp.title"), &signinPage{Next: next, Message: msg})
	case errors.As(err, &creds):
		if err := s.logSigninFailure(ctx, err, id, clientAddr(rq.Request), reason); err != nil {
			return err
		}
		if !s.wait(ctx, creds.Delay) {
			return ctx.Err()
		}
		msg, _ := account.Message(rq.T, err)
		return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "signin_totp", "", rq.T.T("office.totp.title"), &signinPage{Next: next, Message: msg})
	default:
		return err
	}
}

// pendingLang sets the request's language to that of the account that
// passed its password and awaits its one-time code (id): the visitor is
// that account's owner, whatever their browser says.
func (s *Server) pendingLang(rq *officeRequest, id int64) error {
	acct, err := s.accounts.ByID(rq.Context(), id)
	if errors.Is(err, account.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	rq.inLang(s, acct.Lang)
	return nil
}
