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

// TestSubtitleTranslationInBrowser: in Chromium, a translator in the
// Chinese UI chooses English beside the Russian subtitles of the demo's
// Russian video address, inside the programme form, and presses the
// button: the browser sends the track's own translate form (not the
// programme's) and opens the workbench, whose segments show their cues'
// times, and warns that the English subtitles already there will be
// replaced once it is reviewed. TANDEM_SCREENSHOTS=DIR keeps screenshots
// of the section and the workbench.
func TestSubtitleTranslationInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		var itemID, forumID int64
		if err := db.QueryRow(ctx, `SELECT id, forum_id FROM speeches WHERE slug = ?`, "sergey-lavrov-video-address").Scan(&itemID, &forumID); err != nil {
			t.Fatal(err)
		}
		if err := subtitle.Put(ctx, db, &subtitle.Track{SpeechID: itemID, Lang: "ru", Provenance: subtitle.Human, Cues: []subtitle.Cue{
			{Start: 560, End: 3100, Lines: []string{"Дорогие друзья!"}},
			{Start: 3400, End: 7250, Lines: []string{"Двадцать лет назад", "был подписан Договор."}}}}); err != nil {
			t.Fatal(err)
		}
		// English subtitles already there: the translation will replace
		// them, and the workbench says so.
		if err := subtitle.Put(ctx, db, &subtitle.Track{SpeechID: itemID, Lang: "en", Provenance: subtitle.Machine, SourceLang: "ru", CreatedByName: "Anna", Cues: []subtitle.Cue{
			{Start: 560, End: 3100, Lines: []string{"Dear friends!"}}}}); err != nil {
			t.Fatal(err)
		}
		o.account("subtrans-browser@riac.example", "Translator", "zh", false, "riac:translator")
		b := newChromium(t, exe)
		pctx, cancel := context.WithTimeout(b, 2*time.Minute)
		defer cancel()
		base := o.srv.URL
		section := fmt.Sprintf("#subtitles-%d", itemID)
		if err := chromedp.Do(pctx, chromedp.Navigate(base+"/office/signin"),
			chromedp.WaitVisible(chromedp.CSS(`#email`)),
			chromedp.SendKeys(chromedp.CSS(`#email`), "subtrans-browser@riac.example"),
			chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
			chromedp.Navigate(fmt.Sprintf("%s/office/forums/%d/programme", base, forumID)),
			chromedp.WaitVisible(chromedp.CSS(section)),
			chromedp.ScrollIntoView(chromedp.CSS(section)),
			chromedp.SetValue(chromedp.CSS(section+` .subtitle-original select[name=to]`), "en")); err != nil {
			t.Fatal(err)
		}
		sectionShot, err := chromedp.Run(pctx, chromedp.Screenshot(chromedp.CSS(section)))
		if err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(section+` .subtitle-translate button`)),
			chromedp.WaitVisible(chromedp.CSS(`.wb-context`))); err != nil {
			t.Fatal(err)
		}
		location, err := chromedp.Run(pctx, chromedp.Location())
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(location, "/office/translations/") {
			t.Errorf("after the button the browser is at %s", location)
		}
		times, err := chromedp.Run(pctx, chromedp.Text(chromedp.CSS(`main`)))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"00:00:00.560 → 00:00:03.100", "00:00:03.400 → 00:00:07.250", "Двадцать лет назад был подписан Договор.",
			"全部字幕审校完成后，此译文将替换该发言现有的英文字幕：机器翻译，译自俄文；Anna，"} {
			if !strings.Contains(times, want) {
				t.Errorf("the workbench does not show %q", want)
			}
		}
		pageShot, err := chromedp.Run(pctx, chromedp.Screenshot(chromedp.CSS(`main`)))
		if err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("TANDEM_SCREENSHOTS"); dir != "" {
			for name, shot := range map[string][]byte{"subtitle-translate-section": sectionShot, "subtitle-translate-workbench": pageShot} {
				if err := os.WriteFile(filepath.Join(dir, name+"-"+db.Dialect().String()+".png"), shot, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
