package web

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// The office's forum pages (forum_index.go, forum_new.go, forum_create.go,
// forum_edit.go, forum_save.go) share the forum form: its fields written
// from stored content (forumValues) and read back from a request
// (readForum), and the page that shows it (forumPage).

// forumText is one multilingual field of the forum form.
type forumText struct {
	name     string
	required bool
	lines    bool
	max      int // characters per language
}

// forumTexts are the forum's multilingual fields, in the order of the form.
var forumTexts = []forumText{
	{"title", true, false, 300},
	{"theme", false, false, 600},
	{"summary", false, true, 5000},
	{"note", false, true, 2000},
	{"venue", false, false, 300},
}

// forumZones are the time zones the zone field suggests; any IANA zone
// name may be typed.
var forumZones = []string{
	"Asia/Shanghai", "Asia/Hong_Kong", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk",
	"Asia/Krasnoyarsk", "Asia/Irkutsk", "Asia/Vladivostok", "Europe/Berlin", "Europe/London",
	"America/New_York", "UTC",
}

// errFormStale answers a save whose form was loaded from a version of the
// draft that is no longer the current one.
var errFormStale = fmt.Errorf("the draft was saved since the form was loaded: %w", errkind.Conflict)

// localLayout writes a time as <input type="datetime-local"> shows it.
func localValue(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	if t.Second() != 0 {
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format("2006-01-02T15:04")
}

// forumValues writes f, loaded from version of its draft, into form values
// as readForum reads them.
func forumValues(f *forum.Forum, version int) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(version))
	v.Set("slug", f.Slug)
	// A new zone moves the programme with the forum unless unticked.
	v.Set("move_programme", "1")
	putText(v, "title", f.Title)
	putText(v, "theme", f.Theme)
	putText(v, "summary", f.Summary)
	putText(v, "note", f.Note)
	putText(v, "venue", f.Venue)
	v.Set("timezone", f.TimeZone)
	loc := f.Location()
	v.Set("starts", localValue(f.StartsAt, loc))
	v.Set("ends", localValue(f.EndsAt, loc))
	if f.Online {
		v.Set("online", "1")
	}
	for _, l := range f.Languages {
		v.Add("languages", l)
	}
	for i, h := range f.Hosts {
		id := strconv.FormatInt(h.ID, 10)
		v.Add("hosts", id)
		v.Set("hostpos."+id, strconv.Itoa(i+1))
	}
	return v
}

// formLanguages reads the checked languages of field: each must be one the
// site is written in, and at least one is needed. They come back in the
// site's order.
func formLanguages(fm *form, field string) []string {
	var out []string
	for _, l := range fm.values[field] {
		if !slices.Contains(i18n.Languages, l) {
			fm.fail(field, "office.form.choice")
			return nil
		}
	}
	for _, l := range i18n.Languages {
		if slices.Contains(fm.values[field], l) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		fm.fail(field, "office.forum.languages.none")
	}
	return out
}

// formColumns returns the languages whose columns the multilingual fields
// of the form show: those checked, or, before any is, every language of
// the site.
func formColumns(values url.Values) []string {
	var out []string
	for _, l := range i18n.Languages {
		if slices.Contains(values["languages"], l) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return i18n.Languages
	}
	return out
}

