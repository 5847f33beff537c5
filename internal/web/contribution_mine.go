package web

import (
	"github.com/tandemforum/tandem/internal/works"
)

// myContribution is one of the account's own contributions on its
// dashboard.
type myContribution struct {
	URL, Title, Collection string
	State, StateKey        string
	Deadline               string
	// Returned is the editor's message when the text was returned to
	// the author, ReturnedBy who returned it and when, in words.
	Returned, ReturnedBy string
}

// myContributions lists the contributions that name a person the account
// acts for (an author's), with their state and their collection's
// deadline in its forum's zone.
func (s *Server) myContributions(rq *officeRequest) ([]myContribution, error) {
	ctx := rq.Context()
	cs, err := works.Authored(ctx, s.db, rq.Account.ID)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	scopes := map[int64]*worksScope{}
	var out []myContribution
	for _, c := range cs {
		sc := scopes[c.CollectionID]
		if sc == nil {
			if sc, err = s.collectionScope(ctx, c.CollectionID); err != nil {
				return nil, err
			}
			scopes[c.CollectionID] = sc
		}
		m := myContribution{URL: contributionPath(c.ID), Title: contributionTitle(rq, c)}
		m.State, m.StateKey = contributionState(rq, c)
		m.Collection, _ = sc.Collection.Title.In(rq.Lang)
		if c.Returned != "" {
			m.Returned, m.ReturnedBy = c.Returned, rq.T.T("works.returned.by", c.ReturnedBy, rq.T.Date(c.ReturnedAt))
			m.URL = manuscriptPath(c.ID)
		}
		if !sc.Collection.Deadline.IsZero() {
			m.Deadline = zoned(rq, sc.Collection.Deadline, sc.Forum.TimeZone)
		}
		out = append(out, m)
	}
	return out, nil
}
