// Package account holds the people who sign in to the office: accounts and
// their passwords, partner teams (memberships with roles), invitations,
// password resets, two-factor sign-in with TOTP, the throttling of failed
// sign-ins, and the permission table (permission.go).
//
// The store returns what happened and writes no event log: its caller (the
// office) logs sign-ins, lockouts and changes to teams with the ids the
// results and errors carry. Errors meant for people implement Messager.
package account

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
)

// Account is a person who signs in to the office.
type Account struct {
	ID    int64
	Email string // lower-cased; the sign-in name
	Name  string // display name
	Lang  string // the office's language: zh, ru or en
	// Admin marks an instance admin, who may do everything everywhere.
	Admin    bool
	Disabled bool
	// TOTPEnabled is set when sign-in asks for a one-time code.
	TOTPEnabled bool
	// SessionEpoch rises with every password change and "sign out
	// everywhere": a login session made under a smaller epoch is over.
	SessionEpoch int64
	CreatedAt    time.Time
	// Memberships are the account's roles in partners' teams, by partner
	// slug and then in the order of Roles.
	Memberships []Membership

	passwordHash string
	totpSecret   string
	totpLastStep int64
}

// Membership is one role of an account in one partner's team.
type Membership struct {
	PartnerID   int64
	PartnerSlug string
	Role        Role
}

// RolesAt returns the account's roles at a partner, for Allowed.
func (a *Account) RolesAt(partnerID int64) []Role {
	var rs []Role
	for _, m := range a.Memberships {
		if m.PartnerID == partnerID {
			rs = append(rs, m.Role)
		}
	}
	return rs
}

// Partners returns the ids of the partners whose team the account is in,
// in ascending order.
func (a *Account) Partners() []int64 {
	var ids []int64
	for _, m := range a.Memberships {
		if !slices.Contains(ids, m.PartnerID) {
			ids = append(ids, m.PartnerID)
		}
	}
	slices.Sort(ids)
	return ids
}

// Store keeps accounts and everything about signing in. Reading an account
// with its memberships takes two queries, whatever their number.
type Store struct {
	DB *store.DB
	// Now is the clock; nil means time.Now. Tests set it to move time.
	Now func() time.Time
	// Hasher hashes passwords; nil means one shared by the process, with
	// DefaultParams and at most GOMAXPROCS hashes at a time.
	Hasher *Hasher
	// Issuer names the instance in authenticator apps; empty means
	// "tandem".
	Issuer string
}

func (s *Store) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

func (s *Store) hasher() *Hasher {
	if s.Hasher != nil {
		return s.Hasher
	}
	return defaultHasher()
}

// NormalizeEmail returns the address trimmed and lower-cased, or
// ErrInvalidEmail when it is not one bare address ("a@b.example", not
// "A <a@b.example>").
func NormalizeEmail(email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" || len(e) > 254 {
		return "", ErrInvalidEmail
	}
	return e, nil
}

// CheckName returns the display name trimmed, or ErrInvalidName when it
// is empty, longer than 200 characters, or has control characters.
func CheckName(name string) (string, error) {
	n := strings.TrimSpace(name)
	if n == "" || utf8.RuneCountInString(n) > 200 || !utf8.ValidString(n) {
		return "", ErrInvalidName
	}
	for _, r := range n {
		if unicode.IsControl(r) {
			return "", ErrInvalidName
		}
	}
	return n, nil
}

// CheckLang returns ErrInvalidLang for a language the office is not
// written in.
func CheckLang(lang string) error {
	if !slices.Contains(i18n.Languages, lang) {
		return ErrInvalidLang
	}
	return nil
}

const accountColumns = `a.id, a.email, a.name, a.lang, a.admin, a.disabled, a.totp_enabled, a.session_epoch, a.created_at,
	a.password_hash, a.totp_secret, a.totp_last_step`

func scanAccount(sc store.Scanner) (*Account, error) {
	a := &Account{}
	err := sc.Scan(&a.ID, &a.Email, &a.Name, &a.Lang, &a.Admin, &a.Disabled, &a.TOTPEnabled, &a.SessionEpoch, &a.CreatedAt,
		&a.passwordHash, &a.totpSecret, &a.totpLastStep)
	return a, err
}

