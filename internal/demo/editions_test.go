package demo_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/epub/epubcheck"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/typeset/pdfcheck"
	"github.com/tandemforum/tandem/internal/typst"
	"github.com/tandemforum/tandem/internal/web"
)

// The demo's editions as `tandem demo` makes them: the zh, ru and
// parallel editions of volume 1 released on 1 June 2021 and listed on the
// public site in every language, their EPUBs and PDFs downloading and
// passing EPUBCheck, Ace, pdffonts and qpdf, the sample ISBNs marked; the
// English edition embargoed: 404 and absent from the list and sitemap.
func TestEditions(t *testing.T) {
	if _, err := typst.FindDir(); err != nil {
		t.Skip("Typst is not installed (scripts/setup.sh demo installs it in tools/typst): the demo's editions not built")
	}
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		const password = "demo-password-2021"
		if err := demo.Load(ctx, db, blobs); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Team(ctx, db, password); err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Works(ctx, db, blobs, password); err != nil {
			t.Fatal(err)
		}
		now := time.Now()
		es, err := demo.BuildEditions(ctx, db, blobs, app.Renderers("test"), "http://demo.example", now)
		app.CloseRenderers()
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != len(demo.Editions) {
			t.Fatalf("%d editions, want %d", len(es), len(demo.Editions))
		}
		press := &edition.Press{DB: db, Blobs: blobs, BaseURL: "http://demo.example"}
		srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: "http://demo.example", Press: press, NoCache: true})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		get := func(path string) (int, []byte) {
			resp, err := http.Get(ts.URL + path)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			data, _ := io.ReadAll(resp.Body)
			return resp.StatusCode, data
		}
		_, sitemap := get("/sitemap.xml")
		dir := t.TempDir()
		for i, e := range es {
			spec := demo.Editions[i]
			if !spec.Released {
				if e.State != edition.Scheduled || !e.ReleaseAt.After(now) {
					t.Errorf("%s: %s at %v, want scheduled after now", e.Slug, e.State, e.ReleaseAt)
				}
				for _, l := range []string{"zh", "ru", "en"} {
					if code, _ := get(edition.Path(l, e.Slug)); code != http.StatusNotFound {
						t.Errorf("embargoed %s: %s answers %d", e.Slug, l, code)
					}
					if code, _ := get(edition.Path(l, e.Slug) + "/files/" + e.Slug + ".epub"); code != http.StatusNotFound {
						t.Errorf("embargoed %s: its EPUB answers %d", e.Slug, code)
					}
					if _, list := get("/" + l + "/editions"); strings.Contains(string(list), e.Slug) {
						t.Errorf("embargoed %s is on the %s list", e.Slug, l)
					}
				}
				if strings.Contains(string(sitemap), e.Slug) {
					t.Errorf("embargoed %s is in the sitemap", e.Slug)
				}
				continue
			}
			if e.State != edition.Released || !e.ReleasedAt.Equal(e.ReleaseAt) || e.ReleaseAt.Year() != 2021 {
				t.Errorf("%s: %s, released %v", e.Slug, e.State, e.ReleasedAt)
			}
			if !strings.Contains(string(sitemap), e.Slug) {
				t.Errorf("%s is not in the sitemap", e.Slug)
			}
			for _, l := range []string{"zh", "ru", "en"} {
				if _, list := get("/" + l + "/editions"); !strings.Contains(string(list), edition.Path(l, e.Slug)) {
					t.Errorf("%s is not on the %s list", e.Slug, l)
				}
			}
			l := e.Langs[0]
			code, page := get(edition.Path(l, e.Slug))
			if code != http.StatusOK {
				t.Fatalf("%s: %d", e.Slug, code)
			}
			for _, n := range e.ISBN {
				if !strings.Contains(string(page), n) {
					t.Errorf("%s: the reader lacks ISBN %s", e.Slug, n)
				}
			}
			for _, ext := range []string{"epub", "pdf"} {
				code, data := get(edition.Path(l, e.Slug) + "/files/" + e.Slug + "." + ext)
				if code != http.StatusOK || len(data) < 1000 {
					t.Fatalf("%s.%s: %d, %d bytes", e.Slug, ext, code, len(data))
				}
				path := filepath.Join(dir, e.Slug+"."+ext)
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			pdf := filepath.Join(dir, e.Slug+".pdf")
			for _, r := range pdfcheck.Fonts(t, pdf) {
				t.Errorf("%s.pdf: font not embedded as a subset: %s", e.Slug, r)
			}
			for _, m := range pdfcheck.Tagged(t, pdf, l) {
				t.Errorf("%s.pdf: the catalogue lacks %s", e.Slug, m)
			}
			ep := filepath.Join(dir, e.Slug+".epub")
			for _, p := range epubcheck.EPUBCheck(t, ep) {
				t.Errorf("%s.epub: %s", e.Slug, p)
			}
			for _, v := range epubcheck.Ace(t, ep) {
				if v.Impact == "critical" || v.Impact == "serious" {
					t.Errorf("%s.epub: ace %s %s: %s", e.Slug, v.Impact, v.Rule, v.Where)
				}
			}
		}
	})
}
