package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

const forumPath = "/forums/" + demo.ForumSlug

// site is the demo site served for a test.
type site struct {
	t     *testing.T
	db    *store.DB
	blobs blob.Store
	srv   *httptest.Server
}

func newSite(t *testing.T, db *store.DB, cached bool) *site {
	t.Helper()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	h := demoHandlerWith(t, db, blobs, cached)
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return &site{t: t, db: db, blobs: blobs, srv: ts}
}

// demoHandler loads the demo into db and returns the site's handler.
func demoHandler(t testing.TB, db *store.DB, cached bool) http.Handler {
	t.Helper()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return demoHandlerWith(t, db, blobs, cached)
}

func demoHandlerWith(t testing.TB, db *store.DB, blobs blob.Store, cached bool) http.Handler {
	t.Helper()
	if err := demo.Load(context.Background(), db, blobs); err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: "https://forum.example.org", NoCache: !cached, Logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}

// eachSite runs fn against the demo site on every database.
func eachSite(t *testing.T, fn func(t *testing.T, s *site)) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fn(t, newSite(t, db, false))
	})
}

func (s *site) get(path string, header ...string) *http.Response {
	s.t.Helper()
	req, err := http.NewRequest("GET", s.srv.URL+path, nil)
	if err != nil {
		s.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	s.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// page fetches path, checks its status and parses it.
func (s *site) page(path string, status int, header ...string) *goquery.Document {
	s.t.Helper()
	resp := s.get(path, header...)
	if resp.StatusCode != status {
		body, _ := io.ReadAll(resp.Body)
		s.t.Fatalf("GET %s: status %d, want %d\n%.2000s", path, resp.StatusCode, status, body)
	}
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return doc
}

func text(doc *goquery.Document, sel string) string {
	return strings.TrimSpace(doc.Find(sel).First().Text())
}

func attr(doc *goquery.Document, sel, name string) string {
	v, _ := doc.Find(sel).First().Attr(name)
	return v
}

func TestEveryPageInEveryLanguage(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		pages := []string{
			"/", forumPath, forumPath + "/programme", forumPath + "/speakers",
			forumPath + "/speeches/wang-yi-video-address", "/people/sergey-lavrov",
			"/news", "/news/forum-marks-treaty-anniversary", "/partners", "/partners/riac", "/forums",
		}
		for _, l := range []string{"zh", "ru", "en"} {
			for _, p := range pages {
				path := "/" + l + p
				doc := s.page(path, 200)
				if got := attr(doc, "html", "lang"); got != i18n.Locale(l) {
					t.Errorf("%s: <html lang=%q>, want %q", path, got, i18n.Locale(l))
				}
				if got := attr(doc, `link[rel=canonical]`, "href"); got != "https://forum.example.org"+path {
					t.Errorf("%s: canonical %q", path, got)
				}
				for _, other := range []string{"zh", "ru", "en"} {
					want := "https://forum.example.org/" + other + p
					if got := attr(doc, `link[rel=alternate][hreflang=`+other+`]`, "href"); got != want {
						t.Errorf("%s: hreflang %s = %q, want %q", path, other, got, want)
					}
					if got := attr(doc, `nav.langs a[hreflang=`+other+`]`, "href"); got != "/"+other+p {
						t.Errorf("%s: switcher to %s leads to %q", path, other, got)
					}
				}
				if got := attr(doc, `nav.langs a[aria-current]`, "hreflang"); got != l {
					t.Errorf("%s: switcher marks %q as current", path, got)
				}
				if attr(doc, `meta[property="og:title"]`, "content") == "" || attr(doc, `meta[property="og:url"]`, "content") != "https://forum.example.org"+path {
					t.Errorf("%s: Open Graph title or url missing", path)
				}
				if doc.Find("main#main h1").Length() != 1 {
					t.Errorf("%s: want exactly one h1 in main", path)
				}
				if doc.Find("header nav[aria-label]").Length() != 2 || doc.Find("footer").Length() != 1 {
					t.Errorf("%s: landmarks missing", path)
				}
				doc.Find("img").Each(func(_ int, img *goquery.Selection) {
					if _, ok := img.Attr("alt"); !ok {
						t.Errorf("%s: image %v without alt", path, img.AttrOr("src", ""))
					}
				})
				// The one script is the site's own phrase breaker, which
				// the page does without.
				doc.Find("script:not([type='application/ld+json'])").Each(func(_ int, sc *goquery.Selection) {
					if src := sc.AttrOr("src", ""); !strings.HasPrefix(src, "/assets/phrases.") || sc.AttrOr("defer", "x") != "" || strings.TrimSpace(sc.Text()) != "" {
						t.Errorf("%s: page has a script other than the deferred phrase breaker: %v", path, src)
					}
				})
			}
		}
	})
}

