package video

import (
	"context"
	"fmt"
	"slices"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Pending is a video that awaits the approval of one or more host
// partners, as their organisers' and editors' to-do lists show it: its
// item's newest ready video while the speech page does not play it
// (StandingOf says Awaiting).
type Pending struct {
	Video     *Video
	ForumID   int64
	ItemTitle lang.Text
	// Awaiting are the partners asked about that host the item's forum
	// and have not approved the video, in the forum's order of hosts.
	Awaiting []int64
	// Approvals are the approvals the video has, of any host: one person
	// approves a video for one host only.
	Approvals []Approval
}

// PendingFor returns the videos awaiting the approval of one or more of
// partners, in the programmes' order, in four queries whatever their number. An item
// whose kind or delivery no longer takes a video (TakesVideo) has no
// video to approve.
func PendingFor(ctx context.Context, q store.Querier, partners []int64) ([]Pending, error) {
	if len(partners) == 0 {
		return nil, nil
	}
	in, args := store.In(partners)
	type row struct {
		item, forumID, partner int64
		title                  lang.Text
		kind                   forum.Kind
		delivery               forum.Delivery
	}
	rows, err := store.All(ctx, q, func(sc store.Scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.item, &r.forumID, &r.title, &r.kind, &r.delivery, &r.partner)
	}, `SELECT s.id, s.forum_id, s.title, s.kind, s.delivery, h.partner_id
		FROM speeches s JOIN forum_hosts h ON h.forum_id = s.forum_id
		WHERE h.partner_id IN (`+in+`) AND EXISTS (SELECT 1 FROM videos v WHERE v.speech_id = s.id AND v.state = ?)
		ORDER BY s.starts_at, s.position, s.id, h.position`, append(args, string(Ready))...)
	if err != nil {
		return nil, fmt.Errorf("videos awaiting approval: %w", err)
	}
	hosts := map[int64][]int64{}
	items := map[int64]row{}
	var ids []int64
	for _, r := range rows {
		if !TakesVideo(r.kind, r.delivery) {
			continue
		}
		if _, ok := items[r.item]; !ok {
			ids = append(ids, r.item)
			items[r.item] = r
		}
		hosts[r.item] = append(hosts[r.item], r.partner)
	}
	newest, err := ReadyFor(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	live, err := PlayableFor(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	var vids []int64
	for _, id := range ids {
		if v := newest[id]; v != nil && StandingOf(v, v, live[id]) == Awaiting {
			vids = append(vids, v.ID)
		}
	}
	approvals, err := ApprovalsOf(ctx, q, vids)
	if err != nil {
		return nil, err
	}
	var out []Pending
	for _, id := range ids {
		v := newest[id]
		if v == nil || !slices.Contains(vids, v.ID) {
			continue
		}
		p := Pending{Video: v, ForumID: items[id].forumID, ItemTitle: items[id].title, Approvals: approvals[v.ID]}
		for _, h := range hosts[id] {
			if !slices.ContainsFunc(p.Approvals, func(a Approval) bool { return a.PartnerID == h }) {
				p.Awaiting = append(p.Awaiting, h)
			}
		}
		if len(p.Awaiting) > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}
