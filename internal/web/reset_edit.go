package web

import (
	"net/http"
)

// resetTokenPage is the form that sets a new password with a reset link.
type resetTokenPage struct {
	Form    *form
	Summary *errorSummary
	Token   string
}

// resetEdit answers GET /office/reset/{token}: the form for the new
// password, typed twice, in the language of the link (the mail gives the
// account's with ?lang=, which the session keeps for the form's answer).
// A link unknown, used or expired gets, at once, the page that says so
// (410); sending the form checks again, and spends the link.
func (s *Server) resetEdit(w http.ResponseWriter, rq *officeRequest) error {
	s.chooseLang(rq)
	ok, err := s.accounts.ResetTokenValid(rq.Context(), rq.PathValue("token"))
	if err != nil {
		return err
	}
	if !ok {
		return s.linkInvalid(w, rq)
	}
	return s.officeRender(w, rq, "reset_password", "", rq.T.T("office.team.reset.new.title"),
		&resetTokenPage{Form: newForm(rq.T, nil), Token: rq.PathValue("token")})
}
