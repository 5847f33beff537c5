package forum_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestVisibility reads a published and an unpublished forum, each with a
// speech by one person, through the public view and the office's
// (WithDrafts): the public sees the published forum and what belongs to
// it only, the office both, by every read that lists or finds forums.
func TestVisibility(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		day := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
		text := func(s string) lang.Text { return lang.New("ru", map[string]string{"ru": s}) }
		partner := &forum.Partner{Slug: "p", Name: text("Партнёр"), ShortName: text("П"), Country: "RU"}
		if err := forum.AddPartner(ctx, db, partner); err != nil {
			t.Fatal(err)
		}
		person := &forum.Person{Slug: "ivanov", PartnerID: partner.ID, Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Иванов"}}}}
		if err := forum.AddPerson(ctx, db, person); err != nil {
			t.Fatal(err)
		}
		for i, published := range []bool{true, false} {
			slug := []string{"open", "draft"}[i]
			f := &forum.Forum{Slug: slug, Title: text("Форум"), StartsAt: day, EndsAt: day.Add(time.Hour), TimeZone: "Europe/Moscow",
				Languages: []string{"ru"}, Published: published, Hosts: []*forum.Partner{partner}}
			if err := forum.AddForum(ctx, db, f); err != nil {
				t.Fatal(err)
			}
			session := &forum.Session{ForumID: f.ID, Title: text("Сессия"), StartsAt: day, EndsAt: day.Add(time.Hour)}
			if err := forum.AddSession(ctx, db, session); err != nil {
				t.Fatal(err)
			}
			sp := &forum.Speech{ForumID: f.ID, SessionID: session.ID, Slug: "talk", Kind: forum.Report, Delivery: forum.InPerson, OriginalLang: "ru", Title: text("Доклад"), SpeakerID: person.ID, StartsAt: day, EndsAt: day.Add(time.Hour)}
			if err := forum.AddSpeech(ctx, db, sp); err != nil {
				t.Fatal(err)
			}
		}
		public := &forum.Store{DB: db}
		office := public.WithDrafts()
		for _, tc := range []struct {
			name string
			s    *forum.Store
			want int
		}{{"public", public, 1}, {"office", office, 2}} {
			fs, err := tc.s.Forums(ctx)
			if err != nil || len(fs) != tc.want {
				t.Errorf("%s: Forums = %d, %v; want %d", tc.name, len(fs), err, tc.want)
			}
			page, total, err := tc.s.ForumsPage(ctx, 10, 0)
			if err != nil || len(page) != tc.want || total != tc.want {
				t.Errorf("%s: ForumsPage = %d of %d, %v; want %d", tc.name, len(page), total, err, tc.want)
			}
			hosted, err := tc.s.ForumsHostedBy(ctx, partner.ID)
			if err != nil || len(hosted) != tc.want {
				t.Errorf("%s: ForumsHostedBy = %d, %v; want %d", tc.name, len(hosted), err, tc.want)
			}
			speeches, _, err := tc.s.SpeechesBy(ctx, person.ID)
			if err != nil || len(speeches) != tc.want {
				t.Errorf("%s: SpeechesBy = %d, %v; want %d", tc.name, len(speeches), err, tc.want)
			}
			ix, err := tc.s.Index(ctx)
			if err != nil || len(ix.Forums) != tc.want || len(ix.Speeches) != tc.want {
				t.Errorf("%s: Index has %d forums, %d speeches, %v; want %d", tc.name, len(ix.Forums), len(ix.Speeches), err, tc.want)
			}
			_, err = tc.s.ForumBySlug(ctx, "draft")
			if found := err == nil; found != (tc.want == 2) || (err != nil && !errors.Is(err, forum.ErrNotFound)) {
				t.Errorf("%s: ForumBySlug(draft): %v", tc.name, err)
			}
		}
		if public.Drafts {
			t.Error("WithDrafts changed the store it was called on")
		}
	})
}

