package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/eventlog"
)

// eventsPageSize is how many events a page of the event log shows.
const eventsPageSize = 50

// eventsPage is a page of the event log with its filter.
type eventsPage struct {
	Form    *form
	Summary *errorSummary
	Rows    []eventRow
	// Older is the address of the next page back, or empty.
	Older string
	// Export is the address of the same filter as JSON Lines, for admins.
	Export string
}

// subjectPattern is how a subject is written: kind:id.
var subjectPattern = regexp.MustCompile(`^[a-z_]{1,32}:[0-9]{1,18}$`)

// eventsList answers GET /office/events: the event log, newest first,
// filtered by subject (?subject=forum:3) and by actor (?actor= an account
// id or e-mail address), a page at a time (?before= the last id shown).
//
// Who sees what: an admin sees every event. An organiser or reviewer sees
// the events about the things of the partners where they have that role:
// the partner itself and its team, the forums it hosts and their
// programmes, the news posts of those forums, the people of the partner
// and the accounts of its team (their sign-ins, passwords, profiles).
// Everything else (another partner's things, news of no forum, events
// with no subject) is for admins only.
func (s *Server) eventsList(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectEventLog, account.View); err != nil {
		return err
	}
	ctx := rq.Context()
	f, filter := s.eventsFilter(ctx, rq)
	page := &eventsPage{Form: f}
	status := http.StatusOK
	if !f.ok() {
		page.Summary = f.summary("subject", "actor")
		status = http.StatusUnprocessableEntity
	} else {
		if !rq.Account.Admin {
			subjects, err := s.visibleSubjects(ctx, rq)
			if err != nil {
				return err
			}
			filter.Subjects = subjects
		}
		filter.Limit = eventsPageSize + 1
		events, err := eventlog.List(ctx, s.db, filter)
		if err != nil {
			return err
		}
		if len(events) > eventsPageSize {
			events = events[:eventsPageSize]
			q := eventsQuery(f)
			q.Set("before", strconv.FormatInt(events[len(events)-1].ID, 10))
			page.Older = officePrefix + "/events?" + q.Encode()
		}
		page.Rows = eventRows(rq.T, events)
		if rq.Account.Admin {
			page.Export = officePrefix + "/events.jsonl"
			if q := eventsQuery(f).Encode(); q != "" {
				page.Export += "?" + q
			}
		}
	}
	return s.officeRenderStatus(w, rq, status, "events", "events", rq.T.T("office.nav.events"), page)
}

// eventsQuery is the filter of f as a query string, without the page.
func eventsQuery(f *form) url.Values {
	q := url.Values{}
	for _, k := range []string{"subject", "actor"} {
		if v := strings.TrimSpace(f.values.Get(k)); v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// eventsFilter reads the event log's filter from the query: what is wrong
// with it is recorded in the form.
func (s *Server) eventsFilter(ctx context.Context, rq *officeRequest) (*form, eventlog.Filter) {
	q := rq.URL.Query()
	f := newForm(rq.T, url.Values{"subject": {q.Get("subject")}, "actor": {q.Get("actor")}})
	var filter eventlog.Filter
	if subj := f.text("subject", false, 60); subj != "" {
		if subjectPattern.MatchString(subj) {
			filter.Subject = subj
		} else {
			f.fail("subject", "office.team.events.badsubject")
		}
	}
	if actor := f.text("actor", false, 254); actor != "" {
		if id, err := strconv.ParseInt(actor, 10, 64); err == nil && id > 0 {
			filter.ActorID = id
		} else if a, err := s.accounts.ByEmail(ctx, actor); err == nil {
			filter.ActorID = a.ID
		} else {
			// An address without an account has no events: a filter
			// that keeps none, without saying whether it has one.
			filter.ActorID = -1
		}
	}
	if b := q.Get("before"); b != "" {
		if id, err := strconv.ParseInt(b, 10, 64); err == nil && id > 0 {
			filter.Before = id
		}
	}
	return f, filter
}

// visibleSubjects lists the subjects of the things whose events a
// non-admin account may see: those of the partners where it may view the
// event log (see eventsList).
func (s *Server) visibleSubjects(ctx context.Context, rq *officeRequest) ([]string, error) {
	var partners []int64
	for _, p := range rq.Account.Partners() {
		if rq.can(account.SubjectEventLog, account.View, p) {
			partners = append(partners, p)
		}
	}
	subjects := []string{}
	add := func(kind string, id int64) { subjects = append(subjects, kind+":"+strconv.FormatInt(id, 10)) }
	for _, p := range partners {
		add("partner", p)
		add("team", p)
	}
	st := s.forums.WithDrafts()
	forums, err := st.Forums(ctx)
	if err != nil {
		return nil, err
	}
	for _, fo := range forums {
		hosted := false
		for _, h := range fo.Hosts {
			hosted = hosted || slices.Contains(partners, h.ID)
		}
		if !hosted {
			continue
		}
		add("forum", fo.ID)
		add("programme", fo.ID)
		news, err := st.NewsOfForum(ctx, fo.ID)
		if err != nil {
			return nil, err
		}
		for _, n := range news {
			add("news", n.ID)
		}
	}
	people, err := st.People(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		if slices.Contains(partners, p.PartnerID) {
			add("person", p.ID)
		}
	}
	accts, err := s.accounts.List(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range accts {
		for _, p := range a.Partners() {
			if slices.Contains(partners, p) {
				add("account", a.ID)
				break
			}
		}
	}
	return subjects, nil
}
