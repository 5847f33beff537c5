package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// Throttling of failed sign-ins. Failures are counted per key: the e-mail
// address tried (whether or not it has an account, so that a lock says
// nothing about that) and the client's address (IPv6 by its /64). A
// window of ThrottleWindow opens at a key's first failure; the
// LockAfter-th failure of one e-mail address in it (5 in 15 minutes)
// locks that address for LockFor (15 minutes). A client address is
// locked for LockFor only at its AddressLockAfter-th failure (50 in 15
// minutes, whichever e-mail addresses were tried): one institution's
// people often share one address behind NAT, and one person's typing
// must not lock out all of them, while a guesser who sprays many
// accounts from one address is still stopped. Before a lock, the n-th
// failure of an e-mail address asks the caller to wait 2^(n-1) seconds
// (1, 2, 4, 8 s) before answering. A successful sign-in clears the
// e-mail address's count, not the client address's.
const (
	LockAfter        = 5  // failures of one e-mail address in ThrottleWindow
	AddressLockAfter = 50 // failures from one client address in ThrottleWindow
	ThrottleWindow   = 15 * time.Minute
	LockFor          = 15 * time.Minute
)

// throttleKey is a key failures are counted under, with the number of
// failures in a window that locks it.
type throttleKey struct {
	key       string
	lockAfter int
}

// signInKeys returns the throttling keys of a sign-in of the e-mail
// address e from clientAddr ("" counts no client address).
func signInKeys(e, clientAddr string) []throttleKey {
	keys := []throttleKey{{accountKey(e), LockAfter}}
	if clientAddr != "" {
		keys = append(keys, throttleKey{addressKey(clientAddr), AddressLockAfter})
	}
	return keys
}

func keyNames(keys []throttleKey) []string {
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.key
	}
	return names
}

func accountKey(email string) string { return "account:" + email }

// addressKey returns the throttling key of a client address ("host" or
// "host:port"): an IPv4 address whole, an IPv6 address by its /64, which
// one client usually holds whole. An unparsable address is used as
// written.
func addressKey(clientAddr string) string {
	host := clientAddr
	if h, _, err := net.SplitHostPort(clientAddr); err == nil {
		host = h
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return "address:" + host
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return "address:" + p.String()
	}
	return "address:" + ip.String()
}

// failureDelay is the wait after the n-th failure in a window.
func failureDelay(n int) time.Duration {
	if n < 1 {
		return 0
	}
	return time.Second << min(n-1, 10)
}

// lockedUntil returns the latest lock among keys that lasts beyond now,
// or the zero time.
func (s *Store) lockedUntil(ctx context.Context, keys []string) (time.Time, error) {
	in, args := store.In(keys)
	rows, err := s.DB.Query(ctx, `SELECT locked_until FROM login_throttle WHERE throttle_key IN (`+in+`) AND locked_until IS NOT NULL`, args...)
	if err != nil {
		return time.Time{}, fmt.Errorf("read sign-in locks: %w", err)
	}
	defer rows.Close()
	now := s.now()
	var until time.Time
	for rows.Next() {
		var t time.Time
		if err := rows.Scan(&t); err != nil {
			return time.Time{}, err
		}
		if t.After(now) && t.After(until) {
			until = t
		}
	}
	return until, rows.Err()
}

func (s *Store) lockedError(until time.Time, isNew bool, accountID int64) *LockedError {
	left := until.Sub(s.now())
	return &LockedError{Until: until, Minutes: int((left + time.Minute - 1) / time.Minute), New: isNew, AccountID: accountID}
}

