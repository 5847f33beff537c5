package forum_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func TestAddRefusesBadContent(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		title := lang.New("ru", map[string]string{"ru": "Форум"})
		day := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
		good := func() *forum.Forum {
			return &forum.Forum{Slug: "f", Title: title, StartsAt: day, EndsAt: day.Add(time.Hour), TimeZone: "Europe/Moscow", Languages: []string{"ru"}}
		}
		for _, c := range []struct {
			name  string
			edit  func(f *forum.Forum)
			wants string
		}{
			{"slug with capitals", func(f *forum.Forum) { f.Slug = "Forum" }, "malformed slug"},
			{"slug with a path", func(f *forum.Forum) { f.Slug = "a/../b" }, "malformed slug"},
			{"ends before it starts", func(f *forum.Forum) { f.EndsAt = day.Add(-time.Hour) }, "ends before it starts"},
			{"unknown time zone", func(f *forum.Forum) { f.TimeZone = "Mars/Olympus" }, "unknown time zone"},
			{"title without its source", func(f *forum.Forum) { f.Title = lang.Text{Source: "zh", Values: map[string]string{"ru": "Форум"}} }, "title"},
		} {
			f := good()
			c.edit(f)
			err := forum.AddForum(ctx, db, f)
			if err == nil || !strings.Contains(err.Error(), c.wants) {
				t.Errorf("%s: %v, want an error about %q", c.name, err, c.wants)
			}
		}
		if err := forum.AddForum(ctx, db, good()); err != nil {
			t.Fatalf("a good forum: %v", err)
		}
		if err := forum.AddForum(ctx, db, good()); err == nil {
			t.Error("a second forum with the same slug was accepted")
		}
		s := &forum.Store{DB: db}
		if _, err := s.ForumBySlug(ctx, "f"); err == nil {
			t.Error("an unpublished forum is visible")
		}
		sp := &forum.Speech{Slug: "s", Kind: "lecture", Title: title}
		if err := forum.AddSpeech(ctx, db, sp); err == nil || !strings.Contains(err.Error(), "unknown kind") {
			t.Errorf("unknown speech kind: %v", err)
		}
		v1, _ := s.SiteVersion(ctx)
		if err := forum.AddPartner(ctx, db, &forum.Partner{Slug: "p", Name: title, ShortName: title, Country: "RU"}); err != nil {
			t.Fatal(err)
		}
		if v2, _ := s.SiteVersion(ctx); v2 <= v1 {
			t.Errorf("site version %d → %d after a change", v1, v2)
		}
	})
}

