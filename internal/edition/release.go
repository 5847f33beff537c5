package edition

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// ProofApproval is one host partner's approval of an edition's proofs.
type ProofApproval struct {
	PartnerID   int64
	AccountID   int64
	AccountName string
	// Fingerprint is ProofsFingerprint of the files the host approved.
	Fingerprint string
	ApprovedAt  time.Time
}

// ProofApprovals returns the hosts' approvals of edition id's proofs, by
// partner; an approval counts only while its Fingerprint is the current
// proofs'.
func ProofApprovals(ctx context.Context, q store.Querier, id int64) ([]ProofApproval, error) {
	as, err := store.All(ctx, q, func(sc store.Scanner) (ProofApproval, error) {
		var a ProofApproval
		return a, sc.Scan(&a.PartnerID, &a.AccountID, &a.AccountName, &a.Fingerprint, &a.ApprovedAt)
	}, `SELECT partner_id, account_id, account_name, fingerprint, approved_at FROM edition_proof_approvals WHERE edition_id = ? ORDER BY partner_id`, id)
	if err != nil {
		return nil, fmt.Errorf("proof approvals of edition %d: %w", id, err)
	}
	return as, nil
}

// proofsApproved reports whether every host approved the proofs whose
// fingerprint is fp.
func proofsApproved(as []ProofApproval, hosts []int64, fp string) bool {
	if fp == "" || len(hosts) == 0 {
		return false
	}
	for _, h := range hosts {
		if !slices.ContainsFunc(as, func(a ProofApproval) bool { return a.PartnerID == h && a.Fingerprint == fp }) {
			return false
		}
	}
	return true
}

