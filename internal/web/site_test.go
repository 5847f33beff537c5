package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"image"
	_ "image/jpeg"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// TestPublicSite runs the checks of the public site that share one demo site
// per database (loading the demo draws its images, which takes a while): the
// read-only ones first, then those that add content.
func TestPublicSite(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, c := range []struct {
			name  string
			check func(*testing.T, *site)
		}{
			{"layout", checkEveryPageHasTheWholeLayout},
			{"dates kept whole", checkDatesAndTimesAreKeptWhole},
			{"locale", checkOneLocalePerLanguage},
			{"image sizes", checkClaimedImageSizesAreTheFilesOwn},
			{"forum menu", checkForumMenu},
			{"sitemap", checkSitemapAndRobots},
			{"top-level files", checkTopLevelFilesAreNotPages},
			{"partner marks", checkPartnerMarksFollowThePagesLanguage},
			{"forums list", checkForumsList},
			{"break hints", checkBreakHintsAreNoCharacters},
		} {
			t.Run(c.name, func(t *testing.T) {
				s := *s
				s.t = t
				c.check(t, &s)
			})
		}
	})
}

// pageTypes are a path of every kind of page, after the language prefix,
// with the status it answers on the demo site.
var pageTypes = []struct {
	path   string
	status int
}{
	{"/", 200},
	{"/forums", 200},
	{forumPath, 200},
	{forumPath + "/programme", 200},
	{forumPath + "/speakers", 200},
	{forumPath + "/speeches/wang-yi-video-address", 200},
	{"/people/sergey-lavrov", 200},
	{"/people/nobody-speaks", 200}, // a person with no speeches
	{"/news", 200},
	{"/news/forum-marks-treaty-anniversary", 200},
	{"/partners", 200},
	{"/partners/riac", 200},
	{"/no-such-page", 404},
	{forumPath + "/speeches/nobody", 404},
	{"/news?page=99", 404},
	{"/forums?page=2", 404},
	{"/news?page=abc", 400},
	{"/forums?page=0", 400},
}

// emptyElements returns the elements of doc that a reader would see as an
// empty box: paragraphs, list items, headings, definition terms and
// descriptions, links, captions and lists with nothing in them.
func emptyElements(doc *goquery.Document) []string {
	var out []string
	doc.Find("p, li, h1, h2, h3, h4, h5, h6, dt, dd, a, figcaption, span, time, ul, ol, dl, nav, section, title").Each(func(_ int, e *goquery.Selection) {
		if strings.TrimSpace(e.Text()) != "" || e.Find("img, svg, video, audio, iframe, input").Length() > 0 {
			return
		}
		h, _ := goquery.OuterHtml(e)
		out = append(out, h)
	})
	return out
}

// checkEveryPageHasTheWholeLayout checks every kind of page in every language,
// error pages included, for what the layout gives every page (the partners'
// names and the site's name in the header and footer, both menus, the
// language switcher) and for empty elements.
func checkEveryPageHasTheWholeLayout(t *testing.T, s *site) {
	addPerson(t, s.db, "nobody-speaks")
	checkLayout(t, s, []string{"КАОН", "РСМД"}, []string{"中国社科院", "俄罗斯国际事务委员会"}, []string{"CASS", "RIAC"}, pageTypes)
}

// TestEmptySiteHasTheWholeLayout checks the pages of a site that has no
// forum, news or partner yet: empty lists say so, and nothing is empty.
func TestEmptySiteHasTheWholeLayout(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: "https://forum.example.org", NoCache: true, Logger: discardLogger()})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		t.Cleanup(ts.Close)
		s := &site{t: t, db: db, blobs: blobs, srv: ts}
		checkLayout(t, s, nil, nil, nil, []struct {
			path   string
			status int
		}{{"/", 200}, {"/forums", 200}, {"/news", 200}, {"/partners", 200}, {"/no-such-page", 404}, {"/news?page=x", 400}, {forumPath, 404}})
	})
}