// readForum reads the forum form into f, which holds what the form does
// not show (its id). partners are those a host may be chosen from.
func readForum(fm *form, f *forum.Forum, partners []*forum.Partner) {
	f.Slug = fm.text("slug", true, 100)
	if f.Slug != "" && !forum.ValidSlug(f.Slug) && len(fm.errors["slug"]) == 0 {
		fm.fail("slug", "office.forum.slug.malformed")
	}
	f.Languages = formLanguages(fm, "languages")
	cols := formColumns(fm.values)
	texts := map[string]*lang.Text{"title": &f.Title, "theme": &f.Theme, "summary": &f.Summary, "note": &f.Note, "venue": &f.Venue}
	for _, t := range forumTexts {
		*texts[t.name] = fm.mltext(t.name, cols, t.required, t.lines, t.max)
	}
	f.TimeZone = fm.text("timezone", true, 64)
	var loc *time.Location
	if f.TimeZone != "" && len(fm.errors["timezone"]) == 0 {
		l, err := time.LoadLocation(f.TimeZone)
		if err != nil || f.TimeZone == "Local" {
			fm.fail("timezone", "office.forum.zone.unknown")
		} else {
			loc = l
		}
	}
	if loc != nil {
		f.StartsAt = fm.localTime("starts", true, loc).UTC()
		f.EndsAt = fm.localTime("ends", true, loc).UTC()
	}
	f.Online = fm.values.Get("online") != ""
	f.Hosts = readHosts(fm, partners)
}

// readHosts reads the chosen host partners, in the order of their position
// numbers (ties keep the order of the form).
func readHosts(fm *form, partners []*forum.Partner) []*forum.Partner {
	type host struct {
		p   *forum.Partner
		pos int
	}
	var hs []host
	seen := map[int64]bool{}
	for n, s := range fm.values["hosts"] {
		id, _ := strconv.ParseInt(s, 10, 64)
		i := slices.IndexFunc(partners, func(p *forum.Partner) bool { return p.ID == id })
		if i < 0 {
			fm.fail("hosts", "office.form.choice")
			return nil
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		pos := n + 1
		if v := strings.TrimSpace(fm.values.Get("hostpos." + s)); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 || n > 1000 {
				fm.fail("hostpos."+s, "office.forum.position")
				continue
			}
			pos = n
		}
		p := *partners[i]
		p.Logo = nil
		hs = append(hs, host{&p, pos})
	}
	sort.SliceStable(hs, func(a, b int) bool { return hs[a].pos < hs[b].pos })
	out := make([]*forum.Partner, len(hs))
	for i, h := range hs {
		out[i] = h.p
	}
	if len(out) == 0 {
		fm.fail("hosts", "office.forum.hosts.none")
	}
	return out
}

// hostIDs returns the ids of a forum's hosts, in order.
func hostIDs(hosts []*forum.Partner) []int64 {
	ids := make([]int64, 0, len(hosts))
	for _, h := range hosts {
		ids = append(ids, h.ID)
	}
	return ids
}

// checkForum checks what the form's fields alone cannot: that the account
// remains able to do action with the forum as its hosts now stand (one of
// its partners is a host), that the slug names no other forum, and the
// forum package's rules, each problem at its field.
func (rq *officeRequest) checkForum(ctx context.Context, q store.Querier, fm *form, f *forum.Forum, action account.Action) error {
	if len(f.Hosts) > 0 && !rq.can(account.SubjectForum, action, hostIDs(f.Hosts)...) {
		fm.fail("hosts", "office.forum.hosts.mine")
	}
	if f.Slug != "" && len(fm.errors["slug"]) == 0 {
		other, err := (&forum.Store{DB: q, Drafts: true}).ForumBySlug(ctx, f.Slug)
		switch {
		case err == nil && other.ID != f.ID:
			fm.fail("slug", "office.forum.slug.taken")
		case err != nil && !errors.Is(err, forum.ErrNotFound):
			return err
		}
		// Another forum's draft may have taken the slug too; publishing
		// both would fail.
		drafts, err := approval.Drafts(ctx, q, approval.KindForum)
		if err != nil {
			return err
		}
		for id, d := range drafts {
			if id != f.ID && d.Content.(*forum.Forum).Slug == f.Slug && len(fm.errors["slug"]) == 0 {
				fm.fail("slug", "office.forum.slug.taken")
			}
		}
	}
	if fm.ok() {
		if err := forum.ValidateForum(f); err != nil {
			field, key := validationProblem(err, "", []string{"title", "theme", "summary", "note", "venue"})
			fm.fail(field, key)
		}
	}
	return nil
}

