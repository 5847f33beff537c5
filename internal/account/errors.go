package account

import (
	"errors"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
)

// Every error this package returns for something a person did wrong has a
// message in the catalog (internal/i18n/locales/account.*.json): it
// implements Messager. Other errors (a database that does not answer) are
// for the log, and a page shows its generic message for them.

// Messager is an error with a message for people: the catalog key and its
// arguments. When the key names a plural message, the first argument is
// the count (an int) that selects the form, as i18n.Printer.N takes it;
// Message does that.
type Messager interface {
	error
	MessageKey() (key string, args []any)
}

// Message returns the text of err's message in p's language, and false
// when err (or no error it wraps) has a message of this package.
func Message(p *i18n.Printer, err error) (string, bool) {
	var m Messager
	if !errors.As(err, &m) {
		return "", false
	}
	key, args := m.MessageKey()
	if _, plural := p.Has(key); plural && len(args) > 0 {
		if n, ok := args[0].(int); ok {
			return p.N(key, n, args[1:]...), true
		}
	}
	return p.T(key, args...), true
}

// Problem is an error kind of this package with a fixed message: compare
// with errors.Is. Each wraps the errkind kind that gives its HTTP status.
type Problem struct {
	text, key string
	kind      error
	args      []any
}

func (p *Problem) Error() string               { return p.text }
func (p *Problem) MessageKey() (string, []any) { return p.key, p.args }

// Unwrap returns the problem's errkind kind.
func (p *Problem) Unwrap() error { return p.kind }

func newProblem(text, key string, kind error, args ...any) *Problem {
	return &Problem{text: text, key: key, kind: kind, args: args}
}

// The error kinds. A page shows each one's message; each wraps the errkind
// kind of its status: ErrForbidden 403, ErrNotFound 404, ErrEmailTaken,
// ErrAlreadyMember and ErrLastOrganiser 409, ErrBadCredentials, ErrLocked
// and ErrTOTPRequired 401 (the sign-in page answers those itself), the
// rest 422.
var (
	// ErrBadCredentials: the address has no account, the account is
	// disabled or the password is wrong; a sign-in never says which. The
	// error returned is a *CredentialsError.
	ErrBadCredentials = newProblem("wrong e-mail address or password", "account.signin.bad", errkind.Unauthorized)
	// ErrLocked: too many failed sign-ins; the error is a *LockedError.
	ErrLocked = newProblem("sign-in locked after too many failures", "account.signin.locked", errkind.Unauthorized, int(LockFor/time.Minute))
	// ErrTOTPRequired: the password was right and the account wants its
	// one-time code (VerifyTOTP) before it is signed in.
	ErrTOTPRequired = newProblem("one-time code required", "account.signin.totp_required", errkind.Unauthorized)
	// ErrTOTPInvalid: a one-time code that is wrong, expired or used.
	ErrTOTPInvalid = newProblem("wrong or used one-time code", "account.totp.invalid", errkind.Invalid)
	// ErrTOTPState: enrolment asked of an account that has TOTP on, or a
	// confirmation without an enrolment.
	ErrTOTPState = newProblem("two-factor sign-in is not in the state this needs", "account.totp.state", errkind.Invalid)
	// ErrTokenInvalid: a reset or invitation token that is unknown, used,
	// revoked or expired.
	ErrTokenInvalid = newProblem("the link is invalid or has expired", "account.token.invalid", errkind.Invalid)
	// ErrWeakPassword: a password against the rules; the error is a
	// *PasswordError.
	ErrWeakPassword = newProblem("password does not meet the rules", "account.password.short", errkind.Invalid, MinPasswordChars)
	// ErrWrongPassword: the current password given to ChangePassword is
	// wrong; the error returned is a *CredentialsError.
	ErrWrongPassword = newProblem("the current password is wrong", "account.password.wrong", errkind.Invalid)
	// ErrInvalidEmail: not one e-mail address.
	ErrInvalidEmail = newProblem("not a valid e-mail address", "account.email.invalid", errkind.Invalid)
	// ErrEmailTaken: another account has the address.
	ErrEmailTaken = newProblem("an account with this e-mail address exists", "account.email.taken", errkind.Conflict)
	// ErrInvalidName: a display name empty, longer than 200 characters or
	// with control characters.
	ErrInvalidName = newProblem("the name must have 1 to 200 characters and no control characters", "account.name.invalid", errkind.Invalid)
	// ErrInvalidLang: a UI language other than zh, ru or en.
	ErrInvalidLang = newProblem("the language must be zh, ru or en", "account.lang.invalid", errkind.Invalid)
	// ErrInvalidRole: not one of Roles.
	ErrInvalidRole = newProblem("unknown role", "account.role.invalid", errkind.Invalid)
	// ErrForbidden: the acting account may not do this to this partner's
	// team.
	ErrForbidden = newProblem("only an organiser of the partner may change its team", "account.team.forbidden", errkind.Forbidden)
	// ErrAlreadyMember: the account already has that role at that partner.
	ErrAlreadyMember = newProblem("already a member with this role", "account.team.member_exists", errkind.Conflict)
	// ErrAlreadyInvited: the address has an open invitation to that
	// partner's team, which can be resent instead.
	ErrAlreadyInvited = newProblem("already invited to this team", "account.team.invited_exists", errkind.Conflict)
	// ErrLastOrganiser: the change would leave a partner without an
	// organiser, so that nobody could invite or approve for it.
	ErrLastOrganiser = newProblem("the partner's last organiser cannot be removed", "account.team.last_organiser", errkind.Conflict)
	// ErrNotFound: no account, invitation or partner with that key.
	ErrNotFound = newProblem("not found", "account.not_found", errkind.NotFound)
)

