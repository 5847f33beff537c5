// Package editiontest seeds a database with a forum whose Collected Works
// have chapters approved in Chinese and Russian, for the tests of editions
// (internal/edition, the office, the public reader, `tandem edition`).
package editiontest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/works"
)

// Fixture is what Seed made.
type Fixture struct {
	// Hosts are the forum's host partners: CASS (CN), then RIAC (RU).
	Hosts        []*forum.Partner
	Forum        *forum.Forum
	CollectionID int64
	// Contributions are the approved chapters, in order: the first
	// written in Chinese, the second in Russian.
	Contributions []int64
	Authors       []*forum.Person
}

// Day is the forum's day.
var Day = time.Date(2021, 7, 16, 2, 0, 0, 0, time.UTC)

func zhru(zh, ru string) lang.Text {
	return lang.New("zh", map[string]string{"zh": zh, "ru": ru, "en": ru})
}

// Seed adds two host partners, a published forum, its collection in
// Chinese and Russian, and the two chapters of booktest's sample book,
// each approved in both languages by both hosts and kept (works.Keep), as
// the office would have made them.
func Seed(t testing.TB, db *store.DB, blobs blob.Store) *Fixture {
	t.Helper()
	ctx := context.Background()
	fx := &Fixture{}
	for _, p := range []struct{ slug, zh, ru, country string }{
		{"cass", "中国社会科学院", "Китайская академия общественных наук", "CN"},
		{"riac", "俄罗斯国际事务委员会", "Российский совет по международным делам", "RU"},
	} {
		pt := &forum.Partner{Slug: p.slug, Name: zhru(p.zh, p.ru), ShortName: zhru(p.slug, p.slug), Country: p.country, Published: true}
		if err := forum.AddPartner(ctx, db, pt); err != nil {
			t.Fatal(err)
		}
		fx.Hosts = append(fx.Hosts, pt)
	}
	fx.Forum = &forum.Forum{Slug: "treaty-20", Title: zhru("论坛", "Форум"), Theme: zhru("主题", "Тема"), StartsAt: Day, EndsAt: Day.Add(4 * time.Hour),
		TimeZone: "Asia/Shanghai", Languages: []string{"zh", "ru", "en"}, Published: true, Hosts: fx.Hosts}
	if err := forum.AddForum(ctx, db, fx.Forum); err != nil {
		t.Fatal(err)
	}
	coll := &forum.Collection{ForumID: fx.Forum.ID, Slug: "works", Title: zhru("伙伴关系的二十年", "Двадцать лет партнёрства"), Languages: []string{"zh", "ru"}, ReleasedAt: Day}
	if err := forum.AddCollection(ctx, db, coll); err != nil {
		t.Fatal(err)
	}
	fx.CollectionID = coll.ID
	sample := booktest.Book("zh", "ru")
	revs := revision.NewStore(db, blobs)
	ed := works.Actor{AccountID: 0, Name: "Editor"}
	for i, ch := range sample.Chapters {
		names := authorNames[i]
		person := &forum.Person{Slug: "author-" + ch.ID, Names: names, PartnerID: fx.Hosts[i].ID, Published: true}
		if err := forum.AddPerson(ctx, db, person); err != nil {
			t.Fatal(err)
		}
		fx.Authors = append(fx.Authors, person)
		orig := ch.Text[ch.Original]
		docID, err := revs.Create(ctx, ch.Original, orig.Title)
		if err != nil {
			t.Fatal(err)
		}
		var md bytes.Buffer
		if err := doc.WriteMarkdown(&md, orig); err != nil {
			t.Fatal(err)
		}
		if _, err := revs.Add(ctx, docID, orig, revision.Source{Name: ch.ID + ".md", Type: "markdown", Data: md.Bytes(), By: "author", KeepIDs: true}); err != nil {
			t.Fatal(err)
		}
		c := &works.Contribution{CollectionID: coll.ID, Lang: ch.Original, State: works.TextFinal, DocumentID: docID,
			Title: lang.New(ch.Original, map[string]string{"zh": ch.Title["zh"], "ru": ch.Title["ru"]}), Authors: []works.Author{{PersonID: person.ID, Names: names}},
			Keywords: map[string][]string{"zh": {"伙伴关系"}, "ru": {"партнёрство"}}}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.CreateContribution(ctx, tx, c, ed) }); err != nil {
			t.Fatal(err)
		}
		fx.Contributions = append(fx.Contributions, c.ID)
		// The translator into the other language, as the office assigns
		// one.
		target := "zh"
		if ch.Original == "zh" {
			target = "ru"
		}
		tr := ch.Translators[target][0].Name[target]
		acct, err := (&account.Store{DB: db}).Create(ctx, account.NewAccount{Email: fmt.Sprintf("translator%d@example.org", i+1), Name: tr, Lang: target, Password: "translator password 1"})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			return works.InsertStaff(ctx, tx, c.ID, []works.Staff{{Lang: target, AccountID: acct.ID, Role: works.RoleTranslator}})
		}); err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"zh", "ru"} {
			Approve(t, db, blobs, c.ID, l, ch.Text[l], true)
		}
	}
	return fx
}

// authorNames are the names of booktest's two authors.
var authorNames = []lang.Names{
	{Source: "zh", Values: map[string]lang.Name{"zh": {Family: "李", Given: "华", FamilyFirst: true}, "ru": {Family: "Ли", Given: "Хуа", FamilyFirst: true}}},
	{Source: "ru", Values: map[string]lang.Name{"zh": {Family: "索科洛夫", Given: "安德烈"}, "ru": {Family: "Соколов", Given: "Андрей"}}},
}

// Approve makes language l of contribution id reviewed (when it is not yet
// in the workflow, fresh says so), has every host approve d as its text
// and keeps it, as works.Keep does once the hosts approved.
func Approve(t testing.TB, db *store.DB, blobs blob.Store, id int64, l string, d *doc.Document, fresh bool) {
	t.Helper()
	ctx := context.Background()
	ed := works.Actor{Name: "Editor"}
	if fresh {
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.SetLangState(ctx, tx, id, l, "", works.Reviewed, ed, "") }); err != nil {
			t.Fatal(err)
		}
	}
	snap, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	sum := fingerprint(snap)
	c, err := works.GetContribution(ctx, db, id)
	if err != nil {
		t.Fatal(err)
	}
	hosts, err := works.Hosts(ctx, db, c.CollectionID)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hosts {
		err := db.Transact(ctx, func(tx *store.Tx) error {
			c, err := works.GetContribution(ctx, tx, id)
			if err != nil {
				return err
			}
			_, err = works.Approve(ctx, tx, c, l, h, sum, snap, works.Actor{AccountID: h, Name: "Organiser"})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := works.Keep(ctx, db, revision.NewStore(db, blobs), blobs, works.KeepArgs{ContributionID: id, Lang: l, Fingerprint: sum}); err != nil {
		t.Fatal(err)
	}
}

func fingerprint(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
