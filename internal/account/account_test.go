package account

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// testParams make hashing cheap in tests that sign in many times; the
// hashing tests use DefaultParams.
var testParams = Params{Memory: 64, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}

// clock is a settable time for Store.Now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)} }
func testStore(db *store.DB, c *clock) *Store {
	return &Store{DB: db, Now: c.now, Hasher: NewHasher(testParams, 2)}
}

// addPartner adds a partner with the slug and returns its id.
func addPartner(t *testing.T, db *store.DB, slug string) int64 {
	t.Helper()
	id, err := store.InsertID(context.Background(), db, `INSERT INTO partners (slug, name, short_name, country) VALUES (?, '{}', '{}', 'CN')`, slug)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

const pw = "correct horse battery"

func mustCreate(t *testing.T, s *Store, email string, admin bool) *Account {
	t.Helper()
	a, err := s.Create(context.Background(), NewAccount{Email: email, Name: "Name of " + email, Lang: "en", Password: pw, Admin: admin})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestCreateAndRead(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := testStore(db, newClock())
		cass, riac := addPartner(t, db, "cass"), addPartner(t, db, "riac")
		a, err := s.Create(ctx, NewAccount{Email: " Wang.Li@CASS.example ", Name: " 王丽 ", Lang: "zh", Password: pw})
		if err != nil {
			t.Fatal(err)
		}
		if a.Email != "wang.li@cass.example" || a.Name != "王丽" {
			t.Errorf("created %q %q, want the address lower-cased and the name trimmed", a.Email, a.Name)
		}
		for _, g := range []struct {
			p int64
			r Role
		}{{riac, Reviewer}, {cass, Editor}, {cass, Organiser}} {
			if err := s.Grant(ctx, a.ID, g.p, g.r); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Grant(ctx, a.ID, cass, Editor); !errors.Is(err, ErrAlreadyMember) {
			t.Errorf("granting a role twice: %v, want ErrAlreadyMember", err)
		}
		mustCreate(t, s, "ivanov@riac.example", true)
		mustCreate(t, s, "a@x.example", false)

		before := db.QueryCount()
		got, err := s.ByEmail(ctx, "WANG.LI@cass.example")
		if err != nil {
			t.Fatal(err)
		}
		if n := db.QueryCount() - before; n != 2 {
			t.Errorf("ByEmail took %d queries, want 2", n)
		}
		want := []Membership{{cass, "cass", Organiser}, {cass, "cass", Editor}, {riac, "riac", Reviewer}}
		if len(got.Memberships) != len(want) {
			t.Fatalf("memberships %v, want %v", got.Memberships, want)
		}
		for i := range want {
			if got.Memberships[i] != want[i] {
				t.Errorf("membership %d = %v, want %v", i, got.Memberships[i], want[i])
			}
		}
		if rs := got.RolesAt(cass); len(rs) != 2 || rs[0] != Organiser || rs[1] != Editor {
			t.Errorf("RolesAt(cass) = %v", rs)
		}
		if ps := got.Partners(); len(ps) != 2 || ps[0] != min(cass, riac) {
			t.Errorf("Partners() = %v", ps)
		}

		before = db.QueryCount()
		all, err := s.List(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := db.QueryCount() - before; n != 2 {
			t.Errorf("List took %d queries, want 2", n)
		}
		var emails []string
		for _, a := range all {
			emails = append(emails, a.Email)
		}
		if len(emails) != 3 || emails[0] != "a@x.example" || emails[1] != "ivanov@riac.example" || len(all[2].Memberships) != 3 {
			t.Errorf("List = %v", emails)
		}
		if ok, err := s.AdminExists(ctx); err != nil || !ok {
			t.Errorf("AdminExists = %v, %v; want true", ok, err)
		}
		if _, err := s.ByID(ctx, 999); !errors.Is(err, ErrNotFound) {
			t.Errorf("ByID(999): %v, want ErrNotFound", err)
		}
	})
}

func TestCreateRefuses(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := testStore(db, newClock())
		if ok, _ := s.AdminExists(ctx); ok {
			t.Error("AdminExists on an empty database")
		}
		mustCreate(t, s, "taken@x.example", false)
		for _, tc := range []struct {
			n    NewAccount
			want error
		}{
			{NewAccount{Email: "Taken@X.example", Name: "N", Lang: "en", Password: pw}, ErrEmailTaken},
			{NewAccount{Email: "not an address", Name: "N", Lang: "en", Password: pw}, ErrInvalidEmail},
			{NewAccount{Email: "Li <li@x.example>", Name: "N", Lang: "en", Password: pw}, ErrInvalidEmail},
			{NewAccount{Email: "li@x.example", Name: "  ", Lang: "en", Password: pw}, ErrInvalidName},
			{NewAccount{Email: "li@x.example", Name: "a\x07b", Lang: "en", Password: pw}, ErrInvalidName},
			{NewAccount{Email: "li@x.example", Name: string(make([]rune, 201)), Lang: "en", Password: pw}, ErrInvalidName},
			{NewAccount{Email: "li@x.example", Name: "N", Lang: "de", Password: pw}, ErrInvalidLang},
			{NewAccount{Email: "li@x.example", Name: "N", Lang: "en", Password: "short"}, ErrWeakPassword},
		} {
			if _, err := s.Create(ctx, tc.n); !errors.Is(err, tc.want) {
				t.Errorf("Create(%+v) = %v, want %v", tc.n, err, tc.want)
			}
		}
	})
}

