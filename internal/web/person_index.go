package web

import (
	"fmt"
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
)

// personRow is a person as the office lists them.
type personRow struct {
	*forum.Person
	Name, Partner string
	State         listState
}

// personIndex answers GET /office/people: the people the account may see
// (its partners' and those of no partner; all for an admin), published or
// not, sorted by name the reader's way. An author has no list: they see
// their own person alone (personEdit).
func (s *Server) personIndex(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectPerson, account.View); err != nil {
		return err
	}
	if rq.authorOnly() {
		return fmt.Errorf("people list for an author: %w", errkind.NotFound)
	}
	ctx := rq.Context()
	people, err := s.forums.WithDrafts().People(ctx)
	if err != nil {
		return err
	}
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	drafts, err := approval.Drafts(ctx, s.db, approval.KindPerson)
	if err != nil {
		return err
	}
	short := map[int64]string{}
	for _, p := range partners {
		short[p.ID], _ = p.ShortName.In(rq.Lang)
	}
	var rows []personRow
	for _, live := range people {
		p, d := live, drafts[live.ID]
		if d != nil {
			p = d.Content.(*forum.Person)
		}
		if !rq.can(account.SubjectPerson, account.View, personPartners(p)...) {
			continue
		}
		n, l := p.Names.In(rq.Lang)
		row := personRow{Person: p, Name: n.Full(l), Partner: short[p.PartnerID], State: draftListState(rq.T, d, live.Published)}
		if p.PartnerID == 0 {
			row.Partner, _ = p.Affiliation.In(rq.Lang)
		}
		rows = append(rows, row)
	}
	i18nSortBy(rq.Lang, rows, func(r personRow) string {
		n, _ := r.Names.In(rq.Lang)
		return n.SortKey()
	})
	main := struct {
		Rows      []personRow
		CanCreate bool
	}{rows, rq.can(account.SubjectPerson, account.Create)}
	return s.officeRender(w, rq, "people", "people", rq.T.T("office.nav.people"), main)
}

// personPartners are the partners a person belongs to for permissions:
// their partner, or none (any partner's team) for a person of no partner.
func personPartners(p *forum.Person) []int64 {
	if p.PartnerID == 0 {
		return nil
	}
	return []int64{p.PartnerID}
}