// ApproveProofs records partner's approval of edition id's current proofs
// (the files last built of every format) and, when every host has now
// approved them, makes the edition approved; it returns whether it did.
// The edition must be in proofs or approved (else a *StateError), the
// partner one of the forum's hosts (else errkind.Forbidden), and the
// account (when by names one) must not have approved the same proofs for
// another host (a *StateError: edition.proofs.four_eyes). It does not
// look at whether the proofs are still current: Press.ApproveProofs does.
func ApproveProofs(ctx context.Context, tx *store.Tx, id, partnerID int64, by Actor) (bool, error) {
	e, err := Get(ctx, tx, id)
	if err != nil {
		return false, err
	}
	if e.State != Proofs && e.State != Approved {
		return false, &StateError{From: e.State, To: Approved, Key: "edition.proofs.state"}
	}
	hosts, err := works.Hosts(ctx, tx, e.CollectionID)
	if err != nil {
		return false, err
	}
	if !slices.Contains(hosts, partnerID) {
		return false, fmt.Errorf("partner %d is no host of edition %d: %w", partnerID, id, errkind.Forbidden)
	}
	files, err := Files(ctx, tx, id)
	if err != nil {
		return false, err
	}
	fp := ProofsFingerprint(e, files)
	if fp == "" {
		return false, &StateError{From: e.State, To: Approved, Key: "edition.proofs.missing"}
	}
	// Four eyes between the hosts: one person approves the same proofs
	// for one host only (the office lets only a host's organisers and
	// editors approve for it; by.AccountID 0, a loader, is no person).
	if by.AccountID != 0 {
		before, err := ProofApprovals(ctx, tx, id)
		if err != nil {
			return false, err
		}
		for _, a := range before {
			if a.PartnerID != partnerID && a.AccountID == by.AccountID && a.Fingerprint == fp {
				return false, &StateError{From: e.State, To: Approved, Key: "edition.proofs.four_eyes"}
			}
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM edition_proof_approvals WHERE edition_id = ? AND partner_id = ?`, id, partnerID); err != nil {
		return false, err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `INSERT INTO edition_proof_approvals (edition_id, partner_id, account_id, account_name, fingerprint, approved_at) VALUES (?, ?, ?, ?, ?, ?)`,
		id, partnerID, by.AccountID, by.Name, fp, now); err != nil {
		return false, fmt.Errorf("approve proofs of edition %d: %w", id, err)
	}
	approver := by
	approver.PartnerID = partnerID
	if err := record(ctx, tx, approver, "edition.proofs_approve", id, nil, map[string]any{"partner_id": partnerID, "fingerprint": fp}, ""); err != nil {
		return false, err
	}
	as, err := ProofApprovals(ctx, tx, id)
	if err != nil {
		return false, err
	}
	if e.State != Proofs || !proofsApproved(as, hosts, fp) {
		return false, nil
	}
	return true, setState(ctx, tx, id, Proofs, Approved, by, "every host approved the proofs")
}

// ApproveProofs is ApproveProofs in a transaction of its own, refused (a
// *StateError: edition.proofs.stale) while a format's proofs were made
// from other inputs than the edition's book has now: the edition's data
// or a chapter's approved text changed since the build, and what the host
// would approve is not what would be released.
func (p *Press) ApproveProofs(ctx context.Context, id, partnerID int64, by Actor) (bool, error) {
	e, err := Get(ctx, p.DB, id)
	if err != nil {
		return false, err
	}
	stale, err := p.Stale(ctx, e)
	if err != nil {
		return false, err
	}
	if len(stale) > 0 && (e.State == Proofs || e.State == Approved) {
		return false, &StateError{From: e.State, To: Approved, Key: "edition.proofs.stale"}
	}
	var done bool
	err = p.DB.Transact(ctx, func(tx *store.Tx) error {
		cur, err := Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Version != e.Version {
			return ErrStale
		}
		done, err = ApproveProofs(ctx, tx, id, partnerID, by)
		return err
	})
	return done, err
}

// ReleaseArgs is the job that releases the editions due at At. It is
// queued, in the transaction that schedules an edition, to run at its
// release time; River keeps it in the database, so that it runs after a
// restart too, and running it again, or for an edition since unscheduled,
// releases nothing twice.
type ReleaseArgs struct {
	EditionID int64     `json:"edition_id"`
	At        time.Time `json:"at"`
}

// Kind names the job.
func (ReleaseArgs) Kind() string { return "edition.release" }

// Schedule makes approved edition id scheduled for release at its time,
// and queues the job that releases it then. It refuses (a *StateError)
// unless the edition is approved, every host approved its current proofs,
// no file is stale (the book changed since the build) and every chapter
// is approved in each of its languages; and (Invalid) unless its release
// time is set and after now.
func (p *Press) Schedule(ctx context.Context, id int64, by Actor, now time.Time) error {
	e, err := Get(ctx, p.DB, id)
	if err != nil {
		return err
	}
	if e.State != Approved {
		return &StateError{From: e.State, To: Scheduled, Key: "edition.schedule.state"}
	}
	if e.ReleaseAt.IsZero() || e.TimeZone == "" {
		return Invalid{{Field: "release", Key: "edition.invalid.release_missing"}}
	}
	if !e.ReleaseAt.After(now) {
		return Invalid{{Field: "release", Key: "edition.invalid.release_past"}}
	}
	missing, err := Unapproved(ctx, p.DB, e)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return &StateError{From: e.State, To: Scheduled, Key: "edition.schedule.unapproved", Args: []any{len(missing)}}
	}
	stale, err := p.Stale(ctx, e)
	if err != nil {
		return err
	}
	if len(stale) > 0 {
		return &StateError{From: e.State, To: Scheduled, Key: "edition.schedule.stale", Args: []any{string(stale[0])}}
	}
	return p.DB.Transact(ctx, func(tx *store.Tx) error {
		cur, err := Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Version != e.Version {
			return ErrStale
		}
		files, err := Files(ctx, tx, id)
		if err != nil {
			return err
		}
		hosts, err := works.Hosts(ctx, tx, e.CollectionID)
		if err != nil {
			return err
		}
		as, err := ProofApprovals(ctx, tx, id)
		if err != nil {
			return err
		}
		if !proofsApproved(as, hosts, ProofsFingerprint(cur, files)) {
			return &StateError{From: e.State, To: Scheduled, Key: "edition.schedule.proofs"}
		}
		if err := setState(ctx, tx, id, Approved, Scheduled, by, e.ReleaseAt.UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		_, err = jobs.InsertTx(ctx, tx, ReleaseArgs{EditionID: id, At: e.ReleaseAt.UTC()}, &jobs.InsertOpts{ScheduledAt: e.ReleaseAt})
		return err
	})
}

// Unschedule takes scheduled edition id back to approved: it will not be
// released at its time.
func Unschedule(ctx context.Context, tx *store.Tx, id int64, by Actor) error {
	e, err := Get(ctx, tx, id)
	if err != nil {
		return err
	}
	if e.State != Scheduled {
		return &StateError{From: e.State, To: Approved, Key: "edition.unschedule.state"}
	}
	return setState(ctx, tx, id, Scheduled, Approved, by, "unscheduled")
}

// system is the actor of what tandem does by itself.
var system = Actor{Name: "tandem"}

// ReleaseDue releases, in one transaction, every scheduled edition whose
// release time is not after now, and returns their slugs.
func ReleaseDue(ctx context.Context, db *store.DB, now time.Time) ([]string, error) {
	var done []string
	err := db.Transact(ctx, func(tx *store.Tx) error {
		es, err := store.All(ctx, tx, scan, `SELECT `+columns+` FROM editions WHERE state = ? AND release_at <= ? ORDER BY release_at, id`, Scheduled, now.UTC())
		if err != nil {
			return err
		}
		for _, e := range es {
			if err := setState(ctx, tx, e.ID, Scheduled, Released, system, ""); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE editions SET released_at = ? WHERE id = ?`, e.ReleaseAt.UTC(), e.ID); err != nil {
				return err
			}
			done = append(done, e.Slug)
		}
		if len(done) == 0 {
			return nil
		}
		// The public site's cached pages are of the site before.
		return forum.Touch(ctx, tx)
	})
	if err != nil {
		return nil, fmt.Errorf("release due editions: %w", err)
	}
	return done, nil
}

