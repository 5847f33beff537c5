package web

import "net/http"

// resetPage is the form that asks for a password reset link, or, once
// sent, the page that says a link is on its way if the address has an
// account.
type resetPage struct {
	Form    *form
	Summary *errorSummary
	Sent    bool
}

// resetShow answers GET /office/reset: the form for the address to send a
// reset link to, in the language chosen with ?lang= or the visitor's own.
func (s *Server) resetShow(w http.ResponseWriter, rq *officeRequest) error {
	s.chooseLang(rq)
	return s.officeRender(w, rq, "reset", "", rq.T.T("office.team.reset.title"), &resetPage{Form: newForm(rq.T, nil)})
}
