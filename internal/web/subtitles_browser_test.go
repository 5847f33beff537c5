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

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
)

// TestSubtitlesInBrowser: in Chromium, an organiser chooses a language and
// an SRT file in the subtitles section of the demo's video address, inside
// the programme form, and presses upload: the browser sends the section's
// own form (not the programme's), and the page that follows lists the
// track with its warning. TANDEM_SCREENSHOTS=DIR keeps a screenshot of the
// section.
func TestSubtitlesInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		itemID, forumID = wangYi(t, db)
		o.account("subs-browser@cass.example", "Organiser", "zh", false, "cass:organiser")
		file := filepath.Join(t.TempDir(), "wang-yi.zh.srt")
		srt := "1\r\n00:00:01,000 --> 00:00:03,000\r\n亲爱的朋友们，同事们！\r\n\r\n2\r\n00:00:03,500 --> 00:00:06,000\r\n两国在二十年前签订的睦邻友好合作条约至今仍然有效\r\n"
		if err := os.WriteFile(file, []byte(srt), 0o644); err != nil {
			t.Fatal(err)
		}
		b := newChromium(t, exe)
		pctx, cancel := context.WithTimeout(b, 2*time.Minute)
		defer cancel()
		base := o.srv.URL
		section := fmt.Sprintf("#subtitles-%d", itemID)
		if err := chromedp.Do(pctx, chromedp.Navigate(base+"/office/signin"),
			chromedp.WaitVisible(chromedp.CSS(`#email`)),
			chromedp.SendKeys(chromedp.CSS(`#email`), "subs-browser@cass.example"),
			chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
			chromedp.Navigate(fmt.Sprintf("%s/office/forums/%d/programme", base, forumID)),
			chromedp.WaitVisible(chromedp.CSS(section)),
			chromedp.SetValue(chromedp.CSS(section+` select[name=lang]`), "zh"),
			chromedp.SetUploadFiles(chromedp.CSS(section+` input[type=file]`), []string{file}),
			chromedp.Click(chromedp.CSS(section+` .subtitle-upload button`)),
			chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf("#subtitles-%d-zh", itemID))),
			chromedp.ScrollIntoView(chromedp.CSS(section))); err != nil {
			t.Fatal(err)
		}
		shot, err := chromedp.Run(pctx, chromedp.Screenshot(chromedp.CSS(section)))
		if err != nil {
			t.Fatal(err)
		}
		location, err := chromedp.Run(pctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		row, err := chromedp.Run(pctx, chromedp.Text(chromedp.CSS(fmt.Sprintf("#subtitles-%d-zh", itemID))))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(location, fmt.Sprintf("/programme#subtitles-%d", itemID)) {
			t.Errorf("after the upload the browser is at %s", location)
		}
		if !strings.Contains(row, "中文") || !strings.Contains(row, "人工") {
			t.Errorf("the track's row reads %q", row)
		}
		tr, err := subtitle.Get(ctx, db, itemID, "zh")
		if err != nil || len(tr.Cues) != 2 || tr.FileName != "wang-yi.zh.srt" {
			t.Fatalf("stored: %+v, %v", tr, err)
		}
		if dir := os.Getenv("TANDEM_SCREENSHOTS"); dir != "" {
			if err := os.WriteFile(filepath.Join(dir, "subtitles-"+db.Dialect().String()+".png"), shot, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})
}
