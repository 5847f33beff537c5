package web_test

import (
	"archive/zip"
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/works"
)

// manuscriptFixture is a contribution of the demo forum's collection with
// an author who has an account, an editor, a translator and an organiser
// at each host.
type manuscriptFixture struct {
	o                                *office
	c                                *works.Contribution
	author, editor, orgCASS, orgRIAC *browser
}

func newManuscriptFixture(t *testing.T, db *store.DB) *manuscriptFixture {
	t.Helper()
	ctx := context.Background()
	o := newOffice(t, db)
	fx := &manuscriptFixture{o: o}
	var collID, personID int64
	if err := db.QueryRow(ctx, `SELECT c.id FROM collections c JOIN forums f ON f.id = c.forum_id WHERE f.slug = ? AND c.slug = ?`, "treaty-20-forum", "treaty-20-collected-works").Scan(&collID); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow(ctx, `SELECT MIN(id) FROM people`).Scan(&personID); err != nil {
		t.Fatal(err)
	}
	author := o.account("author@ms.example", "Демо Автор", "ru", false)
	o.account("editor@ms.example", "Demo Editor", "en", false, "cass:editor")
	o.account("org-cass@ms.example", "CASS Organiser", "zh", false, "cass:organiser")
	o.account("org-riac@ms.example", "RIAC Organiser", "ru", false, "riac:organiser")
	if _, err := db.Exec(ctx, `INSERT INTO person_accounts (person_id, account_id) VALUES (?, ?)`, personID, author.ID); err != nil {
		t.Fatal(err)
	}
	fx.c = &works.Contribution{CollectionID: collID, Lang: "ru", State: works.Accepted,
		Title: lang.New("ru", map[string]string{"ru": "Договор и соседство"}), Authors: []works.Author{{PersonID: personID}}}
	if err := db.Transact(ctx, func(tx *store.Tx) error { return works.CreateContribution(ctx, tx, fx.c, works.Actor{Name: "test"}) }); err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		b     **browser
		email string
	}{{&fx.author, "author@ms.example"}, {&fx.editor, "editor@ms.example"}, {&fx.orgCASS, "org-cass@ms.example"}, {&fx.orgRIAC, "org-riac@ms.example"}} {
		*p.b = o.browser()
		(*p.b).signIn(p.email)
	}
	return fx
}

func (fx *manuscriptFixture) path(rest string) string {
	return "/office/contributions/" + strconv.FormatInt(fx.c.ID, 10) + rest
}

// upload posts a manuscript file under the name given, as a browser sends
// the page's upload form.
func (b *browser) upload(t *testing.T, path, name string, data []byte) (*http.Response, *goquery.Document) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("note", "редакция")
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.Close()
	req, err := http.NewRequest("POST", b.o.srv.URL+path, &buf)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	d, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, d
}

