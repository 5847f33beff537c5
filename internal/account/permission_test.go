package account

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
)

var update = flag.Bool("update", false, "rewrite testdata/permissions.txt from the table")

// TestPermissionTable prints the table, one line per subject and action
// with the roles allowed, and compares it with testdata/permissions.txt,
// so that a change of policy shows in review as a change of that file
// (go test -update rewrites it).
func TestPermissionTable(t *testing.T) {
	var b strings.Builder
	for _, s := range Subjects {
		for _, a := range Actions {
			var rs []string
			for _, r := range Roles {
				if Allowed([]Role{r}, false, s, a) {
					rs = append(rs, string(r))
				}
			}
			if len(rs) == 0 {
				rs = []string{"-"}
			}
			b.WriteString(string(s) + "\t" + string(a) + "\t" + strings.Join(rs, ",") + "\n")
		}
	}
	golden := filepath.Join("testdata", "permissions.txt")
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("the permission table differs from %s (run with -update if the change is meant):\n%s", golden, b.String())
	}
	for s := range Permissions {
		if !slices.Contains(Subjects, s) {
			t.Errorf("table has subject %q, which Subjects lacks", s)
		}
		for a := range Permissions[s] {
			if !slices.Contains(Actions, a) {
				t.Errorf("table has action %q, which Actions lacks", a)
			}
		}
	}
}

// TestPolicy checks the promises of the policy that people rely on.
func TestPolicy(t *testing.T) {
	for _, tc := range []struct {
		roles   []Role
		admin   bool
		subject Subject
		action  Action
		want    bool
	}{
		{nil, true, SubjectTeam, Invite, true},
		{nil, true, SubjectEventLog, View, true},
		{nil, false, SubjectForum, View, false},
		{[]Role{Organiser}, false, SubjectTeam, Invite, true},
		{[]Role{Organiser}, false, SubjectApproval, Approve, true},
		{[]Role{Organiser}, false, SubjectNews, Publish, true},
		{[]Role{Editor}, false, SubjectNews, Edit, true},
		{[]Role{Editor}, false, SubjectProgramme, Create, true},
		{[]Role{Editor}, false, SubjectNews, Publish, false},
		{[]Role{Editor}, false, SubjectApproval, Approve, false},
		{[]Role{Editor}, false, SubjectTeam, Invite, false},
		{[]Role{Translator}, false, SubjectForum, Edit, true},
		{[]Role{Translator}, false, SubjectForum, Create, false},
		{[]Role{Translator}, false, SubjectMedia, Edit, false},
		{[]Role{Reviewer}, false, SubjectNews, View, true},
		{[]Role{Reviewer}, false, SubjectNews, Edit, false},
		{[]Role{Author}, false, SubjectPerson, View, true},
		{[]Role{Author}, false, SubjectNews, View, false},
		{[]Role{Author}, false, SubjectPerson, Edit, false},
		{[]Role{Reviewer, Editor}, false, SubjectPerson, Edit, true},
		// /office/outbox is for admins only, as the table says.
		{[]Role{Organiser}, false, SubjectOutbox, View, false},
		{nil, true, SubjectOutbox, View, true},
		// The workbench: translators and editors translate, reviewers
		// and organisers approve.
		{[]Role{Translator}, false, SubjectTranslation, Edit, true},
		{[]Role{Translator}, false, SubjectTranslation, Approve, false},
		{[]Role{Reviewer}, false, SubjectTranslation, Approve, true},
		{[]Role{Reviewer}, false, SubjectTranslation, Edit, false},
		{[]Role{Organiser}, false, SubjectTranslation, Edit, false},
		{[]Role{Author}, false, SubjectTranslation, View, false},
	} {
		if got := Allowed(tc.roles, tc.admin, tc.subject, tc.action); got != tc.want {
			t.Errorf("Allowed(%v, admin %v, %s, %s) = %v, want %v", tc.roles, tc.admin, tc.subject, tc.action, got, tc.want)
		}
	}
	// Reviewers view everything an organiser views.
	for _, s := range Subjects {
		if Allowed([]Role{Organiser}, false, s, View) && !Allowed([]Role{Reviewer}, false, s, View) {
			t.Errorf("a reviewer may not view %s", s)
		}
		for _, a := range Actions {
			// A reviewer's one change is the decision on translated
			// segments: approve or return.
			if s == SubjectTranslation && a == Approve {
				continue
			}
			if a != View && Allowed([]Role{Reviewer}, false, s, a) {
				t.Errorf("a reviewer may %s %s", a, s)
			}
		}
	}
}

// TestMessages checks that every error of this package with a message has
// it in every language, in the form (plain or plural) its arguments need.
func TestMessages(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	errs := []error{ErrBadCredentials, ErrLocked, ErrTOTPRequired, ErrTOTPInvalid, ErrTOTPState, ErrTokenInvalid,
		ErrWrongPassword, ErrInvalidEmail, ErrEmailTaken, ErrInvalidName, ErrInvalidLang, ErrForbidden, ErrAlreadyMember, ErrNotFound,
		&LockedError{Minutes: 3}, &PasswordError{}, &PasswordError{TooLong: true},
		&PasswordError{Control: true}, &PasswordError{Blank: true}, ErrLastOrganiser, &RoleError{Role: "boss"},
		&CredentialsError{Kind: ErrTOTPInvalid}}
	for _, lang := range i18n.Languages {
		p := cat.Printer(lang)
		for _, e := range errs {
			var m Messager
			if !errors.As(e, &m) {
				t.Fatalf("%v has no message", e)
			}
			key, _ := m.MessageKey()
			if ok, _ := p.Has(key); !ok {
				t.Errorf("%s: no message %q", lang, key)
				continue
			}
			msg, _ := Message(p, e)
			if msg == key || strings.Contains(msg, "%!") {
				t.Errorf("%s: %q comes out as %q", lang, key, msg)
			}
		}
	}
	p := cat.Printer("en")
	if msg, _ := Message(p, &RoleError{Role: "boss"}); msg != "Unknown role. Choose one of: organiser, editor, translator, reviewer, author." {
		t.Errorf("role message %q", msg)
	}
	if msg, _ := Message(p, &PasswordError{}); msg != "The password must have at least 10 characters." {
		t.Errorf("password message %q", msg)
	}
}
