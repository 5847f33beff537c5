package works

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// Every host partner of the collection's forum approves each language's
// text of a contribution once it is reviewed, for the exact text it read:
// the approval keeps the text's fingerprint and a snapshot of its model.
// When every host has approved the current text the language is approved.
// A later change of the text re-opens the approvals (Reopen): they no
// longer count, the language is reviewed again, and the snapshot shows the
// approvers what changed.

// Approval is one host partner's approval of one language's text.
type Approval struct {
	Lang        string
	PartnerID   int64
	AccountID   int64
	AccountName string
	Fingerprint string
	// Snapshot is the document model (JSON) the host approved.
	Snapshot   []byte
	ApprovedAt time.Time
	// ReopenedAt is when a change of the text re-opened the approval;
	// zero while it stands.
	ReopenedAt time.Time
}

// Counts says whether the approval stands for the text whose fingerprint
// is fp.
func (a *Approval) Counts(fp string) bool { return a.ReopenedAt.IsZero() && a.Fingerprint == fp }

// Hosts returns the host partners of the forum collection collectionID
// belongs to, in the forum's order.
func Hosts(ctx context.Context, q store.Querier, collectionID int64) ([]int64, error) {
	ids, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT h.partner_id FROM forum_hosts h JOIN collections c ON c.forum_id = h.forum_id WHERE c.id = ? ORDER BY h.position`, collectionID)
	if err != nil {
		return nil, fmt.Errorf("hosts of collection %d: %w", collectionID, err)
	}
	return ids, nil
}

// Approvals returns the hosts' approvals of contribution id's texts, by
// language and then partner; lang "" gives every language's.
func Approvals(ctx context.Context, q store.Querier, id int64, lang string) ([]Approval, error) {
	query := `SELECT lang, partner_id, account_id, account_name, fingerprint, snapshot, approved_at, reopened_at FROM contribution_approvals WHERE contribution_id = ?`
	args := []any{id}
	if lang != "" {
		query += ` AND lang = ?`
		args = append(args, lang)
	}
	as, err := store.All(ctx, q, func(sc store.Scanner) (Approval, error) {
		var a Approval
		var snap string
		var reopened sql.NullTime
		err := sc.Scan(&a.Lang, &a.PartnerID, &a.AccountID, &a.AccountName, &a.Fingerprint, &snap, &a.ApprovedAt, &reopened)
		a.Snapshot, a.ReopenedAt = []byte(snap), reopened.Time
		return a, err
	}, query+` ORDER BY lang, partner_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("approvals of contribution %d: %w", id, err)
	}
	return as, nil
}

