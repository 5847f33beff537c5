package web

import (
	"context"
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
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
)

// A news post is about a forum and belongs to its hosts: their teams edit
// it, and publishing it needs every host's approval (approval.Approvers).
// A post about no forum (made before the office, or by the command line)
// belongs to no team: only admins see it in the office, and the form asks
// for a forum.

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
	// Figures are the rows of the images in the text, the last one blank
	// to add one (dropped when Fixed).
	Figures []figureView
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
// forum's hosts, or for a post about no forum the partner id 0, which no
// team has, so that it is the admins' alone.
func (s *Server) newsPartners(ctx context.Context, forumID int64) ([]int64, error) {
	if forumID == 0 {
		return []int64{0}, nil
	}
	f, err := s.forums.WithDrafts().ForumByID(ctx, forumID)
	if err != nil {
		return nil, err
	}
	return hostIDs(f.Hosts), nil
}

// newsPartnersOf are the partners a post about forumID belongs to, read
// from forums (those the form offers): the forum's hosts, or 0 (the
// admins') as newsPartners says.
func newsPartnersOf(forums []*forum.Forum, forumID int64) []int64 {
	for _, f := range forums {
		if f.ID == forumID {
			return hostIDs(f.Hosts)
		}
	}
	return []int64{0}
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
	v.Set("figures", strconv.Itoa(len(n.Figures)+1))
	for i, fg := range n.Figures {
		pre := figurePrefix(i)
		if fg.ID != 0 {
			v.Set(pre+"id", itoa(fg.ID))
		}
		v.Set(pre+"pos", strconv.Itoa(i+1))
		v.Set(pre+"image", itoa(fg.ImageID))
		v.Set(pre+"was", itoa(fg.ImageID))
		v.Set(pre+"after", strconv.Itoa(fg.After))
		putText(v, pre+"alt", fg.Alt)
		putText(v, pre+"caption", fg.Caption)
		putText(v, pre+"credit", fg.Credit)
	}
	blankFigure(v, len(n.Figures), n.Body.Source)
	return v
}

// newsTextFields are the fields of the news form a translator writes,
// besides the texts of the images in the text (isNewsText).
var newsTextFields = []string{"title", "dateline", "summary", "body", "source", "lead_alt", "lead_caption", "lead_credit"}

// The images in the text are rows of the news form, like the programme
// form's: "figures" is the number of rows, and row i has the fields
// f<i>.id (empty for a figure not recorded yet), f<i>.pos, f<i>.remove,
// f<i>.image (an image of the library) or f<i>.image.file (an upload in
// its place), f<i>.was (the image the row had when the form was shown),
// f<i>.after and f<i>.alt, .caption and .credit per language. The last
// row is blank and adds a figure when it is filled in; rows are put in
// the order of their position numbers.

func figurePrefix(i int) string { return "f" + strconv.Itoa(i) + "." }

// figureTextFields are the texts of a figure row, after its prefix.
var figureTextFields = []string{"alt", "caption", "credit"}

var figureField = regexp.MustCompile(`^f\d+\.(\w+)$`)

// isNewsText reports whether field of the news form is a text that a
// translator writes.
func isNewsText(field string) bool {
	if slices.Contains(newsTextFields, field) {
		return true
	}
	m := figureField.FindStringSubmatch(field)
	return m != nil && slices.Contains(figureTextFields, m[1])
}

// blankFigure writes the blank row i that adds a figure, its texts
// starting in source language l.
func blankFigure(v url.Values, i int, l string) {
	pre := figurePrefix(i)
	v.Set(pre+"pos", strconv.Itoa(i+1))
	if l != "" {
		for _, t := range figureTextFields {
			v.Set(pre+t+".src", l)
		}
	}
}

// newNewsValues are the values of a new post's form.
func newNewsValues(l string) url.Values {
	v := url.Values{"version": {"0"}}
	for _, fld := range newsTextFields {
		v.Set(fld+".src", l)
	}
	v.Set("figures", "1")
	blankFigure(v, 0, l)
	return v
}

// figureRow is a figure read from a row of the news form: the row's
// prefix, the figure, the file uploaded for it (stored by storeFigures)
// and the image the row had when the form was shown.
type figureRow struct {
	prefix string
	fig    *forum.Figure
	file   []byte
	was    int64
}

