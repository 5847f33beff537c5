package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/edition/editiontest"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// testRenderers make small real files: a zip holding the book's text, and
// a page map with a page per contribution.
func testRenderers() edition.Renderers {
	write := func(b *book.Book) []byte {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, _ := z.CreateHeader(&zip.FileHeader{Name: "book.txt", Modified: b.Modified, Method: zip.Store})
		for _, c := range b.Chapters {
			fmt.Fprintln(w, c.ID, c.Title[b.Lang()])
		}
		z.Close()
		return buf.Bytes()
	}
	return edition.Renderers{
		EPUB: func(ctx context.Context, b *book.Book) ([]byte, error) { return write(b), nil },
		PDF: func(ctx context.Context, b *book.Book) ([]byte, *book.PageMap, error) {
			pm := &book.PageMap{}
			for i, c := range b.Chapters {
				pm.Pages = append(pm.Pages, book.PageStart{Label: fmt.Sprint(i + 1), Chapter: c.ID})
			}
			return write(b), pm, nil
		},
		PDFA: func(ctx context.Context, b *book.Book) ([]byte, error) {
			return append([]byte("%PDF/A "), write(b)...), nil
		},
		Version: "test",
	}
}

// clock is a settable clock for the server.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// scheduledEdition seeds db with approved contributions and schedules a
// Chinese edition (web, EPUB, PDF) of them for release at the returned
// time, an hour from now.
func scheduledEdition(t *testing.T, db *store.DB, blobs blob.Store, slug string) (*edition.Edition, time.Time, *editiontest.Fixture) {
	t.Helper()
	ctx := context.Background()
	fx := editiontest.Seed(t, db, blobs)
	release := time.Now().Add(time.Hour).Truncate(time.Second)
	e := &edition.Edition{CollectionID: fx.CollectionID, Slug: slug, Langs: []string{"zh"}, Formats: []book.Format{book.Web, book.EPUB, book.PDF},
		ISBN: map[book.Format]string{book.EPUB: "9787999990017", book.PDF: "9787999990024"}, PublisherID: fx.Hosts[0].ID,
		PublisherName: book.Local{"zh": "中国社会科学出版社"}, PublisherPlace: book.Local{"zh": "北京"}, ReleaseAt: release, TimeZone: "Asia/Shanghai",
		Territories: []string{"CN"}, Notes: book.PerPage, PageSize: "a5", SampleISBN: true, Preface: map[string]string{"zh": "这是序言。"}}
	by := edition.Actor{Name: "Organiser"}
	if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, by) }); err != nil {
		t.Fatal(err)
	}
	press := &edition.Press{DB: db, Blobs: blobs, Renderers: testRenderers(), BaseURL: "https://forum.example.org"}
	if _, err := press.Build(ctx, e.ID, nil, by, nil); err != nil {
		t.Fatal(err)
	}
	for _, h := range fx.Hosts {
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := edition.ApproveProofs(ctx, tx, e.ID, h.ID, edition.Actor{Name: h.Slug})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := press.Schedule(ctx, e.ID, by, time.Now()); err != nil {
		t.Fatal(err)
	}
	return e, release, fx
}

