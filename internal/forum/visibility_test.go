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
