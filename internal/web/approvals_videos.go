package web

import (
	"slices"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/video"
)

// videoApprovers returns the partners, of those given, for which the
// signed-in account approves speeches' videos and subtitles: those where
// it is an organiser or editor (approvesVideoFor).
func videoApprovers(rq *officeRequest, partners []int64) []int64 {
	var ids []int64
	for _, p := range partners {
		if approvesVideoFor(rq, p) {
			ids = append(ids, p)
		}
	}
	return ids
}

// awaitedVideos lists the speeches' videos and subtitle tracks that await
// the approval of one of partners (video.PendingFor, subtitle.PendingFor)
// as the approvals inbox and the dashboard show them: per speech, its
// video and its tracks, each with a link to its section of the programme
// form where the hosts approve; short names the partners. What the account
// approved for another host already is not its to do: one person
// approves for one host.
func (s *Server) awaitedVideos(rq *officeRequest, partners []int64, short map[int64]string) ([]dashboardItem, error) {
	ctx := rq.Context()
	vs, err := video.PendingFor(ctx, s.db, partners)
	if err != nil {
		return nil, err
	}
	ts, err := subtitle.PendingFor(ctx, s.db, partners, i18n.Languages...)
	if err != nil {
		return nil, err
	}
	kind := rq.T.T("office.approval.pending.speech")
	subtitles := map[int64]dashboardItem{}
	var speeches []int64
	for _, p := range ts {
		var langs []string
		waits := map[int64]bool{}
		for _, pt := range p.Tracks {
			if slices.ContainsFunc(pt.Approvals, func(a subtitle.Approval) bool { return a.AccountID == rq.Account.ID }) {
				continue
			}
			langs = append(langs, exchangeLangName(rq, pt.Track.Lang))
			for _, h := range pt.Awaiting {
				waits[h] = true
			}
		}
		if len(langs) == 0 {
			continue
		}
		var awaiting []int64
		for _, h := range p.Hosts {
			if waits[h] {
				awaiting = append(awaiting, h)
			}
		}
		title, _ := p.SpeechTitle.In(rq.Lang)
		speeches = append(speeches, p.SpeechID)
		subtitles[p.SpeechID] = dashboardItem{Title: title, Kind: kind, Link: programmeSubtitlesURL(p.ForumID, p.SpeechID),
			Part: rq.T.N("office.approval.pending.subtitles", len(langs), rq.T.List(langs)), Awaiting: shortNames(awaiting, short)}
	}
	// A speech's subtitles follow its video.
	var items []dashboardItem
	for _, p := range vs {
		if slices.ContainsFunc(p.Approvals, func(a video.Approval) bool { return a.AccountID == rq.Account.ID }) {
			continue
		}
		title, _ := p.ItemTitle.In(rq.Lang)
		items = append(items, dashboardItem{Title: title, Kind: kind, Link: programmeVideoURL(p.ForumID, p.Video.ItemID),
			Part: rq.T.T("office.approval.pending.video", rq.T.Date(p.Video.CreatedAt)), Awaiting: shortNames(p.Awaiting, short)})
		if it, ok := subtitles[p.Video.ItemID]; ok {
			items = append(items, it)
			delete(subtitles, p.Video.ItemID)
		}
	}
	for _, id := range speeches {
		if it, ok := subtitles[id]; ok {
			items = append(items, it)
		}
	}
	return items, nil
}

// shortNames names partners ids by their short names in short.
func shortNames(ids []int64, short map[int64]string) []string {
	var out []string
	for _, id := range ids {
		out = append(out, short[id])
	}
	return out
}
