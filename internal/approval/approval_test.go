package approval_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// site is a published forum convened by two hosts, CASS and RIAC, with a
// third partner that hosts nothing, and an organiser of each.
type site struct {
	db               *store.DB
	cass, riac, misc *forum.Partner
	forum            *forum.Forum
	speaker          *forum.Person
	a, b, c          approval.Actor // organisers of CASS, RIAC, misc
}

var day = time.Date(2021, 7, 16, 2, 0, 0, 0, time.UTC)

func zhru(zh, ru string) lang.Text { return lang.New("zh", map[string]string{"zh": zh, "ru": ru}) }

func newSite(t *testing.T, db *store.DB) *site {
	t.Helper()
	ctx := context.Background()
	s := &site{db: db}
	for i, p := range []**forum.Partner{&s.cass, &s.riac, &s.misc} {
		slug := []string{"cass", "riac", "misc"}[i]
		*p = &forum.Partner{Slug: slug, Name: zhru(slug+"名", slug+" имя"), ShortName: zhru(slug, slug), Country: "CN"}
		if err := forum.AddPartner(ctx, db, *p); err != nil {
			t.Fatal(err)
		}
	}
	s.speaker = &forum.Person{Slug: "wang", PartnerID: s.cass.ID, Names: lang.Names{Source: "zh", Values: map[string]lang.Name{"zh": {Family: "王", Given: "伟", FamilyFirst: true}, "ru": {Family: "Ван", Given: "Вэй", FamilyFirst: true}}}}
	if err := forum.AddPerson(ctx, db, s.speaker); err != nil {
		t.Fatal(err)
	}
	s.forum = &forum.Forum{Slug: "treaty-20", Title: zhru("条约二十周年论坛", "Форум к 20-летию Договора"), Theme: zhru("中俄关系的未来", "Будущее российско-китайских отношений"),
		StartsAt: day, EndsAt: day.Add(4 * time.Hour), TimeZone: "Asia/Shanghai", Languages: []string{"zh", "ru"}, Published: true,
		Hosts: []*forum.Partner{s.cass, s.riac}}
	if err := forum.AddForum(ctx, db, s.forum); err != nil {
		t.Fatal(err)
	}
	s.a = approval.Actor{AccountID: 1, Name: "王伟", PartnerIDs: []int64{s.cass.ID}}
	s.b = approval.Actor{AccountID: 2, Name: "Иван Петров", PartnerIDs: []int64{s.riac.ID}}
	s.c = approval.Actor{AccountID: 3, Name: "Someone Else", PartnerIDs: []int64{s.misc.ID}}
	return s
}

func (s *site) subject() approval.Subject {
	return approval.Subject{Kind: approval.KindForum, ID: s.forum.ID}
}

// tx runs fn in a transaction and returns its draft and error.
func (s *site) tx(t *testing.T, fn func(tx *store.Tx) (*approval.Draft, error)) (*approval.Draft, error) {
	t.Helper()
	var d *approval.Draft
	err := s.db.Transact(context.Background(), func(tx *store.Tx) error {
		var err error
		d, err = fn(tx)
		return err
	})
	return d, err
}

// editTheme saves the forum with a new Russian theme and returns the draft.
func (s *site) editTheme(t *testing.T, actor approval.Actor, ru string) *approval.Draft {
	t.Helper()
	ctx := context.Background()
	cur, err := approval.Load(ctx, s.db, s.subject())
	if err != nil {
		t.Fatal(err)
	}
	f := cur.Content.(*forum.Forum)
	f.Theme = f.Theme.Draft("ru", ru)
	f.Theme.Done = append(f.Theme.Done, "ru")
	d, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, s.subject(), f, actor) })
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// publicTheme returns the Russian theme the public sees.
func (s *site) publicTheme(t *testing.T) string {
	t.Helper()
	f, err := (&forum.Store{DB: s.db}).ForumBySlug(context.Background(), s.forum.Slug)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := f.Theme.In("ru")
	return v
}

func actions(t *testing.T, db *store.DB, subj approval.Subject) []string {
	t.Helper()
	es, err := eventlog.List(context.Background(), db, eventlog.Filter{Subject: subj.String()})
	if err != nil {
		t.Fatal(err)
	}
	var flat []string
	for i := len(es) - 1; i >= 0; i-- {
		flat = append(flat, es[i].Action)
	}
	return flat
}

