package works

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
)

// InvitationState is where an invitation to contribute stands.
type InvitationState string

const (
	Pending        InvitationState = "pending"  // sent, not answered
	InviteAccepted InvitationState = "accepted" // the invitee agreed to contribute
	InviteDeclined InvitationState = "declined" // the invitee declined
	InviteRevoked  InvitationState = "revoked"  // withdrawn by an editor; the link no longer works
)

// Invitation asks a person, by e-mail in their language, to write a
// contribution. The link carries a token of which only the SHA-256 is
// kept; answering or revoking it ends the link.
type Invitation struct {
	ID             int64
	ContributionID int64
	PersonID       int64
	Email          string
	Lang           string
	State          InvitationState
	InvitedBy      int64
	InvitedByName  string
	CreatedAt      time.Time
	// AnsweredAt is when it was accepted, declined or revoked.
	AnsweredAt time.Time
	// AccountID is the account the acceptance made or linked, 0 before.
	AccountID int64
	// Reason is what a decline said, if anything.
	Reason string
}

// InvitationError is a refused step of an invitation, with the i18n key
// that says why in the user's language.
type InvitationError struct {
	Key  string
	kind error
}

func (e *InvitationError) Error() string      { return "works: invitation: " + e.Key }
func (e *InvitationError) Unwrap() error      { return e.kind }
func (e *InvitationError) MessageKey() string { return e.Key }

// The refusals of invitations.
var (
	// ErrInvitationUnknown: a link whose token no invitation has (mistyped,
	// or replaced by a resent one).
	ErrInvitationUnknown = &InvitationError{"works.invitation.unknown", errkind.NotFound}
	// ErrInvitationAnswered: the invitation was accepted or declined
	// already; its link works once.
	ErrInvitationAnswered = &InvitationError{"works.invitation.answered", errkind.Conflict}
	// ErrInvitationRevoked: an editor withdrew the invitation.
	ErrInvitationRevoked = &InvitationError{"works.invitation.revoked", errkind.Conflict}
	// ErrDeadlinePassed: a new invitation to a collection whose deadline
	// is past; move the deadline first.
	ErrDeadlinePassed = &InvitationError{"works.invitation.deadline", errkind.Invalid}
	// ErrNotAuthor: the person invited is not one of the contribution's
	// authors.
	ErrNotAuthor = &InvitationError{"works.invitation.notauthor", errkind.Invalid}
	// ErrAlreadyInvited: the person has a pending invitation to the
	// contribution; resend it instead.
	ErrAlreadyInvited = &InvitationError{"works.invitation.pending", errkind.Conflict}
	// ErrOtherAccount: the account accepting is not the one of the
	// invitation's address; the link alone does not make someone the
	// invited author.
	ErrOtherAccount = &InvitationError{"works.invitation.otheraccount", errkind.Forbidden}
	// ErrPersonLinked: the person invited already acts through another
	// account; an invitation sent to a different address does not link a
	// second one.
	ErrPersonLinked = &InvitationError{"works.invitation.personlinked", errkind.Conflict}
)

const invitationColumns = `id, contribution_id, person_id, email, lang, state, invited_by, invited_by_name, created_at, answered_at, COALESCE(account_id, 0), reason`

func scanInvitation(sc store.Scanner) (*Invitation, error) {
	inv := &Invitation{}
	var answered sql.NullTime
	err := sc.Scan(&inv.ID, &inv.ContributionID, &inv.PersonID, &inv.Email, &inv.Lang, &inv.State, &inv.InvitedBy, &inv.InvitedByName,
		&inv.CreatedAt, &answered, &inv.AccountID, &inv.Reason)
	inv.AnsweredAt = answered.Time
	return inv, err
}

