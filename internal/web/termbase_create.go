package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// termbaseCreate answers POST /office/forums/{id}/termbase: it adds an
// entry to the forum's termbase. An entry without a term, a term without
// a language tag that is BCP 47, or the same term twice comes back with
// its message at the field and everything typed kept.
func (s *Server) termbaseCreate(w http.ResponseWriter, rq *officeRequest) error {
	fo, hosts, err := s.termbaseForum(rq, account.Edit)
	if err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("form: %v", err)
	}
	f := newForm(rq.T, rq.PostForm)
	e := readEntry(f)
	e.ForumID, e.UpdatedBy = fo.ID, rq.Account.Name
	kept := keptRows(e)
	if !f.ok() {
		return s.renderTermbase(w, rq, http.StatusUnprocessableEntity, fo, hosts, f, nil)
	}
	ctx := rq.Context()
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := translate.CreateEntry(ctx, tx, e); err != nil {
			return err
		}
		return appendEvent(ctx, tx, rq.Account, "termbase.create", "termbase:"+itoa(e.ID), clientAddr(rq.Request), nil, e)
	})
	var ee *translate.EntryError
	if errors.As(err, &ee) {
		entryError(f, ee, kept)
		return s.renderTermbase(w, rq, http.StatusUnprocessableEntity, fo, hosts, f, nil)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "termbase.added")
	return seeOther(w, rq.Request, termbaseURL(fo.ID))
}
