package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// personNew answers GET /office/people/new: the form of a new person.
func (s *Server) personNew(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectPerson, account.Create); err != nil {
		return err
	}
	partners, err := s.personPartners(rq.Context(), rq, 0)
	if err != nil {
		return err
	}
	v := newPersonValues(rq.Lang)
	if len(partners) == 1 {
		v.Set("partner", itoa(partners[0].ID))
	}
	return s.renderPerson(w, rq, http.StatusOK, &personPage{Form: newForm(rq.T, v), New: true, Action: officePrefix + "/people/new"}, partners)
}
