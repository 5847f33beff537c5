package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/store"
)

// approvalReturn answers POST /office/approvals/{kind}/{id}/return: an
// organiser of an approver partner sends the version back with a comment
// (required), and the account that asked to publish it is told by mail.
// Without a comment the change page comes back with the message at the
// field (422).
func (s *Server) approvalReturn(w http.ResponseWriter, rq *officeRequest) error {
	subj, err := approvalSubject(rq.Request)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("return form: %v", err)
	}
	ctx := rq.Context()
	f := newForm(rq.T, rq.PostForm)
	comment := f.multiline("comment", true, 4000)
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		sd, version, err := s.loadDecision(ctx, tx, rq, subj, account.Approve)
		if err != nil {
			return err
		}
		if !f.ok() {
			return nil
		}
		partner, err := decidingPartner(rq, sd.Draft)
		if err != nil {
			return err
		}
		if d, err = approval.Return(ctx, tx, subj, version, rq.actor(), partner, comment); err != nil {
			return err
		}
		return s.mailReturned(ctx, tx, d, rq.Account.Name)
	})
	var fe approval.FieldErrors
	if errors.As(err, &fe) {
		for _, e := range fe {
			f.fail("comment", e.Key)
		}
	} else if err != nil {
		return s.approvalStepError(w, rq, err)
	}
	if !f.ok() {
		return s.renderApprovalInvalid(w, rq, subj, f)
	}
	s.flash(ctx, "office.approval.flash.returned")
	return seeOther(w, rq.Request, approvalPath(subj))
}
