package translate

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
)

// ErrNotConfirmed is returned for approving a segment its translator has
// not confirmed.
var ErrNotConfirmed = fmt.Errorf("segment not translated yet: %w", errkind.Invalid)

// ErrOwnText is returned for a reviewer's approval of a segment whose
// current text they wrote themselves: a translation is approved by a
// second pair of eyes.
var ErrOwnText = fmt.Errorf("a reviewer cannot approve their own translation: %w", errkind.Forbidden)

// ErrNoComment is returned for returning a segment without saying why.
var ErrNoComment = fmt.Errorf("a returned segment needs a comment: %w", errkind.Invalid)

// ApproveIn marks segment segID, at version, as reviewed: a reviewer has
// read the translation and agrees with it. Only a confirmed segment
// (Translated or later) can be approved, and not by the one who wrote its
// current text (by, a name, as updated_by keeps it): ErrOwnText.
func ApproveIn(ctx context.Context, tx *store.Tx, segID int64, version int, by string) (after, before Segment, err error) {
	before, _, err = current(ctx, tx, segID, version)
	if err != nil {
		return after, before, err
	}
	if !before.State.Confirmed() {
		return after, before, fmt.Errorf("approve segment %d (%s): %w", segID, before.State, ErrNotConfirmed)
	}
	// A translated segment's updated_by is who wrote its text; a reviewed
	// one's, the reviewer who approved it.
	if before.State == Translated && by != "" && before.UpdatedBy == by {
		return after, before, fmt.Errorf("approve segment %d by %s: %w", segID, by, ErrOwnText)
	}
	after, err = update(ctx, tx, before, `state = ?, returned = ?, comment = '', updated_by = ?, updated_at = ?`,
		string(Reviewed), false, by, time.Now().UTC().Truncate(time.Microsecond))
	return after, before, err
}

// ReturnIn sends segment segID, at version, back to its translator with the
// reviewer's comment: it becomes a returned draft, which the workbench
// shows its translator first. The text stays credited to who wrote it
// (updated_by and updated_at are kept); the caller records the return's
// author (the event log's translation.segment.return).
func ReturnIn(ctx context.Context, tx *store.Tx, segID int64, version int, comment, by string) (after, before Segment, err error) {
	comment = strings.TrimSpace(comment)
	if comment == "" {
		return after, before, fmt.Errorf("return segment %d: %w", segID, ErrNoComment)
	}
	before, _, err = current(ctx, tx, segID, version)
	if err != nil {
		return after, before, err
	}
	after, err = update(ctx, tx, before, `state = ?, returned = ?, comment = ?`, string(Draft), true, comment)
	return after, before, err
}

// Approve is ApproveIn in a transaction of its own.
func Approve(ctx context.Context, db *store.DB, segID int64, version int, by string) (Segment, error) {
	var out Segment
	err := db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		out, _, err = ApproveIn(ctx, tx, segID, version, by)
		return err
	})
	return out, err
}

// Return is ReturnIn in a transaction of its own.
func Return(ctx context.Context, db *store.DB, segID int64, version int, comment, by string) (Segment, error) {
	var out Segment
	err := db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		out, _, err = ReturnIn(ctx, tx, segID, version, comment, by)
		return err
	})
	return out, err
}