// alsoScheduled adds a web-only edition of the fixture's collection in
// langs, scheduled for release.
func alsoScheduled(t *testing.T, db *store.DB, blobs blob.Store, fx *editiontest.Fixture, slug string, langs []string, release time.Time) {
	t.Helper()
	ctx := context.Background()
	e := &edition.Edition{CollectionID: fx.CollectionID, Slug: slug, Langs: langs, Formats: []book.Format{book.Web}, PublisherID: fx.Hosts[1].ID,
		ReleaseAt: release, TimeZone: "Europe/Moscow", Territories: []string{"RU"}, Notes: book.PerChapter, PageSize: "a5"}
	by := edition.Actor{Name: "Organiser"}
	if err := db.Transact(ctx, func(tx *store.Tx) error { return edition.Create(ctx, tx, e, by) }); err != nil {
		t.Fatal(err)
	}
	press := &edition.Press{DB: db, Blobs: blobs, BaseURL: "https://forum.example.org"}
	if _, err := press.Build(ctx, e.ID, nil, by, nil); err != nil {
		t.Fatal(err)
	}
	for _, h := range fx.Hosts {
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			_, err := edition.ApproveProofs(ctx, tx, e.ID, h.ID, edition.Actor{Name: h.Slug})
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := press.Schedule(ctx, e.ID, by, time.Now()); err != nil {
		t.Fatal(err)
	}
}

var linkRE = regexp.MustCompile(`(?:href|src)="(/[^"#]*)`)

// crawl walks every page of the public site reachable from each
// language's home page, the sitemap and the news feeds, as the public (no
// cookies), and returns each path's status and body.
func crawl(t *testing.T, base string) map[string]string {
	t.Helper()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	seen := map[string]string{}
	queue := []string{"/", "/sitemap.xml", "/robots.txt"}
	for _, l := range []string{"zh", "ru", "en"} {
		queue = append(queue, "/"+l+"/", "/"+l+"/news.atom")
	}
	for len(queue) > 0 && len(seen) < 2000 {
		p := queue[0]
		queue = queue[1:]
		if _, ok := seen[p]; ok || strings.HasPrefix(p, "/office") {
			continue
		}
		resp, err := c.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		seen[p] = string(body)
		if loc := resp.Header.Get("Location"); loc != "" {
			if u, err := url.Parse(loc); err == nil && (u.Host == "" || strings.HasPrefix(loc, base)) {
				queue = append(queue, u.Path)
			}
		}
		if !strings.Contains(resp.Header.Get("Content-Type"), "html") && !strings.Contains(resp.Header.Get("Content-Type"), "xml") {
			continue
		}
		for _, m := range linkRE.FindAllStringSubmatch(string(body), -1) {
			queue = append(queue, strings.SplitN(m[1], "?", 2)[0])
		}
		// Sitemap and feed entries are absolute.
		for _, m := range regexp.MustCompile(`https://forum\.example\.org(/[^<"#?]*)`).FindAllStringSubmatch(string(body), -1) {
			queue = append(queue, m[1])
		}
	}
	return seen
}

// TestEmbargoCrawl crawls the whole public site as the public before and
// after an edition's release time, with the server's clock set: before,
// nothing of the edition is found anywhere (pages, sitemap, feeds, JSON-LD)
// and its direct addresses, files included, are 404; after, its pages and
// files are reachable from the home page, listed in the sitemap and
// announced in each language's feed.
func TestEmbargoCrawl(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		e, release, fx := scheduledEdition(t, db, blobs, "collected-works-zh")
		clk := &clock{t: release.Add(-time.Minute)}
		srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: "https://forum.example.org", NoCache: true, Logger: discardLogger(), Now: clk.now})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		chapter := edition.ChapterID(fx.Contributions[0])
		direct := []string{"/zh/editions/collected-works-zh", "/zh/editions/collected-works-zh/" + chapter, "/en/editions/collected-works-zh",
			"/zh/editions/collected-works-zh/files/collected-works-zh.epub", "/zh/editions/collected-works-zh/files/collected-works-zh.pdf",
			"/zh/editions/collected-works-zh/files/collected-works-zh.pdfa.pdf"}
		secrets := []string{e.Slug, "9787999990017", "9787999990024", chapter}

		pages := crawl(t, ts.URL)
		if len(pages) < 10 {
			t.Fatalf("the crawl found only %d pages", len(pages))
		}
		for p, body := range pages {
			for _, s := range secrets {
				if strings.Contains(p, s) || strings.Contains(body, s) {
					t.Errorf("before the release, %s holds %q", p, s)
				}
			}
		}
		for _, p := range direct {
			resp, err := http.Get(ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("before the release, GET %s: %d, want 404", p, resp.StatusCode)
			}
		}

		clk.set(release.Add(time.Minute))
		pages = crawl(t, ts.URL)
		for _, p := range []string{"/zh/editions/collected-works-zh", "/zh/editions/collected-works-zh/" + chapter,
			"/zh/editions/collected-works-zh/files/collected-works-zh.epub", "/zh/editions/collected-works-zh/files/collected-works-zh.pdfa.pdf"} {
			if _, ok := pages[p]; !ok {
				t.Errorf("after the release the crawl did not reach %s", p)
			}
		}
		if !strings.Contains(pages["/sitemap.xml"], "/zh/editions/collected-works-zh/"+chapter) {
			t.Errorf("after the release the sitemap lacks the contribution's page")
		}
		// Each language's feed announces the edition, dated at its release,
		// with its title in Chinese and its languages in the feed's.
		for l, langs := range map[string]string{"zh": "中文", "ru": "中文", "en": "中文"} {
			var feed struct {
				Entries []struct {
					Title     string `xml:"title"`
					ID        string `xml:"id"`
					Published string `xml:"published"`
					Link      struct {
						Href string `xml:"href,attr"`
					} `xml:"link"`
				} `xml:"entry"`
			}
			if err := xml.Unmarshal([]byte(pages["/"+l+"/news.atom"]), &feed); err != nil {
				t.Fatal(err)
			}
			found := false
			for _, x := range feed.Entries {
				if x.Link.Href == "https://forum.example.org/"+l+"/editions/collected-works-zh" {
					found = true
					if x.ID != "https://forum.example.org/zh/editions/collected-works-zh" || x.Published != release.UTC().Format(time.RFC3339) ||
						!strings.Contains(x.Title, `<span lang="zh">伙伴关系的二十年</span>`) || !strings.Contains(x.Title, langs) {
						t.Errorf("the %s feed's entry for the edition: %+v", l, x)
					}
				}
			}
			if !found {
				t.Errorf("after the release the %s feed does not announce the edition:\n%s", l, pages["/"+l+"/news.atom"])
			}
		}
		for _, p := range direct {
			resp, err := http.Get(ts.URL + p)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("after the release, GET %s: %d, want 200", p, resp.StatusCode)
			}
		}
	})
}

