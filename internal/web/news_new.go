package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
)

// newsNew answers GET /office/news/new: the form of a new post.
func (s *Server) newsNew(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectNews, account.Create); err != nil {
		return err
	}
	forums, err := s.newsForums(rq.Context(), rq, 0)
	if err != nil {
		return err
	}
	return s.renderNews(w, rq, http.StatusOK, &newsPage{Form: newForm(rq.T, newNewsValues(rq.Lang)), New: true, Action: officePrefix + "/news/new"}, forums)
}
