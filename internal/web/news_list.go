package web

import "github.com/tandemforum/tandem/internal/forum"

// newsPerPage is the number of posts on a page of the news list.
const newsPerPage = 10

func (s *Server) newsList(rq *request) (result, error) {
	page, err := pageParam(rq)
	if err != nil {
		return result{}, err
	}
	posts, total, err := rq.Forums.News(rq.Context(), newsPerPage, (page-1)*newsPerPage)
	if err != nil {
		return result{}, err
	}
	pg, err := newPager("/news", page, total, newsPerPage)
	if err != nil {
		return result{}, err
	}
	d := &pageData{
		Title:       rq.T.T("news.title"),
		Description: rq.T.N("count.news", total),
		Section:     "news",
		Main: struct {
			Posts []*forum.NewsPost
			Total int
			Pager pager
		}{posts, total, pg},
	}
	return s.html(rq, "news", pg.URL(page), d)
}
