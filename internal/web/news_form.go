package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// A news post belongs to the hosts of its forum: their teams edit it. A
// post about no forum belongs to no team, so that organisers and editors
// of any partner may edit it; publishing it needs every host's approval
// (approval.Approvers).

// newsPage is the office's form of a news post, new or being edited.
type newsPage struct {
	Form                                *form
	New                                 bool
	Action                              string
	Head                                *draftHead
	Summary                             *errorSummary
	Message                             string
	Slug                                string
	SlugInput, PublishedAt              inputField
	Forum                               selectField
	Title, Dateline, Lead, Body, Source mlField
	LeadImage                           *imageField
	LeadAlt, LeadCaption, LeadCredit    mlField
	// History is the post's latest events; nil on a new one's form.
	History *historyView
	// Fixed is true when the account may not change the post's forum,
	// publication time and lead image (a translator, who writes the texts
	// only, or a reader such as a reviewer); Notice says why.
	Fixed  bool
	Notice string
	// partners are those the post belongs to (its forum's hosts, as the
	// draft has them), which say what the account may change.
	partners []int64
}

// newsForums are the forums a post may be about in rq's account's form,
// by id: those whose hosts' news it may edit (all for an admin), and
// current, the post's forum now.
func (s *Server) newsForums(ctx context.Context, rq *officeRequest, current int64) ([]*forum.Forum, error) {
	all, err := s.forums.WithDrafts().Forums(ctx)
	if err != nil {
		return nil, err
	}
	var out []*forum.Forum
	for _, f := range all {
		if f.ID == current || rq.can(account.SubjectNews, account.Edit, hostIDs(f.Hosts)...) {
			out = append(out, f)
		}
	}
	return out, nil
}

// newsPartners are the partners a post belongs to for permissions: its
// forum's hosts, or none for a post about no forum.
func (s *Server) newsPartners(ctx context.Context, forumID int64) ([]int64, error) {
	if forumID == 0 {
		return nil, nil
	}
	f, err := s.forums.WithDrafts().ForumByID(ctx, forumID)
	if err != nil {
		return nil, err
	}
	return hostIDs(f.Hosts), nil
}

// newsPartnersOf are the partners a post about forumID belongs to, read
// from forums (those the form offers): the forum's hosts, or none.
func newsPartnersOf(forums []*forum.Forum, forumID int64) []int64 {
	for _, f := range forums {
		if f.ID == forumID {
			return hostIDs(f.Hosts)
		}
	}
	return nil
}

// newsZone is the zone a post's times are written in: its forum's, or UTC.
func newsZone(forums []*forum.Forum, forumID int64) *time.Location {
	for _, f := range forums {
		if f.ID == forumID {
			return f.Location()
		}
	}
	return time.UTC
}

// newsValues returns the form values of a stored post, its lead image's
// texts included.
func newsValues(n *forum.NewsPost, version int, loc *time.Location) url.Values {
	v := url.Values{}
	v.Set("version", strconv.Itoa(version))
	v.Set("slug", n.Slug)
	if n.ForumID != 0 {
		v.Set("forum", itoa(n.ForumID))
	}
	putText(v, "title", n.Title)
	putText(v, "dateline", n.Dateline)
	putText(v, "summary", n.Summary)
	putText(v, "body", n.Body)
	putText(v, "source", n.Source)
	if !n.PublishedAt.IsZero() {
		v.Set("published_at", n.PublishedAt.In(loc).Format("2006-01-02T15:04"))
	}
	if n.LeadImageID != 0 {
		v.Set("lead", itoa(n.LeadImageID))
	}
	putText(v, "lead_alt", n.LeadAlt)
	putText(v, "lead_caption", n.LeadCaption)
	putText(v, "lead_credit", n.LeadCredit)
	return v
}

// newsTextFields are the fields of the news form a translator writes.
var newsTextFields = []string{"title", "dateline", "summary", "body", "source", "lead_alt", "lead_caption", "lead_credit"}

