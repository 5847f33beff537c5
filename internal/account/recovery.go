package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/tandemforum/tandem/internal/store"
)

// Recovery codes stand in for a one-time code when the authenticator is
// lost. An account with TOTP on has RecoveryCodeCount of them; each is
// RecoveryCodeChars characters of recoveryAlphabet, which leaves out the
// look-alikes 0/O, 1/I/L (about 49 bits), shown in two groups of five
// ("K7QW2-MX9RD"). Only their SHA-256 is kept, and each works once.
const (
	RecoveryCodeCount = 10
	RecoveryCodeChars = 10
	recoveryAlphabet  = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
)

// newRecoveryCode returns a random code, grouped for reading.
func newRecoveryCode() string {
	var b strings.Builder
	buf := make([]byte, 1)
	for n := 0; n < RecoveryCodeChars; {
		rand.Read(buf)
		// Rejection keeps every character equally likely: 248 is the
		// largest multiple of 31 that fits a byte.
		if int(buf[0]) >= 256-256%len(recoveryAlphabet) {
			continue
		}
		if n == RecoveryCodeChars/2 {
			b.WriteByte('-')
		}
		b.WriteByte(recoveryAlphabet[int(buf[0])%len(recoveryAlphabet)])
		n++
	}
	return b.String()
}

// normalRecoveryCode returns code upper-cased without spaces and dashes,
// and whether it has the shape of a recovery code.
func normalRecoveryCode(code string) (string, bool) {
	c := strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(code)))
	if len(c) != RecoveryCodeChars {
		return c, false
	}
	for i := 0; i < len(c); i++ {
		if strings.IndexByte(recoveryAlphabet, c[i]) < 0 {
			return c, false
		}
	}
	return c, true
}

// IsRecoveryCode reports whether code, as typed (any case, spaces and
// dashes ignored), has the shape of a recovery code rather than of a
// six-digit one-time code, so that the sign-in form takes either in one
// field.
func IsRecoveryCode(code string) bool {
	_, ok := normalRecoveryCode(code)
	return ok
}

func recoveryHash(normal string) string {
	sum := sha256.Sum256([]byte(normal))
	return hex.EncodeToString(sum[:])
}

// replaceRecoveryCodes deletes the account's recovery codes and keeps the
// hashes of RecoveryCodeCount new ones, which it returns.
func (s *Store) replaceRecoveryCodes(ctx context.Context, q store.Querier, accountID int64) ([]string, error) {
	if _, err := q.Exec(ctx, `DELETE FROM recovery_codes WHERE account_id = ?`, accountID); err != nil {
		return nil, err
	}
	now := s.now()
	codes := make([]string, 0, RecoveryCodeCount)
	for len(codes) < RecoveryCodeCount {
		c := newRecoveryCode()
		n, _ := normalRecoveryCode(c)
		res, err := q.Exec(ctx, `INSERT INTO recovery_codes (account_id, code_hash, created_at) VALUES (?, ?, ?)
			ON CONFLICT (account_id, code_hash) DO NOTHING`, accountID, recoveryHash(n), now)
		if err != nil {
			return nil, err
		}
		if k, _ := res.RowsAffected(); k == 1 {
			codes = append(codes, c)
		}
	}
	return codes, nil
}

// NewRecoveryCodes replaces the recovery codes of an account that has
// TOTP on with RecoveryCodeCount new ones and returns them, grouped for
// reading, to be shown once: the old ones stop working. ErrTOTPState
// when TOTP is off. Asking for the password first is the caller's
// business.
func (s *Store) NewRecoveryCodes(ctx context.Context, accountID int64) ([]string, error) {
	var codes []string
	err := s.DB.Transact(ctx, func(tx *store.Tx) error {
		var on bool
		if err := tx.QueryRow(ctx, `SELECT totp_enabled FROM accounts WHERE id = ?`, accountID).Scan(&on); err != nil {
			return err
		}
		if !on {
			return ErrTOTPState
		}
		var err error
		codes, err = s.replaceRecoveryCodes(ctx, tx, accountID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("new recovery codes for account %d: %w", accountID, err)
	}
	return codes, nil
}

// RecoveryCodesLeft returns how many unused recovery codes the account
// has.
func (s *Store) RecoveryCodesLeft(ctx context.Context, accountID int64) (int, error) {
	var n int
	if err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE account_id = ?`, accountID).Scan(&n); err != nil {
		return 0, fmt.Errorf("count recovery codes of account %d: %w", accountID, err)
	}
	return n, nil
}

// UseRecoveryCode completes a sign-in that Authenticate answered with
// ErrTOTPRequired with a recovery code instead of a one-time code, and
// uses the code up. It returns the account and the number of codes
// left, or a *CredentialsError (errors.Is ErrTOTPInvalid) for a code
// that is not one of the account's unused codes, or a *LockedError:
// wrong codes count as failed sign-ins of the account's e-mail address,
// like wrong one-time codes (see LockAfter). ErrTOTPState when the
// account has TOTP off or is disabled.
func (s *Store) UseRecoveryCode(ctx context.Context, accountID int64, code string) (*Account, int, error) {
	a, err := s.ByID(ctx, accountID)
	if err != nil {
		return nil, 0, err
	}
	keys := []throttleKey{{accountKey(a.Email), LockAfter}}
	if until, err := s.lockedUntil(ctx, keyNames(keys)); err != nil {
		return nil, 0, err
	} else if !until.IsZero() {
		return nil, 0, s.lockedError(until, false, a.ID)
	}
	if !a.TOTPEnabled || a.Disabled {
		return nil, 0, ErrTOTPState
	}
	used := false
	if n, ok := normalRecoveryCode(code); ok {
		// Deleting makes two requests with one code race to one winner.
		res, err := s.DB.Exec(ctx, `DELETE FROM recovery_codes WHERE account_id = ? AND code_hash = ?`, a.ID, recoveryHash(n))
		if err != nil {
			return nil, 0, fmt.Errorf("use recovery code: %w", err)
		}
		k, _ := res.RowsAffected()
		used = k == 1
	}
	if !used {
		return nil, 0, s.fail(ctx, keys, ErrTOTPInvalid, a.ID)
	}
	if err := clearThrottle(ctx, s.DB, accountKey(a.Email)); err != nil {
		return nil, 0, err
	}
	left, err := s.RecoveryCodesLeft(ctx, a.ID)
	if err != nil {
		return nil, 0, err
	}
	return a, left, nil
}
