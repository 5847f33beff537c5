package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// programmeEdit answers GET /office/forums/{id}/programme: the forum's
// programme as one form, filled from its draft (or what the public sees),
// times in the forum's zone, with a blank row at the end of each list.
func (s *Server) programmeEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := pathID(rq, "id")
	if err != nil {
		return err
	}
	f, hosts, err := s.programmeForum(rq, id, account.View)
	if err != nil {
		return err
	}
	d, err := approval.Load(rq.Context(), s.db, approval.Subject{Kind: approval.KindProgramme, ID: id})
	if err != nil {
		return err
	}
	fm := newForm(rq.T, programmeValues(d.Content.(*forum.Programme), f.Location(), d.Version))
	return s.renderProgramme(w, rq, http.StatusOK, f, hosts, fm, d, "")
}
