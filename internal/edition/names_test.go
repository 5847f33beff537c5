package edition_test

import (
	"context"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/edition/editiontest"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestLoadNames: the volume editors are named in each edition's language
// when their account acts for a person with a name in it (the Russian
// edition's «Дмитрий Козлов» is «德米特里·科兹洛夫» in the Chinese one); an
// account with only the name its owner typed keeps it, marked as written
// in its script's language (刘洋 in the Russian edition is Chinese), and
// split into family and given name as that script writes them.
func TestLoadNames(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs := newBlobs(t)
		fx := editiontest.Seed(t, db, blobs)
		accts := &account.Store{DB: db}
		liu, err := accts.Create(ctx, account.NewAccount{Email: "editor@cass.example", Name: "刘洋", Lang: "zh", Password: "editor password 1"})
		if err != nil {
			t.Fatal(err)
		}
		kozlov, err := accts.Create(ctx, account.NewAccount{Email: "editor@riac.example", Name: "Дмитрий Козлов", Lang: "ru", Password: "editor password 1"})
		if err != nil {
			t.Fatal(err)
		}
		person := &forum.Person{Slug: "kozlov", Published: true, PartnerID: fx.Hosts[1].ID, Names: lang.Names{Source: "ru", Values: map[string]lang.Name{
			"ru": {Family: "Козлов", Given: "Дмитрий", Patronymic: "Сергеевич"}, "zh": {Family: "科兹洛夫", Given: "德米特里"}}}}
		if err := forum.AddPerson(ctx, db, person); err != nil {
			t.Fatal(err)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			if _, err := tx.Exec(ctx, `INSERT INTO person_accounts (person_id, account_id) VALUES (?, ?)`, person.ID, kozlov.ID); err != nil {
				return err
			}
			for i, a := range []int64{liu.ID, kozlov.ID} {
				if _, err := tx.Exec(ctx, `INSERT INTO collection_editors (collection_id, account_id, partner_id) VALUES (?, ?, ?)`, fx.CollectionID, a, fx.Hosts[i].ID); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		load := func(slug string, langs ...string) *book.Book {
			e := newEdition(t, db, fx, slug, langs, []book.Format{book.Web}, time.Now().Add(time.Hour))
			b, err := edition.Load(ctx, db, blobs, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(b.Editors) != 2 {
				t.Fatalf("%s: editors %+v", slug, b.Editors)
			}
			return b
		}
		ru, zh := load("cw-ru", "ru"), load("cw-zh", "zh")
		lu, kr := ru.Editors[0], ru.Editors[1]
		if kr.Name["ru"] != "Дмитрий Сергеевич Козлов" || kr.Written["ru"] != "" || kr.Family["ru"] != "Козлов" || kr.Given["ru"] != "Дмитрий Сергеевич" ||
			kr.SortName["ru"] != "Козлов, Дмитрий Сергеевич" {
			t.Errorf("the Russian edition's Russian editor: %+v", kr)
		}
		if kz := zh.Editors[1]; kz.Name["zh"] != "德米特里·科兹洛夫" || kz.Written["zh"] != "" || kz.Family["zh"] != "科兹洛夫" || kz.Given["zh"] != "德米特里" {
			t.Errorf("the Chinese edition's Russian editor, named as his person is in Chinese: %+v", kz)
		}
		if lu.Name["ru"] != "刘洋" || lu.Written["ru"] != "zh" || lu.Family["ru"] != "刘" || lu.Given["ru"] != "洋" || !lu.FamilyFirst || lu.SortName["ru"] != "刘洋" {
			t.Errorf("the Russian edition's Chinese editor without a person: %+v; want 刘洋 marked Chinese, family 刘", lu)
		}
		if lz := zh.Editors[0]; lz.Name["zh"] != "刘洋" || lz.Written["zh"] != "" {
			t.Errorf("the Chinese edition's Chinese editor: %+v", lz)
		}
		// A translator's account without a person: the Chinese translator
		// of chapter 2 in the parallel edition reads 张伟 on both sides,
		// marked Chinese on the Russian one.
		par := load("cw-zh-ru", "zh", "ru")
		tr := par.Chapters[1].Translators["zh"][0]
		if tr.Name["ru"] != "张伟" || tr.Written["ru"] != "zh" || tr.Written["zh"] != "" || tr.Family["zh"] != "张" {
			t.Errorf("translator %+v", tr)
		}
	})
}
