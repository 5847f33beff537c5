package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// personEdit answers GET /office/people/{id}: the form of a person,
// filled from their draft or from what is live. Their partner's team edits
// them; a person of no partner, any partner's team (see personPage). An
// author sees their own person alone, read-only.
func (s *Server) personEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	d, err := approval.Load(ctx, s.db, approval.Subject{Kind: approval.KindPerson, ID: id})
	if err != nil {
		return err
	}
	p := d.Content.(*forum.Person)
	if err := s.ownPerson(rq, id); err != nil {
		return err
	}
	if err := rq.must(account.SubjectPerson, account.View, personPartners(p)...); err != nil {
		return err
	}
	partners, err := s.personPartners(ctx, rq, p.PartnerID)
	if err != nil {
		return err
	}
	f := newForm(rq.T, personValues(p, d.Version))
	pg := &personPage{Form: f, Action: officePrefix + "/people/" + itoa(id),
		Head: newDraftHead(rq, d, account.SubjectPerson, personPartners(p))}
	if rq.authorOnly() {
		pg.Back = officePrefix + "/"
	}
	return s.renderPerson(w, rq, http.StatusOK, pg, partners)
}
