// Package errkind holds the kinds of error a handler returns and the HTTP
// status each maps to, after golang/pkgsite's derrors. A store or a form
// wraps a kind (fmt.Errorf("forum %q: %w", slug, errkind.NotFound)); the web
// package asks Status for the status of the page it renders, so that the
// mapping is written once.
package errkind

import (
	"errors"
	"net/http"
	"strings"
)

// The kinds of error. Wrap one with %w to give an error its kind; test for
// one with errors.Is.
var (
	// BadRequest is input the client must correct and cannot be shown next
	// to a field: a malformed query, an unknown page number (400).
	BadRequest = errors.New("bad request")
	// Unauthorized is a request that needs a signed-in account and has none
	// (401).
	Unauthorized = errors.New("unauthorized")
	// Forbidden is a request by an account that may not do what it asks,
	// about a thing it may know exists (403).
	Forbidden = errors.New("forbidden")
	// NotFound is a thing that does not exist, or that the asker may not
	// know exists (404).
	NotFound = errors.New("not found")
	// Conflict is a change that collides with the thing's current state: a
	// slug already taken, a version edited by someone else meanwhile (409).
	Conflict = errors.New("conflict")
	// Invalid is a form whose fields do not pass validation (422); Fields
	// carries which fields and why.
	Invalid = errors.New("invalid")
)

// statuses maps each kind to its HTTP status, in the order Status tests
// them.
var statuses = []struct {
	kind   error
	status int
}{
	{BadRequest, http.StatusBadRequest},
	{Unauthorized, http.StatusUnauthorized},
	{Forbidden, http.StatusForbidden},
	{NotFound, http.StatusNotFound},
	{Conflict, http.StatusConflict},
	{Invalid, http.StatusUnprocessableEntity},
}

// Status returns the HTTP status for err: that of the first kind err wraps
// (errors.Is), or 500 Internal Server Error for an error of no kind. A nil
// err is 200 OK.
func Status(err error) int {
	if err == nil {
		return http.StatusOK
	}
	for _, s := range statuses {
		if errors.Is(err, s.kind) {
			return s.status
		}
	}
	return http.StatusInternalServerError
}

// FieldError is why one field of a form is not valid: Key is the i18n
// message key that says it in the user's language ("account.email.taken"),
// Args the message's arguments.
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

// Fields are the validation errors of one form, in the order they were
// found. As an error it is of kind Invalid, so that a handler may return it
// and the page render with status 422; the form then shows For(field) next
// to each field. The zero value is an empty list, ready to use.
type Fields []FieldError

// Add records that field is not valid, for the reason the message key and
// its args give.
func (f *Fields) Add(field, key string, args ...any) {
	*f = append(*f, FieldError{Field: field, Key: key, Args: args})
}

// For returns the errors of field, or nil when it has none.
func (f Fields) For(field string) []FieldError {
	var out []FieldError
	for _, e := range f {
		if e.Field == field {
			out = append(out, e)
		}
	}
	return out
}

// Err returns f as an error, or nil when no field has an error, so that a
// validator may end with `return fields.Err()`.
func (f Fields) Err() error {
	if len(f) == 0 {
		return nil
	}
	return f
}

// Error lists the fields and their message keys, for the log: "invalid:
// email: account.email.taken; name: form.required".
func (f Fields) Error() string {
	var b strings.Builder
	b.WriteString(Invalid.Error())
	for i, e := range f {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(e.Field + ": " + e.Key)
	}
	return b.String()
}

// Unwrap returns Invalid, the kind of every Fields.
func (f Fields) Unwrap() error { return Invalid }
