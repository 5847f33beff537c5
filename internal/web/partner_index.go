package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
)

// partnerRow is a partner as the office lists it.
type partnerRow struct {
	*forum.Partner
	Name, ShortName string
	States          []langState
	State           listState
}

// partnerIndex answers GET /office/partners: the partners whose profile
// the account may see (all of them for an admin), published or not, with
// the state of each language of their name.
func (s *Server) partnerIndex(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectPartner, account.View); err != nil {
		return err
	}
	ctx := rq.Context()
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	drafts, err := approval.Drafts(ctx, s.db, approval.KindPartner)
	if err != nil {
		return err
	}
	var rows []partnerRow
	for _, live := range partners {
		p, d := live, drafts[live.ID]
		if d != nil {
			p = d.Content.(*forum.Partner)
		}
		if !rq.can(account.SubjectPartner, account.View, p.ID) {
			continue
		}
		name, _ := p.Name.In(rq.Lang)
		short, _ := p.ShortName.In(rq.Lang)
		rows = append(rows, partnerRow{Partner: p, Name: name, ShortName: short, States: langStates(rq.T, p.Name, contentLangs),
			State: draftListState(rq.T, d, live.Published)})
	}
	i18nSortBy(rq.Lang, rows, func(r partnerRow) string { return strings.ToLower(r.Name) })
	main := struct {
		Rows      []partnerRow
		CanCreate bool
	}{rows, rq.Account.Admin}
	return s.officeRender(w, rq, "partners", "partners", rq.T.T("office.nav.partners"), main)
}

// i18nSortBy sorts items by the key of each, in language l's collation.
func i18nSortBy[T any](l string, items []T, key func(T) string) {
	slices.SortStableFunc(items, func(a, b T) int { return i18n.Compare(l, key(a), key(b)) })
}