func TestAuthenticate(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := testStore(db, newClock())
		a := mustCreate(t, s, "li@x.example", false)
		got, err := s.Authenticate(ctx, "LI@x.example", pw, "192.0.2.1:5000")
		if err != nil || got.ID != a.ID {
			t.Fatalf("right password: %v, %v", got, err)
		}
		wrong, err1 := s.Authenticate(ctx, "li@x.example", "wrong password!", "192.0.2.2:5000")
		_, err2 := s.Authenticate(ctx, "nobody@x.example", pw, "192.0.2.3:5000")
		_, err3 := s.Authenticate(ctx, "not an address", pw, "192.0.2.4:5000")
		for i, err := range []error{err1, err2, err3} {
			var ce *CredentialsError
			if !errors.Is(err, ErrBadCredentials) || !errors.As(err, &ce) || ce.Delay != time.Second {
				t.Errorf("failure %d: %v, want ErrBadCredentials with a 1 s delay", i+1, err)
			}
		}
		if wrong != nil || err1.Error() != err2.Error() {
			t.Errorf("a wrong password (%v) and an unknown address (%v) differ", err1, err2)
		}
		if _, err := db.Exec(ctx, `UPDATE accounts SET disabled = TRUE WHERE id = ?`, a.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(ctx, "li@x.example", pw, ""); !errors.Is(err, ErrBadCredentials) {
			t.Errorf("disabled account with its password: %v, want ErrBadCredentials", err)
		}
	})
}