// jsonLD returns the page's JSON-LD object.
func jsonLD(t *testing.T, doc *goquery.Document) map[string]any {
	t.Helper()
	raw := doc.Find(`script[type="application/ld+json"]`).First().Text()
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, raw)
	}
	return v
}

func TestForumPage(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		doc := s.page("/ru"+forumPath, 200)
		hosts := doc.Find("ul.hosts li a")
		if hosts.Length() != 2 || strings.TrimSpace(hosts.Eq(0).Text()) != "Китайская академия общественных наук" ||
			strings.TrimSpace(hosts.Eq(1).Text()) != "Российский совет по международным делам" {
			t.Errorf("hosts: %q", hosts.Text())
		}
		if got := text(doc, ".facts div:nth-child(1) dd"); got != "вторник, 1 июня 2021 г." {
			t.Errorf("date %q", got)
		}
		if got := text(doc, ".facts div:nth-child(2) dd"); !strings.Contains(got, "UTC+3") {
			t.Errorf("time zone %q", got)
		}
		if got := text(doc, "#programme-title + p"); got != "2\u00a0заседания · 4\u00a0выступления · 4\u00a0выступающих" {
			t.Errorf("counts %q", got)
		}

		ld := jsonLD(t, doc)
		if ld["@type"] != "Event" || ld["startDate"] != "2021-06-01T10:00:00+03:00" {
			t.Errorf("JSON-LD event: %v %v", ld["@type"], ld["startDate"])
		}
		// Two sessions, the addresses and the presentation of the Collected
		// Works (which has no speeches), each an event; the four speeches
		// are events of the first.
		subs, _ := ld["subEvent"].([]any)
		if len(subs) != 2 {
			t.Fatalf("JSON-LD: %d sub-events, want the 2 sessions", len(subs))
		}
		first, last := subs[0].(map[string]any), subs[1].(map[string]any)
		if first["name"] != "Выступления к 20-летию договора" || first["startDate"] != "2021-06-01T10:00:00+03:00" || first["endDate"] != "2021-06-01T10:50:00+03:00" {
			t.Errorf("first sub-event %v, want the addresses from 10:00 to 10:50", first)
		}
		if last["name"] != "Презентация сборника трудов" || last["startDate"] != "2021-06-01T11:00:00+03:00" || last["subEvent"] != nil {
			t.Errorf("last sub-event %v, want the presentation at 11:00, without speeches", last)
		}
		speeches, _ := first["subEvent"].([]any)
		if len(speeches) != 4 {
			t.Fatalf("JSON-LD: the addresses have %d speeches, want 4", len(speeches))
		}
		if perf := speeches[0].(map[string]any)["performer"].(map[string]any); perf["@type"] != "Person" || perf["name"] != "Ван И" {
			t.Errorf("first speech performer %v", perf)
		}
		orgs, _ := ld["organizer"].([]any)
		if len(orgs) != 2 || orgs[0].(map[string]any)["name"] != "Китайская академия общественных наук" {
			t.Errorf("JSON-LD organizers %v", orgs)
		}
		if ld["eventAttendanceMode"] != "https://schema.org/OnlineEventAttendanceMode" {
			t.Errorf("attendance mode %v", ld["eventAttendanceMode"])
		}
	})
}

func TestMissingTranslationShowsSourceWithNotice(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		// The demo's collection description exists in zh and ru only.
		doc := s.page("/en"+forumPath, 200)
		c := doc.Find("article.collection")
		notice := strings.TrimSpace(c.Find("p.notice").Text())
		if !strings.Contains(notice, "English") || !strings.Contains(notice, "Chinese") {
			t.Errorf("notice %q should say the English text is missing and the Chinese original is shown", notice)
		}
		prose := c.Find("div.prose")
		if prose.AttrOr("lang", "") != "zh" || strings.TrimSpace(prose.Text()) == "" {
			t.Errorf("source text: lang=%q, text %q", prose.AttrOr("lang", ""), prose.Text())
		}
		// In Russian the translation exists: no notice, no lang override.
		doc = s.page("/ru"+forumPath, 200)
		c = doc.Find("article.collection")
		if c.Find("p.notice").Length() != 0 || c.Find("div.prose[lang]").Length() != 0 {
			t.Error("Russian page shows a missing-translation notice for a complete translation")
		}
		if !strings.Contains(c.Find("div.prose").Text(), "Сборник") {
			t.Errorf("Russian description %q", c.Find("div.prose").Text())
		}
	})
}

