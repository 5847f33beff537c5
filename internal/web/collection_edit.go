package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/works"
)

// collectionEdit answers GET /office/collections/{id}/edit: the form of a
// collection, for its forum's hosts' organisers and editors.
func (s *Server) collectionEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectCollection, account.Edit, sc.Hosts...); err != nil {
		return err
	}
	version, err := works.CollectionVersion(ctx, s.db, id)
	if err != nil {
		return err
	}
	candidates, err := s.collectionCandidates(ctx, sc.Forum)
	if err != nil {
		return err
	}
	pg := &collectionPage{Form: newForm(rq.T, collectionValues(sc.Collection, version, sc.Forum.Location())),
		Action: officePrefix + "/collections/" + itoa(id) + "/edit", Back: officePrefix + "/collections/" + itoa(id)}
	if pg.History, err = s.history(rq, works.CollectionSubject(id)); err != nil {
		return err
	}
	return s.renderCollection(w, rq, http.StatusOK, pg, sc.Forum, candidates)
}
