package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// InvitationValidFor is how long an invitation link works.
const InvitationValidFor = 7 * 24 * time.Hour

// Invitation asks an e-mail address into a partner's team with a role.
type Invitation struct {
	ID        int64
	PartnerID int64
	Email     string
	Name      string // the name the inviter gave; the invitee may change it
	Role      Role
	Lang      string // the language of the mail and of the new account
	InvitedBy int64  // account id; 0 when that account is gone
	CreatedAt time.Time
	ExpiresAt time.Time
	// AcceptedAt and RevokedAt are zero while the invitation is open.
	AcceptedAt time.Time
	RevokedAt  time.Time
	AccountID  int64 // the account that accepted, 0 before
}

// Open reports whether the invitation can still be accepted at now.
func (inv *Invitation) Open(now time.Time) bool {
	return inv.AcceptedAt.IsZero() && inv.RevokedAt.IsZero() && now.Before(inv.ExpiresAt)
}

const invitationColumns = `id, partner_id, email, name, role, lang, COALESCE(invited_by, 0), created_at, expires_at, accepted_at, revoked_at, COALESCE(account_id, 0)`

func scanInvitation(sc store.Scanner) (*Invitation, error) {
	inv := &Invitation{}
	var accepted, revoked sql.NullTime
	err := sc.Scan(&inv.ID, &inv.PartnerID, &inv.Email, &inv.Name, &inv.Role, &inv.Lang, &inv.InvitedBy,
		&inv.CreatedAt, &inv.ExpiresAt, &accepted, &revoked, &inv.AccountID)
	inv.AcceptedAt, inv.RevokedAt = accepted.Time, revoked.Time
	return inv, err
}

func invitation(ctx context.Context, q store.Querier, where string, args ...any) (*Invitation, error) {
	inv, err := scanInvitation(q.QueryRow(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read invitation: %w", err)
	}
	return inv, nil
}

// Invite invites an e-mail address into partner partnerID's team with a
// role, and returns the invitation and its token (32 random bytes,
// URL-safe; only its SHA-256 is kept), good for InvitationValidFor. The
// caller mails a link with the token in lang.
//
// by must be an organiser of the partner or an admin, as the database
// says (not by's fields): otherwise ErrForbidden, so that nobody adds
// people to another partner's team. Also ErrInvalidEmail, ErrInvalidName,
// ErrInvalidLang, ErrInvalidRole, ErrNotFound (partner),
// ErrAlreadyMember when the address's account has the role there, and
// ErrAlreadyInvited when the address has an open (not accepted, revoked
// or expired) invitation to the partner's team, to be resent instead.
func (s *Store) Invite(ctx context.Context, by *Account, partnerID int64, email, name string, role Role, lang string) (*Invitation, string, error) {
	e, err := NormalizeEmail(email)
	if err != nil {
		return nil, "", err
	}
	n, err := CheckName(name)
	if err != nil {
		return nil, "", err
	}
	if _, err := ParseRole(string(role)); err != nil {
		return nil, "", err
	}
	if err := CheckLang(lang); err != nil {
		return nil, "", err
	}
	token, hash := newToken()
	now := s.now()
	inv := &Invitation{PartnerID: partnerID, Email: e, Name: n, Role: role, Lang: lang, InvitedBy: by.ID,
		CreatedAt: now, ExpiresAt: now.Add(InvitationValidFor)}
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		if err := mayManageTeam(ctx, tx, by, partnerID); err != nil {
			return err
		}
		var count int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM partners WHERE id = ?`, partnerID).Scan(&count); err != nil {
			return err
		}
		if count == 0 {
			return fmt.Errorf("partner %d: %w", partnerID, ErrNotFound)
		}
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM memberships m JOIN accounts a ON a.id = m.account_id
			WHERE a.email = ? AND m.partner_id = ? AND m.role = ?`, e, partnerID, role).Scan(&count); err != nil {
			return err
		}
		if count > 0 {
			return ErrAlreadyMember
		}
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM invitations
			WHERE email = ? AND partner_id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, e, partnerID, now).Scan(&count); err != nil {
			return err
		}
		if count > 0 {
			return ErrAlreadyInvited
		}
		inv.ID, err = store.InsertID(ctx, tx, `INSERT INTO invitations (partner_id, email, name, role, lang, token_hash, invited_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, partnerID, e, n, role, lang, hash, by.ID, now, inv.ExpiresAt)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return inv, token, nil
}

// Resend gives an open or expired invitation a new token and a new
// expiry; the old token stops working. by must be an organiser of the
// invitation's partner or an admin (ErrForbidden); an accepted or revoked
// invitation is ErrTokenInvalid.
func (s *Store) Resend(ctx context.Context, by *Account, invitationID int64) (*Invitation, string, error) {
	token, hash := newToken()
	now := s.now()
	var inv *Invitation
	err := s.DB.Transact(ctx, func(tx *store.Tx) error {
		var err error
		if inv, err = invitation(ctx, tx, `id = ?`, invitationID); err != nil {
			return err
		}
		if err := mayManageTeam(ctx, tx, by, inv.PartnerID); err != nil {
			return err
		}
		if !inv.AcceptedAt.IsZero() || !inv.RevokedAt.IsZero() {
			return ErrTokenInvalid
		}
		inv.ExpiresAt = now.Add(InvitationValidFor)
		_, err = tx.Exec(ctx, `UPDATE invitations SET token_hash = ?, expires_at = ? WHERE id = ?`, hash, inv.ExpiresAt, inv.ID)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return inv, token, nil
}

// Revoke closes an invitation so that its link no longer works. by must
// be an organiser of its partner or an admin (ErrForbidden); an accepted
// or revoked invitation is ErrTokenInvalid.
func (s *Store) Revoke(ctx context.Context, by *Account, invitationID int64) error {
	now := s.now()
	return s.DB.Transact(ctx, func(tx *store.Tx) error {
		inv, err := invitation(ctx, tx, `id = ?`, invitationID)
		if err != nil {
			return err
		}
		if err := mayManageTeam(ctx, tx, by, inv.PartnerID); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE invitations SET revoked_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL`, now, inv.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrTokenInvalid
		}
		return nil
	})
}

