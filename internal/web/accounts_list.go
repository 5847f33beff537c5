package web

import (
	"net/http"
	"strings"
)

// accountRow is one account as the admins' list shows it.
type accountRow struct {
	ID          int64
	Email, Name string
	Memberships string // partner: role, …
	Admin       bool
	TOTP        bool
	Disabled    bool
	Created     string
	// Tokens is the number of the account's API tokens that work, and
	// AnyTokens whether it has had any, revoked ones included.
	Tokens    int
	AnyTokens bool
}

// accountsList answers GET /office/accounts (admins): every account with
// its memberships, whether it is an admin and has two-factor sign-in (with
// a link to turn it off for another account), how many API tokens it
// holds (with a link to review and revoke them), and when it was made.
func (s *Server) accountsList(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	names, _, err := s.partnerNames(ctx, rq.Lang)
	if err != nil {
		return err
	}
	accts, err := s.accounts.List(ctx)
	if err != nil {
		return err
	}
	tokens, err := s.accounts.AllAPITokens(ctx)
	if err != nil {
		return err
	}
	working, held := map[int64]int{}, map[int64]bool{}
	for _, t := range tokens {
		held[t.AccountID] = true
		if !t.Revoked() {
			working[t.AccountID]++
		}
	}
	rows := make([]accountRow, 0, len(accts))
	for _, a := range accts {
		var ms []string
		for _, m := range a.Memberships {
			ms = append(ms, rq.T.T("office.team.membership", names[m.PartnerID], rq.T.T("office.role."+string(m.Role))))
		}
		rows = append(rows, accountRow{ID: a.ID, Email: a.Email, Name: a.Name, Memberships: strings.Join(ms, rq.T.Comma()),
			Admin: a.Admin, TOTP: a.TOTPEnabled, Disabled: a.Disabled, Created: rq.T.DateShort(a.CreatedAt),
			Tokens: working[a.ID], AnyTokens: held[a.ID]})
	}
	return s.officeRender(w, rq, "accounts", "accounts", rq.T.T("office.nav.accounts"), rows)
}
