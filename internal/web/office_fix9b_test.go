package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/web"
)

// TestAwaitedLanguagesListed: a contribution's language in state reviewed
// is listed in the approvals inbox and on the dashboard of each host's
// organisers, linking to the manuscript page's approval section, until
// their partner has approved the current text; the Russian heading says
// the items await the reader's own approval.
func TestAwaitedLanguagesListed(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Second)
		if _, err := db.Exec(ctx, `INSERT INTO contribution_languages (contribution_id, lang, state, updated_at) VALUES (?, 'zh', 'reviewed', ?)`, fx.c.ID, now); err != nil {
			t.Fatal(err)
		}
		link := fx.path("/manuscript#lang-zh")
		has := func(d *goquery.Document, sel string) bool {
			return d.Find(sel+` a[href="`+link+`"]`).Length() > 0
		}
		for name, b := range map[string]*browser{"CASS": fx.orgCASS, "RIAC": fx.orgRIAC} {
			_, d := b.get("/office/approvals")
			if !has(d, "#list-awaiting") {
				t.Errorf("%s: approvals inbox does not list the reviewed Chinese text: %s", name, d.Find("#list-awaiting").Text())
			}
			_, d = b.get("/office/")
			if !has(d, "main") {
				t.Errorf("%s: dashboard does not list the reviewed Chinese text", name)
			}
		}
		_, d := fx.orgRIAC.get("/office/approvals")
		if h := strings.TrimSpace(d.Find("#awaiting").Text()); h != "Ждут вашего одобрения" {
			t.Errorf("ru heading %q", h)
		}
		if _, d := fx.author.get("/office/approvals"); has(d, "main") {
			t.Error("the author, no organiser, is asked to approve")
		}
		var cass int64
		if err := db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = 'cass'`).Scan(&cass); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(ctx, `INSERT INTO contribution_approvals (contribution_id, lang, partner_id, account_id, account_name, fingerprint, snapshot, approved_at)
			VALUES (?, 'zh', ?, 0, 'CASS Organiser', 'fp', '{}', ?)`, fx.c.ID, cass, now); err != nil {
			t.Fatal(err)
		}
		if _, d := fx.orgCASS.get("/office/approvals"); has(d, "#list-awaiting") {
			t.Error("CASS approved the text and is still asked")
		}
		_, d = fx.orgRIAC.get("/office/approvals")
		if !has(d, "#list-awaiting") {
			t.Error("RIAC has not approved and is no longer asked")
		} else if hint := d.Find(`#list-awaiting li .hint`).Text(); strings.Contains(hint, "CASS") || strings.Contains(hint, "ИАОН") {
			t.Errorf("waits for %q, CASS approved", hint)
		}
	})
}

