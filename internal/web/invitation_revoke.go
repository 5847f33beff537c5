package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// invitationRevoke answers POST /office/team/invitations/{id}/revoke: the
// invitation's link stops working.
func (s *Server) invitationRevoke(w http.ResponseWriter, rq *officeRequest) error {
	inv, err := s.teamInvitation(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	if err := s.accounts.Revoke(ctx, rq.Account, inv.ID); errors.Is(err, account.ErrTokenInvalid) {
		return s.invitationClosed(w, rq, inv)
	} else if err != nil {
		return err
	}
	if err := teamEvent(ctx, s.db, rq.Account, "team.revoke", inv.PartnerID, clientAddr(rq.Request), invitationState(inv), nil); err != nil {
		return err
	}
	s.flash(ctx, "office.team.revoked")
	return seeOther(w, rq.Request, officePrefix+"/team")
}

// invitationClosed answers a resend or revoke of an invitation accepted or
// revoked meanwhile (a page left open): back to the team page with a
// notice saying which, rather than an error page.
func (s *Server) invitationClosed(w http.ResponseWriter, rq *officeRequest, inv *account.Invitation) error {
	key := "office.team.invitation.already_revoked"
	if fresh, err := s.teamInvitation(rq); err == nil {
		inv = fresh
	}
	if !inv.AcceptedAt.IsZero() {
		key = "office.team.invitation.already_accepted"
	}
	s.flash(rq.Context(), key)
	return seeOther(w, rq.Request, officePrefix+"/team")
}
