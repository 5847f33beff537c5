package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// termbaseIndex answers GET /office/forums/{id}/termbase[?q=…]: the
// forum's termbase, its entries found by the search (a term, note or
// subject containing the words, terms compared by stem), with the forms to
// add an entry and to import a file for those who may edit it.
func (s *Server) termbaseIndex(w http.ResponseWriter, rq *officeRequest) error {
	f, hosts, err := s.termbaseForum(rq, account.View)
	if err != nil {
		return err
	}
	return s.renderTermbase(w, rq, http.StatusOK, f, hosts, nil, nil)
}
