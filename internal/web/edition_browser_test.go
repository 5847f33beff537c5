package web_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// TestParallelReaderInBrowser lays out each contribution of a parallel
// edition in Chromium: at 1280 px each pair of blocks (the same ID in the
// two languages) is one row of two cells whose tops are level, one row
// below the other; at 390 px the two cells of a pair stand one above the
// other; the page never scrolls sideways, and axe-core finds nothing
// against WCAG 2.1 AA (when tests/a11y is installed). With
// TANDEM_SCREENSHOTS set to a folder it saves a screenshot of each there.
func TestParallelReaderInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		blobs, err := blob.NewDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		_, release, fx := scheduledEdition(t, db, blobs, "cw-zh")
		alsoScheduled(t, db, blobs, fx, "cw-zh-ru", []string{"zh", "ru"}, release)
		clk := &clock{t: release.Add(time.Second)}
		srv, err := web.New(web.Config{DB: db, Blobs: blobs, BaseURL: "https://forum.example.org", NoCache: true, Logger: discardLogger(), Now: clk.now})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv.Handler())
		defer ts.Close()
		axe, _ := os.ReadFile(filepath.Join("..", "..", "tests", "a11y", "node_modules", "axe-core", "axe.min.js"))
		if axe == nil {
			t.Log("accessibility checks skipped: axe-core is not installed (make test installs it into tests/a11y)")
		}
		shots := os.Getenv("TANDEM_SCREENSHOTS")
		b := newChromium(t, exe)
		ctx, cancel := context.WithTimeout(b, 2*time.Minute)
		defer cancel()
		for _, id := range fx.Contributions {
			for _, l := range []string{"zh", "ru"} {
				path := "/" + l + "/editions/cw-zh-ru/" + edition.ChapterID(id)
				for _, width := range []int64{1280, 390} {
					where := fmt.Sprintf("%s at %d px", path, width)
					if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Navigate(ts.URL+path),
						chromedp.WaitVisible(chromedp.CSS(`.parallel .pair`))); err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					faults, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](fmt.Sprintf(pairFaults, width >= 960)))
					if err != nil {
						t.Fatal(err)
					}
					for _, f := range faults {
						t.Errorf("%s: %s", where, f)
					}
					if shots != "" {
						img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
						if err != nil {
							t.Fatal(err)
						}
						name := fmt.Sprintf("parallel-%s-%s-%d.png", l, edition.ChapterID(id), width)
						if err := os.WriteFile(filepath.Join(shots, name), img, 0o644); err != nil {
							t.Fatal(err)
						}
					}
					if axe == nil {
						continue
					}
					violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](string(axe)+`;
						axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r =>
							r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).join(", ") + ")"))`,
						chromedp.EvalAwaitPromise))
					if err != nil {
						t.Fatal(err)
					}
					for _, v := range violations {
						t.Errorf("%s: %s", where, v)
					}
				}
			}
		}
	})
}

// pairFaults describes in a line each fault of the parallel text's rows as
// laid out: with %t true (a wide screen), a pair whose two cells are not
// side by side in one row with level tops, or that runs into the next
// pair; otherwise a pair whose cells are not one above the other; always a
// cell without the lang attribute of its language, and a page that
// scrolls sideways.
const pairFaults = `((wide) => {
  const out = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) out.push("scrolls sideways: " + doc.scrollWidth + " px in " + doc.clientWidth);
  const pairs = [...document.querySelectorAll(".parallel .pair")];
  if (pairs.length < 3) out.push(pairs.length + " pairs");
  let both = 0;
  pairs.forEach((p, i) => {
    const [own, facing] = p.children;
    const name = "pair " + i + " (" + ((own.querySelector("[id]") || facing.querySelector("[id]") || {}).id || "no id") + ")";
    if (!own.lang || !facing.lang || own.lang === facing.lang) out.push(name + ": cells lang " + own.lang + ", " + facing.lang);
    if (!own.textContent.trim() || !facing.textContent.trim()) return;
    both++;
    const a = own.getBoundingClientRect(), b = facing.getBoundingClientRect();
    if (wide) {
      if (Math.abs(a.top - b.top) > 1) out.push(name + ": tops " + a.top + " and " + b.top);
      if (b.left < a.right - 1) out.push(name + ": cells overlap across");
      const next = pairs[i + 1];
      if (next) {
        const n = next.getBoundingClientRect();
        if (n.top < Math.max(a.bottom, b.bottom) - 1) out.push(name + ": the next row begins at " + n.top + " above its bottom " + Math.max(a.bottom, b.bottom));
      }
    } else if (b.top < a.bottom - 1) {
      out.push(name + ": not one above the other (" + a.bottom + ", " + b.top + ")");
    }
  });
  if (both < 3) out.push("only " + both + " pairs with text in both languages");
  return out;
})(%t)`
