package demo_test

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/epub/epubcheck"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/onix"
	"github.com/tandemforum/tandem/internal/shareddata"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/typeset"
	"github.com/tandemforum/tandem/internal/typeset/pdfcheck"
	"github.com/tandemforum/tandem/internal/typeset/spreadcheck"
	"github.com/tandemforum/tandem/internal/typst"
	"github.com/tandemforum/tandem/internal/web"
)

// The demo's editions as `tandem demo` makes them: the zh, ru and
// parallel editions of volume 1 released on 1 June 2021 and listed on the
// public site in every language, their EPUBs and PDFs downloading and
// passing EPUBCheck, Ace, pdffonts and qpdf, the sample ISBNs marked on
// the reader's page, the imprint pages and in ONIX and Crossref; the
// parallel edition's pairs on one spread each; the English edition
// embargoed: 404 and absent from the list and sitemap.
func TestEditions(t *testing.T) {
	if why := typstMissing(); why != "" {
		t.Skipf("%s (scripts/setup.sh demo installs Typst in tools/typst): the demo's editions not built", why)
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
			t.Run(e.Slug+"/pdffonts", func(t *testing.T) {
				for _, r := range pdfcheck.Fonts(t, pdf) {
					t.Errorf("%s.pdf: font not embedded as a subset: %s", e.Slug, r)
				}
			})
			t.Run(e.Slug+"/tagged", func(t *testing.T) {
				for _, m := range pdfcheck.Tagged(t, pdf, l) {
					t.Errorf("%s.pdf: the catalogue lacks %s", e.Slug, m)
				}
			})
			ep := filepath.Join(dir, e.Slug+".epub")
			// Each checker in a subtest of its own, so that a checker not
			// installed skips itself and not the checks after it.
			t.Run(e.Slug+"/epubcheck", func(t *testing.T) {
				for _, p := range epubcheck.EPUBCheck(t, ep) {
					t.Errorf("%s.epub: %s", e.Slug, p)
				}
			})
			t.Run(e.Slug+"/ace", func(t *testing.T) {
				for _, v := range epubcheck.Ace(t, ep) {
					if v.Impact == "critical" || v.Impact == "serious" {
						t.Errorf("%s.epub: ace %s %s: %s", e.Slug, v.Impact, v.Rule, v.Where)
					}
				}
			})
			sampleMarked(t, e, dir)
			editorsNamed(t, e, dir)
			if !e.Parallel() {
				runningHeads(t, ctx, db, blobs, e, pdf)
			}
		}
		// The parallel edition sets each pair of blocks on one spread:
		// typeset again, its placements read from the compiler.
		for _, e := range es {
			if e.Parallel() {
				spreads(t, ctx, db, blobs, e)
			}
		}
		// The ONIX message and the Crossref deposit of the editions say
		// that their ISBNs are sample data. The demo registers no DOIs;
		// the deposit is made with a test prefix.
		var books []*book.Book
		for _, e := range es {
			b, err := edition.Load(ctx, db, blobs, e.ID)
			if err != nil {
				t.Fatal(err)
			}
			b.URL = "http://demo.example" + b.URL
			books = append(books, b)
		}
		var onixMsg bytes.Buffer
		if err := onix.Write(&onixMsg, catalog(t), onix.Header{Sender: "CASS", Sent: now}, books); err != nil {
			t.Fatal(err)
		}
		// A product per ISBN.
		isbns := 0
		for _, e := range es {
			isbns += len(e.ISBN)
		}
		if n := strings.Count(onixMsg.String(), catalog(t).Printer("en").T("onix.sample_isbn.product")); n != isbns {
			t.Errorf("ONIX: %d products marked as sample data, want %d", n, isbns)
		}
		// The demo's editions have DOIs under Crossref's test prefix, so
		// the office's deposit of the whole collection exports as it is,
		// each edition and chapter under its DOI, valid against the
		// schema.
		var deposit bytes.Buffer
		err = press.Crossref(ctx, &deposit, catalog(t), es[0].CollectionID, 0, edition.Depositor{}, now)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range books {
			if !strings.HasPrefix(b.DOI, demo.DOIPrefix+"/") {
				t.Errorf("%s: DOI %q, want one under the demo's prefix %s", b.Slug, b.DOI, demo.DOIPrefix)
			}
			if !released(es, b.Slug) {
				continue
			}
			for _, doi := range append([]string{b.DOI}, chapterDOIs(b)...) {
				if !strings.Contains(deposit.String(), "<doi>"+doi+"</doi>") {
					t.Errorf("the Crossref deposit lacks the DOI %s", doi)
				}
			}
		}
		if !strings.Contains(deposit.String(), catalog(t).Printer("en").T("crossref.sample_isbn")) {
			t.Error("the Crossref deposit does not say that the ISBNs are sample data")
		}
		validCrossref(t, deposit.Bytes())
	})
}

