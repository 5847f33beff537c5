package web

import "github.com/tandemforum/tandem/internal/forum"

func (s *Server) speechShow(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	sp, session, err := rq.Forums.Speech(rq.Context(), fv.Forum.ID, rq.PathValue("speech"))
	if err != nil {
		return result{}, err
	}
	sessions, err := rq.Forums.Programme(rq.Context(), fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	prev, next := neighbours(sessions, sp.ID)
	title := textIn(sp.Title, rq.Lang)
	summary := textIn(sp.Summary, rq.Lang)
	path := fv.speechPath(sp)
	sv, err := s.loadSpeechVideo(rq, fv, sp)
	if err != nil {
		return result{}, err
	}
	d := &pageData{
		Title:       title,
		Description: summary,
		Section:     "forums",
		OGType:      "article",
		JSONLD:      s.speechLD(rq.Lang, fv, session, sp, sv),
		ForumNav:    &forumNav{Path: fv.Path},
		Main: struct {
			*forumView
			Speech     *forum.Speech
			Session    *forum.Session
			Prev, Next *forum.Speech
			Video      *speechVideo
		}{fv, sp, session, prev, next, sv},
	}
	return s.html(rq, "speech", path, d)
}

// neighbours returns the speeches before and after the one with id in the
// programme's order, or nil at either end.
func neighbours(sessions []*forum.Session, id int64) (prev, next *forum.Speech) {
	var all []*forum.Speech
	for _, ss := range sessions {
		all = append(all, ss.Speeches...)
	}
	for i, sp := range all {
		if sp.ID != id {
			continue
		}
		if i > 0 {
			prev = all[i-1]
		}
		if i+1 < len(all) {
			next = all[i+1]
		}
	}
	return prev, next
}
