package web

import "github.com/tandemforum/tandem/internal/forum"

func (s *Server) programmeShow(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	sessions, err := rq.Forums.Programme(rq.Context(), fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	title := textIn(fv.Forum.Title, rq.Lang)
	d := &pageData{
		Title:       rq.T.T("programme.title") + " — " + title,
		Description: rq.T.T("programme.description", title),
		Section:     "forums",
		JSONLD:      s.eventLD(rq.Lang, fv, sessions),
		Calendar:    "/" + rq.Lang + fv.Path + "/programme.ics",
		ForumNav:    &forumNav{Path: fv.Path, Current: "programme"},
		Main: struct {
			*forumView
			Sessions []*forum.Session
		}{fv, sessions},
	}
	return s.html(rq, "programme", fv.Path+"/programme", d)
}
