package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
)

// newsEdit answers GET /office/news/{id}: the form of a post, filled from
// its draft or from what is live, with its lead image's alt text, caption
// and credit. Its forum's hosts' teams edit it; a post about no forum,
// admins alone. A translator's form shows the forum, the publication
// time and the lead image read-only; a reviewer's, everything, with no
// save button.
func (s *Server) newsEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	d, err := approval.Load(ctx, s.db, approval.Subject{Kind: approval.KindNews, ID: id})
	if err != nil {
		return err
	}
	n := d.Content.(*forum.NewsPost)
	partners, err := s.newsPartners(ctx, n.ForumID)
	if err != nil {
		return err
	}
	if err := rq.must(account.SubjectNews, account.View, partners...); err != nil {
		return err
	}
	forums, err := s.newsForums(ctx, rq, n.ForumID)
	if err != nil {
		return err
	}
	f := newForm(rq.T, newsValues(n, d.Version, newsZone(forums, n.ForumID)))
	return s.renderNews(w, rq, http.StatusOK, &newsPage{Form: f, Action: officePrefix + "/news/" + itoa(id),
		Head: newDraftHead(rq, d, account.SubjectNews, partners), partners: partners}, forums)
}
