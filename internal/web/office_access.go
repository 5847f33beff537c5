package web

import (
	"fmt"
	"slices"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/works"
)

// The office asks the one permission table (account.Permissions) through
// these methods. A thing belongs to partners (a forum to its hosts, a news
// post to its forum's hosts, a person to their partner); what an account
// may do with it follows from its roles at those partners.

// rolesAt returns the account's roles at any of partners, each once.
func (rq *officeRequest) rolesAt(partners []int64) []account.Role {
	var roles []account.Role
	for _, p := range partners {
		for _, r := range rq.Account.RolesAt(p) {
			if !slices.Contains(roles, r) {
				roles = append(roles, r)
			}
		}
	}
	return roles
}

// authorOnly reports whether the signed-in account is an author and
// nothing else (no other role, not an admin): it sees its own person and
// contributions, not the lists of the office.
func (rq *officeRequest) authorOnly() bool {
	a := rq.Account
	if a == nil || a.Admin {
		return false
	}
	roles := rq.rolesAt(a.Partners())
	return len(roles) > 0 && !slices.ContainsFunc(roles, func(r account.Role) bool { return r != account.Author })
}

// ownPerson returns nil when the signed-in account may see person id as
// the permission table says: an author-only account sees only the people
// it acts for (works.AccountPeople), any other is a not-found error.
func (s *Server) ownPerson(rq *officeRequest, id int64) error {
	if !rq.authorOnly() {
		return nil
	}
	mine, err := works.AccountPeople(rq.Context(), s.db, rq.Account.ID)
	if err != nil {
		return err
	}
	if !slices.Contains(mine, id) {
		return fmt.Errorf("person %d is not the author's own: %w", id, errkind.NotFound)
	}
	return nil
}

// can reports whether the signed-in account may do action to a subject of
// one of partners; with no partners given, whether it may at any of its
// own (the menus and lists ask that).
func (rq *officeRequest) can(subject account.Subject, action account.Action, partners ...int64) bool {
	a := rq.Account
	if a == nil {
		return false
	}
	if a.Admin {
		return true
	}
	if len(partners) == 0 {
		return account.Allowed(rq.rolesAt(a.Partners()), false, subject, action)
	}
	// An author's roles cover their own person and speeches only; which
	// those are comes with the Collected Works' contributions, so until
	// then an author is given nothing of a partner's.
	roles := slices.DeleteFunc(rq.rolesAt(partners), func(r account.Role) bool { return r == account.Author })
	return account.Allowed(roles, false, subject, action)
}

// must returns nil when the account may do action to a subject of one of
// partners. Otherwise it returns a not-found error when the account may not
// even see the thing, so that another partner's draft does not betray that
// it exists, and a forbidden error when it may see it but not do this.
// Without partners (a list, the form for a new thing: a part of the office
// whose existence is no secret) a refusal is forbidden.
func (rq *officeRequest) must(subject account.Subject, action account.Action, partners ...int64) error {
	if rq.can(subject, action, partners...) {
		return nil
	}
	if len(partners) == 0 || action != account.View && rq.can(subject, account.View, partners...) {
		return fmt.Errorf("%s %s: %w", action, subject, errkind.Forbidden)
	}
	return fmt.Errorf("%s %s: %w", action, subject, errkind.NotFound)
}

// actor is the signed-in account as the approval workflow knows it: who
// acts, and the partners for which it is an organiser, whose approval it
// gives.
func (rq *officeRequest) actor() approval.Actor {
	a := rq.Account
	act := approval.Actor{AccountID: a.ID, Name: a.Name, ClientAddr: clientAddr(rq.Request)}
	for _, m := range a.Memberships {
		if m.Role == account.Organiser && !slices.Contains(act.PartnerIDs, m.PartnerID) {
			act.PartnerIDs = append(act.PartnerIDs, m.PartnerID)
		}
	}
	return act
}

// officeMenu lists the sections of the office the account may see, in the
// order of the menu.
func officeMenu(a *account.Account) []string {
	rq := &officeRequest{Account: a}
	var out []string
	for _, e := range []struct {
		section string
		subject account.Subject
	}{
		{"forums", account.SubjectForum},
		{"collections", account.SubjectCollection},
		{"editions", account.SubjectEdition},
		{"news", account.SubjectNews},
		{"people", account.SubjectPerson},
		{"partners", account.SubjectPartner},
		{"media", account.SubjectMedia},
		{"memory", account.SubjectMemory},
		{"approvals", account.SubjectApproval},
		{"team", account.SubjectTeam},
		{"events", account.SubjectEventLog},
	} {
		// An author sees their own person from their contributions, not
		// the list of people.
		if e.section == "people" && rq.authorOnly() {
			continue
		}
		if rq.can(e.subject, account.View) {
			out = append(out, e.section)
		}
	}
	if a.Admin {
		out = append(out, "accounts", "outbox", "jobs")
	}
	return out
}
