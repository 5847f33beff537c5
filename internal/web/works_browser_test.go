package web_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/web"
	"github.com/tandemforum/tandem/internal/works"
)

// The segments of testdata/manuscript/chain.docx (made from chain.fodt
// with `soffice --headless --convert-to 'docx:MS Word 2007 XML'`), and the
// Chinese the translator gives them.
const (
	chainHeading = "Соседи и партнёры"
	chainMemory  = "Стороны подтвердили принципы Договора."
	chainTerm    = "Российский совет по международным делам провёл форум вместе с партнёрами."
	chainNumber  = "Договор был подписан в Москве 16 июля 2001 года."
	chainLast    = "Его текст состоит из 25 статей."

	chainHeadingZh = "邻国与伙伴"
	chainMemoryZh  = "双方重申了条约的原则。"
	chainTermRu    = "Российский совет по международным делам"
	chainTermZh    = "俄罗斯国际事务委员会"
	chainTermZhAll = "俄罗斯国际事务委员会与合作伙伴共同举办了论坛。"
	chainWrongZh   = "条约于2001年7月17日在莫斯科签署。"
	chainNumberZh  = "条约于2001年7月16日在莫斯科签署。"
	chainLastZh    = "条约文本共有25条。"
)

// TestCollectedWorksInBrowser carries one contribution of the Collected
// Works through the whole chain in a real browser, each person in the
// office's language of their account: the author (Russian) uploads a DOCX
// manuscript and submits it; the editor (English) accepts the text as
// final; the translator (Chinese) works by keyboard in the workbench,
// putting in the memory's suggestion, typing the term the termbase shows,
// confirming a wrong number, seeing the QA warning and fixing it, then
// marks the language translated; the reviewer (Russian) approves every
// segment and marks the language reviewed; an organiser of each host
// approves both languages; the contribution's page then shows both
// approved. On the way the workbench is laid out in Chinese, Russian and
// English at 1280 and 390 px, checked for overflow, and saved as
// screenshots in the test's artifact folder (go test -artifacts keeps
// them). The accounts, the contribution, the memory and the termbase are
// made in Go; everything else is done through the pages.
func TestCollectedWorksInBrowser(t *testing.T) {
	exe := chromiumExe(t)
	docx, err := filepath.Abs("testdata/manuscript/chain.docx")
	if err != nil {
		t.Fatal(err)
	}
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOfficeWith(t, db, func(c *web.Config) { c.Memory = translate.NewMemory(db); c.Terms = web.ForumTerms{DB: db} })
		c := chainFixture(t, o)
		base := o.srv.URL
		manuscript := fmt.Sprintf("%s/office/contributions/%d/manuscript", base, c.ID)

		b := newChromium(t, exe)
		// Each person has a browser context of their own: their own
		// cookies.
		type person struct {
			t   *testing.T
			ctx context.Context
		}
		signIn := func(email string) *person {
			t.Helper()
			pctx, cancel := chromedp.NewContext(b, chromedp.WithNewBrowserContext())
			t.Cleanup(cancel)
			pctx, cancel = context.WithTimeout(pctx, 4*time.Minute)
			t.Cleanup(cancel)
			p := &person{t: t, ctx: pctx}
			if err := chromedp.Do(pctx, chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/office/signin"),
				chromedp.WaitVisible(chromedp.CSS(`#email`)),
				chromedp.SendKeys(chromedp.CSS(`#email`), email),
				chromedp.SendKeys(chromedp.CSS(`#password`), testPassword),
				chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
				chromedp.WaitVisible(chromedp.CSS(`.office-me`))); err != nil {
				t.Fatalf("sign in as %s: %v", email, err)
			}
			return p
		}
		do := func(p *person, what string, steps ...chromedp.Action[chromedp.Void]) {
			t.Helper()
			if err := chromedp.Do(p.ctx, steps...); err != nil {
				page, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`document.querySelector('main') ? document.querySelector('main').innerText.slice(0, 3000) : document.title`))
				t.Fatalf("%s: %v\n--- the page:\n%s", what, err, page)
			}
		}
		text := func(p *person, sel string) string {
			t.Helper()
			s, err := chromedp.Run(p.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
			if err != nil {
				t.Fatalf("text of %s: %v", sel, err)
			}
			return strings.TrimSpace(s)
		}
		// submit clicks the button sel and waits for the page the form
		// leads to: the page it leaves is marked, so that an element of
		// the same name on the old page is not taken for the new one.
		submit := func(sel string) chromedp.Action[chromedp.Void] {
			return chromedp.Steps(
				chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := chromedp.Evaluate[bool](`document.documentElement.classList.add('e2e-left'), true`)(ctx, tg)
					return err
				}),
				chromedp.Click(chromedp.CSS(sel)),
				chromedp.WaitVisible(chromedp.CSS(`html:not(.e2e-left) main h1`)))
		}
		// flash says that the page shows the notice want after a step.
		// The notice is read by polling in the page, not by node: a node
		// read while the page is still settling can be gone by the time
		// its text is asked for.
		flash := func(p *person, step, want string) {
			t.Helper()
			got, err := chromedp.Run(p.ctx, chromedp.Poll[string](`(() => {
				const f = document.querySelector('html:not(.e2e-left) .flash');
				return f && f.offsetParent !== null ? f.textContent.trim() : null;
			})()`, chromedp.WithPollingTimeout(15*time.Second)))
			if err != nil {
				t.Fatalf("%s: no notice shown: %v", step, err)
			}
			if got != want {
				t.Errorf("%s: notice %q, want %q", step, got, want)
			}
		}
		waitFor := func(cond string) chromedp.Action[chromedp.Void] {
			return chromedp.Poll[chromedp.Void](cond, chromedp.WithPollingTimeout(15*time.Second))
		}

		// The author uploads the manuscript, sees it as tandem read it,
		// and submits it.
		author := signIn("author@chain.example")
		do(author, "the author's manuscript page", chromedp.Navigate(manuscript), chromedp.WaitVisible(chromedp.CSS(`#manuscript-file`)),
			chromedp.SetUploadFiles(chromedp.CSS(`#manuscript-file`), []string{docx}),
			chromedp.SendKeys(chromedp.CSS(`#manuscript-note`), "первая редакция"),
			submit(`form.content-form[enctype="multipart/form-data"] button[type=submit]`))
		flash(author, "upload", "Рукопись загружена как новая редакция.")
		read := text(author, `.work-blocks`)
		for _, s := range []string{chainHeading, chainMemory, chainTerm, chainNumber, chainLast} {
			if !strings.Contains(read, s) {
				t.Errorf("the manuscript as read lacks %q:\n%s", s, read)
			}
		}
		if got := text(author, `.work-revisions`); !strings.Contains(got, "chain.docx") || !strings.Contains(got, "первая редакция") {
			t.Errorf("revisions: %q", got)
		}
		do(author, "submit", submit(`form.work-moves button[value=submit]`))
		flash(author, "submit", "Текст сдан; редакторы получили уведомление.")
		if got := text(author, `#workflow .state`); got != "рукопись сдана" {
			t.Errorf("after submitting the state reads %q", got)
		}

		// The editor accepts the text as final: the Chinese translation
		// starts.
		editor := signIn("editor@chain.example")
		do(editor, "the editor's manuscript page", chromedp.Navigate(manuscript), chromedp.WaitVisible(chromedp.CSS(`form.work-moves button[value=final]`)),
			submit(`form.work-moves button[value=final]`))
		flash(editor, "final", "The text is final; translation can start.")
		if got := text(editor, `#workflow .state`); got != "text final" {
			t.Errorf("after accepting the state reads %q", got)
		}
		if got := text(editor, `#lang-zh .state`); got != "in translation" {
			t.Errorf("Chinese after accepting: %q", got)
		}

		// The translator finds the translation on the manuscript page and
		// works in the workbench by keyboard.
		tr := signIn("translator@chain.example")
		do(tr, "the translator's manuscript page", chromedp.Navigate(manuscript),
			chromedp.WaitVisible(chromedp.CSS(`#lang-zh a[href^="/office/translations/"]`)),
			submit(`#lang-zh a[href^="/office/translations/"]`),
			chromedp.WaitVisible(chromedp.CSS(`.target[contenteditable="true"]`)))
		wbURL, err := chromedp.Run(tr.ctx, chromedp.Evaluate[string](`location.href`))
		if err != nil {
			t.Fatal(err)
		}
		ids, err := chromedp.Run(tr.ctx, chromedp.Evaluate[map[string]string](
			`Object.fromEntries([...document.querySelectorAll('tr.seg')].map(r => [r.querySelector('.source').textContent.trim(), '#' + r.id]))`))
		if err != nil {
			t.Fatal(err)
		}
		row := func(src string) string {
			t.Helper()
			sel, ok := ids[src]
			if !ok {
				t.Fatalf("no segment %q in the workbench; it has %v", src, ids)
			}
			return sel
		}
		if len(ids) != 5 {
			t.Errorf("the workbench shows %d segments, want 5: %v", len(ids), ids)
		}
		ctrl, alt := chromedp.KeyModifiers(chromedp.ModifierCtrl), chromedp.KeyModifiers(chromedp.ModifierAlt)
		activeIs := func(sel string) chromedp.Action[chromedp.Void] {
			return waitFor(`document.activeElement && document.activeElement.closest('tr.seg') === document.querySelector('` + sel + `')`)
		}
		stateIs := func(sel, st string) chromedp.Action[chromedp.Void] {
			return waitFor(`document.querySelector('` + sel + `').dataset.state === '` + st + `'`)
		}
		do(tr, "start at the first segment", chromedp.KeyEvent(kb.ArrowDown, alt), activeIs(row(chainHeading)))
		do(tr, "translate the heading", chromedp.KeyEvent(chainHeadingZh), chromedp.KeyEvent(kb.Enter, ctrl),
			stateIs(row(chainHeading), "translated"), activeIs(row(chainMemory)))
		// The memory's suggestion, a full match, goes in with Ctrl+1.
		do(tr, "the memory's suggestion", chromedp.WaitVisible(chromedp.CSS(`#wb-matches .wb-score`)))
		if got := text(tr, `#wb-matches li:first-child .wb-score`); got != "100%" {
			t.Errorf("the memory's suggestion scores %s, want 100%%", got)
		}
		do(tr, "insert the suggestion and confirm", chromedp.KeyEvent("1", ctrl),
			waitFor(`document.querySelector('`+row(chainMemory)+` .target').textContent === '`+chainMemoryZh+`'`),
			chromedp.KeyEvent(kb.Enter, ctrl), stateIs(row(chainMemory), "translated"), activeIs(row(chainTerm)))
		// The termbase's term for the council is shown beside the segment;
		// the translator types it.
		do(tr, "the term shown", waitFor(`document.querySelector('#wb-terms .wb-term-t') !== null`))
		if got := text(tr, `#wb-terms`); !strings.Contains(got, chainTermRu) || !strings.Contains(got, chainTermZh) {
			t.Errorf("the termbase panel shows %q, want %s → %s", got, chainTermRu, chainTermZh)
		}
		do(tr, "type with the term and confirm", chromedp.KeyEvent(chainTermZhAll), chromedp.KeyEvent(kb.Enter, ctrl),
			stateIs(row(chainTerm), "translated"), activeIs(row(chainNumber)))
		if n := count(t, tr.ctx, row(chainTerm)+` .wb-findings li`); n != 0 {
			t.Errorf("the segment with its term has %d findings", n)
		}
		// A wrong date is confirmed: the QA error shows at once, and the
		// workbench stays on the segment until Ctrl+Enter is pressed again.
		do(tr, "confirm a wrong number", chromedp.KeyEvent(chainWrongZh), chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+row(chainNumber)+` .wb-findings li[data-check="numbers"]') !== null`),
			chromedp.WaitVisible(chromedp.CSS(row(chainNumber)+` .wb-anyway`)), activeIs(row(chainNumber)))
		do(tr, "confirm it anyway", chromedp.KeyEvent(kb.Enter, ctrl), activeIs(row(chainLast)))

		// The workbench in each language of the office, with the finding
		// and a segment's suggestions in view, on a wide and a narrow
		// screen. The translator switches the office's language on the
		// account page.
		dir := t.ArtifactDir()
		for _, l := range []string{"ru", "en", "zh"} {
			do(tr, "switch to "+l, chromedp.Navigate(base+"/office/account"), chromedp.WaitVisible(chromedp.CSS(`#lang`)),
				chromedp.SetValue(chromedp.CSS(`#lang`), l), submit(`form:has(#lang) button[type=submit]`),
				chromedp.WaitVisible(chromedp.CSS(`html[lang|=`+l+`] main h1`)))
			for _, width := range []int64{1280, 390} {
				do(tr, fmt.Sprintf("the workbench in %s at %d px", l, width), chromedp.EmulateViewport(width, 900), chromedp.Navigate(wbURL),
					chromedp.WaitVisible(chromedp.CSS(row(chainNumber)+` .wb-findings li`)),
					chromedp.Click(chromedp.CSS(row(chainNumber)+` .target`)),
					chromedp.WaitVisible(chromedp.CSS(`#wb-matches li`)),
					waitFor(`!document.querySelector('#wb-matches li.wb-hint') || document.querySelector('#wb-matches li.wb-hint').textContent !== document.getElementById('workbench').dataset.msgLoading`))
				img, err := chromedp.Run(tr.ctx, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("workbench-%s-%d.png", l, width)), img, 0o644); err != nil {
					t.Fatal(err)
				}
				for _, problem := range layoutFaults(t, tr.ctx) {
					t.Errorf("the workbench in %s at %d px: %s", l, width, problem)
				}
			}
		}
		t.Logf("screenshots in %s", dir)

		do(tr, "back to the workbench", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(wbURL),
			chromedp.WaitVisible(chromedp.CSS(`.target[contenteditable="true"]`)),
			chromedp.Click(chromedp.CSS(row(chainNumber)+` .target`)), activeIs(row(chainNumber)))
		do(tr, "fix the number", chromedp.KeyEvent("a", ctrl), chromedp.KeyEvent(chainNumberZh), chromedp.KeyEvent(kb.Enter, ctrl),
			waitFor(`document.querySelector('`+row(chainNumber)+` .wb-findings').children.length === 0 && document.querySelector('`+row(chainNumber)+`').dataset.version > 2`),
			activeIs(row(chainLast)))
		do(tr, "the last segment", chromedp.KeyEvent(chainLastZh), chromedp.KeyEvent(kb.Enter, ctrl), stateIs(row(chainLast), "translated"))
		if got, err := chromedp.Run(tr.ctx, chromedp.Evaluate[float64](`document.getElementById('wb-progress').value`)); err != nil || got != 100 {
			t.Errorf("progress after the last segment: %v %v; want 100", got, err)
		}
		do(tr, "mark translated", chromedp.Navigate(manuscript), chromedp.WaitVisible(chromedp.CSS(`#lang-zh button[value=translated]`)),
			submit(`#lang-zh button[value=translated]`))
		flash(tr, "translated", "翻译已标记完成，已通知审读人。")
		if got := text(tr, `#lang-zh .state`); got != "已翻译" {
			t.Errorf("Chinese after marking it translated: %q", got)
		}

		// The reviewer starts the review, approves every segment in the
		// workbench (Ctrl+Enter goes on to the next one to review) and
		// marks the language reviewed.
		rev := signIn("reviewer@chain.example")
		do(rev, "start the review", chromedp.Navigate(manuscript), chromedp.WaitVisible(chromedp.CSS(`#lang-zh button[value=review]`)),
			submit(`#lang-zh button[value=review]`))
		flash(rev, "review", "Рецензия начата.")
		do(rev, "the reviewer's workbench", submit(`#lang-zh a[href^="/office/translations/"]`),
			chromedp.WaitVisible(chromedp.CSS(`#workbench[data-review]`)),
			chromedp.KeyEvent(kb.ArrowDown, alt), activeIs(row(chainHeading)))
		for _, src := range []string{chainHeading, chainMemory, chainTerm, chainNumber, chainLast} {
			do(rev, "approve "+src, activeIs(row(src)), chromedp.KeyEvent(kb.Enter, ctrl), stateIs(row(src), "reviewed"))
		}
		do(rev, "mark reviewed", chromedp.Navigate(manuscript), chromedp.WaitVisible(chromedp.CSS(`#lang-zh button[value=reviewed]`)),
			submit(`#lang-zh button[value=reviewed]`))
		flash(rev, "reviewed", "Рецензия завершена; организаторы получили уведомление.")

		// An organiser of each host approves the original and the
		// translation.
		for i, o := range []struct{ email, first, last string }{
			{"org-cass@chain.example", "您的批准已记录，其他主办方尚未批准。", ""},
			{"org-riac@chain.example", "", "Одобрено всеми организаторами."},
		} {
			org := signIn(o.email)
			for _, l := range []string{"ru", "zh"} {
				do(org, "approve "+l, chromedp.Navigate(manuscript), chromedp.WaitVisible(chromedp.CSS(`#lang-`+l+` form[action$="/approve"] button`)),
					submit(`#lang-`+l+` form[action$="/approve"] button`))
				if i == 0 {
					flash(org, "the first host approves "+l, o.first)
				} else {
					flash(org, "the second host approves "+l, o.last)
				}
			}
		}

		// The contribution's page shows both languages approved, and so
		// does the database.
		do(editor, "the contribution's page", chromedp.Navigate(fmt.Sprintf("%s/office/contributions/%d", base, c.ID)),
			chromedp.WaitVisible(chromedp.CSS(`ul.lang-states`)))
		states, err := chromedp.Run(editor.ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('ul.lang-states li')].map(li => li.innerText.trim())`))
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"Chinese: approved by every host", "Russian: approved by every host"}; strings.Join(states, "|") != strings.Join(want, "|") {
			t.Errorf("the contribution's page shows %q, want %q", states, want)
		}
		got, err := works.GetContribution(ctx, db, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"ru", "zh"} {
			if st, _ := got.LangState(l); st != works.Approved {
				t.Errorf("%s is %s in the database, want approved", l, st)
			}
		}
		trans, err := translate.ByDocument(ctx, db, got.DocumentID, "zh")
		if err != nil {
			t.Fatal(err)
		}
		segs := segmentsBySource(t, db, trans.ID)
		for src, want := range map[string]string{chainHeading: chainHeadingZh, chainMemory: chainMemoryZh, chainTerm: chainTermZhAll, chainNumber: chainNumberZh, chainLast: chainLastZh} {
			if s := segs[src]; s.State != translate.Reviewed || s.Target.Plain() != want {
				t.Errorf("%q: %s %q; want reviewed %q", src, s.State, s.Target.Plain(), want)
			}
		}
	})
}

// chainFixture makes the people of the chain, each with the office in
// their own language: an author who acts for a (fictional) person, an
// editor at CASS, a translator at CASS and a reviewer at RIAC named for the
// Chinese translation, and an organiser at each host; a contribution in
// Russian to the demo forum's collection in preparation (volume 2),
// accepted and awaiting its manuscript; a memory unit for one of its sentences and a termbase entry
// for the council another names.
func chainFixture(t *testing.T, o *office) *works.Contribution {
	t.Helper()
	ctx := context.Background()
	db := o.db
	var collID, forumID int64
	if err := db.QueryRow(ctx, `SELECT c.id, f.id FROM collections c JOIN forums f ON f.id = c.forum_id WHERE f.slug = ? AND c.slug = ?`, "treaty-20-forum", "treaty-20-collected-works").Scan(&collID, &forumID); err != nil {
		t.Fatal(err)
	}
	author := o.account("author@chain.example", "Демо Авторова", "ru", false)
	o.account("editor@chain.example", "Chain Editor", "en", false, "cass:editor")
	translator := o.account("translator@chain.example", "链条译者", "zh", false, "cass:translator")
	reviewer := o.account("reviewer@chain.example", "Рецензент Цепочкин", "ru", false, "riac:reviewer")
	o.account("org-cass@chain.example", "主办方组织者", "zh", false, "cass:organiser")
	o.account("org-riac@chain.example", "Организатор РСМД", "ru", false, "riac:organiser")
	p := &forum.Person{Slug: "demo-avtorova", Names: lang.Names{Source: "ru", Values: map[string]lang.Name{
		"ru": {Family: "Авторова", Given: "Демо"}, "en": {Family: "Avtorova", Given: "Demo"}}}}
	c := &works.Contribution{CollectionID: collID, Lang: "ru", State: works.Accepted,
		Title: lang.New("ru", map[string]string{"ru": "Соседи и партнёры", "zh": "邻国与伙伴"})}
	err := db.Transact(ctx, func(tx *store.Tx) error {
		if err := forum.AddPerson(ctx, tx, p); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO person_accounts (person_id, account_id) VALUES (?, ?)`, p.ID, author.ID); err != nil {
			return err
		}
		c.Authors = []works.Author{{PersonID: p.ID}}
		if err := works.CreateContribution(ctx, tx, c, works.Actor{Name: "test"}); err != nil {
			return err
		}
		if err := works.InsertStaff(ctx, tx, c.ID, []works.Staff{
			{Lang: "zh", AccountID: translator.ID, Role: works.RoleTranslator},
			{Lang: "zh", AccountID: reviewer.ID, Role: works.RoleReviewer},
		}); err != nil {
			return err
		}
		if err := translate.NewMemory(db).Add(ctx, tx, translate.MemoryUnit{From: "ru", To: "zh",
			Source: interchange.PlainText(chainMemory), Target: interchange.PlainText(chainMemoryZh), Origin: "an earlier essay"}); err != nil {
			return err
		}
		return translate.CreateEntry(ctx, tx, &translate.Entry{ForumID: forumID, Note: "RIAC", Terms: []translate.EntryTerm{
			{Lang: "ru", Text: chainTermRu}, {Lang: "zh", Text: chainTermZh}, {Lang: "en", Text: "Russian International Affairs Council"}}})
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// chromiumExe returns the path of a Chromium on PATH, and skips the test
// when there is none.
func chromiumExe(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("browser test skipped: no chromium on PATH (make test installs Debian's chromium)")
	return ""
}

