package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
)

// The programme form (programme_edit.go, programme_save.go) holds a forum's
// whole programme: its sessions in order, each with its speeches in order.
// Its fields are named by row: "sessions" is the number of session rows,
// and session row i has the fields s<i>.id, s<i>.pos, s<i>.remove,
// s<i>.title.<lang>, s<i>.room.<lang>, s<i>.starts, s<i>.ends and
// s<i>.speeches, the number of its speech rows; speech row j of it has
// s<i>.p<j>.id, .pos, .remove, .slug, .speaker, .kind, .delivery, .lang,
// .title.<lang>, .summary.<lang>, .starts and .ends. Each list ends with
// a blank row, which adds an item when it is filled in and is ignored
// when it is not; rows are put in the order of their start times when
// saved, those that start at the same time in the order of their position
// numbers, as the public programme lists them, and a row marked remove (a session with its speeches) is
// left out.

// programmeMaxRows bounds the rows of each list of the form.
const programmeMaxRows = 500

// Lengths of the programme's texts, in characters per language.
const (
	programmeTitleMax   = 500
	programmeSummaryMax = 5000
)

func sessionPrefix(i int) string   { return "s" + strconv.Itoa(i) + "." }
func speechPrefix(i, j int) string { return sessionPrefix(i) + "p" + strconv.Itoa(j) + "." }

// forumTime is what the programme needs of its forum: the zone its times
// are written in, and its start and end, within which every session and
// speech falls; dates says them as the reader reads them.
type forumTime struct {
	loc      *time.Location
	from, to time.Time
	dates    string
	t        *i18n.Printer
}

func newForumTime(t *i18n.Printer, f *forum.Forum) forumTime {
	ft := forumTime{loc: f.Location(), from: f.StartsAt, to: f.EndsAt, t: t}
	ft.dates = ft.span(f.StartsAt, f.EndsAt)
	return ft
}

// span writes the times from and to in the forum's zone, the date of the
// end left out when it is the start's.
func (ft forumTime) span(from, to time.Time) string {
	from, to = from.In(ft.loc), to.In(ft.loc)
	s := ft.t.Date(from) + " " + ft.t.Time(from) + " – "
	if from.YearDay() != to.YearDay() || from.Year() != to.Year() {
		s += ft.t.Date(to) + " "
	}
	return s + ft.t.Time(to)
}

// programmeValues writes p, loaded from version of its draft, into form
// values, with a blank row at the end of each list; items are listed in
// the order the public sees them (byStart) and numbered in it.
func programmeValues(p *forum.Programme, loc *time.Location, version int) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(version))
	sessions := byStart(p)
	v.Set("sessions", strconv.Itoa(len(sessions)+1))
	for i, ss := range sessions {
		pre := sessionPrefix(i)
		v.Set(pre+"id", strconv.FormatInt(ss.ID, 10))
		v.Set(pre+"pos", strconv.Itoa(i+1))
		putText(v, pre+"title", ss.Title)
		putText(v, pre+"room", ss.Room)
		v.Set(pre+"starts", localValue(ss.StartsAt, loc))
		v.Set(pre+"ends", localValue(ss.EndsAt, loc))
		v.Set(pre+"speeches", strconv.Itoa(len(ss.Speeches)+1))
		for j, sp := range ss.Speeches {
			pre := speechPrefix(i, j)
			v.Set(pre+"id", strconv.FormatInt(sp.ID, 10))
			v.Set(pre+"pos", strconv.Itoa(j+1))
			v.Set(pre+"slug", sp.Slug)
			if sp.SpeakerID != 0 {
				v.Set(pre+"speaker", strconv.FormatInt(sp.SpeakerID, 10))
			}
			v.Set(pre+"kind", string(sp.Kind))
			v.Set(pre+"delivery", string(sp.Delivery))
			v.Set(pre+"lang", sp.OriginalLang)
			putText(v, pre+"title", sp.Title)
			putText(v, pre+"summary", sp.Summary)
			v.Set(pre+"starts", localValue(sp.StartsAt, loc))
			v.Set(pre+"ends", localValue(sp.EndsAt, loc))
		}
		v.Set(speechPrefix(i, len(ss.Speeches))+"pos", strconv.Itoa(len(ss.Speeches)+1))
	}
	pre := sessionPrefix(len(sessions))
	v.Set(pre+"pos", strconv.Itoa(len(sessions)+1))
	v.Set(pre+"speeches", "1")
	v.Set(speechPrefix(len(sessions), 0)+"pos", "1")
	return v
}

