package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// approvalSchedule answers POST /office/approvals/{kind}/{id}/schedule: an
// organiser sets the time before which the draft, once approved, is not
// published, written in the forum's zone (empty: at once). Since the hosts
// approve what is published and when, it makes a new version, which needs
// asking for publication again. A time in the wrong form comes back at the
// field (422).
func (s *Server) approvalSchedule(w http.ResponseWriter, rq *officeRequest) error {
	subj, err := approvalSubject(rq.Request)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("schedule form: %v", err)
	}
	ctx := rq.Context()
	f := newForm(rq.T, rq.PostForm)
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		sd, _, err := s.loadDecision(ctx, tx, rq, subj, account.Publish)
		if err != nil {
			return err
		}
		loc := approvalZone(ctx, &forum.Store{DB: tx, Drafts: true}, subj, sd.Draft.Content)
		at := f.localTime("publish_at", false, loc)
		if !f.ok() {
			return nil
		}
		_, err = approval.Schedule(ctx, tx, subj, at, rq.actor())
		return err
	})
	if err != nil {
		return s.approvalStepError(w, rq, err)
	}
	if !f.ok() {
		return s.renderApprovalInvalid(w, rq, subj, f)
	}
	s.flash(ctx, "office.approval.flash.schedule_set")
	return seeOther(w, rq.Request, approvalPath(subj))
}
