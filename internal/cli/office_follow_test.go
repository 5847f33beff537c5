package cli

import (
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestOfficeFollowsJobInBrowser: an image uploaded while no worker runs
// shows its renditions job as waiting on its page; the admin starts typing
// its texts; once tandem worker has made the renditions, the page says
// so by itself, without reloading (what was typed is still in the field,
// and the page's state from before is still there).
func TestOfficeFollowsJobInBrowser(t *testing.T) {
	exe := chromium(t)
	base, data := startDemoWith(t, "", "--workers", "0")

	file := filepath.Join(t.TempDir(), "hall.png")
	im := image.NewRGBA(image.Rect(0, 0, 1600, 900))
	for x := range 1600 {
		for y := range 900 {
			im.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	out, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(out, im); err != nil {
		t.Fatal(err)
	}
	out.Close()

	actx, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.WindowSize(1280, 900))
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	do(chromedp.Navigate(base+"/office/"), chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@tandem.example"),
		chromedp.SendKeys(chromedp.CSS(`#password`), demoPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.office-me`)),
		chromedp.Navigate(base+"/office/media"), chromedp.WaitVisible(chromedp.CSS(`#file`)),
		chromedp.SetUploadFiles(chromedp.CSS(`#file`), []string{file}),
		chromedp.SetValue(chromedp.CSS(`[name="alt.en"]`), "The hall"),
		chromedp.Click(chromedp.CSS(`main form[enctype] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.job[data-follow]`)))
	if state := run(t, ctx, chromedp.Text(chromedp.CSS(`.job`), chromedp.NodeVisible)); !strings.Contains(state, "waiting") {
		t.Fatalf("the new image's job: %q, want it waiting", state)
	}
	const typed = "The hall of the forum, seen from the stage"
	do(chromedp.SetValue(chromedp.CSS(`[name="alt.en"]`), typed))
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`window.sameDocument = true`))

	wctx, stop := context.WithCancel(context.Background())
	var workerOut lockedBuffer
	done := make(chan int)
	go func() {
		done <- (&Env{Stdin: strings.NewReader(""), Stdout: &workerOut, Stderr: &workerOut, Getenv: func(string) string { return "" }}).
			main(wctx, []string{"worker", "--data", data})
	}()
	defer func() {
		stop()
		if code := <-done; code != 0 {
			t.Errorf("tandem worker exited %d:\n%s", code, workerOut.String())
		}
	}()

	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector('.job.job-done') !== null`,
		chromedp.WithPollingInterval(200*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		t.Fatalf("the page never showed the job done: %v; worker said:\n%s", err, workerOut.String())
	}
	if same := run(t, ctx, chromedp.Evaluate[bool](`window.sameDocument === true`)); !same {
		t.Error("the page reloaded to follow the job")
	}
	if got := run(t, ctx, chromedp.Value(chromedp.CSS(`[name="alt.en"]`))); got != typed {
		t.Errorf("what was typed became %q", got)
	}
	if n := run(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('[data-follow]').length`)); n != 0 {
		t.Errorf("%d elements still followed after the job ended", n)
	}
}
