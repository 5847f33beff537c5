package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/i18n"
)

// forumNew answers GET /office/forums/new: the form of a new forum, with
// every language of the site and the account's own partner as its first
// host.
func (s *Server) forumNew(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectForum, account.Create); err != nil {
		return err
	}
	values := url.Values{"languages": i18n.Languages}
	for _, id := range rq.Account.Partners() {
		if rq.can(account.SubjectForum, account.Create, id) {
			s := strconv.FormatInt(id, 10)
			values.Set("hosts", s)
			values.Set("hostpos."+s, "1")
			break
		}
	}
	return s.renderNewForum(w, rq, http.StatusOK, newForm(rq.T, values))
}

// renderNewForum shows the form of a new forum with status.
func (s *Server) renderNewForum(w http.ResponseWriter, rq *officeRequest, status int, fm *form) error {
	partners, err := s.forums.WithDrafts().Partners(rq.Context())
	if err != nil {
		return err
	}
	p := newForumPage(rq, fm, partners)
	p.Action = officePrefix + "/forums"
	p.CanEdit = true
	return s.officeRenderStatus(w, rq, status, "forum_form", "forums", rq.T.T("office.forum.new.title"), p)
}