// rowCount reads the number of rows a list of the form says it has.
func rowCount(values url.Values, field string) (int, error) {
	v := values.Get(field)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > programmeMaxRows {
		return 0, badRequest("programme form: %s = %q", field, v)
	}
	return n, nil
}

// blankRow reports whether a row that adds an item was left empty: none of
// its fields plain, nor texts in any of langs, holds a value.
func blankRow(values url.Values, pre string, plain, texts, langs []string) bool {
	for _, n := range plain {
		if strings.TrimSpace(values.Get(pre+n)) != "" {
			return false
		}
	}
	for _, t := range texts {
		for _, l := range langs {
			if strings.TrimSpace(values.Get(pre+t+"."+l)) != "" {
				return false
			}
		}
	}
	return true
}

// readPos reads a row's position number; an empty one is def.
func readPos(fm *form, field string, def int) int {
	v := strings.TrimSpace(fm.values.Get(field))
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 100000 {
		fm.fail(field, "office.forum.position")
		return def
	}
	return n
}

// readRowID reads the id of a row: 0 for a new item, or one of known.
func readRowID(values url.Values, field string, known map[int64]bool) (int64, error) {
	v := values.Get(field)
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || !known[id] {
		return 0, badRequest("programme form: %s = %q is not an item of this programme", field, v)
	}
	return id, nil
}

// programmeRows says which rows of the form the items of a programme read
// from it came from: the prefix of each session and of each speech, in the
// programme's order.
type programmeRows struct {
	sessions []string
	speeches [][]string
}

// field returns the form field of a path into the programme as approval
// writes it ("sessions[2].speeches[0].title"), or the path when it names
// no row.
var programmePath = regexp.MustCompile(`^sessions\[(\d+)\](?:\.speeches\[(\d+)\])?\.(\w+)$`)

func (r programmeRows) field(path string) string {
	m := programmePath.FindStringSubmatch(path)
	if m == nil {
		return path
	}
	i, _ := strconv.Atoi(m[1])
	if i >= len(r.sessions) {
		return path
	}
	if m[2] == "" {
		return r.sessions[i] + m[3]
	}
	j, _ := strconv.Atoi(m[2])
	if j >= len(r.speeches[i]) {
		return path
	}
	return r.speeches[i][j] + m[3]
}

