package approval_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestCreateUnpublished: a forum and a news post made in the office exist
// (ids, slugs) but the public does not see them until both hosts approve.
func TestCreateUnpublished(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		nf := &forum.Forum{Slug: "second", Title: zhru("第二届论坛", "Второй форум"), StartsAt: day, EndsAt: day.Add(time.Hour), TimeZone: "Europe/Moscow",
			Languages: []string{"zh", "ru"}, Hosts: []*forum.Partner{{ID: s.riac.ID}, {ID: s.cass.ID}}}
		d, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Create(ctx, tx, approval.KindForum, nf, s.b)
		})
		if err != nil {
			t.Fatal(err)
		}
		if d.Version != 1 || d.Subject.ID == 0 {
			t.Fatalf("created %+v", d)
		}
		public, office := &forum.Store{DB: db}, &forum.Store{DB: db, Drafts: true}
		if _, err := public.ForumBySlug(ctx, "second"); !errors.Is(err, forum.ErrNotFound) {
			t.Errorf("the public finds a forum nobody approved: %v", err)
		}
		if f, err := office.ForumByID(ctx, d.Subject.ID); err != nil || f.Slug != "second" || len(f.Hosts) != 2 || f.Hosts[0].ID != s.riac.ID {
			t.Errorf("the office reads %+v, %v", f, err)
		}
		post := &forum.NewsPost{Slug: "announce", ForumID: s.forum.ID, Title: zhru("公告", "Объявление"), PublishedAt: day}
		nd, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) {
			return approval.Create(ctx, tx, approval.KindNews, post, s.a)
		})
		if err != nil {
			t.Fatal(err)
		}
		if posts, total, _ := public.News(ctx, 10, 0); len(posts) != 0 || total != 0 {
			t.Errorf("the public lists %d of %d news posts, want none", len(posts), total)
		}
		if _, err := public.NewsBySlug(ctx, "announce"); !errors.Is(err, forum.ErrNotFound) {
			t.Errorf("the public finds an unapproved post: %v", err)
		}
		ids, err := approval.Approvers(ctx, db, nd.Subject)
		if err != nil || !slices.Equal(ids, []int64{s.cass.ID, s.riac.ID}) {
			t.Errorf("approvers of a post about the forum: %v, %v", ids, err)
		}
		for _, step := range []func(tx *store.Tx) (*approval.Draft, error){
			func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, d.Subject, s.b) },
			func(tx *store.Tx) (*approval.Draft, error) {
				return approval.Approve(ctx, tx, d.Subject, 1, s.a, s.cass.ID)
			},
			func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, nd.Subject, s.a) },
			func(tx *store.Tx) (*approval.Draft, error) {
				return approval.Approve(ctx, tx, nd.Subject, 1, s.b, s.riac.ID)
			},
		} {
			if _, err := s.tx(t, step); err != nil {
				t.Fatal(err)
			}
		}
		if f, err := public.ForumBySlug(ctx, "second"); err != nil || len(f.Hosts) != 2 {
			t.Errorf("after approval the public reads %+v, %v", f, err)
		}
		if _, err := public.NewsBySlug(ctx, "announce"); err != nil {
			t.Errorf("after approval: %v", err)
		}
	})
}

// TestPublishDue: an approved draft with a publish-at time waits for it;
// the job publishes it once, however often it runs.
func TestPublishDue(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		s.editTheme(t, s.a, "Тема к сроку")
		at := time.Now().Add(time.Hour)
		steps := []func(tx *store.Tx) (*approval.Draft, error){
			func(tx *store.Tx) (*approval.Draft, error) { return approval.Schedule(ctx, tx, s.subject(), at, s.a) },
			func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.a) },
			func(tx *store.Tx) (*approval.Draft, error) {
				return approval.Approve(ctx, tx, s.subject(), 2, s.b, s.riac.ID)
			},
		}
		var d *approval.Draft
		for _, step := range steps {
			var err error
			if d, err = s.tx(t, step); err != nil {
				t.Fatal(err)
			}
		}
		if d.State != approval.Scheduled || s.publicTheme(t) == "Тема к сроку" {
			t.Fatalf("approved for later: %q, public theme %q", d.State, s.publicTheme(t))
		}
		due := func(now time.Time) []approval.Subject {
			var out []approval.Subject
			if err := db.Transact(ctx, func(tx *store.Tx) error {
				var err error
				out, err = approval.PublishDue(ctx, tx, now)
				return err
			}); err != nil {
				t.Fatal(err)
			}
			return out
		}
		if got := due(time.Now()); len(got) != 0 {
			t.Errorf("published before its time: %v", got)
		}
		if got := due(at.Add(time.Minute)); len(got) != 1 || got[0] != s.subject() {
			t.Errorf("at its time PublishDue published %v", got)
		}
		v1, _ := (&forum.Store{DB: db}).SiteVersion(ctx)
		if got := due(at.Add(2 * time.Minute)); len(got) != 0 {
			t.Errorf("run again, PublishDue published %v", got)
		}
		if v2, _ := (&forum.Store{DB: db}).SiteVersion(ctx); v2 != v1 || s.publicTheme(t) != "Тема к сроку" {
			t.Errorf("after the second run: site version %d → %d, theme %q", v1, v2, s.publicTheme(t))
		}
		want := []string{"forum.edit", "approval.schedule_set", "approval.submit", "approval.approve", "approval.schedule", "approval.publish"}
		if got := actions(t, db, s.subject()); !slices.Equal(got, want) {
			t.Errorf("event log %v, want %v", got, want)
		}
	})
}