// readFigures reads the figure rows of the news form f, whose post's draft
// has the figures cur, failing the fields that are wrong. With textsOnly
// (a translator) the rows are cur's, in cur's order, with only their
// texts read from the form: its values are the draft's but for the texts
// (mergeTexts), and no file it uploads is taken. A row naming a figure
// the draft does not have is a bad request.
func (s *Server) readFigures(ctx context.Context, rq *officeRequest, f *form, up *upload, cur []*forum.Figure, textsOnly bool) ([]figureRow, error) {
	texts := func(pre string, fg *forum.Figure) {
		fg.Alt = f.mltext(pre+"alt", contentLangs, false, false, forum.FigureAltMax)
		fg.Caption = f.mltext(pre+"caption", contentLangs, false, false, forum.FigureCaptionMax)
		fg.Credit = f.mltext(pre+"credit", contentLangs, false, false, forum.FigureCreditMax)
	}
	var rows []figureRow
	if textsOnly {
		for i, c := range cur {
			pre := figurePrefix(i)
			fg := *c
			fg.Image = nil
			texts(pre, &fg)
			rows = append(rows, figureRow{prefix: pre, fig: &fg, was: c.ImageID})
		}
		return rows, nil
	}
	values := f.values
	n, err := rowCount(values, "figures")
	if err != nil {
		return nil, err
	}
	known := map[int64]bool{}
	for _, c := range cur {
		if c.ID != 0 {
			known[c.ID] = true
		}
	}
	seen := map[int64]bool{}
	type item struct {
		pos int
		row figureRow
	}
	var items []item
	for i := range n {
		pre := figurePrefix(i)
		id, err := readRowID(values, pre+"id", known)
		if err != nil {
			return nil, err
		}
		if id != 0 && seen[id] {
			return nil, badRequest("news form: figure %d in two rows", id)
		}
		seen[id] = true
		if values.Get(pre+"remove") != "" {
			continue
		}
		imageID, file, err := s.readImage(ctx, rq, f, up, pre+"image")
		if err != nil {
			return nil, err
		}
		failed := len(f.errors[pre+"image"])+len(f.errors[pre+"image.file"]) > 0
		if id == 0 && imageID == 0 && file == nil && !failed && blankRow(values, pre, []string{"after"}, figureTextFields, contentLangs) {
			continue
		}
		if imageID == 0 && file == nil && !failed {
			f.fail(pre+"image", "office.content.news.figure.noimage")
		}
		fg := &forum.Figure{ID: id, ImageID: imageID, After: readAfter(f, pre+"after")}
		texts(pre, fg)
		was, _ := strconv.ParseInt(values.Get(pre+"was"), 10, 64)
		items = append(items, item{pos: readPos(f, pre+"pos", i+1), row: figureRow{prefix: pre, fig: fg, file: file, was: was}})
	}
	sort.SliceStable(items, func(a, b int) bool { return items[a].pos < items[b].pos })
	for _, it := range items {
		rows = append(rows, it.row)
	}
	if len(rows) > forum.FiguresMax {
		return nil, badRequest("news form: more than %d figures", forum.FiguresMax)
	}
	return rows, nil
}

// readAfter reads the paragraph number a figure follows, failing the
// field when it is empty or not a whole number from 0 to
// forum.FigureAfterMax.
func readAfter(f *form, field string) int {
	v := strings.TrimSpace(f.values.Get(field))
	if v == "" {
		f.fail(field, "office.form.required")
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > forum.FigureAfterMax {
		f.fail(field, "office.content.news.figure.afterbad", forum.FigureAfterMax)
		return 0
	}
	return n
}

// figuresOf returns the figures of rows, in order.
func figuresOf(rows []figureRow) []*forum.Figure {
	var out []*forum.Figure
	for _, r := range rows {
		out = append(out, r.fig)
	}
	return out
}

// storeFigures records in tx what the figure rows need, as storeLead does
// for the lead image: a file uploaded in a row is added to the library,
// owned by partner, with the row's texts as its defaults; a row whose
// image is new to it (not the one it had when the form was shown) has
// each empty text start from the library's. It costs one query for the
// images chosen, plus the uploads.
func (s *Server) storeFigures(ctx context.Context, tx *store.Tx, f *form, rows []figureRow, partner int64) error {
	var chosen []int64
	for _, r := range rows {
		if r.file != nil {
			id, err := s.storeImage(ctx, tx, f, r.prefix+"image.file", r.file, media.Meta{Alt: r.fig.Alt, Caption: r.fig.Caption, Credit: r.fig.Credit}, partner)
			if err != nil {
				return err
			}
			r.fig.ImageID = id
			continue
		}
		if r.fig.ImageID != r.was {
			chosen = append(chosen, r.fig.ImageID)
		}
	}
	if len(chosen) == 0 {
		return nil
	}
	got, err := media.Load(ctx, tx, chosen)
	if err != nil {
		return err
	}
	for _, r := range rows {
		im := got[r.fig.ImageID]
		if r.file != nil || r.fig.ImageID == r.was || im == nil {
			continue
		}
		for _, t := range []struct {
			fig     *lang.Text
			library lang.Text
		}{
			{&r.fig.Alt, im.Alt}, {&r.fig.Caption, im.Caption}, {&r.fig.Credit, im.Credit},
		} {
			if t.fig.IsZero() {
				*t.fig = t.library
			}
		}
	}
	return nil
}

// figureView is a figure row of the news form as the office shows it; New
// marks the blank row that adds one.
type figureView struct {
	Prefix               string
	N                    int
	New                  bool
	After, Pos           plainField
	Image                *imageField
	Alt, Caption, Credit mlField
}

// figureViews returns the figure rows of f, their image choices those of
// lead (the library's latest images) and any image chosen that lead does
// not list; the images chosen are loaded in one go.
func (s *Server) figureViews(ctx context.Context, rq *officeRequest, f *form, lead *imageField) ([]figureView, error) {
	t := rq.T
	n, _ := rowCount(f.values, "figures")
	var missing []int64
	chosen := make([]int64, n)
	for i := range n {
		chosen[i], _ = strconv.ParseInt(f.values.Get(figurePrefix(i)+"image"), 10, 64)
		if chosen[i] > 0 && !slices.ContainsFunc(lead.Options, func(o imageOption) bool { return o.ID == chosen[i] }) {
			missing = append(missing, chosen[i])
		}
	}
	loaded, err := media.Load(ctx, s.db, chosen)
	if err != nil {
		return nil, err
	}
	var out []figureView
	for i := range n {
		pre := figurePrefix(i)
		im := &imageField{T: t, Name: pre + "image", Label: t.T("office.content.news.figure.image"), Chosen: chosen[i], CanUpload: lead.CanUpload,
			Options: slices.Clone(lead.Options), Errors: append(append([]string(nil), f.errors[pre+"image"]...), f.errors[pre+"image.file"]...)}
		if c := loaded[chosen[i]]; c != nil {
			im.Current, im.CurrentLabel = c, imageLabel(rq, c)
			if slices.Contains(missing, c.ID) {
				im.Options = append(im.Options, imageOption{ID: c.ID, Label: im.CurrentLabel})
			}
		}
		after := f.plain(pre+"after", t.T("office.content.news.figure.after"), "number", true)
		after.Describe = "figures-hint"
		out = append(out, figureView{Prefix: pre, N: i + 1, New: i == n-1, Image: im, After: after,
			Pos:     f.plain(pre+"pos", t.T("office.content.news.figure.pos"), "number", false),
			Alt:     f.field(pre+"alt", t.T("office.content.image.alt"), contentLangs, false, false, forum.FigureAltMax),
			Caption: f.field(pre+"caption", t.T("office.content.image.caption"), contentLangs, false, false, forum.FigureCaptionMax),
			Credit:  f.field(pre+"credit", t.T("office.content.image.credit"), contentLangs, false, false, forum.FigureCreditMax)})
	}
	return out, nil
}

// figureOrder lists the fields of the figure rows in the form's order, for
// its error summary.
func figureOrder(rows []figureView) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Prefix+"image", r.Prefix+"image.file", r.Prefix+"after", r.Prefix+"pos")
		for _, t := range figureTextFields {
			out = append(out, r.Prefix+t)
			for _, l := range contentLangs {
				out = append(out, r.Prefix+t+"."+l)
			}
		}
	}
	return out
}

