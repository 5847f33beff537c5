package web_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/upload"
	"github.com/tandemforum/tandem/internal/video"
	"github.com/tandemforum/tandem/internal/video/videotest"
	"github.com/tandemforum/tandem/internal/web"
)

// TestVideoUploadToReadyInTheBrowser follows issue 11's chain as an
// organiser sees it: signed in, she types into the programme form,
// chooses a speech's video (one browsers cannot play as it is, so that it
// is encoded again), watches the upload's progress, and then, without
// reloading the page, the video's status goes from waiting through being
// prepared, with its progress, to ready with its duration, while what she
// typed stays. A stand-in worker processes the video as the program's
// would.
func TestVideoUploadToReadyInTheBrowser(t *testing.T) {
	exe := chromiumExe(t)
	videotest.Need(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		dir := t.TempDir()
		file := filepath.Join(dir, "address.avi")
		videotest.Make(t, file, videotest.Spec{Seconds: 20, Width: 1280, Height: 720, FPS: 25, VideoCodec: "mpeg4",
			AudioCodec: "aac", SampleRate: 48000, Channels: 2, Volume: 0.1})

		var uploads *upload.Service
		o := newOfficeWith(t, db, func(c *web.Config) {
			// The upload becomes the speech's video, as the program wires it.
			s, err := upload.New(upload.Config{DB: db, Blobs: c.Blobs, Dir: filepath.Join(dir, "uploads"),
				OnComplete: func(ctx context.Context, tx *store.Tx, u upload.Upload) error {
					_, err := video.Submit(ctx, tx, u.SpeechID, u.BlobKey, video.Actor{AccountID: u.AccountID, Name: "Organiser"})
					return err
				}})
			if err != nil {
				t.Fatal(err)
			}
			c.Uploads = s
			uploads = s
		})
		o.account("org@live.example", "Organiser", "en", false, "cass:organiser")
		proc := &video.Processor{DB: db, Blobs: o.blobs, WorkDir: filepath.Join(dir, "work")}
		stop := standInWorker(t, db, uploads, proc)
		defer stop()

		id := videoSpeechID(t, db)
		pctx, upl := programmeInBrowser(t, exe, o, "org@live.example", id, 4*time.Minute, 0)
		status := fmt.Sprintf(`#video-%d`, id)
		if err := chromedp.Do(pctx, chromedp.WaitReady(chromedp.CSS(status))); err != nil {
			t.Fatal(err)
		}
		// What the organiser is typing, and a mark a reload would lose;
		// every state the status section shows is recorded as it comes.
		const typed = "A note typed while the video is processed"
		if _, err := chromedp.Run(pctx, chromedp.Evaluate[bool](`(function () {
			window.notReloaded = true;
			window.seen = [];
			var note = document.querySelector('`+upl+`').closest('fieldset').querySelector('textarea');
			note.value = '`+typed+`';
			note.id = note.id || 'typed-note';
			window.typedInto = note.id;
			var record = function () {
				var el = document.querySelector('`+status+`');
				if (!el) return;
				var p = el.querySelector('progress');
				var s = (el.getAttribute('data-state') || 'none') + (p ? ':' + p.value : '');
				if (window.seen[window.seen.length - 1] !== s) window.seen.push(s);
			};
			new MutationObserver(record).observe(document.querySelector('main'), { childList: true, subtree: true });
			record();
			return true;
		})()`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(pctx, chromedp.SetUploadFiles(chromedp.CSS(upl+` input[type=file]`), []string{file})); err != nil {
			t.Fatal(err)
		}
		eval := func(js string) string {
			t.Helper()
			s, err := chromedp.Run(pctx, chromedp.Evaluate[string](js))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		state := func() string {
			return eval(`document.querySelector('` + status + `').getAttribute('data-state') || ''`)
		}
		waitFor := func(what string, ok func() bool) {
			t.Helper()
			deadline := time.Now().Add(3 * time.Minute)
			for !ok() {
				if time.Now().After(deadline) {
					t.Fatalf("waiting for %s: upload says %q, status %q, seen %s", what,
						eval(`document.querySelector('`+upl+` .upload-status').textContent`), state(), eval(`window.seen.join(' ')`))
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		waitFor("the end of the upload", func() bool {
			return strings.Contains(eval(`document.querySelector('`+upl+` .upload-status').textContent`), "is uploaded")
		})
		shoot := func(sel, name string) {
			t.Helper()
			img, err := chromedp.Run(pctx, chromedp.Screenshot(chromedp.CSS(sel)))
			if err != nil {
				t.Fatal(err)
			}
			if d := os.Getenv("TANDEM_SCREENSHOTS"); d != "" {
				if err := os.WriteFile(filepath.Join(d, "video-live-"+name+"-"+db.Dialect().String()+".png"), img, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		shoot(upl, "uploaded")
		if n := eval(`String([].filter.call(document.querySelectorAll('` + upl + ` button'), function (b) { return b.offsetParent !== null; }).length)`); n != "0" {
			t.Errorf("after the upload %s of its buttons (Pause, Resume) still show", n)
		}
		waitFor("the video's processing, shown without a reload", func() bool { s := state(); return s == "processing" || s == "ready" })
		if state() == "processing" {
			if err := chromedp.Do(pctx, chromedp.ScrollIntoView(chromedp.CSS(status))); err != nil {
				t.Fatal(err)
			}
			shoot(status, "processing")
		}
		waitFor("the ready video, shown without a reload", func() bool { return state() == "ready" })
		if err := chromedp.Do(pctx, chromedp.ScrollIntoView(chromedp.CSS(status))); err != nil {
			t.Fatal(err)
		}
		shoot(status, "ready")

		seen := strings.Fields(eval(`window.seen.join(' ')`))
		t.Logf("states shown: %v", seen)
		var working, progressed bool
		for _, s := range seen {
			if strings.HasPrefix(s, "queued") || strings.HasPrefix(s, "probing") || strings.HasPrefix(s, "processing") {
				working = true
			}
			if strings.HasPrefix(s, "processing:") && s != "processing:0" {
				progressed = true
			}
		}
		if len(seen) == 0 || seen[0] != "none" || seen[len(seen)-1] != "ready" || !working {
			t.Errorf("the status showed %v; want no video, then the video at work, then ready", seen)
		}
		if !progressed {
			t.Errorf("the status showed %v: no progress while the video was prepared", seen)
		}
		if eval(`String(window.notReloaded === true)`) != "true" {
			t.Error("the page was reloaded")
		}
		if got := eval(`document.getElementById(window.typedInto).value`); got != typed {
			t.Errorf("what was typed became %q", got)
		}
		if got := eval(`document.querySelector('[data-video-announce]').textContent`); got != "Video: Ready" {
			t.Errorf("a screen reader was last told %q, want %q", got, "Video: Ready")
		}
		facts := eval(`document.querySelector('` + status + ` .video-facts').textContent`)
		if !strings.Contains(facts, "0:20") || !strings.Contains(facts, "1280×720") {
			t.Errorf("the ready video's facts read %q", facts)
		}
	})
}

// standInWorker finishes each received upload and processes each queued video as the program's workers
// would, after a moment in the queue, until the returned stop is called.
func standInWorker(t *testing.T, db *store.DB, uploads *upload.Service, proc *video.Processor) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			// An upload whose bytes have all arrived is finished (checksum,
			// blob store, the speech's video) as its job would.
			var tusID string
			if err := db.QueryRow(ctx, `SELECT tus_id FROM uploads WHERE state = 'received' ORDER BY id LIMIT 1`).Scan(&tusID); err == nil {
				if err := uploads.Finish(ctx, tusID); err != nil && ctx.Err() == nil {
					t.Errorf("finishing upload %s: %v", tusID, err)
				}
				continue
			}
			var id int64
			err := db.QueryRow(ctx, `SELECT MIN(id) FROM videos WHERE state = ?`, video.Queued).Scan(&id)
			if err == nil && id > 0 {
				// Left queued a while, as behind other jobs, so that the
				// office sees it wait.
				select {
				case <-ctx.Done():
					return
				case <-time.After(2500 * time.Millisecond):
				}
				if err := proc.Process(ctx, id); err != nil && ctx.Err() == nil {
					t.Errorf("processing video %d: %v", id, err)
				}
				continue
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	return func() { cancel(); wg.Wait() }
}
