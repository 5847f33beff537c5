package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/web"
)

// TestWorkbenchInBrowser is a translator's work in a real browser, by
// keyboard alone: type the heading's translation and confirm it
// (Ctrl+Enter), which goes on to the next open segment; put in the memory's
// suggestion (Ctrl+1) and confirm it; confirm a sentence with a wrong
// number and see the QA finding (the workbench stays on the segment), fix
// it, and see it go.
// Then the workbench is shown in Chinese, Russian and English at 1280 px,
// and a screenshot of each saved in the test's artifact folder (go test
// -artifacts keeps them).
func TestWorkbenchInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		mem := newTMMemory()
		mem.Add(context.Background(), db, translate.MemoryUnit{From: "ru", To: "zh",
			Source: interchange.PlainText("Договор был подписан в Москве в 2001 году."),
			Target: interchange.PlainText("条约于2001年在莫斯科签署。"), Origin: "earlier essay"})
		o := newOfficeWith(t, db, func(c *web.Config) { c.Memory = mem; c.Terms = treatyTerms() })
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		segs := segmentsBySource(t, db, tr.ID)
		row := func(src string) string { return fmt.Sprintf("#seg-%d", segs[src].ID) }
		heading, signed, dated := row("Договор о добрососедстве"), row("Договор был подписан в Москве в 2001 году."), row("Договор был подписан в Москве 16 июля 2001 года.")
		for _, l := range []string{"zh", "ru", "en"} {
			o.account("wb-"+l+"@wb.example", "Translator "+l, l, false, "cass:translator")
		}

		browser := newChromium(t, exe)
		person := func(email string) context.Context {
			ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
			t.Cleanup(cancel)
			ctx, cancel = context.WithTimeout(ctx, 2*time.Minute)
			t.Cleanup(cancel)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(o.srv.URL+"/office/signin"),
				chromedp.WaitVisible(chromedp.CSS(`#email`)),
				chromedp.SendKeys(chromedp.CSS(`#email`), email),
				chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
				chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
				chromedp.Navigate(fmt.Sprintf("%s/office/translations/%d", o.srv.URL, tr.ID)),
				chromedp.WaitVisible(chromedp.CSS(`.target[contenteditable="true"]`))); err != nil {
				t.Fatal(err)
			}
			return ctx
		}
		ctx := person("wb-zh@wb.example")
		do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
			t.Helper()
			if err := chromedp.Do(ctx, steps...); err != nil {
				page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.wb-segments') ? document.querySelector('.wb-segments').innerText.slice(0, 2000) : ''`))
				t.Fatalf("%s: %v\n%s", what, err, page)
			}
		}
		ctrl := chromedp.KeyModifiers(chromedp.ModifierCtrl)
		// waitFor waits until a JavaScript condition holds.
		waitFor := func(cond string) chromedp.Action[chromedp.Void] {
			return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second))
		}
		activeIs := func(sel string) chromedp.Action[chromedp.Void] {
			return waitFor(`document.activeElement && document.activeElement.closest('tr.seg') === document.querySelector('` + sel + `')`)
		}

		// Alt+Down with no segment chosen starts at the first.
		do("start", chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierAlt)), activeIs(heading))
		do("type the heading", chromedp.KeyEvent("睦邻友好合作条约"))
		do("confirm the heading", chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+heading+`').dataset.state === 'translated'`), activeIs(signed))
		do("suggestion shown", chromedp.WaitVisible(chromedp.CSS(`#wb-matches .wb-score`)))
		do("insert suggestion 1 and confirm", chromedp.KeyEvent("1", ctrl),
			waitFor(`document.querySelector('`+signed+` .target').textContent === '条约于2001年在莫斯科签署。'`),
			chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+signed+`').dataset.state === 'translated'`))
		// The next open segment has a bold span and a note: skip it.
		do("move on", chromedp.KeyEvent(kb.ArrowDown, chromedp.KeyModifiers(chromedp.ModifierAlt)), activeIs(dated))
		do("wrong number", chromedp.KeyEvent("条约于2001年7月17日在莫斯科签署。"), chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+dated+` .wb-findings li[data-check="numbers"]') !== null`))
		do("stay and fix", activeIs(dated),
			chromedp.KeyEvent("a", ctrl), chromedp.KeyEvent("条约于2001年7月16日在莫斯科签署。"), chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+dated+` .wb-findings').children.length === 0 && document.querySelector('`+dated+`').dataset.version > 2`))

		// What the database holds is what the page showed.
		now := segmentsBySource(t, db, tr.ID)
		for src, want := range map[string]string{
			"Договор о добрососедстве":                         "睦邻友好合作条约",
			"Договор был подписан в Москве в 2001 году.":       "条约于2001年在莫斯科签署。",
			"Договор был подписан в Москве 16 июля 2001 года.": "条约于2001年7月16日在莫斯科签署。",
		} {
			if s := now[src]; s.State != translate.Translated || s.Target.Plain() != want {
				t.Errorf("%q: %s %q; want translated %q", src, s.State, s.Target.Plain(), want)
			}
		}

		// The workbench in each language, with a segment chosen, its
		// suggestions and a finding in view.
		dir := t.ArtifactDir()
		for _, l := range []string{"zh", "ru", "en"} {
			c := ctx
			if l != "zh" {
				c = person("wb-" + l + "@wb.example")
			}
			if err := chromedp.Do(c, chromedp.Navigate(fmt.Sprintf("%s/office/translations/%d", o.srv.URL, tr.ID)),
				chromedp.WaitVisible(chromedp.CSS(signed+" .target")), chromedp.Click(chromedp.CSS(signed+" .target")),
				chromedp.WaitVisible(chromedp.CSS(`#wb-matches .wb-score`))); err != nil {
				t.Fatal(err)
			}
			img, err := chromedp.Run(c, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(dir, "workbench-"+l+"-1280.png")
			if err := os.WriteFile(name, img, 0o644); err != nil {
				t.Fatal(err)
			}
			overflow, err := chromedp.Run(c, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`))
			if err != nil {
				t.Fatal(err)
			}
			if overflow {
				t.Errorf("%s: the workbench is wider than the 1280 px window", l)
			}
			keys, err := chromedp.Run(c, chromedp.Evaluate[string](`document.querySelector('.wb-keys summary').textContent`))
			if err != nil || strings.TrimSpace(keys) == "" {
				t.Errorf("%s: no keyboard help: %q %v", l, keys, err)
			}
		}
		t.Logf("screenshots in %s", dir)
	})
}
