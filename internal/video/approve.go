package video

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
)

// Approval is one host partner's approval of a video for the public.
type Approval struct {
	PartnerID   int64
	AccountID   int64
	AccountName string
	ApprovedAt  time.Time
}

// Refusal is a step of the approval that the video's state does not
// allow; Key is its message (video.approve.*, video.withdraw.*), to be
// said in the reader's language. It is a conflict (409).
type Refusal struct{ Key string }

func (r *Refusal) Error() string { return "video: " + r.Key }

// Unwrap makes a refusal an errkind.Conflict.
func (r *Refusal) Unwrap() error { return errkind.Conflict }

// ApprovalsOf returns the hosts' approvals of each of the videos ids, by
// video, in one query.
func ApprovalsOf(ctx context.Context, q store.Querier, ids []int64) (map[int64][]Approval, error) {
	out := map[int64][]Approval{}
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	type row struct {
		video int64
		a     Approval
	}
	rows, err := store.All(ctx, q, func(sc store.Scanner) (row, error) {
		var r row
		return r, sc.Scan(&r.video, &r.a.PartnerID, &r.a.AccountID, &r.a.AccountName, &r.a.ApprovedAt)
	}, `SELECT video_id, partner_id, account_id, account_name, approved_at FROM video_approvals WHERE video_id IN (`+in+`) ORDER BY video_id, partner_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("approvals of videos: %w", err)
	}
	for _, r := range rows {
		out[r.video] = append(out[r.video], r.a)
	}
	return out, nil
}

// Approve records partnerID's approval of video id for the public and,
// once every host of its forum has approved it, makes it the video the
// speech page plays (ApprovedAt); it returns whether it did. The video
// must be ready (else a *Refusal video.approve.not_ready) and its item's
// newest ready video (else a *Refusal video.approve.not_newest); the partner
// must be a host (else errkind.Forbidden); and one person approves a
// video for one host only (a *Refusal video.approve.four_eyes; by with no
// AccountID, a loader such as the demo, is no person). Approving again
// for the same host replaces the approval.
func Approve(ctx context.Context, tx *store.Tx, id, partnerID int64, by Actor) (bool, error) {
	v, err := Get(ctx, tx, id)
	if err != nil {
		return false, err
	}
	if v.State != Ready {
		return false, &Refusal{Key: "video.approve.not_ready"}
	}
	// Only the newest ready video can be made public (PlayableFor plays
	// the newest approved one): an older one approved would be announced
	// as published and never be seen.
	newest, err := ReadyFor(ctx, tx, []int64{v.ItemID})
	if err != nil {
		return false, err
	}
	if n := newest[v.ItemID]; n == nil || n.ID != v.ID {
		return false, &Refusal{Key: "video.approve.not_newest"}
	}
	hosts, err := forum.SpeechHosts(ctx, tx, v.ItemID)
	if err != nil {
		return false, err
	}
	if !slices.Contains(hosts, partnerID) {
		return false, fmt.Errorf("partner %d is no host of the forum of video %d: %w", partnerID, id, errkind.Forbidden)
	}
	as, err := ApprovalsOf(ctx, tx, []int64{id})
	if err != nil {
		return false, err
	}
	if by.AccountID != 0 && slices.ContainsFunc(as[id], func(a Approval) bool { return a.PartnerID != partnerID && a.AccountID == by.AccountID }) {
		return false, &Refusal{Key: "video.approve.four_eyes"}
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `DELETE FROM video_approvals WHERE video_id = ? AND partner_id = ?`, id, partnerID); err != nil {
		return false, fmt.Errorf("approve video %d: %w", id, err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO video_approvals (video_id, partner_id, account_id, account_name, approved_at) VALUES (?, ?, ?, ?, ?)`,
		id, partnerID, by.AccountID, by.Name, now); err != nil {
		return false, fmt.Errorf("approve video %d: %w", id, err)
	}
	subject := fmt.Sprintf("speech:%d", v.ItemID)
	if err := eventlog.Append(ctx, tx, &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: partnerID,
		Action: "video.approve", Subject: subject, After: eventlog.State(map[string]any{"video": id, "partner": partnerID})}); err != nil {
		return false, err
	}
	approved := map[int64]bool{partnerID: true}
	for _, a := range as[id] {
		approved[a.PartnerID] = true
	}
	for _, h := range hosts {
		if !approved[h] {
			return false, nil
		}
	}
	if !v.ApprovedAt.IsZero() {
		return false, nil
	}
	if _, err := tx.Exec(ctx, `UPDATE videos SET approved_at = ?, withdrawn_at = NULL, withdrawn_by_name = '' WHERE id = ?`, now, id); err != nil {
		return false, fmt.Errorf("publish video %d: %w", id, err)
	}
	if err := eventlog.Append(ctx, tx, &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: partnerID,
		Action: "video.publish", Subject: subject, After: eventlog.State(map[string]any{"video": id})}); err != nil {
		return false, err
	}
	return true, forum.Touch(ctx, tx)
}

// Withdraw takes programme item itemID's public video off the public page
// at once, its subtitles with it (they are shown only with a video), and
// returns it: the approvals of every video of the item are cleared, so
// that none comes back before the hosts approve one again. With no public
// video it is a *Refusal video.withdraw.none; an item that does not exist
// is ErrNotFound. The event log records who withdrew it and why (note).
func Withdraw(ctx context.Context, tx *store.Tx, itemID int64, by Actor, note string) (*Video, error) {
	var one int
	err := tx.QueryRow(ctx, `SELECT 1 FROM speeches WHERE id = ?`, itemID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("programme item %d: %w", itemID, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("programme item %d: %w", itemID, err)
	}
	vs, err := PlayableFor(ctx, tx, []int64{itemID})
	if err != nil {
		return nil, err
	}
	v := vs[itemID]
	if v == nil {
		return nil, &Refusal{Key: "video.withdraw.none"}
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `DELETE FROM video_approvals WHERE video_id IN (SELECT id FROM videos WHERE speech_id = ?)`, itemID); err != nil {
		return nil, fmt.Errorf("withdraw video of item %d: %w", itemID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE videos SET approved_at = NULL WHERE speech_id = ?`, itemID); err != nil {
		return nil, fmt.Errorf("withdraw video of item %d: %w", itemID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE videos SET withdrawn_at = ?, withdrawn_by_name = ? WHERE id = ?`, now, by.Name, v.ID); err != nil {
		return nil, fmt.Errorf("withdraw video %d: %w", v.ID, err)
	}
	if err := eventlog.Append(ctx, tx, &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: by.PartnerID,
		Action: "video.withdraw", Subject: fmt.Sprintf("speech:%d", itemID), Note: note,
		Before: eventlog.State(map[string]any{"video": v.ID})}); err != nil {
		return nil, err
	}
	if err := forum.Touch(ctx, tx); err != nil {
		return nil, err
	}
	return Get(ctx, tx, v.ID)
}