// CredentialsError is a failed sign-in (ErrBadCredentials), a wrong
// one-time or recovery code (ErrTOTPInvalid) or a wrong current password
// (ErrWrongPassword), with the delay the caller should wait before it
// answers.
type CredentialsError struct {
	Kind *Problem // ErrBadCredentials, ErrTOTPInvalid or ErrWrongPassword
	// Delay grows with the failures counted so far: 1, 2, 4, then 8
	// seconds after the first to fourth failure in the window. The store
	// does not sleep; the sign-in handler waits this long before it
	// answers, which slows a guesser without holding a database
	// connection.
	Delay time.Duration
	// AccountID is the account the address named, 0 when none, for the
	// event log; never show it.
	AccountID int64
}

func (e *CredentialsError) Error() string               { return e.Kind.text }
func (e *CredentialsError) Unwrap() error               { return e.Kind }
func (e *CredentialsError) MessageKey() (string, []any) { return e.Kind.key, nil }

// LockedError is a refused sign-in while its account or its client
// address is locked (ErrLocked).
type LockedError struct {
	Until time.Time
	// Minutes is the time left until Until, rounded up, at the time of
	// the attempt.
	Minutes int
	// New is set when this attempt's failure started the lock, so that
	// the caller logs a lockout once.
	New bool
	// AccountID is the account the address named, 0 when none, for the
	// event log.
	AccountID int64
}

func (e *LockedError) Error() string {
	return "sign-in locked until " + e.Until.UTC().Format(time.RFC3339)
}
func (e *LockedError) Unwrap() error { return ErrLocked }

// MessageKey gives the plural message account.signin.locked with the
// minutes left.
func (e *LockedError) MessageKey() (string, []any) { return ErrLocked.key, []any{e.Minutes} }

// PasswordError is a password against the rules (ErrWeakPassword). At
// most one field is set; none means shorter than MinPasswordChars.
type PasswordError struct {
	TooLong bool // longer than MaxPasswordBytes
	Control bool // has a control character (Unicode Cc) or is not UTF-8
	Blank   bool // only white space
}

func (e *PasswordError) Error() string {
	switch {
	case e.TooLong:
		return "password longer than 1024 bytes"
	case e.Control:
		return "password with a control character"
	case e.Blank:
		return "password of only white space"
	}
	return "password shorter than 10 characters"
}
func (e *PasswordError) Unwrap() error { return ErrWeakPassword }

// MessageKey gives account.password.long, account.password.control,
// account.password.blank, or the plural message account.password.short
// with the minimum number of characters.
func (e *PasswordError) MessageKey() (string, []any) {
	switch {
	case e.TooLong:
		return "account.password.long", nil
	case e.Control:
		return "account.password.control", nil
	case e.Blank:
		return "account.password.blank", nil
	}
	return "account.password.short", []any{MinPasswordChars}
}

// RoleError is an unknown role (ErrInvalidRole); its text lists the valid
// ones.
type RoleError struct{ Role string }

func (e *RoleError) Error() string {
	return "unknown role " + quote(e.Role) + ": want one of " + roleList()
}
func (e *RoleError) Unwrap() error               { return ErrInvalidRole }
func (e *RoleError) MessageKey() (string, []any) { return ErrInvalidRole.key, []any{roleList()} }