func checkLayout(t *testing.T, s *site, ru, zh, en []string, pages []struct {
	path   string
	status int
}) {
	t.Helper()
	brands := map[string][]string{"ru": ru, "zh": zh, "en": en}
	siteName := map[string]string{"ru": "Форумы", "zh": "论坛", "en": "Forums"}
	for _, l := range i18n.Languages {
		for _, p := range pages {
			path := "/" + l + p.path
			doc := s.page(path, p.status)
			var parts []string
			doc.Find("header a.brand > span").Each(func(_ int, sp *goquery.Selection) {
				parts = append(parts, strings.TrimSpace(sp.Text()))
			})
			brand := strings.Join(parts, " ")
			want := strings.Join(append(slicesJoin(brands[l]), siteName[l]), " ")
			if brand != want {
				t.Errorf("%s: header reads %q, want %q", path, brand, want)
			}
			if len(brands[l]) > 0 && !strings.Contains(text(doc, "footer"), strings.Join(brands[l], " · ")) {
				t.Errorf("%s: footer %q lacks the partners' names", path, text(doc, "footer"))
			}
			if got := doc.Find("header nav.sections > ul:first-child > li").Length(); got != 5 {
				t.Errorf("%s: main menu has %d items, want 5 (home, forums, news, editions, partners)", path, got)
			}
			if got := doc.Find("header nav.langs a[hreflang]").Length(); got != 3 {
				t.Errorf("%s: language switcher has %d languages", path, got)
			}
			if got := attr(doc, "html", "lang"); got != i18n.Locale(l) {
				t.Errorf("%s: lang %q", path, got)
			}
			if title := doc.Find("title").Text(); !strings.Contains(title, strings.Join(brands[l], " · ")) || strings.TrimSpace(title) == "" {
				t.Errorf("%s: title %q", path, title)
			}
			for _, e := range emptyElements(doc) {
				t.Errorf("%s: empty element %s", path, e)
			}
		}
	}
}

// slicesJoin returns the brand names as the header reads them, with the
// separator between them.
func slicesJoin(names []string) []string {
	var out []string
	for i, n := range names {
		if i > 0 {
			out = append(out, "·")
		}
		out = append(out, n)
	}
	return out
}

func addPerson(t *testing.T, db *store.DB, slug string) {
	t.Helper()
	p := &forum.Person{Slug: slug, Names: lang.Names{Source: "en", Values: map[string]lang.Name{"en": {Family: "Quiet", Given: "Person"}}}}
	if err := forum.AddPerson(context.Background(), db, p); err != nil {
		t.Fatal(err)
	}
}