// TestDiff shows an approver what changes, per language: Chinese by
// characters, Russian by words, and programme items by their place.
func TestDiff(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		cur, _ := approval.Load(ctx, db, s.subject())
		f := cur.Content.(*forum.Forum)
		f.Theme = zhru("中俄友好关系的未来", "Будущее российско-китайских отношений")
		f.Title = zhru("条约二十周年论坛", "Форум к двадцатилетию Договора")
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, s.subject(), f, s.a) }); err != nil {
			t.Fatal(err)
		}
		changes, err := approval.Diff(ctx, db, s.subject())
		if err != nil {
			t.Fatal(err)
		}
		if len(changes) != 2 {
			t.Fatalf("changes %+v, want the Russian title and the Chinese theme", changes)
		}
		title, theme := changes[0], changes[1]
		if title.Field != "title" || title.Lang != "ru" || title.Before != "Форум к 20-летию Договора" || title.After != "Форум к двадцатилетию Договора" {
			t.Errorf("title change %+v", title)
		}
		if theme.Field != "theme" || theme.Lang != "zh" {
			t.Errorf("theme change %+v", theme)
		}
		wantZh := []approval.DiffOp{{Kind: approval.Equal, Text: "中俄"}, {Kind: approval.Insert, Text: "友好"}, {Kind: approval.Equal, Text: "关系的未来"}}
		if !slices.Equal(theme.Ops, wantZh) {
			t.Errorf("Chinese ops %+v, want %+v", theme.Ops, wantZh)
		}
		for _, op := range title.Ops {
			if op.Kind != approval.Equal && op.Text != "20-летию" && op.Text != "двадцатилетию" {
				t.Errorf("Russian op %+v cuts a word", op)
			}
		}

		// The programme: one speech renamed, one session added.
		sess := &forum.Session{ForumID: s.forum.ID, Title: zhru("开幕式", "Открытие"), StartsAt: day, EndsAt: day.Add(time.Hour)}
		if err := forum.AddSession(ctx, db, sess); err != nil {
			t.Fatal(err)
		}
		for i := range 2 {
			sp := &forum.Speech{ForumID: s.forum.ID, SessionID: sess.ID, Slug: fmt.Sprintf("talk-%d", i), SpeakerID: s.speaker.ID, Kind: forum.Report,
				OriginalLang: "zh", Title: zhru(fmt.Sprintf("报告%d", i), fmt.Sprintf("Доклад %d", i)), StartsAt: day, EndsAt: day}
			if err := forum.AddSpeech(ctx, db, sp); err != nil {
				t.Fatal(err)
			}
		}
		prog := approval.Subject{Kind: approval.KindProgramme, ID: s.forum.ID}
		pd, _ := approval.Load(ctx, db, prog)
		p := pd.Content.(*forum.Programme)
		p.Sessions[0].Speeches[1].Title = zhru("报告1", "Доклад первый")
		p.Sessions = append(p.Sessions, &forum.Session{Title: zhru("闭幕式", "Закрытие"), StartsAt: day.Add(2 * time.Hour), EndsAt: day.Add(3 * time.Hour)})
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, prog, p, s.a) }); err != nil {
			t.Fatal(err)
		}
		changes, err = approval.Diff(ctx, db, prog)
		if err != nil {
			t.Fatal(err)
		}
		var fields []string
		for _, c := range changes {
			fields = append(fields, c.Field+"@"+c.Lang)
		}
		want := []string{"sessions[0].speeches[1].title@ru", "sessions[1].title@zh", "sessions[1].title@ru", "sessions[1].starts_at@", "sessions[1].ends_at@"}
		if !slices.Equal(fields, want) {
			t.Errorf("programme changes %v, want %v", fields, want)
		}
	})
}