// one reads the account that where (on alias a) selects, with its
// memberships; ErrNotFound when there is none.
func (s *Store) one(ctx context.Context, q store.Querier, where string, args ...any) (*Account, error) {
	a, err := scanAccount(q.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts a WHERE `+where, args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("read account: %w", err)
	}
	if err := s.memberships(ctx, q, []*Account{a}); err != nil {
		return nil, err
	}
	return a, nil
}

// memberships fills in the memberships of accounts with one query.
func (s *Store) memberships(ctx context.Context, q store.Querier, accts []*Account) error {
	if len(accts) == 0 {
		return nil
	}
	byID := make(map[int64]*Account, len(accts))
	ids := make([]int64, len(accts))
	for i, a := range accts {
		byID[a.ID], ids[i] = a, a.ID
	}
	in, args := store.In(ids)
	rows, err := q.Query(ctx, `SELECT m.account_id, m.partner_id, p.slug, m.role FROM memberships m
		JOIN partners p ON p.id = m.partner_id WHERE m.account_id IN (`+in+`) ORDER BY m.account_id, p.slug, m.partner_id`, args...)
	if err != nil {
		return fmt.Errorf("read memberships: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m Membership
		if err := rows.Scan(&id, &m.PartnerID, &m.PartnerSlug, &m.Role); err != nil {
			return err
		}
		byID[id].Memberships = append(byID[id].Memberships, m)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range accts {
		sortMemberships(a.Memberships)
	}
	return nil
}

// ByID returns the account with id and its memberships, or ErrNotFound.
func (s *Store) ByID(ctx context.Context, id int64) (*Account, error) {
	return s.one(ctx, s.DB, `a.id = ?`, id)
}

// ByEmail returns the account with the address (in any case) and its
// memberships, or ErrNotFound.
func (s *Store) ByEmail(ctx context.Context, email string) (*Account, error) {
	e, err := NormalizeEmail(email)
	if err != nil {
		return nil, ErrNotFound
	}
	return s.one(ctx, s.DB, `a.email = ?`, e)
}

// List returns every account with its memberships, ordered by e-mail
// address, in two queries.
func (s *Store) List(ctx context.Context) ([]*Account, error) {
	accts, err := store.All(ctx, s.DB, scanAccount, `SELECT `+accountColumns+` FROM accounts a ORDER BY a.email`)
	if err != nil {
		return nil, fmt.Errorf("list accounts: %w", err)
	}
	if len(accts) == 0 {
		return nil, nil
	}
	// One query for all memberships; fewer bound parameters than an IN
	// list of every id.
	byID := make(map[int64]*Account, len(accts))
	for _, a := range accts {
		byID[a.ID] = a
	}
	rows, err := s.DB.Query(ctx, `SELECT m.account_id, m.partner_id, p.slug, m.role FROM memberships m
		JOIN partners p ON p.id = m.partner_id ORDER BY m.account_id, p.slug, m.partner_id`)
	if err != nil {
		return nil, fmt.Errorf("read memberships: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var m Membership
		if err := rows.Scan(&id, &m.PartnerID, &m.PartnerSlug, &m.Role); err != nil {
			return nil, err
		}
		if a := byID[id]; a != nil {
			a.Memberships = append(a.Memberships, m)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, a := range accts {
		sortMemberships(a.Memberships)
	}
	return accts, nil
}

// sortMemberships orders memberships by partner slug, then role as in
// Roles.
func sortMemberships(ms []Membership) {
	slices.SortFunc(ms, func(x, y Membership) int {
		if c := strings.Compare(x.PartnerSlug, y.PartnerSlug); c != 0 {
			return c
		}
		if x.PartnerID != y.PartnerID {
			return int(x.PartnerID - y.PartnerID)
		}
		return slices.Index(Roles, x.Role) - slices.Index(Roles, y.Role)
	})
}

// AdminExists reports whether any enabled account is an instance admin.
func (s *Store) AdminExists(ctx context.Context) (bool, error) {
	var n int
	err := s.DB.QueryRow(ctx, `SELECT COUNT(*) FROM accounts WHERE admin AND NOT disabled`).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("count admins: %w", err)
	}
	return n > 0, nil
}

// NewAccount is what Create needs.
type NewAccount struct {
	Email    string
	Name     string
	Lang     string // zh, ru or en
	Password string
	Admin    bool
}

// Create adds an account after checking every field: ErrInvalidEmail,
// ErrInvalidName, ErrInvalidLang, ErrWeakPassword, ErrEmailTaken. It is
// for trusted callers (the CLI, the demo); people join the office through
// invitations.
func (s *Store) Create(ctx context.Context, n NewAccount) (*Account, error) {
	a, err := s.checkNew(n)
	if err != nil {
		return nil, err
	}
	hash, err := s.hasher().Hash(ctx, n.Password)
	if err != nil {
		return nil, err
	}
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		return s.insert(ctx, tx, a, hash)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// checkNew validates n and returns the account it would make.
func (s *Store) checkNew(n NewAccount) (*Account, error) {
	email, err := NormalizeEmail(n.Email)
	if err != nil {
		return nil, err
	}
	name, err := CheckName(n.Name)
	if err != nil {
		return nil, err
	}
	if err := CheckLang(n.Lang); err != nil {
		return nil, err
	}
	if err := CheckPassword(n.Password); err != nil {
		return nil, err
	}
	return &Account{Email: email, Name: name, Lang: n.Lang, Admin: n.Admin, CreatedAt: s.now()}, nil
}

// insert writes a new account, setting its ID; ErrEmailTaken when the
// address has one.
func (s *Store) insert(ctx context.Context, q store.Querier, a *Account, hash string) error {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM accounts WHERE email = ?`, a.Email).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrEmailTaken
	}
	id, err := store.InsertID(ctx, q, `INSERT INTO accounts (email, name, lang, password_hash, admin, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		a.Email, a.Name, a.Lang, hash, a.Admin, a.CreatedAt)
	if err != nil {
		return fmt.Errorf("add account %s: %w", a.Email, err)
	}
	a.ID, a.passwordHash = id, hash
	return nil
}

// Grant gives an account a role in a partner's team, without asking
// whose doing it is: for trusted callers (the CLI, the demo). The office
// adds people through Invite, which checks. ErrAlreadyMember when the
// account has the role there; ErrNotFound for an unknown partner.
func (s *Store) Grant(ctx context.Context, accountID, partnerID int64, role Role) error {
	if _, err := ParseRole(string(role)); err != nil {
		return err
	}
	return s.DB.Transact(ctx, func(tx *store.Tx) error {
		return grant(ctx, tx, accountID, partnerID, role)
	})
}

func grant(ctx context.Context, q store.Querier, accountID, partnerID int64, role Role) error {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM partners WHERE id = ?`, partnerID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("partner %d: %w", partnerID, ErrNotFound)
	}
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE account_id = ? AND partner_id = ? AND role = ?`,
		accountID, partnerID, role).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return ErrAlreadyMember
	}
	_, err := q.Exec(ctx, `INSERT INTO memberships (account_id, partner_id, role) VALUES (?, ?, ?)`, accountID, partnerID, role)
	return err
}

// RemoveMember takes a role at a partner away from an account. by must be
// an organiser of the partner or an admin (ErrForbidden otherwise, read
// from the database, not from by's fields); ErrNotFound when the account
// has no such role there; ErrLastOrganiser when it is the organiser role
// of an enabled account and no other enabled account is an organiser
// there, whoever asks (the organiser themself or an admin), so that a
// partner always keeps someone who can invite and approve.
func (s *Store) RemoveMember(ctx context.Context, by *Account, accountID, partnerID int64, role Role) error {
	return s.DB.Transact(ctx, func(tx *store.Tx) error {
		if err := mayManageTeam(ctx, tx, by, partnerID); err != nil {
			return err
		}
		if role == Organiser {
			if tx.Dialect() == store.Postgres {
				// Two organisers removing each other at once must not
				// both see the other one stay.
				if _, err := tx.Exec(ctx, `SELECT id FROM partners WHERE id = ? FOR UPDATE`, partnerID); err != nil {
					return err
				}
			}
			var self, others int
			if err := tx.QueryRow(ctx, `SELECT
				COUNT(CASE WHEN m.account_id = ? THEN 1 END),
				COUNT(CASE WHEN m.account_id <> ? THEN 1 END)
				FROM memberships m JOIN accounts a ON a.id = m.account_id
				WHERE m.partner_id = ? AND m.role = ? AND NOT a.disabled`,
				accountID, accountID, partnerID, Organiser).Scan(&self, &others); err != nil {
				return err
			}
			if self > 0 && others == 0 {
				return ErrLastOrganiser
			}
		}
		res, err := tx.Exec(ctx, `DELETE FROM memberships WHERE account_id = ? AND partner_id = ? AND role = ?`, accountID, partnerID, role)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return nil
	})
}

// mayManageTeam returns ErrForbidden unless the account by is, according
// to the database, an enabled admin or an organiser of the partner.
func mayManageTeam(ctx context.Context, q store.Querier, by *Account, partnerID int64) error {
	if by == nil {
		return ErrForbidden
	}
	var admin, disabled bool
	err := q.QueryRow(ctx, `SELECT admin, disabled FROM accounts WHERE id = ?`, by.ID).Scan(&admin, &disabled)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && disabled) {
		return ErrForbidden
	}
	if err != nil {
		return err
	}
	if admin {
		return nil
	}
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM memberships WHERE account_id = ? AND partner_id = ? AND role = ?`,
		by.ID, partnerID, Organiser).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrForbidden
	}
	return nil
}

