package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestEditionOfficeSaysWhatIs is an edition's page as a second tester
// read it: approvers named as the people they act for, in the reader's
// language; the times of proofs and approvals in the edition's own zone,
// named; a release time that is set but not planned not called a planned
// release, and no button to plan one that has passed; an edit of an
// approved edition's book withdrawing the approvals at once; no build
// button on a scheduled edition; and the office menu's Editions.
func TestEditionOfficeSaysWhatIs(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var coll, cass, riac int64
		if err := db.QueryRow(ctx, `SELECT id FROM collections WHERE slug = ?`, demo.CollectionSlug).Scan(&coll); err != nil {
			t.Fatal(err)
		}
		for slug, id := range map[string]*int64{"cass": &cass, "riac": &riac} {
			if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = ?`, slug).Scan(id); err != nil {
				t.Fatal(err)
			}
		}
		// CASS's organiser typed her name in Chinese, and acts for the
		// person Chen Jing, named in each language.
		chen := o.account("chen@cass.example", "陈静", "ru", false, "cass:organiser")
		names := lang.Names{Source: "zh", Values: map[string]lang.Name{
			"zh": {Family: "陈", Given: "静", FamilyFirst: true},
			"ru": {Family: "Чэнь", Given: "Цзин", FamilyFirst: true},
			"en": {Family: "Chen", Given: "Jing", FamilyFirst: true},
		}}
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			p := &forum.Person{Slug: "staff-chen-jing", Names: names}
			if _, err := approval.Create(ctx, tx, approval.KindPerson, p, approval.Actor{AccountID: chen.ID, Name: chen.Name, PartnerIDs: chen.Partners()}); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO person_accounts (person_id, account_id) VALUES (?, ?)`, p.ID, chen.ID)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		o.account("ed@riac.example", "Editor RIAC", "en", false, "riac:editor")
		cb, rb := o.browser(), o.browser()
		cb.signIn("chen@cass.example")
		rb.signIn("ed@riac.example")

		// The forum's programme is in Moscow time; the edition is in
		// Vladivostok's, its release time a day past.
		e := &edition.Edition{CollectionID: coll, Slug: "cw-ru-vl", Langs: []string{"ru"}, Formats: []book.Format{book.Web}, PublisherID: riac,
			TimeZone: "Asia/Vladivostok", ReleaseAt: time.Now().Add(-24 * time.Hour).Truncate(time.Minute), Territories: []string{"RU"},
			Notes: book.PerChapter, PageSize: "a5"}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, edition.Actor{Name: "test"}) }); err != nil {
			t.Fatal(err)
		}
		press := &edition.Press{DB: db, Blobs: o.blobs, BaseURL: o.srv.URL}
		if _, err := press.Build(ctx, e.ID, nil, edition.Actor{Name: "test"}, nil); err != nil {
			t.Fatal(err)
		}
		loc := "/office/editions/" + itoa(e.ID)
		if resp, _ := cb.post(loc+"/approve", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("CASS's approval: %d", resp.StatusCode)
		}
		if resp, _ := rb.post(loc+"/approve", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("RIAC's approval: %d", resp.StatusCode)
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.State != edition.Approved {
			t.Fatalf("after both approvals: %s", cur.State)
		}

		_, doc := rb.get(loc)
		approvals := doc.Find(".approvals").Text()
		if !strings.Contains(approvals, "Approved by Chen Jing, ") || strings.Contains(approvals, "陈静") {
			t.Errorf("the approvals in English: %q, want Chen Jing", approvals)
		}
		if !strings.Contains(approvals, "(Asia/Vladivostok)") || strings.Contains(approvals, "Europe/Moscow") {
			t.Errorf("the approvals' times: %q, want them in the edition's zone, named", approvals)
		}
		if proofs := doc.Find("#proofs-title").Parent().Find("li").Text(); !strings.Contains(proofs, "(Asia/Vladivostok)") {
			t.Errorf("the proofs' build time: %q, want it in the edition's zone, named", proofs)
		}
		facts := doc.Find(".facts").Text()
		if !strings.Contains(facts, "release time set for ") || !strings.Contains(facts, "not planned yet") || strings.Contains(facts, "Planned release") {
			t.Errorf("an unplanned release time: %q", facts)
		}
		// The release time has passed: the publisher is told so, and not
		// offered a button that names it.
		if doc.Find(`form[action$="/schedule"]`).Length() != 0 || !strings.Contains(doc.Find("#schedule-note").Text(), "has passed") {
			t.Errorf("a past release time: a button to plan it, or no note: %q", doc.Find("#schedule-note").Text())
		}
		_, doc = cb.get(loc)
		if approvals := doc.Find(".approvals").Text(); !strings.Contains(approvals, "Утвердил(а) Чэнь Цзин, ") {
			t.Errorf("the approvals in Russian: %q, want Чэнь Цзин", approvals)
		}

		// The office menu's Editions lists it.
		if resp, doc := cb.get("/office/editions"); resp.StatusCode != http.StatusOK || doc.Find(`.office-nav a[href="/office/editions"]`).Length() != 1 ||
			doc.Find(`a[href="`+loc+`"]`).Length() != 1 {
			t.Errorf("the office's Editions: %d, or without the menu item or the edition", resp.StatusCode)
		}

		// Scheduled: no build button, and why.
		if _, err := db.Exec(ctx, `UPDATE editions SET state = 'scheduled' WHERE id = ?`, e.ID); err != nil {
			t.Fatal(err)
		}
		_, doc = rb.get(loc)
		if doc.Find(`form[action$="/build"]`).Length() != 0 || doc.Find("#build-note").Length() != 1 {
			t.Errorf("a scheduled edition offers a build, or does not say why not")
		}
		if facts := doc.Find(".facts").Text(); !strings.Contains(facts, "Planned release") {
			t.Errorf("a scheduled edition's release: %q", facts)
		}
		if _, err := db.Exec(ctx, `UPDATE editions SET state = 'approved' WHERE id = ?`, e.ID); err != nil {
			t.Fatal(err)
		}

		// Editing what the approved book says withdraws the approvals at
		// once: the edition is in proofs again, before any build.
		cur, _ := edition.Get(ctx, db, e.ID)
		form := url.Values{"version": {itoa(int64(cur.Version))}, "languages": {"ru"}, "formats": {"web"}, "publisher": {itoa(riac)},
			"zone": {"Asia/Vladivostok"}, "release": {time.Now().Add(72 * time.Hour).Format("2006-01-02T15:04")}, "territories": {"RU"},
			"notes": {"chapter"}, "page_size": {"a5"}, "preface.ru": {"Новое предисловие."}}
		resp, doc := rb.post(loc+"/edit", form)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the edit: %d %s", resp.StatusCode, doc.Find(".error-summary").Text())
		}
		if cur, _ := edition.Get(ctx, db, e.ID); cur.State != edition.Proofs {
			t.Errorf("an approved edition edited: %s, want proofs", cur.State)
		}
		if _, doc := rb.get(loc); doc.Find(`h1 .badge[data-state="stale"]`).Length() != 1 || !strings.Contains(doc.Text(), "approvals no longer count") {
			t.Errorf("the edited edition's page: %q", doc.Find("h1").Text())
		}
	})
}
