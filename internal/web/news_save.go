package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// newsSave answers POST /office/news/{id}: it saves the form as the next
// version of the post's draft, refusing with 409 a form loaded from a
// version the draft has moved on from, what was typed kept. The lead
// image's alt text, caption and credit are the library's and change at
// once (see storeLead).
func (s *Server) newsSave(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	subj := approval.Subject{Kind: approval.KindNews, ID: id}
	d, err := approval.Load(ctx, s.db, subj)
	if err != nil {
		return err
	}
	cur := d.Content.(*forum.NewsPost)
	partners, err := s.newsPartners(ctx, cur.ForumID)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectNews, account.Edit, partners...); err != nil {
		return err
	}
	forums, err := s.newsForums(ctx, rq, cur.ForumID)
	if err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	f := newForm(rq.T, up.values)
	n := &forum.NewsPost{}
	meta := readNews(f, n, forums)
	leadID, lead, err := s.readImage(ctx, rq, f, up, "lead")
	if err != nil {
		return err
	}
	pg := &newsPage{Form: f, Action: officePrefix + "/news/" + itoa(id)}
	var withdrawn bool
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if d, err = contentCheckVersion(ctx, tx, subj, f); err != nil {
			return err
		}
		if !f.ok() {
			return errFormInvalid
		}
		withdrawn = requested(d.State)
		cur := d.Content.(*forum.NewsPost)
		n.Slug, n.Published = cur.Slug, cur.Published
		if n.LeadImageID, err = s.storeLead(ctx, tx, f, leadID, lead, meta); err != nil {
			return err
		}
		d, err = approval.Save(ctx, tx, subj, n, rq.actor())
		return err
	})
	if errors.Is(err, errFormInvalid) || errors.Is(err, errFormStale) {
		f.values.Set("slug", cur.Slug)
		pg.Message = contentStaleMessage(rq, f, d, err)
		pg.Head = newDraftHead(rq, d, account.SubjectNews, partners)
		return s.renderNews(w, rq, formStatus(up, err), pg, forums)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, savedFlash("office.content.saved", withdrawn))
	return seeOther(w, rq.Request, officePrefix+"/news/"+itoa(id))
}