// TestVisibilityOfPartnersPeopleNews hides an unpublished partner, person
// and news post, and a published post about an unpublished forum, from
// every public read, and shows them to the office.
func TestVisibilityOfPartnersPeopleNews(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		day := time.Date(2021, 6, 1, 10, 0, 0, 0, time.UTC)
		text := func(s string) lang.Text { return lang.New("ru", map[string]string{"ru": s}) }
		hidden := &forum.Partner{Slug: "hidden", Name: text("Скрытый"), ShortName: text("С"), Country: "RU"}
		if err := forum.AddPartner(ctx, db, hidden); err != nil {
			t.Fatal(err)
		}
		person := &forum.Person{Slug: "hidden-person", PartnerID: hidden.ID, Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Петров"}}}}
		if err := forum.AddPerson(ctx, db, person); err != nil {
			t.Fatal(err)
		}
		draftForum := &forum.Forum{Slug: "draft", Title: text("Форум"), StartsAt: day, EndsAt: day, TimeZone: "UTC", Languages: []string{"ru"}, Hosts: []*forum.Partner{hidden}}
		if err := forum.AddForum(ctx, db, draftForum); err != nil {
			t.Fatal(err)
		}
		session := &forum.Session{ForumID: draftForum.ID, Title: text("Сессия"), StartsAt: day, EndsAt: day}
		if err := forum.AddSession(ctx, db, session); err != nil {
			t.Fatal(err)
		}
		if err := forum.AddSpeech(ctx, db, &forum.Speech{ForumID: draftForum.ID, SessionID: session.ID, Slug: "t", SpeakerID: person.ID, Kind: forum.Report, OriginalLang: "ru", Title: text("Доклад"), StartsAt: day, EndsAt: day}); err != nil {
			t.Fatal(err)
		}
		hiddenPost := &forum.NewsPost{Slug: "hidden-post", Title: text("Новость"), PublishedAt: day}
		aboutDraft := &forum.NewsPost{Slug: "about-draft", ForumID: draftForum.ID, Title: text("Новость"), PublishedAt: day}
		for _, n := range []*forum.NewsPost{hiddenPost, aboutDraft} {
			if err := forum.AddNewsPost(ctx, db, n); err != nil {
				t.Fatal(err)
			}
		}
		for _, h := range []struct {
			t  forum.Table
			id int64
		}{{forum.PartnersTable, hidden.ID}, {forum.PeopleTable, person.ID}, {forum.NewsTable, hiddenPost.ID}} {
			if err := forum.SetPublished(ctx, db, h.t, h.id, false); err != nil {
				t.Fatal(err)
			}
		}
		public := &forum.Store{DB: db}
		office := public.WithDrafts()
		for _, tc := range []struct {
			name string
			s    *forum.Store
			want int // how many of the hidden things each read finds
		}{{"public", public, 0}, {"office", office, 1}} {
			count := func(found bool, err error) int {
				if err != nil && !errors.Is(err, forum.ErrNotFound) {
					t.Fatal(err)
				}
				if found && err == nil {
					return 1
				}
				return 0
			}
			ps, err := tc.s.Partners(ctx)
			_, perr := tc.s.PartnerBySlug(ctx, "hidden")
			_, pierr := tc.s.PartnerByID(ctx, hidden.ID)
			_, peerr := tc.s.PersonBySlug(ctx, "hidden-person")
			_, pbierr := tc.s.PersonByID(ctx, person.ID)
			people, _ := tc.s.People(ctx)
			speakers, _ := tc.s.Speakers(ctx, draftForum.ID)
			of, _ := tc.s.PeopleOf(ctx, hidden.ID)
			_, nerr := tc.s.NewsBySlug(ctx, "hidden-post")
			_, nierr := tc.s.NewsByID(ctx, hiddenPost.ID)
			_, aerr := tc.s.NewsBySlug(ctx, "about-draft")
			posts, total, _ := tc.s.News(ctx, 10, 0)
			ofForum, _ := tc.s.NewsOfForum(ctx, draftForum.ID)
			ix, _ := tc.s.Index(ctx)
			for _, c := range []struct {
				read string
				got  int
				want int
			}{
				{"Partners", len(ps), tc.want},
				{"PartnerBySlug", count(true, perr), tc.want},
				{"PartnerByID", count(true, pierr), tc.want},
				{"PersonBySlug", count(true, peerr), tc.want},
				{"PersonByID", count(true, pbierr), tc.want},
				{"People", len(people), tc.want},
				{"Speakers", len(speakers), tc.want},
				{"PeopleOf", len(of), tc.want},
				{"NewsBySlug", count(true, nerr), tc.want},
				{"NewsByID", count(true, nierr), tc.want},
				{"NewsBySlug of a post about an unpublished forum", count(true, aerr), tc.want},
				{"News", len(posts), 2 * tc.want},
				{"News total", total, 2 * tc.want},
				{"NewsOfForum", len(ofForum), tc.want},
				{"Index news", len(ix.News), 2 * tc.want},
				{"Index partners", len(ix.Partners), tc.want},
				{"Index people", len(ix.People), tc.want},
			} {
				if err != nil || c.got != c.want {
					t.Errorf("%s: %s finds %d, want %d (%v)", tc.name, c.read, c.got, c.want, err)
				}
			}
		}
	})
}
