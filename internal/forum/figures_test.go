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

// addTestImage records a library image row without its file, which the
// forum's reads do not need.
func addTestImage(t *testing.T, db *store.DB, key string) int64 {
	t.Helper()
	id, err := store.InsertID(context.Background(), db, `INSERT INTO media (kind, blob_key, content_type, width, height, created_at) VALUES ('image', ?, 'image/png', 40, 30, ?)`,
		key, time.Now().UTC())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// figureShape writes a post's figures as "image@after:caption(ru)" in order,
// with whether each one's image was loaded.
func figureShape(n *forum.NewsPost) string {
	var parts []string
	for _, fg := range n.Figures {
		caption, _ := fg.Caption.In("ru")
		loaded := ""
		if fg.Image == nil || fg.Image.ID != fg.ImageID {
			loaded = "!"
		}
		parts = append(parts, fmt.Sprintf("%d@%d:%s%s", fg.ImageID, fg.After, caption, loaded))
	}
	return strings.Join(parts, " ")
}

// TestNewsFigures writes a post's images in the body, reads them back in
// order with their images, edits one, removes one and adds one, and refuses
// a figure of another post, a figure without an image and a negative
// paragraph number.
func TestNewsFigures(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		text := func(s string) lang.Text { return lang.New("ru", map[string]string{"ru": s}) }
		a, b, c := addTestImage(t, db, "a"), addTestImage(t, db, "b"), addTestImage(t, db, "c")
		n := &forum.NewsPost{Slug: "n", Title: text("Новость"), Body: text("Один.\n\nДва."), PublishedAt: time.Now(),
			Figures: []*forum.Figure{{ImageID: a, After: 1, Caption: text("первая")}, {ImageID: b, After: 0, Caption: text("вторая")}}}
		if err := forum.AddNewsPost(ctx, db, n); err != nil {
			t.Fatal(err)
		}
		s := &forum.Store{DB: db}
		got, err := s.NewsBySlug(ctx, "n")
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%d@1:первая %d@0:вторая", a, b); figureShape(got) != want {
			t.Fatalf("figures = %q, want %q", figureShape(got), want)
		}
		first := got.Figures[0]
		first.Caption = text("первая, исправлена")
		got.Figures = []*forum.Figure{{ImageID: c, After: 2, Caption: text("новая")}, first}
		if err := forum.UpdateNews(ctx, db, got); err != nil {
			t.Fatal(err)
		}
		again, err := s.NewsBySlug(ctx, "n")
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf("%d@2:новая %d@1:первая, исправлена", c, a); figureShape(again) != want {
			t.Fatalf("after the edit: figures = %q, want %q", figureShape(again), want)
		}
		if again.Figures[1].ID != first.ID {
			t.Errorf("the edited figure has id %d, was %d", again.Figures[1].ID, first.ID)
		}

		other := &forum.NewsPost{Slug: "other", Title: text("Другая"), PublishedAt: time.Now(), Figures: []*forum.Figure{{ImageID: a}}}
		if err := forum.AddNewsPost(ctx, db, other); err != nil {
			t.Fatal(err)
		}
		again.Figures = append(again.Figures, &forum.Figure{ID: other.Figures[0].ID, ImageID: a})
		if err := forum.UpdateNews(ctx, db, again); !errors.Is(err, forum.ErrNotFound) {
			t.Errorf("a figure of another post: %v, want ErrNotFound", err)
		}
		for name, fg := range map[string]*forum.Figure{
			"no image":         {After: 1},
			"negative after":   {ImageID: a, After: -1},
			"control in alt":   {ImageID: a, Alt: text("a\x00b")},
			"caption too long": {ImageID: a, Caption: text(strings.Repeat("я", forum.FigureCaptionMax+1))},
		} {
			bad := &forum.NewsPost{Slug: "bad", Title: text("Плохая"), PublishedAt: time.Now(), Figures: []*forum.Figure{fg}}
			if err := forum.ValidateNews(bad); err == nil || !strings.Contains(err.Error(), "figures[0]") {
				t.Errorf("%s: %v, want an error about figures[0]", name, err)
			}
		}
	})
}

// TestNewsFiguresQueries checks that a page of posts costs as many queries
// with many figures as with none.
func TestNewsFiguresQueries(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		text := func(s string) lang.Text { return lang.New("ru", map[string]string{"ru": s}) }
		im := addTestImage(t, db, "a")
		s := &forum.Store{DB: db}
		count := func() int64 {
			before := db.QueryCount()
			posts, _, err := s.News(ctx, 20, 0)
			if err != nil {
				t.Fatal(err)
			}
			if len(posts) == 0 {
				t.Fatal("no posts")
			}
			return db.QueryCount() - before
		}
		if err := forum.AddNewsPost(ctx, db, &forum.NewsPost{Slug: "plain", Title: text("Без"), PublishedAt: time.Now(), LeadImageID: im}); err != nil {
			t.Fatal(err)
		}
		without := count()
		for i := range 5 {
			n := &forum.NewsPost{Slug: fmt.Sprintf("n%d", i), Title: text("С"), PublishedAt: time.Now()}
			for j := range 3 {
				n.Figures = append(n.Figures, &forum.Figure{ImageID: addTestImage(t, db, fmt.Sprintf("k%d-%d", i, j)), After: j})
			}
			if err := forum.AddNewsPost(ctx, db, n); err != nil {
				t.Fatal(err)
			}
		}
		if with := count(); with != without {
			t.Errorf("a page of posts with 15 figures costs %d queries, without %d", with, without)
		}
	})
}
