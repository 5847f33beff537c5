package web

import (
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// partnerEdit answers GET /office/partners/{id}: the form of the partner's
// profile, filled from its draft or, when there is none, from what is
// live. The partner's own organisers, editors and translators may edit it
// (account.Permissions); a reviewer sees 403, anyone of another partner
// 404.
func (s *Server) partnerEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectPartner, account.View, id); err != nil {
		return err
	}
	d, err := approval.Load(rq.Context(), s.db, approval.Subject{Kind: approval.KindPartner, ID: id})
	if err != nil {
		return err
	}
	p := d.Content.(*forum.Partner)
	f := newForm(rq.T, partnerValues(p, d.Version))
	return s.renderPartner(w, rq, http.StatusOK, &partnerPage{Form: f, Action: officePrefix + "/partners/" + strconv.FormatInt(id, 10),
		Head: newDraftHead(rq, d, account.SubjectPartner, []int64{id})})
}
