package forum_test

import (
	"context"
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