// ChangePassword sets a new password after checking the rules
// (ErrWeakPassword) and the current one, and ends every session of the
// account by raising its SessionEpoch. It returns the account as it now
// is, so that the caller can renew the session it serves.
//
// The current password is checked as at sign-in from clientAddr (see
// Authenticate), so that a signed-in session is no unlimited oracle of
// its own password: a wrong one is a *CredentialsError (errors.Is
// ErrWrongPassword) with the delay to wait and counts towards the
// account's lock; while the account or the client is locked the answer
// is a *LockedError without a check.
func (s *Store) ChangePassword(ctx context.Context, id int64, old, new, clientAddr string) (*Account, error) {
	if err := CheckPassword(new); err != nil {
		return nil, err
	}
	a, err := s.ByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.checkPassword(ctx, signInKeys(a.Email, clientAddr), a, old, ErrWrongPassword); err != nil {
		return nil, err
	}
	return s.setPassword(ctx, a, new)
}

// SetPassword sets a new password without asking for the old one (the
// CLI), checks the rules (ErrWeakPassword), clears the account's
// sign-in lock and ends its sessions.
func (s *Store) SetPassword(ctx context.Context, id int64, new string) (*Account, error) {
	if err := CheckPassword(new); err != nil {
		return nil, err
	}
	a, err := s.ByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.setPassword(ctx, a, new)
}