// TestEditionReader: the contents page shows the imprint data (the sample
// ISBNs marked as such), the downloads and the contents; a contribution's
// page has an anchor on every paragraph, notes that lead to their call
// and back, a translator's credit, and JSON-LD of a Chapter in a Book;
// the language switcher leads to the same contribution.
func TestEditionReader(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		_, release, fx := scheduledEdition(t, db, blobs, "cw-zh")
		// A volume editor whose account has only the name its owner typed,
		// in Chinese characters: the Russian edition names her so, marked
		// as Chinese.
		ctx := context.Background()
		liu, err := (&account.Store{DB: db}).Create(ctx, account.NewAccount{Email: "liu@cass.example", Name: "刘洋", Lang: "zh", Password: "editor password 1"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO collection_editors (collection_id, account_id, partner_id) VALUES (?, ?, ?)`, fx.CollectionID, liu.ID, fx.Hosts[0].ID); err != nil {
			t.Fatal(err)
		}
		alsoScheduled(t, db, blobs, fx, "cw-ru", []string{"ru"}, release)
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
		if got := text(doc, "h1"); got != "伙伴关系的二十年" {
			t.Errorf("title %q", got)
		}
		if !strings.Contains(text(doc, ".edition-imprint"), "9787999990017") || doc.Find(".edition-imprint .sample").Length() != 2 {
			t.Errorf("imprint data: %q", text(doc, ".edition-imprint"))
		}
		var downloads []string
		doc.Find(".downloads a[download]").Each(func(_ int, a *goquery.Selection) {
			typ, _ := a.Attr("type")
			downloads = append(downloads, strings.TrimSpace(a.Text())+" "+typ)
		})
		if want := []string{"EPUB 电子书 application/epub+zip", "PDF application/pdf", "PDF/A（存档版） application/pdf"}; fmt.Sprint(downloads) != fmt.Sprint(want) {
			t.Errorf("downloads %q, want %q", downloads, want)
		}
		if n := doc.Find(".edition-contents li a").Length(); n != 2 {
			t.Errorf("%d contents entries, want 2", n)
		}
		ld := jsonLD(t, doc)
		if ld["@type"] != "Book" || ld["inLanguage"] != "zh" || ld["workExample"] == nil || ld["bookFormat"] != "https://schema.org/EBook" {
			t.Errorf("Book JSON-LD %v", ld)
		}
		// The EPUB and the PDF are EBooks with their media type and ISBN.
		formats := map[string]string{}
		for _, x := range ld["workExample"].([]any) {
			ex := x.(map[string]any)
			if ex["bookFormat"] != "https://schema.org/EBook" {
				t.Errorf("workExample %v", ex)
			}
			formats[fmt.Sprint(ex["encodingFormat"])] = fmt.Sprint(ex["isbn"])
		}
		if formats["application/epub+zip"] != "9787999990017" || formats["application/pdf"] != "9787999990024" {
			t.Errorf("the files' formats and ISBNs: %v", formats)
		}
		// The collection's contributions were written one in Chinese, one
		// in Russian: neither language edition translates the other as a
		// whole, and the parallel edition, which holds both, is a Book of
		// its own; its chapters say which translates which.
		for _, rel := range []string{"workTranslation", "translationOfWork"} {
			if ld[rel] != nil {
				t.Errorf("the Chinese edition of a collection of mixed originals has %s %v", rel, ld[rel])
			}
		}
		if ts, _ := ld["translator"].([]any); len(ts) == 0 {
			t.Errorf("the Book names no translator: %v", ld)
		}
		// The parallel edition is one Book, in Chinese and Russian, with
		// one @id whichever language its page is read in.
		parID := "https://forum.example.org/zh/editions/cw-zh-ru"
		for _, l := range []string{"zh", "ru", "en"} {
			pld := jsonLD(t, s.page("/"+l+"/editions/cw-zh-ru", http.StatusOK))
			if langs, _ := pld["inLanguage"].([]any); len(langs) != 2 || langs[0] != "zh" || langs[1] != "ru" {
				t.Errorf("%s: the parallel edition's inLanguage %v", l, pld["inLanguage"])
			}
			if pld["@id"] != parID || pld["workTranslation"] != nil || pld["translationOfWork"] != nil {
				t.Errorf("%s: the parallel edition's @id %v, workTranslation %v, translationOfWork %v", l, pld["@id"], pld["workTranslation"], pld["translationOfWork"])
			}
			if parts, _ := pld["hasPart"].([]any); len(parts) == 0 || !strings.HasPrefix(fmt.Sprint(parts[0].(map[string]any)["@id"]), parID+"/") {
				t.Errorf("%s: the parallel edition's chapters %v", l, pld["hasPart"])
			}
		}

		if got := s.page("/ru/editions/cw-ru", http.StatusOK).Find(`.page-head .meta span[lang="zh"]`).First().Text(); got != "刘洋" {
			t.Errorf("the Russian edition's Chinese editor is marked %q, want 刘洋 in Chinese", got)
		}
		// The lists tell the parallel edition from the Chinese one, and
		// lead to the editions from the main navigation, the home page and
		// the forum's publications.
		for _, c := range []struct{ lang, zh, par string }{
			{"en", "中文", "parallel edition in Chinese and Russian"},
			{"ru", "中文", "параллельное издание на китайском и русском"},
			{"zh", "中文", "中俄对照版"},
		} {
			for _, path := range []string{"/" + c.lang + "/editions", "/" + c.lang + "/", "/" + c.lang + "/forums/treaty-20"} {
				page := s.page(path, http.StatusOK)
				if page.Find(`nav.sections a[href="/`+c.lang+`/editions"]`).Length() != 1 {
					t.Errorf("%s: the main navigation does not lead to the editions", path)
				}
				items := map[string]string{}
				page.Find(".edition-list li").Each(func(_ int, li *goquery.Selection) {
					href, _ := li.Find("a").Attr("href")
					items[href] = strings.TrimSpace(li.Find(".meta").Text())
				})
				base := "/" + c.lang + "/editions/"
				if len(items) != 3 || !strings.HasPrefix(items[base+"cw-zh"], c.zh+" · ") || strings.Contains(items[base+"cw-zh"], c.par) ||
					!strings.HasPrefix(items[base+"cw-zh-ru"], c.par+" · ") {
					t.Errorf("%s: the editions listed %q; want the Chinese edition as %s, the parallel one as %s", path, items, c.zh, c.par)
				}
			}
		}
		// Two language choices, each labelled: the site's switcher marks as
		// current the interface language and keeps the edition; the
		// edition-language control marks as current the edition shown.
		for path, want := range map[string][2]string{"/ru/editions/cw-zh": {"ru", "/ru/editions/cw-zh"}, "/en/editions/cw-zh": {"en", "/en/editions/cw-zh"},
			"/zh/editions/cw-zh": {"zh", "/zh/editions/cw-zh"}, "/ru/editions/cw-zh-ru": {"ru", "/ru/editions/cw-zh-ru"},
			"/zh/editions/cw-zh-ru": {"zh", "/zh/editions/cw-zh-ru"}, "/zh/editions/cw-ru": {"zh", "/zh/editions/cw-ru"}} {
			doc := s.page(path, http.StatusOK)
			cur := doc.Find(`.langs a[aria-current="true"]`)
			if l, _ := cur.Attr("hreflang"); cur.Length() != 1 || l != want[0] {
				t.Errorf("%s: the site's switcher marks %d languages current (%q), want %s", path, cur.Length(), l, want[0])
			}
			slug := strings.TrimPrefix(want[1], "/"+want[0])
			for _, l := range []string{"zh", "ru", "en"} {
				if href := attr(doc, `.langs a[hreflang="`+l+`"]`, "href"); href != "/"+l+slug {
					t.Errorf("%s: the site's switcher leads to %q for %s, want the same edition", path, href, l)
				}
			}
			ri := doc.Find("nav.read-in")
			label := strings.TrimSpace(text(doc, "#"+attr(doc, "nav.read-in", "aria-labelledby")))
			cur = ri.Find(`a[aria-current="page"]`)
			if href, _ := cur.Attr("href"); ri.Length() != 1 || label == "" || cur.Length() != 1 || href != want[1] || ri.Find("a").Length() != 3 {
				t.Errorf("%s: the edition-language control (%q) has %d links, current %d leading to %q; want 3, the edition shown", path, label, ri.Find("a").Length(), cur.Length(), href)
			}
		}
		if got := text(s.page("/zh/editions/cw-ru", http.StatusOK), "nav.read-in"); !strings.Contains(got, "阅读版本：") || !strings.Contains(got, "中文") ||
			!strings.Contains(got, "Русский") || !strings.Contains(got, "中俄对照版") {
			t.Errorf("the edition-language control in Chinese: %q", got)
		}

		// The second contribution was written in Russian: in Chinese it
		// names its translator.
		ch := edition.ChapterID(fx.Contributions[1])
		doc = s.page("/zh/editions/cw-zh/"+ch, http.StatusOK)
		paras := doc.Find(".edition-text p")
		if paras.Length() == 0 {
			t.Fatal("no paragraph")
		}
		paras.Each(func(i int, p *goquery.Selection) {
			if id, _ := p.Attr("id"); id == "" && p.Closest("aside, .footnotes, .endnotes").Length() == 0 {
				t.Errorf("paragraph %d has no anchor: %q", i, p.Text())
			}
		})
		refs := doc.Find(`.edition-text a[role="doc-noteref"]`)
		if refs.Length() == 0 {
			t.Error("no note call")
		}
		refs.Each(func(_ int, a *goquery.Selection) {
			href, _ := a.Attr("href")
			id, _ := a.Attr("id")
			note := doc.Find(`[id="` + strings.TrimPrefix(href, "#") + `"]`)
			if note.Length() != 1 || note.Find(`a[href="#`+id+`"]`).Length() == 0 {
				t.Errorf("note %s: not found, or no link back to its call %s", href, id)
			}
		})
		ld = jsonLD(t, doc)
		// It translates the chapter of the Russian edition, not of the
		// parallel one.
		if tr, _ := ld["translationOfWork"].(map[string]any); tr["inLanguage"] != "ru" || tr["@id"] != "https://forum.example.org/ru/editions/cw-ru/"+ch {
			t.Errorf("a translated contribution's JSON-LD: translationOfWork %v", ld["translationOfWork"])
		}
		if ld["workTranslation"] != nil {
			t.Errorf("a translation's JSON-LD names translations of it: %v", ld["workTranslation"])
		}
		if ld["@type"] != "Chapter" || ld["translator"] == nil || ld["author"] == nil {
			t.Errorf("Chapter JSON-LD %v", ld)
		}
		if part, _ := ld["isPartOf"].(map[string]any); part["@type"] != "Book" {
			t.Errorf("isPartOf %v", ld["isPartOf"])
		}
		if href := attr(doc, `nav.read-in a[lang="ru"]`, "href"); href != "/zh/editions/cw-ru/"+ch {
			t.Errorf("the edition-language control leads to %q, want the Russian edition's same contribution", href)
		}
		if href := attr(doc, `.langs a[hreflang="ru"]`, "href"); href != "/ru/editions/cw-zh/"+ch {
			t.Errorf("the site's switcher leads to %q, want the same chapter in the Russian interface", href)
		}
		// Each paragraph leads to the same paragraph in Russian.
		first := doc.Find(".edition-text p[id]").First()
		id, _ := first.Attr("id")
		if href, _ := first.Find("a.para-lang[hreflang=ru]").Attr("href"); href != "/ru/editions/cw-ru/"+ch+"#"+id {
			t.Errorf("paragraph %s leads to %q", id, href)
		}
		ru := s.page("/ru/editions/cw-ru/"+ch, http.StatusOK)
		if ru.Find(`.edition-text [id="`+id+`"]`).Length() != 1 {
			t.Errorf("the Russian page has no paragraph %s", id)
		}
		if href, _ := ru.Find(`[id="` + id + `"] a.para-lang[hreflang=zh]`).Attr("href"); href != "/zh/editions/cw-zh/"+ch+"#"+id {
			t.Errorf("and back: %q", href)
		}
		if ld := jsonLD(t, ru); ld["inLanguage"] != "ru" || ld["translationOfWork"] != nil || fmt.Sprint(ld["workTranslation"]) != fmt.Sprint([]any{
			map[string]any{"@type": "Chapter", "@id": "https://forum.example.org/zh/editions/cw-zh/" + ch, "inLanguage": "zh"}}) {
			t.Errorf("the original's JSON-LD: workTranslation %v, want the Chinese edition's chapter alone", ld["workTranslation"])
		}
		// A parallel chapter read in Russian is the parallel edition's one
		// chapter, in both languages.
		if ld := jsonLD(t, s.page("/ru/editions/cw-zh-ru/"+ch, http.StatusOK)); ld["@id"] != parID+"/"+ch || fmt.Sprint(ld["inLanguage"]) != "[zh ru]" ||
			ld["translationOfWork"] != nil || ld["workTranslation"] != nil {
			t.Errorf("the parallel chapter's JSON-LD %v", ld)
		}
		// The parallel edition shows the other language beside the page's,
		// every anchor on the page once.
		par := s.page("/zh/editions/cw-zh-ru/"+ch, http.StatusOK)
		if par.Find(`.parallel .facing[lang="ru"] [id="ru-`+id+`"]`).Length() != 1 || par.Find(`.parallel .edition-text:not(.facing) [id="`+id+`"]`).Length() != 1 {
			t.Errorf("the parallel page lacks paragraph %s in either language", id)
		}
		ids := map[string]bool{}
		par.Find("[id]").Each(func(_ int, x *goquery.Selection) {
			v, _ := x.Attr("id")
			if ids[v] {
				t.Errorf("id %q twice on the parallel page", v)
			}
			ids[v] = true
		})
		par.Find(`.parallel a[href^="#"]`).Each(func(_ int, a *goquery.Selection) {
			if href, _ := a.Attr("href"); !ids[strings.TrimPrefix(href, "#")] {
				t.Errorf("the parallel text's link %s leads nowhere", href)
			}
		})
		// Each block is in one row with the block of the same ID in the
		// other language, each cell with its language; the notes of both
		// are reached from their calls and lead back.
		pairs := par.Find(".parallel > .pair")
		if pairs.Length() < 3 {
			t.Errorf("%d rows of pairs", pairs.Length())
		}
		pairs.Each(func(i int, row *goquery.Selection) {
			cells := row.Children()
			if cells.Length() != 2 {
				t.Errorf("row %d has %d cells", i, cells.Length())
				return
			}
			if l0, _ := cells.Eq(0).Attr("lang"); l0 != "zh" {
				t.Errorf("row %d: the first cell's lang %q", i, l0)
			}
			if l1, _ := cells.Eq(1).Attr("lang"); l1 != "ru" {
				t.Errorf("row %d: the second cell's lang %q", i, l1)
			}
			if row.HasClass("pair-notes") {
				return
			}
			cells.Eq(0).Children().Each(func(_ int, b *goquery.Selection) {
				if id, ok := b.Attr("id"); ok && cells.Eq(1).Find(`[id="ru-`+id+`"]`).Length() != 1 {
					t.Errorf("row %d: block %s has no Russian counterpart beside it", i, id)
				}
			})
		})
		for _, side := range []string{".parallel .pair > :first-child", ".parallel .pair > .facing"} {
			refs := par.Find(side + ` a[role="doc-noteref"]`)
			if refs.Length() == 0 {
				t.Errorf("%s: no note call", side)
			}
			refs.Each(func(_ int, a *goquery.Selection) {
				href, _ := a.Attr("href")
				id, _ := a.Attr("id")
				note := par.Find(`[id="` + strings.TrimPrefix(href, "#") + `"]`)
				if note.Length() != 1 || note.Find(`a[href="#`+id+`"]`).Length() == 0 {
					t.Errorf("%s: note %s not found, or no link back to its call %s", side, href, id)
				}
			})
		}
		resp := s.get("/zh/editions/cw-zh/files/cw-zh.epub")
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/epub+zip" || !bytes.HasPrefix(body, []byte("PK")) {
			t.Errorf("EPUB download: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		// The archival PDF/A is offered beside the PDF once released.
		resp = s.get("/zh/editions/cw-zh/files/cw-zh.pdfa.pdf")
		body, _ = io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !bytes.HasPrefix(body, []byte("%PDF/A ")) {
			t.Errorf("PDF/A download: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if resp := s.get("/zh/editions/cw-zh/files/cw-zh.mobi"); resp.StatusCode != 404 {
			t.Errorf("an unknown file: %d", resp.StatusCode)
		}
	})
}
