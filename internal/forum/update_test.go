package forum_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestReplaceProgramme edits a programme as the office does: a speech
// renamed and moved to another session, two speeches swapping slugs, one
// deleted, a session and a speech added, a session dropped; the programme
// read back is exactly the one written, in its order.
func TestReplaceProgramme(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		day := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
		text := func(s string) lang.Text { return lang.New("ru", map[string]string{"ru": s}) }
		person := &forum.Person{Slug: "p", Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Иванов"}}}}
		if err := forum.AddPerson(ctx, db, person); err != nil {
			t.Fatal(err)
		}
		f := &forum.Forum{Slug: "f", Title: text("Форум"), StartsAt: day, EndsAt: day, TimeZone: "UTC", Languages: []string{"ru"}, Published: true}
		if err := forum.AddForum(ctx, db, f); err != nil {
			t.Fatal(err)
		}
		speech := func(slug string) *forum.Speech {
			return &forum.Speech{Slug: slug, SpeakerID: person.ID, Kind: forum.Remark, OriginalLang: "ru", Title: text(slug), StartsAt: day, EndsAt: day}
		}
		p := &forum.Programme{ForumID: f.ID, Sessions: []*forum.Session{
			{Title: text("Первая"), StartsAt: day, EndsAt: day, Speeches: []*forum.Speech{speech("a"), speech("b"), speech("c")}},
			{Title: text("Вторая"), StartsAt: day, EndsAt: day, Speeches: []*forum.Speech{speech("d")}},
		}}
		if err := forum.ReplaceProgramme(ctx, db, p); err != nil {
			t.Fatal(err)
		}
		s := &forum.Store{DB: db}
		got, err := s.ProgrammeOf(ctx, f.ID)
		if err != nil || shape(got) != "Первая[a b c] Вторая[d]" {
			t.Fatalf("after inserting: %s, %v", shape(got), err)
		}
		first, second := got.Sessions[0], got.Sessions[1]
		a, b, c, d := first.Speeches[0], first.Speeches[1], first.Speeches[2], second.Speeches[0]
		a.Slug, b.Slug = "b", "a" // swap
		d.Title = text("d2")
		p2 := &forum.Programme{ForumID: f.ID, Sessions: []*forum.Session{
			{Title: text("Новая"), StartsAt: day, EndsAt: day, Speeches: []*forum.Speech{speech("e"), d}},
			{ID: first.ID, Title: text("Первая"), StartsAt: day, EndsAt: day, Speeches: []*forum.Speech{b, a}},
		}}
		_ = c // deleted; the second session is dropped
		if err := forum.ReplaceProgramme(ctx, db, p2); err != nil {
			t.Fatal(err)
		}
		got, err = s.ProgrammeOf(ctx, f.ID)
		if err != nil || shape(got) != "Новая[e d:d2] Первая[a:b b:a]" {
			t.Errorf("after replacing: %s, %v", shape(got), err)
		}
		if got.Sessions[1].ID != first.ID || got.Sessions[0].Speeches[1].ID != d.ID {
			t.Error("kept items lost their ids")
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM speeches WHERE id = ?`, c.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("the removed speech is still there: %d, %v", n, err)
		}
		dup := &forum.Programme{ForumID: f.ID, Sessions: []*forum.Session{{Title: text("X"), StartsAt: day, EndsAt: day, Speeches: []*forum.Speech{speech("x"), speech("x")}}}}
		if err := forum.ReplaceProgramme(ctx, db, dup); err == nil {
			t.Error("two speeches with one slug were accepted")
		}
		other := &forum.Programme{ForumID: f.ID + 1, Sessions: []*forum.Session{{ID: first.ID, Title: text("X"), StartsAt: day, EndsAt: day}}}
		if err := forum.ReplaceProgramme(ctx, db, other); !errors.Is(err, forum.ErrNotFound) {
			t.Errorf("a session of another forum: %v, want ErrNotFound", err)
		}
	})
}

// shape writes a programme as "Session[slug slug:title]".
func shape(p *forum.Programme) string {
	var out []string
	for _, ss := range p.Sessions {
		var sp []string
		for _, x := range ss.Speeches {
			s := x.Slug
			if x.Title.String() != x.Slug {
				s += ":" + x.Title.String()
			}
			sp = append(sp, s)
		}
		out = append(out, fmt.Sprintf("%s%v", ss.Title, sp))
	}
	return strings.Join(out, " ")
}

// TestUpdate rewrites a forum (hosts reordered) and a partner, keeps their
// publication, and refuses what Add refuses and ids that name nothing.
func TestUpdate(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		day := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
		text := func(s string) lang.Text { return lang.New("ru", map[string]string{"ru": s}) }
		var ps []*forum.Partner
		for _, slug := range []string{"a", "b"} {
			p := &forum.Partner{Slug: slug, Name: text(slug), ShortName: text(slug), Country: "RU"}
			if err := forum.AddPartner(ctx, db, p); err != nil {
				t.Fatal(err)
			}
			ps = append(ps, p)
		}
		f := &forum.Forum{Slug: "f", Title: text("Форум"), StartsAt: day, EndsAt: day, TimeZone: "UTC", Languages: []string{"ru"}, Published: true, Hosts: ps}
		if err := forum.AddForum(ctx, db, f); err != nil {
			t.Fatal(err)
		}
		s := &forum.Store{DB: db}
		v1, _ := s.SiteVersion(ctx)
		f.Title, f.Hosts = text("Новое имя"), []*forum.Partner{ps[1], ps[0]}
		if err := forum.UpdateForum(ctx, db, f); err != nil {
			t.Fatal(err)
		}
		got, err := s.ForumBySlug(ctx, "f")
		if err != nil || got.Title.String() != "Новое имя" || got.Hosts[0].Slug != "b" || got.Hosts[1].Slug != "a" {
			t.Errorf("after UpdateForum: %+v, %v", got, err)
		}
		if v2, _ := s.SiteVersion(ctx); v2 <= v1 {
			t.Error("UpdateForum did not mark the site as changed")
		}
		ps[0].Website = "https://example.org/\x07"
		if err := forum.UpdatePartner(ctx, db, ps[0]); err == nil {
			t.Error("UpdatePartner took a control character")
		}
		if err := forum.UpdatePartner(ctx, db, &forum.Partner{ID: 999, Slug: "z", Name: text("z"), ShortName: text("z")}); !errors.Is(err, forum.ErrNotFound) {
			t.Errorf("updating partner 999: %v", err)
		}
		n := &forum.NewsPost{Slug: "n", Title: text("Новость"), PublishedAt: day}
		if err := forum.AddNewsPost(ctx, db, n); err != nil {
			t.Fatal(err)
		}
		n.Title = text("Исправленная")
		if err := forum.UpdateNews(ctx, db, n); err != nil {
			t.Fatal(err)
		}
		if got, err := s.NewsBySlug(ctx, "n"); err != nil || got.Title.String() != "Исправленная" || !got.Published {
			t.Errorf("after UpdateNews: %+v, %v", got, err)
		}
	})
}