// checkOneLocalePerLanguage checks that each language writes dates, times and
// numbers one way on every page and in every feed, calendar and JSON-LD: in
// English the British way ("1 June 2021", "10:00", "1,000"), never the
// American one ("June 1, 2021", "10:00 AM").
func checkOneLocalePerLanguage(t *testing.T, s *site) {
	months := "January|February|March|April|May|June|July|August|September|October|November|December"
	foreign := map[string]*regexp.Regexp{
		"en": regexp.MustCompile(`(?:` + months + `) \d{1,2}, \d{4}|\b\d{1,2}:\d{2}\s?[AP]M\b|\d{1,2}/\d{1,2}/\d{4}`),
		"ru": regexp.MustCompile(`\d{1,2}:\d{2}\s?[AP]M|(?:` + months + `) \d|\d{4}-\d{2}-\d{2}[^T"]`),
		"zh": regexp.MustCompile(`\d{1,2}:\d{2}\s?[AP]M|(?:` + months + `) \d|上午|下午`),
	}
	want := map[string][]string{
		"en": {"Tuesday, 1 June 2021", "10:10–10:20", "11:00", "Released on 1 June 2021", "18 June 2021"},
		"ru": {"вторник, 1 июня 2021 г.", "10:10–10:20", "11:00", "18 июня 2021 г."},
		"zh": {"2021年6月1日星期二", "10:10–10:20", "11:00", "2021年6月18日"},
	}
	for _, l := range i18n.Languages {
		var all strings.Builder
		for _, p := range []string{"/", "/forums", forumPath, forumPath + "/programme", forumPath + "/programme.ics", forumPath + "/speakers",
			forumPath + "/speeches/sergey-lavrov-video-address", "/people/igor-ivanov", "/news", "/news.atom", "/news/forum-marks-treaty-anniversary",
			"/partners", "/partners/cass"} {
			body, _ := io.ReadAll(s.get("/" + l + p).Body)
			// Machine-readable dates (datetime attributes, ISO 8601 in
			// feeds and JSON-LD) are the same in every language.
			page := regexp.MustCompile(`"\d{4}-\d{2}-\d{2}[^"]*"|>\d{4}-\d{2}-\d{2}T[^<]*<|\d{8}T\d{6}Z`).ReplaceAllString(string(body), "")
			if m := foreign[l].FindString(page); m != "" {
				t.Errorf("/%s%s: %q is not how the site writes %s", l, p, m, i18n.Locale(l))
			}
			// Spans that keep a date on one line are no part of its text.
			all.WriteString(regexp.MustCompile(`</?span[^>]*>`).ReplaceAllString(strings.ReplaceAll(page, "&#8211;", "–"), ""))
		}
		for _, w := range want[l] {
			if !strings.Contains(all.String(), w) {
				t.Errorf("%s: no page writes %q", l, w)
			}
		}
	}
	doc := s.page("/en"+forumPath+"/programme", 200)
	if got := text(doc, "li.speech-item time"); got != "10:00" {
		t.Errorf("English programme time %q, want 10:00", got)
	}
	if got := attr(doc, `meta[property="og:locale"]`, "content"); got != "en_GB" {
		t.Errorf("og:locale %q, want en_GB", got)
	}
}

// TestNumbersOnPagesUseTheLanguagesGrouping checks a number that reaches a
// page through a catalog message with arguments (the pager of a long news
// list): it is grouped as the language groups digits.
func TestNumbersOnPagesUseTheLanguagesGrouping(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db, false)
	// 10,000 posts more than the demo's two, in one statement.
	_, err := db.Exec(context.Background(), `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
		INSERT INTO news_posts (slug, title, published_at) SELECT 'n-' || i, ?, ? FROM n`,
		lang.New("en", map[string]string{"en": "Item"}), time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for l, want := range map[string]string{"en": "Page 1,001 of 1,001", "ru": "Страница 1\u00a0001 из 1\u00a0001", "zh": "第1,001页，共1,001页"} {
		doc := s.page("/"+l+"/news?page=1001", 200)
		if got := text(doc, "nav.pager span"); got != want {
			t.Errorf("%s pager %q, want %q", l, got, want)
		}
	}
}

// decodedSize fetches path and returns the size its bytes decode to: a PNG's
// or JPEG's pixels, an SVG's width and height.
func decodedSize(t *testing.T, s *site, path string) (w, h int) {
	t.Helper()
	resp := s.get(path)
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Errorf("GET %s: %d", path, resp.StatusCode)
		return 0, 0
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "image/svg") {
		var root struct {
			W string `xml:"width,attr"`
			H string `xml:"height,attr"`
		}
		if err := xml.Unmarshal(body, &root); err != nil {
			t.Errorf("%s: %v", path, err)
		}
		w, _ = strconv.Atoi(root.W)
		h, _ = strconv.Atoi(root.H)
		return w, h
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(body))
	if err != nil {
		t.Errorf("%s: %v", path, err)
	}
	return cfg.Width, cfg.Height
}

