package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/translate"
)

// dashboard is what awaits the signed-in account: changes its partners
// must approve (to an account that may approve, as MayApprove says),
// changes and translated segments returned to it, and its partners' open
// invitations.
type dashboard struct {
	MayApprove  bool
	Awaiting    []dashboardItem
	Returned    []dashboardItem
	Invitations []dashboardInvitation
	// Mine are the contributions the account writes (an author's).
	Mine []myContribution
	// Segments are the segments reviewers returned to the account as a
	// contribution's translator.
	Segments []returnedSegment
}

// returnedSegment is a segment returned to its translator, as the
// dashboard lists it: where it is, its translation and the reviewer's
// comment.
type returnedSegment struct {
	Link, Title, Lang string
	Target            template.HTML
	TargetLang        string
	Comment, Who      string
	// ReturnedBy names the reviewer who returned it; Who is its
	// translator.
	ReturnedBy string
}

// maxReturnedSegments bounds the dashboard's list; the workbench shows a
// translation's returned segments first.
const maxReturnedSegments = 50

type dashboardItem struct {
	approval.Pending
	Title    string
	Kind     string // the subject's kind, in the reader's language
	Link     string
	Awaiting []string // the partners yet to approve, by short name
	// Part says what of the subject awaits its hosts' approval, in the
	// reader's language: the language of a contribution's text, a
	// speech's video or its subtitles; empty for other changes.
	Part string
	// ReturnedBy says who returned a returned change, for which partner
	// and when, in the reader's language.
	ReturnedBy string
}

type dashboardInvitation struct {
	*account.Invitation
	Partner string
}

// dashboardShow answers GET /office/: the account's dashboard.
func (s *Server) dashboardShow(w http.ResponseWriter, rq *officeRequest) error {
	ctx := rq.Context()
	partners, err := s.forums.WithDrafts().Partners(ctx)
	if err != nil {
		return err
	}
	short := map[int64]string{}
	for _, p := range partners {
		short[p.ID], _ = p.ShortName.In(rq.Lang)
	}
	act := rq.actor()
	d := dashboard{MayApprove: rq.can(account.SubjectApproval, account.Approve)}
	var awaiting []approval.Pending
	if d.MayApprove {
		if awaiting, err = approval.AwaitingApproval(ctx, s.db, act.PartnerIDs); err != nil {
			return err
		}
	}
	forums, err := s.forums.WithDrafts().Forums(ctx)
	if err != nil {
		return err
	}
	titles := map[int64]string{}
	for _, f := range forums {
		titles[f.ID], _ = f.Title.In(rq.Lang)
	}
	for _, p := range awaiting {
		it := s.dashboardItem(rq, p, titles)
		for _, id := range p.Awaiting {
			it.Awaiting = append(it.Awaiting, short[id])
		}
		d.Awaiting = append(d.Awaiting, it)
	}
	// Contributions' texts, reviewed, await their hosts' organisers.
	if approvers := contributionApprovers(rq, act.PartnerIDs); len(approvers) > 0 {
		d.MayApprove = true
		langs, err := s.awaitedLanguages(rq, approvers, short)
		if err != nil {
			return err
		}
		d.Awaiting = append(d.Awaiting, langs...)
	}
	// Speeches' videos and subtitles await their hosts' organisers and
	// editors.
	if approvers := videoApprovers(rq, rq.Account.Partners()); len(approvers) > 0 {
		d.MayApprove = true
		videos, err := s.awaitedVideos(rq, approvers, short)
		if err != nil {
			return err
		}
		d.Awaiting = append(d.Awaiting, videos...)
	}
	returned, err := approval.ReturnedTo(ctx, s.db, rq.Account.ID)
	if err != nil {
		return err
	}
	for _, p := range returned {
		it := s.dashboardItem(rq, p, titles)
		if p.ReturnedByName != "" {
			it.ReturnedBy = rq.T.T("office.dashboard.returnedby", p.ReturnedByName, short[p.ReturnedFor], rq.T.Date(p.UpdatedAt))
		}
		d.Returned = append(d.Returned, it)
	}
	segs, err := translate.ReturnedTo(ctx, s.db, rq.Account.ID, maxReturnedSegments)
	if err != nil {
		return err
	}
	trs := map[int64]*translate.Translation{}
	returners := map[int64]map[int64]string{}
	for _, seg := range segs {
		tr := trs[seg.TranslationID]
		if tr == nil {
			if tr, err = translate.Get(ctx, s.db, seg.TranslationID); err != nil {
				return err
			}
			trs[seg.TranslationID] = tr
			if returners[tr.ID], err = segmentReturners(ctx, s.db, tr.ID); err != nil {
				return err
			}
		}
		d.Segments = append(d.Segments, returnedSegment{Link: fmt.Sprintf("/office/translations/%d#seg-%d", tr.ID, seg.ID),
			Title: tr.Title, Lang: exchangeLangName(rq, tr.Lang), Target: contentHTML(rq.T, seg.Target), TargetLang: tr.Lang,
			Comment: seg.Comment, Who: whoWhen(rq.T, seg), ReturnedBy: returners[tr.ID][seg.ID]})
	}
	now := time.Now()
	for _, id := range act.PartnerIDs {
		invs, err := s.accounts.ListInvitations(ctx, id)
		if err != nil {
			return err
		}
		for _, inv := range invs {
			if inv.Open(now) {
				d.Invitations = append(d.Invitations, dashboardInvitation{Invitation: inv, Partner: short[inv.PartnerID]})
			}
		}
	}
	if d.Mine, err = s.myContributions(rq); err != nil {
		return err
	}
	// A contribution returned to its author is work returned to them.
	for _, m := range d.Mine {
		if m.Returned != "" {
			d.Returned = append(d.Returned, dashboardItem{Pending: approval.Pending{Comment: m.Returned}, Title: m.Title,
				Kind: rq.T.T("works.kind.contribution"), Link: m.URL, ReturnedBy: m.ReturnedBy})
		}
	}
	return s.officeRender(w, rq, "dashboard", "dashboard", rq.T.T("office.nav.dashboard"), &d)
}

// dashboardItem is a pending change as the dashboard lists it, with a link
// to the page where it is reviewed; a programme is named by its forum's
// title, from forumTitles.
func (s *Server) dashboardItem(rq *officeRequest, p approval.Pending, forumTitles map[int64]string) dashboardItem {
	title, _ := p.Title.In(rq.Lang)
	if p.Subject.Kind == approval.KindProgramme {
		title = forumTitles[p.Subject.ID]
	}
	return dashboardItem{
		Pending: p,
		Title:   title,
		Kind:    rq.T.T("office.kind." + string(p.Subject.Kind)),
		Link:    officePrefix + "/approvals/" + string(p.Subject.Kind) + "/" + strconv.FormatInt(p.Subject.ID, 10),
	}
}
