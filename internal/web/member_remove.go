package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
)

// memberRemove answers POST /office/team/members/remove: an organiser of
// the partner (or an admin) takes a role in the partner's team away from
// an account (fields account, partner, role). The account keeps its other
// roles; what it may do changes with its next request. A refusal of the
// team's rules (its last organiser, errkind.Conflict) comes back as a
// message on the team page. An account that took away its own last way
// to see that team goes to the dashboard.
func (s *Server) memberRemove(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.ParseForm(); err != nil {
		return badRequest("remove member form: %v", err)
	}
	pid, err1 := strconv.ParseInt(rq.PostForm.Get("partner"), 10, 64)
	aid, err2 := strconv.ParseInt(rq.PostForm.Get("account"), 10, 64)
	role, err3 := account.ParseRole(rq.PostForm.Get("role"))
	if err1 != nil || err2 != nil || err3 != nil || pid <= 0 || aid <= 0 {
		return badRequest("remove member form: partner %q, account %q, role %q",
			rq.PostForm.Get("partner"), rq.PostForm.Get("account"), rq.PostForm.Get("role"))
	}
	if err := rq.teamMust(account.Manage, pid); err != nil {
		return err
	}
	ctx := rq.Context()
	if err := s.accounts.RemoveMember(ctx, rq.Account, aid, pid, role); err != nil {
		if msg, ok := account.Message(rq.T, err); ok && errors.Is(err, errkind.Conflict) {
			return s.renderTeamPage(w, rq, http.StatusConflict, newForm(rq.T, nil), msg)
		}
		return err
	}
	before := map[string]any{"account": aid, "role": role}
	if a, err := s.accounts.ByID(ctx, aid); err == nil {
		before["name"], before["email"] = a.Name, a.Email
	}
	if err := teamEvent(ctx, s.db, rq.Account, "team.remove", pid, clientAddr(rq.Request), before, nil); err != nil {
		return err
	}
	s.flash(ctx, "office.team.removed")
	if aid == rq.Account.ID {
		me, err := s.accounts.ByID(ctx, aid)
		if err != nil {
			return err
		}
		if !account.Allowed(me.RolesAt(pid), me.Admin, account.SubjectTeam, account.View) {
			return seeOther(w, rq.Request, officePrefix+"/")
		}
	}
	return seeOther(w, rq.Request, officePrefix+"/team")
}
