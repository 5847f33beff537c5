package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// TestOfficePDFAProof: an edition with a PDF is built with its archival
// PDF/A too, which the edition's page lists among the proofs for the hosts'
// organisers and editors to download, and which a translator may not.
func TestOfficePDFAProof(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		var press *edition.Press
		o := newOfficeWith(t, db, func(cfg *web.Config) {
			cfg.Press.Renderers = testRenderers()
			press = cfg.Press
		})
		var coll, cass int64
		if err := db.QueryRow(ctx, `SELECT id FROM collections WHERE slug = ?`, demo.CollectionSlug).Scan(&coll); err != nil {
			t.Fatal(err)
		}
		if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = 'cass'`).Scan(&cass); err != nil {
			t.Fatal(err)
		}
		e := &edition.Edition{CollectionID: coll, Slug: "cw-zh-pdfa", Langs: []string{"zh"}, Formats: []book.Format{book.Web, book.PDF},
			ISBN: map[book.Format]string{book.PDF: "9787999990024"}, PublisherID: cass, PublisherName: book.Local{"zh": "示例出版社"},
			ReleaseAt: time.Now().Add(time.Hour), TimeZone: "Asia/Shanghai", Territories: []string{"CN"}, Notes: book.PerPage, PageSize: "a5", SampleISBN: true}
		by := edition.Actor{Name: "Organiser"}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, by) }); err != nil {
			t.Fatal(err)
		}
		if _, err := press.Build(ctx, e.ID, nil, by, nil); err != nil {
			t.Fatal(err)
		}
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		o.account("tr@cass.example", "Translator", "en", false, "cass:translator")
		loc := "/office/editions/" + itoa(e.ID)
		b := o.browser()
		b.signIn("org@cass.example")
		if resp, doc := b.get(loc); resp.StatusCode != http.StatusOK || doc.Find(`a[href="`+loc+`/proofs/pdfa"]`).Length() != 1 ||
			!strings.Contains(doc.Text(), "PDF/A-2a (архивная копия") {
			t.Errorf("the edition's page: %d, no PDF/A proof listed", resp.StatusCode)
		}
		resp, body := b.do("GET", loc+"/proofs/pdfa", nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(body, "%PDF/A ") ||
			!strings.Contains(resp.Header.Get("Content-Disposition"), `filename="cw-zh-pdfa.pdfa.proof.pdf"`) {
			t.Errorf("PDF/A proof: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
		}
		tr := o.browser()
		tr.signIn("tr@cass.example")
		if resp, _ := tr.do("GET", loc+"/proofs/pdfa", nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a translator downloads the PDF/A proof: %d, want 403", resp.StatusCode)
		}
	})
}
