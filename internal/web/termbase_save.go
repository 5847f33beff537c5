package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// termbaseSave answers POST /office/forums/{id}/termbase/{entry}: it
// replaces the entry's subject, note and terms with the form's if no one
// saved the entry since the form was loaded (else 409, what was typed kept,
// with the version now stored so that saving again is a choice). A refused
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
	if e.Version, err = strconv.Atoi(strings.TrimSpace(f.values.Get("version"))); err != nil {
		return badRequest("termbase entry form: version %q", f.values.Get("version"))
	}
	kept := keptRows(e)
	if !f.ok() {
		return s.renderTermbaseEntry(w, rq, http.StatusUnprocessableEntity, fo, hosts, old, f, "")
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
		return s.renderTermbaseEntry(w, rq, http.StatusUnprocessableEntity, fo, hosts, old, f, "")
	}
	if errors.Is(err, translate.ErrStaleEntry) {
		cur, err := translate.GetEntry(ctx, s.db, fo.ID, old.ID)
		if err != nil {
			return err
		}
		f.values.Set("version", strconv.Itoa(cur.Version))
		return s.renderTermbaseEntry(w, rq, http.StatusConflict, fo, hosts, cur, f, rq.T.T("termbase.stale", cur.UpdatedBy))
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "termbase.saved")
	return seeOther(w, rq.Request, termbaseURL(fo.ID))
}
