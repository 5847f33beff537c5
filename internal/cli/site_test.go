package cli

import (
	"bytes"
	"context"
	"fmt"
	"github.com/tandemforum/tandem/internal/typst"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/store/storetest"
)

// lockedBuffer collects a command's output while it runs.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// demoPassword is the password of the demo's office accounts in tests.
const demoPassword = "demo-password-for-tests"

// startDemo runs `tandem demo` and `tandem serve` as a user would, on a free
// loopback port, and returns the site's address. database is empty for
// SQLite in a fresh data folder.
func startDemo(t *testing.T, database string) string {
	t.Helper()
	base, _ := startDemoWith(t, database)
	return base
}

// startDemoWith is startDemo with more arguments for tandem serve; it also
// returns the data folder, for another command (tandem worker) to share.
func startDemoWith(t *testing.T, database string, serveArgs ...string) (base, data string) {
	t.Helper()
	if why := typstMissing(); why != "" {
		t.Skipf("%s (scripts/setup.sh demo installs Typst in tools/typst): tandem demo cannot build its editions", why)
	}
	data = t.TempDir()
	env := func(out *lockedBuffer) *Env {
		return &Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: out, Getenv: func(k string) string {
			if k == "TANDEM_DATABASE" {
				return database
			}
			return ""
		}}
	}
	var demoOut lockedBuffer
	if code := env(&demoOut).main(context.Background(), []string{"demo", "--data", data, "--demo-password", demoPassword}); code != 0 {
		t.Fatalf("tandem demo exited %d:\n%s", code, demoOut.String())
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()

	ctx, cancel := context.WithCancel(context.Background())
	var serveOut lockedBuffer
	done := make(chan int)
	go func() {
		done <- env(&serveOut).main(ctx, append([]string{"serve", "--data", data, "--addr", addr}, serveArgs...))
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case code := <-done:
			if code != 0 {
				t.Errorf("tandem serve exited %d after shutdown:\n%s", code, serveOut.String())
			}
		case <-time.After(15 * time.Second):
			t.Error("tandem serve did not shut down within 15 s")
		}
	})
	base = "http://" + addr
	for deadline := time.Now().Add(10 * time.Second); ; {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base, data
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("tandem serve did not answer /healthz:\n%s", serveOut.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestServedCalendarNamesTheVersion checks that the programme calendar
// tandem serve serves names the version tandem version prints.
func TestServedCalendarNamesTheVersion(t *testing.T) {
	base := startDemo(t, "")
	resp, err := http.Get(base + "/en/forums/treaty-20-forum/programme.ics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	want := "\r\nPRODID:-//tandem//tandem " + strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`).Replace(toolVersion()) + " forum programme//EN\r\n"
	if resp.StatusCode != 200 || !strings.Contains(strings.ReplaceAll(string(body), "\r\n ", ""), want) {
		t.Errorf("GET programme.ics: %d, want %q in:\n%.400s", resp.StatusCode, want, body)
	}
}

func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser test skipped: no chromium on PATH (make test installs Debian's chromium)")
	return ""
}

// TestVisitorInBrowser loads the demo site in a real browser, switches to
// Russian, follows the programme to a speech and checks what a visitor sees.
// On SQLite it then lays out every page in every language on a wide and a
// narrow screen and checks each for what a reader would see as broken (see
// checkLayout) and against axe-core's accessibility rules. With
// TANDEM_SCREENSHOTS set to a folder it saves a screenshot of each there.
func TestVisitorInBrowser(t *testing.T) {
	exe := chromium(t)
	t.Run("sqlite", func(t *testing.T) { visit(t, exe, startDemo(t, ""), true) })
	t.Run("postgres", func(t *testing.T) { visit(t, exe, startDemo(t, storetest.PostgresURL(t)), false) })
}

// screenWidths are the widths every page is checked at: a desktop, a
// phone and the narrowest phone in use.
var screenWidths = []int64{1280, 390, 320}

// visitedPages are the pages, after the language prefix, that the browser
// test lays out in every language.
var visitedPages = []string{"/", "/forums", "/forums/treaty-20-forum", "/forums/treaty-20-forum/programme", "/forums/treaty-20-forum/speakers",
	"/forums/treaty-20-forum/speeches/wang-yi-video-address", "/people/igor-ivanov", "/partners", "/partners/riac",
	"/news", "/news/forum-marks-treaty-anniversary", "/news/collected-works-released", "/no-such-page", "/news?page=x"}

func visit(t *testing.T, exe, base string, everyPage bool) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
	defer cancel()

	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		return run(t, ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	}

	do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	url := run(t, ctx, chromedp.Location())
	htmlLang := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "lang")).Value
	if !strings.HasSuffix(url, "/en/") || htmlLang != "en-GB" {
		t.Errorf("/ led to %s (lang %q), want the English home page", url, htmlLang)
	}

	// The first Tab reaches the skip link.
	do(chromedp.KeyEvent("\t"))
	focused := run(t, ctx, chromedp.Evaluate[string](`document.activeElement.className`))

	// Switch to Russian with the language switcher.
	do(chromedp.Click(chromedp.CSS(`nav.langs a[hreflang=ru]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang|=ru] main h1`)))
	h1 := text(`main h1`)

	// Follow the forum to its programme, then through the forum's menu to
	// its speakers and back.
	do(chromedp.Click(chromedp.CSS(`.lead-forum .actions a.secondary`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`p.zone`)))
	zone := text(`p.zone`)
	do(chromedp.Click(chromedp.CSS(`ul.forum-nav a[href$="/speakers"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`ul.people`)))
	do(chromedp.Click(chromedp.CSS(`ul.forum-nav a[href$="/programme"]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`p.zone`)))

	// Open the first speech.
	do(chromedp.Click(chromedp.CSS(`li.speech-item h3 a`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`article.speech h1`)))
	speechH1 := text(`article.speech h1`)
	speaker := text(`article.speech .speaker a.person-name`)
	delivery := text(`.facts div:nth-child(3) dd`)

	if focused != "skip" {
		t.Errorf("first Tab focused %q, want the skip link", focused)
	}
	if h1 != "Российско-китайский форум высокого уровня аналитических центров" {
		t.Errorf("Russian home page h1 %q", h1)
	}
	if !strings.Contains(zone, "UTC+3") {
		t.Errorf("programme zone line %q", zone)
	}
	if speechH1 != "Видеообращение Ван И" || speaker != "Ван И" || delivery != "Видеозапись" {
		t.Errorf("speech page: %q by %q, delivery %q", speechH1, speaker, delivery)
	}
	if !everyPage {
		return
	}

	// The checks must see what they look for: a page made to have one of
	// each fault.
	do(chromedp.EmulateViewport(390, 900), chromedp.Navigate("data:text/html;charset=utf-8,"+strings.ReplaceAll(faultyPage, "#", "%23")))
	found := strings.Join(run(t, ctx, chromedp.Evaluate[[]string](layoutProblems)), "\n")
	for _, want := range []string{"scrolls sideways", `"10:00 AM" runs out of its time.time`, `"10:00 AM" and "Video address" overlap`, `"Under" and "Over" overlap`} {
		if !strings.Contains(found, want) {
			t.Errorf("on a page made faulty, the layout check missed %s; it found:\n%s", want, found)
		}
	}
	// What a scrolled box hides below its edge is not on the page.
	if strings.Contains(found, `"Hidden below"`) {
		t.Errorf("the layout check counts a line a scrolled box hides: %s", found)
	}
	if split := run(t, ctx, chromedp.Evaluate[[]string](splitUnits)); !strings.Contains(strings.Join(split, "\n"), `"10:00–10:10" is set on 2 lines`) {
		t.Errorf("on a time range made to break, the check found %q", split)
	}
	var brokenIn, titles []string
	for _, st := range run(t, ctx, chromedp.Evaluate[[]shortText](shortTexts)) {
		if len(brokenWords(st.Lines, st.Em)) > 0 {
			brokenIn = append(brokenIn, st.Lines)
		}
		for _, title := range st.Titles {
			if !slices.Contains(titles, title) {
				titles = append(titles, title)
			}
		}
	}
	for _, want := range []string{"中俄高端智库论坛纪念条约签署二十周年", "来源：《中国社会科学报》"} {
		if !slices.ContainsFunc(brokenIn, func(l string) bool { return strings.ReplaceAll(l, "/", "") == want }) {
			t.Errorf("on a short text made to break inside a word, %q, the check found no broken word; it found %q", want, brokenIn)
		}
	}
	if want := []string{"《中国社会科学报》", "«Китайская газета общественных наук»"}; !slices.Equal(titles, want) {
		t.Errorf("on short texts made to break inside a title, the check found broken titles %q, want %q", titles, want)
	}
	gaps := run(t, ctx, chromedp.Evaluate[[]string](zhGaps+fmt.Sprintf("(%g, [])", zhGapLimit)))
	if !slices.ContainsFunc(gaps, func(g string) bool {
		return strings.HasPrefix(g, `"合作条约》签署" in p (page width): characters 0.5`)
	}) {
		t.Errorf("on a justified line of Chinese made short, the check found gaps %q", gaps)
	}

	shots := os.Getenv("TANDEM_SCREENSHOTS")
	axe := axeCore(t)
	for _, width := range screenWidths {
		do(chromedp.EmulateViewport(width, 900))
		for _, l := range []string{"zh", "ru", "en"} {
			for _, p := range visitedPages {
				where := fmt.Sprintf("/%s%s at %d px", l, p, width)
				do(chromedp.Navigate(base+"/"+l+p), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
				for _, problem := range run(t, ctx, chromedp.Evaluate[[]string](layoutProblems)) {
					t.Errorf("%s: %s", where, problem)
				}
				for _, unit := range run(t, ctx, chromedp.Evaluate[[]string](splitUnits)) {
					t.Errorf("%s: %s", where, unit)
				}
				for _, st := range run(t, ctx, chromedp.Evaluate[[]shortText](shortTexts)) {
					for _, title := range st.Titles {
						t.Errorf("%s: %q breaks inside %s, which fits on a line (at %s)", where, st.Lines, title, st.Width)
					}
					if l != "zh" {
						continue
					}
					for _, w := range brokenWords(st.Lines, st.Em) {
						t.Errorf("%s: %q breaks inside %q (at %s)", where, st.Lines, w, st.Width)
					}
				}
				if l == "zh" {
					phones := "[]" // main at its width only: a desktop's font size is not a phone's
					if width < 500 {
						phones = "[320, 342, 364, 386, 408, 430]"
					}
					for _, g := range run(t, ctx, chromedp.Evaluate[[]string](zhGaps+fmt.Sprintf("(%g, %s)", zhGapLimit, phones))) {
						t.Errorf("%s: %s", where, g)
					}
				}
				if shots != "" {
					img := run(t, ctx, chromedp.FullScreenshot(100))
					name := fmt.Sprintf("%s-%d%s.png", l, width, strings.NewReplacer("/", "_", "?", "_", "=", "_").Replace(p))
					if err := os.WriteFile(filepath.Join(shots, name), img, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				if axe == "" || width != 390 {
					continue
				}
				violations := run(t, ctx, chromedp.Evaluate[[]string](axe+`;
					axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r =>
						r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).join(", ") + ")"))`,
					chromedp.EvalAwaitPromise))
				for _, v := range violations {
					t.Errorf("%s: %s", where, v)
				}
			}
		}
	}
	if shots != "" {
		t.Logf("screenshots in %s", shots)
	}
}

// layoutProblems finds, on the page as laid out, what a reader would see as
// broken, and describes each in a line:
//   - the page scrolls sideways;
//   - a visible text runs out of its box (the nearest element that is not
//     inline) sideways, as a time too wide for its column does (text in a
//     box of a pixel, or under one, is for screen readers only and is not
//     looked at);
//   - two visible texts overlap: their line boxes share more than a pixel
//     across and more than 40% of the lower one's height (lines of one
//     paragraph may touch when its line height is tight; texts set on top
//     of each other share nearly all of it); a text inside a box that
//     scrolls counts only for what the box shows of it.
const layoutProblems = `(() => {
  const problems = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) {
    problems.push("scrolls sideways: " + doc.scrollWidth + " px wide in a " + doc.clientWidth + " px window");
  }
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const name = el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : "");
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.data.trim()) continue;
    const el = node.parentElement;
    const cs = getComputedStyle(el);
    if (cs.visibility !== "visible" || Number(cs.opacity) === 0) continue;
    range.selectNodeContents(node);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0.5 && r.height > 0.5 && r.bottom + window.scrollY > 0);
    if (rects.length === 0) continue;
    let box = el;
    while (box !== document.body && getComputedStyle(box).display === "inline") box = box.parentElement;
    const b = box.getBoundingClientRect();
    // A box of a pixel, around the text or any of its ancestors, holds text
    // for screen readers only, clipped.
    let clipped = false;
    for (let a = box; a && a !== document.body; a = a.parentElement) {
      const r = a.getBoundingClientRect();
      if (r.width <= 1 && r.height <= 1) { clipped = true; break; }
    }
    if (clipped) continue;
    // A box that scrolls its content (a transcript in its own scrolled
    // box) shows only what lies inside it: the rest is cut to it, or left
    // out when less than half of a line's height shows (a text's box is
    // taller than its glyphs, so a sliver of the next line is inside).
    let shown = rects;
    for (let a = el; a && a !== document.body; a = a.parentElement) {
      const st = getComputedStyle(a);
      if (st.overflowX === "visible" && st.overflowY === "visible") continue;
      const c = a.getBoundingClientRect();
      shown = shown.map(r => {
        const left = Math.max(r.left, c.left), right = Math.min(r.right, c.right);
        const top = Math.max(r.top, c.top), bottom = Math.min(r.bottom, c.bottom);
        return {left, right, top, bottom, width: right - left, height: bottom - top, full: r.full || r.height};
      }).filter(r => r.width > 0.5 && r.height >= 0.5 * r.full);
    }
    if (shown.length === 0) continue;
    const label = JSON.stringify(node.data.trim().slice(0, 40));
    for (const r of rects) {
      if (r.left < b.left - 1 || r.right > b.right + 1) {
        problems.push("text " + label + " runs out of its " + name(box) + " (" + Math.round(r.left) + "–" + Math.round(r.right) + " px, box " + Math.round(b.left) + "–" + Math.round(b.right) + " px)");
        break;
      }
    }
    for (const r of shown) boxes.push({r, node, label});
  }
  const seen = new Set();
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], c = boxes[j];
      if (a.node === c.node) continue;
      const across = Math.min(a.r.right, c.r.right) - Math.max(a.r.left, c.r.left);
      const down = Math.min(a.r.bottom, c.r.bottom) - Math.max(a.r.top, c.r.top);
      if (across > 1 && down > 0.4 * Math.min(a.r.height, c.r.height)) {
        const key = a.label + c.label;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push("texts " + a.label + " and " + c.label + " overlap");
      }
    }
  }
  return problems;
})()`

// splitUnits finds the dates, times, time ranges and numbers with their
// units that are laid out on more than one line: every element the site
// keeps whole (class "nw"), and every time element that holds no such
// element (one that does may break between the date and the time it holds).
const splitUnits = `(() => {
  const out = [];
  const range = document.createRange();
  for (const el of document.querySelectorAll(".nw, time")) {
    if (el.tagName === "TIME" && el.querySelector(".nw")) continue;
    range.selectNodeContents(el);
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0.5 && r.height > 0.5).sort((a, b) => a.top - b.top);
    let lines = 0, lastTop = null;
    for (const r of rects) {
      if (lastTop === null || r.top > lastTop + r.height / 2) lines++;
      lastTop = r.top;
    }
    if (lines > 1) out.push(JSON.stringify(el.textContent.trim()) + " is set on " + lines + " lines");
  }
  return out;
})()`

// faultyPage has one of each fault layoutProblems, splitUnits, shortTexts
// and zhGaps look for: it is wider than a phone, a time runs out of its
// column into the title beside it, two texts are set on top of each other, a
// time range breaks after its dash, a Chinese heading breaks inside 纪念,
// bylines break inside a newspaper's name in Chinese and in Russian, and a
// justified line of Chinese, left short by a date kept whole, is spread.
const faultyPage = `<!doctype html><html lang="zh-CN"><body style="margin:0;font:16px sans-serif">
<div style="width:500px">wide</div>
<div style="display:grid;grid-template-columns:2rem 1fr;gap:4px"><time class="time">10:00 AM</time><span>Video address</span></div>
<div style="position:relative;height:40px"><span style="position:absolute;top:0">Under</span><span style="position:absolute;top:2px;left:4px">Over</span></div>
<p style="width:3em"><time>10:00–10:10</time></p>
<div style="height:20px;line-height:20px;overflow:auto"><p style="margin:0">Shown line</p><p style="margin:0">Hidden below</p></div><p style="margin:0;line-height:20px">After box</p>
<main><h1 style="font-size:20px;text-wrap:balance">中俄高端智库论坛纪念条约签署二十周年</h1>
<p class="meta" style="width:10em">来源：《中国社会科学报》</p>
<p class="meta" lang="ru" style="width:22em">Источник: «Китайская газета общественных наук»</p>
<p style="width:10em;text-align:justify">为纪念《中俄睦邻友好合作条约》签署<span style="white-space:nowrap">二十周年</span>，两家机构共同编纂了一部文集。</p>
</main>
</body></html>`

// shortText is the text of a heading or a short text of a page (see
// shortTexts) with a "/" where a line ends, at the width the page gives it
// (Width "page width") or at a width in ems the test gave it; Em is that
// width in ems of its font size; Titles are the names and titles in
// quotation marks that it breaks inside although they fit on a line.
type shortText struct {
	Lines  string   `json:"lines"`
	Width  string   `json:"width"`
	Em     float64  `json:"em"`
	Titles []string `json:"titles"`
}

// shortTexts returns the lines of every heading and short text (a byline or
// other line of metadata, a caption with its credit, a theme, a breadcrumb,
// a position, a fact, a tag, a link to the next speech, the site's name)
// that holds Chinese text or a quotation mark, at its own width and, unless
// it is inline, at widths from 9 to 24 ems (any of the demo's phrases fits
// in 9), so that a break inside a word cannot hide behind two lucky screen
// widths. A name or title in quotation marks (《…》, «…», “…”, „…“, ‘…’,
// 「…」, 『…』, 〈…〉) with at most 12 characters between the marks when
// they hold a CJK one, and 40 otherwise, is broken if it is set on two
// lines although its characters are no wider than the line.
const shortTexts = `(() => {
  const selector = "main h1, main h2, main h3, main .kicker, main .meta, main .theme, main figcaption, main .crumbs li, " +
    "main .person-position, main .position, main .facts dd, main .related, main .tag, main .zone, main .speech-pager a, " +
    "main .overview li, .brand";
  const out = [];
  const range = document.createRange();
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  const pairs = {"《": "》", "〈": "〉", "「": "」", "『": "』", "«": "»", "“": "”", "„": "“", "‘": "’"};
  const chars = el => {
    const cs = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      for (let i = 0; i < n.length; ) {
        const c = String.fromCodePoint(n.data.codePointAt(i));
        range.setStart(n, i);
        range.setEnd(n, i + c.length);
        const r = range.getClientRects()[0];
        if (r) cs.push({c, r});
        i += c.length;
      }
    }
    return cs;
  };
  const measure = (el, width) => {
    const cs = chars(el);
    let lines = "", lastTop = null, line = 0;
    for (const x of cs) {
      if (lastTop !== null && x.r.top > lastTop + x.r.height / 2) {
        lines += "/";
        line++;
      }
      lastTop = x.r.top;
      x.line = line;
      lines += x.c;
    }
    let box = el;
    while (getComputedStyle(box).display === "inline") box = box.parentElement;
    const bs = getComputedStyle(box);
    const avail = box.clientWidth - parseFloat(bs.paddingLeft) - parseFloat(bs.paddingRight);
    const titles = [];
    for (let i = 0; i < cs.length; i++) {
      const close = pairs[cs[i].c];
      if (!close) continue;
      let j = i + 1;
      while (j < cs.length && cs[j].c !== close && cs[j].c !== "\n") j++;
      if (j >= cs.length || cs[j].c !== close || j === i + 1) continue;
      const inner = cs.slice(i + 1, j).map(x => x.c).join("");
      if ([...inner].length > (cjk.test(inner) ? 12 : 40)) continue;
      // The title's width unbroken, as the browser sets it (spaces,
      // kerning), measured on a copy that may not break; the sum of its
      // characters' boxes falls short of it by a few pixels.
      const probe = document.createElement("span");
      probe.style.cssText = "position:absolute;visibility:hidden;white-space:nowrap";
      probe.textContent = cs.slice(i, j + 1).map(x => x.c).join("");
      el.appendChild(probe);
      const w = probe.getBoundingClientRect().width;
      probe.remove();
      if (cs[j].line !== cs[i].line && w <= avail) titles.push(cs.slice(i, j + 1).map(x => x.c).join(""));
      i = j;
    }
    out.push({lines, width, em: avail / parseFloat(getComputedStyle(el).fontSize), titles});
  };
  for (const el of document.querySelectorAll(selector)) {
    if (!/[\p{Script=Han}《〈「『«“„‘]/u.test(el.textContent) || el.getClientRects().length === 0) continue;
    measure(el, "page width");
    if (getComputedStyle(el).display === "inline") continue;
    const saved = el.style.maxWidth;
    for (let em = 9; em <= 24; em += 1.5) {
      el.style.maxWidth = em + "em";
      measure(el, em + " em");
    }
    el.style.maxWidth = saved;
  }
  return out;
})()`

// demoWords are the words of the demo's Chinese titles, names, positions,
// bylines and captions, and the names of the newspaper and the treaty, each
// of which a heading or a short text must keep on one line where it fits.
var demoWords = []string{
	"中俄", "高端", "智库", "论坛", "纪念", "条约", "签署", "二十", "周年", "睦邻", "友好", "合作", "文集", "发布", "致辞", "视频",
	"两种", "文字", "出版", "王毅", "谢伏瞻", "谢尔盖", "拉夫罗夫", "伊戈尔", "伊万诺夫", "中国", "社会科学院", "俄罗斯", "国际", "事务",
	"委员会", "议程", "发言", "嘉宾", "新闻", "合作机构", "主办方", "全部",
	"中国社会科学报", "中俄睦邻友好合作条约", "国务委员", "外交部长", "院长", "主席", "北京", "来源", "相关", "莫斯科", "时间",
	"插图", "演示", "绘制", "并非", "现场", "照片", "新时代", "庆祝", "主题", "中文", "俄文", "英文", "线上", "环节", "录播",
}

// openingMarks and closingMarks are the marks that Chinese does not set at
// the end and at the start of a line.
const (
	openingMarks = "《〈「『“‘（【"
	closingMarks = "》〉」』”’）】，。、：；！？"
)

// brokenWords returns the demo words that lines (text with "/" at line
// ends), set on lines em ems wide, breaks inside although they fit on one.
func brokenWords(lines string, em float64) []string {
	var breaks []int // offsets, in runes of the text without "/", where a line starts
	var text []rune
	for _, r := range lines {
		if r == '/' {
			breaks = append(breaks, len(text))
			continue
		}
		text = append(text, r)
	}
	var out []string
	for _, w := range demoWords {
		word := []rune(w)
		for i := 0; i+len(word) <= len(text); i++ {
			if string(text[i:i+len(word)]) != w {
				continue
			}
			// The word with the marks that go with it to the next line
			// (《 ends no line, 》 and ， start none) must fit.
			from, to := i, i+len(word)
			for from > 0 && strings.ContainsRune(openingMarks, text[from-1]) {
				from--
			}
			for to < len(text) && strings.ContainsRune(closingMarks, text[to]) {
				to++
			}
			if float64(to-from) > em {
				continue
			}
			for _, b := range breaks {
				if b > i && b < i+len(word) {
					out = append(out, w)
				}
			}
		}
	}
	return out
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// axeCore returns the source of axe-core, which `make test` installs into
// tests/a11y, or "" (with a note in the log) when it is not installed.
func axeCore(t *testing.T) string {
	b, err := os.ReadFile(filepath.Join("..", "..", "tests", "a11y", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Log("accessibility checks skipped: axe-core is not installed (make test installs it into tests/a11y)")
		return ""
	}
	return string(b)
}

// zhGapLimit is how far apart, in ems of their font size, two Chinese
// characters on one line may stand before a reader sees a gap: set solid
// they touch (0), and a justified line one character short spreads that
// character over the line (about 0.05 em each).
const zhGapLimit = 0.12

// zhGaps finds, in main, the lines of Chinese text whose characters are set
// apart: for every two neighbouring characters on one line, the first of
// them a Han character (whose advance is one em), the distance between
// their left edges less the font size is the gap justification or letter
// spacing put between them. It measures main as laid out and again at each
// of the widths in px of the second argument (those of phones' screens), so
// that a gap cannot hide behind a lucky screen width, and returns a line
// for each line of text with a gap over the limit (in ems, the first
// argument).
const zhGaps = `((limit, widths) => {
  const out = [];
  const seen = new Set();
  const range = document.createRange();
  const han = /\p{Script=Han}/u;
  const main = document.querySelector("main");
  if (!main) return out;
  const measure = (label) => {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const n = walker.currentNode;
      const el = n.parentElement;
      if (!han.test(n.data) || !el.matches(":lang(zh)")) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility !== "visible") continue;
      const em = parseFloat(cs.fontSize);
      const chars = [];
      for (let i = 0; i < n.length; ) {
        const c = String.fromCodePoint(n.data.codePointAt(i));
        range.setStart(n, i);
        range.setEnd(n, i + c.length);
        const r = range.getClientRects()[0];
        if (r) chars.push({c, r});
        i += c.length;
      }
      let line = [], worst = 0;
      const flush = () => {
        if (worst > limit) {
          const text = line.map(x => x.c).join("");
          const key = text + label;
          if (!seen.has(key)) {
            seen.add(key);
            out.push(JSON.stringify(text) + " in " + el.tagName.toLowerCase() + " (" + label + "): characters " + worst.toFixed(2) + " em apart");
          }
        }
        line = [];
        worst = 0;
      };
      for (let i = 0; i < chars.length; i++) {
        const a = chars[i], b = chars[i + 1];
        line.push(a);
        if (!b || b.r.top > a.r.top + a.r.height / 2 || b.r.top < a.r.top - a.r.height / 2) {
          flush();
          continue;
        }
        if (han.test(a.c)) worst = Math.max(worst, (b.r.left - a.r.left) / em - 1);
      }
    }
  };
  measure("page width");
  const saved = main.style.width;
  for (const w of widths) {
    main.style.width = w + "px";
    measure("main " + w + " px wide");
  }
  main.style.width = saved;
  return out;
})`

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
