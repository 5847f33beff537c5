package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// termbaseDelete answers POST /office/forums/{id}/termbase/{entry}/delete:
// it removes the entry with its terms; the event log keeps what it was.
// The form says delete=yes, so that a post without it (sent by mistake, or
// by another page) deletes nothing.
func (s *Server) termbaseDelete(w http.ResponseWriter, rq *officeRequest) error {
	fo, _, err := s.termbaseForum(rq, account.Edit)
	if err != nil {
		return err
	}
	e, err := s.termbaseEntry(rq, fo)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("form: %v", err)
	}
	if rq.PostForm.Get("delete") != "yes" {
		return badRequest("delete termbase entry %d: not confirmed", e.ID)
	}
	ctx := rq.Context()
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := translate.DeleteEntry(ctx, tx, fo.ID, e.ID); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "termbase.delete", "termbase:"+itoa(e.ID), clientAddr(rq.Request), e, nil)
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "termbase.deleted")
	return seeOther(w, rq.Request, termbaseURL(fo.ID))
}