func TestProgrammeInForumTimeZone(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for l, want := range map[string]string{"en": "All times are Moscow Standard Time (UTC+3).", "ru": "Указано московское время (UTC+3).", "zh": "以下时间均为莫斯科时间（UTC+3）。"} {
			if got := text(s.page("/"+l+forumPath+"/programme", 200), "p.zone"); got != want {
				t.Errorf("%s zone line %q, want %q", l, got, want)
			}
		}
		doc := s.page("/zh"+forumPath+"/programme", 200)
		var times, names []string
		doc.Find("li.speech-item").Each(func(_ int, li *goquery.Selection) {
			times = append(times, strings.TrimSpace(li.Find("time").First().Text()))
			names = append(names, strings.TrimSpace(li.Find("a.person-name").Text()))
		})
		wantTimes := []string{"10:00", "10:10", "10:20", "10:35"}
		wantNames := []string{"王毅", "谢尔盖·拉夫罗夫", "谢伏瞻", "伊戈尔·伊万诺夫"}
		if strings.Join(times, " ") != strings.Join(wantTimes, " ") || strings.Join(names, " ") != strings.Join(wantNames, " ") {
			t.Errorf("programme: %v %v", times, names)
		}
		if got := attr(doc, "li.speech-item time", "datetime"); got != "2021-06-01T10:00:00+03:00" {
			t.Errorf("machine-readable time %q", got)
		}
		if got := text(doc, "li.speech-item .tag.delivery-video"); got != "视频录播" {
			t.Errorf("delivery tag %q", got)
		}
		href := attr(doc, "li.speech-item h3 a", "href")
		speech := s.page(href, 200)
		if got := text(speech, "h1"); got != "王毅视频致辞" {
			t.Errorf("speech title %q", got)
		}
		if got := text(speech, "#text-title + p.empty"); got == "" {
			t.Error("speech page should say the text is not published")
		}
		if speech.Find(`nav.speech-pager a[rel=prev]`).Length() != 0 ||
			attr(speech, `nav.speech-pager a[rel=next]`, "href") != "/zh"+forumPath+"/speeches/sergey-lavrov-video-address" {
			t.Errorf("first speech: prev/next links %q", speech.Find("nav.speech-pager").Text())
		}
		ld := jsonLD(t, speech)
		if ld["@type"] != "Event" || ld["superEvent"] == nil || ld["inLanguage"] != "zh" {
			t.Errorf("speech JSON-LD %v", ld)
		}
	})
}

func TestSpeakersSortedTheReadersWay(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, c := range []struct {
			lang string
			want []string
		}{
			// pinyin: Lāfūluōfū, Wáng, Xiè, Yīwànnuòfū
			{"zh", []string{"谢尔盖·拉夫罗夫", "王毅", "谢伏瞻", "伊戈尔·伊万诺夫"}},
			{"ru", []string{"Ван И", "Игорь Сергеевич Иванов", "Сергей Викторович Лавров", "Се Фучжань"}},
			{"en", []string{"Igor Ivanov", "Sergey Lavrov", "Wang Yi", "Xie Fuzhan"}},
		} {
			doc := s.page("/"+c.lang+forumPath+"/speakers", 200)
			var got []string
			doc.Find("ul.people a.person-name").Each(func(_ int, a *goquery.Selection) {
				got = append(got, strings.TrimSpace(a.Text()))
			})
			if strings.Join(got, "|") != strings.Join(c.want, "|") {
				t.Errorf("%s speakers %q, want %q", c.lang, got, c.want)
			}
		}
	})
}

func TestPersonPage(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		doc := s.page("/en/people/wang-yi", 200)
		if got := text(doc, "h1"); got != "Wang Yi" {
			t.Errorf("h1 %q", got)
		}
		if got := attr(doc, "p.other-name[lang=zh]", "lang"); got != "zh" || text(doc, "p.other-name[lang=zh]") != "王毅" {
			t.Errorf("Chinese form of the name missing: %q", text(doc, "p.other-name"))
		}
		ld := jsonLD(t, doc)
		if ld["@type"] != "Person" || ld["familyName"] != "Wang" || ld["jobTitle"] == nil {
			t.Errorf("Person JSON-LD %v", ld)
		}
	})
}

