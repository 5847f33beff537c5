package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/works"
)

// collectionPage is the office's form of a collection, new or being
// edited: its texts in the forum's languages, the languages of its
// editions, its release and deadline in the forum's zone, and its volume
// editors from each host partner's team.
type collectionPage struct {
	Form    *form
	Summary *errorSummary
	Message string
	New     bool
	Action  string
	Back    string
	// Forum is the forum's title in the reader's language, Zone its time
	// zone, in which the times are written.
	Forum, Zone        string
	Slug               string
	SlugInput          inputField
	Title, Description mlField
	Languages          checkGroup
	Release, Deadline  inputField
	Editors            []checkGroup
	History            *historyView
}

// checkGroup is a set of checkboxes of one name.
type checkGroup struct {
	Name, Label, Hint string
	Options           []checkOption
	Errors            []string
}

type checkOption struct {
	Value, Label string
	Checked      bool
}

// collectionEditorRoles are the roles of the accounts a collection's
// volume editors are chosen from.
var collectionEditorRoles = []account.Role{account.Organiser, account.Editor}

// collectionValues returns the form values of a stored collection, its
// times written in loc.
func collectionValues(c *works.Collection, version int, loc *time.Location) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(version))
	v.Set("slug", c.Slug)
	putText(v, "title", c.Title)
	putText(v, "description", c.Description)
	v["languages"] = slices.Clone(c.Languages)
	v.Set("release", c.ReleasedAt.In(loc).Format("2006-01-02T15:04"))
	if !c.Deadline.IsZero() {
		v.Set("deadline", c.Deadline.In(loc).Format("2006-01-02T15:04"))
	}
	for _, e := range c.Editors {
		v.Add("editor", itoa(e.PartnerID)+":"+itoa(e.AccountID))
	}
	return v
}

// newCollectionValues are the values of a new collection's form for forum
// f: its texts starting in the forum's first language, every language of
// the forum chosen.
func newCollectionValues(f *forum.Forum) url.Values {
	v := url.Values{"version": {"0"}, "forum": {itoa(f.ID)}}
	if len(f.Languages) > 0 {
		v.Set("title.src", f.Languages[0])
		v.Set("description.src", f.Languages[0])
	}
	v["languages"] = slices.Clone(f.Languages)
	return v
}

// readCollection reads the form into c for forum f, failing the fields
// that are wrong; the editors must be among candidates (by partner).
func readCollection(f *form, c *works.Collection, fm *forum.Forum, candidates map[int64][]*account.Account) {
	loc := fm.Location()
	c.Title = f.mltext("title", fm.Languages, true, false, 300)
	c.Description = f.mltext("description", fm.Languages, false, true, 5000)
	c.Languages = nil
	for _, l := range fm.Languages {
		if slices.Contains(f.values["languages"], l) {
			c.Languages = append(c.Languages, l)
		}
	}
	for _, l := range f.values["languages"] {
		if !slices.Contains(fm.Languages, l) {
			f.fail("languages", "office.form.choice")
		}
	}
	if len(c.Languages) == 0 {
		f.fail("languages", "works.collection.nolanguages")
	}
	c.ReleasedAt = f.localTime("release", true, loc)
	c.Deadline = f.localTime("deadline", false, loc)
	c.Editors = nil
	for _, v := range f.values["editor"] {
		p, a, _ := strings.Cut(v, ":")
		pid, err1 := strconv.ParseInt(p, 10, 64)
		aid, err2 := strconv.ParseInt(a, 10, 64)
		ok := err1 == nil && err2 == nil && slices.ContainsFunc(candidates[pid], func(x *account.Account) bool { return x.ID == aid })
		if !ok {
			f.fail("editors", "office.form.choice")
			continue
		}
		c.Editors = append(c.Editors, works.Editor{AccountID: aid, PartnerID: pid})
	}
}

// collectionCandidates returns the accounts a collection of forum f may
// have as volume editors, by host partner.
func (s *Server) collectionCandidates(ctx context.Context, f *forum.Forum) (map[int64][]*account.Account, error) {
	return s.teamAccounts(ctx, hostIDs(f.Hosts), collectionEditorRoles...)
}

// renderCollection writes the collection form with status.
func (s *Server) renderCollection(w http.ResponseWriter, rq *officeRequest, status int, pg *collectionPage, fm *forum.Forum, candidates map[int64][]*account.Account) error {
	f, t := pg.Form, rq.T
	pg.Summary = f.summary("slug", "title", "description", "languages", "release", "deadline", "editors")
	pg.Forum, _ = fm.Title.In(rq.Lang)
	pg.Zone = fm.TimeZone
	pg.Slug = f.values.Get("slug")
	pg.SlugInput = f.input("slug", t.T("office.content.slug.label"), t.T("office.content.slug.hint"), "text", true, 100)
	pg.Title = f.field("title", t.T("works.collection.title"), fm.Languages, true, false, 300)
	pg.Description = f.field("description", t.T("works.collection.description"), fm.Languages, false, true, 5000)
	pg.Languages = checkGroup{Name: "languages", Label: t.T("works.collection.languages"), Hint: t.T("works.collection.languageshint"), Errors: f.errors["languages"]}
	for _, l := range fm.Languages {
		pg.Languages.Options = append(pg.Languages.Options, checkOption{Value: l, Label: t.T("lang.name." + l), Checked: slices.Contains(f.values["languages"], l)})
	}
	pg.Release = f.input("release", t.T("works.collection.release"), t.T("works.collection.releasehint", fm.TimeZone), "datetime-local", true, 20)
	pg.Deadline = f.input("deadline", t.T("works.collection.deadline"), t.T("works.collection.deadlinehint", fm.TimeZone), "datetime-local", false, 20)
	for _, h := range fm.Hosts {
		name, _ := h.ShortName.In(rq.Lang)
		g := checkGroup{Name: "editor", Label: t.T("works.collection.editorsof", name), Errors: f.errors["editors"]}
		if len(candidates[h.ID]) == 0 {
			g.Hint = t.T("works.collection.noeditors")
		}
		for _, a := range candidates[h.ID] {
			v := itoa(h.ID) + ":" + itoa(a.ID)
			g.Options = append(g.Options, checkOption{Value: v, Label: a.Name, Checked: slices.Contains(f.values["editor"], v)})
		}
		pg.Editors = append(pg.Editors, g)
	}
	title := t.T("works.collection.new")
	if !pg.New {
		title = t.T("works.collection.edit", pg.Forum)
		if v, _ := pg.Title.valueIn(rq.Lang); v != "" {
			title = t.T("works.collection.edit", v)
		}
	}
	return s.officeRenderStatus(w, rq, status, "collection_form", "collections", title, pg)
}

// valueIn returns the field's value in l, or in its source language.
func (m mlField) valueIn(l string) (string, bool) {
	var src string
	for _, c := range m.Columns {
		if c.Lang == l && strings.TrimSpace(c.Value) != "" {
			return c.Value, true
		}
		if c.Source {
			src = c.Value
		}
	}
	return src, false
}

// zoned writes the instant t as a reader of rq reads it in the zone named
// zone (a forum's): date, time and the zone's name.
func zoned(rq *officeRequest, t time.Time, zone string) string { return zonedIn(rq.T, t, zone) }

// zonedIn is zoned for a printer (a mail's language).
func zonedIn(p *i18n.Printer, t time.Time, zone string) string {
	loc, err := time.LoadLocation(zone)
	if err != nil {
		loc, zone = time.UTC, "UTC"
	}
	t = t.In(loc)
	return p.T("works.zoned", p.Date(t), p.Time(t), zone)
}