// TestDiffWhatThePublicReads: a change that the public will read is in
// the diff even when no text changes: a translation marked draft (the
// public then reads the source) or complete, and a new source language;
// a time shows as a whole value, not cut by characters.
func TestDiffWhatThePublicReads(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(f *forum.Forum)
		field  string
		lang   string
		before string
		after  string
		drafts [2]bool
		ops    []approval.DiffOp
	}{
		{"translation marked draft", func(f *forum.Forum) { f.Title = f.Title.Draft("ru", f.Title.Values["ru"]) },
			"title", "ru", "Форум к 20-летию Договора", "Форум к 20-летию Договора", [2]bool{false, true}, nil},
		{"source language changed", func(f *forum.Forum) { f.Title.Source = "ru" },
			"title.source_lang", "", "zh", "ru", [2]bool{}, []approval.DiffOp{{Kind: approval.Delete, Text: "zh"}, {Kind: approval.Insert, Text: "ru"}}},
		{"time moved", func(f *forum.Forum) { f.EndsAt = f.EndsAt.Add(time.Hour) },
			"ends_at", "", "", "", [2]bool{}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			storetest.ForEach(t, func(t *testing.T, db *store.DB) {
				ctx := context.Background()
				s := newSite(t, db)
				cur, _ := approval.Load(ctx, db, s.subject())
				f := cur.Content.(*forum.Forum)
				f.Title = zhru("条约二十周年论坛", "Форум к 20-летию Договора")
				tt.edit(f)
				if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, s.subject(), f, s.a) }); err != nil {
					t.Fatal(err)
				}
				changes, err := approval.Diff(ctx, db, s.subject())
				if err != nil {
					t.Fatal(err)
				}
				if len(changes) != 1 {
					t.Fatalf("changes %+v, want one of %s", changes, tt.field)
				}
				c := changes[0]
				if c.Field != tt.field || c.Lang != tt.lang || [2]bool{c.BeforeDraft, c.AfterDraft} != tt.drafts {
					t.Errorf("change %+v, want %s@%s drafts %v", c, tt.field, tt.lang, tt.drafts)
				}
				if tt.before != "" && (c.Before != tt.before || c.After != tt.after) {
					t.Errorf("change %q → %q, want %q → %q", c.Before, c.After, tt.before, tt.after)
				}
				if tt.ops != nil && !slices.Equal(c.Ops, tt.ops) {
					t.Errorf("ops %+v, want %+v", c.Ops, tt.ops)
				}
				if c.Lang == "" && (len(c.Ops) != 2 || c.Ops[0].Text != c.Before || c.Ops[1].Text != c.After) {
					t.Errorf("ops %+v: want the whole old value deleted and the whole new inserted", c.Ops)
				}
			})
		})
	}
}

// TestLoadAndDiffQueries: Load and Diff of a programme cost as many
// queries for a long programme as for a short one.
func TestLoadAndDiffQueries(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		prog := approval.Subject{Kind: approval.KindProgramme, ID: s.forum.ID}
		cost := func() (load, diff int64) {
			n := db.QueryCount()
			d, err := approval.Load(ctx, db, prog)
			if err != nil {
				t.Fatal(err)
			}
			load = db.QueryCount() - n
			if d.Version == 0 {
				if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Save(ctx, tx, prog, d.Content, s.a) }); err != nil {
					t.Fatal(err)
				}
			}
			n = db.QueryCount()
			if _, err := approval.Diff(ctx, db, prog); err != nil {
				t.Fatal(err)
			}
			return load, db.QueryCount() - n
		}
		addSessions := func(n int) {
			for i := range n {
				sess := &forum.Session{ForumID: s.forum.ID, Title: zhru("会议", "Сессия"), StartsAt: day, EndsAt: day}
				if err := forum.AddSession(ctx, db, sess); err != nil {
					t.Fatal(err)
				}
				sp := &forum.Speech{ForumID: s.forum.ID, SessionID: sess.ID, Slug: fmt.Sprintf("s%d-%d", n, i), SpeakerID: s.speaker.ID, Kind: forum.Remark, OriginalLang: "zh",
					Title: zhru("发言", "Выступление"), StartsAt: day, EndsAt: day}
				if err := forum.AddSpeech(ctx, db, sp); err != nil {
					t.Fatal(err)
				}
			}
		}
		addSessions(1)
		load1, diff1 := cost()
		if _, err := db.Exec(ctx, `DELETE FROM drafts`); err != nil {
			t.Fatal(err)
		}
		addSessions(10)
		load2, diff2 := cost()
		if load1 != load2 || diff1 != diff2 {
			t.Errorf("Load %d → %d queries, Diff %d → %d queries as the programme grew", load1, load2, diff1, diff2)
		}
	})
}

