package web

import "github.com/tandemforum/tandem/internal/forum"

func (s *Server) forumShow(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	ctx := rq.Context()
	sessions, err := rq.Forums.Programme(ctx, fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	collections, err := rq.Forums.Collections(ctx, fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	editions := map[int64][]editionItem{}
	for _, c := range collections {
		if editions[c.ID], err = s.releasedEditions(ctx, c.ID, 0); err != nil {
			return result{}, err
		}
	}
	news, err := rq.Forums.NewsOfForum(ctx, fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	speakers := map[int64]bool{}
	speeches := 0
	for _, ss := range sessions {
		for _, sp := range ss.Speeches {
			speakers[sp.SpeakerID] = true
			speeches++
		}
	}
	title := textIn(fv.Forum.Title, rq.Lang)
	theme := textIn(fv.Forum.Theme, rq.Lang)
	d := &pageData{
		Title:       title,
		Description: theme,
		Section:     "forums",
		OGType:      "website",
		JSONLD:      s.eventLD(rq.Lang, fv, sessions),
		Calendar:    "/" + rq.Lang + fv.Path + "/programme.ics",
		ForumNav:    &forumNav{Path: fv.Path, Current: "overview"},
		Main: struct {
			*forumView
			Sessions    []*forum.Session
			Collections []*forum.Collection
			Editions    map[int64][]editionItem
			News        []*forum.NewsPost
			Speeches    int
			Speakers    int
		}{fv, sessions, collections, editions, news, speeches, len(speakers)},
	}
	return s.html(rq, "forum", fv.Path, d)
}