// readProgramme reads the programme form into a programme of the forum
// whose times ft gives; current is the draft the form was loaded from,
// whose items the rows' ids must name (a speech keeps what the form does
// not show, its text), langs the languages of the texts, people those a
// speaker is chosen from. A form that no page of the office makes is a bad
// request.
func readProgramme(fm *form, current *forum.Programme, ft forumTime, langs []string, people []*forum.Person) (*forum.Programme, programmeRows, error) {
	values := fm.values
	var rows programmeRows
	sessionIDs, speechIDs := map[int64]bool{}, map[int64]*forum.Speech{}
	knownSpeech := map[int64]bool{}
	for _, ss := range current.Sessions {
		sessionIDs[ss.ID] = true
		for _, sp := range ss.Speeches {
			speechIDs[sp.ID], knownSpeech[sp.ID] = sp, true
		}
	}
	speakers := make([]string, len(people))
	for i, p := range people {
		speakers[i] = strconv.FormatInt(p.ID, 10)
	}
	kinds := make([]string, len(forum.Kinds))
	for i, k := range forum.Kinds {
		kinds[i] = string(k)
	}
	deliveries := make([]string, len(forum.Deliveries))
	for i, d := range forum.Deliveries {
		deliveries[i] = string(d)
	}
	when := func(field string) time.Time {
		t := fm.localTime(field, true, ft.loc)
		if !t.IsZero() && (t.Before(ft.from) || t.After(ft.to)) {
			fm.fail(field, "office.forum.programme.outside", ft.dates)
		}
		return t.UTC()
	}
	type item[T any] struct {
		pos    int
		v      T
		prefix string
		sub    []string
	}
	n, err := rowCount(values, "sessions")
	if err != nil {
		return nil, rows, err
	}
	var sessions []item[*forum.Session]
	for i := range n {
		pre := sessionPrefix(i)
		id, err := readRowID(values, pre+"id", sessionIDs)
		if err != nil {
			return nil, rows, err
		}
		m, err := rowCount(values, pre+"speeches")
		if err != nil {
			return nil, rows, err
		}
		if values.Get(pre+"remove") != "" {
			continue
		}
		var speeches []item[*forum.Speech]
		for j := range m {
			pre := speechPrefix(i, j)
			sid, err := readRowID(values, pre+"id", knownSpeech)
			if err != nil {
				return nil, rows, err
			}
			if values.Get(pre+"remove") != "" {
				continue
			}
			plain := []string{"slug", "speaker", "kind", "delivery", "lang", "starts", "ends"}
			if sid == 0 && blankRow(values, pre, plain, []string{"title", "summary"}, langs) {
				continue
			}
			sp := &forum.Speech{}
			if sid != 0 {
				c := *speechIDs[sid]
				sp = &c
			}
			sp.Slug = fm.text(pre+"slug", true, 100)
			sp.SpeakerID, _ = strconv.ParseInt(fm.choice(pre+"speaker", true, speakers...), 10, 64)
			sp.Kind = forum.Kind(fm.choice(pre+"kind", true, kinds...))
			sp.Delivery = forum.Delivery(fm.choice(pre+"delivery", false, deliveries...))
			sp.OriginalLang = fm.choice(pre+"lang", true, i18n.Languages...)
			sp.Title = fm.mltext(pre+"title", langs, true, false, programmeTitleMax)
			sp.Summary = fm.mltext(pre+"summary", langs, false, true, programmeSummaryMax)
			sp.StartsAt, sp.EndsAt = when(pre+"starts"), when(pre+"ends")
			failProblem(fm, forum.ValidateSpeech(sp), pre, "title", "summary", "body")
			speeches = append(speeches, item[*forum.Speech]{pos: readPos(fm, pre+"pos", j+1), v: sp, prefix: pre})
		}
		if id == 0 && len(speeches) == 0 && blankRow(values, pre, []string{"starts", "ends"}, []string{"title", "room"}, langs) {
			continue
		}
		ss := &forum.Session{ID: id}
		ss.Title = fm.mltext(pre+"title", langs, true, false, programmeTitleMax)
		ss.Room = fm.mltext(pre+"room", langs, false, false, programmeTitleMax)
		ss.StartsAt, ss.EndsAt = when(pre+"starts"), when(pre+"ends")
		failProblem(fm, forum.ValidateSession(ss), pre, "title", "room")
		if !ss.StartsAt.IsZero() && !ss.EndsAt.IsZero() {
			// A speech falls within its session's times.
			for _, sp := range speeches {
				for _, x := range []struct {
					field string
					out   bool
				}{
					{sp.prefix + "starts", sp.v.StartsAt.Before(ss.StartsAt) || sp.v.StartsAt.After(ss.EndsAt)},
					{sp.prefix + "ends", sp.v.EndsAt.Before(ss.StartsAt) || sp.v.EndsAt.After(ss.EndsAt)},
				} {
					if x.out && len(fm.errors[x.field]) == 0 {
						fm.fail(x.field, "office.forum.programme.outsidesession", ft.span(ss.StartsAt, ss.EndsAt))
					}
				}
			}
		}
		sort.SliceStable(speeches, func(a, b int) bool {
			return inTimeOrder(speeches[a].v.StartsAt, speeches[b].v.StartsAt, speeches[a].pos, speeches[b].pos)
		})
		it := item[*forum.Session]{pos: readPos(fm, pre+"pos", i+1), v: ss, prefix: pre}
		for _, sp := range speeches {
			ss.Speeches = append(ss.Speeches, sp.v)
			it.sub = append(it.sub, sp.prefix)
		}
		sessions = append(sessions, it)
	}
	sort.SliceStable(sessions, func(a, b int) bool {
		return inTimeOrder(sessions[a].v.StartsAt, sessions[b].v.StartsAt, sessions[a].pos, sessions[b].pos)
	})
	p := &forum.Programme{}
	for _, it := range sessions {
		p.Sessions = append(p.Sessions, it.v)
		rows.sessions = append(rows.sessions, it.prefix)
		rows.speeches = append(rows.speeches, it.sub)
	}
	if fm.ok() {
		if err := forum.ValidateProgramme(p); err != nil {
			failProblem(fm, err, programmeRowOf(err, p, rows), "title", "summary", "body")
		}
	}
	return p, rows, nil
}

