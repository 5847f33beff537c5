package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/i18n"
)

// historyLen is how many events the history of an edit page shows.
const historyLen = 10

// historyView is what the "history" partial shows: the latest events about
// one thing, and the address of all of them when there are more.
type historyView struct {
	T    *i18n.Printer
	Rows []historyRow
	// All is the event log filtered to the thing, when it holds more
	// events than Rows; empty otherwise.
	All string
}

// historyRow is one event of a history, with what it changed in words
// when that is short.
type historyRow struct {
	eventRow
	Changes []string
}

// history reads the latest events about subject ("forum:3") for the page
// of rq, in one query. Whether the reader may see the thing is the
// caller's check: the page would be a 403 or a 404 otherwise.
func (s *Server) history(rq *officeRequest, subject string) (*historyView, error) {
	events, err := s.eventsOf(rq.Context(), subject, historyLen+1)
	if err != nil {
		return nil, fmt.Errorf("history of %s: %w", subject, err)
	}
	h := &historyView{T: rq.T}
	if len(events) > historyLen {
		events = events[:historyLen]
		h.All = officePrefix + "/events?" + url.Values{"subject": {subject}}.Encode()
	}
	for i, row := range eventRows(rq.T, events) {
		h.Rows = append(h.Rows, historyRow{eventRow: row, Changes: shortChanges(rq.T, events[i])})
	}
	return h, nil
}

// Limits of what a history says an event changed.
const (
	changeMaxRunes = 40 // longer values are left out
	changeMaxCount = 3  // more changes end with "…"
)

// shortChanges says what e changed, one "Field: before → after" per
// changed value that is short on both sides, for events that recorded
// their state before and after as JSON objects. A multilingual text's
// values are per language ("Title (EN): …"). Nothing is said of a creation
// (no state before) or of long values, which the approval's change page
// shows in full.
func shortChanges(t *i18n.Printer, e *eventlog.Event) []string {
	if e.Before == nil || e.After == nil {
		return nil
	}
	before, after := map[string]string{}, map[string]string{}
	if !flattenState(e.Before, before) || !flattenState(e.After, after) {
		return nil
	}
	var keys []string
	for k := range after {
		keys = append(keys, k)
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var out []string
	for _, k := range keys {
		b, a := before[k], after[k]
		if a == b || utf8.RuneCountInString(a) > changeMaxRunes || utf8.RuneCountInString(b) > changeMaxRunes {
			continue
		}
		if len(out) == changeMaxCount {
			out = append(out, "…")
			break
		}
		field, l, _ := strings.Cut(k, "@")
		name := changeFieldName(t, field)
		if ok, _ := t.Has("office.history.field." + field); ok {
			name = t.T("office.history.field." + field)
		}
		if l != "" {
			name += " (" + strings.ToUpper(l) + ")"
		}
		out = append(out, t.T("office.history.change", name, historyValue(t, field, b), historyValue(t, field, a)))
	}
	return out
}

// historyValue writes a value of field for the reader of t: a draft's
// state in words, a time as the office writes times, nothing as a dash.
func historyValue(t *i18n.Printer, field, v string) string {
	if v == "" {
		return "—"
	}
	if field == "state" {
		// The page's words for a scheduled draft name its time, which the
		// event's state has beside it.
		if v == "scheduled" {
			return t.T("office.history.state.scheduled")
		}
		if ok, _ := t.Has("approval.state." + v); ok {
			return t.T("approval.state." + v)
		}
	}
	if at, err := time.Parse(time.RFC3339, v); err == nil {
		at = at.UTC()
		return t.T("office.team.events.when", t.DateShort(at), t.Time(at))
	}
	return v
}

// flattenState writes the scalar values of the JSON object raw into out by
// path ("title", "sessions[1].title"), a multilingual text's values as
// path@lang; it reports false when raw is not an object.
func flattenState(raw json.RawMessage, out map[string]string) bool {
	var v map[string]any
	if json.Unmarshal(raw, &v) != nil || v == nil {
		return false
	}
	flatten("", v, out)
	return true
}

func flatten(path string, v any, out map[string]string) {
	switch v := v.(type) {
	case map[string]any:
		if vals, ok := v["v"].(map[string]any); ok && isText(v) {
			for l, s := range vals {
				if str, ok := s.(string); ok {
					out[path+"@"+l] = str
				}
			}
			return
		}
		for k, sub := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			flatten(p, sub, out)
		}
	case []any:
		for i, sub := range v {
			flatten(fmt.Sprintf("%s[%d]", path, i), sub, out)
		}
	case nil:
		out[path] = ""
	case string:
		out[path] = v
	default:
		b, _ := json.Marshal(v)
		out[path] = string(b)
	}
}

// isText reports whether a JSON object is a multilingual text (lang.Text):
// values by language under "v", and nothing but "src" and "done" besides.
func isText(m map[string]any) bool {
	for k := range m {
		if k != "v" && k != "src" && k != "done" {
			return false
		}
	}
	return true
}
