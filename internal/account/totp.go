package account

import (
	"bytes"
	"context"
	"crypto/subtle"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/tandemforum/tandem/internal/store"
)

// TOTP as RFC 6238 and every authenticator app have it: SHA-1, 6 digits,
// 30-second steps; a code is accepted in its own step and the one before
// and after (±30 s of clock drift), and once only.
const (
	totpPeriod = 30
	totpSkew   = 1
)

var totpOpts = totp.ValidateOpts{Period: totpPeriod, Skew: totpSkew, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}

// Enrolment is a TOTP secret waiting for its first code (ConfirmTOTP).
type Enrolment struct {
	Secret string // base32, for typing into an app
	URI    string // otpauth://totp/…, for a QR code
	QR     []byte // the URI as a 200×200 PNG QR code
}

// GenerateTOTP returns the account's TOTP secret waiting for its first
// code, making and keeping a new one, not yet in force, when none waits.
// The pending secret is reused so that enrolment pages open in two
// sessions or tabs show the same secret and the code of either is
// accepted by ConfirmTOTP. An account that has TOTP on must DisableTOTP
// first (ErrTOTPState).
func (s *Store) GenerateTOTP(ctx context.Context, a *Account) (*Enrolment, error) {
	issuer := s.Issuer
	if issuer == "" {
		issuer = "tandem"
	}
	opts := totp.GenerateOpts{Issuer: issuer, AccountName: a.Email, Period: totpPeriod,
		Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1}
	var (
		pending string
		enabled bool
	)
	err := s.DB.QueryRow(ctx, `SELECT totp_secret, totp_enabled FROM accounts WHERE id = ?`, a.ID).Scan(&pending, &enabled)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, fmt.Errorf("read TOTP state of account %d: %w", a.ID, err)
	}
	if enabled {
		return nil, ErrTOTPState
	}
	if pending != "" {
		raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(pending)
		if err != nil {
			return nil, fmt.Errorf("decode pending TOTP secret of account %d: %w", a.ID, err)
		}
		opts.Secret = raw
	}
	key, err := totp.Generate(opts)
	if err != nil {
		return nil, fmt.Errorf("generate TOTP secret: %w", err)
	}
	// The condition keeps a secret that another session made meanwhile.
	res, err := s.DB.Exec(ctx, `UPDATE accounts SET totp_secret = ? WHERE id = ? AND NOT totp_enabled AND totp_secret = ?`, key.Secret(), a.ID, pending)
	if err != nil {
		return nil, fmt.Errorf("keep TOTP secret: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if pending == "" {
			// Another session made one meanwhile, or TOTP went on: take
			// that one, or report the state.
			return s.GenerateTOTP(ctx, a)
		}
		return nil, ErrTOTPState
	}
	en := &Enrolment{Secret: key.Secret(), URI: key.URL()}
	if img, err := key.Image(200, 200); err == nil {
		var b bytes.Buffer
		if png.Encode(&b, img) == nil {
			en.QR = b.Bytes()
		}
	}
	return en, nil
}

// matchStep returns the time step whose code is code, among the steps
// around now later than last, or 0.
func matchStep(secret, code string, now time.Time, last int64) int64 {
	code = strings.ReplaceAll(code, " ", "")
	if len(code) != 6 {
		return 0
	}
	step := now.Unix() / totpPeriod
	for d := int64(-totpSkew); d <= totpSkew; d++ {
		st := step + d
		if st <= last {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(st*totpPeriod, 0), totpOpts)
		if err == nil && subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			return st
		}
	}
	return 0
}

