package web

import (
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
)

// totpOffPage asks an admin to confirm turning off another account's
// two-step sign-in.
type totpOffPage struct {
	ID          int64
	Email, Name string
	Enabled     bool
}

// accountTOTPOffShow answers GET /office/accounts/{id}/totp-off (admins):
// the page that asks to confirm turning off the account's two-step
// sign-in, for someone who lost both their authenticator and their
// recovery codes. An admin's own account goes to its own page, which asks
// for the password.
func (s *Server) accountTOTPOffShow(w http.ResponseWriter, rq *officeRequest) error {
	a, err := s.totpOffTarget(rq)
	if err != nil || a == nil {
		return err
	}
	if a.ID == rq.Account.ID {
		return seeOther(w, rq.Request, officePrefix+"/account/totp")
	}
	return s.officeRender(w, rq, "account_totp_off", "accounts", rq.T.T("office.team.totpoff.title"),
		&totpOffPage{ID: a.ID, Email: a.Email, Name: a.Name, Enabled: a.TOTPEnabled})
}

// accountTOTPOff answers POST /office/accounts/{id}/totp-off (admins):
// with confirm=yes from the confirmation page, it turns the account's
// two-step sign-in off, voids its recovery codes and ends its sessions,
// logs "account.totp" by the admin, and goes back to the list. Without
// the confirmation it shows the confirmation page. Where admins must use
// two-step sign-in, an admin whose sign-in was turned off must enrol
// again at their next sign-in.
func (s *Server) accountTOTPOff(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("two-step sign-in form: %v", err)
	}
	a, err := s.totpOffTarget(rq)
	if err != nil || a == nil {
		return err
	}
	if a.ID == rq.Account.ID {
		return seeOther(w, rq.Request, officePrefix+"/account/totp")
	}
	if rq.PostForm.Get("confirm") != "yes" {
		return seeOther(w, rq.Request, officePrefix+"/accounts/"+strconv.FormatInt(a.ID, 10)+"/totp-off")
	}
	ctx := rq.Context()
	wasOn, err := s.accounts.ResetTOTP(ctx, a.ID)
	if err != nil {
		return err
	}
	if wasOn {
		if err := appendEvent(ctx, s.db, rq.Account, "account.totp", accountSubject(a.ID), clientAddr(rq.Request),
			map[string]bool{"enabled": true}, map[string]any{"enabled": false, "by_admin": true}); err != nil {
			return err
		}
	}
	s.flash(ctx, "office.team.totpoff.done")
	return seeOther(w, rq.Request, officePrefix+"/accounts")
}

// totpOffTarget returns the account the route's {id} names; an id that
// names none is a 404.
func (s *Server) totpOffTarget(rq *officeRequest) (*account.Account, error) {
	id, err := idParam(rq)
	if err != nil {
		return nil, err
	}
	return s.accounts.ByID(rq.Context(), id)
}