// checkClaimedImageSizesAreTheFilesOwn decodes every image a page links to
// and compares its size with what the page claims: img width and height,
// srcset width descriptors, og:image:width and height, and the width and
// height of JSON-LD image objects.
func checkClaimedImageSizesAreTheFilesOwn(t *testing.T, s *site) {
	sizes := map[string][2]int{}
	size := func(u string) [2]int {
		if pu, err := url.Parse(u); err == nil && pu.IsAbs() {
			u = pu.Path
		}
		if v, ok := sizes[u]; ok {
			return v
		}
		w, h := decodedSize(t, s, u)
		sizes[u] = [2]int{w, h}
		return sizes[u]
	}
	claims := 0
	for _, l := range i18n.Languages {
		for _, p := range []string{"/", "/forums", forumPath, "/news", "/news/forum-marks-treaty-anniversary", "/partners", "/partners/cass", "/partners/riac"} {
			path := "/" + l + p
			doc := s.page(path, 200)
			doc.Find("img").Each(func(_ int, img *goquery.Selection) {
				src := img.AttrOr("src", "")
				w, _ := strconv.Atoi(img.AttrOr("width", ""))
				h, _ := strconv.Atoi(img.AttrOr("height", ""))
				if got := size(src); got != [2]int{w, h} {
					t.Errorf("%s: <img src=%s> claims %d×%d, the file is %d×%d", path, src, w, h, got[0], got[1])
				}
				claims++
				for _, cand := range strings.Split(img.AttrOr("srcset", ""), ",") {
					f := strings.Fields(cand)
					if len(f) != 2 {
						continue
					}
					w, _ := strconv.Atoi(strings.TrimSuffix(f[1], "w"))
					if got := size(f[0]); got[0] != w {
						t.Errorf("%s: srcset claims %s is %dw, the file is %d wide", path, f[0], w, got[0])
					}
					claims++
				}
			})
			if og := attr(doc, `meta[property="og:image"]`, "content"); og != "" {
				w, _ := strconv.Atoi(attr(doc, `meta[property="og:image:width"]`, "content"))
				h, _ := strconv.Atoi(attr(doc, `meta[property="og:image:height"]`, "content"))
				if got := size(og); got != [2]int{w, h} {
					t.Errorf("%s: og:image claims %d×%d, the file is %d×%d", path, w, h, got[0], got[1])
				}
				claims++
			}
			doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, sc *goquery.Selection) {
				var v any
				if err := json.Unmarshal([]byte(sc.Text()), &v); err != nil {
					t.Fatal(err)
				}
				walkLD(v, func(o map[string]any) {
					u, _ := o["url"].(string)
					w, hasW := o["width"].(float64)
					h, hasH := o["height"].(float64)
					if !hasW && !hasH {
						return
					}
					if got := size(u); got != [2]int{int(w), int(h)} {
						t.Errorf("%s: JSON-LD claims %s is %v×%v, the file is %d×%d", path, u, w, h, got[0], got[1])
					}
					claims++
				})
			})
		}
	}
	if claims < 30 {
		t.Errorf("only %d size claims checked: the pages lost their images", claims)
	}
}

func walkLD(v any, fn func(map[string]any)) {
	switch x := v.(type) {
	case map[string]any:
		fn(x)
		for _, e := range x {
			walkLD(e, fn)
		}
	case []any:
		for _, e := range x {
			walkLD(e, fn)
		}
	}
}

