package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// manuscriptComment answers POST /office/contributions/{id}/manuscript/comments:
// an editor comments on a block of the current revision. An empty or too
// long comment is refused with the text kept.
func (s *Server) manuscriptComment(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("comment form: %v", err)
	}
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	if !a.Parties.Editor {
		return fmt.Errorf("comment on contribution %d: %w", id, errkind.Forbidden)
	}
	block, body := rq.PostForm.Get("block"), strings.TrimSpace(strings.ReplaceAll(rq.PostForm.Get("body"), "\r\n", "\n"))
	rev, _ := strconv.Atoi(rq.PostForm.Get("revision"))
	form := &workForm{Section: "comment", Values: map[string]string{"block": block, "body": body}}
	if a.C.DocumentID == 0 {
		return fmt.Errorf("contribution %d has no manuscript: %w", id, errkind.NotFound)
	}
	latest, err := s.revisions().Latest(ctx, a.C.DocumentID)
	if err != nil {
		return err
	}
	found := false
	latest.Doc.Walk(func(b *doc.Block) { found = found || b.ID == block })
	switch {
	case !found:
		return badRequest("block %q: not in revision %d", block, latest.Number)
	case body == "":
		form.Error = rq.T.T("office.form.required")
	case len([]rune(body)) > works.MaxComment:
		form.Error = rq.T.T("office.form.toolong", works.MaxComment)
	case rev != latest.Number:
		form.Error = rq.T.T("works.manuscript.stale")
	}
	if form.Error != "" {
		return s.renderWork(w, rq, a, http.StatusUnprocessableEntity, form)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		_, err := works.AddComment(ctx, tx, a.C, latest.Number, block, body, worksActor(rq))
		return err
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "manuscript.flash.commented")
	return seeOther(w, rq.Request, manuscriptPath(id)+"#"+block)
}
