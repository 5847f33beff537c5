package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionEdit answers GET /office/contributions/{id}/edit: the form
// of a contribution, for its hosts' organisers and editors, and, with
// its texts alone, for its authors until the text is final.
func (s *Server) contributionEdit(w http.ResponseWriter, rq *officeRequest) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	c, sc, mine, err := s.contributionScope(ctx, rq, id)
	if err != nil {
		return err
	}
	if err := rq.contributionMust(account.Edit, sc, c, mine); err != nil {
		return err
	}
	pg := &contributionPage{Form: newForm(rq.T, contributionValues(c)), Action: officePrefix + "/contributions/" + itoa(id) + "/edit",
		Back: officePrefix + "/contributions/" + itoa(id), MetadataOnly: !rq.can(account.SubjectContribution, account.Edit, sc.Hosts...),
		LangFixed: c.DocumentID != 0, Langs: contributionLangs(sc.Collection.Languages, c)}
	byID, people, err := s.authorChoices(ctx, rq)
	if err != nil {
		return err
	}
	// Authors the list would not offer the account (another partner's
	// unpublished person) stay offered on their own contribution.
	for _, a := range c.Authors {
		if byID[a.PersonID] == nil {
			if p, err := s.forums.WithDrafts().PersonByID(ctx, a.PersonID); err == nil {
				people = append(people, p)
			}
		}
	}
	candidates, err := s.staffCandidates(ctx, sc.Hosts)
	if err != nil {
		return err
	}
	if pg.History, err = s.history(rq, works.ContributionSubject(id)); err != nil {
		return err
	}
	return s.renderContribution(w, rq, http.StatusOK, pg, sc, people, candidates)
}
