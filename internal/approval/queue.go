package approval

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// Pending is a draft as a dashboard lists it.
type Pending struct {
	Subject Subject
	Version int
	State   State
	// Title names the subject (a forum's or post's title, a partner's or
	// person's name); empty for a programme, which the forum names.
	Title           lang.Text
	Comment         string // why it was returned
	SubmittedBy     int64
	SubmittedByName string
	// ReturnedByName and ReturnedFor say who returned it, for which
	// partner; UpdatedAt is when (ReturnedTo only).
	ReturnedByName string
	ReturnedFor    int64
	UpdatedAt      time.Time
	// Awaiting lists which of the asked partners have yet to approve the
	// version (AwaitingApproval only).
	Awaiting []int64
}

// AwaitingApproval returns the submitted drafts whose current version
// awaits the approval of one of partnerIDs, oldest first, in one query.
func AwaitingApproval(ctx context.Context, q store.Querier, partnerIDs []int64) ([]Pending, error) {
	if len(partnerIDs) == 0 {
		return nil, nil
	}
	in, args := store.In(partnerIDs)
	type row struct {
		d         draftRow
		partnerID int64
	}
	rows, err := store.All(ctx, q, func(sc store.Scanner) (row, error) {
		var r row
		var err error
		r.d, err = scanDraft(scanWith{sc, &r.partnerID})
		return r, err
	}, `SELECT `+draftColumns+`, a.partner_id FROM drafts d JOIN draft_approvers a ON a.draft_id = d.id AND a.version = d.version
		WHERE d.state = ? AND a.approved_at IS NULL AND a.partner_id IN (`+in+`) ORDER BY d.updated_at, d.id, a.position`, append([]any{Submitted}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("awaiting approval: %w", err)
	}
	var out []Pending
	for _, r := range rows {
		if n := len(out); n > 0 && out[n-1].Subject == r.d.Subject {
			out[n-1].Awaiting = append(out[n-1].Awaiting, r.partnerID)
			continue
		}
		p := pending(r.d)
		p.Awaiting = []int64{r.partnerID}
		out = append(out, p)
	}
	return out, nil
}

// ReturnedTo returns the drafts returned to the account, which asked to
// publish them or saved the returned version, newest first, in one query.
func ReturnedTo(ctx context.Context, q store.Querier, accountID int64) ([]Pending, error) {
	rows, err := store.All(ctx, q, scanDraft, `SELECT `+draftColumns+` FROM drafts d WHERE d.state = ? AND (d.submitted_by = ? OR d.author_id = ?)
		ORDER BY d.updated_at DESC, d.id`, Returned, accountID, accountID)
	if err != nil {
		return nil, fmt.Errorf("returned to %d: %w", accountID, err)
	}
	out := make([]Pending, len(rows))
	for i, d := range rows {
		out[i] = pending(d)
	}
	return out, nil
}

func pending(d draftRow) Pending {
	return Pending{Subject: d.Subject, Version: d.Version, State: d.State, Title: titleOf(d.Content), Comment: d.Comment,
		SubmittedBy: d.SubmittedBy, SubmittedByName: d.SubmittedByName, ReturnedByName: d.ReturnedByName, ReturnedFor: d.ReturnedFor,
		UpdatedAt: d.UpdatedAt}
}

// scanWith scans a draft's columns and then extra ones.
type scanWith struct {
	store.Scanner
	extra *int64
}

func (s scanWith) Scan(dest ...any) error { return s.Scanner.Scan(append(dest, s.extra)...) }

// SubmittedBy returns the drafts that the account asked to publish and
// that await approvals or their publish-at time, newest first, in one
// query.
func SubmittedBy(ctx context.Context, q store.Querier, accountID int64) ([]Pending, error) {
	rows, err := store.All(ctx, q, scanDraft, `SELECT `+draftColumns+` FROM drafts d WHERE d.state IN (?, ?) AND d.submitted_by = ?
		ORDER BY d.updated_at DESC, d.id`, Submitted, Scheduled, accountID)
	if err != nil {
		return nil, fmt.Errorf("submitted by %d: %w", accountID, err)
	}
	out := make([]Pending, len(rows))
	for i, d := range rows {
		out[i] = pending(d)
	}
	return out, nil
}

// Due returns the scheduled drafts whose publish-at time is not after now,
// which PublishDue would publish, in its order; one query.
func Due(ctx context.Context, q store.Querier, now time.Time) ([]Pending, error) {
	// Times are compared here, not in SQL, where SQLite compares text.
	rows, err := store.All(ctx, q, scanDraft, `SELECT `+draftColumns+` FROM drafts d WHERE d.state = ? ORDER BY d.publish_at, d.id`, Scheduled)
	if err != nil {
		return nil, fmt.Errorf("due: %w", err)
	}
	var out []Pending
	for _, d := range rows {
		if !d.PublishAt.After(now) {
			out = append(out, pending(d))
		}
	}
	return out, nil
}

// Publication is one version of a subject that went public, and the
// approvals it had.
type Publication struct {
	Subject   Subject
	Version   int
	At        time.Time
	Approvals []Approval
}

// Publications returns the last limit publications, newest first, in one
// query.
func Publications(ctx context.Context, q store.Querier, limit int) ([]Publication, error) {
	out, err := store.All(ctx, q, func(sc store.Scanner) (Publication, error) {
		var p Publication
		var approvers string
		if err := sc.Scan(&p.Subject.Kind, &p.Subject.ID, &p.Version, &p.At, &approvers); err != nil {
			return p, err
		}
		p.At = p.At.UTC()
		var as []publication
		if err := json.Unmarshal([]byte(approvers), &as); err != nil {
			return p, fmt.Errorf("publication of %s: %w", p.Subject, err)
		}
		for _, a := range as {
			p.Approvals = append(p.Approvals, Approval{PartnerID: a.PartnerID, AccountID: a.AccountID, Name: a.Name, At: a.At})
		}
		return p, nil
	}, `SELECT subject_kind, subject_id, version, published_at, approvers FROM publications ORDER BY published_at DESC, id DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("publications: %w", err)
	}
	return out, nil
}