// TestAddRefusesControlCharacters checks every kind of content for control
// characters in each of its texts: the error names the field and the
// language, and nothing is written.
func TestAddRefusesControlCharacters(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ok := lang.New("ru", map[string]string{"ru": "Форум"})
		day := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
		partner := &forum.Partner{Slug: "p", Name: ok, ShortName: ok, Country: "RU"}
		if err := forum.AddPartner(ctx, db, partner); err != nil {
			t.Fatal(err)
		}
		person := &forum.Person{Slug: "someone", Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Иванов"}}}}
		if err := forum.AddPerson(ctx, db, person); err != nil {
			t.Fatal(err)
		}
		f := &forum.Forum{Slug: "f", Title: ok, StartsAt: day, EndsAt: day.Add(time.Hour), TimeZone: "Europe/Moscow", Languages: []string{"ru"}, Published: true}
		if err := forum.AddForum(ctx, db, f); err != nil {
			t.Fatal(err)
		}
		session := &forum.Session{ForumID: f.ID, Title: ok, StartsAt: day, EndsAt: day.Add(time.Hour)}
		if err := forum.AddSession(ctx, db, session); err != nil {
			t.Fatal(err)
		}
		// bad returns a text whose English value holds c.
		bad := func(c string) lang.Text {
			return lang.New("ru", map[string]string{"ru": "Форум", "en": "Forum" + c + "title"})
		}
		for _, c := range []string{"\x07", "\x00", "\x1b", "\x7f", "\u0085", "\xff", "\xed\xa0\x80"} {
			for _, tt := range []struct {
				name, wants string
				add         func() error
			}{
				{"partner name", "name: en:", func() error {
					return forum.AddPartner(ctx, db, &forum.Partner{Slug: "p2", Name: bad(c), ShortName: ok, Country: "RU"})
				}},
				{"partner website", "website:", func() error {
					return forum.AddPartner(ctx, db, &forum.Partner{Slug: "p2", Name: ok, ShortName: ok, Country: "RU", Website: "https://example.org/" + c})
				}},
				{"person position", "position: en:", func() error {
					return forum.AddPerson(ctx, db, &forum.Person{Slug: "p2", Names: person.Names, Position: bad(c)})
				}},
				{"person name", "names: ru:", func() error {
					return forum.AddPerson(ctx, db, &forum.Person{Slug: "p2", Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Ив" + c + "анов"}}}})
				}},
				{"forum theme", "theme: en:", func() error {
					return forum.AddForum(ctx, db, &forum.Forum{Slug: "f2", Title: ok, Theme: bad(c), StartsAt: day, EndsAt: day, TimeZone: "UTC", Languages: []string{"ru"}})
				}},
				{"session title", "title: en:", func() error {
					return forum.AddSession(ctx, db, &forum.Session{ForumID: f.ID, Title: bad(c), StartsAt: day, EndsAt: day})
				}},
				{"speech summary", "summary: en:", func() error {
					return forum.AddSpeech(ctx, db, &forum.Speech{ForumID: f.ID, SessionID: session.ID, Slug: "s", SpeakerID: person.ID, Kind: forum.Remark, OriginalLang: "ru", Title: ok, Summary: bad(c), StartsAt: day, EndsAt: day})
				}},
				{"collection description", "description: en:", func() error {
					return forum.AddCollection(ctx, db, &forum.Collection{ForumID: f.ID, Slug: "c", Title: ok, Description: bad(c), Languages: []string{"ru"}, ReleasedAt: day})
				}},
				{"news body", "body: en:", func() error {
					return forum.AddNewsPost(ctx, db, &forum.NewsPost{Slug: "n", Title: ok, Body: bad(c), PublishedAt: day})
				}},
			} {
				err := tt.add()
				if err == nil || !errors.Is(err, lang.ErrControl) || !strings.Contains(err.Error(), tt.wants) {
					t.Errorf("%s with %q: %v, want an error naming %q", tt.name, c, err, tt.wants)
				}
			}
		}
		var n int
		if err := db.QueryRow(ctx, `SELECT (SELECT COUNT(*) FROM partners) + (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM forums) + (SELECT COUNT(*) FROM sessions) + (SELECT COUNT(*) FROM speeches) + (SELECT COUNT(*) FROM collections) + (SELECT COUNT(*) FROM news_posts)`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 4 {
			t.Errorf("%d rows after refused writes, want the 4 good ones", n)
		}
	})
}

// TestAddRefusesLanguagesTheSiteIsNotWrittenIn checks the language codes a
// forum, a speech and a collection carry.
func TestAddRefusesLanguagesTheSiteIsNotWrittenIn(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ok := lang.New("ru", map[string]string{"ru": "Форум"})
		day := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
		for _, c := range []struct{ code, wants string }{
			{"fr", "not supported"},
			{"!!bad", "not a BCP 47"},
			{"zh-CN", `write the language as "zh"`},
			{"", "empty language tag"},
		} {
			err := forum.AddForum(ctx, db, &forum.Forum{Slug: "f", Title: ok, StartsAt: day, EndsAt: day, TimeZone: "UTC", Languages: []string{"ru", c.code}})
			if err == nil || !strings.Contains(err.Error(), "languages") || !strings.Contains(err.Error(), c.wants) {
				t.Errorf("forum language %q: %v, want an error about %q", c.code, err, c.wants)
			}
			err = forum.AddSpeech(ctx, db, &forum.Speech{Slug: "s", Kind: forum.Remark, OriginalLang: c.code, Title: ok, StartsAt: day, EndsAt: day})
			if err == nil || !strings.Contains(err.Error(), "original language") || !strings.Contains(err.Error(), c.wants) {
				t.Errorf("speech language %q: %v, want an error about %q", c.code, err, c.wants)
			}
		}
	})
}