// inTimeOrder reports whether an item starting at ta with position number
// pa comes before one starting at tb with pb: the public programme lists
// items by start time, and position numbers order only those that start
// at the same time (forum.Store.Programme).
func inTimeOrder(ta, tb time.Time, pa, pb int) bool {
	if !ta.Equal(tb) {
		return ta.Before(tb)
	}
	return pa < pb
}

// byStart returns p's sessions, and each session's speeches, in the order
// the public sees them: by start time, those that start at the same time
// in their stored order. p is left as it is.
func byStart(p *forum.Programme) []*forum.Session {
	sessions := make([]*forum.Session, len(p.Sessions))
	for i, ss := range p.Sessions {
		c := *ss
		c.Speeches = slices.Clone(ss.Speeches)
		sort.SliceStable(c.Speeches, func(a, b int) bool { return c.Speeches[a].StartsAt.Before(c.Speeches[b].StartsAt) })
		sessions[i] = &c
	}
	sort.SliceStable(sessions, func(a, b int) bool { return sessions[a].StartsAt.Before(sessions[b].StartsAt) })
	return sessions
}

// failProblem records the problem a forum.Validate* function found with
// the item whose fields start with prefix, unless its field has a message
// already (the form's own checks found it first).
func failProblem(fm *form, err error, prefix string, texts ...string) {
	if err == nil {
		return
	}
	field, key := validationProblem(err, prefix, texts)
	if len(fm.errors[field]) == 0 {
		fm.fail(field, key)
	}
}

// speechOf finds the slug a programme's validation error names ("speech
// wang-yi: …").
var speechOf = regexp.MustCompile(`speech ([a-z0-9-]+): `)

// programmeRowOf returns the prefix of the row a ValidateProgramme error is
// about: the last speech with the slug it names (the one that repeats a
// slug), or the first session.
func programmeRowOf(err error, p *forum.Programme, rows programmeRows) string {
	row := ""
	if m := speechOf.FindStringSubmatch(err.Error()); m != nil {
		for i, ss := range p.Sessions {
			for j, sp := range ss.Speeches {
				if sp.Slug == m[1] {
					row = rows.speeches[i][j]
				}
			}
		}
	}
	if row == "" && len(rows.sessions) > 0 {
		row = rows.sessions[0]
	}
	return row
}

// speakerChoices returns those of people (the office's list, drafts
// included) that the account may name as a speaker: the published ones,
// and drafts of no partner, which every host's team sees. A partner's
// unpublished person is named once published, since the programme is
// every host's to read and a person's draft is their partner's alone. The
// speakers current already names stay choices whoever they are.
func speakerChoices(rq *officeRequest, people []*forum.Person, current *forum.Programme) []*forum.Person {
	named := map[int64]bool{}
	for _, ss := range current.Sessions {
		for _, sp := range ss.Speeches {
			named[sp.SpeakerID] = true
		}
	}
	var out []*forum.Person
	for _, pe := range people {
		if pe.Published || named[pe.ID] || pe.PartnerID == 0 && rq.can(account.SubjectPerson, account.View) {
			out = append(out, pe)
		}
	}
	return out
}

