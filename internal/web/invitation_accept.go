package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
)

// invitationAccept answers POST /office/invitations/{token}. Without an
// account for the address it makes one with the name, password (typed
// twice) and language given; with one, the account's password accepts,
// checked as at sign-in: a wrong one is answered after the throttle's
// delay, logged, and counts towards the account's lock, and a lock
// refuses it (429) with the minutes left.
// An account with two-step sign-in must give its one-time or a recovery
// code with the password, under the same lock; nothing is granted on the
// password alone.
// Either way the account gets the invitation's role, the link is spent and
// the account is signed in on this browser with a new session token; an
// account of someone else signed in on it is signed out first, with a
// notice saying so.
func (s *Server) invitationAccept(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("invitation form: %v", err)
	}
	ctx := rq.Context()
	token := rq.PathValue("token")
	inv, err := s.accounts.InvitationByToken(ctx, token)
	if errors.Is(err, account.ErrTokenInvalid) {
		return s.linkInvalid(w, rq)
	}
	if err != nil {
		return err
	}
	s.invitationLang(rq, inv)
	holder, err := s.accounts.ByEmail(ctx, inv.Email)
	existing := err == nil
	if err != nil && !errors.Is(err, account.ErrNotFound) {
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	status := http.StatusUnprocessableEntity
	var name, pw, code, lang string
	if existing {
		pw = f.values.Get("password")
		if pw == "" {
			f.fail("password", "office.form.required")
		}
		if holder.TOTPEnabled {
			if code = strings.TrimSpace(f.values.Get("code")); code == "" {
				f.fail("code", "office.form.required")
			}
		}
	} else {
		name = f.text("name", true, 200)
		lang = f.choice("lang", true, i18n.Languages...)
		pw = passwordPair(f, "password")
	}
	if f.ok() {
		acct, err := s.accounts.Accept(ctx, token, name, pw, code, lang, clientAddr(rq.Request))
		field := "password"
		var (
			creds  *account.CredentialsError
			locked *account.LockedError
		)
		switch {
		case err == nil:
			if existing && acct.TOTPEnabled && account.IsRecoveryCode(code) {
				// A recovery code was used up here: logged as at sign-in.
				left, err := s.accounts.RecoveryCodesLeft(ctx, acct.ID)
				if err != nil {
					return err
				}
				if err := appendEvent(ctx, s.db, acct, "account.recovery_code", accountSubject(acct.ID), clientAddr(rq.Request),
					nil, map[string]int{"left": left}); err != nil {
					return err
				}
			}
			return s.acceptDone(w, rq, inv, acct)
		case errors.Is(err, account.ErrTokenInvalid):
			return s.linkInvalid(w, rq)
		case errors.Is(err, account.ErrInvalidName):
			field = "name"
		case errors.Is(err, account.ErrInvalidLang):
			field = "lang"
		case errors.Is(err, account.ErrTOTPRequired):
			f.fail("code", "office.form.required")
			err = nil
		case existing && errors.As(err, &creds) && errors.Is(err, account.ErrTOTPInvalid):
			if err := s.logSigninFailure(ctx, err, creds.AccountID, clientAddr(rq.Request), reasonInvitation); err != nil {
				return err
			}
			if !s.wait(ctx, creds.Delay) {
				return ctx.Err()
			}
			failAccount(f, "code", err)
			err = nil
		case existing && errors.As(err, &locked):
			// As at sign-in: the account's lock holds here too.
			if err := s.logSigninFailure(ctx, err, locked.AccountID, clientAddr(rq.Request), reasonInvitation); err != nil {
				return err
			}
			failAccount(f, "password", err)
			status = http.StatusTooManyRequests
			err = nil
		case existing && errors.As(err, &creds):
			if err := s.logSigninFailure(ctx, err, creds.AccountID, clientAddr(rq.Request), reasonInvitation); err != nil {
				return err
			}
			if !s.wait(ctx, creds.Delay) {
				return ctx.Err()
			}
			// The form has no address to be wrong: say whose password.
			f.fail("password", "office.team.accept.wrong", inv.Email)
			err = nil
		}
		if err != nil && !failAccount(f, field, err) {
			return err
		}
	}
	f.values = url.Values{"name": {f.values.Get("name")}, "lang": {f.values.Get("lang")}}
	return s.renderInvitation(w, rq, status, inv, f)
}

// acceptDone records an accepted invitation and signs its account in
// (Accept has checked its one-time code when it has two-step sign-in),
// in place of any other account signed in on this browser.
func (s *Server) acceptDone(w http.ResponseWriter, rq *officeRequest, inv *account.Invitation, acct *account.Account) error {
	ctx := rq.Context()
	after := invitationState(inv)
	after["account"] = acct.ID
	if err := teamEvent(ctx, s.db, acct, "team.accept", inv.PartnerID, clientAddr(rq.Request), nil, after); err != nil {
		return err
	}
	switched := rq.Account != nil && rq.Account.ID != acct.ID
	if switched {
		// Signed out as by /office/signout, so nothing of that account's
		// session (an enrolment in progress) carries over.
		if err := s.logEvent(ctx, rq.Account, "signout", accountSubject(rq.Account.ID), clientAddr(rq.Request)); err != nil {
			return err
		}
		lang := s.sessions.GetString(ctx, sessLang)
		if err := s.sessions.Destroy(ctx); err != nil {
			return err
		}
		if lang != "" {
			s.sessions.Put(ctx, sessLang, lang)
		}
	}
	if err := s.startSession(ctx, acct); err != nil {
		return err
	}
	if switched {
		s.flash(ctx, "office.team.accepted.switched")
	} else {
		s.flash(ctx, "office.team.accepted")
	}
	if err := s.logEvent(ctx, acct, "signin.success", accountSubject(acct.ID), clientAddr(rq.Request)); err != nil {
		return err
	}
	return seeOther(w, rq.Request, officePrefix+"/")
}