func TestLockout(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		a := mustCreate(t, s, "li@x.example", false)
		var delays []time.Duration
		for i := 1; i <= 4; i++ {
			_, err := s.Authenticate(ctx, "li@x.example", "wrong password!", "192.0.2.1")
			var ce *CredentialsError
			if !errors.As(err, &ce) {
				t.Fatalf("failure %d: %v", i, err)
			}
			delays = append(delays, ce.Delay)
			c.advance(time.Minute)
		}
		if want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second}; !slices.Equal(delays, want) {
			t.Errorf("delays %v, want %v", delays, want)
		}
		_, err := s.Authenticate(ctx, "li@x.example", "wrong password!", "192.0.2.1")
		var le *LockedError
		if !errors.As(err, &le) || !errors.Is(err, ErrLocked) || !le.New || le.Minutes != 15 || le.AccountID != a.ID {
			t.Fatalf("fifth failure: %#v, want a new 15-minute LockedError", err)
		}
		cat, lerr := i18n.Load()
		if lerr != nil {
			t.Fatal(lerr)
		}
		p := cat.Printer("ru")
		if msg, _ := Message(p, err); msg != "Слишком много неудачных попыток входа. Повторите через 15\u00a0минут." {
			t.Errorf("Russian message %q", msg)
		}
		// Locked: even the right password, from another address, is refused.
		c.advance(14 * time.Minute)
		_, err = s.Authenticate(ctx, "li@x.example", pw, "198.51.100.7")
		if !errors.As(err, &le) || le.New || le.Minutes != 1 {
			t.Fatalf("right password while locked: %v, want a LockedError with 1 minute left", err)
		}
		if msg, _ := Message(p, err); msg != "Слишком много неудачных попыток входа. Повторите через 1\u00a0минуту." {
			t.Errorf("Russian message %q", msg)
		}
		c.advance(time.Minute)
		if _, err := s.Authenticate(ctx, "li@x.example", pw, "198.51.100.7"); err != nil {
			t.Fatalf("after 15 minutes: %v, want signed in", err)
		}
		// The success cleared the account's count: four new failures do
		// not lock it.
		for i := range 4 {
			if _, err := s.Authenticate(ctx, "li@x.example", "wrong password!", "198.51.100.7"); !errors.Is(err, ErrBadCredentials) || errors.Is(err, ErrLocked) {
				t.Fatalf("failure %d after a success: %v", i+1, err)
			}
		}
	})
}

func TestLockoutWindow(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		mustCreate(t, s, "li@x.example", false)
		// Four failures, then 15 quiet minutes: the window has closed and
		// the count starts again.
		for range 4 {
			s.Authenticate(ctx, "li@x.example", "wrong password!", "")
		}
		c.advance(15 * time.Minute)
		_, err := s.Authenticate(ctx, "li@x.example", "wrong password!", "")
		var ce *CredentialsError
		if !errors.As(err, &ce) || ce.Delay != time.Second {
			t.Errorf("failure after the window: %v, want a fresh count (1 s delay)", err)
		}
	})
}

func TestAddressLockout(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := newClock()
		s := testStore(db, c)
		mustCreate(t, s, "victim@x.example", false)
		mustCreate(t, s, "colleague@x.example", false)
		const nat = "[2001:db8:1:2::5]:443"
		// One person behind an institution's NAT fails five times: their
		// account locks, their colleagues at the same address do not.
		for range LockAfter {
			s.Authenticate(ctx, "victim@x.example", "wrong password!", nat)
		}
		if _, err := s.Authenticate(ctx, "victim@x.example", pw, nat); !errors.Is(err, ErrLocked) {
			t.Fatalf("account after %d failures: %v, want ErrLocked", LockAfter, err)
		}
		if _, err := s.Authenticate(ctx, "colleague@x.example", pw, "2001:db8:1:2::77"); err != nil {
			t.Fatalf("another account at the same address after %d failures of one: %v, want signed in", LockAfter, err)
		}
		// A guesser at that address sprays many accounts, known or not:
		// the 50th failure from the address locks it.
		var err error
		for i := LockAfter; i < AddressLockAfter; i++ {
			_, err = s.Authenticate(ctx, fmt.Sprintf("guess%d@x.example", i), "wrong password!", nat)
			if i < AddressLockAfter-1 && errors.Is(err, ErrLocked) {
				t.Fatalf("failure %d from one address: %v, locked too early", i+1, err)
			}
		}
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("failure %d from one address: %v, want ErrLocked", AddressLockAfter, err)
		}
		// Same /64, another host: locked, even with the right password.
		if _, err := s.Authenticate(ctx, "colleague@x.example", pw, "2001:db8:1:2::99"); !errors.Is(err, ErrLocked) {
			t.Errorf("same /64: %v, want ErrLocked", err)
		}
		// The account itself is not locked: from elsewhere it signs in.
		if _, err := s.Authenticate(ctx, "colleague@x.example", pw, "192.0.2.1:1"); err != nil {
			t.Errorf("another address: %v, want signed in", err)
		}
		// After LockFor the address works again.
		c.advance(LockFor)
		if _, err := s.Authenticate(ctx, "colleague@x.example", pw, nat); err != nil {
			t.Errorf("after %v: %v, want signed in", LockFor, err)
		}
	})
}

