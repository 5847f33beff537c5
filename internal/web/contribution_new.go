package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// contributionNew answers GET /office/collections/{id}/contributions/new:
// the form of a new contribution, added at the end of the collection.
func (s *Server) contributionNew(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectContribution, account.Create, sc.Hosts...); err != nil {
		return err
	}
	_, people, err := s.authorChoices(ctx, rq)
	if err != nil {
		return err
	}
	candidates, err := s.staffCandidates(ctx, sc.Hosts)
	if err != nil {
		return err
	}
	pg := &contributionPage{Form: newForm(rq.T, newContributionValues(sc.Collection.Languages)), New: true,
		Action: officePrefix + "/collections/" + itoa(id) + "/contributions/new", Back: officePrefix + "/collections/" + itoa(id)}
	return s.renderContribution(w, rq, http.StatusOK, pg, sc, people, candidates)
}
