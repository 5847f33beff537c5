package translate

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
)

// Offer is the translation an uploaded XLIFF file gave a segment that had
// changed in tandem too since the download: not saved over tandem's text,
// but kept, so that the translator can still take it, until the segment is
// next confirmed.
type Offer struct {
	SegmentID int64
	Target    interchange.Content
	// State is the state the file gives the segment.
	State State
	// File is the uploaded file's name; By and At who uploaded it and
	// when.
	File string
	By   string
	At   time.Time
}

// putOffer keeps o for its segment, in place of an earlier file's.
func putOffer(ctx context.Context, tx *store.Tx, o Offer) error {
	_, err := tx.Exec(ctx, `INSERT INTO translation_offers (segment_id, target, state, file_name, offered_by, offered_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (segment_id) DO UPDATE SET target = excluded.target, state = excluded.state, file_name = excluded.file_name,
			offered_by = excluded.offered_by, offered_at = excluded.offered_at`,
		o.SegmentID, encodeContent(o.Target), string(o.State), o.File, o.By, o.At.UTC().Truncate(time.Microsecond))
	if err != nil {
		return fmt.Errorf("segment %d: keep the file's translation: %w", o.SegmentID, err)
	}
	return nil
}

// dropOffer forgets what a file offered segment segID.
func dropOffer(ctx context.Context, tx *store.Tx, segID int64) error {
	if _, err := tx.Exec(ctx, `DELETE FROM translation_offers WHERE segment_id = ?`, segID); err != nil {
		return fmt.Errorf("segment %d: drop the file's translation: %w", segID, err)
	}
	return nil
}

// GetOffer returns what an uploaded file offered segment segID; ok is
// false when nothing is offered.
func GetOffer(ctx context.Context, q store.Querier, segID int64) (o Offer, ok bool, err error) {
	var target, state string
	err = q.QueryRow(ctx, `SELECT segment_id, target, state, file_name, offered_by, offered_at FROM translation_offers WHERE segment_id = ?`, segID).
		Scan(&o.SegmentID, &target, &state, &o.File, &o.By, &o.At)
	if errors.Is(err, sql.ErrNoRows) {
		return o, false, nil
	}
	if err != nil {
		return o, false, fmt.Errorf("segment %d: the file's translation: %w", segID, err)
	}
	o.State = State(state)
	if o.Target, err = decodeContent(target); err != nil {
		return o, false, fmt.Errorf("segment %d: the file's translation: %w", segID, err)
	}
	return o, true, nil
}

// ErrNoOffer is returned for taking a file's translation of a segment that
// has none (any longer).
var ErrNoOffer = fmt.Errorf("no translation of an uploaded file for this segment: %w", ErrNotFound)

// TakeOfferIn saves what an uploaded file offered segment segID, at
// version, as its translation, in the state the file gives it (a reviewed
// or approved state only when canReview, else translated), and forgets the
// offer. A segment changed since version is a *ConflictError, as any save.
func TakeOfferIn(ctx context.Context, tx *store.Tx, mem MemoryWriter, segID int64, version int, canReview bool, by string) (after, before Segment, err error) {
	o, ok, err := GetOffer(ctx, tx, segID)
	if err != nil {
		return after, before, err
	}
	if !ok {
		return after, before, fmt.Errorf("take segment %d's file translation: %w", segID, ErrNoOffer)
	}
	st := o.State
	if (st == Reviewed || st == Approved) && !canReview {
		st = Translated
	}
	if !st.Valid() || st == New || st == NeedsReview {
		st = Draft
	}
	after, before, err = SaveIn(ctx, tx, mem, Edit{SegmentID: segID, Version: version, Target: o.Target, State: st, By: by})
	if err != nil {
		return after, before, err
	}
	return after, before, dropOffer(ctx, tx, segID)
}