// ConfirmTOTP turns TOTP on when code was made with the secret of
// GenerateTOTP, and returns the account's first RecoveryCodeCount
// recovery codes, to be shown once: ErrTOTPInvalid for another code,
// ErrTOTPState when no enrolment awaits.
func (s *Store) ConfirmTOTP(ctx context.Context, id int64, code string) ([]string, error) {
	a, err := s.ByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.TOTPEnabled || a.totpSecret == "" {
		return nil, ErrTOTPState
	}
	st := matchStep(a.totpSecret, code, s.now(), 0)
	if st == 0 {
		return nil, &CredentialsError{Kind: ErrTOTPInvalid, AccountID: id}
	}
	var codes []string
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		res, err := tx.Exec(ctx, `UPDATE accounts SET totp_enabled = TRUE, totp_last_step = ? WHERE id = ? AND totp_secret = ? AND NOT totp_enabled`,
			st, id, a.totpSecret)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrTOTPState
		}
		codes, err = s.replaceRecoveryCodes(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("turn TOTP on for account %d: %w", id, err)
	}
	return codes, nil
}

// DisableTOTP turns TOTP off, forgets the secret and voids the recovery
// codes. Asking for the password or a code first is the caller's
// business.
func (s *Store) DisableTOTP(ctx context.Context, id int64) error {
	return s.DB.Transact(ctx, func(tx *store.Tx) error {
		_, err := disableTOTP(ctx, tx, id)
		return err
	})
}

func disableTOTP(ctx context.Context, q store.Querier, id int64) (wasOn bool, err error) {
	if err := q.QueryRow(ctx, `SELECT totp_enabled FROM accounts WHERE id = ?`, id).Scan(&wasOn); errors.Is(err, sql.ErrNoRows) {
		return false, ErrNotFound
	} else if err != nil {
		return false, err
	}
	if _, err := q.Exec(ctx, `UPDATE accounts SET totp_enabled = FALSE, totp_secret = '', totp_last_step = 0 WHERE id = ?`, id); err != nil {
		return false, err
	}
	if _, err := q.Exec(ctx, `DELETE FROM recovery_codes WHERE account_id = ?`, id); err != nil {
		return false, err
	}
	return wasOn, nil
}

// ResetTOTP is for someone who lost both their authenticator and their
// recovery codes, done by an admin or from the command line: it turns
// the account's TOTP off as DisableTOTP does and ends every session of
// the account (its SessionEpoch rises), in one transaction. It reports
// whether TOTP was on (when it was not, the sessions go on); ErrNotFound
// when there is no account id. The
// account signs in next with its password alone, or, where admins must
// use TOTP, is sent to enrol again.
func (s *Store) ResetTOTP(ctx context.Context, id int64) (wasOn bool, err error) {
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		if wasOn, err = disableTOTP(ctx, tx, id); err != nil || !wasOn {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE accounts SET session_epoch = session_epoch + 1 WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("reset TOTP of account %d: %w", id, err)
	}
	return wasOn, nil
}

// VerifyTOTP completes a sign-in that Authenticate answered with
// ErrTOTPRequired. It returns the account, or a *CredentialsError
// (errors.Is ErrTOTPInvalid) for a code that is wrong, out of its window
// or used before, or a *LockedError: wrong codes count as failed sign-ins
// of the account's e-mail address (see LockAfter).
func (s *Store) VerifyTOTP(ctx context.Context, accountID int64, code string) (*Account, error) {
	a, err := s.ByID(ctx, accountID)
	if err != nil {
		return nil, err
	}
	keys := []throttleKey{{accountKey(a.Email), LockAfter}}
	if until, err := s.lockedUntil(ctx, keyNames(keys)); err != nil {
		return nil, err
	} else if !until.IsZero() {
		return nil, s.lockedError(until, false, a.ID)
	}
	if !a.TOTPEnabled || a.Disabled {
		return nil, ErrTOTPState
	}
	st := matchStep(a.totpSecret, code, s.now(), a.totpLastStep)
	if st != 0 {
		// The condition makes two requests with one code race to one
		// winner.
		res, err := s.DB.Exec(ctx, `UPDATE accounts SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?`, st, a.ID, st)
		if err != nil {
			return nil, err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			st = 0
		}
	}
	if st == 0 {
		return nil, s.fail(ctx, keys, ErrTOTPInvalid, a.ID)
	}
	a.totpLastStep = st
	if err := clearThrottle(ctx, s.DB, accountKey(a.Email)); err != nil {
		return nil, err
	}
	return a, nil
}
