package subtitle

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Published is a subtitle track's version made public: every host of its
// speech's forum approved it.
type Published struct {
	SpeechID, ForumID int64
	SpeechTitle       lang.Text
	Lang              string
	// At is when the last host approved the version, in UTC.
	At time.Time
}

// PublishedFor returns the track versions made public in the forums that
// one of partners hosts, the latest first, at most limit; a track taken
// down is not among them.
func PublishedFor(ctx context.Context, q store.Querier, partners []int64, limit int) ([]Published, error) {
	if len(partners) == 0 {
		return nil, nil
	}
	in, args := store.In(partners)
	out, err := store.All(ctx, q, func(sc store.Scanner) (Published, error) {
		var p Published
		var at sql.NullTime
		err := sc.Scan(&p.SpeechID, &p.ForumID, &p.SpeechTitle, &p.Lang, &at)
		p.At = at.Time.UTC()
		return p, err
	}, `SELECT s.id, s.forum_id, s.title, t.lang, t.published_at
		FROM subtitle_tracks t JOIN speeches s ON s.id = t.speech_id
		WHERE t.published_at IS NOT NULL AND t.public_hash <> '' AND EXISTS (SELECT 1 FROM forum_hosts h WHERE h.forum_id = s.forum_id AND h.partner_id IN (`+in+`))
		ORDER BY t.published_at DESC, t.id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("published subtitles: %w", err)
	}
	return out, nil
}
