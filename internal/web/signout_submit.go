package web

import "net/http"

// signoutSubmit answers POST /office/signout: the login session ends on the
// server, so its cookie is worth nothing even if copied, and the visitor
// lands on the sign-in form.
func (s *Server) signoutSubmit(w http.ResponseWriter, rq *officeRequest) error {
	if rq.Account != nil {
		if err := s.logEvent(rq.Context(), rq.Account, "signout", accountSubject(rq.Account.ID), clientAddr(rq.Request)); err != nil {
			return err
		}
	}
	if err := s.sessions.Destroy(rq.Context()); err != nil {
		return err
	}
	return seeOther(w, rq.Request, officePrefix+"/signin")
}