func TestNewsPostAndPartner(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		doc := s.page("/ru/news/forum-marks-treaty-anniversary", 200)
		ld := jsonLD(t, doc)
		if ld["@type"] != "NewsArticle" || ld["datePublished"] == nil || ld["inLanguage"] != "ru" {
			t.Errorf("NewsArticle JSON-LD %v", ld)
		}
		img, _ := ld["image"].(map[string]any)
		if img["caption"] == nil || img["creditText"] == nil {
			t.Errorf("image caption or credit missing in JSON-LD: %v", img)
		}
		fig := doc.Find("figure.figure")
		if got := strings.TrimSpace(fig.Find(".label").Text()); got != "Иллюстрация" {
			t.Errorf("illustration label %q", got)
		}
		if fig.Find("img").AttrOr("alt", "") == "" || !strings.Contains(fig.Find("img").AttrOr("srcset", ""), "480w") {
			t.Errorf("figure image: alt %q srcset %q", fig.Find("img").AttrOr("alt", ""), fig.Find("img").AttrOr("srcset", ""))
		}
		if doc.Find("div.prose p").Length() < 2 {
			t.Error("news body should have paragraphs")
		}
		src := fig.Find("img").AttrOr("src", "")
		if resp := s.get(src); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" {
			t.Errorf("GET %s: %d %s", src, resp.StatusCode, resp.Header.Get("Content-Type"))
		}

		doc = s.page("/zh/partners/riac", 200)
		ld = jsonLD(t, doc)
		if ld["@type"] != "Organization" || ld["name"] != "俄罗斯国际事务委员会" {
			t.Errorf("Organization JSON-LD %v", ld)
		}
	})
}

// TestBylineKeepsTheSourcesName checks a news post's byline in each
// language: the source's name in quotation marks is kept whole (class
// "kw"), and a label ending in a full-width mark is not followed by a space
// as well.
func TestBylineKeepsTheSourcesName(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, c := range []struct{ lang, byline, kept, related string }{
			{"zh", "北京 · 2021年6月18日 · 来源：《中国社会科学报》", "《中国社会科学报》", "相关论坛：中俄高端智库论坛"},
			{"ru", "Пекин · 18 июня 2021 г. · Источник: «Китайская газета общественных наук»", "«Китайская газета общественных наук»",
				"О форуме: Российско-китайский форум высокого уровня аналитических центров"},
			{"en", "Beijing · 18 June 2021 · Source: Chinese Social Sciences Today", "", "About the forum: China–Russia High-Level Think Tank Forum"},
		} {
			doc := s.page("/"+c.lang+"/news/collected-works-released", 200)
			meta := doc.Find("article .page-head p.meta")
			if got := strings.Join(strings.Fields(meta.Text()), " "); got != c.byline {
				t.Errorf("%s byline %q, want %q", c.lang, got, c.byline)
			}
			if got := meta.Find(".kw").Text(); got != c.kept {
				t.Errorf("%s byline keeps %q whole, want %q", c.lang, got, c.kept)
			}
			if got := strings.Join(strings.Fields(text(doc, "p.related")), " "); got != c.related {
				t.Errorf("%s related forum %q, want %q", c.lang, got, c.related)
			}
			if doc.Find(".prose .kw, .standfirst .kw").Length() > 0 {
				t.Errorf("%s: running text keeps a title whole", c.lang)
			}
		}
	})
}

func TestErrorPagesInTheReadersLanguage(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, c := range []struct {
			path   string
			status int
			lang   string
			header []string
		}{
			{"/ru/forums/no-such-forum", 404, "ru", nil},
			{"/zh" + forumPath + "/speeches/nobody", 404, "zh", nil},
			{"/en/people/nobody", 404, "en", nil},
			{"/de/forums/x", 404, "ru", []string{"Accept-Language", "ru-RU,ru;q=0.9"}},
			{"/xx", 404, "zh", []string{"Accept-Language", "zh-CN"}},
			{"/ru/news?page=abc", 400, "ru", nil},
			{"/zh/news?page=0", 400, "zh", nil},
			{"/en/news?page=%zz", 400, "en", nil},
			{"/ru/news?page=99", 404, "ru", nil},
			{"/en/news/%ff%fe", 404, "en", nil},
		} {
			doc := s.page(c.path, c.status, c.header...)
			if got := attr(doc, "html", "lang"); got != i18n.Locale(c.lang) {
				t.Errorf("%s: error page in %q, want %q", c.path, got, i18n.Locale(c.lang))
			}
			if text(doc, "h1") == "" || doc.Find(`meta[name=robots][content=noindex]`).Length() != 1 {
				t.Errorf("%s: error page without a heading or noindex", c.path)
			}
		}
		// A malformed query on a page that takes none is ignored, not an error.
		s.page("/en/partners?x=1", 200)
		if resp := s.get("/en/partners?%zz"); resp.StatusCode != 400 {
			t.Errorf("malformed query: %d, want 400", resp.StatusCode)
		}
	})
}

