package subtitle

import (
	"context"
	"fmt"
	"slices"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Pending is a speech's subtitle tracks awaiting the approval of one or
// more host partners, as their organisers' and editors' to-do lists show
// them: each track whose version now (Hash) is not the one the public
// sees and is not yet approved by one of those hosts.
type Pending struct {
	SpeechID, ForumID int64
	SpeechTitle       lang.Text
	// Hosts are the partners asked about that host the speech's forum,
	// in the forum's order of hosts.
	Hosts  []int64
	Tracks []PendingTrack
}

// PendingTrack is a track of a Pending speech.
type PendingTrack struct {
	Track *Track
	// Awaiting are the partners asked about that host the speech's forum
	// and have not approved the track's version now, in the forum's
	// order of hosts.
	Awaiting []int64
	// Approvals are the approvals of the version now, of any host: one
	// person approves a version for one host only.
	Approvals []Approval
}

// PendingFor returns the speeches whose tracks await the approval of one
// or more of partners, by speech, their tracks ordered as List orders
// them with langs; three queries whatever their number.
func PendingFor(ctx context.Context, q store.Querier, partners []int64, langs ...string) ([]Pending, error) {
	if len(partners) == 0 {
		return nil, nil
	}
	in, args := store.In(partners)
	type row struct {
		speech, forumID, partner int64
		title                    lang.Text
	}
	rows, err := store.All(ctx, q, func(sc store.Scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.speech, &r.forumID, &r.title, &r.partner)
	}, `SELECT s.id, s.forum_id, s.title, h.partner_id
		FROM speeches s JOIN forum_hosts h ON h.forum_id = s.forum_id
		WHERE h.partner_id IN (`+in+`) AND EXISTS (SELECT 1 FROM subtitle_tracks t WHERE t.speech_id = s.id)
		ORDER BY s.starts_at, s.position, s.id, h.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("subtitles awaiting approval: %w", err)
	}
	var out []Pending
	for _, r := range rows {
		if n := len(out); n == 0 || out[n-1].SpeechID != r.speech {
			out = append(out, Pending{SpeechID: r.speech, ForumID: r.forumID, SpeechTitle: r.title})
		}
		p := &out[len(out)-1]
		p.Hosts = append(p.Hosts, r.partner)
	}
	var ids []int64
	for _, p := range out {
		ids = append(ids, p.SpeechID)
	}
	tracks, err := ListFor(ctx, q, ids, langs...)
	if err != nil {
		return nil, err
	}
	var tids []int64
	for _, ts := range tracks {
		for _, t := range ts {
			tids = append(tids, t.ID)
		}
	}
	approvals, err := ApprovalsOf(ctx, q, tids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		p := &out[i]
		for _, t := range tracks[p.SpeechID] {
			if t.Approved() {
				continue
			}
			hash := t.Hash()
			pt := PendingTrack{Track: t}
			for _, a := range approvals[t.ID] {
				if a.Hash == hash {
					pt.Approvals = append(pt.Approvals, a)
				}
			}
			for _, h := range p.Hosts {
				if !slices.ContainsFunc(pt.Approvals, func(a Approval) bool { return a.PartnerID == h }) {
					pt.Awaiting = append(pt.Awaiting, h)
				}
			}
			if len(pt.Awaiting) > 0 {
				p.Tracks = append(p.Tracks, pt)
			}
		}
	}
	return slices.DeleteFunc(out, func(p Pending) bool { return len(p.Tracks) == 0 }), nil
}
