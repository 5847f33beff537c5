package web

import (
	"net/http"
	"slices"
)

// outboxRow is one message of the outbox as its list shows it.
type outboxRow struct {
	Name, To, Subject, When string
}

// outboxPage is the outbox: where mail goes when there is no SMTP server.
type outboxPage struct {
	// Configured is false when the server has no outbox (mail goes
	// through SMTP).
	Configured bool
	Messages   []outboxRow
}

// outboxList answers GET /office/outbox (admins): the messages of the
// outbox, newest first.
func (s *Server) outboxList(w http.ResponseWriter, rq *officeRequest) error {
	page := &outboxPage{Configured: s.outbox != nil}
	if s.outbox != nil {
		entries, err := s.outbox.List()
		if err != nil {
			return err
		}
		slices.Reverse(entries)
		for _, e := range entries {
			page.Messages = append(page.Messages, outboxRow{Name: e.Name, To: e.To, Subject: e.Subject,
				When: rq.T.T("office.team.events.when", rq.T.DateShort(e.Date), rq.T.Time(e.Date))})
		}
	}
	return s.officeRender(w, rq, "outbox", "outbox", rq.T.T("office.nav.outbox"), page)
}
