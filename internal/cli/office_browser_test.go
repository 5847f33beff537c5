package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestOfficeInBrowser is the joint work of the two hosts as their people
// do it in a real browser: a CASS organiser, with the office in Chinese,
// changes the Russian wording of the forum's theme and asks to publish it;
// a RIAC organiser, with the office in Russian, finds the change on the
// dashboard, reads its diff and approves it; the public page then shows the
// new wording and the event log both steps. On SQLite the admin then tours
// the office in each language on a wide and a narrow screen, every page
// checked for layout faults and against axe-core's rules; with
// TANDEM_SCREENSHOTS set to a folder the tour saves a screenshot of each.
func TestOfficeInBrowser(t *testing.T) {
	exe := chromium(t)
	t.Run("sqlite", func(t *testing.T) { officeVisit(t, exe, startDemo(t, ""), true) })
	t.Run("postgres", func(t *testing.T) { officeVisit(t, exe, startDemo(t, storetest.PostgresURL(t)), false) })
}

// newTheme is the Russian theme the CASS organiser writes.
const newTheme = "Китай и Россия: сотрудничество в новую эпоху. Двадцать лет Договора о добрососедстве, дружбе и сотрудничестве"

func officeVisit(t *testing.T, exe, base string, tour bool) {
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	browser, cancel := chromedp.NewContext(actx)
	defer cancel()
	if err := chromedp.Do(browser); err != nil {
		t.Fatal(err)
	}
	// Each person has a browser context of their own: their own cookies.
	person := func() context.Context {
		ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
		t.Cleanup(cancel)
		ctx, cancel = context.WithTimeout(ctx, 4*time.Minute)
		t.Cleanup(cancel)
		return ctx
	}
	do := func(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	text := func(ctx context.Context, sel string) string {
		t.Helper()
		return run(t, ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	}
	signIn := func(ctx context.Context, email string) {
		t.Helper()
		do(ctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/office/"),
			chromedp.WaitVisible(chromedp.CSS(`#email`)),
			chromedp.SendKeys(chromedp.CSS(`#email`), email),
			chromedp.SendKeys(chromedp.CSS(`#password`), demoPassword),
			chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`.office-me`)))
	}

	// The CASS organiser: the office speaks Chinese.
	cass := person()
	signIn(cass, "organiser@cass.example")
	if h1, lang := text(cass, `main h1`), run(t, cass, chromedp.AttributeValue(chromedp.CSS(`html`), "lang")).Value; !strings.Contains(h1, "陈静") || lang != "zh-CN" {
		t.Fatalf("CASS organiser's dashboard: h1 %q, lang %q", h1, lang)
	}
	do(cass, chromedp.Navigate(base+"/office/forums"), chromedp.WaitVisible(chromedp.CSS(`main table`)))
	edit := run(t, cass, chromedp.Evaluate[string](`[...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href')).find(h => /^\/office\/forums\/\d+$/.test(h)) || ""`))
	if edit == "" {
		t.Fatal("the forums page links to no forum's edit form")
	}
	forumID := strings.TrimPrefix(edit, "/office/forums/")
	do(cass, chromedp.Navigate(base+edit), chromedp.WaitVisible(chromedp.CSS(`[name="theme.ru"]`)),
		chromedp.SetValue(chromedp.CSS(`[name="theme.ru"]`), newTheme),
		chromedp.Click(chromedp.CSS(`form.forum-form .actions button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.flash`)))
	// Asking to publish leads to the change's page: wait for it, not for
	// a notice the edit page already shows.
	do(cass, chromedp.Click(chromedp.CSS(`form.submit-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`ol.approvers`)))
	// Until RIAC approves, the public reads the old theme.
	do(cass, chromedp.Navigate(base+"/ru/forums/treaty-20-forum"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	if strings.Contains(text(cass, `main`), "Двадцать лет Договора") {
		t.Fatal("the public page shows the new theme before RIAC approved it")
	}

	// The RIAC organiser: the office speaks Russian; the change awaits them.
	riac := person()
	signIn(riac, "organiser@riac.example")
	change := fmt.Sprintf(`a[href="/office/approvals/forum/%s"]`, forumID)
	do(riac, chromedp.WaitVisible(chromedp.CSS(change)))
	if h1 := text(riac, `main h1`); !strings.Contains(h1, "Анна Смирнова") {
		t.Errorf("RIAC organiser's dashboard is headed %q", h1)
	}
	do(riac, chromedp.Click(chromedp.CSS(change)), chromedp.WaitVisible(chromedp.CSS(`section.change`)))
	if shots := os.Getenv("TANDEM_SCREENSHOTS"); shots != "" && tour {
		for _, width := range []int64{1280, 390} {
			do(riac, chromedp.EmulateViewport(width, 900))
			img := run(t, riac, chromedp.FullScreenshot(100))
			if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("office-ru-%d-change-awaiting.png", width)), img, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		do(riac, chromedp.EmulateViewport(1280, 900))
	}
	inserted := strings.Join(run(t, riac, chromedp.Evaluate[[]string](`[...document.querySelectorAll('section.change ins')].map(e => e.textContent)`)), " ")
	deleted := strings.Join(run(t, riac, chromedp.Evaluate[[]string](`[...document.querySelectorAll('section.change del')].map(e => e.textContent)`)), " ")
	if !strings.Contains(inserted, "Двадцать") || !strings.Contains(deleted, "празднование") {
		t.Errorf("the diff marks as inserted %q and as deleted %q", inserted, deleted)
	}
	// The approval leads back to the change's page with its notice; the
	// page before had none, so the notice marks the new page.
	do(riac, chromedp.Click(chromedp.CSS(`form[action$="/approve"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))

	do(riac, chromedp.Navigate(base+"/ru/forums/treaty-20-forum"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	if !strings.Contains(text(riac, `main`), newTheme) {
		t.Errorf("after both hosts approved, the public page does not show the new theme")
	}

	// The event log shows both steps, each by its person.
	do(riac, chromedp.Navigate(base+"/office/events?subject=forum:"+forumID), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	log := text(riac, `main`)
	for _, who := range []string{"陈静", "Анна Смирнова"} {
		if !strings.Contains(log, who) {
			t.Errorf("the forum's event log does not name %s:\n%s", who, log)
		}
	}
	if !tour {
		return
	}
	officeTour(t, person(), base, forumID)
}

// officePages are the office pages the admin's tour lays out, after
// /office; {forum} is the demo forum's id, {news} and {media} those of the
// first news post and image the office lists.
var officePages = []string{"/", "/forums", "/forums/{forum}", "/forums/{forum}/programme", "/approvals",
	"/approvals/forum/{forum}", "/news", "/news/{news}", "/people", "/partners", "/media", "/media/{media}", "/team", "/account", "/events", "/editions",
	"/accounts", "/outbox", "/jobs", "/no-such-page"}

// officeTour signs the admin in and, in each language of the office,
// lays out every office page on a wide and a narrow screen, checking each
// for layout faults and, on the narrow one, against axe-core's rules.
func officeTour(t *testing.T, ctx context.Context, base, forumID string) {
	do := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	shots := os.Getenv("TANDEM_SCREENSHOTS")
	axe := axeCore(t)
	// The sign-in page, in each language, before signing in.
	for _, l := range []string{"zh", "ru", "en"} {
		do(chromedp.EmulateViewport(390, 900), chromedp.Navigate(base+"/office/signin?lang="+l), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		checkOfficePage(t, ctx, fmt.Sprintf("/office/signin?lang=%s at 390 px", l), axe, shots, "signin-"+l)
	}
	do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/office/"),
		chromedp.WaitVisible(chromedp.CSS(`#email`)),
		chromedp.SendKeys(chromedp.CSS(`#email`), "admin@tandem.example"),
		chromedp.SendKeys(chromedp.CSS(`#password`), demoPassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.office-me`)))
	firstLink := func(list string) string {
		t.Helper()
		do(chromedp.Navigate(base+"/office/"+list), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
		href := run(t, ctx, chromedp.Evaluate[string](`[...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href')).find(h => /^\/office\/`+list+`\/\d+$/.test(h)) || ""`))
		if href == "" {
			t.Fatalf("/office/%s links to no item", list)
		}
		return strings.TrimPrefix(href, "/office/"+list+"/")
	}
	newsID, mediaID := firstLink("news"), firstLink("media")
	for _, l := range []string{"zh", "ru", "en"} {
		// The account's language is the office's.
		do(chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/office/account"), chromedp.WaitVisible(chromedp.CSS(`#lang`)),
			chromedp.SetValue(chromedp.CSS(`#lang`), l),
			chromedp.Submit(chromedp.CSS(`#lang`)),
			chromedp.WaitVisible(chromedp.CSS(`html[lang|=`+l+`] main h1`)))
		for _, width := range []int64{1280, 390} {
			do(chromedp.EmulateViewport(width, 900))
			for _, p := range officePages {
				p = strings.NewReplacer("{forum}", forumID, "{news}", newsID, "{media}", mediaID).Replace(p)
				do(chromedp.Navigate(base+"/office"+p), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
				name := fmt.Sprintf("%s-%d%s", l, width, regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(p, "_"))
				useAxe := axe
				if width != 390 {
					useAxe = ""
				}
				checkOfficePage(t, ctx, fmt.Sprintf("/office%s in %s at %d px", p, l, width), useAxe, shots, name)
			}
		}
	}
	if shots != "" {
		t.Logf("office screenshots in %s", shots)
	}
}

// checkOfficePage checks the page in the browser for layout faults and,
// when axe holds axe-core's source, its accessibility rules, and saves a
// screenshot named name in the folder shots when it is not empty.
func checkOfficePage(t *testing.T, ctx context.Context, where, axe, shots, name string) {
	t.Helper()
	for _, problem := range run(t, ctx, chromedp.Evaluate[[]string](layoutProblems)) {
		t.Errorf("%s: %s", where, problem)
	}
	if shots != "" {
		img := run(t, ctx, chromedp.FullScreenshot(100))
		if err := os.WriteFile(filepath.Join(shots, "office-"+name+".png"), img, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if axe == "" {
		return
	}
	violations := run(t, ctx, chromedp.Evaluate[[]string](axe+`;
		axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r =>
			r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).join(", ") + ")"))`,
		chromedp.EvalAwaitPromise))
	for _, v := range violations {
		t.Errorf("%s: %s", where, v)
	}
}
