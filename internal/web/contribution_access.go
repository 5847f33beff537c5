package web

import (
	"context"
	"fmt"
	"slices"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/works"
)

// The Collected Works belong to their forum's hosts: what an account may
// do with a collection or a contribution follows from its roles at those
// partners (account.SubjectCollection, SubjectContribution). An author
// holds no such role that counts; they reach the contributions that name
// a person their account acts for (person_accounts), and edit those
// contributions' metadata while the text is not final.

// worksScope is a collection with its forum and the forum's hosts, which
// the permissions are asked about.
type worksScope struct {
	Collection *works.Collection
	Forum      *forum.Forum
	Hosts      []int64
}

// collectionScope reads collection id with its forum.
func (s *Server) collectionScope(ctx context.Context, id int64) (*worksScope, error) {
	c, err := works.GetCollection(ctx, s.db, id)
	if err != nil {
		return nil, err
	}
	f, err := s.forums.WithDrafts().ForumByID(ctx, c.ForumID)
	if err != nil {
		return nil, err
	}
	return &worksScope{Collection: c, Forum: f, Hosts: hostIDs(f.Hosts)}, nil
}

// contributionScope reads contribution id, its collection and forum, and
// the people the signed-in account acts for.
func (s *Server) contributionScope(ctx context.Context, rq *officeRequest, id int64) (*works.Contribution, *worksScope, []int64, error) {
	c, err := works.GetContribution(ctx, s.db, id)
	if err != nil {
		return nil, nil, nil, err
	}
	sc, err := s.collectionScope(ctx, c.CollectionID)
	if err != nil {
		return nil, nil, nil, err
	}
	people, err := works.AccountPeople(ctx, s.db, rq.Account.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	return c, sc, people, nil
}

// contributionCan reports whether the account may do action to
// contribution c of scope sc: by its roles at the forum's hosts, or as one
// of c's authors (people are those the account acts for), who edits
// nothing once the text is final.
func (rq *officeRequest) contributionCan(action account.Action, sc *worksScope, c *works.Contribution, people []int64) bool {
	if rq.can(account.SubjectContribution, action, sc.Hosts...) {
		return true
	}
	if !works.IsAuthor(people, c) || !account.Allowed([]account.Role{account.Author}, false, account.SubjectContribution, action) {
		return false
	}
	return action != account.Edit || !authorFrozen(c.State)
}

// authorFrozen reports whether a contribution in state st is past the point
// where its author may change its metadata: the text is final.
func authorFrozen(st works.State) bool { return st == works.TextFinal }

// contributionMust is must for a contribution: 404 to whoever may not see
// it (another author's, another forum's), 403 to whoever may see it but
// not do this.
func (rq *officeRequest) contributionMust(action account.Action, sc *worksScope, c *works.Contribution, people []int64) error {
	if rq.contributionCan(action, sc, c, people) {
		return nil
	}
	if action != account.View && rq.contributionCan(account.View, sc, c, people) {
		return fmt.Errorf("%s contribution %d: %w", action, c.ID, errkind.Forbidden)
	}
	return fmt.Errorf("%s contribution %d: %w", action, c.ID, errkind.NotFound)
}

// worksActor is the signed-in account as the event log of the works knows
// it, acting for the first of partners it is a member of.
func (rq *officeRequest) worksActor(partners []int64) works.Actor {
	a := works.Actor{AccountID: rq.Account.ID, Name: rq.Account.Name}
	for _, p := range partners {
		if slices.Contains(rq.Account.Partners(), p) {
			a.PartnerID = p
			break
		}
	}
	return a
}

// teamAccounts returns the enabled accounts with any of roles at each of
// partners, by partner, each once per partner, in the order of the roles.
func (s *Server) teamAccounts(ctx context.Context, partners []int64, roles ...account.Role) (map[int64][]*account.Account, error) {
	out := map[int64][]*account.Account{}
	for _, p := range partners {
		seen := map[int64]bool{}
		for _, r := range roles {
			as, err := account.WithRole(ctx, s.db, r, []int64{p})
			if err != nil {
				return nil, err
			}
			for _, a := range as {
				if !seen[a.ID] {
					seen[a.ID] = true
					out[p] = append(out[p], a)
				}
			}
		}
	}
	return out, nil
}