// checkPartnerMarksFollowThePagesLanguage checks that a partner without an
// uploaded logo is shown by a mark drawn from its short name in the page's
// language, described in that language, and that an uploaded logo wins.
func checkPartnerMarksFollowThePagesLanguage(t *testing.T, s *site) {
	for _, c := range []struct {
		lang, cass, riac, altWord string
	}{
		{"ru", "КАОН", "РСМД", "Знак"},
		{"zh", "中国社科院", "俄罗斯国际事务委员会", "标志"},
		{"en", "CASS", "RIAC", "mark"},
	} {
		doc := s.page("/"+c.lang+"/partners/riac", 200)
		img := doc.Find("header img.logo")
		src := img.AttrOr("src", "")
		if !strings.Contains(img.AttrOr("alt", ""), c.altWord) || !strings.Contains(img.AttrOr("alt", ""), c.riac) {
			t.Errorf("%s: mark alt %q, want it in the page's language naming %s", c.lang, img.AttrOr("alt", ""), c.riac)
		}
		for slug, want := range map[string]string{"riac": c.riac, "cass": c.cass} {
			src = "/" + c.lang + "/partners/" + slug + "/mark.svg"
			resp := s.get(src)
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/svg+xml" {
				t.Fatalf("%s: %d %s", src, resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			var texts []string
			dec := xml.NewDecoder(bytes.NewReader(body))
			for {
				tok, err := dec.Token()
				if err != nil {
					break
				}
				if cd, ok := tok.(xml.CharData); ok && strings.TrimSpace(string(cd)) != "" {
					texts = append(texts, string(cd))
				}
			}
			if got := strings.Join(texts, ""); got != want {
				t.Errorf("%s reads %q, want %q", src, got, want)
			}
			for _, latin := range []string{"CASS", "RIAC"} {
				if c.lang != "en" && bytes.Contains(body, []byte(latin)) {
					t.Errorf("%s has %s in Latin letters", src, latin)
				}
			}
		}
		home := s.page("/"+c.lang+"/", 200)
		if got := attr(home, ".partner-list img.logo", "src"); got != "/"+c.lang+"/partners/cass/mark.svg" {
			t.Errorf("%s home: partner mark %q", c.lang, got)
		}
	}
	// A real logo, once uploaded, is shown instead, and claimed as the
	// organisation's logo; its alt text names the partner as approved,
	// not as the media library describes the image.
	png := pngBytes(t, 300, 100)
	im, err := mediaStore(s).Add(context.Background(), s.db, bytes.NewReader(png), mediaMeta("Logo of RIAC"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(context.Background(), `UPDATE partners SET logo_id = ? WHERE slug = 'riac'`, im.ID); err != nil {
		t.Fatal(err)
	}
	doc := s.page("/ru/partners/riac", 200)
	img := doc.Find("header img.logo")
	if img.AttrOr("src", "") != "/media/"+im.BlobKey || img.AttrOr("width", "") != "300" || img.AttrOr("height", "") != "100" || img.AttrOr("alt", "") != "Логотип «Российский совет по международным делам»" {
		t.Errorf("uploaded logo shown as %v", img.Nodes[0].Attr)
	}
	if ld := jsonLD(t, doc); ld["logo"] != "https://forum.example.org/media/"+im.BlobKey {
		t.Errorf("JSON-LD logo %v", ld["logo"])
	}
	if ld := jsonLD(t, s.page("/ru/partners/cass", 200)); ld["logo"] != nil {
		t.Errorf("a drawn mark is claimed as the organisation's logo: %v", ld["logo"])
	}
}

// checkForumsList checks the list of all published forums in every language.
func checkForumsList(t *testing.T, s *site) {
	for l, title := range map[string]string{"zh": "中俄高端智库论坛", "ru": "Российско-китайский форум высокого уровня аналитических центров", "en": "China–Russia High-Level Think Tank Forum"} {
		doc := s.page("/"+l+"/forums", 200)
		if got := text(doc, ".forum-cards h2 a"); got != title {
			t.Errorf("%s: first forum %q, want %q", l, got, title)
		}
		if got := attr(doc, ".forum-cards h2 a", "href"); got != "/"+l+forumPath {
			t.Errorf("%s: forum link %q", l, got)
		}
		if got := attr(doc, `nav.sections a[aria-current="page"]`, "href"); got != "/"+l+"/forums" {
			t.Errorf("%s: the menu marks %q as current", l, got)
		}
	}
	// Eleven more forums make a second page, linked both ways.
	ctx := context.Background()
	for i := range 11 {
		day := time.Date(2010+i, 5, 1, 9, 0, 0, 0, time.UTC)
		f := &forum.Forum{Slug: fmt.Sprintf("old-%d", i), Title: lang.New("en", map[string]string{"en": fmt.Sprintf("Forum of %d", 2010+i)}),
			StartsAt: day, EndsAt: day.Add(time.Hour), TimeZone: "UTC", Languages: []string{"en"}, Published: true}
		if err := forum.AddForum(ctx, s.db, f); err != nil {
			t.Fatal(err)
		}
	}
	if err := forum.AddForum(ctx, s.db, &forum.Forum{Slug: "draft", Title: lang.New("en", map[string]string{"en": "Unpublished"}),
		StartsAt: time.Now(), EndsAt: time.Now(), TimeZone: "UTC", Languages: []string{"en"}}); err != nil {
		t.Fatal(err)
	}
	first := s.page("/ru/forums", 200)
	if n := first.Find(".forum-cards > li").Length(); n != 10 {
		t.Errorf("first page has %d forums, want 10", n)
	}
	if got := text(first, "header.page-head .kicker"); got != "12\u00a0форумов" {
		t.Errorf("count %q", got)
	}
	next := attr(first, `nav.pager a[rel=next]`, "href")
	if next != "/ru/forums?page=2" {
		t.Fatalf("next page link %q", next)
	}
	second := s.page(next, 200)
	if n := second.Find(".forum-cards > li").Length(); n != 2 || strings.Contains(second.Text(), "Unpublished") {
		t.Errorf("second page has %d forums: %q", n, second.Find(".forum-cards").Text())
	}
	if got := attr(second, `nav.pager a[rel=prev]`, "href"); got != "/ru/forums" {
		t.Errorf("previous page link %q", got)
	}
	if got := attr(second, "link[rel=canonical]", "href"); got != "https://forum.example.org/ru/forums?page=2" {
		t.Errorf("canonical %q", got)
	}
}

// checkForumMenu checks that every page of a forum leads to its overview,
// programme and speakers, marking the current one.
func checkForumMenu(t *testing.T, s *site) {
	for _, l := range i18n.Languages {
		for p, current := range map[string]string{forumPath: forumPath, forumPath + "/programme": forumPath + "/programme",
			forumPath + "/speakers": forumPath + "/speakers", forumPath + "/speeches/xie-fuzhan-address": ""} {
			doc := s.page("/"+l+p, 200)
			var hrefs []string
			doc.Find("header nav.sections ul.forum-nav a").Each(func(_ int, a *goquery.Selection) {
				hrefs = append(hrefs, a.AttrOr("href", ""))
			})
			want := []string{"/" + l + forumPath, "/" + l + forumPath + "/programme", "/" + l + forumPath + "/speakers"}
			if strings.Join(hrefs, " ") != strings.Join(want, " ") {
				t.Errorf("/%s%s: forum menu %q, want %q", l, p, hrefs, want)
			}
			got := attr(doc, `ul.forum-nav a[aria-current="page"]`, "href")
			if current != "" && got != "/"+l+current || current == "" && got != "" {
				t.Errorf("/%s%s: forum menu marks %q as current", l, p, got)
			}
		}
		if s.page("/"+l+"/news", 200).Find("ul.forum-nav").Length() != 0 {
			t.Errorf("/%s/news has a forum menu", l)
		}
	}
}

type sitemapDoc struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
		Links   []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

// checkSitemapAndRobots checks that the sitemap lists every public page in
// every language, each page answering 200 with the same alternates as the
// sitemap gives it, and that robots.txt points at it.
func checkSitemapAndRobots(t *testing.T, s *site) {
	resp := s.get("/robots.txt")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") ||
		!strings.Contains(string(body), "\nSitemap: https://forum.example.org/sitemap.xml\n") || !strings.HasPrefix(string(body), "User-agent: *\n") {
		t.Errorf("robots.txt: %d %q", resp.StatusCode, body)
	}

	resp = s.get("/sitemap.xml")
	if ct := resp.Header.Get("Content-Type"); ct != "application/xml; charset=utf-8" {
		t.Errorf("sitemap content type %q", ct)
	}
	var sm sitemapDoc
	if err := xml.NewDecoder(resp.Body).Decode(&sm); err != nil {
		t.Fatal(err)
	}
	locs := map[string]string{}
	for _, u := range sm.URLs {
		locs[u.Loc] = u.Lastmod
		if u.Lastmod != "" {
			if _, err := time.Parse(time.RFC3339, u.Lastmod); err != nil {
				t.Errorf("%s: lastmod %q", u.Loc, u.Lastmod)
			}
		}
		path := strings.TrimPrefix(u.Loc, "https://forum.example.org")
		doc := s.page(path, 200)
		want := map[string]string{}
		doc.Find("link[rel=alternate][hreflang]").Each(func(_ int, l *goquery.Selection) {
			want[l.AttrOr("hreflang", "")] = l.AttrOr("href", "")
		})
		got := map[string]string{}
		for _, l := range u.Links {
			got[l.Hreflang] = l.Href
		}
		if len(got) != 4 || fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: sitemap alternates %v, the page's %v", u.Loc, got, want)
		}
		if doc.Find(`meta[name=robots][content=noindex]`).Length() != 0 {
			t.Errorf("%s: in the sitemap but noindex", u.Loc)
		}
	}
	for _, l := range i18n.Languages {
		for _, p := range []string{"/", "/forums", forumPath, forumPath + "/programme", forumPath + "/speakers", forumPath + "/speeches/igor-ivanov-address",
			"/people/wang-yi", "/people/igor-ivanov", "/news", "/news/forum-marks-treaty-anniversary", "/news/collected-works-released", "/partners", "/partners/cass", "/partners/riac"} {
			if _, ok := locs["https://forum.example.org/"+l+p]; !ok {
				t.Errorf("sitemap lacks /%s%s", l, p)
			}
		}
	}
	// Home, forums, the forum with its programme and speakers, four
	// speeches, four speakers, news, two posts, partners and two
	// partners, in three languages.
	if n := len(sm.URLs); n != 3*19 {
		t.Errorf("sitemap has %d URLs, want %d", n, 3*19)
	}
	for p, want := range map[string]string{
		"/en/news/forum-marks-treaty-anniversary": "2021-06-18T",
		"/en" + forumPath:                         "2021-06-18T", // its latest news
		"/en" + forumPath + "/programme":          "2021-06-01T08:30:00Z",
		"/en/people/wang-yi":                      "2021-06-01T07:10:00Z",
	} {
		if got := locs["https://forum.example.org"+p]; !strings.HasPrefix(got, want) {
			t.Errorf("%s: lastmod %q, want %s…", p, got, want)
		}
	}
}

// checkTopLevelFilesAreNotPages keeps the language prefixes apart from the
// top-level files.
func checkTopLevelFilesAreNotPages(t *testing.T, s *site) {
	for _, p := range []string{"/en/sitemap.xml", "/ru/robots.txt", "/zh/partners/nobody/mark.svg"} {
		if resp := s.get(p); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, resp.StatusCode)
		}
	}
}

