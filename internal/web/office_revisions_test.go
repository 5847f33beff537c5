package web_test

import (
	"archive/zip"
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// uploadForm posts a manuscript file with the other fields of the upload
// form (base, overwrite, note).
func (b *browser) uploadForm(t *testing.T, path, name string, data []byte, fields url.Values) (*http.Response, *goquery.Document) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
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

// download fetches a file and its body.
func (b *browser) download(t *testing.T, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := b.c.Get(b.o.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

// TestEditorCorrectionKeptFromAuthor: an editor corrects a paragraph in
// place and returns the text; the author is told (mail and page) that the
// editors corrected it and to continue from the latest revision, can
// download every revision as DOCX (written over their own Word file, with
// the correction in it) and as Markdown, and an upload made from the
// older revision is held back with what the editors changed, until the
// author confirms.
func TestEditorCorrectionKeptFromAuthor(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		page := fx.path("/manuscript")
		resp, _ := fx.author.upload(t, page, "ms.docx", fixture(t, "ms-v1.docx"))
		wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		// The author's page as loaded before the editors' work.
		_, before := fx.author.get(page)
		if v := before.Find("input[name=base]").AttrOr("value", ""); v != "1" {
			t.Fatalf("upload form's base revision %q, want 1", v)
		}
		resp, d := fx.author.post(fx.path("/move"), url.Values{"move": {"submit"}})
		wantStatus(t, "submit", resp, http.StatusSeeOther, d)
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"edit"}})
		wantStatus(t, "edit", resp, http.StatusSeeOther, d)

		_, d = fx.editor.get(page)
		href, ok := d.Find("a.work-correct").First().Attr("href")
		if !ok {
			t.Fatal("no block offers a correction")
		}
		block := href[strings.Index(href, "correct=")+len("correct=") : strings.Index(href, "#")]
		const fixed = "Исправленный редактором абзац о договоре."
		resp, d = fx.editor.post(fx.path("/manuscript/correct"), url.Values{"block": {block}, "revision": {"1"}, "text": {fixed}, "reason": {"опечатка"}})
		wantStatus(t, "correction", resp, http.StatusSeeOther, d)
		resp, d = fx.editor.post(fx.path("/move"), url.Values{"move": {"return"}, "message": {"Сократите второй раздел."}})
		wantStatus(t, "return", resp, http.StatusSeeOther, d)

		mails := mailTo(queuedMail(t, db), "author@ms.example")
		if len(mails) == 0 || !strings.Contains(mails[len(mails)-1].Text, "скачайте редакцию 2") {
			t.Errorf("return mail does not tell the author to continue from revision 2: %+v", mails)
		}
		_, d = fx.author.get(page)
		if got := d.Find(".returned-note").Text(); !strings.Contains(got, "Редакторы исправили текст") || !strings.Contains(got, "2") {
			t.Errorf("returned note: %q", got)
		}
		if got := d.Find(".edited-since").Text(); !strings.Contains(got, "Редакция 2") || !strings.Contains(got, "опечатка") {
			t.Errorf("warning of the editors' revisions: %q", got)
		}
		for _, n := range []string{"1", "2"} {
			for _, f := range []string{"docx", "md"} {
				if d.Find(`.work-revisions a[href$="/revisions/`+n+`/`+f+`"]`).Length() != 1 {
					t.Errorf("no %s download of revision %s", f, n)
				}
			}
		}
		resp, data := fx.author.download(t, page+"/revisions/2/docx")
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), ".docx") {
			t.Fatalf("DOCX download: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		got, err := docx.Read(bytes.NewReader(data), int64(len(data)), docx.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		got.Walk(func(b *doc.Block) { text.WriteString(doc.PlainText(b.Inlines) + "\n") })
		if !strings.Contains(text.String(), fixed) || !strings.Contains(text.String(), "Договор подписан 16 июля 2001 года") {
			t.Errorf("downloaded DOCX lacks the correction or the rest: %q", text.String())
		}
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			if f.Name == "word/styles.xml" {
				rc, _ := f.Open()
				styles, _ := io.ReadAll(rc)
				rc.Close()
				if !bytes.Contains(styles, []byte(`w:styleId="TextBody"`)) || !bytes.Contains(styles, []byte("DejaVu Serif")) {
					t.Errorf("the DOCX is not written over the author's file: its styles are not theirs")
				}
			}
		}
		resp, data = fx.author.download(t, page+"/revisions/1/md")
		if resp.StatusCode != 200 || strings.Contains(string(data), fixed) || !strings.Contains(string(data), "Договор подписан 16 июля 2001 года") {
			t.Errorf("Markdown of revision 1: %d %q", resp.StatusCode, data)
		}
		if resp, _ := fx.author.download(t, page+"/revisions/3/md"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("revision 3 that does not exist: %d", resp.StatusCode)
		}
		stranger := fx.o.browser()
		fx.o.account("nobody@ms.example", "Nobody", "en", false)
		stranger.signIn("nobody@ms.example")
		if resp, _ := stranger.download(t, page+"/revisions/1/docx"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("someone with no part in it downloads the manuscript: %d", resp.StatusCode)
		}

		// The author uploads the file of their own copy from the page
		// loaded before: held back with what the editors changed.
		fields := url.Values{"base": {"1"}, "note": {"моя правка"}}
		resp, d = fx.author.uploadForm(t, page, "ms.docx", fixture(t, "ms-v2.docx"), fields)
		wantStatus(t, "upload from revision 1", resp, http.StatusConflict, d)
		if n := fx.revisions(t); n != 2 {
			t.Fatalf("%d revisions after a held-back upload", n)
		}
		if msg := d.Find("#upload-error").Text(); !strings.Contains(msg, "редакции 1") || !strings.Contains(msg, "редакции 2") {
			t.Errorf("held-back upload says %q", msg)
		}
		if got := d.Find("#stale-upload").Text(); !strings.Contains(got, "опечатка") || !strings.Contains(d.Find("#stale-upload ins").Text(), "Исправленный") {
			t.Errorf("what the editors changed: %q", got)
		}
		if d.Find("#manuscript-overwrite").Length() != 1 || d.Find("input[name=base]").AttrOr("value", "") != "1" || d.Find("#manuscript-note").AttrOr("value", "") != "моя правка" {
			t.Errorf("the form to confirm: overwrite %d, base %q, note %q", d.Find("#manuscript-overwrite").Length(), d.Find("input[name=base]").AttrOr("value", ""), d.Find("#manuscript-note").AttrOr("value", ""))
		}
		fields.Set("overwrite", "1")
		resp, d = fx.author.uploadForm(t, page, "ms.docx", fixture(t, "ms-v2.docx"), fields)
		wantStatus(t, "confirmed upload", resp, http.StatusSeeOther, d)
		if n := fx.revisions(t); n != 3 {
			t.Errorf("%d revisions after the confirmed upload", n)
		}
		// With the author's own upload last, nothing warns any more.
		if _, d = fx.author.get(page); d.Find(".edited-since").Length() != 0 {
			t.Errorf("still warned after the author's upload: %q", d.Find(".edited-since").Text())
		}
	})
}

