package web

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
)

// invitationResend answers POST /office/team/invitations/{id}/resend: the
// invitation gets a new link and a new week, and the mail goes again; the
// old link stops working.
func (s *Server) invitationResend(w http.ResponseWriter, rq *officeRequest) error {
	inv, err := s.teamInvitation(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	inv, token, err := s.accounts.Resend(ctx, rq.Account, inv.ID)
	if errors.Is(err, account.ErrTokenInvalid) {
		return s.invitationClosed(w, rq, inv)
	} else if err != nil {
		return err
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := s.sendInvitation(rq, tx, inv, token); err != nil {
			return err
		}
		return teamEvent(ctx, tx, rq.Account, "team.resend", inv.PartnerID, clientAddr(rq.Request), nil, invitationState(inv))
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "office.team.resent")
	return seeOther(w, rq.Request, officePrefix+"/team")
}

// teamInvitation returns the invitation the route's {id} names, when it is
// one of a partner whose team the account may manage: another partner's
// invitation is 404, as is one the account's role may only look at 403.
func (s *Server) teamInvitation(rq *officeRequest) (*account.Invitation, error) {
	id, err := strconv.ParseInt(rq.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, fmt.Errorf("invitation %q: %w", rq.PathValue("id"), errkind.NotFound)
	}
	partners := rq.Account.Partners()
	if rq.Account.Admin {
		_, ps, err := s.partnerNames(rq.Context(), rq.Lang)
		if err != nil {
			return nil, err
		}
		partners = partners[:0]
		for _, p := range ps {
			partners = append(partners, p.ID)
		}
	}
	for _, pid := range partners {
		invs, err := s.accounts.ListInvitations(rq.Context(), pid)
		if err != nil {
			return nil, err
		}
		for _, inv := range invs {
			if inv.ID == id {
				if err := rq.teamMust(account.Manage, pid); err != nil {
					return nil, err
				}
				return inv, nil
			}
		}
	}
	return nil, fmt.Errorf("invitation %d: %w", id, errkind.NotFound)
}
