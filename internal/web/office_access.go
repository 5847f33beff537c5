package web

import (
	"fmt"
	"slices"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
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
		{"news", account.SubjectNews},
		{"people", account.SubjectPerson},
		{"partners", account.SubjectPartner},
		{"media", account.SubjectMedia},
		{"memory", account.SubjectMemory},
		{"approvals", account.SubjectApproval},
		{"team", account.SubjectTeam},
		{"events", account.SubjectEventLog},
	} {
		if rq.can(e.subject, account.View) {
			out = append(out, e.section)
		}
	}
	if a.Admin {
		out = append(out, "accounts", "outbox", "jobs")
	}
	return out
}