// TestCorrectionOfferedWhereItWorks: "Correct the text" is offered only on
// plain paragraphs and headings; a paragraph with a note, formatting or a
// link says up front why not; every refusal shows the form again with
// the typed text and the reason beside it; the address of a refusal leads
// back to the form when opened again.
func TestCorrectionOfferedWhereItWorks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		page := fx.path("/manuscript")
		md := []byte("# Договор\n\nПростой абзац без оформления.\n\nАбзац со сноской[^1] и *курсивом*.\n\n- пункт списка\n\n[^1]: Сноска.\n")
		resp, _ := fx.author.upload(t, page, "ms.md", md)
		wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		for _, mv := range []struct {
			b    *browser
			move string
		}{{fx.author, "submit"}, {fx.editor, "edit"}} {
			resp, d := mv.b.post(fx.path("/move"), url.Values{"move": {mv.move}})
			wantStatus(t, mv.move, resp, http.StatusSeeOther, d)
		}
		_, d := fx.editor.get(page)
		var plain, noted, list string
		d.Find(".work-block").Each(func(_ int, s *goquery.Selection) {
			id := s.Find(".work-block-text > [id]").First().AttrOr("id", "")
			text := s.Find(".work-block-text").Text()
			correct := s.Find("a.work-correct").Length() == 1
			why := s.Find(".work-uncorrectable").Text()
			switch {
			case strings.Contains(text, "Простой абзац"):
				plain = id
				if !correct {
					t.Errorf("plain paragraph not offered for correction")
				}
			case strings.Contains(text, "со сноской"):
				noted = id
				if correct || !strings.Contains(why, "formatting, links or notes") {
					t.Errorf("paragraph with a note: offered %v, says %q", correct, why)
				}
			case strings.Contains(text, "пункт списка"):
				list = id
				if correct || !strings.Contains(why, "lists") {
					t.Errorf("list: offered %v, says %q", correct, why)
				}
			}
		})
		if plain == "" || noted == "" || list == "" {
			t.Fatalf("blocks not found: %q %q %q", plain, noted, list)
		}
		// ?correct= on a block that cannot be opens no form.
		if _, d = fx.editor.get(page + "?correct=" + noted); d.Find("#correct-text").Length() != 0 {
			t.Error("a correction form opens on a paragraph with a note")
		}
		for _, c := range []struct {
			name, block, rev, text, says string
		}{
			{"formatted", noted, "1", "Абзац без сноски.", "formatting, links or notes"},
			{"unchanged", plain, "1", "Простой абзац без оформления.", "same as before"},
			{"empty", plain, "1", "  ", "empty"},
			{"stale", plain, "7", "Другой текст абзаца.", ""},
			{"gone", "p-nowhere", "1", "Текст пропавшего абзаца.", "no longer in the latest revision"},
		} {
			resp, d := fx.editor.post(fx.path("/manuscript/correct"), url.Values{"block": {c.block}, "revision": {c.rev}, "text": {c.text}, "reason": {"правка"}})
			if resp.StatusCode < 400 || resp.StatusCode == http.StatusNotFound {
				t.Errorf("%s: status %d", c.name, resp.StatusCode)
				continue
			}
			msg := d.Find("#correct-error").Text()
			if msg == "" || !strings.Contains(msg, c.says) {
				t.Errorf("%s: reason %q, want it to say %q", c.name, msg, c.says)
			}
			typed := d.Find("#correct-text").Text()
			if c.name == "gone" {
				typed = d.Find("#correct-error blockquote").Text()
			}
			if typed != c.text {
				t.Errorf("%s: typed text shown as %q", c.name, typed)
			}
			if c.name != "gone" && d.Find("#correct-error").Closest("form").Length() != 1 {
				t.Errorf("%s: the reason is not beside the form", c.name)
			}
		}
		resp, d = fx.editor.get(fx.path("/manuscript/correct?block=" + plain))
		if resp.StatusCode != http.StatusOK || d.Find("#correct-text").Closest("form").Find("input[name=block]").AttrOr("value", "") != plain {
			t.Errorf("the refusal's address opened again: %d, form of %q", resp.StatusCode, d.Find("#correct-text").Closest("form").Find("input[name=block]").AttrOr("value", ""))
		}
	})
}

