package approval

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/tandemforum/tandem/internal/errkind"
)

// Each error of the workflow carries the kind the office maps to a status.
func TestErrorKinds(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want int
	}{
		{ErrNotFound, http.StatusNotFound},
		{ErrStale, http.StatusConflict},
		{ErrState, http.StatusConflict},
		{ErrNotApprover, http.StatusForbidden},
		{ErrInvalid, http.StatusUnprocessableEntity},
		{FieldErrors{{Field: "theme", Lang: "ru", Key: KeyMissingLanguage}}, http.StatusUnprocessableEntity},
		{fmt.Errorf("approve forum:3: %w", ErrStale), http.StatusConflict},
	} {
		if got := errkind.Status(tt.err); got != tt.want {
			t.Errorf("Status(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}
