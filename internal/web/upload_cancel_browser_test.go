package web_test

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestCancelAnUploadInTheBrowser: an organiser starts sending a speech's
// video over a slow link, presses Cancel and confirms: the upload ends on
// the server (nothing of it is left), the browser forgets it (a reload
// does not offer to continue it), and the section says it was cancelled.
func TestCancelAnUploadInTheBrowser(t *testing.T) {
	exe := chromiumExe(t)
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		o.account("org@cancel.example", "Organiser", "en", false, "cass:organiser")
		id := videoSpeechID(t, db)
		video := filepath.Join(t.TempDir(), "address.mp4")
		f, err := os.Create(video)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.CopyN(f, rand.NewChaCha8([32]byte{7}), 16<<20); err != nil {
			t.Fatal(err)
		}
		f.Close()

		pctx, section := programmeInBrowser(t, exe, o, "org@cancel.example", id, 2*time.Minute, 1<<20)
		if err := chromedp.Do(pctx, chromedp.SetUploadFiles(chromedp.CSS(section+` input[type=file]`), []string{video})); err != nil {
			t.Fatal(err)
		}
		eval := func(js string) string {
			s, err := chromedp.Run(pctx, chromedp.Evaluate[string](js))
			if err != nil {
				t.Fatal(err)
			}
			return s
		}
		deadline := time.Now().Add(30 * time.Second)
		for eval(`String(document.querySelector('`+section+` progress').value)`) == "0" || eval(`String(document.querySelector('`+section+` [data-upload-cancel]').hidden)`) != "false" {
			if time.Now().After(deadline) {
				t.Fatalf("no progress, or no Cancel button, 30 s after choosing the file: %q", eval(`document.querySelector('`+section+` .upload-status').textContent`))
			}
			time.Sleep(100 * time.Millisecond)
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM uploads WHERE state = 'receiving'`); n != 1 {
			t.Fatalf("%d uploads receiving while the file is sent, want 1", n)
		}
		// The confirmation is accepted, as the organiser would.
		eval(`window.confirm = () => true; ""`)
		if err := chromedp.Do(pctx, chromedp.Click(chromedp.CSS(section+` [data-upload-cancel]`))); err != nil {
			t.Fatal(err)
		}
		deadline = time.Now().Add(20 * time.Second)
		for !strings.Contains(eval(`document.querySelector('`+section+` .upload-status').textContent`), "cancelled") {
			if time.Now().After(deadline) {
				t.Fatalf("20 s after Cancel the section says %q", eval(`document.querySelector('`+section+` .upload-status').textContent`))
			}
			time.Sleep(100 * time.Millisecond)
		}
		if n := countRows(t, db, `SELECT COUNT(*) FROM uploads`); n != 0 {
			t.Errorf("%d uploads recorded after Cancel, want none", n)
		}
		if keys := eval(`Object.keys(localStorage).filter(k => k.startsWith('tus::')).join(',')`); keys != "" {
			t.Errorf("the browser still keeps the upload's URL: %s", keys)
		}
		if err := chromedp.Do(pctx, chromedp.Reload(), chromedp.WaitReady(chromedp.CSS(section))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(300 * time.Millisecond)
		if s := eval(`document.querySelector('` + section + ` .upload-status').textContent`); strings.Contains(s, "unfinished") {
			t.Errorf("after a reload the section offers to continue the cancelled upload: %q", s)
		}
		if shot, err := chromedp.Run(pctx, chromedp.Screenshot(chromedp.CSS(section))); err == nil {
			os.WriteFile(filepath.Join(os.TempDir(), "tandem-upload-cancelled.png"), shot, 0o644)
		}
	})
}
