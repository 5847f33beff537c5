package web

import (
	"time"

	"github.com/tandemforum/tandem/internal/forum"
)

func (s *Server) homeShow(rq *request) (result, error) {
	ctx := rq.Context()
	forums, err := rq.Forums.Forums(ctx)
	if err != nil {
		return result{}, err
	}
	news, _, err := rq.Forums.News(ctx, 3, 0)
	if err != nil {
		return result{}, err
	}
	partners, err := rq.Forums.Partners(ctx)
	if err != nil {
		return result{}, err
	}
	editions, err := s.releasedEditions(ctx, 0, 3)
	if err != nil {
		return result{}, err
	}
	type forumItem struct {
		Forum    *forum.Forum
		Loc      *time.Location
		ZoneName string
	}
	var items []forumItem
	for _, f := range forums {
		items = append(items, forumItem{f, f.Location(), rq.T.ZoneName(f.Location(), f.StartsAt)})
	}
	var lead *forumItem
	var rest []forumItem
	if len(items) > 0 {
		lead, rest = &items[0], items[1:]
	}
	d := &pageData{
		Title:       rq.T.T("home.title"),
		Description: rq.T.T("home.description"),
		Section:     "home",
		JSONLD:      s.websiteLD(rq.Lang, partners),
		Main: struct {
			Lead     *forumItem
			Forums   []forumItem
			News     []*forum.NewsPost
			Partners []*forum.Partner
			Editions []editionItem
		}{lead, rest, news, partners, editions},
	}
	return s.html(rq, "home", "/", d)
}
