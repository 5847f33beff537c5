package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/video"
)

// approvalsPage lists the changes the account has to do with: those that
// await its partners' approval, those it asked to publish, those returned
// to it, and what was published lately at its partners.
type approvalsPage struct {
	Sections  []approvalsSection
	Published []publishedItem
}

// approvalsSection is one list of drafts, with what it says when empty.
type approvalsSection struct {
	ID, Heading, None string
	Items             []dashboardItem
}

type publishedItem struct {
	dashboardItem
	At string
	at time.Time // for the order of the list
}

// recentPublications is how many publications the list shows.
const recentPublications = 10

// approvalsList answers GET /office/approvals.
func (s *Server) approvalsList(w http.ResponseWriter, rq *officeRequest) error {
	if err := rq.must(account.SubjectApproval, account.View); err != nil {
		return err
	}
	ctx := rq.Context()
	fs := s.forums.WithDrafts()
	partners, err := fs.Partners(ctx)
	if err != nil {
		return err
	}
	mine := rq.Account.Partners()
	short := map[int64]string{}
	for _, p := range partners {
		short[p.ID], _ = p.ShortName.In(rq.Lang)
		if rq.Account.Admin && !slices.Contains(mine, p.ID) {
			mine = append(mine, p.ID)
		}
	}
	forums, err := fs.Forums(ctx)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, f := range forums {
		titles[f.ID], _ = f.Title.In(rq.Lang)
	}
	var page approvalsPage
	var awaitingItems, submittedItems, returnedItems []dashboardItem
	awaiting, err := approval.AwaitingApproval(ctx, s.db, mine)
	if err != nil {
		return err
	}
	for _, p := range awaiting {
		it := s.dashboardItem(rq, p, titles)
		for _, id := range p.Awaiting {
			it.Awaiting = append(it.Awaiting, short[id])
		}
		awaitingItems = append(awaitingItems, it)
	}
	langs, err := s.awaitedLanguages(rq, contributionApprovers(rq, mine), short)
	if err != nil {
		return err
	}
	awaitingItems = append(awaitingItems, langs...)
	videos, err := s.awaitedVideos(rq, videoApprovers(rq, mine), short)
	if err != nil {
		return err
	}
	awaitingItems = append(awaitingItems, videos...)
	submitted, err := approval.SubmittedBy(ctx, s.db, rq.Account.ID)
	if err != nil {
		return err
	}
	for _, p := range submitted {
		submittedItems = append(submittedItems, s.dashboardItem(rq, p, titles))
	}
	returned, err := approval.ReturnedTo(ctx, s.db, rq.Account.ID)
	if err != nil {
		return err
	}
	for _, p := range returned {
		returnedItems = append(returnedItems, s.dashboardItem(rq, p, titles))
	}
	for _, sec := range []struct {
		id    string
		items []dashboardItem
	}{{"awaiting", awaitingItems}, {"submitted", submittedItems}, {"returned", returnedItems}} {
		page.Sections = append(page.Sections, approvalsSection{
			ID: sec.id, Heading: rq.T.T("office.approval.list." + sec.id), None: rq.T.T("office.approval.list." + sec.id + ".none"), Items: sec.items,
		})
	}
	pubs, err := approval.Publications(ctx, s.db, 5*recentPublications)
	if err != nil {
		return err
	}
	for _, pub := range pubs {
		if len(page.Published) == recentPublications {
			break
		}
		if !slices.ContainsFunc(pub.Approvals, func(a approval.Approval) bool { return slices.Contains(mine, a.PartnerID) }) {
			continue
		}
		d, err := approval.Load(ctx, s.db, pub.Subject)
		if err != nil {
			continue // gone since
		}
		title, err := approvalTitle(ctx, fs, pub.Subject, d.Content, rq.Lang)
		if err != nil {
			return err
		}
		it := s.dashboardItem(rq, approval.Pending{Subject: pub.Subject, Version: pub.Version}, titles)
		it.Title = title
		loc := approvalZone(ctx, fs, pub.Subject, d.Content)
		at := pub.At.In(loc)
		page.Published = append(page.Published, publishedItem{dashboardItem: it, At: rq.T.Date(at) + " " + rq.T.Time(at) + " (" + rq.T.ZoneName(loc, at) + ")", at: pub.At})
	}
	media, err := s.publishedMedia(rq, mine)
	if err != nil {
		return err
	}
	page.Published = append(page.Published, media...)
	slices.SortStableFunc(page.Published, func(a, b publishedItem) int { return b.at.Compare(a.at) })
	page.Published = page.Published[:min(len(page.Published), recentPublications)]
	return s.officeRender(w, rq, "approvals", "approvals", rq.T.T("office.nav.approvals"), &page)
}

// publishedMedia lists the speeches' videos and subtitle tracks lately
// made public in the forums that partners host, as the approvals page's
// "recently published" shows them, with the time in the forum's zone.
func (s *Server) publishedMedia(rq *officeRequest, partners []int64) ([]publishedItem, error) {
	ctx := rq.Context()
	vs, err := video.PublishedFor(ctx, s.db, partners, recentPublications)
	if err != nil {
		return nil, err
	}
	ts, err := subtitle.PublishedFor(ctx, s.db, partners, recentPublications)
	if err != nil {
		return nil, err
	}
	zones := map[int64]*time.Location{}
	zone := func(forumID int64) *time.Location {
		if z, ok := zones[forumID]; ok {
			return z
		}
		z := time.UTC
		if f, err := s.forums.WithDrafts().ForumByID(ctx, forumID); err == nil {
			z = f.Location()
		}
		zones[forumID] = z
		return z
	}
	item := func(forumID int64, title lang.Text, link, part string, t time.Time) publishedItem {
		at := t.In(zone(forumID))
		name, _ := title.In(rq.Lang)
		return publishedItem{dashboardItem: dashboardItem{Title: name, Kind: rq.T.T("office.approval.pending.speech"), Link: link, Part: part},
			At: rq.T.Date(at) + " " + rq.T.Time(at) + " (" + rq.T.ZoneName(at.Location(), at) + ")", at: t}
	}
	var out []publishedItem
	for _, v := range vs {
		out = append(out, item(v.ForumID, v.ItemTitle, programmeVideoURL(v.ForumID, v.ItemID), rq.T.T("office.approval.published.video"), v.At))
	}
	for _, t := range ts {
		out = append(out, item(t.ForumID, t.SpeechTitle, programmeSubtitlesURL(t.ForumID, t.SpeechID),
			rq.T.T("office.approval.published.subtitles", exchangeLangName(rq, t.Lang)), t.At))
	}
	return out, nil
}