// TestRevisionDiffInWords: the difference of two revisions counts an
// edited block as changed (its words marked), with plurals of the
// reader's language, and shows quotations and lists as such, with no
// internal block name as text.
func TestRevisionDiffInWords(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		page := fx.path("/manuscript")
		v1 := "# Договор\n\n> Цитата из текста договора о границе.\n\n- первый пункт списка\n- второй пункт списка\n\nАбзац со сноской.[^1]\n\n[^1]: Текст сноски о договоре.\n"
		v2 := strings.NewReplacer("о границе", "о государственной границе", "второй пункт", "второй изменённый пункт", "Текст сноски", "Новый текст сноски").Replace(v1)
		for _, v := range []string{v1, v2} {
			resp, _ := fx.author.upload(t, page, "ms.md", []byte(v))
			wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		}
		for _, c := range []struct {
			b            *browser
			counts, note string
		}{
			{fx.editor, "3 blocks changed · 0 blocks inserted · 0 blocks deleted", "Note 1"},
			{fx.author, "3 блока изменены · 0 блоков добавлено · 0 блоков удалено", "Сноска 1"},
			{fx.orgCASS, "修改3段 · 新增0段 · 删除0段", "注1"},
		} {
			_, d := c.b.get(fx.path("/manuscript/diff?from=1&to=2"))
			if got := strings.Join(strings.Fields(d.Find(".diff-counts").Text()), " "); got != c.counts {
				t.Errorf("counts %q, want %q", got, c.counts)
			}
			text := d.Find(".work-diff-text")
			if text.Find("blockquote.diff-ctx .changed ins").Text() != "государственной " {
				t.Errorf("the quotation's change: %q", text.Find("blockquote.diff-ctx").Text())
			}
			if text.Find("ul.diff-ctx li").Length() != 2 || !strings.Contains(text.Find("ul.diff-ctx li .changed ins").Text(), "изменённый") {
				t.Errorf("the list's items: %q", text.Find("ul.diff-ctx").Text())
			}
			if got := text.Find(".diff-note .ctx").Text(); got != c.note {
				t.Errorf("note labelled %q, want %q", got, c.note)
			}
			text.Find(".ctx").Each(func(_ int, s *goquery.Selection) {
				if l := s.Text(); l == "list" || l == "quote" || strings.HasPrefix(l, "note ") {
					t.Errorf("internal name %q shown", l)
				}
			})
		}
	})
}

// TestManuscriptTimesAndLanguage: revision times name their zone (UTC,
// as the history's do) in each language, and the correction's text box
// is in the manuscript's language, not the reader's.
func TestManuscriptTimesAndLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		page := fx.path("/manuscript")
		resp, _ := fx.author.upload(t, page, "ms.md", []byte("# Договор\n\nПростой абзац.\n"))
		wantStatus(t, "upload", resp, http.StatusSeeOther, nil)
		for _, b := range []*browser{fx.author, fx.editor, fx.orgCASS} {
			_, d := b.get(page)
			if got := d.Find(".work-revisions li").First().Text(); !strings.Contains(got, "UTC") {
				t.Errorf("revision's time without its zone: %q", got)
			}
		}
		for _, mv := range []struct {
			b    *browser
			move string
		}{{fx.author, "submit"}, {fx.editor, "edit"}} {
			resp, d := mv.b.post(fx.path("/move"), url.Values{"move": {mv.move}})
			wantStatus(t, mv.move, resp, http.StatusSeeOther, d)
		}
		_, d := fx.editor.get(page)
		href := d.Find("a.work-correct").First().AttrOr("href", "")
		_, d = fx.editor.get(href)
		if l := d.Find("#correct-text").AttrOr("lang", ""); l != "ru" {
			t.Errorf("correction text box lang=%q, want the manuscript's ru", l)
		}
	})
}