func TestRootChoosesLanguage(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, c := range []struct {
			header []string
			want   string
		}{
			{[]string{"Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5"}, "/ru/"},
			{[]string{"Accept-Language", "zh-CN,zh;q=0.9"}, "/zh/"},
			{[]string{"Accept-Language", "de-DE"}, "/en/"},
			{nil, "/en/"},
			{[]string{"Accept-Language", "ru", "Cookie", "lang=zh"}, "/zh/"},
			{[]string{"Cookie", "lang=xx", "Accept-Language", "ru"}, "/ru/"},
		} {
			resp := s.get("/", c.header...)
			if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != c.want {
				t.Errorf("GET / with %q: %d → %q, want %q", c.header, resp.StatusCode, resp.Header.Get("Location"), c.want)
			}
		}
		// Reading a page in a language remembers it.
		resp := s.get("/ru/news")
		var got string
		for _, ck := range resp.Cookies() {
			if ck.Name == "lang" {
				got = ck.Value
			}
		}
		if got != "ru" {
			t.Errorf("language cookie %q after reading a Russian page", got)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, path := range []string{"/en/", "/en/nope", "/healthz"} {
			resp := s.get(path)
			csp := resp.Header.Get("Content-Security-Policy")
			if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") && !strings.Contains(csp, "style-src 'unsafe-inline'") || !strings.Contains(csp, "frame-ancestors 'none'") {
				t.Errorf("%s: CSP %q", path, csp)
			}
			if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
				t.Errorf("%s: nosniff or referrer policy missing", path)
			}
		}
		doc := s.page("/en/", 200)
		css := attr(doc, `link[rel=stylesheet]`, "href")
		resp := s.get(css)
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
			t.Errorf("asset %s: %d %q %q", css, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
		}
	})
}

// TestNoQueriesPerProgrammeItem checks that the forum and programme pages cost
// the same number of queries however long the programme is.
func TestNoQueriesPerProgrammeItem(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		s := newSite(t, db, false)
		paths := []string{"/en" + forumPath, "/en" + forumPath + "/programme", "/en" + forumPath + "/programme.ics", "/en" + forumPath + "/speakers"}
		count := func(path string) int64 {
			before := db.QueryCount()
			s.page(path, 200)
			return db.QueryCount() - before
		}
		before := map[string]int64{}
		for _, p := range paths {
			before[p] = count(p)
		}
		addSpeeches(t, db, 30)
		for _, p := range paths {
			if after := count(p); after != before[p] {
				t.Errorf("%s: %d queries with 4 speeches, %d with 34", p, before[p], after)
			}
		}
	})
}

// TestCalendar checks that every item of the programme is an event: each
// session, the 10:00 addresses and the 11:00 presentation of the Collected
// Works (which has no speeches), and each speech, linked to its session as
// its parent; and that each language sets off a speaker's position with its
// own comma.
func TestCalendar(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, c := range []struct {
			lang                   string
			addresses, first       string
			presentation           string
			lavrov                 string
			notInLavrovDescription string
		}{
			{"ru", "Выступления к 20-летию договора", "Видеообращение Ван И", "Презентация сборника трудов", `Сергей Викторович Лавров\, министр иностранных дел Российской Федерации`, ""},
			{"en", "Addresses on the Treaty's 20th anniversary", "Video address by Wang Yi", "Presentation of the Collected Works", `Sergey Lavrov\, Minister of Foreign Affairs of the Russian Federation`, ""},
			{"zh", "条约签署二十周年致辞", "王毅视频致辞", "纪念文集发布", `谢尔盖·拉夫罗夫，俄罗斯联邦外交部长`, `\,`},
		} {
			resp := s.get("/" + c.lang + forumPath + "/programme.ics")
			if ct := resp.Header.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
				t.Errorf("content type %q", ct)
			}
			body, _ := io.ReadAll(resp.Body)
			checkICalendar(t, string(body))
			events := parseICalendar(t, string(body))
			if len(events) != 6 {
				t.Fatalf("%s: %d events, want 6 (two sessions and four speeches)", c.lang, len(events))
			}
			summary := "SUMMARY;LANGUAGE=" + c.lang
			addresses := events[0]
			if addresses["DTSTART"] != "20210601T070000Z" || addresses["DTEND"] != "20210601T075000Z" || addresses[summary] != c.addresses ||
				!strings.HasPrefix(addresses["UID"], "session-") || addresses["RELATED-TO;RELTYPE=PARENT"] != "" {
				t.Errorf("%s: first event %v, want the addresses session from 10:00 to 10:50", c.lang, addresses)
			}
			for i, sp := range events[1:5] {
				if !strings.HasPrefix(sp["UID"], "speech-") || sp["RELATED-TO;RELTYPE=PARENT"] != addresses["UID"] {
					t.Errorf("%s: speech %d %v is not linked to its session %s", c.lang, i, sp, addresses["UID"])
				}
			}
			if events[1]["DTSTART"] != "20210601T070000Z" || events[1][summary] != c.first {
				t.Errorf("%s: first speech %v", c.lang, events[1])
			}
			last := events[5]
			if last["DTSTART"] != "20210601T080000Z" || last["DTEND"] != "20210601T083000Z" || last[summary] != c.presentation ||
				!strings.HasPrefix(last["UID"], "session-") || !strings.HasSuffix(last["URL"], "/"+c.lang+forumPath+"/programme#session-"+strings.TrimSuffix(strings.TrimPrefix(last["UID"], "session-"), "@forum.example.org")) {
				t.Errorf("%s: presentation event %v", c.lang, last)
			}
			desc := events[2]["DESCRIPTION;LANGUAGE="+c.lang]
			if !strings.HasPrefix(desc, c.lavrov) || c.notInLavrovDescription != "" && strings.Contains(desc, c.notInLavrovDescription) {
				t.Errorf("%s: description %q, want it to start with %q", c.lang, desc, c.lavrov)
			}
			// Every text in the reader's language says so.
			for i, e := range events {
				for name := range e {
					prop, params, _ := strings.Cut(name, ";")
					if (prop == "SUMMARY" || prop == "DESCRIPTION" || prop == "LOCATION" || prop == "COMMENT") && params != "LANGUAGE="+c.lang {
						t.Errorf("%s: event %d has %s, want LANGUAGE=%s", c.lang, i, name, c.lang)
					}
				}
				if e["LOCATION;LANGUAGE="+c.lang] == "" {
					t.Errorf("%s: event %d without a location in its language: %v", c.lang, i, e)
				}
			}
			if !strings.Contains(string(body), "\r\nX-WR-CALNAME;LANGUAGE="+c.lang+":") {
				t.Errorf("%s: the calendar's name does not give its language", c.lang)
			}
			uids := map[string]bool{}
			for _, e := range events {
				if uids[e["UID"]] {
					t.Errorf("%s: UID %s twice", c.lang, e["UID"])
				}
				uids[e["UID"]] = true
			}
		}
		// The speech's page places it in its session, in the forum.
		ld := jsonLD(t, s.page("/en"+forumPath+"/speeches/sergey-lavrov-video-address", 200))
		session, _ := ld["superEvent"].(map[string]any)
		forum, _ := session["superEvent"].(map[string]any)
		if session["name"] != "Addresses on the Treaty's 20th anniversary" || forum["name"] != "China–Russia High-Level Think Tank Forum" {
			t.Errorf("speech JSON-LD: part of %v, part of %v", session["name"], forum["name"])
		}
	})
}

