package web

import (
	"fmt"
	"github.com/tandemforum/tandem/internal/errkind"
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionMove answers POST /office/contributions/{id}/move: the
// author submits the text, an editor starts editing it, returns it to the
// author with a message, accepts it as final (which opens its languages
// and starts their translations) or re-opens a final text. A move the
// state or the account does not allow is refused with the reason, and the
// message kept. Whoever acts next is told by mail.
func (s *Server) contributionMove(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("move form: %v", err)
	}
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	if !a.Parties.Author && !a.Parties.Editor {
		return fmt.Errorf("move contribution %d: %w", id, errkind.Forbidden)
	}
	name, message := rq.PostForm.Get("move"), strings.TrimSpace(rq.PostForm.Get("message"))
	m, ok := works.MoveNamed(name)
	if !ok {
		return badRequest("move %q", name)
	}
	form := &workForm{Section: "move", Values: map[string]string{"message": message}}
	if err := m.Check(a.C, a.Parties); err != nil {
		return s.workRefusal(w, rq, a, form, err)
	}
	if !works.MessageOK(m.Message, message) {
		form.Error = rq.T.T("works.flow.message", works.MaxComment)
		return s.renderWork(w, rq, a, http.StatusUnprocessableEntity, form)
	}
	if m.Name == "return" {
		edited, err := works.EditedSince(ctx, s.db, id)
		if err != nil {
			return err
		}
		if len(edited) > 0 {
			a.Corrected = edited[len(edited)-1]
		}
	}
	var start works.Starter
	if s.starter != nil {
		start = s.starter
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := works.Advance(ctx, tx, a.C, m, message, start, worksActor(rq)); err != nil {
			return err
		}
		return s.workMail(ctx, tx, rq, a, m.Next, "", m.Name, message)
	})
	if err != nil {
		return s.workRefusal(w, rq, a, form, err)
	}
	s.flash(ctx, "works.flash."+m.Name)
	return seeOther(w, rq.Request, manuscriptPath(id))
}
