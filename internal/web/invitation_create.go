package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/store"
)

// invitationCreate answers POST /office/team/invitations: an organiser of
// the partner (or an admin) invites an address into the partner's team
// with a role; the invitation's link goes by mail in the invitation's
// language. Another partner's team is 404, a role that may not invite
// 403.
func (s *Server) invitationCreate(w http.ResponseWriter, rq *officeRequest) error {
	// Only who may invite to a team of theirs gets as far as the form.
	if err := rq.must(account.SubjectTeam, account.Invite); err != nil {
		return err
	}
	if err := rq.ParseForm(); err != nil {
		return badRequest("invitation form: %v", err)
	}
	pid, err := strconv.ParseInt(rq.PostForm.Get("partner"), 10, 64)
	if err != nil || pid <= 0 {
		return badRequest("invitation form: partner %q", rq.PostForm.Get("partner"))
	}
	if err := rq.teamMust(account.Invite, pid); err != nil {
		return err
	}
	f := newForm(rq.T, rq.PostForm)
	email := f.text("email", true, 254)
	name := f.text("name", true, 200)
	roles := make([]string, len(account.Roles))
	for i, r := range account.Roles {
		roles[i] = string(r)
	}
	role := f.choice("role", true, roles...)
	lang := f.choice("lang", true, i18n.Languages...)
	if !f.ok() {
		return s.renderTeam(w, rq, http.StatusUnprocessableEntity, f)
	}
	ctx := rq.Context()
	inv, token, err := s.accounts.Invite(ctx, rq.Account, pid, email, name, account.Role(role), lang)
	if err != nil {
		field := "email"
		switch {
		case errors.Is(err, account.ErrForbidden), errors.Is(err, account.ErrNotFound):
			return err
		case errors.Is(err, account.ErrInvalidName):
			field = "name"
		case errors.Is(err, account.ErrInvalidRole):
			field = "role"
		case errors.Is(err, account.ErrInvalidLang):
			field = "lang"
		}
		if !failAccount(f, field, err) {
			return err
		}
		return s.renderTeam(w, rq, http.StatusUnprocessableEntity, f)
	}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		if err := s.sendInvitation(rq, tx, inv, token); err != nil {
			return err
		}
		return teamEvent(ctx, tx, rq.Account, "team.invite", pid, clientAddr(rq.Request), nil, invitationState(inv))
	})
	if err != nil {
		return err
	}
	s.flash(ctx, "office.team.invited")
	return seeOther(w, rq.Request, officePrefix+"/team")
}

// sendInvitation queues the mail of an invitation with its link, in the
// invitation's language, signed with the inviter's name.
func (s *Server) sendInvitation(rq *officeRequest, tx *store.Tx, inv *account.Invitation, token string) error {
	names, _, err := s.partnerNames(rq.Context(), inv.Lang)
	if err != nil {
		return err
	}
	role := s.catalog.Printer(inv.Lang).T("office.role." + string(inv.Role))
	return s.sendLetter(rq.Context(), tx, accountLetter{
		to: mail.Address{Name: inv.Name, Email: inv.Email}, lang: inv.Lang,
		subject: "office.team.mail.invite.subject", subjectArgs: []any{names[inv.PartnerID]},
		body: []string{"office.team.mail.invite.body", "office.team.mail.invite.expires"},
		bodyArgs: [][]any{{rq.Account.Name, names[inv.PartnerID], role},
			{s.catalog.Printer(inv.Lang).Date(inv.ExpiresAt)}},
		link: officePrefix + "/invitations/" + token + "?lang=" + url.QueryEscape(inv.Lang),
	})
}

// invitationState is what the event log keeps of an invitation: never
// its token.
func invitationState(inv *account.Invitation) map[string]any {
	return map[string]any{"invitation": inv.ID, "email": inv.Email, "name": inv.Name, "role": inv.Role, "lang": inv.Lang,
		"expires_at": inv.ExpiresAt}
}
