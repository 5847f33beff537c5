package web

import (
	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionApprovers returns the partners, of those given, for which
// the signed-in account approves contributions' texts: those where it is
// an organiser (as loadWork's ApproveFor); an administrator without a role
// at a partner approves nothing for it.
func contributionApprovers(rq *officeRequest, partners []int64) []int64 {
	var ids []int64
	for _, p := range partners {
		if approvesContributionsFor(rq, p) {
			ids = append(ids, p)
		}
	}
	return ids
}

// approvesContributionsFor reports whether the signed-in account approves
// contributions' texts for host partner h: an organiser of h.
func approvesContributionsFor(rq *officeRequest, h int64) bool {
	return account.Allowed(rq.Account.RolesAt(h), false, account.SubjectContribution, account.Approve)
}

// nameApprovers names the accounts of approvals for the reader
// (works.AccountNames): as the person each acts for, in the reader's
// language.
func (s *Server) nameApprovers(rq *officeRequest, approvals []works.Approval) error {
	typed := map[int64]string{}
	for _, a := range approvals {
		typed[a.AccountID] = a.AccountName
	}
	names, err := works.AccountNames(rq.Context(), s.db, rq.Lang, typed)
	if err != nil {
		return err
	}
	for i := range approvals {
		approvals[i].AccountName = names[approvals[i].AccountID]
	}
	return nil
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
		it := dashboardItem{Title: title, Kind: rq.T.T("works.kind.contribution"), Part: exchangeLangName(rq, l.Lang),
			Link: manuscriptPath(l.ContributionID) + "#lang-" + l.Lang}
		for _, id := range l.Awaiting {
			it.Awaiting = append(it.Awaiting, short[id])
		}
		items = append(items, it)
	}
	return items, nil
}
