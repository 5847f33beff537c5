package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// ResetValidFor is how long a password reset link works.
const ResetValidFor = time.Hour

// RequestReset makes a password reset token for the account with the
// address: 32 random bytes in URL-safe base64, of which only the SHA-256
// is kept, good once within ResetValidFor. The caller mails a link with
// the token to acct.Email in acct.Lang. When no enabled account has the
// address it returns ("", nil, nil): the caller then sends nothing and
// shows the same message as when it sends. ErrInvalidEmail for what is
// not an address.
func (s *Store) RequestReset(ctx context.Context, email string) (token string, acct *Account, err error) {
	e, err := NormalizeEmail(email)
	if err != nil {
		return "", nil, err
	}
	a, err := s.one(ctx, s.DB, `a.email = ?`, e)
	if errors.Is(err, ErrNotFound) || (err == nil && a.Disabled) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, err
	}
	token, hash := newToken()
	now := s.now()
	if _, err := s.DB.Exec(ctx, `INSERT INTO password_resets (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		hash, a.ID, now, now.Add(ResetValidFor)); err != nil {
		return "", nil, fmt.Errorf("keep reset token: %w", err)
	}
	return token, a, nil
}

// ResetTokenValid reports whether a token from RequestReset would still
// set a password now: known, unused, unexpired, and its account enabled.
// The reset page asks it before it shows the form, so that a used or
// expired link says so at once; Reset checks again. It spends nothing.
func (s *Store) ResetTokenValid(ctx context.Context, token string) (bool, error) {
	var expires time.Time
	var used sql.NullTime
	var disabled bool
	err := s.DB.QueryRow(ctx, `SELECT r.expires_at, r.used_at, a.disabled FROM password_resets r JOIN accounts a ON a.id = r.account_id
		WHERE r.token_hash = ?`, tokenHash(token)).Scan(&expires, &used, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read reset token: %w", err)
	}
	return !used.Valid && s.now().Before(expires) && !disabled, nil
}

// Reset sets a new password with a token from RequestReset. The
// password is checked first (ErrWeakPassword), so that a weak one does
// not spend the token; an unknown, used or expired token is
// ErrTokenInvalid. A reset ends every session of the account, lifts its
// sign-in lock and spends every other reset token it had.
func (s *Store) Reset(ctx context.Context, token, newPassword string) (*Account, error) {
	if err := CheckPassword(newPassword); err != nil {
		return nil, err
	}
	hash := tokenHash(token)
	var id int64
	var expires time.Time
	var used sql.NullTime
	err := s.DB.QueryRow(ctx, `SELECT account_id, expires_at, used_at FROM password_resets WHERE token_hash = ?`, hash).Scan(&id, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrTokenInvalid
	}
	if err != nil {
		return nil, fmt.Errorf("read reset token: %w", err)
	}
	now := s.now()
	if used.Valid || !now.Before(expires) {
		return nil, ErrTokenInvalid
	}
	a, err := s.ByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.Disabled {
		return nil, ErrTokenInvalid
	}
	pw, err := s.hasher().Hash(ctx, newPassword)
	if err != nil {
		return nil, err
	}
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		// The condition on used_at makes two uses of one token race to
		// one winner.
		res, err := tx.Exec(ctx, `UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL`, now, hash)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrTokenInvalid
		}
		if _, err := tx.Exec(ctx, `UPDATE password_resets SET used_at = ? WHERE account_id = ? AND used_at IS NULL`, now, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE accounts SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?`, pw, id); err != nil {
			return err
		}
		return clearThrottle(ctx, tx, accountKey(a.Email))
	})
	if err != nil {
		return nil, err
	}
	return s.ByID(ctx, id)
}