func mediaStore(s *site) *media.Store { return &media.Store{DB: s.db, Blobs: s.blobs} }

func mediaMeta(alt string) media.Meta {
	return media.Meta{Alt: lang.New("en", map[string]string{"en": alt})}
}

// pngBytes returns a PNG of w×h pixels.
func pngBytes(t *testing.T, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkBreakHintsAreNoCharacters checks where the break hints stored in
// texts (U+200B, as between the words of the demo's Chinese partner names)
// end up: pages set them as <wbr>, a place to break that is no character of
// the text, and every other output (titles, alternative text, JSON-LD, feeds,
// calendars, the sitemap) leaves them out.
func checkBreakHintsAreNoCharacters(t *testing.T, s *site) {
	ctx := context.Background()
	// A session and a speech with hints in every language, for the
	// calendar, which names no partner.
	hinted := lang.New("en", map[string]string{"zh": "纪念\u200b文集\u200b发布", "ru": "Пре\u200bзентация", "en": "Pre\u200bsentation"})
	for _, q := range []string{`UPDATE sessions SET title = ?`, `UPDATE speeches SET title = ?`} {
		if _, err := s.db.Exec(ctx, q, hinted); err != nil {
			t.Fatal(err)
		}
	}
	paths := []string{"/sitemap.xml"}
	for _, l := range i18n.Languages {
		for _, p := range []string{"/", "/forums", forumPath, forumPath + "/programme", forumPath + "/programme.ics", forumPath + "/speakers",
			forumPath + "/speeches/wang-yi-video-address", "/people/xie-fuzhan", "/news", "/news.atom", "/news/forum-marks-treaty-anniversary",
			"/partners", "/partners/cass", "/partners/riac", "/partners/riac/mark.svg", "/no-such-page"} {
			paths = append(paths, "/"+l+p)
		}
	}
	for _, p := range paths {
		body, _ := io.ReadAll(s.get(p).Body)
		if i := bytes.IndexRune(body, lang.BreakHint); i >= 0 {
			t.Errorf("%s: a break hint at byte %d: %q", p, i, body[max(0, i-60):min(len(body), i+60)])
		}
	}
	doc := s.page("/zh/partners", 200)
	brand, _ := doc.Find("header a.brand").Html()
	for _, want := range []string{"中国<wbr/>社科院", "俄罗斯<wbr/>国际事务<wbr/>委员会"} {
		if !strings.Contains(brand, want) {
			t.Errorf("header %q does not set %q", brand, want)
		}
	}
	if got := strings.TrimSpace(doc.Find("title").Text()); !strings.HasSuffix(got, "中国社科院 · 俄罗斯国际事务委员会") {
		t.Errorf("title %q", got)
	}
	resp := s.get("/zh" + forumPath + "/programme.ics")
	body, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(body), "SUMMARY;LANGUAGE=zh:纪念文集发布\r\n") {
		t.Errorf("calendar does not name the session 纪念文集发布:\n%s", body)
	}
	// The short name is the full one in Chinese: no alternate name
	// repeats it.
	if ld := jsonLD(t, s.page("/zh/partners/riac", 200)); ld["name"] != "俄罗斯国际事务委员会" || ld["alternateName"] != nil {
		t.Errorf("JSON-LD names %q, %q", ld["name"], ld["alternateName"])
	}
	if ld := jsonLD(t, s.page("/ru/partners/riac", 200)); ld["alternateName"] != "РСМД" {
		t.Errorf("JSON-LD alternate name in Russian %q, want РСМД", ld["alternateName"])
	}
}

