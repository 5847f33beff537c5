package translate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/tandemforum/tandem/internal/store"
)

const segmentColumns = `id, translation_id, key, position, block_id, block_kind, source, target, state, version,
	updated_by, updated_at, comment, returned, previous, previous_source`

func scanSegment(row store.Scanner) (Segment, error) {
	var s Segment
	var src, tgt, prev, prevSrc, state string
	err := row.Scan(&s.ID, &s.TranslationID, &s.Key, &s.Position, &s.BlockID, &s.BlockKind, &src, &tgt, &state, &s.Version,
		&s.UpdatedBy, &s.UpdatedAt, &s.Comment, &s.Returned, &prev, &prevSrc)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, err
	}
	s.State = State(state)
	if s.Source, err = decodeContent(src); err != nil {
		return s, err
	}
	if s.Target, err = decodeContent(tgt); err != nil {
		return s, err
	}
	if s.Previous, err = decodeContent(prev); err != nil {
		return s, err
	}
	if s.PreviousSource, err = decodeContent(prevSrc); err != nil {
		return s, err
	}
	return s, nil
}

// Segments returns the segments of translation translationID in document
// order, without the archived ones.
func Segments(ctx context.Context, q store.Querier, translationID int64) ([]Segment, error) {
	segs, err := store.All(ctx, q, scanSegment, `SELECT `+segmentColumns+` FROM translation_segments
		WHERE translation_id = ? AND archived_at IS NULL ORDER BY position`, translationID)
	if err != nil {
		return nil, fmt.Errorf("segments of translation %d: %w", translationID, err)
	}
	return segs, nil
}

// GetSegment returns segment id, archived or not.
func GetSegment(ctx context.Context, q store.Querier, id int64) (Segment, error) {
	s, err := scanSegment(q.QueryRow(ctx, `SELECT `+segmentColumns+` FROM translation_segments WHERE id = ?`, id))
	if err != nil {
		return s, fmt.Errorf("segment %d: %w", id, err)
	}
	return s, nil
}

// Archived returns the segments of translation translationID that later
// revisions of the source no longer have, newest first: kept, so that no
// translation is lost.
func Archived(ctx context.Context, q store.Querier, translationID int64) ([]Segment, error) {
	segs, err := store.All(ctx, q, scanSegment, `SELECT `+segmentColumns+` FROM translation_segments
		WHERE translation_id = ? AND archived_at IS NOT NULL ORDER BY archived_at DESC, position`, translationID)
	if err != nil {
		return nil, fmt.Errorf("archived segments of translation %d: %w", translationID, err)
	}
	return segs, nil
}
