package web

import (
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/works"
)

// collectionIndex is the office's list of collections, by forum.
type collectionIndex struct {
	Forums []collectionForum
}

type collectionForum struct {
	ID          int64
	Title       string
	NewURL      string // empty when the account may not add one
	Collections []collectionItem
}

type collectionItem struct {
	URL, Title    string
	Languages     []string
	Deadline      string
	Contributions int
}

// collectionIndex answers GET /office/collections: the collections of the
// forums whose hosts the account is in the team of (every forum for an
// admin), or of one forum with ?forum=ID, with a way to add one where the
// account may.
func (s *Server) collectionIndex(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectCollection, account.View); err != nil {
		return err
	}
	ctx := rq.Context()
	only := int64(0)
	if v := rq.URL.Query().Get("forum"); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return badRequest("collections: forum %q", v)
		}
		only = id
	}
	forums, err := s.forums.WithDrafts().Forums(ctx)
	if err != nil {
		return err
	}
	page := &collectionIndex{}
	var ids []int64
	byID := map[int64]int{}
	for _, f := range forums {
		hosts := hostIDs(f.Hosts)
		if (only != 0 && f.ID != only) || !rq.can(account.SubjectCollection, account.View, hosts...) {
			continue
		}
		cf := collectionForum{ID: f.ID}
		cf.Title, _ = f.Title.In(rq.Lang)
		if rq.can(account.SubjectCollection, account.Create, hosts...) {
			cf.NewURL = officePrefix + "/collections/new?forum=" + itoa(f.ID)
		}
		byID[f.ID] = len(page.Forums)
		page.Forums = append(page.Forums, cf)
		ids = append(ids, f.ID)
	}
	if only != 0 && len(page.Forums) == 0 {
		return rq.must(account.SubjectCollection, account.View, 0)
	}
	cs, counts, err := works.ForumCollections(ctx, s.db, ids)
	if err != nil {
		return err
	}
	locs := map[int64]string{}
	for _, f := range forums {
		locs[f.ID] = f.TimeZone
	}
	for _, c := range cs {
		it := collectionItem{URL: officePrefix + "/collections/" + itoa(c.ID), Contributions: counts[c.ID]}
		it.Title, _ = c.Title.In(rq.Lang)
		for _, l := range c.Languages {
			it.Languages = append(it.Languages, rq.T.T("lang.name."+l))
		}
		if !c.Deadline.IsZero() {
			it.Deadline = zoned(rq, c.Deadline, locs[c.ForumID])
		}
		i := byID[c.ForumID]
		page.Forums[i].Collections = append(page.Forums[i].Collections, it)
	}
	return s.officeRender(w, rq, "collections", "collections", rq.T.T("works.collections.title"), page)
}
