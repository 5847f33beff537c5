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

// forumCreate answers POST /office/forums: it records a new forum,
// unpublished, with the form's content as its first draft, and goes to its
// form. Organisers and editors may create one when one of their partners
// is among its hosts; a slug that names another forum is refused at its
// field.
func (s *Server) forumCreate(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectForum, account.Create); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("forum form: %v", err)
	}
	ctx := rq.Context()
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	fm := newForm(rq.T, rq.PostForm)
	f := &forum.Forum{}
	readForum(fm, f, partners)
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := rq.checkForum(ctx, tx, fm, f, account.Create); err != nil || !fm.ok() {
			return err
		}
		var err error
		d, err = approval.Create(ctx, tx, approval.KindForum, f, rq.actor())
		return err
	})
	var fes approval.FieldErrors
	switch {
	case errors.As(err, &fes):
		failFields(fm, fes, func(path string) string { return path })
	case err != nil:
		return err
	}
	if !fm.ok() {
		return s.renderNewForum(w, rq, http.StatusUnprocessableEntity, fm)
	}
	s.flash(ctx, "office.forum.created")
	return seeOther(w, rq.Request, officePrefix+"/forums/"+strconv.FormatInt(d.Subject.ID, 10))
}
