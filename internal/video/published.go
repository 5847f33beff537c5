package video

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Published is a video on its speech page: every host of its forum
// approved it, and it was not withdrawn since.
type Published struct {
	VideoID, ItemID, ForumID int64
	ItemTitle                lang.Text
	// At is when the last host approved it, in UTC.
	At time.Time
}

// PublishedFor returns the videos made public in the forums that one of
// partners hosts, the latest first, at most limit. A withdrawn video is
// not among them: its approvals are gone.
func PublishedFor(ctx context.Context, q store.Querier, partners []int64, limit int) ([]Published, error) {
	if len(partners) == 0 {
		return nil, nil
	}
	in, args := store.In(partners)
	out, err := store.All(ctx, q, func(sc store.Scanner) (Published, error) {
		var p Published
		var at sql.NullTime
		err := sc.Scan(&p.VideoID, &p.ItemID, &p.ForumID, &p.ItemTitle, &at)
		p.At = at.Time.UTC()
		return p, err
	}, `SELECT v.id, s.id, s.forum_id, s.title, v.approved_at
		FROM videos v JOIN speeches s ON s.id = v.speech_id
		WHERE v.approved_at IS NOT NULL AND EXISTS (SELECT 1 FROM forum_hosts h WHERE h.forum_id = s.forum_id AND h.partner_id IN (`+in+`))
		ORDER BY v.approved_at DESC, v.id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("published videos: %w", err)
	}
	return out, nil
}