// ListInvitations returns a partner's invitations, newest first, open
// and closed. Whether the reader may see them (SubjectTeam, View) is the
// caller's check.
func (s *Store) ListInvitations(ctx context.Context, partnerID int64) ([]*Invitation, error) {
	invs, err := store.All(ctx, s.DB, scanInvitation, `SELECT `+invitationColumns+` FROM invitations WHERE partner_id = ? ORDER BY created_at DESC, id DESC`, partnerID)
	if err != nil {
		return nil, fmt.Errorf("list invitations of partner %d: %w", partnerID, err)
	}
	return invs, nil
}

// InvitationByToken returns the open invitation a token belongs to, for
// the page that accepts it; ErrTokenInvalid when it is unknown, accepted,
// revoked or expired.
func (s *Store) InvitationByToken(ctx context.Context, token string) (*Invitation, error) {
	inv, err := invitation(ctx, s.DB, `token_hash = ?`, tokenHash(token))
	if errors.Is(err, ErrNotFound) {
		return nil, ErrTokenInvalid
	}
	if err != nil {
		return nil, err
	}
	if !inv.Open(s.now()) {
		return nil, ErrTokenInvalid
	}
	return inv, nil
}

// Accept accepts an invitation: ErrTokenInvalid when the token is
// unknown, accepted, revoked or expired. When no account has the
// invitation's address, it creates one with name (the invitation's name
// when empty), password and lang, checked as by Create. When one has, it
// only adds the membership, and password must be that account's
// (name and lang are then ignored), checked as at sign-in from
// clientAddr (see Authenticate): a wrong one is a *CredentialsError
// (errors.Is ErrBadCredentials) with the delay to wait and counts
// towards the account's lock, and while the account or the client is
// locked the answer is a *LockedError without a check. It returns the
// account with its memberships; the invitation is used up. A right
// password clears the account's failures.
//
// An existing account with TOTP on must also give code, a one-time code
// or one of its recovery codes (used up), checked as by VerifyTOTP and
// UseRecoveryCode under the same lock: without one the answer is
// ErrTOTPRequired and nothing is granted, and a wrong one is a
// *CredentialsError (errors.Is ErrTOTPInvalid). code is ignored
// otherwise.
func (s *Store) Accept(ctx context.Context, token, name, password, code, lang, clientAddr string) (*Account, error) {
	inv, err := s.InvitationByToken(ctx, token)
	if err != nil {
		return nil, err
	}
	existing, err := s.one(ctx, s.DB, `a.email = ?`, inv.Email)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	var a *Account
	var hash string
	if existing != nil {
		if err := s.checkPassword(ctx, signInKeys(existing.Email, clientAddr), existing, password, ErrBadCredentials); err != nil {
			return nil, err
		}
		if existing.TOTPEnabled {
			switch {
			case strings.TrimSpace(code) == "":
				return nil, ErrTOTPRequired
			case IsRecoveryCode(code):
				_, _, err = s.UseRecoveryCode(ctx, existing.ID, code)
			default:
				_, err = s.VerifyTOTP(ctx, existing.ID, code)
			}
			if err != nil {
				return nil, err
			}
		}
		a = existing
	} else {
		if name == "" {
			name = inv.Name
		}
		if a, err = s.checkNew(NewAccount{Email: inv.Email, Name: name, Lang: lang, Password: password}); err != nil {
			return nil, err
		}
		if hash, err = s.hasher().Hash(ctx, password); err != nil {
			return nil, err
		}
	}
	now := s.now()
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		// The conditions make two acceptances of one token race to one
		// winner.
		res, err := tx.Exec(ctx, `UPDATE invitations SET accepted_at = ? WHERE id = ? AND token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL`,
			now, inv.ID, tokenHash(token))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrTokenInvalid
		}
		if existing == nil {
			if err := s.insert(ctx, tx, a, hash); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(ctx, `UPDATE invitations SET account_id = ? WHERE id = ?`, a.ID, inv.ID); err != nil {
			return err
		}
		if err := grant(ctx, tx, a.ID, inv.PartnerID, inv.Role); err != nil && !errors.Is(err, ErrAlreadyMember) {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if existing != nil {
		if err := clearThrottle(ctx, s.DB, accountKey(a.Email)); err != nil {
			return nil, fmt.Errorf("clear failed sign-ins: %w", err)
		}
	}
	return s.ByID(ctx, a.ID)
}
