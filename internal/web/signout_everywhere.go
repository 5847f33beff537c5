package web

import "net/http"

// signoutEverywhere answers POST /office/account/signout-everywhere: every
// login session of the account ends, on every browser, this one included.
func (s *Server) signoutEverywhere(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	epoch, err := s.accounts.EndSessions(ctx, rq.Account.ID)
	if err != nil {
		return err
	}
	if err := appendEvent(ctx, s.db, rq.Account, "account.signout_everywhere", accountSubject(rq.Account.ID), clientAddr(rq.Request),
		nil, map[string]int64{"session_epoch": epoch}); err != nil {
		return err
	}
	if err := s.sessions.Destroy(ctx); err != nil {
		return err
	}
	s.flash(ctx, "office.team.signedout")
	return seeOther(w, rq.Request, officePrefix+"/signin")
}
