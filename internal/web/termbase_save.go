package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// termbaseSave answers POST /office/forums/{id}/termbase/{entry}: it
// replaces the entry's subject, note and terms with the form's. A refused
// entry comes back with its message at the field and everything typed
// kept.
func (s *Server) termbaseSave(w http.ResponseWriter, rq *officeRequest) error {
	fo, hosts, err := s.termbaseForum(rq, account.Edit)
	if err != nil {
		return err
	}
	old, err := s.termbaseEntry(rq, fo)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("form: %v", err)
	}
	f := newForm(rq.T, rq.PostForm)
	e := readEntry(f)
	e.ID, e.ForumID, e.UpdatedBy = old.ID, fo.ID, rq.Account.Name
	kept := keptRows(e)
	if !f.ok() {
		return s.renderTermbaseEntry(w, rq, http.StatusUnprocessableEntity, fo, hosts, old, f)
	}
	ctx := rq.Context()
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := translate.UpdateEntry(ctx, tx, e); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "termbase.update", "termbase:"+itoa(e.ID), clientAddr(rq.Request), old, e)
	})
	var ee *translate.EntryError
	if errors.As(err, &ee) {
		entryError(f, ee, kept)
		return s.renderTermbaseEntry(w, rq, http.StatusUnprocessableEntity, fo, hosts, old, f)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "termbase.saved")
	return seeOther(w, rq.Request, termbaseURL(fo.ID))
}