// readNews reads the form into n, failing the fields that are wrong; the
// forum must be one of forums.
func readNews(f *form, n *forum.NewsPost, forums []*forum.Forum) {
	n.ForumID = 0
	if v := f.values.Get("forum"); v == "" || v == "0" {
		f.fail("forum", "office.content.news.forum.required")
	} else {
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
	// The zone the hint names, which the typed time is read in: a chosen
	// forum's. A form shown with no forum chosen names none, so that the
	// time is read in the zone of the forum chosen when it is sent, as its
	// hint says.
	f.values.Set("published_zone", "")
	if chosen != 0 {
		f.values.Set("published_zone", loc.String())
	}
	zoneHint := t.T("office.content.news.zone", t.ZoneName(loc, time.Now())+" ("+loc.String()+")")
	if chosen == 0 {
		zoneHint = t.T("office.content.news.zone.none")
	}
	pg.PublishedAt = f.input("published_at", t.T("office.content.news.publishedat"), zoneHint, "datetime-local", true, 20)
	pg.Forum = selectField{Name: "forum", Label: t.T("office.content.news.forum"), Chosen: f.values.Get("forum"), Errors: f.errors["forum"],
		Options: []selectOption{{"", t.T("office.content.news.forum.choose")}}}
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
	if pg.Figures, err = s.figureViews(rq.Context(), rq, f, lead); err != nil {
		return err
	}
	pg.Summary = f.summary(append([]string{"slug", "forum", "title", "dateline", "summary", "body", "source", "published_at", "lead", "lead.file"}, figureOrder(pg.Figures)...)...)
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
			for i := range pg.Figures {
				fv := &pg.Figures[i]
				fv.Alt.ReadOnly, fv.Caption.ReadOnly, fv.Credit.ReadOnly = true, true, true
			}
		case rq.textsOnly(pg.partners):
			pg.Fixed, pg.Notice = true, t.T("office.forum.textsonly")
		}
	}
	if pg.Fixed {
		pg.PublishedAt.ReadOnly = true
		pg.LeadImage.ReadOnly, pg.LeadImage.CanUpload = true, false
		var kept []figureView
		for _, fv := range pg.Figures {
			if fv.New {
				continue
			}
			fv.Image.ReadOnly, fv.Image.CanUpload = true, false
			fv.After.ReadOnly, fv.Pos.ReadOnly = true, true
			kept = append(kept, fv)
		}
		pg.Figures = kept
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
