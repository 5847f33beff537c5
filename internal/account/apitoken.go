package account

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
)

// An API token lets a program act as its account where the office takes
// one (the resumable upload at /api/uploads/, as Authorization: Bearer).
// The token is shown once, when made; only its SHA-256 is kept, so a
// stolen database gives no usable token. A token is revoked, never
// deleted, so that the list says what existed.

// APITokenPrefix begins every API token, so that one found in a log or a
// script can be recognised for what it is.
const APITokenPrefix = "tdm_"

// apiTokenTouch is how stale a token's last use may be before a use
// records it again: a busy upload must not write the row on every request.
const apiTokenTouch = time.Minute

// APIToken is one of an account's API tokens, without the token itself.
type APIToken struct {
	ID        int64
	AccountID int64
	Name      string
	CreatedAt time.Time
	// LastUsedAt and RevokedAt are zero when the token was never used or
	// is not revoked.
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// Revoked reports whether the token no longer works.
func (t *APIToken) Revoked() bool { return !t.RevokedAt.IsZero() }

var (
	// ErrInvalidTokenName: an API token's name empty, longer than 100
	// characters or with control characters.
	ErrInvalidTokenName = newProblem("the token's name must have 1 to 100 characters and no control characters", "account.apitoken.name", errkind.Invalid)
	// ErrTokenNameTaken: the account has an active token of that name
	// already (letter case aside), so that its list could not tell the
	// two apart.
	ErrTokenNameTaken = newProblem("the account has an active token of this name", "account.apitoken.name_taken", errkind.Conflict)
	// ErrBadAPIToken: a bearer token that is unknown, revoked, or whose
	// account is disabled.
	ErrBadAPIToken = newProblem("the API token is invalid or revoked", "account.apitoken.bad", errkind.Unauthorized)
	// ErrAPITokenNotAllowed: an account that may not hold an API token
	// (see MayHoldAPIToken) asked for one, or used one made while it
	// could.
	ErrAPITokenNotAllowed = newProblem("only admins and the organisers and editors of a partner, who upload videos, may hold an API token", "account.apitoken.not_allowed", errkind.Forbidden)
)

// TokenRefusal is the refusal of a bearer token that is known but no
// longer works: revoked, of a disabled account, or of an account that may
// no longer hold one. Lang is that account's language, in which the
// refusal is said (an unknown token has no account, and is refused in
// the reader's). It unwraps to ErrBadAPIToken or ErrAPITokenNotAllowed.
type TokenRefusal struct {
	Err  *Problem
	Lang string
}

func (e *TokenRefusal) Error() string { return e.Err.Error() }

// Unwrap returns the problem the refusal is.
func (e *TokenRefusal) Unwrap() error { return e.Err }

// RefusalLang returns the language of the account whose token err
// refuses (a TokenRefusal), or "" when err names no account.
func RefusalLang(err error) string {
	var r *TokenRefusal
	if errors.As(err, &r) {
		return r.Lang
	}
	return ""
}

// MayHoldAPIToken reports whether a may have and use API tokens: an admin,
// or whoever adds to a programme as an organiser or editor of a partner,
// since the only API that takes a token is the video upload, which is
// theirs. A translator, reviewer or author would hold a key to nothing.
func (a *Account) MayHoldAPIToken() bool {
	if a.Admin {
		return true
	}
	for _, m := range a.Memberships {
		if m.Role != Author && Allowed([]Role{m.Role}, false, SubjectProgramme, Create) {
			return true
		}
	}
	return false
}

// CreateAPIToken makes an API token named name for account id and returns
// it with the token, which is never available again. An account that may
// not hold one (MayHoldAPIToken) gets ErrAPITokenNotAllowed, a disabled
// one ErrBadAPIToken, and a name one of its active tokens has
// ErrTokenNameTaken.
func (s *Store) CreateAPIToken(ctx context.Context, accountID int64, name string) (*APIToken, string, error) {
	n, err := CheckName(name)
	if err != nil || len([]rune(n)) > 100 {
		return nil, "", ErrInvalidTokenName
	}
	a, err := s.ByID(ctx, accountID)
	if err != nil {
		return nil, "", fmt.Errorf("create API token for account %d: %w", accountID, err)
	}
	if a.Disabled {
		return nil, "", ErrBadAPIToken
	}
	if !a.MayHoldAPIToken() {
		return nil, "", ErrAPITokenNotAllowed
	}
	held, err := s.APITokens(ctx, accountID)
	if err != nil {
		return nil, "", fmt.Errorf("create API token for account %d: %w", accountID, err)
	}
	for _, h := range held {
		if !h.Revoked() && strings.EqualFold(h.Name, n) {
			return nil, "", ErrTokenNameTaken
		}
	}
	raw, _ := newToken()
	token := APITokenPrefix + raw
	t := &APIToken{AccountID: accountID, Name: n, CreatedAt: s.now()}
	t.ID, err = store.InsertID(ctx, s.DB, `INSERT INTO api_tokens (account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?)`,
		accountID, n, tokenHash(token), t.CreatedAt)
	if err != nil {
		return nil, "", fmt.Errorf("create API token for account %d: %w", accountID, err)
	}
	return t, token, nil
}

const apiTokenColumns = `id, account_id, name, created_at, last_used_at, revoked_at`

func scanAPIToken(sc store.Scanner) (*APIToken, error) {
	t := &APIToken{}
	var used, revoked sql.NullTime
	if err := sc.Scan(&t.ID, &t.AccountID, &t.Name, &t.CreatedAt, &used, &revoked); err != nil {
		return nil, err
	}
	t.LastUsedAt, t.RevokedAt = used.Time, revoked.Time
	return t, nil
}

// APITokens returns the account's API tokens, newest first, revoked ones
// included.
func (s *Store) APITokens(ctx context.Context, accountID int64) ([]*APIToken, error) {
	ts, err := store.All(ctx, s.DB, scanAPIToken, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE account_id = ? ORDER BY created_at DESC, id DESC`, accountID)
	if err != nil {
		return nil, fmt.Errorf("API tokens of account %d: %w", accountID, err)
	}
	return ts, nil
}

// APITokenByID returns the API token id (of any account), or
// ErrNotFound.
func (s *Store) APITokenByID(ctx context.Context, id int64) (*APIToken, error) {
	t, err := scanAPIToken(s.DB.QueryRow(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("API token %d: %w", id, err)
	}
	return t, nil
}

// HeldAPIToken is an API token with the address of the account that holds
// it, as an administrator's list of every token shows it.
type HeldAPIToken struct {
	APIToken
	Email string
}

// AllAPITokens returns every account's API tokens, revoked ones included,
// by account address and then newest first, in one query: what an
// administrator reviews.
func (s *Store) AllAPITokens(ctx context.Context) ([]*HeldAPIToken, error) {
	ts, err := store.All(ctx, s.DB, func(sc store.Scanner) (*HeldAPIToken, error) {
		h := &HeldAPIToken{}
		var used, revoked sql.NullTime
		if err := sc.Scan(&h.ID, &h.AccountID, &h.Name, &h.CreatedAt, &used, &revoked, &h.Email); err != nil {
			return nil, err
		}
		h.LastUsedAt, h.RevokedAt = used.Time, revoked.Time
		return h, nil
	}, `SELECT t.id, t.account_id, t.name, t.created_at, t.last_used_at, t.revoked_at, a.email
		FROM api_tokens t JOIN accounts a ON a.id = t.account_id ORDER BY a.email, t.created_at DESC, t.id DESC`)
	if err != nil {
		return nil, fmt.Errorf("API tokens: %w", err)
	}
	return ts, nil
}

// RevokeAPIToken revokes the account's token id; a token of another
// account is ErrNotFound, one already revoked stays as it was.
func (s *Store) RevokeAPIToken(ctx context.Context, accountID, id int64) error {
	res, err := s.DB.Exec(ctx, `UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ? AND account_id = ?`, s.now(), id, accountID)
	if err != nil {
		return fmt.Errorf("revoke API token %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	return nil
}

// ByAPIToken returns the account of a bearer token and records the
// token's use. An unknown or revoked token, or one of a disabled account,
// is ErrBadAPIToken; one whose account has since lost the roles that may
// hold a token is ErrAPITokenNotAllowed (checked at each use, so that
// taking a role away is enough). For a token that is known, the error is
// a TokenRefusal with its account's language.
func (s *Store) ByAPIToken(ctx context.Context, token string) (*Account, error) {
	if !strings.HasPrefix(token, APITokenPrefix) || len(token) > 200 {
		return nil, ErrBadAPIToken
	}
	t, err := scanAPIToken(s.DB.QueryRow(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE token_hash = ?`, tokenHash(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrBadAPIToken
	}
	if err != nil {
		return nil, fmt.Errorf("API token: %w", err)
	}
	a, err := s.ByID(ctx, t.AccountID)
	if errors.Is(err, ErrNotFound) {
		return nil, ErrBadAPIToken
	}
	if err != nil {
		return nil, err
	}
	if t.Revoked() || a.Disabled {
		return nil, &TokenRefusal{ErrBadAPIToken, a.Lang}
	}
	if !a.MayHoldAPIToken() {
		return nil, &TokenRefusal{ErrAPITokenNotAllowed, a.Lang}
	}
	if now := s.now(); now.Sub(t.LastUsedAt) >= apiTokenTouch {
		if _, err := s.DB.Exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, now, t.ID); err != nil {
			return nil, fmt.Errorf("API token %d: %w", t.ID, err)
		}
	}
	return a, nil
}
