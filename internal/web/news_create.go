package web

import (
	"errors"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// newsCreate answers POST /office/news/new: it records a new post,
// unpublished, with the form as its first draft, and goes on to its edit
// page.
func (s *Server) newsCreate(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectNews, account.Create); err != nil {
		return err
	}
	ctx := rq.Context()
	forums, err := s.newsForums(ctx, rq, 0)
	if err != nil {
		return err
	}
	up, err := readUpload(w, rq)
	if err != nil {
		return err
	}
	f := newForm(rq.T, up.values)
	f.values.Set("version", "0")
	n := &forum.NewsPost{}
	if n.Slug, err = readSlug(ctx, f, s.newsSlugTaken); err != nil {
		return err
	}
	readNews(f, n, forums)
	leadID, lead, err := s.readImage(ctx, rq, f, up, "lead")
	if err != nil {
		return err
	}
	figures, err := s.readFigures(ctx, rq, f, up, nil, false)
	if err != nil {
		return err
	}
	pg := &newsPage{Form: f, New: true, Action: officePrefix + "/news/new"}
	if !f.ok() {
		return s.renderNews(w, rq, formStatus(up, nil), pg, forums)
	}
	var d *approval.Draft
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		owner := rq.uploadPartner(newsPartnersOf(forums, n.ForumID))
		if n.LeadImageID, err = s.storeLead(ctx, tx, f, n, 0, leadID, lead, owner); err != nil {
			return err
		}
		if err := s.storeFigures(ctx, tx, f, figures, owner); err != nil {
			return err
		}
		n.Figures = figuresOf(figures)
		d, err = approval.Create(ctx, tx, approval.KindNews, n, rq.actor())
		return err
	})
	if errors.Is(err, errFormInvalid) {
		return s.renderNews(w, rq, formStatus(up, err), pg, forums)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, "office.content.created")
	return seeOther(w, rq.Request, officePrefix+"/news/"+itoa(d.Subject.ID))
}
