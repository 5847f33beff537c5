package web_test

import (
	"context"
	"fmt"
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

// TestWorkbenchKeysInBrowser works the keys a tester found wanting, in a
// real browser: Alt+Shift+1 puts the first term's translation at the
// cursor; Ctrl+Alt+1 puts in the memory's suggestion; Ctrl+Enter on a
// translation with a QA error saves it as a draft, not confirmed, and
// stays, and a second Ctrl+Enter confirms it as it is and goes on; a colleague's save met by the draft saved on the way out of a
// segment brings the reader back to it, with the colleague's state and
// name; a reviewer returns a segment with Ctrl+Alt+R and reads that it was
// returned.
func TestWorkbenchKeysInBrowser(t *testing.T) {
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
		heading, signed, dated := row(essayTitle), row(essaySigned), row(essayDate)
		o.account("keys-zh@wb.example", "Translator zh", "zh", false, "cass:translator")
		o.account("keys-rev@wb.example", "Reviewer en", "en", false, "cass:reviewer")

		browser := newChromium(t, exe)
		person := func(email, path, ready string) context.Context {
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
				chromedp.Navigate(o.srv.URL+path),
				chromedp.WaitVisible(chromedp.CSS(ready))); err != nil {
				t.Fatal(err)
			}
			return ctx
		}
		var ctx context.Context
		do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
			t.Helper()
			if err := chromedp.Do(ctx, steps...); err != nil {
				page, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('.wb-segments') ? document.querySelector('.wb-segments').innerText.slice(0, 2000) : ''`))
				t.Fatalf("%s: %v\n%s", what, err, page)
			}
		}
		waitFor := func(cond string) chromedp.Action[chromedp.Void] {
			return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(10*time.Second))
		}
		activeIs := func(sel string) chromedp.Action[chromedp.Void] {
			return waitFor(`document.activeElement && document.activeElement.closest('tr.seg') === document.querySelector('` + sel + `')`)
		}
		ctrl := chromedp.KeyModifiers(chromedp.ModifierCtrl)
		ctrlAlt := chromedp.KeyModifiers(chromedp.ModifierCtrl | chromedp.ModifierAlt)
		altShift := chromedp.KeyModifiers(chromedp.ModifierAlt | chromedp.ModifierShift)
		alt := chromedp.KeyModifiers(chromedp.ModifierAlt)

		ctx = person("keys-zh@wb.example", fmt.Sprintf("/office/translations/%d", tr.ID), `.target[contenteditable="true"]`)
		do("start", chromedp.KeyEvent(kb.ArrowDown, alt), activeIs(heading),
			chromedp.WaitVisible(chromedp.CSS(`#wb-terms .wb-term-key`)))
		do("term 1 at the cursor", chromedp.KeyEvent("《"), chromedp.KeyEvent("1", altShift),
			waitFor(`document.querySelector('`+heading+` .target').textContent === '《睦邻友好合作条约'`))
		do("confirm", chromedp.KeyEvent("》"), chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+heading+`').dataset.state === 'translated'`), activeIs(signed),
			chromedp.WaitVisible(chromedp.CSS(`#wb-matches .wb-score`)))
		do("suggestion 1 by Ctrl+Alt+1", chromedp.KeyEvent("1", ctrlAlt),
			waitFor(`document.querySelector('`+signed+` .target').textContent === '条约于2001年在莫斯科签署。'`))

		// A QA error holds the reader on the segment, saved as a draft
		// and said to be one; Ctrl+Enter again confirms it as it is and
		// goes on.
		do("to the dated sentence", chromedp.Focus(chromedp.CSS(dated+" .target")), activeIs(dated))
		do("wrong number", chromedp.KeyEvent("条约于2001年7月17日在莫斯科签署。"), chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+dated+` .wb-findings li.error[data-check="numbers"]') !== null`),
			chromedp.WaitVisible(chromedp.CSS(dated+` .wb-anyway`)))
		do("held", chromedp.Sleep(300*time.Millisecond), activeIs(dated),
			waitFor(`document.querySelector('`+dated+`').dataset.state === 'draft'`),
			waitFor(`document.querySelector('`+dated+` .wb-status').textContent.indexOf('已存为草稿，尚未确认') === 0`))
		if s := segmentsBySource(t, db, tr.ID)[essayDate]; s.State != translate.Draft {
			t.Errorf("the held segment is %s, want draft", s.State)
		}
		// The table of states and the state filter count what the rows
		// show (one confirmed, one held as a draft) without a reload.
		do("counts after the save", waitFor(countsMatchRows))
		do("on, the second time", chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.activeElement.closest('tr.seg') !== document.querySelector('`+dated+`')`),
			waitFor(`document.querySelector('`+dated+`').dataset.state === 'translated'`))
		if s := segmentsBySource(t, db, tr.ID)[essayDate]; s.State != translate.Translated {
			t.Errorf("the segment confirmed anyway is %s, want translated", s.State)
		}
		do("counts after confirming anyway", waitFor(countsMatchRows))

		// A colleague saves the heading while the reader changes it; the
		// draft saved on the way out meets the conflict and brings the
		// reader back.
		do("back to the heading", chromedp.Focus(chromedp.CSS(heading+" .target")), activeIs(heading), chromedp.KeyEvent("！"))
		cur := segmentsBySource(t, db, tr.ID)[essayTitle]
		if _, err := translate.Save(context.Background(), db, nil, cur.ID, cur.Version, interchange.PlainText("睦邻友好条约"), translate.Translated, "Colleague"); err != nil {
			t.Fatal(err)
		}
		do("conflict on the way out", chromedp.KeyEvent(kb.ArrowDown, alt),
			waitFor(`document.querySelector('`+heading+` .wb-conflict') !== null`), activeIs(heading),
			waitFor(`document.querySelector('`+heading+` .wb-who').textContent.indexOf('Colleague') >= 0`))

		// A reviewer returns the heading by keyboard.
		ctx = person("keys-rev@wb.example", fmt.Sprintf("/office/translations/%d?mode=review", tr.ID), heading+" .target")
		do("reviewer returns", chromedp.Click(chromedp.CSS(heading+" .target")), chromedp.WaitVisible(chromedp.CSS(`#wb-review`)),
			chromedp.SendKeys(chromedp.CSS(`#wb-comment`), "Use the official title."),
			chromedp.KeyEvent("r", ctrlAlt),
			waitFor(`document.querySelector('`+heading+`').dataset.state === 'draft'`),
			waitFor(`document.querySelector('`+heading+` .wb-status').textContent === 'Returned to the translator with your comment.'`))
		if s := segmentsBySource(t, db, tr.ID)[essayTitle]; !s.Returned || s.Comment != "Use the official title." {
			t.Errorf("heading after the return: returned %v, comment %q", s.Returned, s.Comment)
		}
	})
}

// countsMatchRows is a script that is true when the workbench's table of
// states and its state filter give, for every state, the number of the
// page's rows in it (the page shows every segment): the counts follow
// each save.
const countsMatchRows = `(() => {
  const rows = [...document.querySelectorAll('tr.seg')];
  return [...document.querySelectorAll('.wb-states tr[data-state]')].every(tr => {
    const n = rows.filter(r => r.dataset.state === tr.dataset.state).length;
    const opt = document.querySelector('.wb-filters select[name=state] option[value="' + tr.dataset.state + '"]');
    return tr.querySelector('.wb-n').textContent === String(n) && tr.hidden === (n === 0) && opt.textContent.endsWith('(' + n + ')');
  });
})()`
