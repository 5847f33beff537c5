package subtitle

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// Hash identifies what the track shows its viewers: its cues (times and
// lines), who made the text and from which language, as a hex SHA-256. A
// host approves a track by its hash, so that an approval counts for the
// version that was looked at and no other.
func (t *Track) Hash() string {
	b, err := json.Marshal(struct {
		Provenance Provenance `json:"provenance"`
		SourceLang string     `json:"source_lang"`
		Cues       []Cue      `json:"cues"`
	}{t.Provenance, t.SourceLang, t.Cues})
	if err != nil {
		// Cues are plain numbers and strings; Marshal does not fail.
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Public returns the version of the track every host approved, which the
// public sees (its Cues, Provenance and SourceLang as approved), or nil
// while none was.
func (t *Track) Public() *Track { return t.public }

// Approved reports whether the public sees the track as it is now.
func (t *Track) Approved() bool { return t.public != nil && t.PublicHash == t.Hash() }

// GetPublic returns the approved version of a speech's subtitles in a
// language (Track.Public), or ErrNotFound when there is none.
func GetPublic(ctx context.Context, q store.Querier, speechID int64, lang string) (*Track, error) {
	t, err := Get(ctx, q, speechID, lang)
	if err != nil {
		return nil, err
	}
	if t.public == nil {
		return nil, fmt.Errorf("approved subtitles of speech %d in %s: %w", speechID, lang, ErrNotFound)
	}
	return t.public, nil
}

// ListPublic is List of the approved versions: the tracks of a speech the
// public sees, ordered as List orders them.
func ListPublic(ctx context.Context, q store.Querier, speechID int64, langs ...string) ([]*Track, error) {
	ts, err := List(ctx, q, speechID, langs...)
	if err != nil {
		return nil, err
	}
	var out []*Track
	for _, t := range ts {
		if t.public != nil {
			out = append(out, t.public)
		}
	}
	return out, nil
}

// Approval is one host partner's approval of a version of a track.
type Approval struct {
	PartnerID   int64
	AccountID   int64
	AccountName string
	// Hash is the Hash of the version approved.
	Hash       string
	ApprovedAt time.Time
}

// ApprovalsOf returns the hosts' approvals of each of the tracks ids, by
// track, in one query; an approval counts only while its Hash is the
// track's.
func ApprovalsOf(ctx context.Context, q store.Querier, ids []int64) (map[int64][]Approval, error) {
	out := map[int64][]Approval{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	type row struct {
		track int64
		a     Approval
	}
	rows, err := store.All(ctx, q, func(sc store.Scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.track, &r.a.PartnerID, &r.a.AccountID, &r.a.AccountName, &r.a.Hash, &r.a.ApprovedAt)
	}, `SELECT track_id, partner_id, account_id, account_name, hash, approved_at FROM subtitle_approvals WHERE track_id IN (`+in+`) ORDER BY track_id, partner_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("approvals of subtitles: %w", err)
	}
	for _, r := range rows {
		out[r.track] = append(out[r.track], r.a)
	}
	return out, nil
}

// Approver is who approves a track, as the event log records it; an
// AccountID of 0 is a loader (the demo), not a person.
type Approver struct {
	AccountID int64
	Name      string
}

// Refusal is an approval the track's state does not allow; Key is its
// message (subtitles.approve.*) in the reader's language. It is a
// conflict (409).
type Refusal struct{ Key string }

func (r *Refusal) Error() string { return "subtitles: " + r.Key }

// Unwrap makes a refusal an errkind.Conflict.
func (r *Refusal) Unwrap() error { return errkind.Conflict }

// Approve records partnerID's approval of the version of a speech's track
// in lang whose Hash is hash and, once every host of the forum approved
// that version, makes it the one the public sees; it returns whether it
// did. The track must still be that version (a *Refusal
// subtitles.approve.changed: it was replaced while the person looked at
// it), the partner a host (else errkind.Forbidden), and one person
// approves a version for one host only (a *Refusal
// subtitles.approve.four_eyes).
func Approve(ctx context.Context, tx *store.Tx, speechID int64, lang string, partnerID int64, hash string, by Approver) (bool, error) {
	t, err := Get(ctx, tx, speechID, lang)
	if err != nil {
		return false, err
	}
	if hash != t.Hash() {
		return false, &Refusal{Key: "subtitles.approve.changed"}
	}
	hosts, err := forum.SpeechHosts(ctx, tx, speechID)
	if err != nil {
		return false, err
	}
	if !slices.Contains(hosts, partnerID) {
		return false, fmt.Errorf("partner %d is no host of the forum of speech %d: %w", partnerID, speechID, errkind.Forbidden)
	}
	as, err := ApprovalsOf(ctx, tx, []int64{t.ID})
	if err != nil {
		return false, err
	}
	if by.AccountID != 0 && slices.ContainsFunc(as[t.ID], func(a Approval) bool {
		return a.PartnerID != partnerID && a.AccountID == by.AccountID && a.Hash == hash
	}) {
		return false, &Refusal{Key: "subtitles.approve.four_eyes"}
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `DELETE FROM subtitle_approvals WHERE track_id = ? AND partner_id = ?`, t.ID, partnerID); err != nil {
		return false, fmt.Errorf("approve subtitles %d: %w", t.ID, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO subtitle_approvals (track_id, partner_id, account_id, account_name, hash, approved_at) VALUES (?, ?, ?, ?, ?, ?)`,
		t.ID, partnerID, by.AccountID, by.Name, hash, now); err != nil {
		return false, fmt.Errorf("approve subtitles %d: %w", t.ID, err)
	}
	subject := fmt.Sprintf("speech:%d", speechID)
	if err := eventlog.Append(ctx, tx, &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: partnerID,
		Action: "subtitles.approve", Subject: subject, After: eventlog.State(map[string]any{"lang": lang, "hash": hash, "partner": partnerID})}); err != nil {
		return false, err
	}
	approved := map[int64]bool{partnerID: true}
	for _, a := range as[t.ID] {
		if a.Hash == hash {
			approved[a.PartnerID] = true
		}
	}
	for _, h := range hosts {
		if !approved[h] {
			return false, nil
		}
	}
	if t.PublicHash == hash {
		return false, nil
	}
	cues, err := json.Marshal(t.Cues)
	if err != nil {
		return false, err
	}
	if _, err := tx.Exec(ctx, `UPDATE subtitle_tracks SET public_cues = ?, public_hash = ?, public_provenance = ?, public_source_lang = ?, public_created_at = ?, published_at = ? WHERE id = ?`,
		string(cues), hash, string(t.Provenance), t.SourceLang, t.CreatedAt, now, t.ID); err != nil {
		return false, fmt.Errorf("publish subtitles %d: %w", t.ID, err)
	}
	if err := eventlog.Append(ctx, tx, &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: partnerID,
		Action: "subtitles.publish", Subject: subject, After: eventlog.State(map[string]any{"lang": lang, "hash": hash})}); err != nil {
		return false, err
	}
	return true, forum.Touch(ctx, tx)
}

// ApproveAll approves every track of a speech, as it is now, for every
// host of its forum, on behalf of a loader (the demo), which is no
// person: what it loads is approved as the hosts would.
func ApproveAll(ctx context.Context, tx *store.Tx, speechID int64, by Approver) error {
	if by.AccountID != 0 {
		return errors.New("subtitles: ApproveAll is for loaders, not people")
	}
	ts, err := List(ctx, tx, speechID)
	if err != nil {
		return err
	}
	hosts, err := forum.SpeechHosts(ctx, tx, speechID)
	if err != nil {
		return err
	}
	for _, t := range ts {
		for _, h := range hosts {
			if _, err := Approve(ctx, tx, speechID, t.Lang, h, t.Hash(), by); err != nil {
				return err
			}
		}
	}
	return nil
}
