package web

import (
	"net/http"
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

// forumPage is the forum form as the office shows it, new or edited.
type forumPage struct {
	// ID is the forum's, 0 for a new one; Action is where the form posts.
	ID int64
	// History is the forum's latest events; nil on a new one's form.
	History *historyView
	Action  string
	Form    *form
	Summary *errorSummary
	// Message says, above the form, why it was not saved.
	Message   string
	Texts     []mlField
	Languages []langChoice
	Zones     []string
	// ZoneName names the zone the times are written in, in the reader's
	// language; empty while the zone field holds no known zone.
	ZoneName string
	Hosts    []hostRow
	// The rest is for a forum that exists.
	Draft                    draftInfo
	Public                   bool // the public sees the forum
	PublicURL                string
	CanEdit                  bool
	PreviewURL, ProgrammeURL string
	// Fixed shows the fields other than the texts read-only: to a reader
	// who may not edit, and to a translator, who edits the texts only.
	Fixed bool
	// Notice says, above the form, that it is read-only or that only its
	// texts may be changed; empty for those who edit it all.
	Notice string
}

// langChoice is one language of the languages checkboxes.
type langChoice struct {
	Code, Name string
	Checked    bool
}

// hostRow is one partner of the hosts list: chosen or not, with its
// position among the hosts.
type hostRow struct {
	ID      int64
	Name    string
	Checked bool
	Pos     string
}

// newForumPage returns the page of the form fm; partners are those a host
// may be chosen from.
func newForumPage(rq *officeRequest, fm *form, partners []*forum.Partner) *forumPage {
	p := &forumPage{Form: fm, Zones: forumZones}
	cols := formColumns(fm.values)
	for _, t := range forumTexts {
		p.Texts = append(p.Texts, fm.field(t.name, rq.T.T("office.forum.field."+t.name), cols, t.required, t.lines, t.max))
	}
	for _, l := range i18n.Languages {
		p.Languages = append(p.Languages, langChoice{Code: l, Name: rq.T.T("lang.name." + l), Checked: slices.Contains(fm.values["languages"], l)})
	}
	if z := strings.TrimSpace(fm.values.Get("timezone")); z != "" && z != "Local" {
		if loc, err := time.LoadLocation(z); err == nil {
			p.ZoneName = rq.T.ZoneName(loc, time.Now())
		}
	}
	chosen := fm.values["hosts"]
	for _, pt := range partners {
		id := strconv.FormatInt(pt.ID, 10)
		name, _ := pt.Name.In(rq.Lang)
		p.Hosts = append(p.Hosts, hostRow{ID: pt.ID, Name: name, Checked: slices.Contains(chosen, id), Pos: fm.values.Get("hostpos." + id)})
	}
	// The hosts first, in their order, then the other partners.
	pos := func(h hostRow) int {
		if !h.Checked {
			return 1 << 30
		}
		if n, err := strconv.Atoi(h.Pos); err == nil {
			return n
		}
		return slices.Index(chosen, strconv.FormatInt(h.ID, 10))
	}
	sort.SliceStable(p.Hosts, func(a, b int) bool { return pos(p.Hosts[a]) < pos(p.Hosts[b]) })
	p.Summary = fm.summary("slug", "title", "languages", "timezone", "starts", "ends", "hosts")
	return p
}

// renderForum shows the form fm of forum live (as the public tables hold
// it) with its draft d, with status and, when not empty, message above it.
func (s *Server) renderForum(w http.ResponseWriter, rq *officeRequest, status int, live *forum.Forum, fm *form, d *approval.Draft, message string) error {
	partners, err := s.forums.WithDrafts().Partners(rq.Context())
	if err != nil {
		return err
	}
	p := newForumPage(rq, fm, partners)
	id := strconv.FormatInt(live.ID, 10)
	hosts := hostIDs(live.Hosts)
	p.ID, p.Action, p.Message = live.ID, officePrefix+"/forums/"+id, message
	p.Draft = newDraftInfo(rq, d, partners)
	if err := s.withApprovers(rq, &p.Draft, d.Subject, partners); err != nil {
		return err
	}
	p.Public = live.Published
	if live.Published {
		p.PublicURL = "/" + rq.Lang + "/forums/" + live.Slug
	}
	p.CanEdit = rq.can(account.SubjectForum, account.Edit, hosts...)
	switch {
	case !p.CanEdit:
		p.Fixed, p.Notice = true, rq.T.T("office.forum.readonly")
		for i := range p.Texts {
			p.Texts[i].ReadOnly = true
		}
	case rq.textsOnly(hosts):
		p.Fixed, p.Notice = true, rq.T.T("office.forum.textsonly")
	}
	p.Draft.ReadOnly = !p.CanEdit
	p.Draft.CanSubmit = d.Version > 0 && (d.State == approval.Editing || d.State == approval.Returned) &&
		rq.can(account.SubjectForum, account.Publish, hosts...)
	p.Draft.SubmitURL = officePrefix + "/approvals/forum/" + id + "/submit"
	p.PreviewURL = officePrefix + "/preview/forum/" + id
	p.ProgrammeURL = officePrefix + "/forums/" + id + "/programme"
	if p.History, err = s.history(rq, d.Subject.String()); err != nil {
		return err
	}
	f := d.Content.(*forum.Forum)
	title, _ := f.Title.In(rq.Lang)
	return s.officeRenderStatus(w, rq, status, "forum_form", "forums", rq.T.T("office.forum.edit.title", title), p)
}
