package web

import "net/http"

// signinPage is the sign-in form: the message of the last attempt and what
// was typed (never the password).
type signinPage struct {
	Form    *form
	Next    string
	Message string
}

// signinShow answers GET /office/signin: the sign-in form, in the language
// the visitor chose with ?lang= (kept for the session) or else their own. A
// signed-in account goes on to where it was going.
func (s *Server) signinShow(w http.ResponseWriter, rq *officeRequest) error {
	next := safeNext(rq.URL.Query().Get("next"))
	if rq.Account != nil {
		return seeOther(w, rq.Request, next)
	}
	s.chooseLang(rq)
	return s.officeRender(w, rq, "signin", "", rq.T.T("office.signin.title"),
		&signinPage{Form: newForm(rq.T, nil), Next: next})
}
