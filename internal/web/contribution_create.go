package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionCreate answers POST /office/collections/{id}/contributions/new:
// it records the contribution at the end of the collection, in state
// invited, with its authors (a person added by name becomes an unpublished
// person of no partner, to be completed in the people list) and staff,
// and goes on to its page, where its authors are invited.
func (s *Server) contributionCreate(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	sc, err := s.collectionScope(ctx, id)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectContribution, account.Create, sc.Hosts...); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("contribution form: %v", err)
	}
	byID, people, err := s.authorChoices(ctx, rq)
	if err != nil {
		return err
	}
	candidates, err := s.staffCandidates(ctx, sc.Hosts)
	if err != nil {
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	f.values.Set("version", "0")
	c := &works.Contribution{CollectionID: id}
	newAuthor := readContribution(f, c, sc.Collection.Languages, byID, candidates)
	pg := &contributionPage{Form: f, New: true, Action: officePrefix + "/collections/" + itoa(id) + "/contributions/new",
		Back: officePrefix + "/collections/" + itoa(id)}
	if !f.ok() {
		return s.renderContribution(w, rq, http.StatusUnprocessableEntity, pg, sc, people, candidates)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := addAuthor(rq, tx, c, newAuthor); err != nil {
			return err
		}
		if err := works.CreateContribution(ctx, tx, c, rq.worksActor(sc.Hosts)); err != nil {
			return err
		}
		return works.InsertStaff(ctx, tx, c.ID, c.Staff)
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "works.contribution.created")
	return seeOther(w, rq.Request, officePrefix+"/contributions/"+itoa(c.ID))
}

// addAuthor records p, a person added by name on a contribution's form,
// as an unpublished person of no partner, and appends them to c's authors;
// nil adds nobody.
func addAuthor(rq *officeRequest, tx *store.Tx, c *works.Contribution, p *forum.Person) error {
	if p == nil {
		return nil
	}
	p.Slug = "author-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	d, err := approval.Create(rq.Context(), tx, approval.KindPerson, p, rq.actor())
	if err != nil {
		return err
	}
	c.Authors = append(c.Authors, works.Author{PersonID: d.Subject.ID, Names: p.Names})
	return nil
}