// fail records a failure under each key and returns the error for it: a
// *CredentialsError of kind with the delay of the e-mail address's count
// (the first key), or a new *LockedError when a key reached its limit.
func (s *Store) fail(ctx context.Context, keys []throttleKey, kind *Problem, accountID int64) error {
	now := s.now()
	worst := 0
	var lock time.Time
	err := s.DB.Transact(ctx, func(tx *store.Tx) error {
		for i, tk := range keys {
			k := tk.key
			if _, err := tx.Exec(ctx, `INSERT INTO login_throttle (throttle_key, failures, window_start) VALUES (?, 0, ?)
				ON CONFLICT (throttle_key) DO NOTHING`, k, now); err != nil {
				return err
			}
			q := `SELECT failures, window_start, locked_until FROM login_throttle WHERE throttle_key = ?`
			if tx.Dialect() == store.Postgres {
				q += ` FOR UPDATE` // SQLite's transactions hold the write lock already
			}
			var n int
			var start time.Time
			var until sql.NullTime
			if err := tx.QueryRow(ctx, q, k).Scan(&n, &start, &until); err != nil {
				return err
			}
			if !now.Before(start.Add(ThrottleWindow)) || (until.Valid && !now.Before(until.Time)) {
				n, start, until = 0, now, sql.NullTime{}
			}
			n++
			if n >= tk.lockAfter && !until.Valid {
				until = sql.NullTime{Time: now.Add(LockFor), Valid: true}
				if until.Time.After(lock) {
					lock = until.Time
				}
			}
			if i == 0 {
				worst = n
			}
			if _, err := tx.Exec(ctx, `UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ? WHERE throttle_key = ?`,
				n, start, until, k); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	if !lock.IsZero() {
		return s.lockedError(lock, true, accountID)
	}
	return &CredentialsError{Kind: kind, Delay: failureDelay(worst), AccountID: accountID}
}

func clearThrottle(ctx context.Context, q store.Querier, key string) error {
	_, err := q.Exec(ctx, `DELETE FROM login_throttle WHERE throttle_key = ?`, key)
	return err
}

// Authenticate signs in with an e-mail address and a password from the
// client at clientAddr (the request's remote address, "host:port" or
// "host"; empty counts no address).
//
// It returns the account, or:
//   - a *CredentialsError (errors.Is ErrBadCredentials) for an address
//     without an account, a disabled account or a wrong password, alike
//     and in alike time (an unknown address is checked against a dummy
//     hash), with the Delay the caller waits before answering;
//   - a *LockedError (errors.Is ErrLocked) while the address or the
//     client is locked, without checking the password, or when this
//     failure locks it (New set);
//   - the account and ErrTOTPRequired when the password is right and the
//     account has TOTP on: the caller keeps the account's id, asks for
//     the code and calls VerifyTOTP; the account is not signed in yet.
//
// The throttling is described at LockAfter. Success clears the failures
// counted for the e-mail address; with TOTP on, only VerifyTOTP's success
// does. A hash made with other parameters than the store's is replaced.
func (s *Store) Authenticate(ctx context.Context, email, password, clientAddr string) (*Account, error) {
	e, emailErr := NormalizeEmail(email)
	if emailErr != nil {
		e = email
	}
	keys := signInKeys(e, clientAddr)
	if until, err := s.lockedUntil(ctx, keyNames(keys)); err != nil {
		return nil, err
	} else if !until.IsZero() {
		var id int64
		if a, err := s.ByEmail(ctx, e); err == nil {
			id = a.ID
		}
		return nil, s.lockedError(until, false, id)
	}
	h := s.hasher()
	var a *Account
	if emailErr == nil {
		var err error
		a, err = s.one(ctx, s.DB, `a.email = ?`, e)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	ok := false
	if a == nil || a.passwordHash == "" || len(password) > MaxPasswordBytes {
		if err := h.verifyDummy(ctx, password[:min(len(password), MaxPasswordBytes)]); err != nil {
			return nil, err
		}
	} else {
		var err error
		ok, err = h.Verify(ctx, password, a.passwordHash)
		if err != nil && !errors.Is(err, ErrMalformedHash) {
			return nil, err
		}
	}
	var id int64
	if a != nil {
		id = a.ID
	}
	if !ok || a.Disabled {
		return nil, s.fail(ctx, keys, ErrBadCredentials, id)
	}
	if h.outdated(a.passwordHash) {
		if hash, err := h.Hash(ctx, password); err == nil {
			if _, err := s.DB.Exec(ctx, `UPDATE accounts SET password_hash = ? WHERE id = ?`, hash, a.ID); err != nil {
				return nil, fmt.Errorf("rehash password of %s: %w", a.Email, err)
			}
		}
	}
	if a.TOTPEnabled {
		return a, ErrTOTPRequired
	}
	if err := clearThrottle(ctx, s.DB, accountKey(a.Email)); err != nil {
		return nil, fmt.Errorf("clear failed sign-ins: %w", err)
	}
	return a, nil
}

// checkPassword checks password against a's own under the throttle of
// keys, as Authenticate does at sign-in, for the other places that ask
// for an account's password (accepting an invitation, changing the
// password), so that they are no unlimited oracle and their failures
// count towards the same lock. It returns a *LockedError while a key is
// locked (without checking the password), the error of fail with kind
// for a wrong password or a disabled account (a *CredentialsError, or a
// new *LockedError at the limit), and nil for the right one.
func (s *Store) checkPassword(ctx context.Context, keys []throttleKey, a *Account, password string, kind *Problem) error {
	if until, err := s.lockedUntil(ctx, keyNames(keys)); err != nil {
		return err
	} else if !until.IsZero() {
		return s.lockedError(until, false, a.ID)
	}
	h := s.hasher()
	ok := false
	if a.passwordHash == "" || len(password) > MaxPasswordBytes {
		if err := h.verifyDummy(ctx, password[:min(len(password), MaxPasswordBytes)]); err != nil {
			return err
		}
	} else {
		var err error
		ok, err = h.Verify(ctx, password, a.passwordHash)
		if err != nil && !errors.Is(err, ErrMalformedHash) {
			return err
		}
	}
	if !ok || a.Disabled {
		return s.fail(ctx, keys, kind, a.ID)
	}
	return nil
}
