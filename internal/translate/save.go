package translate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
)

// ErrConflict is the kind of a *ConflictError.
var ErrConflict = errkind.Conflict

// ConflictError is returned by a save of a segment that someone else
// changed since the version the save names. Nothing was saved; Current is
// the segment as it is now, so that both texts can be shown.
type ConflictError struct {
	Current Segment
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("segment %d is at version %d, changed by %s: not saved", e.Current.ID, e.Current.Version, e.Current.UpdatedBy)
}

func (e *ConflictError) Unwrap() error { return ErrConflict }

// ErrCodes is the kind of a *CodeError.
var ErrCodes = errors.New("inline codes of the source lost or invented")

// CodeError is returned by a save whose target loses inline codes of its
// source or has codes the source does not have. The codes may move, but
// each of the source's must be there once, and a span's end after its
// start.
type CodeError struct {
	// Lost and Invented are the numbers (IDs) of the codes; Misordered
	// those of spans whose end comes before their start.
	Lost, Invented, Misordered []string
}

func (e *CodeError) Error() string {
	var parts []string
	if len(e.Lost) > 0 {
		parts = append(parts, "lost "+strings.Join(e.Lost, ", "))
	}
	if len(e.Invented) > 0 {
		parts = append(parts, "invented "+strings.Join(e.Invented, ", "))
	}
	if len(e.Misordered) > 0 {
		parts = append(parts, "end before start "+strings.Join(e.Misordered, ", "))
	}
	return "inline codes: " + strings.Join(parts, "; ")
}

func (e *CodeError) Unwrap() error { return ErrCodes }

// ErrState is returned for a save into a state it may not go to.
var ErrState = fmt.Errorf("state not allowed here: %w", errkind.Invalid)

// ErrEmpty is returned for confirming a segment with no translation.
var ErrEmpty = fmt.Errorf("empty translation: %w", errkind.Invalid)

// ErrControl is returned for a translation with control characters
// (U+0000–U+001F but tab and newline, U+007F–U+009F), which no text
// shows and no file format keeps: refused, never stored.
var ErrControl = fmt.Errorf("control characters in the translation: %w", errkind.Invalid)

// MaxTargetChars bounds a segment's translation, in characters: a segment
// is a sentence, and the limit is far above any.
const MaxTargetChars = 20000

// ErrTooLong is returned for a translation over MaxTargetChars.
var ErrTooLong = fmt.Errorf("translation over %d characters: %w", MaxTargetChars, errkind.Invalid)

// control reports whether ch is a control character a translation may
// not hold.
func control(ch rune) bool {
	return ch < 0x20 && ch != '\t' && ch != '\n' || ch >= 0x7f && ch <= 0x9f
}

// checkText refuses a translation with control characters or over
// MaxTargetChars.
func checkText(c interchange.Content) error {
	n := 0
	for _, r := range c {
		for _, ch := range r.Text {
			n++
			if control(ch) {
				return fmt.Errorf("U+%04X: %w", ch, ErrControl)
			}
		}
	}
	if n > MaxTargetChars {
		return ErrTooLong
	}
	return nil
}

// CheckCodes returns target with its codes checked against source: each
// code of the source once (in any place, a span's end after its start),
// no other. The codes of the result are the source's, whatever type or
// native code the target's runs claimed, so that a client can only move
// codes, never change what they stand for.
func CheckCodes(source, target interchange.Content) (interchange.Content, error) {
	type codeKey struct {
		kind interchange.RunKind
		id   string
	}
	src := map[codeKey]interchange.Run{}
	for _, r := range source.Codes() {
		src[codeKey{r.Kind, r.ID}] = r
	}
	seen := map[codeKey]int{}
	opened := map[string]bool{}
	var e CodeError
	var out interchange.Content
	for _, r := range target {
		if r.Kind == interchange.Text {
			if r.Text == "" {
				continue
			}
			if n := len(out); n > 0 && out[n-1].Kind == interchange.Text {
				out[n-1].Text += r.Text
			} else {
				out = append(out, interchange.Run{Kind: interchange.Text, Text: r.Text})
			}
			continue
		}
		k := codeKey{r.Kind, r.ID}
		orig, ok := src[k]
		if !ok || seen[k] > 0 {
			if !slices.Contains(e.Invented, r.ID) {
				e.Invented = append(e.Invented, r.ID)
			}
			continue
		}
		seen[k]++
		switch r.Kind {
		case interchange.Open:
			opened[r.ID] = true
		case interchange.Close:
			if _, pair := src[codeKey{interchange.Open, r.ID}]; pair && !opened[r.ID] {
				e.Misordered = append(e.Misordered, r.ID)
			}
		}
		out = append(out, orig)
	}
	for _, r := range source.Codes() {
		if seen[codeKey{r.Kind, r.ID}] == 0 && !slices.Contains(e.Lost, r.ID) {
			e.Lost = append(e.Lost, r.ID)
		}
	}
	if len(e.Lost)+len(e.Invented)+len(e.Misordered) > 0 {
		return nil, &e
	}
	return out, nil
}

