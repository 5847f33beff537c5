package works_test

import (
	"context"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

var day = time.Date(2021, 7, 16, 2, 0, 0, 0, time.UTC)

func zhru(zh, ru string) lang.Text { return lang.New("zh", map[string]string{"zh": zh, "ru": ru}) }

// seed adds two host partners, a forum, its collection and an author, and
// returns the collection's and the author's ids.
func seed(t *testing.T, db *store.DB) (collectionID, authorID int64) {
	t.Helper()
	ctx := context.Background()
	var hosts []*forum.Partner
	for _, slug := range []string{"cass", "riac"} {
		p := &forum.Partner{Slug: slug, Name: zhru(slug+"名", slug+" имя"), ShortName: zhru(slug, slug), Country: "CN"}
		if err := forum.AddPartner(ctx, db, p); err != nil {
			t.Fatal(err)
		}
		hosts = append(hosts, p)
	}
	f := &forum.Forum{Slug: "treaty-20", Title: zhru("论坛", "Форум"), Theme: zhru("主题", "Тема"), StartsAt: day, EndsAt: day.Add(4 * time.Hour),
		TimeZone: "Asia/Shanghai", Languages: []string{"zh", "ru"}, Published: true, Hosts: hosts}
	if err := forum.AddForum(ctx, db, f); err != nil {
		t.Fatal(err)
	}
	c := &forum.Collection{ForumID: f.ID, Slug: "works", Title: zhru("文集", "Сборник"), Languages: []string{"zh", "ru"}, ReleasedAt: day}
	if err := forum.AddCollection(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	p := &forum.Person{Slug: "author", Names: lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: "Демо", Given: "Автор"}}}}
	if err := forum.AddPerson(ctx, db, p); err != nil {
		t.Fatal(err)
	}
	return c.ID, p.ID
}

func TestContributionLifecycle(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		collID, authorID := seed(t, db)
		by := works.Actor{AccountID: 7, Name: "Editor"}
		var ids []int64
		for _, title := range []string{"Первая", "Вторая"} {
			c := &works.Contribution{CollectionID: collID, Lang: "ru", Title: lang.New("ru", map[string]string{"ru": title}),
				Keywords: map[string][]string{"ru": {"договор"}}, Authors: []works.Author{{PersonID: authorID}}}
			if err := db.Transact(ctx, func(tx *store.Tx) error { return works.CreateContribution(ctx, tx, c, by) }); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, c.ID)
		}
		cs, err := works.Contributions(ctx, db, collID)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 2 || cs[0].Position != 1 || cs[1].Position != 2 || cs[0].State != works.Invited {
			t.Fatalf("contributions = %+v", cs)
		}
		if len(cs[1].Authors) != 1 || cs[1].Authors[0].PersonID != authorID || cs[1].Keywords["ru"][0] != "договор" {
			t.Fatalf("second contribution = %+v", cs[1])
		}

		// Legal moves pass; an illegal one, or one from a state the
		// contribution has left, is refused with a reason.
		move := func(from, to works.State) error {
			return db.Transact(ctx, func(tx *store.Tx) error { return works.SetState(ctx, tx, ids[0], from, to, by, "") })
		}
		if err := move(works.Invited, works.Accepted); err != nil {
			t.Fatal(err)
		}
		var se *works.StateError
		if err := move(works.Accepted, works.TextFinal); !errors.As(err, &se) || se.Key != "works.state.illegal" || !errors.Is(err, errkind.Conflict) {
			t.Fatalf("accepted → text final: %v", err)
		}
		if err := move(works.Invited, works.Declined); !errors.As(err, &se) || se.Key != "works.state.changed" {
			t.Fatalf("a move from a state left behind: %v", err)
		}
		for _, step := range [][2]works.State{{works.Accepted, works.Submitted}, {works.Submitted, works.InEditing}, {works.InEditing, works.TextFinal}} {
			if err := move(step[0], step[1]); err != nil {
				t.Fatalf("%s → %s: %v", step[0], step[1], err)
			}
		}
		err = db.Transact(ctx, func(tx *store.Tx) error {
			if err := works.SetLangState(ctx, tx, ids[0], "ru", "", works.Reviewed, by, ""); err != nil {
				return err
			}
			return works.SetLangState(ctx, tx, ids[0], "zh", "", works.InTranslation, by, "")
		})
		if err != nil {
			t.Fatal(err)
		}
		lm := func(from, to works.LangState) error {
			return db.Transact(ctx, func(tx *store.Tx) error { return works.SetLangState(ctx, tx, ids[0], "zh", from, to, by, "") })
		}
		if err := lm(works.InTranslation, works.Approved); !errors.As(err, &se) {
			t.Fatalf("in translation → approved: %v", err)
		}
		if err := lm(works.InTranslation, works.Translated); err != nil {
			t.Fatal(err)
		}
		c, err := works.GetContribution(ctx, db, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		if c.State != works.TextFinal || c.Version != 5 {
			t.Fatalf("state %s version %d", c.State, c.Version)
		}
		if st, ok := c.LangState("zh"); !ok || st != works.Translated {
			t.Fatalf("zh = %s %v", st, ok)
		}
		if st, _ := c.LangState("ru"); st != works.Reviewed {
			t.Fatalf("ru = %s", st)
		}
		evs, err := eventlog.List(ctx, db, eventlog.Filter{Subject: "contribution:" + itoa(ids[0])})
		if err != nil {
			t.Fatal(err)
		}
		// create, four state moves, two languages opened, one language move
		if len(evs) != 8 {
			t.Fatalf("%d events, want 8", len(evs))
		}
		if _, err := works.GetContribution(ctx, db, 999999); !errors.Is(err, works.ErrNotFound) || !errors.Is(err, errkind.NotFound) {
			t.Fatalf("missing contribution: %v", err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// A collection made in the office stays off the public site; the office,
// reading with drafts, sees it.
func TestOfficeCollectionIsNotPublic(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		announced, _ := seed(t, db)
		a, err := works.GetCollection(ctx, db, announced)
		if err != nil {
			t.Fatal(err)
		}
		c := &works.Collection{ForumID: a.ForumID, Slug: "second", Title: zhru("第二卷", "Второй том"), Languages: []string{"zh", "ru"}, ReleasedAt: day}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.CreateCollection(ctx, tx, c, works.Actor{Name: "Editor"}) }); err != nil {
			t.Fatal(err)
		}
		public, err := (&forum.Store{DB: db}).Collections(ctx, a.ForumID)
		if err != nil {
			t.Fatal(err)
		}
		if len(public) != 1 || public[0].ID != announced {
			t.Fatalf("public collections = %+v, want only the announced one", public)
		}
		office, err := (&forum.Store{DB: db, Drafts: true}).Collections(ctx, a.ForumID)
		if err != nil {
			t.Fatal(err)
		}
		if len(office) != 2 {
			t.Fatalf("office sees %d collections, want 2", len(office))
		}
	})
}