// TestApprovers of a partner and a person: themselves (or their partner)
// and the hosts they share forums with.
func TestApprovers(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		sess := &forum.Session{ForumID: s.forum.ID, Title: zhru("会议", "Сессия"), StartsAt: day, EndsAt: day}
		if err := forum.AddSession(ctx, db, sess); err != nil {
			t.Fatal(err)
		}
		guest := &forum.Person{Slug: "guest", Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Гость"}}}}
		if err := forum.AddPerson(ctx, db, guest); err != nil {
			t.Fatal(err)
		}
		if err := forum.AddSpeech(ctx, db, &forum.Speech{ForumID: s.forum.ID, SessionID: sess.ID, Slug: "g", SpeakerID: guest.ID, Kind: forum.Remark, OriginalLang: "ru", Title: zhru("发言", "Речь"), StartsAt: day, EndsAt: day}); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			subj approval.Subject
			want []int64
		}{
			{approval.Subject{Kind: approval.KindForum, ID: s.forum.ID}, []int64{s.cass.ID, s.riac.ID}},
			{approval.Subject{Kind: approval.KindProgramme, ID: s.forum.ID}, []int64{s.cass.ID, s.riac.ID}},
			{approval.Subject{Kind: approval.KindPartner, ID: s.riac.ID}, []int64{s.riac.ID, s.cass.ID}},
			{approval.Subject{Kind: approval.KindPartner, ID: s.misc.ID}, []int64{s.misc.ID}},
			{approval.Subject{Kind: approval.KindPerson, ID: guest.ID}, []int64{s.cass.ID, s.riac.ID}},
			{approval.Subject{Kind: approval.KindPerson, ID: s.speaker.ID}, []int64{s.cass.ID}},
		} {
			got, err := approval.Approvers(ctx, db, c.subj)
			if err != nil || !slices.Equal(got, c.want) {
				t.Errorf("approvers of %s: %v, %v; want %v", c.subj, got, err, c.want)
			}
		}
	})
}

func TestParseSubject(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{
		{"forum:3", true}, {"programme:12", true}, {"news:1", true}, {"partner:2", true}, {"person:9", true},
		{"forum:0", false}, {"forum:-1", false}, {"forum:03", false}, {"forum:+3", false}, {"event:3", false},
		{"forum", false}, {"forum:", false}, {":3", false}, {"forum:3:4", false}, {"Forum:3", false}, {"forum:99999999999999999999", false},
	} {
		s, err := approval.ParseSubject(c.in)
		if (err == nil) != c.ok {
			t.Errorf("ParseSubject(%q) = %v, %v", c.in, s, err)
			continue
		}
		if c.ok && s.String() != c.in {
			t.Errorf("ParseSubject(%q).String() = %q", c.in, s)
		}
		if !c.ok && !errors.Is(err, approval.ErrInvalid) {
			t.Errorf("ParseSubject(%q): %v does not wrap ErrInvalid", c.in, err)
		}
	}
}

func FuzzParseSubject(f *testing.F) {
	for _, s := range []string{"forum:3", "programme:12", "news:0", "person:-1", "x:1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		s, err := approval.ParseSubject(in)
		if err != nil {
			return
		}
		if s.String() != in || s.ID <= 0 {
			t.Errorf("ParseSubject(%q) = %+v, written back as %q", in, s, s)
		}
	})
}

// TestDrafts: the lists' one read of every draft of a kind gives each
// draft as Load does, approvals included, and nothing of other kinds or
// of subjects without a draft.
func TestDrafts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db)
		if got, err := approval.Drafts(ctx, db, approval.KindForum); err != nil || len(got) != 0 {
			t.Fatalf("before any save: %v, %v", got, err)
		}
		s.editTheme(t, s.a, "Тема в работе")
		if _, err := s.tx(t, func(tx *store.Tx) (*approval.Draft, error) { return approval.Submit(ctx, tx, s.subject(), s.a) }); err != nil {
			t.Fatal(err)
		}
		n := db.QueryCount()
		got, err := approval.Drafts(ctx, db, approval.KindForum)
		if err != nil {
			t.Fatal(err)
		}
		if q := db.QueryCount() - n; q != 2 {
			t.Errorf("Drafts cost %d queries, want 2", q)
		}
		want, err := approval.Load(ctx, db, s.subject())
		if err != nil {
			t.Fatal(err)
		}
		d := got[s.forum.ID]
		if len(got) != 1 || d == nil {
			t.Fatalf("Drafts: %v, want the forum's draft alone", got)
		}
		if d.Version != want.Version || d.State != approval.Submitted || !slices.Equal(d.Approvals, want.Approvals) || len(d.Approvals) != 2 {
			t.Errorf("Drafts gives version %d %q approvals %+v; Load gives %d %q %+v", d.Version, d.State, d.Approvals, want.Version, want.State, want.Approvals)
		}
		if theme := d.Content.(*forum.Forum).Theme.Values["ru"]; theme != "Тема в работе" {
			t.Errorf("the draft's theme is %q", theme)
		}
		if other, err := approval.Drafts(ctx, db, approval.KindNews); err != nil || len(other) != 0 {
			t.Errorf("news drafts: %v, %v", other, err)
		}
	})
}
