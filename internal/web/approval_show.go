package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/media"
)

// approvalPage is the change page: what a draft changes for the public,
// who asked and who decided, and the forms of the steps the account may
// take.
type approvalPage struct {
	Subject approval.Subject
	Draft   *approval.Draft
	Title   string
	Kind    string
	// State says where the draft stands, in words; empty when there is
	// no draft.
	State   string
	AskedBy string
	AskedAt string
	// Approvers are the partners whose approval the submitted version
	// needs, in order, with their decisions.
	Approvers []approverView
	Changes   []changeView
	// ApproveAs lists the awaited partners for which the account decides;
	// empty hides the approve and return forms.
	ApproveAs []partnerOption
	// CanSubmit shows the form that asks for publication; CanSchedule the
	// one that sets the publish-at time, written in Zone.
	CanSubmit bool
	// DraftTexts names the changed texts still marked as draft
	// translations ("Theme (Russian)"), which the public will read in
	// their source language instead: said where one asks to publish.
	DraftTexts  []string
	CanSchedule bool
	Zone        string
	PublishAt   string // as the datetime-local input writes it
	ScheduledAt string // in words, for a draft approved and waiting
	Form        *form  // the return and schedule forms, as typed
	Summary     *errorSummary
	Preview     string
	Edit        string
	// History is the subject's latest events.
	History *historyView
}

type approverView struct {
	Partner string
	Done    bool
	By, At  string
}

type partnerOption struct {
	ID   int64
	Name string
}

// changeView is one changed value, per language for a multilingual field,
// with the old text and the new, each cut into kept, deleted and inserted
// stretches.
type changeView struct {
	Field, Lang, LangName string
	Before, After         diffView
	// Added and Removed mark a value that is new or gone as a whole.
	Added, Removed bool
	// BeforeState and AfterState say, for a multilingual field, whether
	// the public is shown the value or it is a draft translation it does
	// not see; empty for other fields and for an absent value.
	BeforeState, AfterState string
	// BeforeImage and AfterImage show, for a field that names an image of
	// the library (a logo, a photo, a lead image), the image itself.
	BeforeImage, AfterImage *changeImage
}

// changeImage is an image of the library as a change shows it: its
// smallest rendition, its alt text in the reader's language, and its page.
type changeImage struct {
	File media.File
	Alt  string
	Page string
}

// imageFields are the fields whose values are ids of library images.
var imageFields = []string{"logo_id", "photo_id", "lead_image_id", "image_id"}

