package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/translate"
)

// termbaseEntryPage is the page of one termbase entry: its form for those
// who may edit the termbase, its terms for the others.
type termbaseEntryPage struct {
	Entry   *translate.Entry
	Terms   []termView
	Form    *entryForm
	CanEdit bool
	Delete  string
	Back    string
}

// termbaseEdit answers GET /office/forums/{id}/termbase/{entry}: the
// entry's form (or its terms, for a reader).
func (s *Server) termbaseEdit(w http.ResponseWriter, rq *officeRequest) error {
	fo, hosts, err := s.termbaseForum(rq, account.View)
	if err != nil {
		return err
	}
	e, err := s.termbaseEntry(rq, fo)
	if err != nil {
		return err
	}
	return s.renderTermbaseEntry(w, rq, http.StatusOK, fo, hosts, e, newForm(rq.T, entryValues(e)), "")
}

// termbaseEntry returns the entry of the route's {entry} in fo's
// termbase; another forum's entry is not found.
func (s *Server) termbaseEntry(rq *officeRequest, fo *forum.Forum) (*translate.Entry, error) {
	id, err := pathID(rq, "entry")
	if err != nil {
		return nil, err
	}
	return translate.GetEntry(rq.Context(), s.db, fo.ID, id)
}

// renderTermbaseEntry writes entry e's page with its form f and message, a
// refusal of the whole form ("" for none).
func (s *Server) renderTermbaseEntry(w http.ResponseWriter, rq *officeRequest, status int, fo *forum.Forum, hosts []int64, e *translate.Entry, f *form, message string) error {
	url := termbaseURL(fo.ID) + "/" + itoa(e.ID)
	pg := &termbaseEntryPage{Entry: e, Terms: termViews(rq, e.Terms), CanEdit: rq.can(account.SubjectTermbase, account.Edit, hosts...), Delete: url + "/delete", Back: termbaseURL(fo.ID)}
	if pg.CanEdit {
		pg.Form = newEntryForm(rq, f, url, rq.T.T("termbase.save"))
		pg.Form.Message = message
		if message != "" {
			pg.Form.Theirs = pg.Terms
		}
	}
	title, _ := fo.Title.In(rq.Lang)
	return s.officeRenderStatus(w, rq, status, "termbase_entry", "memory", rq.T.T("termbase.entry.title", title), pg)
}