// wordLang finds the language a validation message names after a field:
// "theme: ru: byte 3: …".
var wordLang = regexp.MustCompile(`^([a-z]{2,3}): `)

// validationProblem maps an error of a forum.Validate* function about one
// item to the form field it is about (prefix + field, with ".lang" for a
// multilingual field) and the message key that says what to do; texts
// are the item's multilingual fields. What it cannot place goes to the
// item's first field, "prefix" + "title".
func validationProblem(err error, prefix string, texts []string) (field, key string) {
	msg := " " + err.Error()
	key = "office.forum.invalid"
	switch {
	case errors.Is(err, lang.ErrControl):
		key = "office.form.control"
	case errors.Is(err, lang.ErrNoSource):
		key = "office.form.sourceempty"
	}
	for _, t := range texts {
		i := strings.LastIndex(msg, " "+t+": ")
		if i < 0 {
			continue
		}
		rest := msg[i+len(t)+3:]
		if m := wordLang.FindStringSubmatch(rest); m != nil && slices.Contains(i18n.Languages, m[1]) {
			return prefix + t + "." + m[1], key
		}
		return prefix + t, key
	}
	for _, p := range []struct{ words, field, key string }{
		{"ends before it starts", "ends", "office.forum.endsbefore"},
		{"malformed slug", "slug", "office.forum.slug.malformed"},
		{"share the slug", "slug", "office.forum.programme.slug.taken"},
		{"time zone", "timezone", "office.forum.zone.unknown"},
		{"languages:", "languages", "office.form.choice"},
		{"hosts:", "hosts", "office.form.choice"},
		{"original language", "lang", "office.form.choice"},
		{"unknown kind", "kind", "office.form.choice"},
		{"unknown delivery", "delivery", "office.form.choice"},
		{"no speaker", "speaker", "office.form.required"},
	} {
		if strings.Contains(msg, p.words) {
			return prefix + p.field, p.key
		}
	}
	return prefix + "title", key
}

// failFields records approval's field errors at the form's fields: Field
// (a path into the content, "theme" or "sessions[2].speeches[0].title")
// becomes a field name through name, and Lang is appended to it.
func failFields(fm *form, fes approval.FieldErrors, name func(path string) string) {
	for _, fe := range fes {
		field := name(fe.Field)
		if fe.Lang != "" {
			field += "." + fe.Lang
		}
		if fe.Key == approval.KeyMissingLanguage {
			fm.fail(field, fe.Key, fm.t.T("lang.name."+fe.Lang))
			continue
		}
		fm.fail(field, fe.Key)
	}
}

// saveDraft saves content as the next version of subj's draft in tx, when
// the draft is still at version, the one the form was loaded from. When it
// is not, it returns the draft as it stands and errFormStale. approval.Save
// takes no expected version, so the version is compared before the save
// and again after it, which catches a save made in between by another
// transaction. withdrawn reports that the draft had been asked to be
// published (or approved and scheduled), a request the save withdraws.
func saveDraft(ctx context.Context, tx *store.Tx, subj approval.Subject, version int, content any, actor approval.Actor) (d *approval.Draft, withdrawn bool, err error) {
	d, err = approval.Load(ctx, tx, subj)
	if err != nil {
		return nil, false, err
	}
	if d.Version != version {
		return d, false, errFormStale
	}
	withdrawn = requested(d.State)
	out, err := approval.Save(ctx, tx, subj, content, actor)
	if err != nil {
		return nil, false, err
	}
	if out.Version != version+1 {
		return out, false, errFormStale
	}
	return out, withdrawn, nil
}

// requested reports whether a draft in state s is asked to be published:
// awaiting approvals, or approved and waiting for its time. Saving such a
// draft withdraws the request, which the flash then says.
func requested(s approval.State) bool {
	return s == approval.Submitted || s == approval.Scheduled
}

// savedFlash returns the flash key after a save: key, or key + ".withdrawn"
// when the save withdrew a request to publish.
func savedFlash(key string, withdrawn bool) string {
	if withdrawn {
		return key + ".withdrawn"
	}
	return key
}

