package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/works"
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
	// People and partners are named as the change page names them, read
	// once, and only for a history that has a change to say.
	var loaded *approvalNames
	names := func() *approvalNames {
		if loaded == nil {
			if loaded, err = loadApprovalNames(rq.Context(), s.forums, rq.Lang); err != nil {
				loaded = &approvalNames{partners: map[int64]string{}, people: map[int64]string{}}
			}
			if loaded.accounts, err = s.accountNames(rq); err != nil {
				loaded.accounts = map[int64]string{}
			}
		}
		return loaded
	}
	for i, row := range eventRows(rq.T, events) {
		if row.Detail == "" {
			row.Detail = worksDetail(rq.T, names, events[i])
		}
		h.Rows = append(h.Rows, historyRow{eventRow: row, Changes: shortChanges(rq.T, names, events[i])})
	}
	return h, nil
}

// accountNames returns the names of the office's accounts by id, for the
// histories that name editors, translators and reviewers.
func (s *Server) accountNames(rq *officeRequest) (map[int64]string, error) {
	rows, err := s.db.Query(rq.Context(), `SELECT id, name FROM accounts`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, err
		}
		out[id] = name
	}
	return out, rows.Err()
}

// isWorksEvent says whether action is one of the Collected Works' events:
// a collection's, a contribution's, its manuscript's or its translation's.
func isWorksEvent(action string) bool {
	for _, p := range []string{"collection.", "contribution.", "manuscript.", "translation."} {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	return false
}

// worksDetail says what a works event was about, in words: the language
// of a language's step (and the host of an approval), the person invited,
// the file uploaded; "" for other events.
func worksDetail(t *i18n.Printer, names func() *approvalNames, e *eventlog.Event) string {
	if !isWorksEvent(e.Action) {
		return ""
	}
	var st struct {
		Lang    string `json:"lang"`
		Partner int64  `json:"partner_id"`
		Person  int64  `json:"person_id"`
		Email   string `json:"email"`
		Name    string `json:"name"`
	}
	for _, raw := range []json.RawMessage{e.After, e.Before} {
		if len(raw) > 0 && json.Unmarshal(raw, &st) == nil && (st.Lang != "" || st.Email != "" || st.Name != "") {
			break
		}
	}
	switch {
	case e.Action == "contribution.approve" && st.Lang != "":
		return t.T("works.history.approvedfor", workLangName(t, st.Lang), names().partner(st.Partner))
	case e.Action == "contribution.lang_state" || e.Action == "contribution.reopen":
		if st.Lang != "" {
			return workLangName(t, st.Lang)
		}
	case strings.HasPrefix(e.Action, "contribution.invite"):
		who := names().people[st.Person]
		switch {
		case who == "":
			return st.Email
		case st.Email != "":
			return who + " <" + st.Email + ">"
		}
		return who
	case e.Action == "manuscript.upload":
		return st.Name
	}
	return ""
}

// Limits of what a history says an event changed.
const (
	changeMaxRunes = 40 // longer values are left out
	changeMaxCount = 3  // more changes end with "…"
)

// shortChanges says what e changed, one "Field: before → after" per
// changed value, for events that recorded their state before and after as
// JSON objects: fields named and values written as on the change page
// (people and partners by name, times in UTC as the history's are), a
// multilingual text's values per language ("Title (Russian): …"), and a
// value too long to quote said to have changed. Nothing is said of a
// creation (no state before). names is read when first needed.
func shortChanges(t *i18n.Printer, names func() *approvalNames, e *eventlog.Event) []string {
	if e.Before == nil || e.After == nil {
		return nil
	}
	before, after := map[string]string{}, map[string]string{}
	if !flattenState(e.Before, before) || !flattenState(e.After, after) {
		return nil
	}
	if isWorksEvent(e.Action) {
		before, after = worksState(e.Action, before), worksState(e.Action, after)
		if _, ok := after["state"]; ok && e.Action == "contribution.state" {
			// A return to the author is stored as a move back to
			// accepted; it is said as the return it was.
			after["state"] = string(works.ShownTransition(works.State(before["state"]), works.State(after["state"])))
		}
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
		if a == b || sameTime(a, b) || strings.HasSuffix(k, ".source_lang") {
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
		if wf, wl, ok := worksField(field); ok {
			name, l = t.T(wf), wl
		}
		if l != "" {
			name += " (" + t.T("lang.name."+l) + ")"
		}
		if utf8.RuneCountInString(a) > changeMaxRunes || utf8.RuneCountInString(b) > changeMaxRunes {
			out = append(out, t.T("office.history.changed", name))
			continue
		}
		out = append(out, t.T("office.history.change", name, historyValue(t, names, e.Action, field, b), historyValue(t, names, e.Action, field, a)))
	}
	return out
}

// sameTime reports whether a and b are one instant written two ways
// (2021-06-01T09:00:00Z and 2021-06-01T12:00:00+03:00).
func sameTime(a, b string) bool {
	x, err1 := time.Parse(time.RFC3339, a)
	y, err2 := time.Parse(time.RFC3339, b)
	return err1 == nil && err2 == nil && x.Equal(y)
}

// historyValue writes a value of field of an event of action for the
// reader of t: a state in words (a contribution's, a language's or an
// invitation's as the works' pages say them, else a draft's), a time as
// the office writes times, a person or partner by name, nothing as a
// dash.
func historyValue(t *i18n.Printer, names func() *approvalNames, action, field, v string) string {
	if v == "" || v == "0" && strings.HasSuffix(field, "_id") {
		return "—"
	}
	if field == "state" {
		if key := worksStateKey(action, v); key != "" {
			return t.T(key)
		}
		// The page's words for a scheduled draft name its time, which the
		// event's state has beside it.
		if v == "scheduled" {
			return t.T("office.history.state.scheduled")
		}
		if ok, _ := t.Has("approval.state." + v); ok {
			return t.T("approval.state." + v)
		}
	}
	if isWorksEvent(action) {
		if out, ok := worksValue(t, names, field, v); ok {
			return out
		}
	}
	if at, err := time.Parse(time.RFC3339, v); err == nil {
		at = at.UTC()
		return t.T("office.team.events.when", t.DateShort(at), t.Time(at))
	}
	switch changeLastStep(field) {
	case "hosts", "partner_id", "speaker_id", "original_lang", "languages":
		return changeValue(t, names(), time.UTC, field, v)
	}
	return v
}

// worksState keeps of the flattened state st of a works event what its
// history says: an invitation's and a segment's state alone (the rest is
// the row's detail), nothing of a new order (the action says it), and
// every list of values (editors, authors, staff, keywords) as one value,
// so that a change of the list is one line.
func worksState(action string, st map[string]string) map[string]string {
	switch {
	case strings.HasPrefix(action, "contribution.invite") || strings.HasPrefix(action, "translation.segment."):
		return map[string]string{"state": st["state"]}
	case action == "collection.order":
		return map[string]string{} // the action says it; ids say nothing
	}
	out := map[string]string{}
	keys := make([]string, 0, len(st))
	for k := range st {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return compareItems(a, b) })
	for _, k := range keys {
		v := st[k]
		if i := strings.LastIndexByte(k, '['); i > 0 && strings.HasSuffix(k, "]") {
			base := k[:i]
			if out[base] != "" {
				out[base] += "\x1f" + v
			} else {
				out[base] = v
			}
			continue
		}
		out[k] = v
	}
	return out
}

// compareItems orders flattened paths with list items by their number
// ("x[2]" before "x[10]").
func compareItems(a, b string) int {
	ai, bi := strings.LastIndexByte(a, '['), strings.LastIndexByte(b, '[')
	if ai > 0 && bi > 0 && a[:ai] == b[:bi] {
		var x, y int
		fmt.Sscanf(a[ai:], "[%d]", &x)
		fmt.Sscanf(b[bi:], "[%d]", &y)
		return x - y
	}
	return strings.Compare(a, b)
}

// worksField names a field of a works event that needs a language or a
// role to say it: keywords and staff per language. It returns the message
// key of its name and the language, or false.
func worksField(field string) (key, l string, ok bool) {
	switch {
	case strings.HasPrefix(field, "keywords."):
		return "works.contribution.keywords", strings.TrimPrefix(field, "keywords."), true
	case strings.HasPrefix(field, "staff."):
		l, role, _ := strings.Cut(strings.TrimPrefix(field, "staff."), "_")
		return "works.contribution." + role, l, true
	}
	return "", "", false
}

// worksValue writes a value of field of a works event in words: accounts
// (editors, translators, reviewers) and people (authors, the invited) by
// name, languages by name, keywords joined as their language writes a
// list. It reports false for values it leaves to historyValue.
func worksValue(t *i18n.Printer, names func() *approvalNames, field, v string) (string, bool) {
	items := strings.Split(v, "\x1f")
	name := func(m map[int64]string) string {
		var out []string
		for _, it := range items {
			id, err := strconv.ParseInt(it, 10, 64)
			if n := m[id]; err == nil && n != "" {
				out = append(out, n)
			} else {
				out = append(out, "#"+it)
			}
		}
		return t.List(out)
	}
	switch f := changeLastStep(field); {
	case f == "editors" || strings.HasPrefix(field, "staff."):
		return name(names().accounts), true
	case f == "authors" || f == "person_id":
		return name(names().people), true
	case f == "lang" || f == "original_lang":
		return workLangName(t, v), true
	case strings.HasPrefix(field, "keywords."):
		return joinKeywords(strings.TrimPrefix(field, "keywords."), items), true
	case f == "languages":
		var out []string
		for _, l := range strings.Fields(v) {
			out = append(out, workLangName(t, l))
		}
		return t.List(out), true
	}
	return "", false
}

// worksStateKey is the message key of state v in an event of action about
// a contribution, or "" for events of other things.
func worksStateKey(action, v string) string {
	switch {
	case action == "contribution.lang_state" || action == "contribution.approve" || action == "contribution.reopen":
		return "works.lang." + v
	case strings.HasPrefix(action, "contribution.invite"):
		return "works.invitation.state." + v
	case strings.HasPrefix(action, "translation.segment."):
		return "workbench.state." + v
	case strings.HasPrefix(action, "contribution."):
		return "works.state." + v
	}
	return ""
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
			p := approval.FieldName(k)
			if path != "" {
				p = path + "." + p
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
