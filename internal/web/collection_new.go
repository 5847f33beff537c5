package web

import (
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
)

// collectionNew answers GET /office/collections/new?forum=ID: the form of
// a new collection of the forum, for its hosts' organisers and editors.
func (s *Server) collectionNew(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectCollection, account.Create); err != nil {
		return err
	}
	id, err := strconv.ParseInt(rq.URL.Query().Get("forum"), 10, 64)
	if err != nil || id <= 0 {
		return badRequest("new collection: forum %q", rq.URL.Query().Get("forum"))
	}
	ctx := rq.Context()
	fm, err := s.forums.WithDrafts().ForumByID(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectCollection, account.Create, hostIDs(fm.Hosts)...); err != nil {
		return err
	}
	candidates, err := s.collectionCandidates(ctx, fm)
	if err != nil {
		return err
	}
	pg := &collectionPage{Form: newForm(rq.T, newCollectionValues(fm)), New: true, Action: officePrefix + "/collections/new",
		Back: officePrefix + "/collections"}
	return s.renderCollection(w, rq, http.StatusOK, pg, fm, candidates)
}