// programmePage is the programme form as the office shows it.
type programmePage struct {
	// History is the programme's latest events.
	History    *historyView
	ForumID    int64
	ForumTitle string
	ForumURL   string
	Action     string
	Form       *form
	Summary    *errorSummary
	Message    string
	// ZoneName names the forum's zone, in which times are written; Dates
	// are the forum's dates, within which they fall.
	ZoneName, Dates string
	Sessions        []sessionRow
	People          []option
	Kinds           []option
	Deliveries      []option
	Languages       []option
	Draft           draftInfo
	CanEdit         bool
	// Fixed shows the times, choices and order read-only, and hides the
	// rows that add and the marks that remove items: to a reader who may
	// not edit, and to a translator, who edits the texts only. Notice
	// says so above the form.
	Fixed  bool
	Notice string
	// SubtitleForms are the subtitles sections of the video items, whose
	// forms stand after the programme's.
	SubtitleForms []*subtitlesView
	// VideoForms are the forms of the video items' approval and
	// withdrawal buttons, written after the programme's form.
	VideoForms []videoForm
}

// sessionRow is one session of the form, with its speeches; New marks the
// blank row that adds one.
type sessionRow struct {
	Prefix      string
	N           int
	New         bool
	Pos         plainField
	Title, Room mlField
	Times       []plainField
	Speeches    []speechRow
}

type speechRow struct {
	Prefix         string
	N              int
	New            bool
	Pos            plainField
	Fields         []plainField // slug, speaker, kind, delivery, language
	Title, Summary mlField
	Times          []plainField
	// Subtitles is the subtitles section of a stored video item, or nil.
	Subtitles *subtitlesView
	// Video is the speech's video upload, for a stored video item.
	Video *videoUpload
	// Video is the status of the item's video, nil for an item that is
	// not given by video and has none.
	VideoStatus *videoStatus
}

// option is one choice of a select.
type option struct{ Value, Label string }

// plainField is a field of one value as the "forumPlainField" partial
// shows it: an input of Type, or a select of Options (Type "select"),
// whose empty choice is labelled Empty.
type plainField struct {
	Name, Label, Value string
	Type               string
	Required           bool
	Options            []option
	Empty              string
	// Describe is the id of a hint that describes the field.
	Describe string
	Errors   []string
	// ReadOnly shows the field to a reader who may not change it.
	ReadOnly bool
}

// plain returns the view of the field name of fm.
func (f *form) plain(name, label, typ string, required bool) plainField {
	return plainField{Name: name, Label: label, Type: typ, Required: required, Value: f.values.Get(name), Errors: f.errors[name]}
}

func (pf plainField) withOptions(empty string, opts []option) plainField {
	pf.Type, pf.Empty, pf.Options = "select", empty, opts
	return pf
}

// renderProgramme shows the programme form fm of forum f (its draft, or
// what the public sees), whose live hosts are hosts, with the programme's
// draft d.
func (s *Server) renderProgramme(w http.ResponseWriter, rq *officeRequest, status int, f *forum.Forum, hosts []int64, fm *form, d *approval.Draft, message string) error {
	return s.renderProgrammeWith(w, rq, status, f, hosts, fm, d, message, nil)
}