func getInvitation(ctx context.Context, q store.Querier, where string, args ...any) (*Invitation, error) {
	inv, err := scanInvitation(q.QueryRow(ctx, `SELECT `+invitationColumns+` FROM contribution_invitations WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("invitation: %w", err)
	}
	return inv, nil
}

// GetInvitation returns invitation id.
func GetInvitation(ctx context.Context, q store.Querier, id int64) (*Invitation, error) {
	return getInvitation(ctx, q, `id = ?`, id)
}

// Invitations returns the invitations to contribution id, newest first.
func Invitations(ctx context.Context, q store.Querier, contributionID int64) ([]*Invitation, error) {
	invs, err := store.All(ctx, q, scanInvitation, `SELECT `+invitationColumns+` FROM contribution_invitations
		WHERE contribution_id = ? ORDER BY created_at DESC, id DESC`, contributionID)
	if err != nil {
		return nil, fmt.Errorf("invitations of contribution %d: %w", contributionID, err)
	}
	return invs, nil
}

// Invite invites person personID, one of contribution c's authors, to
// write it: email (checked, lower-cased) receives the link in lang. It
// refuses a collection whose deadline is past at now (ErrDeadlinePassed),
// a person who is not an author (ErrNotAuthor) and a second pending
// invitation (ErrAlreadyInvited); a declined contribution is invited
// again. It records the event and returns the invitation and its token.
func Invite(ctx context.Context, tx *store.Tx, c *Contribution, coll *Collection, personID int64, email, lang string, now time.Time, by Actor) (*Invitation, string, error) {
	e, err := account.NormalizeEmail(email)
	if err != nil {
		return nil, "", err
	}
	if err := account.CheckLang(lang); err != nil {
		return nil, "", err
	}
	if !coll.Deadline.IsZero() && !coll.Deadline.After(now) {
		return nil, "", ErrDeadlinePassed
	}
	author := false
	for _, a := range c.Authors {
		author = author || a.PersonID == personID
	}
	if !author {
		return nil, "", ErrNotAuthor
	}
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM contribution_invitations WHERE contribution_id = ? AND person_id = ? AND state = ?`,
		c.ID, personID, Pending).Scan(&n); err != nil {
		return nil, "", err
	}
	if n > 0 {
		return nil, "", ErrAlreadyInvited
	}
	if c.State == Declined {
		if err := SetState(ctx, tx, c.ID, Declined, Invited, by, ""); err != nil {
			return nil, "", err
		}
		c.State = Invited
	}
	token, hash := account.NewToken()
	inv := &Invitation{ContributionID: c.ID, PersonID: personID, Email: e, Lang: lang, State: Pending,
		InvitedBy: by.AccountID, InvitedByName: by.Name, CreatedAt: now.UTC().Truncate(time.Microsecond)}
	inv.ID, err = store.InsertID(ctx, tx, `INSERT INTO contribution_invitations (contribution_id, person_id, email, lang, token_hash, state, invited_by, invited_by_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, personID, e, lang, hash, Pending, by.AccountID, by.Name, inv.CreatedAt)
	if err != nil {
		return nil, "", fmt.Errorf("invite to contribution %d: %w", c.ID, err)
	}
	if err := record(ctx, tx, by, "contribution.invite", c.ID, nil, invitationState(inv)); err != nil {
		return nil, "", err
	}
	return inv, token, nil
}

// invitationState is what the event log keeps of an invitation: never its
// token.
func invitationState(inv *Invitation) map[string]any {
	return map[string]any{"invitation": inv.ID, "person_id": inv.PersonID, "email": inv.Email, "lang": inv.Lang, "state": inv.State}
}

// ResendInvitation gives pending invitation id a new token (the old link
// stops working) and records the event; an answered or revoked one is
// refused.
func ResendInvitation(ctx context.Context, tx *store.Tx, id int64, by Actor) (*Invitation, string, error) {
	inv, err := GetInvitation(ctx, tx, id)
	if err != nil {
		return nil, "", err
	}
	if err := open(inv); err != nil {
		return nil, "", err
	}
	token, hash := account.NewToken()
	if _, err := tx.Exec(ctx, `UPDATE contribution_invitations SET token_hash = ? WHERE id = ? AND state = ?`, hash, id, Pending); err != nil {
		return nil, "", fmt.Errorf("resend invitation %d: %w", id, err)
	}
	if err := record(ctx, tx, by, "contribution.invite_resend", inv.ContributionID, nil, invitationState(inv)); err != nil {
		return nil, "", err
	}
	return inv, token, nil
}

// RevokeInvitation withdraws pending invitation id, so that its link no
// longer works, and records the event.
func RevokeInvitation(ctx context.Context, tx *store.Tx, id int64, now time.Time, by Actor) (*Invitation, error) {
	inv, err := GetInvitation(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := closeInvitation(ctx, tx, inv, InviteRevoked, now, 0, ""); err != nil {
		return nil, err
	}
	return inv, record(ctx, tx, by, "contribution.invite_revoke", inv.ContributionID, map[string]any{"state": Pending}, invitationState(inv))
}

// open returns nil for a pending invitation, and the error that says why
// any other one's link no longer works.
func open(inv *Invitation) error {
	switch inv.State {
	case Pending:
		return nil
	case InviteRevoked:
		return ErrInvitationRevoked
	default:
		return ErrInvitationAnswered
	}
}

// closeInvitation moves a pending invitation to state, once: a second answer (two
// tabs, a link used twice) finds it closed and is refused as open says.
func closeInvitation(ctx context.Context, tx *store.Tx, inv *Invitation, state InvitationState, now time.Time, acct int64, reason string) error {
	var acctArg any
	if acct != 0 {
		acctArg = acct
	}
	at := now.UTC().Truncate(time.Microsecond)
	res, err := tx.Exec(ctx, `UPDATE contribution_invitations SET state = ?, answered_at = ?, account_id = ?, reason = ? WHERE id = ? AND state = ?`,
		state, at, acctArg, reason, inv.ID, Pending)
	if err != nil {
		return fmt.Errorf("invitation %d: %w", inv.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		cur, err := GetInvitation(ctx, tx, inv.ID)
		if err != nil {
			return err
		}
		if err := open(cur); err != nil {
			return err
		}
		return ErrInvitationAnswered
	}
	inv.State, inv.AnsweredAt, inv.AccountID, inv.Reason = state, at, acct, reason
	return nil
}

// InvitationByToken returns the invitation a link's token belongs to,
// whatever its state: the caller says that an answered or revoked one no
// longer works (Open). An unknown token is ErrInvitationUnknown.
func InvitationByToken(ctx context.Context, q store.Querier, token string) (*Invitation, error) {
	inv, err := getInvitation(ctx, q, `token_hash = ?`, account.TokenHash(token))
	if errors.Is(err, ErrNotFound) {
		return nil, ErrInvitationUnknown
	}
	return inv, err
}

// Open returns nil when the invitation may still be answered, and
// otherwise the error that says why not (ErrInvitationAnswered,
// ErrInvitationRevoked).
func (inv *Invitation) Open() error { return open(inv) }

// AcceptRefusal says why account acct, whose address is email, may not
// accept inv (acct 0: an account still to be made for email): an address
// other than the invitation's (ErrOtherAccount), or a person who already
// acts through another account (ErrPersonLinked). It returns nil when it
// may.
func AcceptRefusal(ctx context.Context, q store.Querier, inv *Invitation, acct int64, email string) error {
	if e, err := account.NormalizeEmail(email); err != nil || e != inv.Email {
		return ErrOtherAccount
	}
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM person_accounts WHERE person_id = ? AND account_id <> ?`, inv.PersonID, acct).Scan(&n); err != nil {
		return fmt.Errorf("accounts of person %d: %w", inv.PersonID, err)
	}
	if n > 0 {
		return ErrPersonLinked
	}
	return nil
}

// AcceptInvitation accepts inv for account acct, which must be the
// invitation's address's (AcceptRefusal): the invitation is closed
// (once: a second acceptance is refused), the account is linked to the
// invited person, and the contribution goes invited → accepted when it is
// still invited (a co-author's acceptance leaves it where it is). It
// records the events, by the invitee.
func AcceptInvitation(ctx context.Context, tx *store.Tx, inv *Invitation, acct int64, now time.Time, by Actor) error {
	var email string
	if err := tx.QueryRow(ctx, `SELECT email FROM accounts WHERE id = ?`, acct).Scan(&email); err != nil {
		return fmt.Errorf("account %d accepting invitation %d: %w", acct, inv.ID, err)
	}
	if err := AcceptRefusal(ctx, tx, inv, acct, email); err != nil {
		return err
	}
	if err := closeInvitation(ctx, tx, inv, InviteAccepted, now, acct, ""); err != nil {
		return err
	}
	if err := LinkPerson(ctx, tx, inv.PersonID, acct); err != nil {
		return err
	}
	if err := record(ctx, tx, by, "contribution.invite_accept", inv.ContributionID, map[string]any{"state": Pending}, invitationState(inv)); err != nil {
		return err
	}
	c, err := GetContribution(ctx, tx, inv.ContributionID)
	if err != nil {
		return err
	}
	if c.State == Invited {
		return SetState(ctx, tx, c.ID, Invited, Accepted, by, "")
	}
	return nil
}

// DeclineInvitation declines inv with an optional reason: the invitation is
// closed (once), and the contribution goes invited → declined unless
// another invitation to it is pending or was accepted (a co-author may
// still write it). It records the events, by the invitee.
func DeclineInvitation(ctx context.Context, tx *store.Tx, inv *Invitation, reason string, now time.Time, by Actor) error {
	if err := closeInvitation(ctx, tx, inv, InviteDeclined, now, 0, reason); err != nil {
		return err
	}
	if err := recordNote(ctx, tx, by, "contribution.invite_decline", inv.ContributionID, map[string]any{"state": Pending}, invitationState(inv), reason); err != nil {
		return err
	}
	var others int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM contribution_invitations WHERE contribution_id = ? AND id <> ? AND state IN (?, ?)`,
		inv.ContributionID, inv.ID, Pending, InviteAccepted).Scan(&others); err != nil {
		return err
	}
	c, err := GetContribution(ctx, tx, inv.ContributionID)
	if err != nil {
		return err
	}
	if others == 0 && c.State == Invited {
		return SetState(ctx, tx, c.ID, Invited, Declined, by, reason)
	}
	return nil
}
