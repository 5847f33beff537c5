package web_test

import (
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/video/videotest"
)

// playerCues is how many lines the long transcript of playerVideo has,
// each cueLength long: more than its box shows at once.
const (
	playerCues = 50
	cueLength  = 800 // milliseconds
)

// playerVideo makes a silent video of width×height, long enough for
// playerCues lines, stores it as the ready, approved video id of the
// speech with slug, and returns the speech's id.
func playerVideo(t *testing.T, s *site, slug string, id int64, width, height int) int64 {
	t.Helper()
	ctx := context.Background()
	var speechID int64
	if err := s.db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = ?`, slug).Scan(&speechID); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	seconds := float64(playerCues*cueLength) / 1000
	main := filepath.Join(dir, "main.mp4")
	videotest.Make(t, main, videotest.Spec{Seconds: seconds, Width: width, Height: height, FPS: 5, VideoCodec: "libx264", FastStart: true})
	poster := filepath.Join(dir, "poster.jpg")
	if out, err := exec.Command("ffmpeg", "-hide_banner", "-nostdin", "-v", "error", "-y", "-i", main, "-frames:v", "1", poster).CombinedOutput(); err != nil {
		t.Fatalf("poster: %v\n%s", err, out)
	}
	base := fmt.Sprintf("videos/%d/", id)
	var size int64
	for name, path := range map[string]string{"main.mp4": main, "poster.jpg": poster} {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		n, err := s.blobs.Put(ctx, base+name, f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if name == "main.mp4" {
			size = n
		}
	}
	now := time.Date(2021, 7, 10, 8, 0, 0, 0, time.UTC)
	rends := fmt.Sprintf(`[{"name":"main","key":"%smain.mp4","width":%d,"height":%d,"size":%d,"video_codec":"h264","bit_rate":1}]`,
		base, width, height, size)
	if _, err := s.db.Exec(ctx, `INSERT INTO videos (id, speech_id, original_key, state, progress, duration_ms, width, height, renditions, poster_key, created_at, updated_at)
		VALUES (?, ?, 'uploads/x', 'ready', 1000, ?, ?, ?, ?, ?, ?, ?)`,
		id, speechID, int64(seconds*1000), width, height, rends, base+"poster.jpg", now, now); err != nil {
		t.Fatal(err)
	}
	publishVideo(t, s.db, id)
	return speechID
}

// addLongSubtitles stores playerCues lines in Chinese (the original)
// and in English. Line 11 holds only the first word of the searches,
// line 31 both, apart.
func addLongSubtitles(t *testing.T, db *store.DB, speechID int64) {
	t.Helper()
	zh := make([]subtitle.Cue, playerCues)
	en := make([]subtitle.Cue, playerCues)
	for i := range playerCues {
		start := int64(i * cueLength)
		zh[i] = subtitle.Cue{Start: start, End: start + cueLength - 100, Lines: []string{fmt.Sprintf("这是第%d句。", i+1)}}
		en[i] = subtitle.Cue{Start: start, End: start + cueLength - 100, Lines: []string{fmt.Sprintf("This is line %d.", i+1)}}
	}
	zh[10].Lines = []string{"字幕经过了校对。"}
	en[10].Lines = []string{"The editors read every line."}
	zh[30].Lines = []string{"两院的字幕编辑一起商定了每种语言的用语。"}
	en[30].Lines = []string{"Editors of both academies agreed with the translators on the words."}
	for _, tr := range []*subtitle.Track{
		{SpeechID: speechID, Lang: "zh", Provenance: subtitle.Human, Cues: zh},
		{SpeechID: speechID, Lang: "en", Provenance: subtitle.Human, SourceLang: "zh", Cues: en},
	} {
		if err := subtitle.Put(context.Background(), db, tr); err != nil {
			t.Fatal(err)
		}
	}
	publishSubtitles(t, db, speechID)
}

// TestSpeechPlayerInBrowser: in a 1280×900 window, a portrait video's
// player is no taller than 80% of the window, as narrow as its shape
// makes it and centred, while a landscape one fills its column; after the
// reader scrolled the transcript, "Follow the video again" shows the
// current line in the window, moving the page only the little it takes
// (it used to jump up to the player); and the transcript's search finds
// the lines holding all the words typed, in any order, marking each.
func TestSpeechPlayerInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	videotest.Need(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := newSite(t, db, true)
		speechID := playerVideo(t, s, "wang-yi-video-address", 91, 180, 320)
		addLongSubtitles(t, db, speechID)
		playerVideo(t, s, "sergey-lavrov-video-address", 92, 320, 180)
		if err := forum.Touch(ctx, db); err != nil {
			t.Fatal(err)
		}
		landscapePath := forumPath + "/speeches/sergey-lavrov-video-address"
		// The cache follows the site's version, read once a second.
		deadline := time.Now().Add(5 * time.Second)
		for s.page("/en"+videoSpeechPath, 200).Find("#transcript").Length() == 0 || s.page("/en"+landscapePath, 200).Find("video").Length() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the cached pages have no player after the videos became ready and were approved")
			}
			time.Sleep(200 * time.Millisecond)
		}

		b := newChromium(t, exe)
		pctx, cancel := context.WithTimeout(b, 2*time.Minute)
		defer cancel()
		eval := func(js string) float64 {
			t.Helper()
			n, err := chromedp.Run(pctx, chromedp.Evaluate[float64](js))
			if err != nil {
				t.Fatalf("%s: %v", js, err)
			}
			return n
		}
		open := func(path string) {
			t.Helper()
			if err := chromedp.Do(pctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(s.srv.URL+path),
				chromedp.WaitVisible(chromedp.CSS(`#speech-video`))); err != nil {
				t.Fatal(err)
			}
		}
		type box struct{ X, Y, Width, Height float64 }
		rect := func(sel string) box {
			t.Helper()
			r, err := chromedp.Run(pctx, chromedp.Evaluate[box](`(() => { const r = document.querySelector('`+sel+`').getBoundingClientRect();
				return {X: r.x, Y: r.y, Width: r.width, Height: r.height}; })()`))
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		dir := t.TempDir()
		shot := func(name string, a chromedp.Action[[]byte]) {
			t.Helper()
			png, err := chromedp.Run(pctx, a)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "player-"+name+"-"+db.Dialect().String()+".png")
			if d := os.Getenv("TANDEM_SCREENSHOTS"); d != "" {
				path = filepath.Join(d, filepath.Base(path))
			}
			if err := os.WriteFile(path, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("screenshot %s", path)
		}
		near := func(a, b float64) bool { return math.Abs(a-b) <= 2 }
		same := func(a, b box) bool {
			return near(a.X, b.X) && near(a.Y, b.Y) && near(a.Width, b.Width) && near(a.Height, b.Height)
		}

		// The portrait player: its box the video's shape, within 80% of
		// the window's height, centred in its column.
		open("/en" + videoSpeechPath)
		player, vid, column := rect(`.speech-video .player`), rect(`#speech-video`), rect(`.speech-video`)
		if player.Height > 0.8*900+1 || !near(player.Width, player.Height*180/320) {
			t.Errorf("the portrait player is %.0f×%.0f px in a 900 px window, want at most 720 px high and 9:16", player.Width, player.Height)
		}
		if !same(vid, player) {
			t.Errorf("the portrait video is %+v in a player of %+v: black bars beside it", vid, player)
		}
		if left, right := player.X-column.X, column.X+column.Width-player.X-player.Width; !near(left, right) {
			t.Errorf("the portrait player is %.0f px from its column's left and %.0f px from its right", left, right)
		}
		shot("portrait", chromedp.CaptureScreenshot())
		// The landscape player fills its column.
		open("/en" + landscapePath)
		shot("landscape", chromedp.CaptureScreenshot())
		player, vid, column = rect(`.speech-video .player`), rect(`#speech-video`), rect(`.speech-video`)
		if !near(player.Width, column.Width) || !near(player.Height, player.Width*180/320) || !same(vid, player) {
			t.Errorf("the landscape player is %+v, its video %+v, in a column %.0f px wide", player, vid, column.Width)
		}

		// Following the video: the video is at line 31; the reader has the
		// transcript's box at the foot of the window and scrolls it up
		// with the keyboard.
		open("/en" + videoSpeechPath)
		if err := chromedp.Do(pctx, chromedp.WaitVisible(chromedp.CSS(`.transcript-tools`))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`(() => { const v = document.getElementById('speech-video');
			v.currentTime = 24.2; return true; })()`)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.getElementById('cue-31').classList.contains('current')`,
			chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Fatalf("line 31 is not current at 24.2 s: %v", err)
		}
		eval(`(() => { const b = document.getElementById('transcript-cues');
			window.scrollTo(0, window.scrollY + b.getBoundingClientRect().top - (window.innerHeight - 180)); return 0; })()`)
		if err := chromedp.Do(pctx, chromedp.Focus(chromedp.CSS(`#transcript-cues`)), chromedp.KeyEvent(kb.PageUp), chromedp.KeyEvent(kb.PageUp)); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`!document.querySelector('.transcript-resume').hidden`,
			chromedp.WithPollingTimeout(5*time.Second))); err != nil {
			t.Fatalf("no resume button after the reader scrolled the transcript: %v", err)
		}
		// The keys scroll smoothly; the reader reaches the button after.
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`new Promise(done => { const b = document.getElementById('transcript-cues');
			let last = -1; const still = () => { if (b.scrollTop === last) { done(true); } else { last = b.scrollTop; setTimeout(still, 200); } }; still(); })`,
			chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
		before := eval(`window.scrollY`)
		if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(`.transcript-resume`))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(400 * time.Millisecond)
		after := eval(`window.scrollY`)
		line, cues := rect(`#cue-31`), rect(`#transcript-cues`)
		if line.Y < 0 || line.Y+line.Height > 900 {
			t.Errorf("after resuming, line 31 is at %.0f–%.0f px in a 900 px window (the page went from %.0f to %.0f)", line.Y, line.Y+line.Height, before, after)
		}
		if line.Y < cues.Y || line.Y+line.Height > cues.Y+cues.Height {
			t.Errorf("after resuming, line 31 (%.0f–%.0f px) is outside its box's view (%.0f–%.0f px)", line.Y, line.Y+line.Height, cues.Y, cues.Y+cues.Height)
		}
		if after < before || after-before > 200 {
			t.Errorf("resuming moved the page from %.0f to %.0f, want down by no more than it takes to show the line", before, after)
		}
		shot("resumed", chromedp.CaptureScreenshot())
		if eval(`document.querySelector('.transcript-resume').hidden ? 1 : 0`) != 1 {
			t.Error("the resume button shows again after resuming")
		}
		if f, _ := chromedp.Run(pctx, chromedp.Evaluate[string](`document.activeElement.id`)); f != "transcript-cues" {
			t.Errorf("after resuming, the focus is on %q, want the transcript", f)
		}

		// Search by words, in any order.
		search := func(q string, lines int, marks ...string) {
			t.Helper()
			eval(`document.getElementById('transcript-search').value = ''; 0`)
			if err := chromedp.Do(pctx, chromedp.SendKeys(chromedp.CSS(`#transcript-search`), q)); err != nil {
				t.Fatal(err)
			}
			if _, err := chromedp.Run(pctx, chromedp.Poll[bool](`document.querySelectorAll('.cue:not([hidden])').length === `+fmt.Sprint(lines),
				chromedp.WithPollingTimeout(5*time.Second))); err != nil {
				t.Errorf("searching for %q shows %v lines, want %d", q, eval(`document.querySelectorAll('.cue:not([hidden])').length`), lines)
				return
			}
			if lines != 1 {
				return
			}
			got, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('.cue:not([hidden]) mark')].map(m => m.textContent)`))
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "|") != strings.Join(marks, "|") {
				t.Errorf("searching for %q marks %q, want %q", q, got, marks)
			}
		}
		search("editors translators", 1, "Editors", "translators")
		shot("search", chromedp.Screenshot(chromedp.CSS(`#transcript`)))
		search("TRANSLATORS  ｅｄｉｔｏｒｓ", 1, "Editors", "translators")
		search("editors", 2)
		if c, _ := chromedp.Run(pctx, chromedp.Evaluate[string](`document.getElementById('transcript-count').textContent`)); c != "2 lines match" {
			t.Errorf("the count says %q, want %q", c, "2 lines match")
		}
		search("editors proofreaders", 0)

		open("/zh" + videoSpeechPath)
		if err := chromedp.Do(pctx, chromedp.WaitVisible(chromedp.CSS(`.transcript-tools`))); err != nil {
			t.Fatal(err)
		}
		search("字幕 语言", 1, "字幕", "语言")
		shot("search-zh", chromedp.Screenshot(chromedp.CSS(`#transcript`)))
		search("语言　字幕", 1, "字幕", "语言") // a full-width space, as an input method types it
		search("字幕", 2)
	})
}
