package web

import (
	"slices"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
)

// forumView is what the forum's pages share: the forum, its time zone and
// the name of that zone for the reader.
type forumView struct {
	Forum    *forum.Forum
	Loc      *time.Location
	ZoneName string
	Path     string // /forums/slug
}

// forumNav is the menu of a forum's own pages; Current names the one shown
// ("overview", "programme", "speakers"), empty on a speech page.
type forumNav struct {
	Path    string
	Current string
}

func (s *Server) loadForum(rq *request) (*forumView, error) {
	f, err := s.forums.ForumBySlug(rq.Context(), rq.PathValue("forum"))
	if err != nil {
		return nil, err
	}
	loc := f.Location()
	return &forumView{Forum: f, Loc: loc, ZoneName: rq.T.ZoneName(loc, f.StartsAt), Path: "/forums/" + f.Slug}, nil
}

func (s *Server) forumShow(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	ctx := rq.Context()
	sessions, err := s.forums.Programme(ctx, fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	collections, err := s.forums.Collections(ctx, fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	news, err := s.forums.NewsOfForum(ctx, fv.Forum.ID)
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
			News        []*forum.NewsPost
			Speeches    int
			Speakers    int
		}{fv, sessions, collections, news, speeches, len(speakers)},
	}
	return s.html(rq, "forum", fv.Path, d)
}

func (s *Server) programmeShow(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	sessions, err := s.forums.Programme(rq.Context(), fv.Forum.ID)
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

func (s *Server) speakersList(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	people, err := s.forums.Speakers(rq.Context(), fv.Forum.ID)
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

// sortPeople sorts people the reader's way: by family name, then given name,
// as written in the reader's language, in that language's collation (pinyin
// order for Chinese).
func sortPeople(l string, people []*forum.Person) {
	keys := make(map[int64]string, len(people))
	for _, p := range people {
		n, _ := p.Names.In(l)
		keys[p.ID] = n.SortKey()
	}
	slices.SortStableFunc(people, func(a, b *forum.Person) int {
		return i18n.Compare(l, keys[a.ID], keys[b.ID])
	})
}

func (s *Server) speechShow(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	sp, session, err := s.forums.Speech(rq.Context(), fv.Forum.ID, rq.PathValue("speech"))
	if err != nil {
		return result{}, err
	}
	sessions, err := s.forums.Programme(rq.Context(), fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	prev, next := neighbours(sessions, sp.ID)
	title := textIn(sp.Title, rq.Lang)
	summary := textIn(sp.Summary, rq.Lang)
	path := fv.speechPath(sp)
	d := &pageData{
		Title:       title,
		Description: summary,
		Section:     "forums",
		OGType:      "article",
		JSONLD:      s.speechLD(rq.Lang, fv, session, sp),
		ForumNav:    &forumNav{Path: fv.Path},
		Main: struct {
			*forumView
			Speech     *forum.Speech
			Session    *forum.Session
			Prev, Next *forum.Speech
		}{fv, sp, session, prev, next},
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

// personName returns how a reader of language l sees a person's name, and
// whether the name is also written differently in its own script.
func personName(ns lang.Names, l string) shown {
	n, written := ns.In(l)
	return shown{Value: plain(n.Full(written)), Lang: written, Fallback: written != l}
}

// sessionPath returns, after the language prefix, where a session stands:
// on the programme page, at its heading.
func (fv *forumView) sessionPath(ss *forum.Session) string {
	return fv.Path + "/programme#session-" + strconv.FormatInt(ss.ID, 10)
}

// speechPath returns a speech's own page after the language prefix.
func (fv *forumView) speechPath(sp *forum.Speech) string {
	return fv.Path + "/speeches/" + sp.Slug
}
