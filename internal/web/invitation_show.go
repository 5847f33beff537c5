package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
)

// invitationPage is the form that accepts an invitation: a new account's
// name, password and language, or, when the address has an account, only
// its password.
type invitationPage struct {
	Form     *form
	Summary  *errorSummary
	Token    string
	Partner  string
	RoleName string
	Email    string
	// Existing is set when the address has an account already, TwoStep
	// when that account has two-step sign-in on and must give its code.
	Existing bool
	TwoStep  bool
	// SignedInAs is the address of another account signed in on this
	// browser, which accepting signs out.
	SignedInAs string
	Langs      []teamOption
}

// invitationShow answers GET /office/invitations/{token}: the invitation
// and its form, in the invitation's language unless the visitor chose
// another with ?lang=. A link that no longer works gets a page saying so.
func (s *Server) invitationShow(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	inv, err := s.accounts.InvitationByToken(ctx, rq.PathValue("token"))
	if errors.Is(err, account.ErrTokenInvalid) {
		return s.linkInvalid(w, rq)
	}
	if err != nil {
		return err
	}
	s.invitationLang(rq, inv)
	f := newForm(rq.T, url.Values{"name": {inv.Name}, "lang": {inv.Lang}})
	return s.renderInvitation(w, rq, http.StatusOK, inv, f)
}

// invitationLang sets the language of an invitation's pages: one chosen
// with ?lang= (kept for the session, so that the form's answer speaks it
// too), else, for a visitor who chose none before, the invitation's.
func (s *Server) invitationLang(rq *officeRequest, inv *account.Invitation) {
	if s.chooseLang(rq) || rq.Account != nil || s.sessions.GetString(rq.Context(), sessLang) != "" {
		return
	}
	s.sessions.Put(rq.Context(), sessLang, inv.Lang)
	rq.inLang(s, inv.Lang)
}

// renderInvitation writes the invitation page with form f.
func (s *Server) renderInvitation(w http.ResponseWriter, rq *officeRequest, status int, inv *account.Invitation, f *form) error {
	names, _, err := s.partnerNames(rq.Context(), rq.Lang)
	if err != nil {
		return err
	}
	holder, err := s.accounts.ByEmail(rq.Context(), inv.Email)
	if err != nil && !errors.Is(err, account.ErrNotFound) {
		return err
	}
	page := &invitationPage{Form: f, Summary: f.summary("name", "password", "code", "password2", "lang"), Token: rq.PathValue("token"),
		Partner: names[inv.PartnerID], RoleName: rq.T.T("office.role." + string(inv.Role)), Email: inv.Email, Existing: err == nil}
	if holder != nil {
		page.TwoStep = holder.TOTPEnabled
	}
	if rq.Account != nil && rq.Account.Email != inv.Email {
		page.SignedInAs = rq.Account.Email
	}
	for _, l := range i18n.Languages {
		page.Langs = append(page.Langs, teamOption{Value: l, Label: rq.T.T("lang.self." + l)})
	}
	return s.officeRenderStatus(w, rq, status, "invitation", "", rq.T.T("office.team.accept.title", page.Partner), page)
}
