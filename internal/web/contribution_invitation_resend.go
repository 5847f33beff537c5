package web

import (
	"errors"
	"fmt"
	"github.com/tandemforum/tandem/internal/errkind"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionInvitationResend answers POST
// /office/contributions/{id}/invitations/{inv}/resend: the pending
// invitation's mail goes again with a new link; the old link stops
// working. An answered or revoked one is refused with the reason.
func (s *Server) contributionInvitationResend(w http.ResponseWriter, rq *officeRequest) error {
	return s.invitationStep(w, rq, func(tx *store.Tx, sc *worksScope, c *works.Contribution, invID int64) (string, error) {
		inv, token, err := works.ResendInvitation(rq.Context(), tx, invID, rq.worksActor(sc.Hosts))
		if err != nil {
			return "", err
		}
		return "works.invitation.resent", s.mailInvitation(rq.Context(), tx, sc, c, inv, token, rq.Account.Name, false)
	})
}

// invitationStep runs step on invitation {inv} of contribution {id} for
// an account that may invite to it, and goes back to the contribution's
// page with step's notice; a refused step is a page saying why.
func (s *Server) invitationStep(w http.ResponseWriter, rq *officeRequest, step func(tx *store.Tx, sc *worksScope, c *works.Contribution, invID int64) (string, error)) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	invID, err := int64Param(rq, "inv")
	if err != nil {
		return err
	}
	ctx := rq.Context()
	c, sc, mine, err := s.contributionScope(ctx, rq, id)
	if err != nil {
		return err
	}
	if err := rq.contributionMust(account.Invite, sc, c, mine); err != nil {
		return err
	}
	inv, err := works.GetInvitation(ctx, s.db, invID)
	if err != nil {
		return err
	}
	if inv.ContributionID != id {
		return works.ErrNotFound
	}
	var flash string
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		flash, err = step(tx, sc, c, invID)
		return err
	})
	var ie *works.InvitationError
	if errors.As(err, &ie) {
		status, page := errorPage(err)
		main := officeErrorPage{Status: status, Title: rq.T.T("error." + page + ".title"), Body: rq.T.T(ie.Key),
			Back: contributionPath(id), BackLabel: rq.T.T("works.contribution.back")}
		return s.officeRenderStatus(w, rq, status, "error", "collections", main.Title, main)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, flash)
	return seeOther(w, rq.Request, contributionPath(id)+"#invitations")
}

// int64Param reads the path parameter name as a positive id; anything else
// is 404.
func int64Param(rq *officeRequest, name string) (int64, error) {
	v := rq.PathValue(name)
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != v {
		return 0, fmt.Errorf("%s %q: %w", name, v, errkind.NotFound)
	}
	return id, nil
}
