package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/eventlog"
)

// eventsExport answers GET /office/events.jsonl (admins): the events the
// filter of the event log page selects (without its paging), oldest
// first, as JSON Lines, to download.
func (s *Server) eventsExport(w http.ResponseWriter, rq *officeRequest) error {
	f, filter := s.eventsFilter(rq.Context(), rq)
	if !f.ok() {
		return s.officeRenderStatus(w, rq, http.StatusUnprocessableEntity, "events", "events", rq.T.T("office.nav.events"),
			&eventsPage{Form: f, Summary: f.summary("subject", "actor")})
	}
	filter.Before = 0
	w.Header().Set("Content-Type", "application/jsonl; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="events.jsonl"`)
	return eventlog.ExportJSONL(rq.Context(), s.db, w, filter)
}
