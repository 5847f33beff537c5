package web

import "net/http"

// manuscriptShow answers GET /office/contributions/{id}/manuscript: the
// contribution's manuscript as tandem read it, with the comments beside
// its blocks, its revisions, the moves of its workflow the account may
// make and the hosts' approval of each language (?correct=BLOCK opens the
// correction form of a block).
func (s *Server) manuscriptShow(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	a, err := s.loadWork(rq.Context(), s.db, rq, id)
	if err != nil {
		return err
	}
	return s.renderWork(w, rq, a, http.StatusOK, nil)
}