// TestWorkbenchFourEyes: one who saved a segment's text cannot approve it
// as its reviewer, and is told why in their language; a segment returned
// stays credited to its translator, the return note naming the reviewer.
func TestWorkbenchFourEyes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOfficeWith(t, db, func(c *web.Config) { c.Memory = newTMMemory() })
		newsID := mustInt(t, firstNews(t, o))
		tr := addTranslation(t, o, "workbench-essay.md", "news", newsID, "zh")
		segs := segmentsBySource(t, db, tr.ID)
		o.account("both@wb.example", "Ольга Обе", "ru", false, "cass:translator", "cass:reviewer")
		o.account("zhao@wb.example", "赵磊", "en", false, "cass:reviewer")
		both, zhao := o.browser(), o.browser()
		both.signIn("both@wb.example")
		zhao.signIn("zhao@wb.example")
		first := segs["Договор был подписан в Москве в 2001 году."]
		var a, r segmentAnswer
		resp := both.sendJSON("POST", segPath(tr, first), edit{"action": "save", "version": first.Version, "state": "translated", "target": plainRuns("条约于2001年在莫斯科签署。")}, &a)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("save: %d %+v", resp.StatusCode, a)
		}
		resp = both.sendJSON("POST", segPath(tr, first), edit{"action": "approve", "version": a.Segment.Version}, &r)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(r.Error, "другой рецензент") {
			t.Errorf("approving one's own text: %d %q", resp.StatusCode, r.Error)
		}
		if s := segmentsBySource(t, db, tr.ID)["Договор был подписан в Москве в 2001 году."]; s.State != "translated" {
			t.Errorf("segment now %s", s.State)
		}
		resp = zhao.sendJSON("POST", segPath(tr, first), edit{"action": "return", "version": a.Segment.Version, "comment": "Name the day."}, &r)
		if resp.StatusCode != http.StatusOK || !r.Segment.Returned {
			t.Fatalf("return: %d %+v", resp.StatusCode, r)
		}
		if s := segmentsBySource(t, db, tr.ID)["Договор был подписан в Москве в 2001 году."]; s.UpdatedBy != "Ольга Обе" {
			t.Errorf("returned segment credited to %q", s.UpdatedBy)
		}
		_, d := both.get("/office/translations/" + itoa(tr.ID))
		if got := d.Find(".wb-returned li").Text(); !strings.Contains(got, "赵磊") || !strings.Contains(got, "Name the day.") {
			t.Errorf("return note %q; want the reviewer and the comment", got)
		}
		// A segment asked for under another translation is not found,
		// without saying its text changed.
		other := addTranslation(t, o, "workbench-essay.md", "news", newsID, "en")
		var nf segmentAnswer
		resp = both.sendJSON("POST", "/office/translations/"+itoa(other.ID)+"/segments/"+itoa(first.ID), edit{"action": "save", "version": 1, "state": "draft", "target": plainRuns("x")}, &nf)
		if resp.StatusCode != http.StatusNotFound || strings.Contains(nf.Error, "изменился") || nf.Error == "" {
			t.Errorf("a segment of another translation: %d %q", resp.StatusCode, nf.Error)
		}
		// Not returned to an administrator, whose text it is not.
		o.account("admin9b@wb.example", "Admin", "en", true)
		admin := o.browser()
		admin.signIn("admin9b@wb.example")
		if _, d := admin.get("/office/translations/" + itoa(tr.ID)); d.Find(".wb-returned").Length() != 0 {
			t.Errorf("the administrator is told: %q", d.Find(".wb-returned h2").Text())
		}
	})
}

// TestUploadRevertingCorrectionHeldBack: an author's upload from a fresh
// page whose file still has a paragraph as it was before the editor
// corrected it is held back, the warning listing that correction (the
// earlier text and the editor's), until the author replaces anyway; a
// file that keeps the correction goes through.
func TestUploadRevertingCorrectionHeldBack(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		page := fx.path("/manuscript")
		resp, _ := fx.author.upload(t, page, "ms.md", []byte("# Договор\n\nПервый абзац о договоре.\n\nВторой абзац о соседстве.\n"))
		wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		resp, d := fx.author.post(fx.path("/move"), url.Values{"move": {"submit"}})
		wantStatus(t, "submit", resp, http.StatusSeeOther, d)
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"edit"}})
		wantStatus(t, "edit", resp, http.StatusSeeOther, d)
		_, d = fx.editor.get(page)
		var block string
		d.Find("a.work-correct").EachWithBreak(func(_ int, s *goquery.Selection) bool {
			href := s.AttrOr("href", "")
			if strings.Contains(s.Closest(".work-block").Text(), "Первый абзац") {
				block = href[strings.Index(href, "correct=")+len("correct=") : strings.Index(href, "#")]
				return false
			}
			return true
		})
		if block == "" {
			t.Fatal("the first paragraph offers no correction")
		}
		resp, d = fx.editor.post(fx.path("/manuscript/correct"), url.Values{"block": {block}, "revision": {"1"}, "text": {"Первый абзац о договоре 2001 года."}, "reason": {"дата"}})
		wantStatus(t, "correct", resp, http.StatusSeeOther, d)

		_, d = fx.author.get(page)
		base := d.Find("input[name=base]").AttrOr("value", "")
		if base != "2" {
			t.Fatalf("fresh page's base %q, want 2", base)
		}
		old := []byte("# Договор\n\nПервый абзац о договоре.\n\nВторой абзац о соседстве, дополненный автором.\n")
		fields := url.Values{"base": {base}, "note": {"дополнение"}}
		resp, d = fx.author.uploadForm(t, page, "ms.md", old, fields)
		wantStatus(t, "upload undoing the correction", resp, http.StatusConflict, d)
		if n := fx.revisions(t); n != 2 {
			t.Fatalf("%d revisions after a held-back upload", n)
		}
		if msg := d.Find("#upload-error").Text(); !strings.Contains(msg, "исправили") || !strings.Contains(msg, "ниже") {
			t.Errorf("held-back upload says %q", msg)
		}
		if got := d.Find("#stale-upload ins").Text(); !strings.Contains(got, "2001") {
			t.Errorf("the editors' correction listed as %q", d.Find("#stale-upload").Text())
		}
		if d.Find("#manuscript-overwrite").Length() != 1 {
			t.Error("no way to replace anyway")
		}
		keeps := []byte("# Договор\n\nПервый абзац о договоре 2001 года.\n\nВторой абзац о соседстве, дополненный автором.\n")
		resp, d = fx.author.uploadForm(t, page, "ms.md", keeps, fields)
		wantStatus(t, "upload keeping the correction", resp, http.StatusSeeOther, d)
	})
}