// TestControlCharactersNeverReachOutput stores texts holding control
// characters past the checks of the writers (as data from before them would
// be) and checks that no page, feed, calendar, JSON-LD or sitemap carries
// them.
func TestControlCharactersNeverReachOutput(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		ctx := context.Background()
		dirty := func(v string) string { return `A\u0007B\u001bC\u007fD\u0085E\u0000F ` + v }
		for _, q := range []string{
			`UPDATE news_posts SET title = '{"src":"en","v":{"en":"` + dirty("title") + `","ru":"` + dirty("заголовок") + `","zh":"` + dirty("标题") + `"},"done":["en","ru","zh"]}'`,
			`UPDATE news_posts SET summary = '{"src":"en","v":{"en":"` + dirty("summary") + `"},"done":["en"]}'`,
			`UPDATE news_posts SET body = '{"src":"en","v":{"en":"` + dirty("body") + `"},"done":["en"]}'`,
			`UPDATE sessions SET title = '{"src":"en","v":{"en":"` + dirty("session") + `"},"done":["en"]}'`,
			`UPDATE speeches SET title = '{"src":"en","v":{"en":"` + dirty("speech") + `"},"done":["en"]}', summary = '{"src":"en","v":{"en":"` + dirty("summary") + `"},"done":["en"]}'`,
			`UPDATE people SET names = '{"src":"en","v":{"en":{"family":"` + dirty("Family") + `","given":"Given"}}}', position = '{"src":"en","v":{"en":"` + dirty("position") + `"},"done":["en"]}'`,
			`UPDATE partners SET short_name = '{"src":"en","v":{"en":"` + dirty("SN") + `"},"done":["en"]}'`,
			`UPDATE forums SET title = '{"src":"en","v":{"en":"` + dirty("forum") + `"},"done":["en"]}'`,
		} {
			if _, err := s.db.Exec(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		paths := []string{"/sitemap.xml", "/robots.txt"}
		for _, l := range []string{"zh", "ru", "en"} {
			for _, p := range []string{"/", "/forums", forumPath, forumPath + "/programme", forumPath + "/programme.ics", forumPath + "/speakers",
				forumPath + "/speeches/wang-yi-video-address", "/people/wang-yi", "/news", "/news.atom", "/news/forum-marks-treaty-anniversary",
				"/partners", "/partners/cass", "/partners/cass/mark.svg", "/no-such-page"} {
				paths = append(paths, "/"+l+p)
			}
		}
		for _, p := range paths {
			body, _ := io.ReadAll(s.get(p).Body)
			if err := lang.CheckPlain(string(body)); err != nil {
				t.Errorf("%s: %v", p, err)
			}
			if strings.Contains(string(body), `\u0007`) || strings.Contains(string(body), `\u001b`) {
				t.Errorf("%s: an escaped control character", p)
			}
		}
		if doc := s.page("/en/news/forum-marks-treaty-anniversary", 200); !strings.Contains(text(doc, "h1"), "ABCDEF title") {
			t.Errorf("title %q: the text around the control characters is lost", text(doc, "h1"))
		}
	})
}