func TestPasswordChanges(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := testStore(db, newClock())
		a := mustCreate(t, s, "li@x.example", false)
		if _, err := s.ChangePassword(ctx, a.ID, "wrong password!", "a new password", ""); !errors.Is(err, ErrWrongPassword) {
			t.Errorf("wrong old password: %v", err)
		}
		if _, err := s.ChangePassword(ctx, a.ID, pw, "short", ""); !errors.Is(err, ErrWeakPassword) {
			t.Errorf("weak new password: %v", err)
		}
		b, err := s.ChangePassword(ctx, a.ID, pw, "a new password", "")
		if err != nil || b.SessionEpoch != a.SessionEpoch+1 {
			t.Fatalf("ChangePassword: %v, epoch %d", err, b.SessionEpoch)
		}
		if _, err := s.Authenticate(ctx, "li@x.example", "a new password", ""); err != nil {
			t.Errorf("new password: %v", err)
		}
		c, err := s.SetPassword(ctx, a.ID, "set by the admin")
		if err != nil || c.SessionEpoch != b.SessionEpoch+1 {
			t.Fatalf("SetPassword: %v", err)
		}
		epoch, err := s.EndSessions(ctx, a.ID)
		if err != nil || epoch != c.SessionEpoch+1 {
			t.Errorf("EndSessions = %d, %v; want %d", epoch, err, c.SessionEpoch+1)
		}
	})
}

func TestOutdatedHashIsReplaced(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := testStore(db, newClock())
		a := mustCreate(t, s, "li@x.example", false)
		s.Hasher = NewHasher(Params{Memory: 128, Time: 1, Threads: 1, SaltLen: 16, KeyLen: 32}, 1)
		if _, err := s.Authenticate(ctx, a.Email, pw, ""); err != nil {
			t.Fatal(err)
		}
		b, _ := s.ByID(ctx, a.ID)
		if ph, _ := ParseHash(b.passwordHash); ph == nil || ph.Memory != 128 {
			t.Errorf("hash after sign-in %q, want it made with m=128", b.passwordHash)
		}
	})
}

func TestUpdateProfile(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := testStore(db, newClock())
		a := mustCreate(t, s, "li@cass.example", false)
		got, err := s.UpdateProfile(ctx, a.ID, "  李明 ", "zh")
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "李明" || got.Lang != "zh" || got.SessionEpoch != a.SessionEpoch {
			t.Errorf("after UpdateProfile: name %q lang %q epoch %d, want 李明 zh %d", got.Name, got.Lang, got.SessionEpoch, a.SessionEpoch)
		}
		if again, _ := s.ByID(ctx, a.ID); again.Name != "李明" || again.Lang != "zh" {
			t.Errorf("stored: name %q lang %q", again.Name, again.Lang)
		}
		for _, c := range []struct {
			name, lang string
			want       error
		}{
			{"", "en", ErrInvalidName},
			{"bad\x07name", "en", ErrInvalidName},
			{"Li", "de", ErrInvalidLang},
		} {
			if _, err := s.UpdateProfile(ctx, a.ID, c.name, c.lang); !errors.Is(err, c.want) {
				t.Errorf("UpdateProfile(%q, %q) = %v, want %v", c.name, c.lang, err, c.want)
			}
		}
		if _, err := s.UpdateProfile(ctx, a.ID+100, "Li", "en"); !errors.Is(err, ErrNotFound) {
			t.Errorf("UpdateProfile of no account = %v, want ErrNotFound", err)
		}
		if again, _ := s.ByID(ctx, a.ID); again.Name != "李明" {
			t.Errorf("a refused update changed the name to %q", again.Name)
		}
	})
}
