package forum

import (
	"context"
	"fmt"

	"github.com/tandemforum/tandem/internal/store"
)

// SpeechHosts returns the host partners of the forum of speech id, in the
// forum's order: whose approval its video and subtitles need before the
// public sees them. A speech that does not exist has none.
func SpeechHosts(ctx context.Context, q store.Querier, id int64) ([]int64, error) {
	hosts, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var p int64
		return p, sc.Scan(&p)
	}, `SELECT h.partner_id FROM forum_hosts h JOIN speeches s ON s.forum_id = h.forum_id WHERE s.id = ? ORDER BY h.position`, id)
	if err != nil {
		return nil, fmt.Errorf("hosts of speech %d: %w", id, err)
	}
	return hosts, nil
}
