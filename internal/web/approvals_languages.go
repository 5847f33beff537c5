package web

import (
	"slices"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionApprovers returns the partners, of those given, for which
// the signed-in account approves contributions' texts: those where it is
// an organiser, every one for an administrator (as loadWork's ApproveFor).
func contributionApprovers(rq *officeRequest, partners []int64) []int64 {
	var ids []int64
	for _, p := range partners {
		if rq.Account.Admin || slices.Contains(rq.Account.RolesAt(p), account.Organiser) {
			ids = append(ids, p)
		}
	}
	return ids
}

// awaitedLanguages lists the contribution languages, reviewed, that await
// the approval of one of partners (works.AwaitingHosts) as the approvals
// inbox and the dashboard show them: the title in the reader's language,
// the language, and a link to the languages' section of the manuscript
// page where the hosts approve; short names the partners.
func (s *Server) awaitedLanguages(rq *officeRequest, partners []int64, short map[int64]string) ([]dashboardItem, error) {
	ls, err := works.AwaitingHosts(rq.Context(), s.db, partners)
	if err != nil {
		return nil, err
	}
	var items []dashboardItem
	for _, l := range ls {
		title, _ := l.Title.In(rq.Lang)
		it := dashboardItem{Title: title, Kind: rq.T.T("works.kind.contribution"), Lang: exchangeLangName(rq, l.Lang),
			Link: manuscriptPath(l.ContributionID) + "#lang-" + l.Lang}
		for _, id := range l.Awaiting {
			it.Awaiting = append(it.Awaiting, short[id])
		}
		items = append(items, it)
	}
	return items, nil
}