// Edit is a change of one segment's translation.
type Edit struct {
	SegmentID int64
	// Version is the version of the segment the change was made to.
	Version int
	Target  interchange.Content
	// State is Draft or Translated for a translator, Reviewed or
	// Approved for a reviewer.
	State State
	By    string
	// At is when the change was made; zero is now. A segment filled from
	// a text it came with (By FromSiteText) carries the time that text was
	// last changed.
	At time.Time
}

// FromSiteText is the By of a segment no person wrote: it was filled from
// the translation its site text already had (internal/sitetext). The
// workbench says so instead of naming someone, and the memory records no
// author for it.
const FromSiteText = "@site-text"

// Save stores a new target and state for segment segID if its version is
// still version; otherwise it returns a *ConflictError carrying the current
// segment. It refuses a target that loses or invents inline codes
// (*CodeError). A confirmed segment (Translated and later) goes into the
// memory through mem (nil: none) in the same transaction.
func Save(ctx context.Context, db *store.DB, mem MemoryWriter, segID int64, version int, target interchange.Content, state State, by string) (Segment, error) {
	var out Segment
	err := db.Transact(ctx, func(tx *store.Tx) error {
		var err error
		out, _, err = SaveIn(ctx, tx, mem, Edit{SegmentID: segID, Version: version, Target: target, State: state, By: by})
		return err
	})
	return out, err
}

// SaveIn is Save in the caller's transaction, which may record the change
// in the event log with it. It also returns the segment before the change.
func SaveIn(ctx context.Context, tx *store.Tx, mem MemoryWriter, e Edit) (after, before Segment, err error) {
	switch e.State {
	case Draft, Translated, Reviewed, Approved:
	default:
		return after, before, fmt.Errorf("save segment %d as %q: %w", e.SegmentID, e.State, ErrState)
	}
	before, tr, err := current(ctx, tx, e.SegmentID, e.Version)
	if err != nil {
		return after, before, err
	}
	target, err := CheckCodes(before.Source, e.Target)
	if err == nil {
		err = checkText(target)
	}
	if err != nil {
		return after, before, fmt.Errorf("save segment %d: %w", e.SegmentID, err)
	}
	if e.State.Confirmed() && strings.TrimSpace(target.Plain()) == "" && strings.TrimSpace(before.Source.Plain()) != "" {
		return after, before, fmt.Errorf("save segment %d: %w", e.SegmentID, ErrEmpty)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if !e.At.IsZero() {
		now = e.At.UTC().Truncate(time.Microsecond)
	}
	after, err = update(ctx, tx, before, `target = ?, state = ?, returned = ?, updated_by = ?, updated_at = ?`,
		encodeContent(target), string(e.State), false, e.By, now)
	if err != nil {
		return after, before, err
	}
	if e.State.Confirmed() {
		// What an uploaded file offered is looked at once the segment
		// is confirmed again.
		if err := dropOffer(ctx, tx, e.SegmentID); err != nil {
			return after, before, err
		}
	}
	if mem != nil && e.State.Confirmed() && !(before.State.Confirmed() && hashContent(before.Target) == hashContent(target)) {
		by := e.By
		if by == FromSiteText {
			by = ""
		}
		u := MemoryUnit{From: tr.SourceLang, To: tr.Lang, Source: before.Source, Target: target,
			Context: before.BlockID, Origin: fmt.Sprint(originPrefix, tr.ID), By: by, Changed: now, Supersedes: true}
		if err := mem.Add(ctx, tx, u); err != nil {
			return after, before, fmt.Errorf("save segment %d: memory: %w", e.SegmentID, err)
		}
	}
	return after, before, nil
}

// current returns segment id, not archived, and its translation, if the
// segment is at version; a *ConflictError if it is not.
func current(ctx context.Context, tx *store.Tx, id int64, version int) (Segment, *Translation, error) {
	s, err := scanSegment(tx.QueryRow(ctx, `SELECT `+segmentColumns+` FROM translation_segments WHERE id = ? AND archived_at IS NULL`, id))
	if err != nil {
		return s, nil, fmt.Errorf("segment %d: %w", id, err)
	}
	if s.Version != version {
		return s, nil, &ConflictError{Current: s}
	}
	tr, err := Get(ctx, tx, s.TranslationID)
	return s, tr, err
}

// update sets columns of segment s (set, with its arguments) and raises its
// version, if it is still at s.Version; if someone changed it meanwhile it
// returns a *ConflictError with the segment as it is now.
func update(ctx context.Context, tx *store.Tx, s Segment, set string, args ...any) (Segment, error) {
	args = append(args, s.ID, s.Version)
	res, err := tx.Exec(ctx, `UPDATE translation_segments SET `+set+`, version = version + 1 WHERE id = ? AND version = ? AND archived_at IS NULL`, args...)
	if err != nil {
		return s, fmt.Errorf("save segment %d: %w", s.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return s, err
	}
	now, err := GetSegment(ctx, tx, s.ID)
	if err != nil {
		return s, err
	}
	if n == 0 {
		return s, &ConflictError{Current: now}
	}
	return now, nil
}