// looseUnits finds, in a page's text, a time, a date or a number with its
// counter or unit written in any of the site's languages: what a line must
// never break inside.
var looseUnits = regexp.MustCompile(`\d{1,2}:\d{2}|\d{4}年|\d{1,2}月\d{1,2}日|\d+[篇位个场条页]|\d{1,2}[\s\x{00a0}]+(?:January|February|March|April|May|June|July|August|September|October|November|December)|` +
	`\d{1,2}[\s\x{00a0}]+(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря)|\d+-лет|\d+\s?(?:%|°C|km|км|млн)`)

// checkDatesAndTimesAreKeptWhole checks every kind of page in every language
// for a date, time, time range or number with its unit that is not kept on
// one line (in an element of class "nw"), whether the site wrote it or an
// author did (the programme's note gives the forum's date).
func checkDatesAndTimesAreKeptWhole(t *testing.T, s *site) {
	kept := 0
	for _, l := range i18n.Languages {
		for _, p := range pageTypes {
			path := "/" + l + p.path
			doc := s.page(path, p.status)
			doc.Find(".nw").Each(func(_ int, e *goquery.Selection) {
				if e.Find(".nw").Length() > 0 {
					t.Errorf("%s: kept text inside kept text: %s", path, e.Text())
				}
				kept++
			})
			doc.Find(".nw, script, style, title").Remove()
			if m := looseUnits.FindAllString(doc.Find("body").Text(), -1); len(m) > 0 {
				t.Errorf("%s: %q may break across lines", path, m)
			}
		}
	}
	if kept < 100 {
		t.Errorf("only %d kept texts on all pages", kept)
	}
}
