package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestSiteTextsInBrowser shows the site texts' page of the demo forum at
// 1280 and 390 px wide, with a pair opened (so that a row has its
// progress): every row of the pairs' table holds as many cells as there
// are headings, its label, count, progress and button side by side at
// 1280 px and within the row's box, the button beside the label, at 390;
// and the page is no wider than the window. A screenshot of
// each width is saved in the test's artifact folder.
func TestSiteTextsInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("anna@st.example", "Anna Translator", "ru", false, "cass:translator")
		textsPath := "/office/forums/" + strconv.FormatInt(demoForumID(t, db), 10) + "/texts"
		b := o.browser()
		b.signIn("anna@st.example")
		b.do("POST", textsPath, map[string][]string{"from": {"en"}, "to": {"ru"}})

		browser := newChromium(t, exe)
		dir := t.ArtifactDir()
		for _, width := range []int{1280, 390} {
			ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
			defer cancel()
			ctx, cancel = context.WithTimeout(ctx, time.Minute)
			defer cancel()
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900), chromedp.Navigate(o.srv.URL+"/office/signin"),
				chromedp.WaitVisible(chromedp.CSS(`#email`)),
				chromedp.SendKeys(chromedp.CSS(`#email`), "anna@st.example"),
				chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
				chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
				chromedp.Navigate(o.srv.URL+textsPath),
				chromedp.WaitVisible(chromedp.CSS(`table.sitetexts`))); err != nil {
				t.Fatal(err)
			}
			img, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("sitetexts-%d.png", width)), img, 0o644); err != nil {
				t.Fatal(err)
			}
			// For each row: its cells' count against the headings', and
			// whether every cell (the button's included) sits within the
			// row's height, beside the others.
			bad, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
				const heads = document.querySelectorAll('table.sitetexts thead th').length;
				const narrow = window.innerWidth < 480;
				const out = [];
				for (const tr of document.querySelectorAll('table.sitetexts tbody tr')) {
					const cells = tr.querySelectorAll(':scope > th, :scope > td');
					if (cells.length !== heads) out.push(tr.dataset.from + '→' + tr.dataset.to + ': ' + cells.length + ' cells under ' + heads + ' headings');
					const r = tr.getBoundingClientRect();
					const first = cells[0].getBoundingClientRect();
					for (const c of cells) {
						const b = c.getBoundingClientRect();
						// Side by side where there is room; in the row's box
						// either way.
						if ((!narrow && Math.abs(b.top - first.top) > 1) || b.top < r.top - 1 || b.bottom > r.bottom + 1) out.push(tr.dataset.from + '→' + tr.dataset.to + ': a cell out of its row (' + c.textContent.trim().slice(0, 30) + ')');
					}
					const last = cells[cells.length - 1].getBoundingClientRect();
					if (last.left < first.right - 1) out.push(tr.dataset.from + '→' + tr.dataset.to + ': the button is not beside the pair\'s name');
					const btn = tr.querySelector('button');
					if (btn) {
						const bb = btn.getBoundingClientRect();
						if (bb.top < r.top - 1 || bb.bottom > r.bottom + 1) out.push(tr.dataset.from + '→' + tr.dataset.to + ': its button is outside the row');
					}
				}
				if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('the page is ' + document.documentElement.scrollWidth + ' px wide');
				return out.join('\n');
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if bad != "" {
				t.Errorf("at %d px:\n%s", width, bad)
			}
		}
		t.Logf("screenshots in %s", dir)
	})
}
