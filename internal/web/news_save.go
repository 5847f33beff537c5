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
// image's alt text, caption and credit are the post's, published with it
// once approved; the library's image is not changed (see storeLead). A
// translator's save changes the texts only: the forum, the publication
// time, the address and the lead image stay as the draft has them,
// whatever the request says, and so do the images in the text but for
// their texts.
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
	values := up.values
	textsOnly := rq.textsOnly(partners)
	if textsOnly {
		values = mergeTexts(newsValues(cur, d.Version, newsZone(forums, cur.ForumID)), values, isNewsText)
		values.Set("version", up.values.Get("version"))
	}
	f := newForm(rq.T, values)
	n := &forum.NewsPost{}
	readNews(f, n, forums)
	leadID, lead := cur.LeadImageID, []byte(nil)
	if !textsOnly {
		if leadID, lead, err = s.readImage(ctx, rq, f, up, "lead"); err != nil {
			return err
		}
	}
	figures, err := s.readFigures(ctx, rq, f, up, cur.Figures, textsOnly)
	if err != nil {
		return err
	}
	pg := &newsPage{Form: f, Action: officePrefix + "/news/" + itoa(id), partners: partners}
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
		if textsOnly {
			n.ForumID, n.PublishedAt, leadID = cur.ForumID, cur.PublishedAt, cur.LeadImageID
		}
		if n.LeadImageID, err = s.storeLead(ctx, tx, f, n, cur.LeadImageID, leadID, lead, rq.uploadPartner(partners)); err != nil {
			return err
		}
		if err := s.storeFigures(ctx, tx, f, figures, rq.uploadPartner(partners)); err != nil {
			return err
		}
		n.Figures = figuresOf(figures)
		d, err = approval.Save(ctx, tx, subj, n, rq.actor())
		return err
	})
	if errors.Is(err, errFormInvalid) || errors.Is(err, errFormStale) {
		f.values.Set("slug", cur.Slug)
		if errors.Is(err, errFormStale) {
			latest := d.Content.(*forum.NewsPost)
			n.Slug, n.Published, n.LeadImageID = latest.Slug, latest.Published, leadID
			if textsOnly {
				n.ForumID, n.PublishedAt, n.LeadImageID = latest.ForumID, latest.PublishedAt, latest.LeadImageID
			}
		}
		pg.Message = contentStaleMessage(rq, f, d, err, n)
		pg.Head = newDraftHead(rq, d, account.SubjectNews, partners)
		return s.renderNews(w, rq, formStatus(up, err), pg, forums)
	}
	if err != nil {
		return err
	}
	s.flash(ctx, savedFlash("office.content.saved", withdrawn))
	return seeOther(w, rq.Request, officePrefix+"/news/"+itoa(id))
}