// renderProgrammeWith is renderProgramme with an upload of subtitles that
// was refused, shown at its item; up may be nil.
func (s *Server) renderProgrammeWith(w http.ResponseWriter, rq *officeRequest, status int, f *forum.Forum, hosts []int64, fm *form, d *approval.Draft, message string, up *subtitleUpload) error {
	ctx := rq.Context()
	people, err := s.forums.WithDrafts().People(ctx)
	if err != nil {
		return err
	}
	people = speakerChoices(rq, people, d.Content.(*forum.Programme))
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	id := strconv.FormatInt(f.ID, 10)
	ft := newForumTime(rq.T, f)
	langs := programmeLangs(f)
	p := &programmePage{ForumID: f.ID, ForumURL: officePrefix + "/forums/" + id, Action: officePrefix + "/forums/" + id + "/programme",
		Form: fm, Message: message, ZoneName: rq.T.ZoneName(ft.loc, f.StartsAt), Dates: ft.dates}
	p.ForumTitle, _ = f.Title.In(rq.Lang)
	for _, pe := range people {
		n, written := pe.Names.In(rq.Lang)
		p.People = append(p.People, option{strconv.FormatInt(pe.ID, 10), n.Full(written)})
	}
	for _, k := range forum.Kinds {
		p.Kinds = append(p.Kinds, option{string(k), rq.T.T("speech.kind." + string(k))})
	}
	for _, dl := range forum.Deliveries {
		p.Deliveries = append(p.Deliveries, option{string(dl), rq.T.T("speech.delivery." + string(dl))})
	}
	for _, l := range i18n.Languages {
		p.Languages = append(p.Languages, option{l, rq.T.T("lang.name." + l)})
	}
	times := func(pre string) []plainField {
		var out []plainField
		for _, name := range []string{"starts", "ends"} {
			pf := fm.plain(pre+name, rq.T.T("office.forum.field."+name), "datetime-local", true)
			pf.Describe = "zone-note"
			out = append(out, pf)
		}
		return out
	}
	pos := func(pre string) plainField {
		pf := fm.plain(pre+"pos", rq.T.T("office.forum.programme.field.pos"), "number", false)
		pf.Describe = "pos-hint"
		return pf
	}
	n, _ := rowCount(fm.values, "sessions")
	var order []string
	for i := range n {
		pre := sessionPrefix(i)
		row := sessionRow{Prefix: pre, N: i + 1, New: fm.values.Get(pre+"id") == "",
			Pos:   pos(pre),
			Title: fm.field(pre+"title", rq.T.T("office.forum.programme.field.title"), langs, true, false, programmeTitleMax),
			Room:  fm.field(pre+"room", rq.T.T("office.forum.programme.field.room"), langs, false, false, programmeTitleMax),
			Times: times(pre)}
		order = append(order, pre+"title", pre+"starts", pre+"ends")
		m, _ := rowCount(fm.values, pre+"speeches")
		for j := range m {
			pre := speechPrefix(i, j)
			row.Speeches = append(row.Speeches, speechRow{Prefix: pre, N: j + 1, New: fm.values.Get(pre+"id") == "",
				Pos: pos(pre),
				Fields: []plainField{
					fm.plain(pre+"slug", rq.T.T("office.forum.programme.field.slug"), "text", true),
					fm.plain(pre+"speaker", rq.T.T("office.forum.programme.field.speaker"), "", true).withOptions(rq.T.T("office.forum.programme.choose"), p.People),
					fm.plain(pre+"kind", rq.T.T("office.forum.programme.field.kind"), "", true).withOptions(rq.T.T("office.forum.programme.choose"), p.Kinds),
					fm.plain(pre+"delivery", rq.T.T("speech.delivery"), "", false).withOptions(rq.T.T("speech.delivery.unstated"), p.Deliveries),
					fm.plain(pre+"lang", rq.T.T("office.forum.programme.field.lang"), "", true).withOptions(rq.T.T("office.forum.programme.choose"), p.Languages),
				},
				Title:   fm.field(pre+"title", rq.T.T("office.forum.programme.field.speechtitle"), langs, true, false, programmeTitleMax),
				Summary: fm.field(pre+"summary", rq.T.T("office.forum.programme.field.summary"), langs, false, true, programmeSummaryMax),
				Times:   times(pre)})
			order = append(order, pre+"slug", pre+"speaker", pre+"kind", pre+"lang", pre+"title", pre+"starts", pre+"ends")
		}
		p.Sessions = append(p.Sessions, row)
	}
	if err := s.videoUploads(rq, p, hosts); err != nil {
		return err
	}
	if err := s.programmeVideos(rq, fm, p); err != nil {
		return err
	}
	p.Summary = fm.summary(order...)
	if err := s.withSubtitles(rq, p, d.Content.(*forum.Programme), fm, hosts, up); err != nil {
		return err
	}
	p.Draft = newDraftInfo(rq, d, partners)
	if err := s.withApprovers(rq, &p.Draft, d.Subject, partners); err != nil {
		return err
	}
	p.CanEdit = rq.can(account.SubjectProgramme, account.Edit, hosts...)
	switch {
	case !p.CanEdit:
		p.Fixed, p.Notice = true, rq.T.T("office.forum.readonly")
	case rq.textsOnly(hosts):
		p.Fixed, p.Notice = true, rq.T.T("office.forum.textsonly")
	}
	p.Draft.ReadOnly = !p.CanEdit
	if p.Fixed {
		p.fix(!p.CanEdit)
	}
	p.Draft.CanSubmit = d.Version > 0 && (d.State == approval.Editing || d.State == approval.Returned) &&
		rq.can(account.SubjectProgramme, account.Publish, hosts...)
	p.Draft.SubmitURL = officePrefix + "/approvals/programme/" + id + "/submit"
	if p.History, err = s.history(rq, d.Subject.String()); err != nil {
		return err
	}
	return s.officeRenderStatus(w, rq, status, "programme_form", "forums", rq.T.T("office.forum.programme.title", p.ForumTitle), p)
}

