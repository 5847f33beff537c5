package web

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/tandemforum/tandem/internal/account"
)

// signinSubmit answers POST /office/signin. A right password starts a new
// login session (a new token, so that a token planted before sign-in is
// worth nothing) or, for an account with two-factor sign-in, asks for the
// one-time code. A wrong one is answered after the delay the throttle asks
// for, with the same message whether or not the address has an account; a
// lock says for how many minutes. Successes, failures and lockouts go to
// the event log.
func (s *Server) signinSubmit(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("sign-in form: %v", err)
	}
	email, password := rq.PostForm.Get("email"), rq.PostForm.Get("password")
	next := safeNext(rq.PostForm.Get("next"))
	// What comes back with a message keeps the address, never the password.
	f := newForm(rq.T, url.Values{"email": {email}})
	ctx := rq.Context()
	acct, err := s.accounts.Authenticate(ctx, email, password, clientAddr(rq.Request))
	var (
		creds  *account.CredentialsError
		locked *account.LockedError
	)
	switch {
	case err == nil:
		if err := s.startSession(ctx, acct); err != nil {
			return err
		}
		if err := s.logEvent(ctx, acct, "signin.success", accountSubject(acct.ID), clientAddr(rq.Request)); err != nil {
			return err
		}
		return seeOther(w, rq.Request, next)
	case errors.Is(err, account.ErrTOTPRequired) && acct != nil:
		if err := s.sessions.RenewToken(ctx); err != nil {
			return err
		}
		s.sessions.Put(ctx, sessPending, acct.ID)
		return seeOther(w, rq.Request, officePrefix+"/signin/totp?next="+url.QueryEscape(next))
	case errors.As(err, &locked):
		if err := s.logSigninFailure(ctx, err, locked.AccountID, clientAddr(rq.Request), reasonSignin); err != nil {
			return err
		}
		msg, _ := account.Message(rq.T, err)
		return s.officeRenderStatus(w, rq, http.StatusTooManyRequests, "signin", "", rq.T.T("office.signin.title"),
			&signinPage{Form: f, Next: next, Message: msg})
	case errors.As(err, &creds):
		if err := s.logSigninFailure(ctx, err, creds.AccountID, clientAddr(rq.Request), reasonSignin); err != nil {
			return err
		}
		if !s.wait(ctx, creds.Delay) {
			return ctx.Err()
		}
		msg, _ := account.Message(rq.T, err)
		return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "signin", "", rq.T.T("office.signin.title"),
			&signinPage{Form: f, Next: next, Message: msg})
	default:
		return err
	}
}

// Why a password or code was checked, as failure events give it
// ("reason"): a sign-in's password, its one-time or recovery code, the
// password an invitation to an existing account asks for, the current
// password of a change, the password that turns two-step sign-in off or
// makes new recovery codes.
const (
	reasonSignin      = "signin"
	reasonTOTP        = "totp"
	reasonRecovery    = "recovery_code"
	reasonInvitation  = "invitation"
	reasonPassword    = "password_change"
	reasonTOTPDisable = "totp_disable"
	reasonNewCodes    = "recovery_codes_new"
)

// logSigninFailure records a failed check of a password or code (a
// wrong password or one-time code: "signin.failure") or the lock it
// started ("signin.locked") in the event log, about the account the
// attempt named (0: an address with no account, which the log does not
// keep), from addr, with the reason (one of the reason constants) as the
// state after. A refusal while a lock holds is not recorded again. The
// password is never recorded.
func (s *Server) logSigninFailure(ctx context.Context, err error, accountID int64, addr, reason string) error {
	var locked *account.LockedError
	why := map[string]string{"reason": reason}
	switch {
	case errors.As(err, &locked) && locked.New:
		return appendEvent(ctx, s.db, nil, "signin.locked", accountSubject(accountID), addr, nil, why)
	case errors.As(err, &locked):
		return nil
	case errors.Is(err, account.ErrBadCredentials), errors.Is(err, account.ErrTOTPInvalid), errors.Is(err, account.ErrWrongPassword):
		return appendEvent(ctx, s.db, nil, "signin.failure", accountSubject(accountID), addr, nil, why)
	}
	return nil
}

// startSession signs acct in on this browser: a new session token, the
// account and its session epoch in the session.
func (s *Server) startSession(ctx context.Context, acct *account.Account) error {
	if err := s.sessions.RenewToken(ctx); err != nil {
		return err
	}
	s.sessions.Remove(ctx, sessPending)
	s.sessions.Put(ctx, sessAccount, acct.ID)
	s.sessions.Put(ctx, sessEpoch, acct.SessionEpoch)
	return nil
}

// clientAddr is the address the request came from, as the connection
// gives it: tandem trusts no forwarding header, so a proxy in front of it
// counts as one client for sign-in throttling.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// sleep waits d, or until ctx is done; it reports whether d passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
