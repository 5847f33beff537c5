package web

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionLangMove answers POST
// /office/contributions/{id}/languages/{lang}/move: a translator marks the
// translation done, a reviewer (or an editor) starts reviewing it, marks
// it reviewed, or sends it back to translation or review with a reason.
// A refused move says why; whoever acts next is told by mail.
func (s *Server) contributionLangMove(w http.ResponseWriter, rq *officeRequest) error {
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
	l := rq.PathValue("lang")
	if !a.Parties.Editor && len(a.Parties.Langs[l]) == 0 {
		return fmt.Errorf("move contribution %d %s: %w", id, l, errkind.Forbidden)
	}
	if _, ok := a.C.LangState(l); !ok {
		return fmt.Errorf("contribution %d has no language %q: %w", id, l, errkind.NotFound)
	}
	name, reason := rq.PostForm.Get("move"), strings.TrimSpace(rq.PostForm.Get("message"))
	m, ok := works.LangMoveNamed(name)
	if !ok {
		return badRequest("move %q", name)
	}
	form := &workForm{Section: "lang-" + l, Values: map[string]string{"message": reason}}
	if err := m.Check(a.C, l, a.Parties); err != nil {
		return s.workRefusal(w, rq, a, form, err)
	}
	if !works.MessageOK(m.Message, reason) {
		form.Error = rq.T.T("works.flow.message", works.MaxComment)
		return s.renderWork(w, rq, a, http.StatusUnprocessableEntity, form)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := works.AdvanceLang(ctx, tx, a.C, l, m, reason, worksActor(rq)); err != nil {
			return err
		}
		return s.workMail(ctx, tx, rq, a, m.Next, l, m.Name, reason)
	})
	if err != nil {
		return s.workRefusal(w, rq, a, form, err)
	}
	s.flash(ctx, "works.flash."+m.Name)
	return seeOther(w, rq.Request, manuscriptPath(id)+"#lang-"+l)
}
