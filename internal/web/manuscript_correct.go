package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// manuscriptCorrect answers POST
// /office/contributions/{id}/manuscript/correct: an editor corrects the
// text of one block of the current revision, giving a reason; it becomes a
// new revision noting who and why. A final text's translations are brought
// up to date and its approvals re-opened. A correction of a revision that
// is no longer the current one, an unchanged or empty text, a block with
// formatting or one no longer in the text is refused with the text kept
// and the reason beside it.
func (s *Server) manuscriptCorrect(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("correction form: %v", err)
	}
	ctx := rq.Context()
	a, err := s.loadWork(ctx, s.db, rq, id)
	if err != nil {
		return err
	}
	if !a.Parties.Editor {
		return fmt.Errorf("correct contribution %d: %w", id, errkind.Forbidden)
	}
	pf := rq.PostForm
	form := &workForm{Section: "correct", Values: map[string]string{"block": pf.Get("block"),
		"text": strings.ReplaceAll(pf.Get("text"), "\r\n", "\n"), "reason": strings.TrimSpace(pf.Get("reason"))}}
	base, _ := strconv.Atoi(pf.Get("revision"))
	switch reason := form.Values["reason"]; {
	case reason == "":
		form.Error = rq.T.T("manuscript.error.reason")
	case len([]rune(reason)) > maxNote:
		form.Error = rq.T.T("office.form.toolong", maxNote)
	case len([]rune(form.Values["text"])) > 100000:
		form.Error = rq.T.T("office.form.toolong", 100000)
	}
	if form.Error != "" {
		return s.renderWork(w, rq, a, http.StatusUnprocessableEntity, form)
	}
	m := &works.Manuscripts{DB: s.db, Revs: s.revisions()}
	by := worksActor(rq)
	if _, err := m.Correct(ctx, a.C, form.Values["block"], base, form.Values["text"], form.Values["reason"], by); err != nil {
		return s.workRefusal(w, rq, a, form, err)
	}
	if a.C.State == works.TextFinal && s.starter != nil {
		err := s.db.Transact(ctx, func(tx *store.Tx) error {
			for _, l := range a.C.Languages {
				if l.Lang != a.C.Lang {
					if err := s.starter.Start(ctx, tx, a.C, l.Lang); err != nil {
						return err
					}
					// A corrected sentence is to translate again: a
					// translation past that goes back to translation.
					if _, err := works.TranslationResynced(ctx, tx, a.C, l.Lang, by); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	s.flash(ctx, "manuscript.flash.corrected")
	return seeOther(w, rq.Request, manuscriptPath(id)+"#"+form.Values["block"])
}

// manuscriptCorrectForm answers GET
// /office/contributions/{id}/manuscript/correct, the address a refused
// correction is shown at: reloaded or opened again, it is the manuscript
// page with the correction form of the block (?block=) open.
func (s *Server) manuscriptCorrectForm(w http.ResponseWriter, rq *officeRequest) error {
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
