package web

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/store"
)

// What the pages of people's accounts and teams share: mail in the
// recipient's language, the throttle of reset requests, the team's
// permission check, the event log's entries for teams and its view as a
// list.

// Password reset requests are limited per client address: a burst of
// resetBurst, then one each resetRate. The account store's sign-in
// throttle counts failures, and a reset request never fails, so this is a
// limiter of its own (golang.org/x/time/rate), in memory: each process
// counts its own requests.
const (
	resetRate  = 2 * time.Minute
	resetBurst = 5
)

// addressLimits holds one token bucket per client address. Addresses not
// seen for an hour are forgotten, so that the map stays small.
type addressLimits struct {
	every time.Duration
	burst int

	mu   sync.Mutex
	seen map[string]*addressLimit
}

type addressLimit struct {
	l    *rate.Limiter
	last time.Time
}

func newAddressLimits(every time.Duration, burst int) *addressLimits {
	return &addressLimits{every: every, burst: burst, seen: map[string]*addressLimit{}}
}

// allow reports whether addr may make another request now.
func (a *addressLimits) allow(addr string) bool {
	now := time.Now()
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.seen) > 10000 {
		for k, v := range a.seen {
			if now.Sub(v.last) > time.Hour {
				delete(a.seen, k)
			}
		}
	}
	e := a.seen[addr]
	if e == nil {
		e = &addressLimit{l: rate.NewLimiter(rate.Every(a.every), a.burst)}
		a.seen[addr] = e
	}
	e.last = now
	return e.l.AllowN(now, 1)
}

// accountLetter is a standard letter about a person's account, written
// in lang: the subject and the paragraphs are catalog keys, each with its
// arguments; link is a path of the site.
type accountLetter struct {
	to          mail.Address
	lang        string
	subject     string
	subjectArgs []any
	body        []string
	bodyArgs    [][]any
	link        string
}

// sendLetter queues l in tx, with its link made absolute.
func (s *Server) sendLetter(ctx context.Context, tx *store.Tx, l accountLetter) error {
	p := s.catalog.Printer(l.lang)
	body := make([]string, len(l.body))
	for i, k := range l.body {
		var args []any
		if i < len(l.bodyArgs) {
			args = l.bodyArgs[i]
		}
		body[i] = p.T(k, args...)
	}
	msg := mail.Compose(p, mail.Letter{To: l.to, Subject: p.T(l.subject, l.subjectArgs...), Body: body, Link: s.base.String() + l.link})
	_, err := mail.Enqueue(ctx, tx, msg)
	return err
}

// teamSubject names a partner's team in the event log ("team:2").
func teamSubject(partnerID int64) string { return "team:" + strconv.FormatInt(partnerID, 10) }

// teamEvent records a change to partner partnerID's team by acct (nil: the
// person who accepts an invitation before they have an account).
func teamEvent(ctx context.Context, q store.Querier, acct *account.Account, action string, partnerID int64, addr string, before, after any) error {
	e := &eventlog.Event{Action: action, Subject: teamSubject(partnerID), PartnerID: partnerID, ClientAddr: addr,
		Before: eventlog.State(before), After: eventlog.State(after)}
	if acct != nil {
		e.ActorID, e.ActorName = acct.ID, acct.Name
	}
	return eventlog.Append(ctx, q, e)
}

// teamMust is must for a partner's team: a member of the partner knows
// its team exists, so what their role does not allow is 403; for anyone
// else another partner's team is 404.
func (rq *officeRequest) teamMust(action account.Action, partnerID int64) error {
	if rq.can(account.SubjectTeam, action, partnerID) {
		return nil
	}
	if slices.Contains(rq.Account.Partners(), partnerID) {
		return fmt.Errorf("%s team of partner %d: %w", action, partnerID, errkind.Forbidden)
	}
	return rq.must(account.SubjectTeam, action, partnerID)
}

// partnerNames returns each partner's short name in lang, by id.
func (s *Server) partnerNames(ctx context.Context, lang string) (map[int64]string, []*forum.Partner, error) {
	ps, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[int64]string, len(ps))
	for _, p := range ps {
		names[p.ID], _ = p.ShortName.In(lang)
		if names[p.ID] == "" {
			names[p.ID] = p.Slug
		}
	}
	return names, ps, nil
}

// linkInvalid answers a reset or invitation link that is unknown, used,
// revoked or expired with a page that says so, status 410 Gone.
func (s *Server) linkInvalid(w http.ResponseWriter, rq *officeRequest) error {
	// A link that no longer works speaks the language chosen with ?lang=
	// as the working one would.
	s.chooseLang(rq)
	return s.officeRenderStatus(w, rq, http.StatusGone, "link_invalid", "", rq.T.T("office.team.link.title"), nil)
}

