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
	position, _ := p.Position.In(rq.Lang)
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

func (s *Server) newsList(rq *request) (result, error) {
	page := 1
	if v := rq.Query.Get("page"); v != "" || rq.Query.Has("page") {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100000 {
			return result{}, badRequest("page %q", v)
		}
		page = n
	}
	posts, total, err := s.forums.News(rq.Context(), newsPerPage, (page-1)*newsPerPage)
	if err != nil {
		return result{}, err
	}
	pages := (total + newsPerPage - 1) / newsPerPage
	if page > 1 && page > pages {
		return result{}, forum.ErrNotFound
	}
	path := "/news"
	if page > 1 {
		path += "?page=" + strconv.Itoa(page)
	}
	d := &pageData{
		Title:       rq.T.T("news.title"),
		Description: rq.T.N("count.news", total),
		Section:     "news",
		Main: struct {
			Posts              []*forum.NewsPost
			Total              int
			Page, Pages        int
			PrevPage, NextPage int
		}{posts, total, page, pages, page - 1, nextPage(page, pages)},
	}
	return s.html(rq, "news", path, d)
}

func nextPage(page, pages int) int {
	if page < pages {
		return page + 1
	}
	return 0
}

func (s *Server) newsShow(rq *request) (result, error) {
	n, err := s.forums.NewsBySlug(rq.Context(), rq.PathValue("post"))
	if err != nil {
		return result{}, err
	}
	title, _ := n.Title.In(rq.Lang)
	summary, _ := n.Summary.In(rq.Lang)
	d := &pageData{
		Title:       title,
		Description: summary,
		Section:     "news",
		OGType:      "article",
		JSONLD:      s.newsLD(rq.Lang, n),
		Main:        n,
	}
	if n.LeadImage != nil {
		d.OGImage = s.abs("/media/" + largestRendition(n))
	}
	return s.html(rq, "news_post", "/news/"+n.Slug, d)
}

func largestRendition(n *forum.NewsPost) string {
	im := n.LeadImage
	if len(im.Renditions) > 0 {
		return im.Renditions[len(im.Renditions)-1].BlobKey
	}
	return im.BlobKey
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
	name, _ := p.Name.In(rq.Lang)
	desc, _ := p.Description.In(rq.Lang)
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
