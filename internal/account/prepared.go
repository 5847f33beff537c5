package account

import (
	"context"

	"github.com/tandemforum/tandem/internal/store"
)

// Prepared is a new account whose fields are checked and whose password is
// hashed, ready to be added in a transaction of the caller's (AddPrepared),
// so that the slow hash is not computed while the transaction holds its
// locks.
type Prepared struct {
	a    *Account
	hash string
}

// Prepare checks n as Create does (ErrInvalidEmail, ErrInvalidName,
// ErrInvalidLang, ErrWeakPassword) and hashes its password.
func (s *Store) Prepare(ctx context.Context, n NewAccount) (*Prepared, error) {
	a, err := s.checkNew(n)
	if err != nil {
		return nil, err
	}
	hash, err := s.hasher().Hash(ctx, n.Password)
	if err != nil {
		return nil, err
	}
	return &Prepared{a: a, hash: hash}, nil
}

// AddPrepared adds the prepared account in tx and returns it (without
// memberships); ErrEmailTaken when the address has an account by now. It
// is for flows that make an account together with something else (an
// author's acceptance of an invitation to contribute), which commit or
// fail as one.
func (s *Store) AddPrepared(ctx context.Context, tx *store.Tx, p *Prepared) (*Account, error) {
	a := *p.a
	if err := s.insert(ctx, tx, &a, p.hash); err != nil {
		return nil, err
	}
	return &a, nil
}

// GrantIn gives an account a role in a partner's team in tx, as Grant
// does, for callers that have checked who acts (an invitation accepted).
// An account that has the role there already is left as it is.
func GrantIn(ctx context.Context, tx *store.Tx, accountID, partnerID int64, role Role) error {
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	if err := grant(ctx, tx, accountID, partnerID, role); err != nil && err != ErrAlreadyMember {
		return err
	}
	return nil
}

// NewToken returns a random link token (32 bytes, URL-safe base64) and its
// SHA-256 in hex, the only form to keep, as invitations and resets do; for
// the links of other packages (invitations to contribute).
func NewToken() (token, hash string) { return newToken() }

// TokenHash returns the SHA-256 in hex of a link token, to look it up.
func TokenHash(token string) string { return tokenHash(token) }
