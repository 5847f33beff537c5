package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestCollectionOnAPhone: the demo's collection page in a 390 px window
// is no wider than the window (the contributions table scrolls in its own
// box), and every ↑/↓ button can be brought into view and tapped.
func TestCollectionOnAPhone(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		logins, err := demo.Team(ctx, db, testPassword)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := demo.Works(ctx, db, o.blobs, testPassword); err != nil {
			t.Fatal(err)
		}
		email := ""
		for _, l := range logins {
			if l.Role == "cass:editor" {
				email = l.Email
			}
		}
		var collID string
		if err := db.QueryRow(ctx, `SELECT CAST(id AS TEXT) FROM collections WHERE slug = ?`, "treaty-20-collected-works").Scan(&collID); err != nil {
			t.Fatal(err)
		}
		b := newChromium(t, exe)
		pctx, cancel := context.WithTimeout(b, 2*time.Minute)
		defer cancel()
		base := o.srv.URL
		if err := chromedp.Do(pctx, chromedp.EmulateViewport(390, 844), chromedp.Navigate(base+"/office/signin"),
			chromedp.WaitVisible(chromedp.CSS(`#email`)),
			chromedp.SendKeys(chromedp.CSS(`#email`), email),
			chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
			chromedp.Navigate(base+"/office/collections/"+collID),
			chromedp.WaitVisible(chromedp.CSS(`table.contributions`))); err != nil {
			t.Fatal(err)
		}
		if n := count(t, pctx, `td.order button`); n < 2 {
			t.Fatalf("%d order buttons on the page", n)
		}
		faults, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](`(() => {
			const out = [];
			const w = window.innerWidth;
			if (document.documentElement.scrollWidth > w + 1) {
				out.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + w + ' px window');
			}
			for (const btn of document.querySelectorAll('td.order button')) {
				btn.scrollIntoView({block: 'center', inline: 'nearest'});
				const r = btn.getBoundingClientRect();
				if (r.left < 0 || r.right > w + 1 || r.width < 40 || r.height < 40) {
					out.push(btn.getAttribute('aria-label') + ': at ' + Math.round(r.left) + '–' + Math.round(r.right) + ', ' + Math.round(r.width) + '×' + Math.round(r.height) + ' px');
					continue;
				}
				const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				if (hit !== btn && !btn.contains(hit)) {
					out.push(btn.getAttribute('aria-label') + ': covered by <' + (hit ? hit.tagName.toLowerCase() : 'nothing') + '>');
				}
			}
			return out;
		})()`))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range faults {
			t.Error(f)
		}
	})
}