// newChromium starts a headless Chromium for the test and returns its
// browser context.
func newChromium(t *testing.T, exe string) context.Context {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("hide-scrollbars", true), chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	browser, cancel := chromedp.NewContext(actx)
	t.Cleanup(cancel)
	if err := chromedp.Do(browser); err != nil {
		t.Fatal(err)
	}
	return browser
}

// count returns how many elements match sel on the page.
func count(t *testing.T, ctx context.Context, sel string) int {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('`+sel+`').length`))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// layoutFaults lists what is wrong with the workbench's layout as a
// reader sees it: a page wider than the window, text running past the
// window's right edge, a segment's source, translation and state laid over
// one another or squeezed narrower than a few words, and the chosen
// segment's translation hidden under the panel of suggestions.
func layoutFaults(t *testing.T, ctx context.Context) []string {
	t.Helper()
	faults, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const out = [];
		const w = window.innerWidth;
		if (document.documentElement.scrollWidth > w + 1) {
			out.push('the page is ' + document.documentElement.scrollWidth + ' px wide in a ' + w + ' px window');
		}
		for (const el of document.querySelectorAll('main *')) {
			const r = el.getBoundingClientRect();
			if (!r.width || !r.height || getComputedStyle(el).visibility === 'hidden') continue;
			if ([...el.childNodes].some(n => n.nodeType === 3 && n.nodeValue.trim()) && r.right > w + 1) {
				out.push('<' + el.tagName.toLowerCase() + '> runs past the window: ' + el.textContent.trim().slice(0, 40));
			}
		}
		const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
		const em = parseFloat(getComputedStyle(document.documentElement).fontSize);
		for (const row of document.querySelectorAll('tr.seg')) {
			const n = row.id;
			const parts = ['.source', '.target', '.wb-meta .wb-state'].map(s => [s, row.querySelector(s).getBoundingClientRect()]);
			for (let i = 0; i < parts.length; i++) {
				for (let j = i + 1; j < parts.length; j++) {
					if (overlap(parts[i][1], parts[j][1])) out.push('segment ' + n + ': ' + parts[i][0] + ' overlaps ' + parts[j][0]);
				}
			}
			for (const [s, r] of parts.slice(0, 2)) {
				if (r.width < 10 * em) out.push('segment ' + n + ': ' + s + ' is only ' + Math.round(r.width) + ' px wide');
			}
		}
		const active = document.querySelector('tr.seg.active .target');
		const panel = document.getElementById('wb-panel');
		if (active && panel && overlap(active.getBoundingClientRect(), panel.getBoundingClientRect())) {
			out.push('the panel covers the chosen segment\'s translation');
		}
		return out;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return faults
}
