package account

import (
	"net/http"
	"testing"

	"github.com/tandemforum/tandem/internal/errkind"
)

// Each error kind of the package carries the status the office answers it
// with, wrapped or not.
func TestProblemStatus(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want int
	}{
		{ErrForbidden, http.StatusForbidden},
		{ErrNotFound, http.StatusNotFound},
		{ErrEmailTaken, http.StatusConflict},
		{ErrAlreadyMember, http.StatusConflict},
		{ErrBadCredentials, http.StatusUnauthorized},
		{&LockedError{Minutes: 3}, http.StatusUnauthorized},
		{&PasswordError{}, http.StatusUnprocessableEntity},
		{ErrTokenInvalid, http.StatusUnprocessableEntity},
		{&RoleError{Role: "boss"}, http.StatusUnprocessableEntity},
	} {
		if got := errkind.Status(tt.err); got != tt.want {
			t.Errorf("Status(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