func TestAtomFeed(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		resp := s.get("/zh/news.atom")
		if ct := resp.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
			t.Errorf("content type %q", ct)
		}
		feed := parseAtom(t, resp.Body)
		if feed.Lang != "zh" || len(feed.Entries) != 2 || feed.Updated == "" {
			t.Fatalf("feed lang %q, %d entries, updated %q", feed.Lang, len(feed.Entries), feed.Updated)
		}
		for _, e := range feed.Entries {
			u, err := url.Parse(e.Link.Href)
			if err != nil || !u.IsAbs() || e.ID == "" || e.Updated == "" || e.Title == "" {
				t.Errorf("entry %+v", e)
			}
		}
	})
}

func TestCachedPagesAreServedFresh(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db, true)
	first := s.get("/en/news", "Accept-Encoding", "gzip")
	if first.Header.Get("Content-Encoding") != "gzip" || first.Header.Get("ETag") == "" {
		t.Fatalf("cached page: encoding %q etag %q", first.Header.Get("Content-Encoding"), first.Header.Get("ETag"))
	}
	before := db.QueryCount()
	again := s.get("/en/news", "If-None-Match", first.Header.Get("ETag"))
	if again.StatusCode != http.StatusNotModified {
		t.Errorf("revalidation: %d, want 304", again.StatusCode)
	}
	if n := db.QueryCount() - before; n > 1 {
		t.Errorf("a cached page cost %d queries", n)
	}
}

// TestCacheFollowsContent checks that a cached page shows new content once
// the content version has been read again (at most a second later).
func TestCacheFollowsContent(t *testing.T) {
	db := storetest.SQLite(t)
	s := newSite(t, db, true)
	before := s.page("/en/news", 200)
	if n := before.Find("article.news-item").Length(); n != 2 {
		t.Fatalf("%d news items before, want 2", n)
	}
	post := &forum.NewsPost{
		Slug:        "later-news",
		Title:       lang.New("en", map[string]string{"en": "A later announcement"}),
		PublishedAt: time.Date(2021, 7, 1, 9, 0, 0, 0, time.UTC),
	}
	if err := forum.AddNewsPost(context.Background(), db, post); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond)
	after := s.page("/en/news", 200)
	if got := text(after, "article.news-item h3"); got != "A later announcement" {
		t.Errorf("first news item after the change %q, want the new post", got)
	}
}

