package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// TestEditionReaderText: what the reader's pages say around the text, in
// each interface language: Chinese joins names with 、 and sets the
// editors' role, the place and the ISBN's format with full-width marks;
// the PDF's ISBN is the PDF's (an e-book, as the metadata says), not a
// print edition's, in every language; the parallel edition credits the
// facing text's translator too.
func TestEditionReaderText(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		_, release, fx := scheduledEdition(t, db, blobs, "cw-zh")
		// Two volume editors, for the parallel edition built after them.
		for _, a := range []struct{ email, name string }{{"liu@cass.example", "刘洋"}, {"kozlov@riac.example", "德米特里·科兹洛夫"}} {
			acct, err := (&account.Store{DB: db}).Create(ctx, account.NewAccount{Email: a.email, Name: a.name, Lang: "zh", Password: "editor password 1"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(ctx, `INSERT INTO collection_editors (collection_id, account_id, partner_id) VALUES (?, ?, ?)`, fx.CollectionID, acct.ID, fx.Hosts[0].ID); err != nil {
				t.Fatal(err)
			}
		}
		alsoScheduled(t, db, blobs, fx, "cw-zh-ru", []string{"zh", "ru"}, release)
		clk := &clock{t: release.Add(time.Second)}
		srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: "https://forum.example.org", NoCache: true, Logger: discardLogger(), Now: clk.now})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		s := &site{t: t, db: db, blobs: blobs, srv: ts}

		doc := s.page("/zh/editions/cw-zh", http.StatusOK)
		if got := text(doc, ".page-head .meta"); !strings.Contains(got, "北京：") || strings.Contains(got, "北京:") {
			t.Errorf("the Chinese imprint line: %q, want 北京：…", got)
		}
		for l, want := range map[string]string{"zh": "ISBN（PDF）", "ru": "ISBN (PDF)", "en": "ISBN (PDF)"} {
			got := text(s.page("/"+l+"/editions/cw-zh", http.StatusOK), ".edition-imprint")
			if !strings.Contains(got, want) {
				t.Errorf("%s: the PDF's ISBN is not labelled %s: %q", l, want, got)
			}
			for _, print := range []string{"印刷", "печат", "print", "(PDF（", "（PDF ("} {
				if strings.Contains(got, print) {
					t.Errorf("%s: the PDF's ISBN is labelled as a print edition's (%q): %q", l, print, got)
				}
			}
		}

		par := s.page("/zh/editions/cw-zh-ru", http.StatusOK)
		if got := strings.TrimSpace(par.Find(".page-head .meta").First().Text()); got != "刘洋、德米特里·科兹洛夫（主编）" {
			t.Errorf("the editors in Chinese: %q, want 刘洋、德米特里·科兹洛夫（主编）", got)
		}
		if got := strings.TrimSpace(s.page("/ru/editions/cw-zh-ru", http.StatusOK).Find(".page-head .meta").First().Text()); got != "Лю Ян, Дмитрий Козлов (отв. ред.)" &&
			!strings.HasSuffix(got, " (отв. ред.)") {
			t.Errorf("the editors in Russian: %q", got)
		}
		// The first contribution was written in Chinese: read in the
		// parallel edition in Chinese, its Russian text's translator is
		// credited beside it.
		ch := edition.ChapterID(fx.Contributions[0])
		if got := text(s.page("/zh/editions/cw-zh-ru/"+ch, http.StatusOK), ".page-head"); !strings.Contains(got, "俄文译者：Мария Иванова") {
			t.Errorf("the parallel chapter in Chinese does not credit the Russian translator: %q", got)
		}
		if got := text(s.page("/ru/editions/cw-zh-ru/"+ch, http.StatusOK), ".page-head"); !strings.Contains(got, "Перевод: Мария Иванова") {
			t.Errorf("the parallel chapter in Russian does not credit its translator: %q", got)
		}
	})
}