// newNewsValues are the values of a new post's form.
func newNewsValues(l string) url.Values {
	v := url.Values{"version": {"0"}}
	for _, fld := range newsTextFields {
		v.Set(fld+".src", l)
	}
	return v
}

// readNews reads the form into n, failing the fields that are wrong; the
// forum must be one of forums.
func readNews(f *form, n *forum.NewsPost, forums []*forum.Forum) {
	n.ForumID = 0
	if v := f.values.Get("forum"); v != "" && v != "0" {
		ok := false
		for _, fm := range forums {
			if itoa(fm.ID) == v {
				n.ForumID, ok = fm.ID, true
			}
		}
		if !ok {
			f.fail("forum", "office.form.choice")
		}
	}
	n.Title = f.mltext("title", contentLangs, true, false, 300)
	n.Dateline = f.mltext("dateline", contentLangs, false, false, 100)
	n.Summary = f.mltext("summary", contentLangs, false, true, 1000)
	n.Body = f.mltext("body", contentLangs, true, true, 50000)
	n.Source = f.mltext("source", contentLangs, false, false, 300)
	n.PublishedAt = f.localTime("published_at", true, formZone(f, forums, n.ForumID))
	n.LeadAlt = f.mltext("lead_alt", contentLangs, false, false, 300)
	n.LeadCaption = f.mltext("lead_caption", contentLangs, false, false, 500)
	n.LeadCredit = f.mltext("lead_credit", contentLangs, false, false, 300)
}

// formZone is the zone the form's publication time was typed in: the one
// its hint named (the hidden field published_zone), which is the zone of
// the forum chosen when the form was shown; without it, that of the forum
// now chosen.
func formZone(f *form, forums []*forum.Forum, forumID int64) *time.Location {
	if z := f.values.Get("published_zone"); z != "" && z != "Local" {
		if loc, err := time.LoadLocation(z); err == nil {
			return loc
		}
	}
	return newsZone(forums, forumID)
}

// storeLead records the post's lead image in tx and returns its id: a
// file uploaded in the form is added to the library, owned by partner,
// with the post's texts as its defaults; an image chosen from the library
// is the post's as it is (the library is not changed). When the lead image
// is new to the post (it was not prevID), each of the post's alt text,
// caption and credit left empty starts from the library's, so that a
// chosen image comes with what the library says of it.
func (s *Server) storeLead(ctx context.Context, tx *store.Tx, f *form, n *forum.NewsPost, prevID, id int64, file []byte, partner int64) (int64, error) {
	if file != nil {
		return s.storeImage(ctx, tx, f, "lead.file", file, media.Meta{Alt: n.LeadAlt, Caption: n.LeadCaption, Credit: n.LeadCredit}, partner)
	}
	if id == 0 || id == prevID {
		return id, nil
	}
	got, err := media.Load(ctx, tx, []int64{id})
	if err != nil {
		return 0, err
	}
	if im := got[id]; im != nil {
		for _, t := range []struct {
			post    *lang.Text
			library lang.Text
		}{
			{&n.LeadAlt, im.Alt}, {&n.LeadCaption, im.Caption}, {&n.LeadCredit, im.Credit},
		} {
			if t.post.IsZero() {
				*t.post = t.library
			}
		}
	}
	return id, nil
}

