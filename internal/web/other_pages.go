package web

import (
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
)

func (s *Server) homeShow(rq *request) (result, error) {
	ctx := rq.Context()
	forums, err := s.forums.Forums(ctx)
	if err != nil {
		return result{}, err
	}
	news, _, err := s.forums.News(ctx, 3, 0)
	if err != nil {
		return result{}, err
	}
	partners, err := s.forums.Partners(ctx)
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
		}{lead, rest, news, partners},
	}
	return s.html(rq, "home", "/", d)
}

func (s *Server) personShow(rq *request) (result, error) {
	p, err := s.forums.PersonBySlug(rq.Context(), rq.PathValue("person"))
	if err != nil {
		return result{}, err
	}
	speeches, forums, err := s.forums.SpeechesBy(rq.Context(), p.ID)
	if err != nil {
		return result{}, err
	}
	type item struct {
		Speech *forum.Speech
		Forum  *forum.Forum
		Loc    *time.Location
	}
	var items []item
	for _, sp := range speeches {
		f := forums[sp.ForumID]
		items = append(items, item{sp, f, f.Location()})
	}
	name := personName(p.Names, rq.Lang)
	position := textIn(p.Position, rq.Lang)
	d := &pageData{
		Title:       name.Value,
		Description: position,
		Section:     "forums",
		OGType:      "profile",
		JSONLD:      s.personLD(rq.Lang, p),
		Main: struct {
			Person   *forum.Person
			Speeches []item
		}{p, items},
	}
	return s.html(rq, "person", "/people/"+p.Slug, d)
}

// newsPerPage is the number of posts on a page of the news list.
const newsPerPage = 10

// pageParam reads the page number of a paginated list from the query: 1
// when absent, a 400 when it is not a number from 1 to 100000.
func pageParam(rq *request) (int, error) {
	v := rq.Query.Get("page")
	if v == "" && !rq.Query.Has("page") {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 100000 {
		return 0, badRequest("page %q", v)
	}
	return n, nil
}

// pager is where a page of a paginated list stands: its number, the number
// of pages, and the neighbours (0 where there is none). Path is the list's
// path after the language prefix.
type pager struct {
	Path               string
	Page, Pages        int
	PrevPage, NextPage int
}

// newPager places page among the pages of a list of total items, perPage to
// a page. A page past the end is not found; the first page of an empty list
// exists.
func newPager(path string, page, total, perPage int) (pager, error) {
	pages := (total + perPage - 1) / perPage
	if page > 1 && page > pages {
		return pager{}, forum.ErrNotFound
	}
	p := pager{Path: path, Page: page, Pages: pages, PrevPage: page - 1}
	if page < pages {
		p.NextPage = page + 1
	}
	return p, nil
}

// URL returns the path of page n of the list, after the language prefix.
func (p pager) URL(n int) string {
	if n <= 1 {
		return p.Path
	}
	return p.Path + "?page=" + strconv.Itoa(n)
}

func (s *Server) newsList(rq *request) (result, error) {
	page, err := pageParam(rq)
	if err != nil {
		return result{}, err
	}
	posts, total, err := s.forums.News(rq.Context(), newsPerPage, (page-1)*newsPerPage)
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

// forumsPerPage is the number of forums on a page of the forums list.
const forumsPerPage = 10

func (s *Server) forumsList(rq *request) (result, error) {
	page, err := pageParam(rq)
	if err != nil {
		return result{}, err
	}
	forums, total, err := s.forums.ForumsPage(rq.Context(), forumsPerPage, (page-1)*forumsPerPage)
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

func (s *Server) newsShow(rq *request) (result, error) {
	n, err := s.forums.NewsBySlug(rq.Context(), rq.PathValue("post"))
	if err != nil {
		return result{}, err
	}
	title := textIn(n.Title, rq.Lang)
	summary := textIn(n.Summary, rq.Lang)
	d := &pageData{
		Title:       title,
		Description: summary,
		Section:     "news",
		OGType:      "article",
		JSONLD:      s.newsLD(rq.Lang, n),
		Main:        n,
	}
	if n.LeadImage != nil {
		f := n.LeadImage.Largest()
		d.OGImage = &ogImage{URL: s.abs("/media/" + f.BlobKey), Width: f.Width, Height: f.Height, Alt: textIn(n.LeadImage.Alt, rq.Lang)}
	}
	return s.html(rq, "news_post", "/news/"+n.Slug, d)
}

func (s *Server) partnersList(rq *request) (result, error) {
	ps, err := s.forums.Partners(rq.Context())
	if err != nil {
		return result{}, err
	}
	d := &pageData{
		Title:       rq.T.T("partners.title"),
		Description: rq.T.T("partners.description"),
		Section:     "partners",
		Main:        ps,
	}
	return s.html(rq, "partners", "/partners", d)
}

func (s *Server) partnerShow(rq *request) (result, error) {
	ctx := rq.Context()
	p, err := s.forums.PartnerBySlug(ctx, rq.PathValue("partner"))
	if err != nil {
		return result{}, err
	}
	forums, err := s.forums.ForumsHostedBy(ctx, p.ID)
	if err != nil {
		return result{}, err
	}
	people, err := s.forums.PeopleOf(ctx, p.ID)
	if err != nil {
		return result{}, err
	}
	sortPeople(rq.Lang, people)
	name := textIn(p.Name, rq.Lang)
	desc := textIn(p.Description, rq.Lang)
	d := &pageData{
		Title:       name,
		Description: desc,
		Section:     "partners",
		JSONLD:      s.organizationLD(rq.Lang, p),
		Main: struct {
			Partner *forum.Partner
			Forums  []*forum.Forum
			People  []*forum.Person
		}{p, forums, people},
	}
	return s.html(rq, "partner", "/partners/"+p.Slug, d)
}
