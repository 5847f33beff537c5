package web

import (
	"time"

	"github.com/tandemforum/tandem/internal/forum"
)

// forumsPerPage is the number of forums on a page of the forums list.
const forumsPerPage = 10

func (s *Server) forumsList(rq *request) (result, error) {
	page, err := pageParam(rq)
	if err != nil {
		return result{}, err
	}
	forums, total, err := rq.Forums.ForumsPage(rq.Context(), forumsPerPage, (page-1)*forumsPerPage)
	if err != nil {
		return result{}, err
	}
	pg, err := newPager("/forums", page, total, forumsPerPage)
	if err != nil {
		return result{}, err
	}
	type forumItem struct {
		Forum    *forum.Forum
		Loc      *time.Location
		ZoneName string
	}
	items := make([]forumItem, 0, len(forums))
	for _, f := range forums {
		items = append(items, forumItem{f, f.Location(), rq.T.ZoneName(f.Location(), f.StartsAt)})
	}
	d := &pageData{
		Title:       rq.T.T("forums.title"),
		Description: rq.T.N("count.forums", total),
		Section:     "forums",
		Main: struct {
			Forums []forumItem
			Total  int
			Pager  pager
		}{items, total, pg},
	}
	return s.html(rq, "forums", pg.URL(page), d)
}
