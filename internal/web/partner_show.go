package web

import "github.com/tandemforum/tandem/internal/forum"

func (s *Server) partnerShow(rq *request) (result, error) {
	ctx := rq.Context()
	p, err := rq.Forums.PartnerBySlug(ctx, rq.PathValue("partner"))
	if err != nil {
		return result{}, err
	}
	forums, err := rq.Forums.ForumsHostedBy(ctx, p.ID)
	if err != nil {
		return result{}, err
	}
	people, err := rq.Forums.PeopleOf(ctx, p.ID)
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