// ReleaseWorker works ReleaseArgs jobs.
type ReleaseWorker struct {
	jobs.WorkerDefaults[ReleaseArgs]
	DB *store.DB
	// Now is the clock; nil is time.Now.
	Now func() time.Time
}

// Work releases what is due when the job runs, and at least what is due
// at the job's own time, so that a clock a little behind the queue's does
// not leave the edition unreleased.
func (w *ReleaseWorker) Work(ctx context.Context, job *jobs.Job[ReleaseArgs]) error {
	now := time.Now()
	if w.Now != nil {
		now = w.Now()
	}
	if job.Args.At.After(now) {
		now = job.Args.At
	}
	_, err := ReleaseDue(ctx, w.DB, now)
	return err
}

// visible is the condition of the editions the public sees at a time:
// released, or scheduled with its time come (before the job has run).
const visible = `(state = ? OR (state = ? AND release_at <= ?))`

// PublicAt reports whether the public may see the edition at now: it is
// released, or scheduled with its time come (the condition visible puts
// to the database).
func (e *Edition) PublicAt(now time.Time) bool {
	return e.State == Released || e.State == Scheduled && !e.ReleaseAt.IsZero() && !e.ReleaseAt.After(now)
}

// Public returns the edition whose address is slug if the public may see
// it at now, and ErrNotFound otherwise: before its release nothing of an
// edition exists for the public.
func Public(ctx context.Context, q store.Querier, slug string, now time.Time) (*Edition, error) {
	e, err := scan(q.QueryRow(ctx, `SELECT `+columns+` FROM editions WHERE slug = ? AND `+visible, slug, Released, Scheduled, now.UTC()))
	if err == sql.ErrNoRows {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("public edition %s: %w", slug, err)
	}
	return e, nil
}

// PublicList returns the editions the public may see at now, newest
// release first.
func PublicList(ctx context.Context, q store.Querier, now time.Time) ([]*Edition, error) {
	es, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM editions WHERE `+visible+` ORDER BY release_at DESC, id`, Released, Scheduled, now.UTC())
	if err != nil {
		return nil, fmt.Errorf("public editions: %w", err)
	}
	return es, nil
}

// Update is Update in a transaction of its own, after which the edition's
// state is made to say at once what its proofs are (Settle): a change of
// what the book says withdraws the hosts' approvals now, not at the next
// build.
func (p *Press) Update(ctx context.Context, e *Edition, version int, by Actor) error {
	if err := p.DB.Transact(ctx, func(tx *store.Tx) error { return Update(ctx, tx, e, version, by) }); err != nil {
		return err
	}
	return p.Settle(ctx, e.ID, by)
}

// Settle makes edition id's state honest about its proofs. An approved
// edition whose proofs are no longer made from what its book says now
// (Stale: its data or a chapter's approved text changed) goes back to
// proofs, the hosts' approvals of them no longer counting. An edition in
// proofs whose current proofs every host approved, and that a change took
// back to proofs though its book is the same (its release time moved, say),
// is approved again. A draft, a scheduled or a released edition is left
// as it is, and so is one changed meanwhile (whoever changed it settles it).
func (p *Press) Settle(ctx context.Context, id int64, by Actor) error {
	e, err := Get(ctx, p.DB, id)
	if err != nil {
		return err
	}
	if e.State != Approved && e.State != Proofs {
		return nil
	}
	stale, err := p.Stale(ctx, e)
	if err != nil {
		return err
	}
	return p.DB.Transact(ctx, func(tx *store.Tx) error {
		cur, err := Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.Version != e.Version {
			return nil
		}
		if len(stale) > 0 {
			if cur.State != Approved {
				return nil
			}
			return setState(ctx, tx, id, Approved, Proofs, by, "the edition changed: its proofs are out of date and the approvals of them no longer count")
		}
		if cur.State != Proofs {
			return nil
		}
		files, err := Files(ctx, tx, id)
		if err != nil {
			return err
		}
		hosts, err := works.Hosts(ctx, tx, cur.CollectionID)
		if err != nil {
			return err
		}
		as, err := ProofApprovals(ctx, tx, id)
		if err != nil {
			return err
		}
		if !proofsApproved(as, hosts, ProofsFingerprint(cur, files)) {
			return nil
		}
		return setState(ctx, tx, id, Proofs, Approved, by, "the edition changed, not its proofs: every host's approval of them holds")
	})
}
