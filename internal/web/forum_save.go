package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// forumSave answers POST /office/forums/{id}: it saves the form as the
// next version of the forum's draft; the public sees nothing of it until
// every host approves. A form loaded from an older version than the
// draft's current one is refused with 409, what was typed kept, so that
// nobody overwrites a change they have not seen.
func (s *Server) forumSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := pathID(rq, "id")
	if err != nil {
		return err
	}
	ctx := rq.Context()
	live, hosts, err := s.forumHosts(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectForum, account.Edit, hosts...); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("forum form: %v", err)
	}
	version, err := formVersion(rq.PostForm)
	if err != nil {
		return err
	}
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	subj := approval.Subject{Kind: approval.KindForum, ID: id}
	fm := newForm(rq.T, rq.PostForm)
	f := &forum.Forum{ID: id, Published: live.Published}
	readForum(fm, f, partners)
	var current *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := rq.checkForum(ctx, tx, fm, f, account.Edit); err != nil || !fm.ok() {
			return err
		}
		d, err := saveDraft(ctx, tx, subj, version, f, rq.actor())
		current = d
		return err
	})
	var fes approval.FieldErrors
	switch {
	case errors.Is(err, errFormStale):
		return s.renderForum(w, rq, http.StatusConflict, live, fm, current, staleMessage(rq, current))
	case errors.As(err, &fes):
		failFields(fm, fes, func(path string) string { return path })
	case err != nil:
		return err
	}
	if !fm.ok() {
		d, err := approval.Load(ctx, s.db, subj)
		if err != nil {
			return err
		}
		return s.renderForum(w, rq, http.StatusUnprocessableEntity, live, fm, d, "")
	}
	s.flash(ctx, "office.forum.saved")
	return seeOther(w, rq.Request, officePrefix+"/forums/"+strconv.FormatInt(id, 10))
}