// passwordPair reads a new password typed twice into field and
// field+"2": both filled in, the same, and within the rules (the
// account package's message at field).
func passwordPair(f *form, field string) string {
	pw, again := f.values.Get(field), f.values.Get(field+"2")
	switch {
	case pw == "":
		f.fail(field, "office.form.required")
	case again == "":
		f.fail(field+"2", "office.form.required")
	case pw != again:
		f.fail(field+"2", "office.team.password.mismatch")
	default:
		if err := account.CheckPassword(pw); err != nil {
			msg, _ := account.Message(f.t, err)
			f.errors[field] = append(f.errors[field], msg)
		}
	}
	return pw
}

// failAccount records err's message (an account error) against field; it
// reports false when err has no message for people, which the caller
// then returns.
func failAccount(f *form, field string, err error) bool {
	msg, ok := account.Message(f.t, err)
	if !ok {
		return false
	}
	f.errors[field] = append(f.errors[field], msg)
	return true
}

// eventsOf returns the latest limit events about subject ("forum:3"),
// newest first, for a page that shows the history of one thing. Whether
// the reader may see the thing is the caller's check.
func (s *Server) eventsOf(ctx context.Context, subject string, limit int) ([]*eventlog.Event, error) {
	if subject == "" {
		return nil, errors.New("events of an object: no subject")
	}
	return eventlog.List(ctx, s.db, eventlog.Filter{Subject: subject, Limit: limit})
}

// eventRow is one event as the office lists it, in the reader's language.
type eventRow struct {
	ID      int64
	ActorID int64
	Who     string
	When    string // date and time in UTC, in the reader's language
	At      string // RFC 3339, for <time datetime>
	Action  string // the action in words
	// Detail names whom a team event was about and the role, e.g.
	// "Wang <wang@cass.example>, translator"; empty for other events.
	Detail  string
	Subject string
}

// eventRows writes events for the reader of d. Times are given in UTC
// and say so: accounts have no time zone of their own.
func eventRows(t *i18n.Printer, events []*eventlog.Event) []eventRow {
	rows := make([]eventRow, 0, len(events))
	for _, e := range events {
		who := e.ActorName
		if e.ActorID == 0 && who == "" {
			who = t.T("office.team.events.system")
		}
		action := t.T("office.team.action." + e.Action)
		if action == "office.team.action."+e.Action {
			action = e.Action
		}
		at := e.At.UTC()
		rows = append(rows, eventRow{ID: e.ID, ActorID: e.ActorID, Who: who, Action: action, Detail: teamDetail(t, e), Subject: e.Subject,
			When: t.T("office.team.events.when", t.DateShort(at), t.Time(at)), At: at.Format(time.RFC3339)})
	}
	return rows
}

// teamDetail says whom a team event ("team.invite", "team.remove", …)
// was about and with which role, from the name, email and role its After
// state (else its Before) keeps; "" for other events or when neither
// keeps them.
func teamDetail(t *i18n.Printer, e *eventlog.Event) string {
	if !strings.HasPrefix(e.Action, "team.") {
		return ""
	}
	var st struct{ Name, Email, Role string }
	for _, raw := range []json.RawMessage{e.After, e.Before} {
		if len(raw) > 0 && json.Unmarshal(raw, &st) == nil && (st.Email != "" || st.Role != "") {
			break
		}
	}
	who := st.Name
	switch {
	case who != "" && st.Email != "":
		who += " <" + st.Email + ">"
	case who == "":
		who = st.Email
	}
	if st.Role == "" {
		return who
	}
	role := t.T("office.role." + st.Role)
	if who == "" {
		return role
	}
	return t.T("office.team.events.detail", who, role)
}

// objectEventsView is what the objectEvents partial shows.
type objectEventsView struct {
	T    *i18n.Printer
	Rows []eventRow
}

// objectEvents is the template function behind {{template "objectEvents"
// (objectEvents $ .Main.Events)}}: the events of one thing (from
// s.eventsOf) for the page's reader.
func objectEvents(d *officeData, events []*eventlog.Event) objectEventsView {
	return objectEventsView{T: d.T, Rows: eventRows(d.T, events)}
}

// teamPasswordData is what the teamNewPassword partial shows: the fields
// password and password2 of Form.
type teamPasswordData struct {
	T    *i18n.Printer
	Form *form
}
