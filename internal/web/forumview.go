package web

import (
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
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

// loadForum reads the forum the path's {forum} names, or returns an error of
// kind not found.
func (s *Server) loadForum(rq *request) (*forumView, error) {
	f, err := rq.Forums.ForumBySlug(rq.Context(), rq.PathValue("forum"))
	if err != nil {
		return nil, err
	}
	loc := f.Location()
	return &forumView{Forum: f, Loc: loc, ZoneName: rq.T.ZoneName(loc, f.StartsAt), Path: "/forums/" + f.Slug}, nil
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
