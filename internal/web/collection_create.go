package web

import (
	"context"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// collectionCreate answers POST /office/collections/new: it records a new
// collection of the form's forum and goes on to its page; a form with
// errors comes back with what was typed.
func (s *Server) collectionCreate(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectCollection, account.Create); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("collection form: %v", err)
	}
	id, err := strconv.ParseInt(rq.PostForm.Get("forum"), 10, 64)
	if err != nil || id <= 0 {
		return badRequest("collection form: forum %q", rq.PostForm.Get("forum"))
	}
	ctx := rq.Context()
	fm, err := s.forums.WithDrafts().ForumByID(ctx, id)
	if err != nil {
		return err
	}
	hosts := hostIDs(fm.Hosts)
	if err := rq.must(account.SubjectCollection, account.Create, hosts...); err != nil {
		return err
	}
	candidates, err := s.collectionCandidates(ctx, fm)
	if err != nil {
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	f.values.Set("version", "0")
	c := &works.Collection{ForumID: fm.ID}
	if c.Slug, err = readSlug(ctx, f, func(ctx2 context.Context, slug string) (bool, error) {
		return works.CollectionSlugTaken(ctx2, s.db, slug)
	}); err != nil {
		return err
	}
	readCollection(f, c, fm, candidates)
	pg := &collectionPage{Form: f, New: true, Action: officePrefix + "/collections/new", Back: officePrefix + "/collections"}
	if !f.ok() {
		return s.renderCollection(w, rq, http.StatusUnprocessableEntity, pg, fm, candidates)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		return works.CreateCollection(ctx, tx, c, rq.worksActor(hosts))
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "works.collection.created")
	return seeOther(w, rq.Request, officePrefix+"/collections/"+itoa(c.ID))
}