// spreads typesets parallel edition e and checks that the two languages
// of every block pair begin on one spread.
func spreads(t *testing.T, ctx context.Context, db *store.DB, blobs blob.Store, e *edition.Edition) {
	t.Helper()
	dir, err := typst.FindDir()
	if err != nil {
		t.Fatal(err)
	}
	c, err := typst.New(typst.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	b, err := edition.Load(ctx, db, blobs, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := typeset.New(c, catalog(t)).Build(b, typeset.Options{}); err != nil {
		t.Fatal(err)
	}
	n := spreadcheck.Spreads(t, spreadcheck.Placements(t, c), e.Langs[0], e.Langs[1])
	blocks := 0
	for _, ch := range b.Chapters {
		blocks += len(ch.Text[e.Langs[0]].Blocks)
	}
	if n < blocks {
		t.Errorf("%s: %d pairs on spreads, want at least the %d top-level blocks", e.Slug, n, blocks)
	}
}

func catalog(t *testing.T) *i18n.Catalog {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// editorsNamed checks that the title page of a single-language edition's
// EPUB names the volume's two editors as written in its language, the
// persons their accounts act for, and not as their accounts are named.
func editorsNamed(t *testing.T, e *edition.Edition, dir string) {
	t.Helper()
	if e.Parallel() {
		return
	}
	want := map[string][]string{
		"zh": {"刘洋", "德米特里·科兹洛夫"},
		"ru": {"Лю Ян", "Дмитрий Козлов"},
		"en": {"Liu Yang", "Dmitry Kozlov"},
	}[e.Langs[0]]
	z, err := zip.OpenReader(filepath.Join(dir, e.Slug+".epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if !strings.HasSuffix(f.Name, "/title.xhtml") {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(r)
		r.Close()
		for _, w := range want {
			if !strings.Contains(string(page), w) {
				t.Errorf("%s.epub: the title page does not name the editor %s", e.Slug, w)
			}
		}
	}
}

// sampleMarked checks that the imprint pages of edition e's EPUB and PDF,
// written in dir, mark its ISBNs as sample data in each of its languages.
func sampleMarked(t *testing.T, e *edition.Edition, dir string) {
	t.Helper()
	z, err := zip.OpenReader(filepath.Join(dir, e.Slug+".epub"))
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	var imprint []byte
	for _, f := range z.File {
		if strings.HasSuffix(f.Name, "/imprint.xhtml") {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			imprint, _ = io.ReadAll(r)
			r.Close()
		}
	}
	// Each ISBN is marked in each language's imprint.
	if n, want := strings.Count(string(imprint), `<strong class="sample">`), len(e.ISBN)*len(e.Langs); n != want {
		t.Errorf("%s.epub: %d ISBNs marked as sample data on the imprint page, want %d", e.Slug, n, want)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (scripts/setup.sh test installs poppler-utils): the PDF's imprint not read")
	}
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, e.Slug+".pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	for _, l := range e.Langs {
		mark := strings.Join(strings.Fields(catalog(t).Printer(l).T("typeset.sample_isbn")), " ")
		if !strings.Contains(text, mark) {
			t.Errorf("%s.pdf: the imprint lacks %q", e.Slug, mark)
		}
	}
}

// typstMissing says why the Typst compiler cannot run here (tools/typst
// without its npm package, or no Node.js), or "" when it can.
func typstMissing() string {
	dir, err := typst.FindDir()
	if err != nil {
		return err.Error()
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@myriaddreamin", "typst-ts-node-compiler", "package.json")); err != nil {
		return "the Typst npm package is not installed in " + dir
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "Node.js is not installed"
	}
	return ""
}

func released(es []*edition.Edition, slug string) bool {
	for _, e := range es {
		if e.Slug == slug {
			return e.State == edition.Released
		}
	}
	return false
}

func chapterDOIs(b *book.Book) []string {
	var out []string
	for _, c := range b.Chapters {
		out = append(out, c.DOI)
	}
	return out
}

// runningHeads checks, in edition e's PDF at pdf, that its chapters run
// over several pages, as a reader leafing through the book sees them:
// every chapter has a verso headed with its authors after its opening
// page, and some chapter a recto headed with its title.
func runningHeads(t *testing.T, ctx context.Context, db *store.DB, blobs blob.Store, e *edition.Edition, pdf string) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (scripts/setup.sh test installs poppler-utils): the PDF's running heads not read")
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	b, err := edition.Load(ctx, db, blobs, e.ID)
	if err != nil {
		t.Fatal(err)
	}
	l := e.Langs[0]
	// The first line of each page, without the spaces the typesetter
	// puts between Chinese and digits and without soft hyphens.
	flat := strings.NewReplacer(" ", "", "\u00ad", "", "\u00a0", "")
	var heads []string
	for _, pg := range strings.Split(string(out), "\f") {
		head := ""
		for _, line := range strings.Split(pg, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				head = line
				break
			}
		}
		heads = append(heads, flat.Replace(head))
	}
	recto := false
	for _, c := range b.Chapters {
		title, byline := flat.Replace(c.Title[l]), flat.Replace(authorsOf(c, l))
		var titled, versos int
		for _, head := range heads {
			switch {
			case head == byline:
				versos++
			// A head too long for its line is cut with an ellipsis.
			case len(head) > 8 && strings.HasPrefix(title, strings.TrimSuffix(head, "…")):
				titled++
			}
		}
		// The opening page begins with the title too.
		recto = recto || titled > 1
		if versos == 0 {
			t.Errorf("%s.pdf: no page is headed with the authors of %q, want a chapter of several pages; the pages begin %q", e.Slug, title, heads)
		}
	}
	if !recto {
		t.Errorf("%s.pdf: no page is headed with a chapter's title but its opening, want a chapter of three pages or more; the pages begin %q", e.Slug, heads)
	}
}

// authorsOf is chapter c's byline in lang as a running head gives it.
func authorsOf(c book.Chapter, l string) string {
	var out []string
	for _, p := range c.Authors {
		out = append(out, p.Name[l])
	}
	sep := ", "
	if l == "zh" {
		sep = "、"
	}
	return strings.Join(out, sep)
}

// validCrossref runs xmllint with the Crossref 5.4.0 schema of
// ../shared/schemas on deposit, and says why when it cannot.
func validCrossref(t *testing.T, deposit []byte) {
	t.Helper()
	data, _ := shareddata.Dir()
	dir := filepath.Join(filepath.Dir(data), "schemas", "crossref", "5.4.0")
	if _, err := os.Stat(filepath.Join(dir, "crossref5.4.0.xsd")); err != nil {
		t.Logf("no Crossref schema in %s (../shared/schemas beside the repository): the deposit not validated", dir)
		return
	}
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Log("xmllint not installed (scripts/setup.sh test installs libxml2-utils): the deposit not validated")
		return
	}
	file := filepath.Join(t.TempDir(), "deposit.xml")
	if err := os.WriteFile(file, deposit, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("xmllint", "--nonet", "--noout", "--schema", "crossref5.4.0.xsd", file)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "XML_CATALOG_FILES=catalog.xml")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("the demo's Crossref deposit is not valid: %v\n%s", err, out)
	}
}
