package translate

import (
	"context"
	"fmt"

	"github.com/tandemforum/tandem/internal/store"
)

// ReturnedTo returns the segments that reviewers returned, and that wait
// for account accountID as the translator a contribution names for their
// language, most recently returned first, at most limit.
func ReturnedTo(ctx context.Context, q store.Querier, accountID int64, limit int) ([]Segment, error) {
	segs, err := store.All(ctx, q, scanSegment, `SELECT `+segmentColumns+` FROM translation_segments
		WHERE returned = ? AND archived_at IS NULL AND translation_id IN (
			SELECT t.id FROM translations t JOIN contribution_staff cs ON cs.contribution_id = t.owner_id AND cs.lang = t.lang
			WHERE t.owner_kind = 'contribution' AND cs.role = 'translator' AND cs.account_id = ?)
		ORDER BY updated_at DESC, id LIMIT ?`, true, accountID, limit)
	if err != nil {
		return nil, fmt.Errorf("segments returned to account %d: %w", accountID, err)
	}
	return segs, nil
}
