package web

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/works"
)

// contributionShowPage is a contribution's page.
type contributionShowPage struct {
	ID              int64
	Title           string
	Collection      string
	CollectionURL   string
	EditURL         string
	Lang            string
	State, StateKey string
	Texts           []contributionText
	Authors         []string
	Staff           []staffLine
	Langs           []langCell
	Invite          *inviteForm
	Invitations     []invitationRow
	History         *historyView
	// ManuscriptURL is the page of the manuscript, its workflow and the
	// hosts' approvals.
	ManuscriptURL string
}

// contributionText is the title, abstract and keywords in one language,
// the keywords joined as that language writes a list.
type contributionText struct {
	Lang, LangName, Title, Abstract string
	Keywords                        string
	Original                        bool
}

type staffLine struct {
	LangName, Translators, Reviewers string
}

// inviteForm is the form that invites an author, kept with what was typed
// when it comes back with errors.
type inviteForm struct {
	Form    *form
	Summary *errorSummary
	Action  string
	Person  selectField
	Email   inputField
	Lang    selectField
}

// invitationRow is one invitation on a contribution's page.
type invitationRow struct {
	ID                   int64
	Person, Email, Lang  string
	State, StateKey      string
	When                 string
	Reason               string
	ResendURL, RevokeURL string
}

// contributionShow answers GET /office/contributions/{id}: the
// contribution's metadata, authors, staff, state and languages' states,
// its invitations and the form that invites an author (for who may
// invite), and its history. Another author's contribution, or another
// forum's, is 404.
func (s *Server) contributionShow(w http.ResponseWriter, rq *officeRequest) error {
	return s.renderContributionShow(w, rq, http.StatusOK, nil)
}

// renderContributionShow writes the contribution page with status; invite
// is the invitation form as sent, or nil for a blank one.
func (s *Server) renderContributionShow(w http.ResponseWriter, rq *officeRequest, status int, invite *form) error {
	id, err := idParam(rq)
	if err != nil {
		return err
	}
	ctx := rq.Context()
	c, sc, mine, err := s.contributionScope(ctx, rq, id)
	if err != nil {
		return err
	}
	if err := rq.contributionMust(account.View, sc, c, mine); err != nil {
		return err
	}
	t := rq.T
	pg := &contributionShowPage{ID: id, Title: contributionTitle(rq, c), Lang: t.T("lang.name." + c.Lang)}
	pg.State, pg.StateKey = contributionState(rq, c)
	pg.Collection, _ = sc.Collection.Title.In(rq.Lang)
	if rq.can(account.SubjectCollection, account.View, sc.Hosts...) {
		pg.CollectionURL = officePrefix + "/collections/" + itoa(sc.Collection.ID)
	}
	pg.ManuscriptURL = manuscriptPath(id)
	if rq.contributionCan(account.Edit, sc, c, mine) {
		pg.EditURL = officePrefix + "/contributions/" + itoa(id) + "/edit"
	}
	for _, l := range contributionLangs(sc.Collection.Languages, c) {
		tx := contributionText{Lang: l, LangName: t.T("lang.name." + l), Title: c.Title.Values[l], Abstract: c.Abstract.Values[l],
			Keywords: joinKeywords(l, c.Keywords[l]), Original: l == c.Lang}
		pg.Texts = append(pg.Texts, tx)
		cell := langCell{Lang: l, Name: t.T("lang.name." + l), StateKey: "none", State: t.T("works.lang.none")}
		if st, ok := c.LangState(l); ok {
			cell.StateKey, cell.State = string(st), t.T("works.lang."+string(st))
		} else if l == c.Lang {
			// The original is written, not translated: before its text
			// is final it has no state of its own.
			cell.StateKey, cell.State = "original", t.T("manuscript.original")
		}
		pg.Langs = append(pg.Langs, cell)
		if l == c.Lang {
			continue
		}
		var tr, rv []string
		for _, st := range c.Staff {
			if st.Lang != l {
				continue
			}
			if st.Role == works.RoleTranslator {
				tr = append(tr, st.AccountName)
			} else {
				rv = append(rv, st.AccountName)
			}
		}
		pg.Staff = append(pg.Staff, staffLine{LangName: t.T("lang.name." + l), Translators: orDash(t.List(tr)), Reviewers: orDash(t.List(rv))})
	}
	names := map[int64]string{}
	for _, a := range c.Authors {
		names[a.PersonID] = personName(a.Names, rq.Lang).Value
		pg.Authors = append(pg.Authors, names[a.PersonID])
	}
	if rq.contributionCan(account.Invite, sc, c, mine) {
		invs, err := works.Invitations(ctx, s.db, id)
		if err != nil {
			return err
		}
		for _, inv := range invs {
			r := invitationRow{ID: inv.ID, Person: names[inv.PersonID], Email: inv.Email, Lang: t.T("lang.self." + inv.Lang),
				State: t.T("works.invitation.state." + string(inv.State)), StateKey: string(inv.State), Reason: inv.Reason}
			r.When = zoned(rq, inv.CreatedAt, sc.Forum.TimeZone)
			if !inv.AnsweredAt.IsZero() {
				r.When = zoned(rq, inv.AnsweredAt, sc.Forum.TimeZone)
			}
			if inv.State == works.Pending {
				base := officePrefix + "/contributions/" + itoa(id) + "/invitations/" + itoa(inv.ID)
				r.ResendURL, r.RevokeURL = base+"/resend", base+"/revoke"
			}
			pg.Invitations = append(pg.Invitations, r)
		}
		if len(c.Authors) > 0 {
			pg.Invite = s.inviteFormOf(rq, c, invite)
		}
	}
	if pg.History, err = s.history(rq, works.ContributionSubject(id)); err != nil {
		return err
	}
	return s.officeRenderStatus(w, rq, status, "contribution", "collections", pg.Title, pg)
}

// inviteFormOf returns the invitation form of contribution c: f as sent,
// or a blank one that invites its first author in the language of their
// name.
func (s *Server) inviteFormOf(rq *officeRequest, c *works.Contribution, f *form) *inviteForm {
	t := rq.T
	if f == nil {
		v := url.Values{"person": {itoa(c.Authors[0].PersonID)}, "lang": {rq.Lang}}
		if l := c.Authors[0].Names.Source; slices.Contains(i18n.Languages, l) {
			v.Set("lang", l)
		}
		f = newForm(t, v)
	}
	in := &inviteForm{Form: f, Summary: f.summary("person", "email", "lang"), Action: officePrefix + "/contributions/" + itoa(c.ID) + "/invitations"}
	in.Person = selectField{Name: "person", Label: t.T("works.invite.person"), Chosen: f.values.Get("person"), Errors: f.errors["person"]}
	for _, a := range c.Authors {
		in.Person.Options = append(in.Person.Options, selectOption{itoa(a.PersonID), personName(a.Names, rq.Lang).Value})
	}
	in.Email = f.input("email", t.T("works.invite.email"), "", "email", true, 254)
	in.Lang = selectField{Name: "lang", Label: t.T("works.invite.lang"), Hint: t.T("works.invite.langhint"), Chosen: f.values.Get("lang"), Errors: f.errors["lang"]}
	for _, l := range i18n.Languages {
		in.Lang.Options = append(in.Lang.Options, selectOption{l, t.T("lang.self." + l)})
	}
	return in
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
