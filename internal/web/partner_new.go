package web

import (
	"net/http"
	"net/url"

	"github.com/tandemforum/tandem/internal/account"
)

// partnerNew answers GET /office/partners/new: the form of a new partner,
// for admins.
func (s *Server) partnerNew(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectPartner, account.Create); err != nil {
		return err
	}
	v := url.Values{"version": {"0"}}
	for _, fld := range []string{"name", "short_name", "description"} {
		v.Set(fld+".src", rq.Lang)
	}
	f := newForm(rq.T, v)
	return s.renderPartner(w, rq, http.StatusOK, &partnerPage{Form: f, New: true, Action: officePrefix + "/partners/new"})
}
