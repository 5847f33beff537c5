// Package loginsession keeps the office's sign-in sessions on the server,
// in the database's login_sessions table, as a store for
// github.com/alexedwards/scs/v2. They are not the programme's sessions
// (forum.Session): a login session is one signed-in browser.
//
// The table holds the SHA-256 of each token, never the token, so that a copy
// of the database does not let anyone sign in. Ending every session of an
// account (sign-out everywhere, a new password) is the account's session
// epoch, kept in the session data and compared on each request, not a
// search of this table.
package loginsession

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// Store is an scs.CtxStore over the database.
type Store struct {
	DB *store.DB
	// Now returns the current time; nil means time.Now. Tests set it.
	Now func() time.Time
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// hash is the key of token in the table: its SHA-256 in hex.
func hash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// FindCtx returns the data of the session with token, and false when there
// is none or it has expired.
func (s *Store) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	err := s.DB.QueryRow(ctx, `SELECT data FROM login_sessions WHERE token_hash = ? AND expires_at > ?`, hash(token), s.now()).Scan(&b)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// CommitCtx stores the data of the session with token until expiry,
// replacing what it held. It goes on when the request that changed the
// session is cancelled (its client went away, as a paused upload does):
// the change is the server's to keep, and a commit failed on that account
// made the session middleware write an error over the response already
// begun.
func (s *Store) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.DB.Exec(context.WithoutCancel(ctx), `INSERT INTO login_sessions (token_hash, data, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (token_hash) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at`,
		hash(token), b, expiry.UTC())
	return err
}

// DeleteCtx removes the session with token; removing none is not an error.
// Like CommitCtx, it goes on when the request is cancelled.
func (s *Store) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.DB.Exec(context.WithoutCancel(ctx), `DELETE FROM login_sessions WHERE token_hash = ?`, hash(token))
	return err
}

// Find is FindCtx without a context, as scs.Store asks.
func (s *Store) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

// Commit is CommitCtx without a context, as scs.Store asks.
func (s *Store) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}

// Delete is DeleteCtx without a context, as scs.Store asks.
func (s *Store) Delete(token string) error {
	return s.DeleteCtx(context.Background(), token)
}

// Cleanup removes expired sessions and returns how many it removed.
func (s *Store) Cleanup(ctx context.Context) (int64, error) {
	res, err := s.DB.Exec(ctx, `DELETE FROM login_sessions WHERE expires_at <= ?`, s.now())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