// changeImages sets the images of the changes whose fields name one, read
// in one query.
func (s *Server) changeImages(ctx context.Context, l string, raw []approval.Change, views []changeView) error {
	var ids []int64
	for _, c := range raw {
		if slices.Contains(imageFields, changeLastStep(c.Field)) {
			for _, v := range []string{c.Before, c.After} {
				if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
					ids = append(ids, id)
				}
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	images, err := media.Load(ctx, s.db, ids)
	if err != nil {
		return err
	}
	pick := func(v string) *changeImage {
		id, _ := strconv.ParseInt(v, 10, 64)
		im := images[id]
		if im == nil {
			return nil
		}
		alt, _ := im.Alt.In(l)
		return &changeImage{File: im.Smallest(), Alt: alt, Page: officePrefix + "/media/" + itoa(id)}
	}
	for i, c := range raw {
		if slices.Contains(imageFields, changeLastStep(c.Field)) {
			views[i].BeforeImage, views[i].AfterImage = pick(c.Before), pick(c.After)
		}
	}
	return nil
}

// diffView is one side of a change: the stretches of its text, and the
// words that say, for those who do not see the marks, where an insertion
// or a deletion begins.
type diffView struct {
	Ops      []approval.DiffOp
	Ins, Del string
}

// approvalShow answers GET /office/approvals/{kind}/{id}.
func (s *Server) approvalShow(w http.ResponseWriter, rq *officeRequest) error {
	subj, err := approvalSubject(rq.Request)
	if err != nil {
		return err
	}
	page, err := s.approvalPage(rq, subj, nil)
	if err != nil {
		return err
	}
	return s.officeRender(w, rq, "approval", "approvals", page.Title, page)
}

// approvalPage reads what the change page of subj shows; f, when not nil,
// is a form that came back with errors.
func (s *Server) approvalPage(rq *officeRequest, subj approval.Subject, f *form) (*approvalPage, error) {
	ctx := rq.Context()
	sd, err := s.loadApprovalSubject(ctx, s.db, rq, subj, account.View)
	if err != nil {
		return nil, err
	}
	d := sd.Draft
	fs := s.forums.WithDrafts()
	title, err := approvalTitle(ctx, fs, subj, d.Content, rq.Lang)
	if err != nil {
		return nil, err
	}
	names, err := loadApprovalNames(ctx, fs, rq.Lang)
	if err != nil {
		return nil, err
	}
	loc := approvalZone(ctx, fs, subj, d.Content)
	// The public reads a time in its forum's zone: what it reads now in
	// the live forum's, what it will read in the forum's as drafted (a
	// programme moved with its forum's new zone). Each side of a change
	// is written in its own.
	liveLoc := loc
	if subj.Kind == approval.KindForum || subj.Kind == approval.KindProgramme {
		if live, err := fs.ForumByID(ctx, subj.ID); err == nil {
			liveLoc = live.Location()
		}
	}
	if subj.Kind == approval.KindProgramme {
		if fd, err := approval.Load(ctx, s.db, approval.Subject{Kind: approval.KindForum, ID: subj.ID}); err == nil {
			loc = fd.Content.(*forum.Forum).Location()
		}
	}
	t := rq.T
	// Decisions are dated in the forum's zone, named, as the page's other
	// times are; the history below keeps UTC, which it says.
	at := func(x time.Time) string {
		x = x.In(loc)
		return t.Date(x) + " " + t.Time(x) + " (" + t.ZoneName(loc, x) + ")"
	}
	p := &approvalPage{
		Subject: subj, Draft: d, Title: title, Kind: t.T("office.kind." + string(subj.Kind)),
		Zone: t.ZoneName(loc, time.Now()), Preview: approvalPreviewPath(subj) + "/" + rq.Lang,
	}
	if rq.can(approvalSubjects[subj.Kind], account.View, sd.Owners...) {
		// An approver of another team reads the change here; its form is
		// its owners' teams'.
		p.Edit = approvalEditPath(subj)
	}
	if f == nil {
		f = newForm(t, nil)
		if !d.PublishAt.IsZero() {
			f.values.Set("publish_at", d.PublishAt.In(loc).Format("2006-01-02T15:04"))
		}
	}
	p.Form = f
	if d.Version > 0 {
		p.State = t.T("approval.state." + string(d.State))
		if d.State == approval.Scheduled {
			p.State = t.T("approval.state.scheduled", at(d.PublishAt))
		}
		if !d.PublishAt.IsZero() {
			p.ScheduledAt = at(d.PublishAt)
		}
	}
	if d.SubmittedBy != 0 && d.State != approval.Editing {
		p.AskedBy = d.SubmittedByName
	}
	act := rq.actor()
	mayApprove := rq.can(approvalSubjects[subj.Kind], account.Approve, sd.Partners...)
	for _, a := range d.Approvals {
		v := approverView{Partner: names.partner(a.PartnerID), Done: !a.At.IsZero(), By: a.Name}
		if v.Done {
			v.At = at(a.At)
			if a.AccountID == d.SubmittedBy && p.AskedAt == "" {
				p.AskedAt = v.At
			}
		}
		p.Approvers = append(p.Approvers, v)
		if !v.Done && d.State == approval.Submitted && mayApprove && slices.Contains(act.PartnerIDs, a.PartnerID) {
			p.ApproveAs = append(p.ApproveAs, partnerOption{ID: a.PartnerID, Name: v.Partner})
		}
	}
	mayPublish := rq.can(approvalSubjects[subj.Kind], account.Publish, sd.Owners...)
	p.CanSubmit = mayPublish && d.Version > 0 && (d.State == approval.Editing || d.State == approval.Returned)
	p.CanSchedule = mayPublish && d.Version > 0
	changes, err := approval.Diff(ctx, s.db, subj)
	if err != nil {
		return nil, err
	}
	for _, c := range changes {
		p.Changes = append(p.Changes, changeOf(t, names, liveLoc, loc, c))
		if c.AfterDraft && c.After != "" {
			p.DraftTexts = append(p.DraftTexts, changeFieldName(t, c.Field)+" ("+t.T("lang.name."+c.Lang)+")")
		}
	}
	if err := s.changeImages(ctx, rq.Lang, changes, p.Changes); err != nil {
		return nil, err
	}
	p.Summary = f.summary("comment", "publish_at")
	if p.History, err = s.history(rq, subj.String()); err != nil {
		return nil, err
	}
	return p, nil
}

// changeOf shows c to a reader of t's language: its field in words, its
// values formatted (times before in beforeLoc, after in afterLoc: the
// forum's zone now and as drafted; partners by name), and the diff of
// what the reader reads.
func changeOf(t *i18n.Printer, names *approvalNames, beforeLoc, afterLoc *time.Location, c approval.Change) changeView {
	before := changeValue(t, names, beforeLoc, c.Field, c.Before)
	after := changeValue(t, names, afterLoc, c.Field, c.After)
	ops := c.Ops
	switch {
	case c.Lang == "":
		// A date, a number, a choice: read whole, not cut into characters.
		ops = approval.WholeDiff(before, after)
	case before != c.Before || after != c.After:
		ops = approval.TextDiff(before, after, c.Lang)
	}
	v := changeView{Field: changeFieldName(t, c.Field), Lang: c.Lang, Added: before == "", Removed: after == ""}
	if c.Lang != "" {
		v.LangName = t.T("lang.name." + c.Lang)
		state := func(value string, draft bool) string {
			switch {
			case value == "":
				return ""
			case draft:
				return t.T("office.approval.state.draft")
			}
			return t.T("office.approval.state.shown")
		}
		v.BeforeState, v.AfterState = state(c.Before, c.BeforeDraft), state(c.After, c.AfterDraft)
	}
	ins, del := t.T("office.approval.inserted"), t.T("office.approval.deleted")
	v.Before = diffView{Ins: ins, Del: del}
	v.After = diffView{Ins: ins, Del: del}
	for _, op := range ops {
		if op.Kind != approval.Insert {
			v.Before.Ops = append(v.Before.Ops, op)
		}
		if op.Kind != approval.Delete {
			v.After.Ops = append(v.After.Ops, op)
		}
	}
	return v
}