// Approve records partner's approval of language lang of contribution c,
// for the text whose fingerprint and snapshot are given, replacing the
// partner's earlier approval. The language must be reviewed (else a
// *StateError: works.approval.state), the partner a host (else forbidden).
// It returns true when every host has now approved this text, and the
// language has become approved. One account does not approve the same
// text for two hosts (a *StateError: works.approval.four_eyes).
func Approve(ctx context.Context, tx *store.Tx, c *Contribution, lang string, partnerID int64, fingerprint string, snapshot []byte, by Actor) (bool, error) {
	st, ok := c.LangState(lang)
	if !ok || st != Reviewed {
		return false, &StateError{From: string(st), To: string(Approved), Key: "works.approval.state"}
	}
	hosts, err := Hosts(ctx, tx, c.CollectionID)
	if err != nil {
		return false, err
	}
	if !containsID(hosts, partnerID) {
		return false, fmt.Errorf("partner %d is no host of contribution %d: %w", partnerID, c.ID, errkind.Forbidden)
	}
	// Approvals of a text that has changed since no longer count.
	if err := Reconcile(ctx, tx, c.ID, lang, fingerprint, by); err != nil {
		return false, err
	}
	// Four eyes between the hosts: an admin may stand in for a host, but
	// the approvals of two hosts for the same text are two people's.
	if by.AccountID != 0 {
		before, err := Approvals(ctx, tx, c.ID, lang)
		if err != nil {
			return false, err
		}
		for _, a := range before {
			if a.PartnerID != partnerID && a.AccountID == by.AccountID && a.Counts(fingerprint) {
				return false, &StateError{From: string(st), To: string(Approved), Key: "works.approval.four_eyes"}
			}
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM contribution_approvals WHERE contribution_id = ? AND lang = ? AND partner_id = ?`, c.ID, lang, partnerID); err != nil {
		return false, err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	if _, err := tx.Exec(ctx, `INSERT INTO contribution_approvals (contribution_id, lang, partner_id, account_id, account_name, fingerprint, snapshot, approved_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, lang, partnerID, by.AccountID, by.Name, fingerprint, string(snapshot), now); err != nil {
		return false, fmt.Errorf("approve contribution %d %s: %w", c.ID, lang, err)
	}
	approver := by
	approver.PartnerID = partnerID
	if err := record(ctx, tx, approver, "contribution.approve", c.ID, nil, map[string]any{"lang": lang, "partner_id": partnerID, "fingerprint": fingerprint}); err != nil {
		return false, err
	}
	as, err := Approvals(ctx, tx, c.ID, lang)
	if err != nil {
		return false, err
	}
	for _, h := range hosts {
		if !approvedBy(as, h, fingerprint) {
			return false, nil
		}
	}
	if err := SetLangState(ctx, tx, c.ID, lang, Reviewed, Approved, by, ""); err != nil {
		return false, err
	}
	// The approved text is kept as a document of its language (Keep).
	if err := QueueKeep(ctx, tx, c.ID, lang, fingerprint); err != nil {
		return false, err
	}
	return true, nil
}

func approvedBy(as []Approval, partner int64, fp string) bool {
	for i := range as {
		if as[i].PartnerID == partner && as[i].Counts(fp) {
			return true
		}
	}
	return false
}

func containsID(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// Reconcile re-opens the approvals of language lang of contribution id
// when one that still stands was given for another text than the one
// whose fingerprint is fp: what a translation's change calls, or a page
// that finds the text changed under its approvals.
func Reconcile(ctx context.Context, tx *store.Tx, id int64, lang, fp string, by Actor) error {
	var stale int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM contribution_approvals WHERE contribution_id = ? AND lang = ? AND reopened_at IS NULL AND fingerprint <> ?`,
		id, lang, fp).Scan(&stale); err != nil {
		return err
	}
	if stale == 0 {
		return nil
	}
	return Reopen(ctx, tx, id, lang, by)
}

// Standing says whether language lang of contribution id has an approval
// that has not been re-opened, so that a caller computes the text's
// fingerprint for Reconcile only when one could lapse.
func Standing(ctx context.Context, q store.Querier, id int64, lang string) (bool, error) {
	var n int
	err := q.QueryRow(ctx, `SELECT COUNT(*) FROM contribution_approvals WHERE contribution_id = ? AND lang = ? AND reopened_at IS NULL`, id, lang).Scan(&n)
	return n > 0, err
}

// Reopen is what a change of language lang's text of contribution id
// calls (a new revision or an in-place correction of the original, a
// changed translation): the approvals given so far no longer count, and an
// approved language is reviewed again and awaits the hosts anew. Their
// snapshots stay, to show what changed. Nothing happens (and nothing is
// logged) when there is no standing approval.
func Reopen(ctx context.Context, tx *store.Tx, id int64, lang string, by Actor) error {
	now := time.Now().UTC()
	res, err := tx.Exec(ctx, `UPDATE contribution_approvals SET reopened_at = ? WHERE contribution_id = ? AND lang = ? AND reopened_at IS NULL`, now, id, lang)
	if err != nil {
		return fmt.Errorf("reopen contribution %d %s: %w", id, lang, err)
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return nil
	}
	if err := record(ctx, tx, by, "contribution.reopen", id, nil, map[string]any{"lang": lang, "approvals": n}); err != nil {
		return err
	}
	var st LangState
	err = tx.QueryRow(ctx, `SELECT state FROM contribution_languages WHERE contribution_id = ? AND lang = ?`, id, lang).Scan(&st)
	if err == sql.ErrNoRows || err == nil && st != Approved {
		return nil
	}
	if err != nil {
		return err
	}
	return SetLangState(ctx, tx, id, lang, Approved, Reviewed, by, "text changed")
}

// TranslationChanged is what a change of a contribution's translation calls
// (a segment saved, approved or returned in the workbench, an XLIFF upload),
// in the transaction that makes it: the hosts' approvals of another text
// lapse (Reconcile), and when the language was reviewed or approved but
// now has a segment that is not reviewed, it goes back to review
// (InReview), so that its reviewer reads the change before the hosts are
// asked again. It returns true when the language went back to review, for
// the caller to tell the reviewer.
func TranslationChanged(ctx context.Context, tx *store.Tx, id int64, tr *translate.Translation, by Actor) (bool, error) {
	standing, err := Standing(ctx, tx, id, tr.Lang)
	if err != nil {
		return false, err
	}
	if standing {
		fp, err := translate.Fingerprint(ctx, tx, tr.ID)
		if err != nil {
			return false, err
		}
		if err := Reconcile(ctx, tx, id, tr.Lang, fp, by); err != nil {
			return false, err
		}
	}
	st, err := langState(ctx, tx, id, tr.Lang)
	if err == sql.ErrNoRows || err == nil && st != Reviewed && st != Approved {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	counts, err := translate.Progress(ctx, tx, tr.ID)
	if err != nil {
		return false, err
	}
	left := counts.Total.Segments - counts.ByState[translate.Reviewed].Segments - counts.ByState[translate.Approved].Segments
	if left == 0 {
		return false, nil
	}
	if st == Approved {
		// The text the hosts approved is no longer the one under review,
		// even when its fingerprint is unchanged.
		if err := Reopen(ctx, tx, id, tr.Lang, by); err != nil {
			return false, err
		}
		if st, err = langState(ctx, tx, id, tr.Lang); err != nil {
			return false, err
		}
		if st == Approved {
			if err := SetLangState(ctx, tx, id, tr.Lang, Approved, Reviewed, by, "text changed"); err != nil {
				return false, err
			}
		}
	}
	if err := SetLangState(ctx, tx, id, tr.Lang, Reviewed, InReview, by, "translation changed after its review"); err != nil {
		return false, err
	}
	return true, nil
}

// TranslationResynced is what follows when the original of contribution c
// changed after language l had a state (the text was re-opened and made
// final again) and l's translation was brought up to the new revision: a
// translation some of whose segments now need translating again (new, or
// needing review since their source changed) goes back to translation,
// the hosts' approvals of it lapsing, so that nobody reviews or approves
// a text with untranslated sentences; one whose every segment is still
// confirmed is checked as TranslationChanged does. It returns true when
// the language moved.
func TranslationResynced(ctx context.Context, tx *store.Tx, c *Contribution, l string, by Actor) (bool, error) {
	st, err := langState(ctx, tx, c.ID, l)
	if err == sql.ErrNoRows || err == nil && st == InTranslation {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	tr, err := translate.ByDocument(ctx, tx, c.DocumentID, l)
	if errors.Is(err, translate.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	counts, err := translate.Progress(ctx, tx, tr.ID)
	if err != nil {
		return false, err
	}
	if counts.Confirmed().Segments == counts.Total.Segments {
		return TranslationChanged(ctx, tx, c.ID, tr, by)
	}
	if st == Approved {
		// Reopen takes an approved language back to reviewed when it
		// has standing approvals; the state is read again after it.
		if err := Reopen(ctx, tx, c.ID, l, by); err != nil {
			return false, err
		}
		if st, err = langState(ctx, tx, c.ID, l); err != nil {
			return false, err
		}
	}
	// Back along the language's states to translation, each step in the
	// log: approved → reviewed → in review → in translation.
	const note = "the original changed: sentences to translate again"
	for st != InTranslation {
		next := InTranslation
		switch st {
		case Approved:
			next = Reviewed
		case Reviewed:
			next = InReview
		}
		if err := SetLangState(ctx, tx, c.ID, l, st, next, by, note); err != nil {
			return false, err
		}
		st = next
	}
	return true, nil
}

func langState(ctx context.Context, q store.Querier, id int64, lang string) (LangState, error) {
	var st LangState
	err := q.QueryRow(ctx, `SELECT state FROM contribution_languages WHERE contribution_id = ? AND lang = ?`, id, lang).Scan(&st)
	return st, err
}

// AwaitedLanguage is one language's text of a contribution that is
// reviewed and awaits the approval of some of its host partners.
type AwaitedLanguage struct {
	ContributionID int64
	Title          lang.Text
	Lang           string
	// Awaiting are the host partners (of those asked about) that have no
	// standing approval of the current text, in the forum's order.
	Awaiting []int64
	// Since is when the language became reviewed.
	Since time.Time
}

// AwaitingHosts returns the contribution languages in state Reviewed that
// await the approval of one or more of partners (a reader's
// organisations): those of the partners hosting the contribution's forum
// that have no standing approval, oldest first. An approval of an earlier
// text does not stand: every change of the text re-opens the approvals
// (Reopen, Reconcile).
func AwaitingHosts(ctx context.Context, q store.Querier, partners []int64) ([]AwaitedLanguage, error) {
	if len(partners) == 0 {
		return nil, nil
	}
	in, args := store.In(partners)
	type row struct {
		AwaitedLanguage
		partner int64
	}
	rows, err := store.All(ctx, q, func(sc store.Scanner) (row, error) {
		var r row
		err := sc.Scan(&r.ContributionID, &r.Title, &r.Lang, &r.Since, &r.partner)
		return r, err
	}, `SELECT c.id, c.title, l.lang, l.updated_at, h.partner_id
		FROM contribution_languages l
		JOIN contributions c ON c.id = l.contribution_id
		JOIN collections k ON k.id = c.collection_id
		JOIN forum_hosts h ON h.forum_id = k.forum_id
		WHERE l.state = ? AND h.partner_id IN (`+in+`)
		AND NOT EXISTS (SELECT 1 FROM contribution_approvals a WHERE a.contribution_id = c.id AND a.lang = l.lang
			AND a.partner_id = h.partner_id AND a.reopened_at IS NULL)
		ORDER BY l.updated_at, c.id, l.lang, h.position`, append([]any{string(Reviewed)}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("languages awaiting approval: %w", err)
	}
	var out []AwaitedLanguage
	for _, r := range rows {
		if n := len(out); n > 0 && out[n-1].ContributionID == r.ContributionID && out[n-1].Lang == r.Lang {
			out[n-1].Awaiting = append(out[n-1].Awaiting, r.partner)
			continue
		}
		r.Awaiting = []int64{r.partner}
		out = append(out, r.AwaitedLanguage)
	}
	return out, nil
}
