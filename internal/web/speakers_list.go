package web

import "github.com/tandemforum/tandem/internal/forum"

func (s *Server) speakersList(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	people, err := rq.Forums.Speakers(rq.Context(), fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	sortPeople(rq.Lang, people)
	title := textIn(fv.Forum.Title, rq.Lang)
	d := &pageData{
		Title:       rq.T.T("speakers.title") + " — " + title,
		Description: rq.T.N("count.speakers", len(people)) + " — " + title,
		Section:     "forums",
		ForumNav:    &forumNav{Path: fv.Path, Current: "speakers"},
		Main: struct {
			*forumView
			People []*forum.Person
		}{fv, people},
	}
	return s.html(rq, "speakers", fv.Path+"/speakers", d)
}