// TestTwoHostsPublish: CASS edits the Russian theme of a published forum
// and asks to publish; the public page keeps the old theme until RIAC
// approves, then shows the new one, and the log has every step.
func TestTwoHostsPublish(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		old := s.publicTheme(t)
		d := s.editTheme(t, s.a, "Новая тема форума")
		if d.Version != 1 || d.State != approval.Editing {
			t.Errorf("after the first save: version %d, state %q", d.Version, d.State)
		}
		if got := s.publicTheme(t); got != old {
			t.Fatalf("the public sees %q after a save, want %q", got, old)
		}
		d, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.a) })
		if err != nil {
			t.Fatal(err)
		}
		if d.State != approval.Submitted || len(d.Approvals) != 2 || d.Approvals[0].AccountID != s.a.AccountID || !d.Approvals[1].At.IsZero() {
			t.Fatalf("after submit: %q, approvals %+v; want CASS approved, RIAC awaited", d.State, d.Approvals)
		}
		if got := s.publicTheme(t); got != old {
			t.Fatalf("the public sees %q before RIAC approved", got)
		}
		waiting, err := approval.AwaitingApproval(ctx, db, s.b.PartnerIDs)
		if err != nil || len(waiting) != 1 || waiting[0].Subject != s.subject() || waiting[0].Title.Values["zh"] != "条约二十周年论坛" {
			t.Fatalf("RIAC's queue: %+v, %v", waiting, err)
		}
		if mine, _ := approval.AwaitingApproval(ctx, db, s.a.PartnerIDs); len(mine) != 0 {
			t.Errorf("CASS's queue holds its own approved draft: %+v", mine)
		}
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Approve(ctx, tx, s.subject(), d.Version, s.b, s.riac.ID)
		}); err != nil {
			t.Fatal(err)
		}
		if got := s.publicTheme(t); got != "Новая тема форума" {
			t.Errorf("the public sees %q after both hosts approved", got)
		}
		after, err := approval.Load(ctx, db, s.subject())
		if err != nil || after.Version != 0 {
			t.Errorf("after publication Load gives version %d, %v; want the live content", after.Version, err)
		}
		want := []string{"forum.edit", "approval.submit", "approval.approve", "approval.publish"}
		if got := actions(t, db, s.subject()); !slices.Equal(got, want) {
			t.Errorf("event log %v, want %v", got, want)
		}
		es, _ := eventlog.List(ctx, db, eventlog.Filter{Subject: s.subject().String(), Limit: 1})
		if !strings.Contains(string(es[0].Before), old) || !strings.Contains(string(es[0].After), "Новая тема форума") {
			t.Errorf("the publication event lacks the content before and after: %s → %s", es[0].Before, es[0].After)
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM publications WHERE subject_kind = 'forum' AND subject_id = ? AND version = 1`, s.forum.ID).Scan(&n); err != nil || n != 1 {
			t.Errorf("publications: %d, %v", n, err)
		}
	})
}

// TestSaveReopens: a change after CASS asked to publish re-opens the
// approval; RIAC's approval of the version it saw is refused as stale.
func TestSaveReopens(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		s.editTheme(t, s.a, "Первая правка")
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.a) }); err != nil {
			t.Fatal(err)
		}
		d := s.editTheme(t, s.a, "Вторая правка")
		if d.Version != 2 || d.State != approval.Editing || len(d.Approvals) != 0 {
			t.Errorf("after a second save: version %d, %q, approvals %+v", d.Version, d.State, d.Approvals)
		}
		_, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Approve(ctx, tx, s.subject(), 1, s.b, s.riac.ID)
		})
		if !errors.Is(err, approval.ErrStale) {
			t.Fatalf("approving version 1 after version 2 was saved: %v, want ErrStale", err)
		}
		if approval.MessageKey(err) != "approval.error.stale" {
			t.Errorf("MessageKey = %q", approval.MessageKey(err))
		}
		loaded, _ := approval.Load(ctx, db, s.subject())
		if len(loaded.Approvals) != 0 || loaded.State != approval.Editing {
			t.Errorf("approvals after the new version: %+v, %q", loaded.Approvals, loaded.State)
		}
		_, err = s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Approve(ctx, tx, s.subject(), 2, s.b, s.riac.ID)
		})
		if !errors.Is(err, approval.ErrState) {
			t.Errorf("approving a version nobody submitted: %v, want ErrState", err)
		}
		// RIAC now asks, and CASS approves the new version.
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.b) }); err != nil {
			t.Fatal(err)
		}
		if got := s.publicTheme(t); got == "Вторая правка" {
			t.Fatal("published with one approval of two")
		}
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Approve(ctx, tx, s.subject(), 2, s.a, s.cass.ID)
		}); err != nil {
			t.Fatal(err)
		}
		if got := s.publicTheme(t); got != "Вторая правка" {
			t.Errorf("public theme %q after both approved version 2", got)
		}
	})
}

// TestReturnAndRefusals: a return needs a comment and goes back to the
// one who asked; partners that are not hosts, and actors acting for a
// partner not theirs, are refused.
func TestReturnAndRefusals(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		d := s.editTheme(t, s.a, "Правка")
		_, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.c) })
		if !errors.Is(err, approval.ErrNotApprover) {
			t.Errorf("submit by a partner that does not host the forum: %v, want ErrNotApprover", err)
		}
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.a) }); err != nil {
			t.Fatal(err)
		}
		for name, c := range map[string]struct {
			actor   approval.Actor
			partner int64
		}{
			"a partner that is no host":      {s.c, s.misc.ID},
			"an actor for another's partner": {s.c, s.riac.ID},
			"RIAC's organiser for CASS":      {s.b, s.misc.ID},
		} {
			_, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
				return approval.Approve(ctx, tx, s.subject(), d.Version, c.actor, c.partner)
			})
			if !errors.Is(err, approval.ErrNotApprover) {
				t.Errorf("%s: %v, want ErrNotApprover", name, err)
			}
		}
		_, err = s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Return(ctx, tx, s.subject(), d.Version, s.b, s.riac.ID, "  ")
		})
		var fe approval.FieldErrors
		if !errors.As(err, &fe) || !errors.Is(err, approval.ErrInvalid) || fe[0].Field != "comment" || fe[0].Key != approval.KeyCommentRequired {
			t.Errorf("return without a comment: %v", err)
		}
		r, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Return(ctx, tx, s.subject(), d.Version, s.b, s.riac.ID, "Уточните формулировку темы")
		})
		if err != nil || r.State != approval.Returned || r.Comment != "Уточните формулировку темы" {
			t.Fatalf("return: %+v, %v", r, err)
		}
		back, err := approval.ReturnedTo(ctx, db, s.a.AccountID)
		if err != nil || len(back) != 1 || back[0].Comment != "Уточните формулировку темы" {
			t.Errorf("returned to CASS's organiser: %+v, %v", back, err)
		}
		if waiting, _ := approval.AwaitingApproval(ctx, db, s.b.PartnerIDs); len(waiting) != 0 {
			t.Errorf("a returned draft still awaits RIAC: %+v", waiting)
		}
		if s.publicTheme(t) == "Правка" {
			t.Error("a returned draft went public")
		}
		want := []string{"forum.edit", "approval.submit", "approval.return"}
		if got := actions(t, db, s.subject()); !slices.Equal(got, want) {
			t.Errorf("event log %v, want %v", got, want)
		}
	})
}

// TestMissingLanguage: the forum promises zh and ru; a theme written in
// Russian only cannot be published, and the error lists what is missing.
func TestMissingLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		cur, _ := approval.Load(ctx, db, s.subject())
		f := cur.Content.(*forum.Forum)
		f.Theme = lang.New("ru", map[string]string{"ru": "Только по-русски"})
		f.Summary = lang.New("zh", map[string]string{"zh": "摘要"})
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, s.subject(), f, s.a) }); err != nil {
			t.Fatal(err)
		}
		_, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.a) })
		var fe approval.FieldErrors
		if !errors.As(err, &fe) {
			t.Fatalf("submit with languages missing: %v", err)
		}
		want := approval.FieldErrors{
			{Field: "theme", Lang: "zh", Key: approval.KeyMissingLanguage},
			{Field: "summary", Lang: "ru", Key: approval.KeyMissingLanguage},
		}
		if !slices.Equal(fe, want) {
			t.Errorf("missing = %+v, want %+v", fe, want)
		}
		d, _ := approval.Load(ctx, db, s.subject())
		if d.State != approval.Editing {
			t.Errorf("a refused submit left the draft %q", d.State)
		}
	})
}

// TestSaveValidates: content the forum package refuses is refused by Save
// too, and content of the wrong kind.
func TestSaveValidates(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		cur, _ := approval.Load(ctx, db, s.subject())
		f := cur.Content.(*forum.Forum)
		f.EndsAt = f.StartsAt.Add(-time.Hour)
		_, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, s.subject(), f, s.a) })
		if !errors.Is(err, approval.ErrInvalid) || !strings.Contains(err.Error(), "ends before it starts") {
			t.Errorf("a forum that ends before it starts: %v", err)
		}
		_, err = s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, s.subject(), s.cass, s.a) })
		if !errors.Is(err, approval.ErrInvalid) {
			t.Errorf("a partner saved as a forum: %v", err)
		}
		f.EndsAt = f.StartsAt.Add(time.Hour)
		_, err = s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Save(ctx, tx, approval.Subject{Kind: approval.KindForum, ID: 999}, f, s.a)
		})
		if !errors.Is(err, approval.ErrNotFound) {
			t.Errorf("saving a forum that does not exist: %v", err)
		}
	})
}
