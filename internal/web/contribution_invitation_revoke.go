package web

import (
	"net/http"
	"time"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionInvitationRevoke answers POST
// /office/contributions/{id}/invitations/{inv}/revoke: the pending
// invitation is withdrawn, its link stops working and its reminders send
// nothing.
func (s *Server) contributionInvitationRevoke(w http.ResponseWriter, rq *officeRequest) error {
	return s.invitationStep(w, rq, func(tx *store.Tx, sc *worksScope, c *works.Contribution, invID int64) (string, error) {
		_, err := works.RevokeInvitation(rq.Context(), tx, invID, time.Now(), rq.worksActor(sc.Hosts))
		return "works.invitation.revokedflash", err
	})
}
