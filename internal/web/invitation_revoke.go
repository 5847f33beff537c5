package web

import (
	"net/http"
)

// invitationRevoke answers POST /office/team/invitations/{id}/revoke: the
// invitation's link stops working.
func (s *Server) invitationRevoke(w http.ResponseWriter, rq *officeRequest) error {
	inv, err := s.teamInvitation(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	if err := s.accounts.Revoke(ctx, rq.Account, inv.ID); err != nil {
		return err
	}
	if err := teamEvent(ctx, s.db, rq.Account, "team.revoke", inv.PartnerID, clientAddr(rq.Request), invitationState(inv), nil); err != nil {
		return err
	}
	s.flash(ctx, "office.team.revoked")
	return seeOther(w, rq.Request, officePrefix+"/team")
}