func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/manuscript/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (fx *manuscriptFixture) revisions(t *testing.T) int {
	t.Helper()
	var n int
	if err := fx.o.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM document_revisions r JOIN contributions c ON c.document_id = r.document_id WHERE c.id = ?`, fx.c.ID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func (fx *manuscriptFixture) state(t *testing.T, l string) string {
	t.Helper()
	c, err := works.GetContribution(context.Background(), fx.o.db, fx.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if l == "" {
		return string(c.State)
	}
	st, _ := c.LangState(l)
	return string(st)
}

func wantStatus(t *testing.T, what string, resp *http.Response, want int, d *goquery.Document) {
	t.Helper()
	if resp.StatusCode != want {
		msg := ""
		if d != nil {
			msg = strings.TrimSpace(d.Find(".form-error").Text())
		}
		t.Fatalf("%s: status %d, want %d (%q)", what, resp.StatusCode, want, msg)
	}
}

// TestOfficeManuscript carries a contribution from the author's upload to
// its approval by both hosts: bad uploads refused in the author's
// language with nothing lost, the DOCX shown as read with its Word comment
// beside its block, the diff of two revisions, the editor's comment and
// correction, the moves and their mail, and the approval re-opened by a
// correction with what changed shown.
func TestOfficeManuscript(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		page := fx.path("/manuscript")

		// Bad input: each refused with the reason in Russian, nothing
		// stored.
		for _, bad := range []struct {
			name, file string
			data       []byte
			want       string
		}{
			{"PDF", "text.docx", []byte("%PDF-1.4\n"), "Это PDF"},
			{"empty", "empty.md", []byte(""), "Файл пустой"},
			{"path traversal", "evil.docx", evilDocx(t), "небезопасный"},
		} {
			resp, d := fx.author.upload(t, page, bad.file, bad.data)
			wantStatus(t, bad.name, resp, http.StatusUnprocessableEntity, nil)
			if msg := d.Find("#upload-error").Text(); !strings.Contains(msg, bad.want) {
				t.Errorf("%s: message %q, want %q", bad.name, msg, bad.want)
			}
			if v, _ := d.Find("#manuscript-note").Attr("value"); v != "редакция" {
				t.Errorf("%s: the note was lost: %q", bad.name, v)
			}
		}
		if n := fx.revisions(t); n != 0 {
			t.Fatalf("%d revisions after bad uploads", n)
		}

		// A DOCX named .txt is read as what it is.
		resp, _ := fx.author.upload(t, page, "manuscript.txt", fixture(t, "ms-v1.docx"))
		wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		_, d := fx.author.get(page)
		block := d.Find(".work-block").FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Find(".work-block-text").Text(), "Договор подписан 16 июля 2001 года")
		})
		if got := block.Find(".word-comment").Text(); !strings.Contains(got, "Уточнить место подписания.") || !strings.Contains(got, "Демо Редактор") {
			t.Errorf("Word comment beside its block: %q", got)
		}
		resp, _ = fx.author.upload(t, page, "evil.docx", evilDocx(t))
		wantStatus(t, "hostile upload after a good one", resp, http.StatusUnprocessableEntity, nil)
		if n := fx.revisions(t); n != 1 {
			t.Fatalf("%d revisions; the hostile upload must leave revision 1 current", n)
		}

		// With the manuscript in, the original language is fixed: the
		// editor's form shows it without a choice, and a request for
		// another is refused on the field, the rest kept.
		_, d = fx.editor.get(fx.path("/edit"))
		if sel := d.Find("select#lang"); sel.Length() != 1 || sel.AttrOr("disabled", "-") == "-" || !strings.Contains(d.Find("#lang-hint").Text(), "fixed") {
			t.Errorf("language select after the upload: %d, disabled %q, hint %q", sel.Length(), sel.AttrOr("disabled", "-"), d.Find("#lang-hint").Text())
		}
		edit := formValues(t, d, "form.content-form")
		if edit.Get("lang") != "ru" {
			t.Errorf("the form sends lang %q, want ru", edit.Get("lang"))
		}
		edit.Set("lang", "zh")
		edit.Set("title.zh", "条约与睦邻")
		resp, d = fx.editor.post(fx.path("/edit"), edit)
		wantStatus(t, "original language changed after the upload", resp, http.StatusUnprocessableEntity, d)
		if msg := d.Find(".field-error").Text(); !strings.Contains(msg, "original language is fixed") || byID(d, "title.zh").AttrOr("value", "") != "条约与睦邻" {
			t.Errorf("refusal %q, title kept %q", msg, byID(d, "title.zh").AttrOr("value", ""))
		}
		if c, _ := works.GetContribution(context.Background(), db, fx.c.ID); c.Lang != "ru" {
			t.Errorf("original language now %s", c.Lang)
		}
		edit.Set("lang", "ru")
		resp, d = fx.editor.post(fx.path("/edit"), edit)
		wantStatus(t, "save with the language unchanged", resp, http.StatusSeeOther, d)

		// The author submits; the author may not accept the text.
		resp, d = fx.author.post(fx.path("/move"), url.Values{"move": {"final"}})
		wantStatus(t, "author accepts", resp, http.StatusForbidden, d)
		resp, d = fx.author.post(fx.path("/move"), url.Values{"move": {"submit"}})
		wantStatus(t, "submit", resp, http.StatusSeeOther, d)
		if got := mailTo(queuedMail(t, db), "editor@ms.example"); len(got) != 1 || !strings.Contains(got[0].Subject, "Text submitted") {
			t.Errorf("mail to the editor: %+v", got)
		}
		// Returning needs a message; it is refused, then sent.
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"return"}})
		wantStatus(t, "return without a message", resp, http.StatusUnprocessableEntity, d)
		// Returned with a message: the author and the editor see it on the
		// manuscript page, the author's dashboard lists it as returned, and
		// submitting again clears it.
		const why = "Сократите, пожалуйста, второй раздел."
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"return"}, "message": {why}})
		wantStatus(t, "return", resp, http.StatusSeeOther, d)
		for who, b := range map[string]*browser{"author": fx.author, "editor": fx.editor} {
			_, d = b.get(page)
			if got := d.Find(".returned-note").Text(); !strings.Contains(got, why) || !strings.Contains(got, "Demo Editor") {
				t.Errorf("%s sees the return as %q", who, got)
			}
		}
		_, d = fx.author.get("/office/")
		if got := d.Find("ul.returned li").Text(); !strings.Contains(got, "Договор и соседство") || !strings.Contains(got, why) {
			t.Errorf("author's dashboard, returned to you: %q", got)
		}
		_, d = fx.editor.get(fx.path("/edit"))
		if h := d.Find(".history").Text(); !strings.Contains(h, "submitted") || strings.Contains(h, "awaiting approval") {
			t.Errorf("history names the states: %q", h)
		}
		resp, d = fx.author.post(fx.path("/move"), url.Values{"move": {"submit"}})
		wantStatus(t, "submit again", resp, http.StatusSeeOther, d)
		if _, d = fx.author.get(page); d.Find(".returned-note").Length() != 0 {
			t.Errorf("the return is still shown after submitting again: %q", d.Find(".returned-note").Text())
		}
		if _, d = fx.author.get("/office/"); d.Find("ul.returned li").Length() != 0 {
			t.Errorf("dashboard still lists the return: %q", d.Find("ul.returned").Text())
		}
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"edit"}})
		wantStatus(t, "edit", resp, http.StatusSeeOther, d)
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"edit"}})
		wantStatus(t, "edit twice", resp, http.StatusConflict, d)
		if msg := d.Find(".form-error").Text(); !strings.Contains(msg, "Editing has already started") {
			t.Errorf("a move made twice: %q", msg)
		}

		// The editor uploads a revision and compares.
		resp, _ = fx.editor.upload(t, page, "ms-v2.docx", fixture(t, "ms-v2.docx"))
		wantStatus(t, "second revision", resp, http.StatusSeeOther, nil)
		_, d = fx.editor.get(fx.path("/manuscript/diff?from=1&to=2"))
		if del, ins := d.Find(".work-diff-text del").Text(), d.Find(".work-diff-text ins").Text(); !strings.Contains(del, "9") || !strings.Contains(ins, "6") {
			t.Errorf("diff: deleted %q, inserted %q", del, ins)
		}

		// A comment on a block, then resolved.
		_, d = fx.editor.get(page)
		target, _ := d.Find(".work-block-text [id^=p-]").Eq(1).Attr("id")
		resp, d = fx.editor.post(fx.path("/manuscript/comments"), url.Values{"block": {target}, "revision": {"2"}, "body": {""}})
		wantStatus(t, "empty comment", resp, http.StatusUnprocessableEntity, d)
		resp, d = fx.editor.post(fx.path("/manuscript/comments"), url.Values{"block": {target}, "revision": {"2"}, "body": {"Which article?"}})
		wantStatus(t, "comment", resp, http.StatusSeeOther, d)
		_, d = fx.author.get(page)
		if got := d.Find("#" + target).Closest(".work-block").Find(".editor-comment").Text(); !strings.Contains(got, "Which article?") {
			t.Errorf("editor's comment beside its block: %q", got)
		}

		// The text becomes final: the original awaits the hosts, the other
		// language is in translation.
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"final"}})
		wantStatus(t, "final", resp, http.StatusSeeOther, d)
		if ru, zh := fx.state(t, "ru"), fx.state(t, "zh"); ru != "reviewed" || zh != "in_translation" {
			t.Fatalf("languages ru %s, zh %s", ru, zh)
		}
		// The Chinese translation has started, segment by segment, and
		// the page leads to it in the workbench.
		_, d = fx.editor.get(page)
		wb, ok := d.Find("#lang-zh a[href^='/office/translations/']").Attr("href")
		if !ok {
			t.Fatal("no workbench link for the Chinese translation")
		}
		resp, d = fx.editor.get(wb)
		wantStatus(t, "workbench", resp, http.StatusOK, d)
		if n := d.Find("tr.seg").Length(); n == 0 {
			t.Error("the translation has no segments")
		}
		resp, _ = fx.author.upload(t, page, "ms-v1.docx", fixture(t, "ms-v1.docx"))
		wantStatus(t, "upload to a final text", resp, http.StatusConflict, nil)

		// Chinese is marked translated only with every segment confirmed,
		// and reviewed only with every one reviewed; a refusal says how
		// many are left.
		segs := d.Find("tr.seg").Length()
		setSegs := func(st string, n int) {
			t.Helper()
			q := `UPDATE translation_segments SET state = ? WHERE archived_at IS NULL AND translation_id = (SELECT id FROM translations WHERE document_id = (SELECT document_id FROM contributions WHERE id = ?) AND lang = 'zh')`
			args := []any{st, fx.c.ID}
			if n >= 0 {
				q += ` AND position < ?`
				args = append(args, n)
			}
			if _, err := db.Exec(context.Background(), q, args...); err != nil {
				t.Fatal(err)
			}
		}
		langMove := func(move string, want int, says string) {
			t.Helper()
			resp, d := fx.editor.post(fx.path("/languages/zh/move"), url.Values{"move": {move}})
			wantStatus(t, "zh "+move, resp, want, d)
			if msg := d.Find(".form-error").Text(); says != "" && !strings.Contains(msg, says) {
				t.Errorf("zh %s refused with %q, want it to say %q", move, msg, says)
			}
		}
		langMove("translated", http.StatusConflict, strconv.Itoa(segs)+" segments are not confirmed")
		setSegs("translated", segs-1)
		langMove("translated", http.StatusConflict, "1 segment is not confirmed")
		setSegs("translated", -1)
		langMove("translated", http.StatusSeeOther, "")
		langMove("review", http.StatusSeeOther, "")
		langMove("reviewed", http.StatusConflict, strconv.Itoa(segs)+" segments are not reviewed")
		setSegs("approved", -1)
		langMove("reviewed", http.StatusSeeOther, "")
		if st := fx.state(t, "zh"); st != "reviewed" {
			t.Errorf("zh after every segment was approved: %s", st)
		}

		// Both hosts approve the original.
		approve := func(b *browser, who string) {
			t.Helper()
			_, d := b.get(page)
			form := d.Find("#lang-ru form[action$='/approve']")
			fp, _ := form.Find("input[name=fingerprint]").Attr("value")
			partner, _ := form.Find("button[name=partner]").Attr("value")
			resp, d := b.post(fx.path("/languages/ru/approve"), url.Values{"fingerprint": {fp}, "partner": {partner}})
			wantStatus(t, who+" approves", resp, http.StatusSeeOther, d)
		}
		// A host's approval is its own people's: an admin without a
		// role at a host is neither offered it nor allowed it.
		fx.o.account("admin@ms.example", "Admin", "en", true)
		adm := fx.o.browser()
		adm.signIn("admin@ms.example")
		_, d = adm.get(page)
		if d.Find("#lang-ru form[action$='/approve']").Length() != 0 {
			t.Errorf("the admin, of no host, is offered a host's approval")
		}
		_, d = fx.orgRIAC.get(page)
		fp, _ := d.Find("#lang-ru form[action$='/approve'] input[name=fingerprint]").Attr("value")
		riacID, _ := d.Find("#lang-ru form[action$='/approve'] button[name=partner]").Attr("value")
		resp, d = adm.post(fx.path("/languages/ru/approve"), url.Values{"fingerprint": {fp}, "partner": {riacID}})
		wantStatus(t, "the admin approves for RIAC", resp, http.StatusForbidden, d)
		// Four eyes between the hosts: an organiser of both approves for
		// CASS, and is then neither offered nor allowed RIAC's approval.
		fx.o.account("both@ms.example", "Organiser of both", "en", false, "cass:organiser", "riac:organiser")
		both := fx.o.browser()
		both.signIn("both@ms.example")
		_, d = both.get(page)
		var cassID string
		d.Find("#lang-ru form[action$='/approve'] button[name=partner]").Each(func(i int, s *goquery.Selection) {
			if v := s.AttrOr("value", ""); v != riacID {
				cassID = v
			}
		})
		if cassID == "" || d.Find("#lang-ru form[action$='/approve'] button[name=partner]").Length() != 2 {
			t.Fatalf("the organiser of both hosts is not offered both hosts' approvals")
		}
		resp, d = both.post(fx.path("/languages/ru/approve"), url.Values{"fingerprint": {fp}, "partner": {cassID}})
		wantStatus(t, "the organiser of both approves for CASS", resp, http.StatusSeeOther, d)
		_, d = both.get(page)
		if d.Find("#lang-ru form[action$='/approve'] button[name=partner]").Length() != 0 {
			t.Errorf("who approved for CASS is offered RIAC's approval")
		}
		resp, d = both.post(fx.path("/languages/ru/approve"), url.Values{"fingerprint": {fp}, "partner": {riacID}})
		wantStatus(t, "the organiser of both approves for RIAC too", resp, http.StatusConflict, d)
		if !strings.Contains(d.Text(), "already approved this text for another host") {
			t.Errorf("the refusal does not say why")
		}
		if st := fx.state(t, "ru"); st != "reviewed" {
			t.Fatalf("after one host: %s", st)
		}
		resp, d = fx.orgRIAC.post(fx.path("/languages/ru/approve"), url.Values{"fingerprint": {"r1:stale"}})
		wantStatus(t, "approval of another version", resp, http.StatusConflict, d)
		approve(fx.orgRIAC, "RIAC")
		if st := fx.state(t, "ru"); st != "approved" {
			t.Fatalf("after both hosts: %s", st)
		}

		// The editor corrects the approved text: re-opened, and the
		// approvers see what changed.
		resp, d = fx.editor.post(fx.path("/manuscript/correct"), url.Values{"block": {target}, "revision": {"2"}, "text": {"Статья 6 говорит о государственной границе."}, "reason": {""}})
		wantStatus(t, "correction without a reason", resp, http.StatusUnprocessableEntity, d)
		if v := d.Find("#correct-text").Text(); v != "Статья 6 говорит о государственной границе." {
			t.Errorf("the corrected text was lost: %q", v)
		}
		resp, d = fx.editor.post(fx.path("/manuscript/correct"), url.Values{"block": {target}, "revision": {"2"}, "text": {"Статья 6 говорит о государственной границе."}, "reason": {"точнее"}})
		wantStatus(t, "correction", resp, http.StatusSeeOther, d)
		if st := fx.state(t, "ru"); st != "reviewed" {
			t.Fatalf("after the correction: %s; want reviewed", st)
		}
		// The Chinese translation was reviewed; its corrected sentence
		// is to translate again, so it goes back to translation rather
		// than waiting for the hosts with a Russian sentence in it.
		if st := fx.state(t, "zh"); st != "in_translation" {
			t.Errorf("zh after the original was corrected: %s; want in_translation", st)
		}
		_, d = fx.orgCASS.get(page)
		link, ok := d.Find("#lang-ru .reopened").Parent().Find("a").Attr("href")
		if !ok {
			t.Fatal("no link to what changed since the approval")
		}
		_, d = fx.orgCASS.get(link)
		if ins := d.Find(".work-diff-text ins").Text(); !strings.Contains(ins, "государственной") {
			t.Errorf("what changed: inserted %q", ins)
		}

		// Approved again, then the Russian title changes: the title is
		// part of what the hosts approved, so their approval re-opens and
		// the change page shows the title as approved and as it is.
		approve(fx.orgCASS, "CASS again")
		approve(fx.orgRIAC, "RIAC again")
		if st := fx.state(t, "ru"); st != "approved" {
			t.Fatalf("approved again: %s", st)
		}
		_, d = fx.editor.get(fx.path("/edit"))
		edit = formValues(t, d, "form.content-form")
		edit.Set("title.ru", "Договор и добрососедство")
		resp, d = fx.editor.post(fx.path("/edit"), edit)
		wantStatus(t, "title edited after the approval", resp, http.StatusSeeOther, d)
		if st := fx.state(t, "ru"); st != "reviewed" {
			t.Errorf("after the title changed: ru %s; want reviewed", st)
		}
		_, d = fx.orgCASS.get(page)
		link, ok = d.Find("#lang-ru .reopened").Parent().Find("a").Attr("href")
		if !ok {
			t.Fatal("no link to what changed since the approval of the title")
		}
		_, d = fx.orgCASS.get(link)
		meta := d.Find(".metadata-changes")
		if del, ins := meta.Find("del").Text(), meta.Find("ins").Text(); del != "Договор и соседство" || ins != "Договор и добрососедство" {
			t.Errorf("metadata changes: %q → %q", del, ins)
		}
	})
}

// evilDocx is a DOCX package with an entry whose name climbs out of it.
func evilDocx(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "../../etc/cron.d/evil"} {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("<x/>"))
	}
	zw.Close()
	return buf.Bytes()
}
