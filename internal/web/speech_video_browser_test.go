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
	"github.com/tandemforum/tandem/internal/video"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

// TestSpeechVideoInBrowser: a speech's video, made with ffmpeg and
// processed as an upload would be, appears on the (cached) public page
// once ready and approved by every host; in Chromium a visitor plays it,
// switches the subtitles to Chinese, clicks the transcript's third line
// and the video moves there, with that line highlighted; a search in the transcript leaves the
// matching line and says so. The screenshots are kept in the test's
// directory (TANDEM_SCREENSHOTS=DIR keeps them there too).
func TestSpeechVideoInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	videotest.Need(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db, true)
		var speechID int64
		if err := db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = 'wang-yi-video-address'`).Scan(&speechID); err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		file := filepath.Join(dir, "address.mp4")
		videotest.Make(t, file, videotest.Spec{Seconds: 6, Width: 640, Height: 360, FPS: 25, VideoCodec: "libx264",
			AudioCodec: "aac", SampleRate: 48000, Channels: 2, Volume: 0.2, FastStart: true})
		page := s.srv.URL + "/en" + videoSpeechPath
		// The page as cached before the video is ready has no player.
		if n := s.page("/en"+videoSpeechPath, 200).Find("video").Length(); n != 0 {
			t.Fatalf("%d videos before any was uploaded", n)
		}

		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.blobs.Put(ctx, "uploads/address.mp4", f); err != nil {
			t.Fatal(err)
		}
		f.Close()
		var v *video.Video
		if err := db.Transact(ctx, func(tx *store.Tx) error {
			v, err = video.Submit(ctx, tx, speechID, "uploads/address.mp4", video.Actor{Name: "Organiser"})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		addSubtitles(t, db, speechID)
		p := &video.Processor{DB: db, Blobs: s.blobs, WorkDir: filepath.Join(dir, "work")}
		if err := p.Process(ctx, v.ID); err != nil {
			t.Fatal(err)
		}
		if v, err = video.Get(ctx, db, v.ID); err != nil || v.State != video.Ready {
			t.Fatalf("processed: %+v, %v", v, err)
		}
		// Public once every host approved the video and its subtitles.
		publishVideo(t, db, v.ID)
		publishSubtitles(t, db, speechID)
		// The cache follows the site's version, read once a second.
		deadline := time.Now().Add(5 * time.Second)
		for s.page("/en"+videoSpeechPath, 200).Find("video").Length() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the cached page has no player after the video became ready and was approved")
			}
			time.Sleep(200 * time.Millisecond)
		}

		b := newChromium(t, exe)
		pctx, cancel := context.WithTimeout(b, 2*time.Minute)
		defer cancel()
		shots := map[string][]byte{}
		shot := func(name, sel string) {
			t.Helper()
			png, err := chromedp.Run(pctx, chromedp.Screenshot(chromedp.CSS(sel)))
			if err != nil {
				t.Fatal(err)
			}
			shots[name] = png
		}
		eval := func(js string) float64 {
			t.Helper()
			n, err := chromedp.Run(pctx, chromedp.Evaluate[float64](js))
			if err != nil {
				t.Fatalf("%s: %v", js, err)
			}
			return n
		}
		if err := chromedp.Do(pctx, chromedp.Navigate(page), chromedp.WaitReady(chromedp.CSS(`#speech-video`)),
			chromedp.WaitVisible(chromedp.CSS(`.transcript-tools`))); err != nil {
			t.Fatal(err)
		}
		// The page with its player and transcript meets WCAG 2.1 AA as
		// axe-core checks it.
		if axe, _ := os.ReadFile(filepath.Join("..", "..", "tests", "a11y", "node_modules", "axe-core", "axe.min.js")); axe != nil {
			violations, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](string(axe)+`;
				axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r =>
					r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).join(", ") + ")"))`,
				chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range violations {
				t.Errorf("accessibility: %s", v)
			}
		} else {
			t.Log("accessibility checks skipped: axe-core is not installed (make test installs it into tests/a11y)")
		}

		// Play, muted as a browser lets a script start a video.
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`(() => { const v = document.getElementById('speech-video');
			v.muted = true; return v.play().then(() => true); })()`, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatalf("play: %v", err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.getElementById('speech-video').currentTime > 0.5`,
			chromedp.WithPollingTimeout(20*time.Second))); err != nil {
			t.Fatalf("the video does not play: %v (readyState %v, error %v)", err, eval(`document.getElementById('speech-video').readyState`),
				eval(`(document.getElementById('speech-video').error || {code: 0}).code`))
		}
		if src, err := chromedp.Run(pctx, chromedp.Evaluate[string](`document.getElementById('speech-video').currentSrc`)); err != nil || !strings.HasSuffix(src, fmt.Sprintf("/video/v%d/main.mp4", v.ID)) {
			t.Errorf("playing %q (%v)", src, err)
		}
		// The English track is shown at first; the visitor switches to Chinese.
		mode := func(l string) string {
			m, err := chromedp.Run(pctx, chromedp.Evaluate[string](`[...document.getElementById('speech-video').textTracks].find(t => t.language === '`+l+`').mode`))
			if err != nil {
				t.Fatal(err)
			}
			return m
		}
		if mode("en") != "showing" || mode("zh") == "showing" {
			t.Errorf("at first the English track is %s, the Chinese %s", mode("en"), mode("zh"))
		}
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`(() => { for (const t of document.getElementById('speech-video').textTracks) {
			t.mode = t.language === 'zh' ? 'showing' : 'disabled'; } return true; })()`)); err != nil {
			t.Fatal(err)
		}
		if mode("zh") != "showing" || mode("en") != "disabled" {
			t.Errorf("after switching, the Chinese track is %s, the English %s", mode("zh"), mode("en"))
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`(() => { const t = [...document.getElementById('speech-video').textTracks].find(t => t.language === 'zh');
			return t.cues && t.cues.length === 3; })()`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("the Chinese subtitles do not load: %v", err)
		}

		// A click on the third line's time moves the video there.
		if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(`#cue-3 a.cue-time`))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`(() => { const v = document.getElementById('speech-video');
			return v.currentTime >= 4 && v.currentTime < 6 && document.getElementById('cue-3').classList.contains('current'); })()`,
			chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("after the click on the third line the video is at %.2f s, the current line %v", eval(`document.getElementById('speech-video').currentTime`),
				eval(`[...document.querySelectorAll('.cue')].findIndex(c => c.classList.contains('current'))`))
		}
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`document.getElementById('speech-video').pause() || true`)); err != nil {
			t.Fatal(err)
		}
		if at, err := chromedp.Run(pctx, chromedp.Location()); err != nil || strings.Contains(at, "#t=") {
			t.Errorf("the click followed the link to %s (%v)", at, err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`(() => { const v = document.getElementById('speech-video'); v.currentTime = 4.6; return true; })()`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.querySelector('.cue.current') && document.getElementById('speech-video').readyState >= 2`,
			chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatal(err)
		}
		// The reader scrolls the transcript: following stops until they
		// press the button that resumes it.
		resume := func() bool {
			h, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`document.querySelector('.transcript-resume').hidden`))
			if err != nil {
				t.Fatal(err)
			}
			return !h
		}
		if resume() {
			t.Error("the resume button shows before the reader scrolled")
		}
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`(() => { const b = document.getElementById('transcript-cues');
			b.dispatchEvent(new WheelEvent('wheel', {deltaY: 40})); b.dispatchEvent(new Event('scroll')); return true; })()`)); err != nil {
			t.Fatal(err)
		}
		if !resume() {
			t.Error("no resume button after the reader scrolled the transcript")
		}
		shot("player", `.speech-video`)
		shot("scrolled", `#transcript`)
		if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(`.transcript-resume`))); err != nil {
			t.Fatal(err)
		}
		if resume() {
			t.Error("the resume button stays after it was pressed")
		}
		shot("transcript", `#transcript`)

		// Search: one line holds "treaty"; the count is said. The query
		// is typed in full-width capitals, as a Chinese input method may
		// leave it, and still found.
		if err := chromedp.Do(pctx, chromedp.SendKeys(chromedp.CSS(`#transcript-search`), "ＴＲＥＡＴＹ")); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.getElementById('transcript-count').textContent === '1 line matches'`,
			chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			n, _ := chromedp.Run(pctx, chromedp.Evaluate[string](`document.getElementById('transcript-count').textContent`))
			t.Errorf("after searching, the count says %q", n)
		}
		if n := eval(`document.querySelectorAll('.cue:not([hidden])').length`); n != 1 {
			t.Errorf("%v lines shown after the search, want 1", n)
		}
		if got, _ := chromedp.Run(pctx, chromedp.Evaluate[string](`document.querySelector('.cue:not([hidden]) mark').textContent`)); got != "treaty" {
			t.Errorf("the match is marked %q", got)
		}
		shot("search", `#transcript`)
		// The original can be put away, and shown again.
		originals := func() float64 {
			return eval(`[...document.querySelectorAll('.cue-original')].filter(e => e.offsetParent !== null).length`)
		}
		if originals() != 1 {
			t.Errorf("%v originals shown beside the one line found, want 1", originals())
		}
		// By keyboard: from the search field, Tab reaches the switch and
		// Enter presses it.
		if err := chromedp.Do(pctx, chromedp.Focus(chromedp.CSS(`#transcript-search`)), chromedp.KeyEvent("\t")); err != nil {
			t.Fatal(err)
		}
		if f, _ := chromedp.Run(pctx, chromedp.Evaluate[string](`document.activeElement.className`)); f != "transcript-bilingual" {
			t.Errorf("Tab from the search field goes to %q", f)
		}
		if err := chromedp.Do(pctx, chromedp.KeyEvent("\r")); err != nil {
			t.Fatal(err)
		}
		if p, _ := chromedp.Run(pctx, chromedp.Evaluate[string](`document.querySelector('.transcript-bilingual').getAttribute('aria-pressed')`)); p != "false" || originals() != 0 {
			t.Errorf("after the original is put away: aria-pressed %q, %v originals shown", p, originals())
		}
		if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(`.transcript-bilingual`))); err != nil {
			t.Fatal(err)
		}
		if originals() != 1 {
			t.Errorf("%v originals shown again, want 1", originals())
		}

		// An address with a time starts the video there.
		if err := chromedp.Do(pctx, chromedp.Navigate(page+"#t=2"), chromedp.WaitVisible(chromedp.CSS(`.transcript-tools`))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.getElementById('speech-video').currentTime === 2`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("the page opened at #t=2 has its video at %v s", eval(`document.getElementById('speech-video').currentTime`))
		}

		// On a phone the original goes under each line.
		if err := chromedp.Do(pctx, chromedp.EmulateViewport(390, 800), chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`.transcript-tools`))); err != nil {
			t.Fatal(err)
		}
		shot("phone", `#transcript`)
		if err := chromedp.Do(pctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.srv.URL+"/ru"+videoSpeechPath),
			chromedp.WaitVisible(chromedp.CSS(`.transcript-tools`))); err != nil {
			t.Fatal(err)
		}
		if shots["page-ru"], err = chromedp.Run(pctx, chromedp.FullScreenshot(100)); err != nil {
			t.Fatal(err)
		}

		for name, png := range shots {
			path := filepath.Join(dir, "speech-"+name+"-"+db.Dialect().String()+".png")
			if err := os.WriteFile(path, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot %s", path)
			if d := os.Getenv("TANDEM_SCREENSHOTS"); d != "" {
				if err := os.WriteFile(filepath.Join(d, filepath.Base(path)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}
