package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/i18n"
)

// teamPage is the teams of the partners the account may see the team of:
// each with its members, open and expired invitations, and the form to
// invite.
type teamPage struct {
	// Refusal is the message of a change the team's rules refused
	// (removing its last organiser), or empty.
	Refusal string
	Teams   []teamView
	// Form is the invitation form; InviteTo are the partners it may
	// invite to (empty: no form).
	Form     *form
	Summary  *errorSummary
	InviteTo []teamOption
	Roles    []teamOption
	Langs    []teamOption
}

type teamOption struct{ Value, Label string }

type teamView struct {
	PartnerID   int64
	Name        string
	Manage      bool // may remove members and resend or revoke invitations
	Members     []teamMember
	Invitations []teamInvitation
	// Events are the latest changes to the team.
	Events []*eventlog.Event
}

// teamMember is one account in a team, with its roles there.
type teamMember struct {
	AccountID       int64
	Name, Email     string
	Roles           []teamOption // Value the role, Label its name
	Admin, Disabled bool
}

type teamInvitation struct {
	ID          int64
	Name, Email string
	RoleName    string
	LangName    string
	Expires     string
	// Expired is set for an invitation whose link no longer works but
	// which may be resent with a new one.
	Expired bool
}

// teamShow answers GET /office/team: the teams of the account's partners
// whose team it may view (an admin: every partner's). The invitation form
// starts at the least privileged role, reviewer (it only views, so an
// invitation sent without a second look grants nothing that changes
// content), and at the inviter's office language.
func (s *Server) teamShow(w http.ResponseWriter, rq *officeRequest) error {
	defaults := url.Values{"role": {string(account.Reviewer)}, "lang": {rq.Lang}}
	return s.renderTeam(w, rq, http.StatusOK, newForm(rq.T, defaults))
}

// renderTeam writes the team page with the invitation form f, with status
// 422 when f comes back with errors.
func (s *Server) renderTeam(w http.ResponseWriter, rq *officeRequest, status int, f *form) error {
	return s.renderTeamPage(w, rq, status, f, "")
}

// renderTeamPage writes the team page with the invitation form f and the
// message of a refused change (or "").
func (s *Server) renderTeamPage(w http.ResponseWriter, rq *officeRequest, status int, f *form, refusal string) error {
	ctx := rq.Context()
	names, partners, err := s.partnerNames(ctx, rq.Lang)
	if err != nil {
		return err
	}
	var ids []int64
	for _, p := range partners {
		if rq.can(account.SubjectTeam, account.View, p.ID) && (rq.Account.Admin || slices.Contains(rq.Account.Partners(), p.ID)) {
			ids = append(ids, p.ID)
		}
	}
	if len(ids) == 0 {
		if len(rq.Account.Partners()) > 0 {
			return errkind.Forbidden
		}
		return errkind.NotFound
	}
	accts, err := s.accounts.List(ctx)
	if err != nil {
		return err
	}
	page := &teamPage{Refusal: refusal, Form: f, Summary: f.summary("partner", "email", "name", "role", "lang")}
	now := s.now()
	for _, id := range ids {
		tv := teamView{PartnerID: id, Name: names[id], Manage: rq.can(account.SubjectTeam, account.Manage, id)}
		for _, a := range accts {
			roles := a.RolesAt(id)
			if len(roles) == 0 {
				continue
			}
			m := teamMember{AccountID: a.ID, Name: a.Name, Email: a.Email, Admin: a.Admin, Disabled: a.Disabled}
			for _, r := range roles {
				m.Roles = append(m.Roles, teamOption{Value: string(r), Label: rq.T.T("office.role." + string(r))})
			}
			tv.Members = append(tv.Members, m)
		}
		invs, err := s.accounts.ListInvitations(ctx, id)
		if err != nil {
			return err
		}
		// Open invitations, and expired ones not superseded by a newer
		// invitation of the address (the list is newest first), to resend.
		seen := map[string]bool{}
		for _, inv := range invs {
			expired := inv.AcceptedAt.IsZero() && inv.RevokedAt.IsZero() && !inv.Open(now)
			if (inv.Open(now) || expired) && !seen[inv.Email] {
				tv.Invitations = append(tv.Invitations, teamInvitation{ID: inv.ID, Name: inv.Name, Email: inv.Email,
					RoleName: rq.T.T("office.role." + string(inv.Role)), LangName: rq.T.T("lang.self." + inv.Lang),
					Expires: rq.T.DateShort(inv.ExpiresAt), Expired: expired})
			}
			seen[inv.Email] = true
		}
		if tv.Events, err = s.eventsOf(ctx, teamSubject(id), 10); err != nil {
			return err
		}
		page.Teams = append(page.Teams, tv)
		if rq.can(account.SubjectTeam, account.Invite, id) {
			page.InviteTo = append(page.InviteTo, teamOption{Value: strconv.FormatInt(id, 10), Label: names[id]})
		}
	}
	for _, r := range account.Roles {
		page.Roles = append(page.Roles, teamOption{Value: string(r), Label: rq.T.T("office.role." + string(r))})
	}
	for _, l := range i18n.Languages {
		page.Langs = append(page.Langs, teamOption{Value: l, Label: rq.T.T("lang.self." + l)})
	}
	return s.officeRenderStatus(w, rq, status, "team", "team", rq.T.T("office.nav.team"), page)
}
