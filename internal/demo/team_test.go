package demo_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// The demo's team can sign in with the password given, each with their
// role and language, and RIAC's organiser finds CASS's change awaiting
// them while the public still reads the old note.
func TestTeam(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		if err := demo.Load(ctx, db, blobs); err != nil {
			t.Fatal(err)
		}
		const password = "demo-password-2021"
		logins, err := demo.Team(ctx, db, password)
		if err != nil {
			t.Fatal(err)
		}
		var roles []string
		for _, l := range logins {
			roles = append(roles, l.Role)
		}
		want := "cass:organiser cass:editor cass:translator cass:reviewer riac:organiser riac:editor riac:translator riac:reviewer admin"
		if got := strings.Join(roles, " "); got != want {
			t.Errorf("roles:\n got %s\nwant %s", got, want)
		}
		accts := &account.Store{DB: db}
		riac, err := accts.Authenticate(ctx, "organiser@riac.example", password, "")
		if err != nil {
			t.Fatalf("RIAC organiser signs in: %v", err)
		}
		if riac.Lang != "ru" || len(riac.RolesAt(riac.Partners()[0])) != 1 {
			t.Errorf("RIAC organiser: lang %s, memberships %v", riac.Lang, riac.Memberships)
		}
		if admin, err := accts.Authenticate(ctx, "admin@tandem.example", password, ""); err != nil || !admin.Admin {
			t.Errorf("admin: %v, %v", admin, err)
		}

		pending, err := approval.AwaitingApproval(ctx, db, riac.Partners())
		if err != nil {
			t.Fatal(err)
		}
		if len(pending) != 1 || pending[0].Subject.Kind != approval.KindForum {
			t.Fatalf("awaiting RIAC: %+v, want the forum's change", pending)
		}
		f, err := (&forum.Store{DB: db}).ForumBySlug(ctx, demo.ForumSlug)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(f.Note.Values["en"], "Recordings") {
			t.Error("the public already reads the change that awaits approval")
		}
		changes, err := approval.Diff(ctx, db, pending[0].Subject)
		if err != nil {
			t.Fatal(err)
		}
		langs := map[string]bool{}
		for _, c := range changes {
			if c.Field == "note" {
				langs[c.Lang] = true
			}
		}
		if !langs["zh"] || !langs["ru"] || !langs["en"] || len(changes) != 3 {
			t.Errorf("the change touches %v, want the note in zh, ru and en only", changes)
		}
	})
}

// A made password has 20 letters and digits in groups of five, and two
// are not the same.
func TestNewPassword(t *testing.T) {
	a, b := demo.NewPassword(), demo.NewPassword()
	if len(a) != 23 || strings.Count(a, "-") != 3 || a == b {
		t.Errorf("passwords %q and %q", a, b)
	}
	if err := account.CheckPassword(a); err != nil {
		t.Error(err)
	}
}
