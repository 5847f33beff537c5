package web

import (
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
)

// accountPage is the signed-in account's own page: its profile form, its
// memberships, the password form, two-factor sign-in and signing out
// everywhere.
type accountPage struct {
	Profile        *form
	ProfileSummary *errorSummary
	Password       *form
	PassSummary    *errorSummary
	Memberships    []accountMembership
	Langs          []teamOption
	// Recovery is the form that makes new recovery codes, and
	// RecoveryLeft the number of unused ones, with two-step sign-in on.
	Recovery        *form
	RecoverySummary *errorSummary
	RecoveryLeft    int
	// Tokens are the account's API tokens; TokenForm names a new one and
	// NewToken is the one just made, shown this once.
	Tokens       []*account.APIToken
	TokenForm    *form
	TokenSummary *errorSummary
	NewToken     string
}

type accountMembership struct{ Partner, RoleName string }

// accountShow answers GET /office/account.
func (s *Server) accountShow(w http.ResponseWriter, rq *officeRequest) error {
	a := rq.Account
	return s.renderAccount(w, rq, http.StatusOK, newForm(rq.T, url.Values{"name": {a.Name}, "lang": {a.Lang}}), newForm(rq.T, nil))
}

// renderAccount writes the account page with its profile and password
// forms, status 422 (or 429) when one comes back with errors.
func (s *Server) renderAccount(w http.ResponseWriter, rq *officeRequest, status int, profile, password *form) error {
	return s.renderAccountForms(w, rq, status, profile, password, newForm(rq.T, nil))
}

// renderAccountForms is renderAccount with the form that makes new
// recovery codes too.
func (s *Server) renderAccountForms(w http.ResponseWriter, rq *officeRequest, status int, profile, password, recovery *form) error {
	return s.renderAccountPage(w, rq, status, profile, password, recovery, newForm(rq.T, nil), "")
}

// renderAccountPage is renderAccountForms with the API token form and the
// token just made, if any.
func (s *Server) renderAccountPage(w http.ResponseWriter, rq *officeRequest, status int, profile, password, recovery, token *form, newToken string) error {
	names, _, err := s.partnerNames(rq.Context(), rq.Lang)
	if err != nil {
		return err
	}
	page := &accountPage{Profile: profile, ProfileSummary: profile.summary("name", "lang"),
		Password: password, PassSummary: password.summary("current", "password", "password2"),
		Recovery: recovery, RecoverySummary: recovery.summary("recovery-password"),
		TokenForm: token, TokenSummary: token.summary("token-name"), NewToken: newToken}
	if page.Tokens, err = s.accounts.APITokens(rq.Context(), rq.Account.ID); err != nil {
		return err
	}
	if rq.Account.TOTPEnabled {
		if page.RecoveryLeft, err = s.accounts.RecoveryCodesLeft(rq.Context(), rq.Account.ID); err != nil {
			return err
		}
	}
	for _, m := range rq.Account.Memberships {
		page.Memberships = append(page.Memberships, accountMembership{Partner: names[m.PartnerID], RoleName: rq.T.T("office.role." + string(m.Role))})
	}
	for _, l := range i18n.Languages {
		page.Langs = append(page.Langs, teamOption{Value: l, Label: rq.T.T("lang.self." + l)})
	}
	return s.officeRenderStatus(w, rq, status, "account", "account", rq.T.T("office.team.account.title"), page)
}
