package errkind_test

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	"github.com/tandemforum/tandem/internal/errkind"
)

func TestStatus(t *testing.T) {
	var fields errkind.Fields
	fields.Add("title", "form.required")
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, http.StatusOK},
		{"bad request", errkind.BadRequest, http.StatusBadRequest},
		{"unauthorized", errkind.Unauthorized, http.StatusUnauthorized},
		{"forbidden", errkind.Forbidden, http.StatusForbidden},
		{"not found", errkind.NotFound, http.StatusNotFound},
		{"conflict", errkind.Conflict, http.StatusConflict},
		{"invalid", errkind.Invalid, http.StatusUnprocessableEntity},
		{"wrapped once", fmt.Errorf("forum %q: %w", "x", errkind.NotFound), http.StatusNotFound},
		{"wrapped twice", fmt.Errorf("edit: %w", fmt.Errorf("forum 3: %w", errkind.Forbidden)), http.StatusForbidden},
		{"joined with a plain error", errors.Join(errors.New("disk"), errkind.Conflict), http.StatusConflict},
		{"fields", fields, http.StatusUnprocessableEntity},
		{"fields wrapped", fmt.Errorf("save forum: %w", fields.Err()), http.StatusUnprocessableEntity},
		{"of no kind", errors.New("connection refused"), http.StatusInternalServerError},
		{"wrapping no kind", fmt.Errorf("read: %w", errors.New("eof")), http.StatusInternalServerError},
		{"only the same text", errors.New("not found"), http.StatusInternalServerError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errkind.Status(tt.err); got != tt.want {
				t.Errorf("Status(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestFields(t *testing.T) {
	var f errkind.Fields
	if err := f.Err(); err != nil {
		t.Fatalf("empty Fields: Err() = %v, want nil", err)
	}
	if got := f.For("email"); got != nil {
		t.Errorf("empty Fields: For(email) = %v, want nil", got)
	}

	f.Add("email", "account.email.taken", "a@example.org")
	f.Add("name", "form.required")
	f.Add("email", "form.too_long", 254)

	err := f.Err()
	if err == nil {
		t.Fatal("Err() = nil with three errors")
	}
	if !errors.Is(err, errkind.Invalid) {
		t.Error("errors.Is(fields, Invalid) = false")
	}
	for _, other := range []error{errkind.NotFound, errkind.BadRequest, errkind.Conflict} {
		if errors.Is(err, other) {
			t.Errorf("errors.Is(fields, %v) = true", other)
		}
	}
	var back errkind.Fields
	if !errors.As(fmt.Errorf("save: %w", err), &back) || len(back) != 3 {
		t.Errorf("errors.As through a wrap gave %v, want the three errors", back)
	}

	wantEmail := []errkind.FieldError{
		{Field: "email", Key: "account.email.taken", Args: []any{"a@example.org"}},
		{Field: "email", Key: "form.too_long", Args: []any{254}},
	}
	if got := f.For("email"); !reflect.DeepEqual(got, wantEmail) {
		t.Errorf("For(email) = %#v, want %#v", got, wantEmail)
	}
	if got := f.For("name"); len(got) != 1 || got[0].Key != "form.required" || len(got[0].Args) != 0 {
		t.Errorf("For(name) = %#v, want one form.required without arguments", got)
	}
	if got := f.For("title"); got != nil {
		t.Errorf("For(title) = %v, want nil", got)
	}
	want := "invalid: email: account.email.taken; name: form.required; email: form.too_long"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
