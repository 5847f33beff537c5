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

// TestEditionZoneFollowsPublisher: in Chromium, choosing the publisher of
// record on the new edition's form puts its country's zone in the zone
// field (RIAC: Europe/Moscow, CASS: Asia/Shanghai), but not over a zone
// typed by hand.
func TestEditionZoneFollowsPublisher(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		o.account("org@cass.example", "Организатор", "ru", false, "cass:organiser")
		var coll, cass, riac string
		if err := db.QueryRow(ctx, `SELECT CAST(id AS TEXT) FROM collections WHERE slug = ?`, demo.CollectionSlug).Scan(&coll); err != nil {
			t.Fatal(err)
		}
		for slug, id := range map[string]*string{"cass": &cass, "riac": &riac} {
			if err := db.QueryRow(ctx, `SELECT CAST(id AS TEXT) FROM partners WHERE slug = ?`, slug).Scan(id); err != nil {
				t.Fatal(err)
			}
		}
		b := newChromium(t, exe)
		pctx, cancel := context.WithTimeout(b, 2*time.Minute)
		defer cancel()
		base := o.srv.URL
		if err := chromedp.Do(pctx, chromedp.Navigate(base+"/office/signin"),
			chromedp.WaitVisible(chromedp.CSS(`#email`)),
			chromedp.SendKeys(chromedp.CSS(`#email`), "org@cass.example"),
			chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
			chromedp.Navigate(base+"/office/collections/"+coll+"/editions/new"),
			chromedp.WaitVisible(chromedp.CSS(`input[name="zone"]`))); err != nil {
			t.Fatal(err)
		}
		zoneAfter := func(partner string) string {
			t.Helper()
			if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(`input[name="publisher"][value="`+partner+`"]`))); err != nil {
				t.Fatal(err)
			}
			z, err := chromedp.Run(pctx, chromedp.Evaluate[string](`document.querySelector('input[name="zone"]').value`))
			if err != nil {
				t.Fatal(err)
			}
			return z
		}
		if z := zoneAfter(riac); z != "Europe/Moscow" {
			t.Errorf("RIAC chosen: zone %q", z)
		}
		if z := zoneAfter(cass); z != "Asia/Shanghai" {
			t.Errorf("CASS chosen: zone %q", z)
		}
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[string](`document.querySelector('input[name="zone"]').value = 'Europe/Paris'`)); err != nil {
			t.Fatal(err)
		}
		if z := zoneAfter(riac); z != "Europe/Paris" {
			t.Errorf("a zone typed by hand replaced by %q", z)
		}
	})
}
