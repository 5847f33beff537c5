package web_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestVideoUploadInTheBrowser: an organiser chooses a speech's video on
// the programme form over a slow link (Chromium throttles it), sees its
// progress, pauses, reloads the page, is told an upload waits, chooses
// the same file again and the upload goes on from where it stopped to
// the end: one upload, listed with the file's SHA-256.
func TestVideoUploadInTheBrowser(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newUploadOffice(t, db)
		var serverLog lockedBuffer
		o.srv.Config.ErrorLog = log.New(&serverLog, "", 0)
		o.account("org@upload.example", "Organiser", "en", false, "cass:organiser")
		id := videoSpeechID(t, db)
		const size = 24 << 20
		video := filepath.Join(t.TempDir(), "address.mp4")
		f, err := os.Create(video)
		if err != nil {
			t.Fatal(err)
		}
		h := sha256.New()
		if _, err := io.CopyN(io.MultiWriter(f, h), rand.NewChaCha8([32]byte{9}), size); err != nil {
			t.Fatal(err)
		}
		f.Close()
		sum := hex.EncodeToString(h.Sum(nil))

		// 4 MB/s: the 24 MiB file takes about six seconds.
		pctx, section := programmeInBrowser(t, exe, o, "org@upload.example", id, 3*time.Minute, 4<<20)
		input := section + ` input[type=file]`
		progress := func() int {
			v, err := chromedp.Run(pctx, chromedp.Evaluate[int](`document.querySelector('`+section+` progress').value`))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		status := func() string {
			s, err := chromedp.Run(pctx, chromedp.Evaluate[string](`document.querySelector('`+section+` .upload-status').textContent`))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		waitFor := func(what string, ok func() bool) {
			t.Helper()
			deadline := time.Now().Add(90 * time.Second)
			for !ok() {
				if time.Now().After(deadline) {
					t.Fatalf("waiting for %s: progress %d, status %q", what, progress(), status())
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		if err := chromedp.Do(pctx, chromedp.SetUploadFiles(chromedp.CSS(input), []string{video})); err != nil {
			t.Fatal(err)
		}
		waitFor("progress past 20 %", func() bool { return progress() >= 20 })
		// Sizes as the server writes them: to the tenth, not rounded up.
		if !regexp.MustCompile(`^Sent \d+\.\d\x{a0}MiB of 24\.0\x{a0}MiB \(\d+%\)\.$`).MatchString(status()) {
			t.Errorf("while uploading the status says %q", status())
		}
		if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(section+` [data-upload-pause]`))); err != nil {
			t.Fatal(err)
		}
		at := progress()
		if at >= 100 || !strings.Contains(status(), "Paused") {
			t.Fatalf("after Pause: progress %d, status %q", at, status())
		}
		if err := chromedp.Do(pctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(input))); err != nil {
			t.Fatal(err)
		}
		waitFor("the note of the unfinished upload", func() bool { return strings.Contains(status(), "address.mp4") })
		if err := chromedp.Do(pctx, chromedp.SetUploadFiles(chromedp.CSS(input), []string{video})); err != nil {
			t.Fatal(err)
		}
		waitFor("the end of the upload", func() bool { return strings.Contains(status(), "is uploaded") })
		if l := serverLog.String(); strings.Contains(l, "superfluous") {
			t.Errorf("pausing and resuming left in the server's log:\n%s", l)
		}

		var uploads int
		var stored string
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM uploads WHERE speech_id = ?`, id).Scan(&uploads); err != nil {
			t.Fatal(err)
		}
		// The finishing job stores the file and its SHA-256 after the
		// last response.
		for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
			err := db.QueryRow(ctx, `SELECT sha256 FROM uploads WHERE speech_id = ? AND state = 'stored'`, id).Scan(&stored)
			if err == nil {
				break
			}
			if !errors.Is(err, sql.ErrNoRows) || time.Now().After(deadline) {
				t.Fatalf("the upload is not stored: %v", err)
			}
		}
		if uploads != 1 || stored != sum {
			t.Errorf("%d uploads for the item, SHA-256 %s; want one, resumed, with the file's %s", uploads, stored, sum)
		}
		if err := chromedp.Do(pctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(section+` .upload-done`))); err != nil {
			t.Fatal(err)
		}
		listed, err := chromedp.Run(pctx, chromedp.Evaluate[string](`document.querySelector('`+section+` .upload-done').textContent`))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(listed, "address.mp4") || !strings.Contains(listed, sum) {
			t.Errorf("the uploaded file is listed as %q", listed)
		}
	})
}

// TestUploadResumesOnlyForItsItem: an upload left unfinished in one
// speech's section (a reload at a few per cent) is not finished by
// choosing the same file in another speech's section: that section
// uploads the file for its own speech, and the first upload stays the
// first speech's, unfinished and still offered there.
func TestUploadResumesOnlyForItsItem(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newUploadOffice(t, db)
		o.account("org@items.example", "Organiser", "en", false, "cass:organiser")
		wang := videoSpeechID(t, db)
		var lavrov int64
		if err := db.QueryRow(ctx, `SELECT id FROM speeches WHERE slug = 'sergey-lavrov-video-address'`).Scan(&lavrov); err != nil {
			t.Fatal(err)
		}
		video := filepath.Join(t.TempDir(), "big300.mp4")
		f, err := os.Create(video)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.CopyN(f, rand.NewChaCha8([32]byte{3}), 12<<20); err != nil {
			t.Fatal(err)
		}
		f.Close()

		pctx, wangSection := programmeInBrowser(t, exe, o, "org@items.example", wang, 3*time.Minute, 2<<20)
		lavrovSection := fmt.Sprintf(`.video-upload[data-item="%d"]`, lavrov)
		eval := func(js string) string {
			s, err := chromedp.Run(pctx, chromedp.Evaluate[string](js))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		status := func(section string) string {
			return eval(`document.querySelector('` + section + ` .upload-status').textContent`)
		}
		waitFor := func(what string, ok func() bool) {
			t.Helper()
			deadline := time.Now().Add(60 * time.Second)
			for !ok() {
				if time.Now().After(deadline) {
					t.Fatalf("waiting for %s: Lavrov's section says %q, Wang Yi's %q", what, status(lavrovSection), status(wangSection))
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		if err := chromedp.Do(pctx, chromedp.SetUploadFiles(chromedp.CSS(lavrovSection+` input[type=file]`), []string{video})); err != nil {
			t.Fatal(err)
		}
		waitFor("progress in Lavrov's section", func() bool {
			v, err := chromedp.Run(pctx, chromedp.Evaluate[int](`document.querySelector('`+lavrovSection+` progress').value`))
			if err != nil {
				t.Fatal(err)
			}
			return v >= 5 && strings.HasPrefix(status(lavrovSection), "Sent")
		})
		if err := chromedp.Do(pctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(wangSection+` input[type=file]`))); err != nil {
			t.Fatal(err)
		}
		waitFor("the note of Lavrov's unfinished upload", func() bool { return strings.Contains(status(lavrovSection), "big300.mp4") })
		if s := status(wangSection); strings.Contains(s, "big300.mp4") {
			t.Errorf("Wang Yi's section offers to continue Lavrov's upload: %q", s)
		}
		if err := chromedp.Do(pctx, chromedp.SetUploadFiles(chromedp.CSS(wangSection+` input[type=file]`), []string{video})); err != nil {
			t.Fatal(err)
		}
		waitFor("the end of Wang Yi's upload", func() bool { return strings.Contains(status(wangSection), "is uploaded") })
		if n := countRows(t, db, fmt.Sprintf(`SELECT COUNT(*) FROM uploads WHERE speech_id = %d AND state <> 'receiving'`, wang)); n != 1 {
			t.Errorf("%d received uploads for Wang Yi's speech, want 1", n)
		}
		if n := countRows(t, db, fmt.Sprintf(`SELECT COUNT(*) FROM uploads WHERE speech_id = %d AND state = 'receiving'`, lavrov)); n != 1 {
			t.Errorf("%d unfinished uploads for Lavrov's speech, want his one, still unfinished", n)
		}
		if n := countRows(t, db, fmt.Sprintf(`SELECT COUNT(*) FROM uploads WHERE speech_id = %d AND state <> 'receiving'`, lavrov)); n != 0 {
			t.Errorf("%d received uploads for Lavrov's speech, want none", n)
		}
		if err := chromedp.Do(pctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(lavrovSection+` input[type=file]`))); err != nil {
			t.Fatal(err)
		}
		waitFor("the note of Lavrov's unfinished upload after Wang Yi's", func() bool { return strings.Contains(status(lavrovSection), "big300.mp4") })
	})
}

// programmeInBrowser signs email in to o's office in a fresh Chromium and
// opens the programme form of the forum of video item id. It returns the
// browser's context, which ends after timeout, and the selector of the
// item's upload section; it skips the test when tus-js-client is not
// bundled. With upload > 0 the browser sends at most that many bytes a
// second.
func programmeInBrowser(t *testing.T, exe string, o *office, email string, id int64, timeout time.Duration, upload float64) (context.Context, string) {
	t.Helper()
	var forumID int64
	if err := o.db.QueryRow(context.Background(), `SELECT forum_id FROM speeches WHERE id = ?`, id).Scan(&forumID); err != nil {
		t.Fatal(err)
	}
	pctx, cancel := context.WithTimeout(newChromium(t, exe), timeout)
	t.Cleanup(cancel)
	section := fmt.Sprintf(`.video-upload[data-item="%d"]`, id)
	if err := chromedp.Do(pctx, chromedp.Navigate(o.srv.URL+"/office/signin"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), email),
		chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
		chromedp.Navigate(fmt.Sprintf("%s/office/forums/%d/programme", o.srv.URL, forumID)),
		chromedp.WaitReady(chromedp.CSS(section))); err != nil {
		t.Fatal(err)
	}
	if count(t, pctx, section+` input[type=file]`) != 1 {
		t.Skip("browser upload test skipped: tus-js-client is not bundled (run bash scripts/assets.sh)")
	}
	if upload > 0 {
		if _, err := chromedp.Call(pctx, network.Enable, network.EnableParams{}); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Call(pctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{DownloadThroughput: -1, UploadThroughput: upload}}}); err != nil {
			t.Fatal(err)
		}
	}
	return pctx, section
}
