package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// collectionSave answers POST /office/collections/{id}/edit: it saves the
// form over the collection if no one saved it since the form was loaded
// (else 409, what was typed kept, with the version now stored so that
// saving again is a choice). A changed deadline schedules the reminders of
// the pending invitations for it.
func (s *Server) collectionSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectCollection, account.Edit, sc.Hosts...); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("collection form: %v", err)
	}
	candidates, err := s.collectionCandidates(ctx, sc.Forum)
	if err != nil {
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	f.values.Set("slug", sc.Collection.Slug)
	version, err := strconv.Atoi(strings.TrimSpace(f.values.Get("version")))
	if err != nil {
		return badRequest("collection form: version %q", f.values.Get("version"))
	}
	c := &works.Collection{ID: id, ForumID: sc.Forum.ID, Slug: sc.Collection.Slug}
	readCollection(f, c, sc.Forum, candidates)
	pg := &collectionPage{Form: f, Action: officePrefix + "/collections/" + itoa(id) + "/edit", Back: officePrefix + "/collections/" + itoa(id)}
	if !f.ok() {
		return s.renderCollection(w, rq, http.StatusUnprocessableEntity, pg, sc.Forum, candidates)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		old, err := works.UpdateCollection(ctx, tx, c, version, rq.worksActor(sc.Hosts))
		if err != nil {
			return err
		}
		if !old.Deadline.Equal(c.Deadline) {
			return works.RescheduleReminders(ctx, tx, id, c.Deadline, time.Now())
		}
		return nil
	})
	if errors.Is(err, works.ErrStale) {
		cur, err := works.CollectionVersion(ctx, s.db, id)
		if err != nil {
			return err
		}
		f.values.Set("version", strconv.Itoa(cur))
		pg.Message = rq.T.T("works.stale")
		return s.renderCollection(w, rq, http.StatusConflict, pg, sc.Forum, candidates)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "works.saved")
	return seeOther(w, rq.Request, officePrefix+"/collections/"+itoa(id))
}
