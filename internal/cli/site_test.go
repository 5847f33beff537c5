package cli

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
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

// startDemo runs `tandem demo` and `tandem serve` as a user would, on a free
// loopback port, and returns the site's address. database is empty for
// SQLite in a fresh data folder.
func startDemo(t *testing.T, database string) string {
	t.Helper()
	data := t.TempDir()
	env := func(out *lockedBuffer) *Env {
		return &Env{Stdin: strings.NewReader(""), Stdout: out, Stderr: out, Getenv: func(k string) string {
			if k == "TANDEM_DATABASE" {
				return database
			}
			return ""
		}}
	}
	var demoOut lockedBuffer
	if code := env(&demoOut).main(context.Background(), []string{"demo", "--data", data}); code != 0 {
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
	go func() { done <- env(&serveOut).main(ctx, []string{"serve", "--data", data, "--addr", addr}) }()
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
	base := "http://" + addr
	for deadline := time.Now().Add(10 * time.Second); ; {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("tandem serve did not answer /healthz:\n%s", serveOut.String())
		}
		time.Sleep(50 * time.Millisecond)
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
// Russian, follows the programme to a speech and checks what a visitor sees,
// on a wide and a narrow screen, on each database.
func TestVisitorInBrowser(t *testing.T) {
	exe := chromium(t)
	t.Run("sqlite", func(t *testing.T) { visit(t, exe, startDemo(t, "")) })
	t.Run("postgres", func(t *testing.T) { visit(t, exe, startDemo(t, storetest.PostgresURL(t))) })
}

func visit(t *testing.T, exe, base string) {
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
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
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

	do(chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	url := run(t, ctx, chromedp.Location())
	htmlLang := run(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "lang")).Value
	if !strings.HasSuffix(url, "/en/") || htmlLang != "en" {
		t.Errorf("/ led to %s (lang %q), want the English home page", url, htmlLang)
	}

	// The first Tab reaches the skip link.
	do(chromedp.KeyEvent("\t"))
	focused := run(t, ctx, chromedp.Evaluate[string](`document.activeElement.className`))

	// Switch to Russian with the language switcher.
	do(chromedp.Click(chromedp.CSS(`nav.langs a[hreflang=ru]`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`html[lang=ru] main h1`)))
	h1 := text(`main h1`)

	// Follow the forum to its programme.
	do(chromedp.Click(chromedp.CSS(`.lead-forum .actions a.secondary`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`p.zone`)))
	zone := text(`p.zone`)
	wide := run(t, ctx, chromedp.FullScreenshot(80))

	// Open the first speech.
	do(chromedp.Click(chromedp.CSS(`li.speech-item h3 a`), chromedp.NodeVisible),
		chromedp.WaitVisible(chromedp.CSS(`article.speech h1`)))
	speechH1 := text(`article.speech h1`)
	speaker := text(`article.speech .speaker a.person-name`)
	delivery := text(`.facts div:nth-child(3) dd`)

	// The same page on a phone.
	do(chromedp.EmulateViewport(390, 844))
	overflow := run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`))
	narrow := run(t, ctx, chromedp.FullScreenshot(80))

	// No page scrolls sideways on a phone, in any language: long Russian
	// words and Chinese lines must wrap. Each page also passes axe-core's
	// WCAG 2 A and AA rules (contrast, names, landmarks, lang), when
	// make test has installed it.
	axe := axeCore(t)
	for _, l := range []string{"zh", "ru", "en"} {
		for _, p := range []string{"/", "/forums/treaty-20-forum", "/forums/treaty-20-forum/programme", "/forums/treaty-20-forum/speakers",
			"/forums/treaty-20-forum/speeches/wang-yi-video-address", "/people/igor-ivanov", "/partners", "/partners/riac",
			"/news", "/news/forum-marks-treaty-anniversary", "/no-such-page"} {
			do(chromedp.Navigate(base+"/"+l+p), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			if run(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > document.documentElement.clientWidth`)) {
				t.Errorf("/%s%s scrolls sideways on a 390 px wide screen", l, p)
			}
			if axe == "" {
				continue
			}
			violations := run(t, ctx, chromedp.Evaluate[[]string](axe+`;
				axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r =>
					r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).join(", ") + ")"))`,
				chromedp.EvalAwaitPromise))
			for _, v := range violations {
				t.Errorf("/%s%s: %s", l, p, v)
			}
		}
	}

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
	if overflow {
		t.Error("speech page scrolls sideways on a 390 px wide screen")
	}
	dir := t.TempDir()
	for name, img := range map[string][]byte{"programme-wide.jpg": wide, "speech-narrow.jpg": narrow} {
		if len(img) == 0 {
			t.Errorf("no screenshot %s", name)
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("screenshots in %s", dir)
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