// renderNews writes the news form with status; forums are those the post
// may be about.
func (s *Server) renderNews(w http.ResponseWriter, rq *officeRequest, status int, pg *newsPage, forums []*forum.Forum) error {
	f := pg.Form
	t := rq.T
	pg.Slug = f.values.Get("slug")
	pg.SlugInput = f.input("slug", t.T("office.content.slug.label"), t.T("office.content.slug.hint"), "text", true, 100)
	chosen, _ := strconv.ParseInt(f.values.Get("forum"), 10, 64)
	loc := newsZone(forums, chosen)
	// The time typed in another zone (the form was shown before another
	// forum was chosen) is written again in the zone the hint now names.
	if typed := formZone(f, forums, chosen); typed.String() != loc.String() {
		if at, err := time.ParseInLocation("2006-01-02T15:04", f.values.Get("published_at"), typed); err == nil {
			f.values.Set("published_at", at.In(loc).Format("2006-01-02T15:04"))
		}
	}
	f.values.Set("published_zone", loc.String())
	zoneHint := t.T("office.content.news.zone", t.ZoneName(loc, time.Now())+" ("+loc.String()+")")
	if chosen == 0 {
		zoneHint = t.T("office.content.news.zone.none", t.ZoneName(loc, time.Now()))
	}
	pg.PublishedAt = f.input("published_at", t.T("office.content.news.publishedat"), zoneHint, "datetime-local", true, 20)
	pg.Forum = selectField{Name: "forum", Label: t.T("office.content.news.forum"), Chosen: f.values.Get("forum"), Errors: f.errors["forum"],
		Options: []selectOption{{"0", t.T("office.content.news.noforum")}}}
	for _, fm := range forums {
		title, _ := fm.Title.In(rq.Lang)
		pg.Forum.Options = append(pg.Forum.Options, selectOption{itoa(fm.ID), title})
	}
	pg.Title = f.field("title", t.T("office.content.news.title"), contentLangs, true, false, 300)
	pg.Dateline = f.field("dateline", t.T("office.content.news.dateline"), contentLangs, false, false, 100)
	pg.Lead = f.field("summary", t.T("office.content.news.summary"), contentLangs, false, true, 1000)
	pg.Body = f.field("body", t.T("office.content.news.body"), contentLangs, true, true, 50000)
	pg.Body.Hint = t.T("office.content.news.bodyhint")
	pg.Source = f.field("source", t.T("office.content.news.source"), contentLangs, false, false, 300)
	lead, err := s.imageField(rq.Context(), rq, f, "lead", t.T("office.content.news.lead"))
	if err != nil {
		return err
	}
	pg.LeadImage = lead
	pg.LeadAlt = f.field("lead_alt", t.T("office.content.image.alt"), contentLangs, false, false, 300)
	pg.LeadCaption = f.field("lead_caption", t.T("office.content.image.caption"), contentLangs, false, false, 500)
	pg.LeadCredit = f.field("lead_credit", t.T("office.content.image.credit"), contentLangs, false, false, 300)
	pg.Summary = f.summary("slug", "forum", "title", "dateline", "summary", "body", "source", "published_at", "lead")
	if !pg.New && pg.Head != nil {
		if pg.History, err = s.history(rq, approval.Subject{Kind: pg.Head.Kind, ID: pg.Head.ID}.String()); err != nil {
			return err
		}
	}
	if !pg.New {
		switch {
		case !rq.can(account.SubjectNews, account.Edit, pg.partners...):
			pg.Fixed, pg.Notice = true, t.T("office.forum.readonly")
			for _, m := range []*mlField{&pg.Title, &pg.Dateline, &pg.Lead, &pg.Body, &pg.Source, &pg.LeadAlt, &pg.LeadCaption, &pg.LeadCredit} {
				m.ReadOnly = true
			}
		case rq.textsOnly(pg.partners):
			pg.Fixed, pg.Notice = true, t.T("office.forum.textsonly")
		}
	}
	if pg.Fixed {
		pg.PublishedAt.ReadOnly = true
		pg.LeadImage.ReadOnly, pg.LeadImage.CanUpload = true, false
	}
	title := t.T("office.content.news.new")
	if !pg.New {
		title = t.T("office.content.news.edit", formText(f, "title", rq.Lang))
	}
	return s.officeRenderStatus(w, rq, status, "news_form", "news", title, pg)
}

// newsSlugTaken reports whether a post has the slug, published or not.
func (s *Server) newsSlugTaken(ctx context.Context, slug string) (bool, error) {
	return found(s.forums.WithDrafts().NewsBySlug(ctx, slug))
}