// TestOriginalNotShownAsUntranslated: before its text is final, the
// contribution's original language is shown as the original, not as a
// translation not started.
func TestOriginalNotShownAsUntranslated(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		_, d := fx.editor.get(fx.path(""))
		var got string
		d.Find(".lang-states li").Each(func(_ int, s *goquery.Selection) {
			if strings.HasPrefix(s.Text(), "Russian") {
				got = s.Text()
			}
		})
		if got != "Russian: original" {
			t.Errorf("the original's state reads %q, want Russian: original", got)
		}
	})
}

// TestDiffFormSelectsOne: the revision-diff form marks only the chosen
// revisions selected.
func TestDiffFormSelectsOne(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		page := fx.path("/manuscript")
		for _, md := range []string{"# Д\n\nОдин.\n", "# Д\n\nДва.\n", "# Д\n\nТри.\n"} {
			resp, _ := fx.author.upload(t, page, "ms.md", []byte(md))
			wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		}
		_, d := fx.author.get(page)
		if opts := d.Find("form.work-diff #diff-to option[selected]"); opts.Length() != 1 || opts.AttrOr("value", "") != "3" {
			t.Errorf("manuscript page's diff form: %d \"to\" options selected (%q), want only the latest", opts.Length(), opts.Text())
		}
		_, d = fx.author.get(fx.path("/manuscript/diff?from=1&to=2"))
		for sel, want := range map[string]string{"#diff-from": "1", "#diff-to": "2"} {
			opts := d.Find(sel + " option[selected]")
			if opts.Length() != 1 || opts.AttrOr("value", "") != want {
				t.Errorf("%s: %d options selected (%q), want only %s", sel, opts.Length(), opts.Text(), want)
			}
		}
	})
}

// TestTMXImportNothingNew: a TMX file imported a second time says in one
// message that nothing new was added, not "0 units added" beside a notice.
func TestTMXImportNothingNew(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("editor@tmx9b.example", "TMX Editor", "en", false, "cass:editor")
		b := o.browser()
		b.signIn("editor@tmx9b.example")
		file := `<tmx version="1.4"><header srclang="zh-CN" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>` +
			`<tu><tuv xml:lang="zh-CN"><seg>条约有效期为二十年。</seg></tuv><tuv xml:lang="ru-RU"><seg>Договор заключается сроком на двадцать лет.</seg></tuv></tu></body></tmx>`
		for k, want := range []string{"1 translation unit added to the memory.", "Nothing new was added: the file's 1 unit was already in the memory."} {
			resp, _ := b.multipartPost("/office/memory", url.Values{"from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"m.tmx", file}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("import %d: status %d", k, resp.StatusCode)
			}
			_, d := b.get(resp.Header.Get("Location"))
			if flash := d.Find(".flash").Text(); strings.TrimSpace(flash) != want {
				t.Errorf("import %d: %q, want only %q", k, flash, want)
			}
		}
	})
}
