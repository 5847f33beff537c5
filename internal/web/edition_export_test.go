package web_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
	"github.com/tandemforum/tandem/internal/works"
)

// TestOfficeEditionExports: an edition's page and its collection's list
// link the ONIX message and the Crossref deposit; they download as XML
// files dated by the server's clock once the edition is released, and an
// edition not released yet or that lacks an ISBN, a release date or a DOI
// prefix (or a collection whose editions have different prefixes) is
// refused on the page, in the reader's language; a collection's exports
// leave out its editions not released yet. The public site has no such
// address.
func TestOfficeEditionExports(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := time.Date(2021, 5, 20, 8, 0, 0, 0, time.UTC)
		var press *edition.Press
		o := newOfficeWith(t, db, func(c *web.Config) {
			c.Now = func() time.Time { return now }
			press = &edition.Press{DB: c.DB, Blobs: c.Blobs, BaseURL: c.BaseURL, DepositorEmail: "doi@forum.example"}
			c.Press = press
		})
		var forumID int64
		if err := db.QueryRow(ctx, `SELECT id FROM forums WHERE slug = ?`, demo.ForumSlug).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		moscow, _ := time.LoadLocation("Europe/Moscow")
		var coll int64
		eds := map[string]*edition.Edition{}
		err := db.Transact(ctx, func(tx *store.Tx) error {
			c := &works.Collection{ForumID: forumID, Slug: "meta-works", Title: lang.New("ru", map[string]string{"ru": "Метаданные", "zh": "元数据"}),
				Languages: []string{"ru", "zh"}, ReleasedAt: now}
			if err := works.CreateCollection(ctx, tx, c, works.Actor{Name: "test"}); err != nil {
				return err
			}
			coll = c.ID
			hosts, err := works.Hosts(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			for _, e := range []*edition.Edition{
				{Slug: "meta-ru", Langs: []string{"ru"}, ISBN: map[book.Format]string{book.Web: "9785999997777"},
					ReleaseAt: time.Date(2021, 6, 1, 0, 0, 0, 0, moscow), TimeZone: "Europe/Moscow", DOIPrefix: "10.99999"},
				{Slug: "meta-zh", Langs: []string{"zh"}},
			} {
				e.CollectionID, e.PublisherID, e.Formats, e.Notes, e.PageSize = c.ID, hosts[0], []book.Format{book.Web}, book.PerChapter, "a5"
				if err := edition.Create(ctx, tx, e, edition.Actor{Name: "test"}); err != nil {
					return err
				}
				eds[e.Slug] = e
			}
			// The Russian edition is released, the Chinese one a draft.
			if _, err := tx.Exec(ctx, `UPDATE editions SET state = 'released' WHERE id = ?`, eds["meta-ru"].ID); err != nil {
				return err
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@cass.example")

		ru := "/office/editions/" + itoa(eds["meta-ru"].ID)
		_, doc := b.get(ru)
		for _, f := range []string{"onix", "crossref"} {
			if doc.Find(`a[href="`+ru+`/`+f+`"]`).Length() != 1 {
				t.Errorf("the edition's page does not link its %s export", f)
			}
		}
		resp, body := b.do("GET", ru+"/onix", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/xml; charset=utf-8" ||
			resp.Header.Get("Content-Disposition") != `attachment; filename="meta-ru.onix.xml"` {
			t.Fatalf("ONIX download: %d %q %q\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), body)
		}
		var onix struct {
			Sent  string   `xml:"Header>SentDateTime"`
			ISBNs []string `xml:"Product>ProductIdentifier>IDValue"`
		}
		if err := xml.Unmarshal([]byte(body), &onix); err != nil || onix.Sent != "20210520T080000Z" || len(onix.ISBNs) != 1 || onix.ISBNs[0] != "9785999997777" {
			t.Errorf("the ONIX message: %+v, %v\n%s", onix, err, body)
		}
		resp, body = b.do("GET", ru+"/crossref", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "<doi>10.99999/meta-ru</doi>") || !strings.Contains(body, "<timestamp>20210520080000</timestamp>") ||
			!strings.Contains(body, "<email_address>doi@forum.example</email_address>") {
			t.Errorf("Crossref download: %d\n%s", resp.StatusCode, body)
		}
		// A server on 127.0.0.1 without a sender of mail has no address
		// Crossref could send its report to (tandem@[127.0.0.1]): refused.
		press.DepositorEmail = ""
		_, doc = b.get(ru + "/crossref")
		if msg := doc.Find("#form-message").Text(); !strings.Contains(msg, "Crossref нужен адрес") || !strings.Contains(msg, "TANDEM_MAIL_FROM") {
			t.Errorf("Crossref download without a depositor address: %q", msg)
		}
		press.DepositorEmail = "doi@forum.example"

		// Before its release nothing of an edition leaves tandem.
		zh := "/office/editions/" + itoa(eds["meta-zh"].ID)
		for _, f := range []string{"onix", "crossref"} {
			resp, doc := b.get(zh + "/" + f)
			if msg := doc.Find("#form-message").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "Издание meta-zh не выпущено") {
				t.Errorf("%s of an unreleased edition: %d, %q", f, resp.StatusCode, msg)
			}
		}
		setState := func(e *edition.Edition, state edition.State) {
			t.Helper()
			if _, err := db.Exec(ctx, `UPDATE editions SET state = ? WHERE id = ?`, state, e.ID); err != nil {
				t.Fatal(err)
			}
		}
		setState(eds["meta-zh"], edition.Released)
		for f, want := range map[string]string{"onix": "У издания meta-zh нет ISBN", "crossref": "У издания meta-zh нет префикса DOI"} {
			resp, doc := b.get(zh + "/" + f)
			if msg := doc.Find("#form-message").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, want) {
				t.Errorf("%s of an edition without it: %d, %q; want 422 and %q", f, resp.StatusCode, msg, want)
			}
		}

		list := "/office/collections/" + itoa(coll) + "/editions"
		_, doc = b.get(list)
		for _, f := range []string{"onix", "crossref"} {
			if doc.Find(`a[href="`+list+`/`+f+`"]`).Length() != 1 {
				t.Errorf("the collection's editions do not link the %s export", f)
			}
		}
		resp, body = b.do("GET", list+"/crossref", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Disposition") != `attachment; filename="collection-`+itoa(coll)+`.crossref.xml"` ||
			!strings.Contains(body, "10.99999/meta-ru") || strings.Contains(body, "meta-zh") {
			t.Errorf("the collection's deposit: %d %q\n%s", resp.StatusCode, resp.Header.Get("Content-Disposition"), body)
		}
		// The Chinese edition with a prefix of its own: the collection's
		// deposit cannot hold both.
		zhEd := eds["meta-zh"]
		zhEd.DOIPrefix, zhEd.ReleaseAt, zhEd.TimeZone = "10.88888", now.Add(240*time.Hour), "Asia/Shanghai"
		setState(zhEd, edition.Draft) // as edited before its release
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			return edition.Update(ctx, tx, zhEd, zhEd.Version, edition.Actor{Name: "test"})
		}); err != nil {
			t.Fatal(err)
		}
		setState(zhEd, edition.Released)
		resp, doc = b.get(list + "/crossref")
		if msg := doc.Find("#form-message").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "разные префиксы DOI") {
			t.Errorf("a deposit over two prefixes: %d, %q", resp.StatusCode, msg)
		}
		// Scheduled for a time to come, the Chinese edition is under
		// embargo: the collection's deposit leaves it out, and its own
		// export says when it may be made.
		zhEd, err = edition.Get(ctx, db, zhEd.ID)
		if err != nil {
			t.Fatal(err)
		}
		zhEd.DOIPrefix = "10.99999"
		setState(zhEd, edition.Draft)
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			return edition.Update(ctx, tx, zhEd, zhEd.Version, edition.Actor{Name: "test"})
		}); err != nil {
			t.Fatal(err)
		}
		setState(zhEd, edition.Scheduled)
		resp, body = b.do("GET", list+"/crossref", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "10.99999/meta-ru") || strings.Contains(body, "meta-zh") {
			t.Errorf("the collection's deposit with an edition under embargo: %d\n%s", resp.StatusCode, body)
		}
		resp, doc = b.get(zh + "/crossref")
		if msg := doc.Find("#form-message").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "Издание meta-zh выходит 2021-05-30 16:00 CST") {
			t.Errorf("the deposit of an edition under embargo: %d, %q", resp.StatusCode, msg)
		}
		resp, body = b.do("GET", list+"/onix", nil)
		if resp.StatusCode != 200 || !strings.Contains(body, "9785999997777") {
			t.Errorf("the collection's ONIX: %d\n%s", resp.StatusCode, body)
		}

		// Nothing of this is public, before the release or after.
		for _, path := range []string{"/ru/editions/meta-ru/onix", "/ru/editions/meta-ru/crossref"} {
			if resp, _ := o.browser().do("GET", path, nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("public %s: %d, want 404", path, resp.StatusCode)
			}
		}
	})
}
