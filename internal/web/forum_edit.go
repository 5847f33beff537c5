package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// forumEdit answers GET /office/forums/{id}: the form of a forum filled
// from its draft (or, without one, from what the public sees), with the
// draft's version, state, last author and the approvers' decisions. The
// forum is not found for an account none of whose partners hosts it.
func (s *Server) forumEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := pathID(rq, "id")
	if err != nil {
		return err
	}
	ctx := rq.Context()
	live, hosts, err := s.forumHosts(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectForum, account.View, hosts...); err != nil {
		return err
	}
	d, err := approval.Load(ctx, s.db, approval.Subject{Kind: approval.KindForum, ID: id})
	if err != nil {
		return err
	}
	fm := newForm(rq.T, forumValues(d.Content.(*forum.Forum), d.Version))
	return s.renderForum(w, rq, http.StatusOK, live, fm, d, "")
}
