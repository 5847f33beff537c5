package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/store"
)

// approvalApprove answers POST /office/approvals/{kind}/{id}/approve: an
// organiser of an approver partner approves the version the form names,
// on behalf of the partner the form names (or the first awaited one it
// acts for). The last approval publishes the draft, or queues its
// publication at its time. A version that is no longer the draft's is
// refused with 409, someone who may see but not approve with 403.
func (s *Server) approvalApprove(w http.ResponseWriter, rq *officeRequest) error {
	subj, err := approvalSubject(rq.Request)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("approve form: %v", err)
	}
	ctx := rq.Context()
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		sd, version, err := s.loadDecision(ctx, tx, rq, subj, account.Approve)
		if err != nil {
			return err
		}
		partner, err := decidingPartner(rq, sd.Draft)
		if err != nil {
			return err
		}
		if d, err = approval.Approve(ctx, tx, subj, version, rq.actor(), partner); err != nil {
			return err
		}
		return s.afterDecision(ctx, tx, d)
	})
	return s.afterStep(w, rq, subj, d, err, "office.approval.flash.approved")
}
