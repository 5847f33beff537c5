package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// manuscriptResolve answers POST
// /office/contributions/{id}/manuscript/comments/{comment}/resolve: an
// editor marks a comment on the manuscript resolved.
func (s *Server) manuscriptResolve(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	cid, err := strconv.ParseInt(rq.PathValue("comment"), 10, 64)
	if err != nil || cid <= 0 {
		return fmt.Errorf("comment %q: %w", rq.PathValue("comment"), errkind.NotFound)
	}
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	if !a.Parties.Editor {
		return fmt.Errorf("resolve a comment on contribution %d: %w", id, errkind.Forbidden)
	}
	if err := s.db.Transact(ctx, func(tx *store.Tx) error { return works.ResolveComment(ctx, tx, id, cid, worksActor(rq)) }); err != nil {
		return err
	}
	s.flash(ctx, "manuscript.flash.resolved")
	return seeOther(w, rq.Request, manuscriptPath(id))
}