// TestEveryRouteHasOneAddressAndTakesGETOnly checks every route of the site:
// with a trailing slash it sends the reader to its address without one
// (301, query kept), HEAD answers as GET does without a body, and any other
// method is refused with 405, an Allow header and a page in the reader's
// language. A path no route takes stays a 404 whatever its method or slash.
func TestEveryRouteHasOneAddressAndTakesGETOnly(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		home := s.page("/en/", 200)
		css := attr(home, `link[rel=stylesheet]`, "href")
		post := s.page("/en/news/forum-marks-treaty-anniversary", 200)
		media := attr(post, "figure img", "src")
		paths := []string{"/healthz", css, media, "/sitemap.xml", "/robots.txt"}
		for _, l := range i18n.Languages {
			for _, p := range []string{"/", "/forums", forumPath, forumPath + "/programme", forumPath + "/programme.ics", forumPath + "/speakers",
				forumPath + "/speeches/wang-yi-video-address", "/people/wang-yi", "/news", "/news.atom", "/news/forum-marks-treaty-anniversary",
				"/partners", "/partners/cass", "/partners/cass/mark.svg"} {
				paths = append(paths, "/"+l+p)
			}
		}
		do := func(method, path string, header ...string) (*http.Response, []byte) {
			t.Helper()
			req, err := http.NewRequest(method, s.srv.URL+path, nil)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i+1 < len(header); i += 2 {
				req.Header.Set(header[i], header[i+1])
			}
			c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := c.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			return resp, body
		}
		for _, p := range paths {
			get, getBody := do("GET", p)
			if get.StatusCode != 200 {
				t.Errorf("GET %s: %d", p, get.StatusCode)
			}
			head, headBody := do("HEAD", p)
			if head.StatusCode != get.StatusCode || head.Header.Get("Content-Type") != get.Header.Get("Content-Type") || len(headBody) != 0 {
				t.Errorf("HEAD %s: %d %q with %d bytes; GET gave %d %q", p, head.StatusCode, head.Header.Get("Content-Type"), len(headBody), get.StatusCode, get.Header.Get("Content-Type"))
			}
			if len(getBody) == 0 && get.StatusCode == 200 {
				t.Errorf("GET %s: empty body", p)
			}
			// The language the refusal is written in: the path's, or
			// else the reader's.
			want := "ru"
			if len(p) >= 3 && i18n.Supported(p[1:3]) {
				want = p[1:3]
			}
			for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS"} {
				for _, q := range []string{p, p + "/"} {
					resp, body := do(method, q, "Accept-Language", "ru-RU,ru;q=0.9")
					if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("Allow") != "GET, HEAD" {
						t.Errorf("%s %s: %d, Allow %q; want 405, Allow \"GET, HEAD\"", method, q, resp.StatusCode, resp.Header.Get("Allow"))
						continue
					}
					doc, err := goquery.NewDocumentFromReader(strings.NewReader(string(body)))
					if err != nil {
						t.Fatal(err)
					}
					if got := attr(doc, "html", "lang"); got != i18n.Locale(want) || text(doc, "h1") == "" || text(doc, ".error-page .kicker") != "405" {
						t.Errorf("%s %s: refusal in %q with heading %q, want a 405 page in %s", method, q, got, text(doc, "h1"), i18n.Locale(want))
					}
				}
			}
			redirects := []struct{ from, to string }{{p + "/", p}, {p + "//", p}, {p + "/?page=1&x=%C3%A9", p + "?page=1&x=%C3%A9"}}
			if home := strings.TrimSuffix(p, "/"); home != p {
				// A home page keeps its slash: /en and /en// lead to /en/.
				redirects = []struct{ from, to string }{{home, p}, {home + "//", p}, {home + "?x=1", p + "?x=1"}}
			}
			if i := strings.LastIndex(p, "/"); i > 0 {
				redirects = append(redirects, struct{ from, to string }{p[:i] + "//" + p[i+1:], p}, struct{ from, to string }{p[:i] + "/./" + p[i+1:], p})
			}
			for _, c := range redirects {
				for _, method := range []string{"GET", "HEAD"} {
					resp, _ := do(method, c.from)
					if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != c.to {
						t.Errorf("%s %s: %d → %q, want 301 → %q", method, c.from, resp.StatusCode, resp.Header.Get("Location"), c.to)
					}
				}
			}
		}
		// What no route takes is not found, with or without a slash,
		// whatever the method.
		for _, p := range []string{"/en/nope", "/en/nope/", "/en/forums/x/y/", "/de/forums/", "/healthz/x"} {
			for _, method := range []string{"GET", "POST"} {
				if resp, _ := do(method, p); resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s %s: %d, want 404", method, p, resp.StatusCode)
				}
			}
		}
	})
}

// TestNavigationNamesThePageItLeadsTo follows every link of the menus (but
// home and the forum's overview, whose pages are headed by their content) in
// every language and checks that the page it leads to calls itself what the
// menu calls it: in its h1, its title and its breadcrumb.
func TestNavigationNamesThePageItLeadsTo(t *testing.T) {
	eachSite(t, func(t *testing.T, s *site) {
		for _, l := range i18n.Languages {
			doc := s.page("/"+l+forumPath, 200)
			links := doc.Find("header nav.sections a").FilterFunction(func(_ int, a *goquery.Selection) bool {
				href := a.AttrOr("href", "")
				return href != "/"+l+"/" && href != "/"+l+forumPath
			})
			if links.Length() != 6 {
				t.Fatalf("%s: %d menu links to check, want 6 (forums, news, editions, partners, programme, speakers)", l, links.Length())
			}
			links.Each(func(_ int, a *goquery.Selection) {
				label := strings.TrimSpace(a.Text())
				href := a.AttrOr("href", "")
				page := s.page(href, 200)
				if h1 := text(page, "main h1"); h1 != label {
					t.Errorf("%s: the menu calls %s %q, its h1 %q", l, href, label, h1)
				}
				if title := text(page, "title"); !strings.HasPrefix(title, label+" ") {
					t.Errorf("%s: the menu calls %s %q, its title %q", l, href, label, title)
				}
				if crumb := page.Find(`nav.crumbs [aria-current="page"]`); crumb.Length() > 0 && strings.TrimSpace(crumb.Text()) != label {
					t.Errorf("%s: the menu calls %s %q, its breadcrumb %q", l, href, label, strings.TrimSpace(crumb.Text()))
				}
			})
		}
	})
}