func (s *Store) setPassword(ctx context.Context, a *Account, password string) (*Account, error) {
	hash, err := s.hasher().Hash(ctx, password)
	if err != nil {
		return nil, err
	}
	err = s.DB.Transact(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE accounts SET password_hash = ?, session_epoch = session_epoch + 1 WHERE id = ?`, hash, a.ID); err != nil {
			return err
		}
		return clearThrottle(ctx, tx, accountKey(a.Email))
	})
	if err != nil {
		return nil, fmt.Errorf("set password of %s: %w", a.Email, err)
	}
	return s.ByID(ctx, a.ID)
}

// EndSessions ends every login session of the account ("sign out
// everywhere") by raising its SessionEpoch, and returns the new epoch.
func (s *Store) EndSessions(ctx context.Context, id int64) (int64, error) {
	var epoch int64
	err := s.DB.QueryRow(ctx, `UPDATE accounts SET session_epoch = session_epoch + 1 WHERE id = ? RETURNING session_epoch`, id).Scan(&epoch)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("end sessions of account %d: %w", id, err)
	}
	return epoch, nil
}

// UpdateProfile sets the account's display name and office language,
// checked as by Create (ErrInvalidName, ErrInvalidLang), and returns the
// account as it now is; ErrNotFound when there is no account id.
func (s *Store) UpdateProfile(ctx context.Context, id int64, name, lang string) (*Account, error) {
	n, err := CheckName(name)
	if err != nil {
		return nil, err
	}
	if err := CheckLang(lang); err != nil {
		return nil, err
	}
	res, err := s.DB.Exec(ctx, `UPDATE accounts SET name = ?, lang = ? WHERE id = ?`, n, lang, id)
	if err != nil {
		return nil, fmt.Errorf("update profile of account %d: %w", id, err)
	}
	if k, _ := res.RowsAffected(); k == 0 {
		return nil, ErrNotFound
	}
	return s.ByID(ctx, id)
}

// newToken returns a random 32-byte token in URL-safe base64 and its
// SHA-256 in hex, the form kept in the database.
func newToken() (token, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, tokenHash(token)
}

func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}