// programmeVideos gives each speech row of p that has a video, or is
// given by video, the status of its video.
func (s *Server) programmeVideos(rq *officeRequest, fm *form, p *programmePage) error {
	var ids []int64
	videoItems := map[int64]bool{}
	for _, ss := range p.Sessions {
		for _, sp := range ss.Speeches {
			id, err := strconv.ParseInt(fm.values.Get(sp.Prefix+"id"), 10, 64)
			if err != nil || id <= 0 {
				continue
			}
			ids = append(ids, id)
			videoItems[id] = isVideoItem(fm.values.Get(sp.Prefix+"kind"), fm.values.Get(sp.Prefix+"delivery"))
		}
	}
	statuses, err := s.videoStatuses(rq, ids, videoItems)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if statuses[id] != nil {
			p.VideoForms = append(p.VideoForms, videoPublishForm(id))
		}
	}
	for i := range p.Sessions {
		for j := range p.Sessions[i].Speeches {
			sp := &p.Sessions[i].Speeches[j]
			if id, err := strconv.ParseInt(fm.values.Get(sp.Prefix+"id"), 10, 64); err == nil {
				sp.VideoStatus = statuses[id]
			}
			if sp.Video != nil && sp.VideoStatus != nil && sp.VideoStatus.State != "" {
				// A video attached without an upload here (tandem video
				// attach, the demo) is the item's video all the same.
				sp.Video.Attached = true
			}
		}
	}
	return nil
}

// fix marks the fields other than the texts read-only, and the texts too
// when texts is true, and drops the blank rows that add items.
func (p *programmePage) fix(texts bool) {
	fix := func(fs []plainField) {
		for i := range fs {
			fs[i].ReadOnly = true
		}
	}
	var sessions []sessionRow
	for _, ss := range p.Sessions {
		if ss.New {
			continue
		}
		ss.Pos.ReadOnly = true
		fix(ss.Times)
		ss.Title.ReadOnly, ss.Room.ReadOnly = texts, texts
		var speeches []speechRow
		for _, sp := range ss.Speeches {
			if sp.New {
				continue
			}
			sp.Pos.ReadOnly = true
			fix(sp.Fields)
			fix(sp.Times)
			sp.Title.ReadOnly, sp.Summary.ReadOnly = texts, texts
			speeches = append(speeches, sp)
		}
		ss.Speeches = speeches
		sessions = append(sessions, ss)
	}
	p.Sessions = sessions
}

// programmeLangs returns the languages the forum promises, in which the
// programme's texts are written.
func programmeLangs(f *forum.Forum) []string {
	var out []string
	for _, l := range i18n.Languages {
		if slices.Contains(f.Languages, l) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return i18n.Languages
	}
	return out
}

// programmeForum loads what the programme pages need of forum id: the
// forum as drafted (its zone, dates and languages), its live hosts, and
// checks that the account may do action with the programme. An account
// that may not see the forum gets not found (an author sees programmes only
// through their own speeches, elsewhere).
func (s *Server) programmeForum(rq *officeRequest, id int64, action account.Action) (*forum.Forum, []int64, error) {
	ctx := rq.Context()
	_, hosts, err := s.forumHosts(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := rq.must(account.SubjectForum, account.View, hosts...); err != nil {
		return nil, nil, err
	}
	if err := rq.must(account.SubjectProgramme, action, hosts...); err != nil {
		return nil, nil, err
	}
	fd, err := approval.Load(ctx, s.db, approval.Subject{Kind: approval.KindForum, ID: id})
	if err != nil {
		return nil, nil, fmt.Errorf("programme of forum %d: %w", id, err)
	}
	f := fd.Content.(*forum.Forum)
	f.ID = id
	return f, hosts, nil
}