// draftInfo is what the office shows of a draft above its form: version,
// state, who saved it last, and the approvers' decisions.
type draftInfo struct {
	T          *i18n.Printer
	Version    int
	State      string // "", or an approval.State
	StateName  string
	Comment    string
	AuthorName string
	UpdatedAt  string
	Approvals  []approvalRow
	// Approvers names, while nobody has asked to publish the draft, the
	// partners whose approval publishing it will need.
	Approvers []string
	// CanSubmit says whether the reader may ask to publish the draft, by
	// posting its version to SubmitURL.
	CanSubmit bool
	SubmitURL string
	// ReadOnly is set for a reader who may not save the form, to whom
	// "saving starts a draft" would mean nothing.
	ReadOnly bool
}

type approvalRow struct {
	Partner  string
	Name     string // who decided; "" while awaited
	At       string
	Approved bool
}

// newDraftInfo describes d for a reader of rq's language; partners names
// the approver partners.
func newDraftInfo(rq *officeRequest, d *approval.Draft, partners []*forum.Partner) draftInfo {
	info := draftInfo{T: rq.T, Version: d.Version, State: string(d.State), Comment: d.Comment, AuthorName: d.AuthorName}
	if d.State != "" {
		if d.State == approval.Scheduled {
			info.StateName = rq.T.T("approval.state.scheduled", rq.T.Date(d.PublishAt))
		} else {
			info.StateName = rq.T.T("approval.state." + string(d.State))
		}
	}
	if !d.UpdatedAt.IsZero() {
		info.UpdatedAt = rq.T.Date(d.UpdatedAt) + " " + rq.T.Time(d.UpdatedAt)
	}
	for _, a := range d.Approvals {
		row := approvalRow{Name: a.Name, Approved: !a.At.IsZero()}
		for _, p := range partners {
			if p.ID == a.PartnerID {
				row.Partner, _ = p.ShortName.In(rq.Lang)
			}
		}
		if row.Approved {
			row.At = rq.T.Date(a.At)
		}
		info.Approvals = append(info.Approvals, row)
	}
	return info
}

// withApprovers adds to info the partners whose approval publishing subj
// needs, when its draft shows no decisions yet.
func (s *Server) withApprovers(rq *officeRequest, info *draftInfo, subj approval.Subject, partners []*forum.Partner) error {
	if len(info.Approvals) > 0 {
		return nil
	}
	ids, err := approval.Approvers(rq.Context(), s.db, subj)
	if err != nil {
		return err
	}
	for _, id := range ids {
		for _, p := range partners {
			if p.ID == id {
				name, _ := p.ShortName.In(rq.Lang)
				info.Approvers = append(info.Approvers, name)
			}
		}
	}
	return nil
}

// forumHosts returns the live hosts of forum id, which say who may see and
// change it in the office; a forum that does not exist is not found.
func (s *Server) forumHosts(ctx context.Context, id int64) (*forum.Forum, []int64, error) {
	f, err := s.forums.WithDrafts().ForumByID(ctx, id)
	if errors.Is(err, forum.ErrNotFound) {
		return nil, nil, fmt.Errorf("forum %d: %w", id, errkind.NotFound)
	}
	if err != nil {
		return nil, nil, err
	}
	return f, hostIDs(f.Hosts), nil
}

// pathID reads the path value name as a positive id; anything else names
// nothing.
func pathID(rq *officeRequest, name string) (int64, error) {
	id, err := strconv.ParseInt(rq.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fmt.Errorf("%s %q: %w", name, rq.PathValue(name), errkind.NotFound)
	}
	return id, nil
}

// formVersion reads the hidden version field of an edit form.
func formVersion(values url.Values) (int, error) {
	v, err := strconv.Atoi(values.Get("version"))
	if err != nil || v < 0 {
		return 0, badRequest("version %q", values.Get("version"))
	}
	return v, nil
}
