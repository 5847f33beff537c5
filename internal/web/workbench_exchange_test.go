package web_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/omegat"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/tm"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/web"
)

const (
	essayTitle  = "Договор о добрососедстве"
	essaySigned = "Договор был подписан в Москве в 2001 году."
	essayBasis  = "Он определил основы отношений."
	essayDate   = "Договор был подписан в Москве 16 июля 2001 года."
	essayNote   = "Текст договора опубликован на двух языках."
)

func exchangePath(tr *translate.Translation, rest string) string {
	return "/office/translations/" + itoa(tr.ID) + rest
}

// downloadXLIFF downloads the translation's XLIFF from the exchange page's
// link and reads it as a CAT tool would.
func downloadXLIFF(t *testing.T, b *browser, tr *translate.Translation, version string) (*interchange.XLIFF, []byte, *http.Response) {
	t.Helper()
	resp, body := b.do("GET", exchangePath(tr, "/xliff?version="+version), nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("download XLIFF %s: %d", version, resp.StatusCode)
	}
	x, err := interchange.ReadXLIFF(strings.NewReader(body), "download.xlf")
	if err != nil {
		t.Fatalf("download XLIFF %s: %v", version, err)
	}
	return x, []byte(body), resp
}

// translateIn sets, in x, the target and state of the segment with source
// src, keeping the source's codes around the text.
func translateIn(t *testing.T, x *interchange.XLIFF, src, target string, st interchange.State) {
	t.Helper()
	for fi := range x.Files {
		for ui := range x.Files[fi].Units {
			for si := range x.Files[fi].Units[ui].Segments {
				s := &x.Files[fi].Units[ui].Segments[si]
				if s.Source.Plain() != src {
					continue
				}
				var open, rest interchange.Content
				for _, r := range s.Source.Codes() {
					if r.Kind == interchange.Open {
						open = append(open, r)
					} else {
						rest = append(rest, r)
					}
				}
				s.Target = append(append(open, interchange.Run{Kind: interchange.Text, Text: target}), rest...)
				s.State = st
				return
			}
		}
	}
	t.Fatalf("no segment %q in the file", src)
}

func xliffBytes(t *testing.T, x *interchange.XLIFF) string {
	t.Helper()
	var b bytes.Buffer
	if err := interchange.WriteXLIFF(&b, x); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestExchangeXLIFF goes through a translator's work with a desktop CAT
// tool in both XLIFF versions: the download is named for the document and
// languages and pre-filled from the memory; meanwhile a colleague confirms
// a segment in the workbench; the upload saves the file's translations with
// their states, keeps the colleague's text and shows the conflict with
// both texts, in the translator's language; a second upload of the same
// file changes nothing.
func TestExchangeXLIFF(t *testing.T) {
	for _, version := range []string{"1.2", "2.1"} {
		t.Run(version, func(t *testing.T) {
			storetest.ForEach(t, func(t *testing.T, db *store.DB) {
				mem := newTMMemory()
				mem.pair("ru", "zh").Add(tm.Unit{Source: essayNote, Target: "条约文本以两种语言公布。", Origin: "demo"})
				o := newOfficeWith(t, db, func(c *web.Config) { c.Memory = mem })
				tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
				o.account("petrov@ex.example", "Пётр Петров", "ru", false, "cass:translator")
				o.account("wang@ex.example", "王芳", "zh", false, "cass:translator")
				petrov, wang := o.browser(), o.browser()
				petrov.signIn("petrov@ex.example")
				wang.signIn("wang@ex.example")

				resp, page := petrov.get(exchangePath(tr, "/exchange"))
				if resp.StatusCode != http.StatusOK || page.Find(`form[action$="/xliff"] select[name=version] option[value="2.1"]`).Length() != 1 ||
					page.Find("#xliff-upload input[type=file]").Length() != 1 || page.Find("#align-upload").Length() != 1 {
					t.Fatalf("exchange page: %d, forms missing", resp.StatusCode)
				}
				x, _, dl := downloadXLIFF(t, petrov, tr, version)
				if cd := dl.Header.Get("Content-Disposition"); !strings.Contains(cd, "attachment") || !strings.Contains(cd, "ru-zh") {
					t.Errorf("Content-Disposition %q; want an attachment named for the languages", cd)
				}
				if x.Version != version || x.SrcLang != "ru" || !strings.HasPrefix(x.TgtLang, "zh") {
					t.Errorf("file is XLIFF %s %s→%s", x.Version, x.SrcLang, x.TgtLang)
				}
				for _, u := range x.Units() {
					for _, s := range u.Segments {
						if s.Source.Plain() == essayNote && s.Target.Plain() != "条约文本以两种语言公布。" {
							t.Errorf("the memory's exact match is not pre-filled: %q", s.Target.Plain())
						}
						if s.Source.Plain() == essaySigned && (s.State != interchange.New || s.Target.Plain() != essaySigned) {
							t.Errorf("untranslated segment not pre-filled with its source: %s %q", s.State, s.Target.Plain())
						}
					}
				}

				// Wang confirms the title in the workbench meanwhile.
				title := segmentsBySource(t, db, tr.ID)[essayTitle]
				var a segmentAnswer
				if r := wang.sendJSON("POST", segPath(tr, title), edit{"action": "save", "version": title.Version, "state": "translated", "target": plainRuns("睦邻友好条约")}, &a); r.StatusCode != http.StatusOK {
					t.Fatalf("workbench save: %d %+v", r.StatusCode, a)
				}

				translateIn(t, x, essayTitle, "睦邻条约", interchange.Translated)
				translateIn(t, x, essaySigned, "条约于2001年在莫斯科签署。", interchange.Translated)
				translateIn(t, x, essayBasis, "它确定了关系的基础。", interchange.Draft)
				resp, body := petrov.multipartPost(exchangePath(tr, "/xliff"), nil, map[string][2]string{"file": {"essay.xlf", xliffBytes(t, x)}})
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("upload: %d\n%s", resp.StatusCode, body)
				}
				rp := parse(t, body)
				summary := rp.Find("#summary").Text()
				for _, want := range []string{"3 сегмента обновлены", "1 конфликт"} {
					if !strings.Contains(summary, want) {
						t.Errorf("summary %q lacks %q", summary, want)
					}
				}
				conflict := rp.Find("#conflicts tr.conflict")
				if conflict.Length() != 1 || !strings.Contains(conflict.Find(".current").Text(), "睦邻友好条约") ||
					!strings.Contains(conflict.Find(".current").Text(), "王芳") || !strings.Contains(conflict.Find(".file").Text(), "睦邻条约") {
					t.Errorf("conflict row %q", conflict.Text())
				}
				segs := segmentsBySource(t, db, tr.ID)
				for src, want := range map[string]struct {
					state  translate.State
					target string
				}{
					essayTitle:  {translate.Translated, "睦邻友好条约"},
					essaySigned: {translate.Translated, "条约于2001年在莫斯科签署。"},
					essayBasis:  {translate.Draft, "它确定了关系的基础。"},
					essayNote:   {translate.Draft, "条约文本以两种语言公布。"},
					essayDate:   {translate.New, ""},
				} {
					if s := segs[src]; s.State != want.state || s.Target.Plain() != want.target {
						t.Errorf("%q: %s %q; want %s %q", src, s.State, s.Target.Plain(), want.state, want.target)
					}
				}
				if s := segs[essayBasis]; len(s.Target.Codes()) != 3 || s.UpdatedBy != "Пётр Петров" {
					t.Errorf("segment with codes: %+v by %q", s.Target, s.UpdatedBy)
				}
				var n int
				if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM events WHERE action = 'translation.xliff.upload' AND subject = ?`, "translation:"+itoa(tr.ID)).Scan(&n); err != nil || n != 1 {
					t.Errorf("%d upload events (%v); want 1", n, err)
				}
				before, _ := translate.Fingerprint(context.Background(), db, tr.ID)
				_, body = petrov.multipartPost(exchangePath(tr, "/xliff"), nil, map[string][2]string{"file": {"essay.xlf", xliffBytes(t, x)}})
				if after, _ := translate.Fingerprint(context.Background(), db, tr.ID); after != before || parse(t, body).Find("#nothing").Length() != 1 {
					t.Errorf("the same file twice changed the translation")
				}
			})
		})
	}
}

// TestExchangeBadInput uploads what must be refused, each with a clear
// message in the uploader's language at the file field (422), and checks
// that nothing of the translation changed: no file, an empty file, a file
// that is not XLIFF, an XLIFF of another language pair, of another
// document; for the alignment, an empty file, one that is not text, one in
// the wrong language. A reviewer may read the page but not upload.
func TestExchangeBadInput(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		newsID := mustInt(t, firstNews(t, o))
		tr := addTranslation(t, o, "workbench-essay.md", "news", newsID, "zh")
		other := addTranslation(t, o, "workbench-essay.md", "news", newsID, "zh") // another document
		o.account("li@ex.example", "李明", "zh", false, "cass:translator")
		o.account("rev@ex.example", "Reviewer", "en", false, "cass:reviewer")
		li, rev := o.browser(), o.browser()
		li.signIn("li@ex.example")
		rev.signIn("rev@ex.example")

		good, _, _ := downloadXLIFF(t, li, tr, "1.2")
		otherFile, _, _ := downloadXLIFF(t, li, other, "1.2")
		translateIn(t, otherFile, essaySigned, "The treaty was signed in Moscow in 2001.", interchange.Translated)
		pair := *good
		pair.TgtLang = "en"
		foreign := &interchange.XLIFF{Version: "1.2", SrcLang: "ru", TgtLang: "zh", Files: []interchange.XFile{{Original: "other.docx", Units: []interchange.Unit{
			{ID: "p1", Segments: []interchange.Segment{{ID: "1", Source: interchange.PlainText("Совсем другой текст."), Target: interchange.PlainText("完全不同。"), State: interchange.Translated}}}}}}}
		before, err := translate.Fingerprint(context.Background(), db, tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, path, file, data, want string
		}{
			{"no file", "/xliff", "", "", "请选择要上传的文件"},
			{"empty XLIFF", "/xliff", "a.xlf", "", "a.xlf 是空文件"},
			{"not XLIFF", "/xliff", "a.xlf", "<html><body>hello</body></html>", "不是 tandem 能读取的 XLIFF"},
			{"damaged XML", "/xliff", "cut.xlf", "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n<file original=\"a\"", "cut.xlf 不是格式正确的 XML（第 3 行）"},
			{"another pair", "/xliff", "pair.xlf", xliffBytes(t, &pair), "从俄文译为英文"},
			{"another translation", "/xliff", "en.xlf", xliffBytes(t, otherFile), "另一份译文"},
			{"another document", "/xliff", "other.xlf", xliffBytes(t, foreign), "没有一个句段属于本文档"},
			{"empty text", "/align", "a.txt", "", "a.txt 是空文件"},
			{"not text", "/align", "a.pdf", "%PDF-1.7\n\x00\x01\x02", "不是 DOCX、Markdown 或纯文本"},
			{"wrong language", "/align", "a.txt", "Договор был подписан в Москве.\n", "是用俄文写的"},
		} {
			files := map[string][2]string{}
			if c.file != "" {
				files["file"] = [2]string{c.file, c.data}
			}
			resp, body := li.multipartPost(exchangePath(tr, c.path), nil, files)
			page := parse(t, body)
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page.Find(".field-error").Text(), c.want) {
				t.Errorf("%s: %d, message %q; want 422 with %q", c.name, resp.StatusCode, page.Find(".field-error").Text(), c.want)
			}
			if after, _ := translate.Fingerprint(context.Background(), db, tr.ID); after != before {
				t.Errorf("%s: the translation changed", c.name)
			}
		}
		// The choice made in the form comes back with it.
		_, body := li.multipartPost(exchangePath(tr, "/xliff"), map[string][]string{"drafts": {"translated"}}, nil)
		if v, _ := parse(t, body).Find(`input[name=drafts][checked]`).Attr("value"); v != "translated" {
			t.Errorf("the form lost the choice of drafts: %q", v)
		}
		resp, page := rev.get(exchangePath(tr, "/exchange"))
		if resp.StatusCode != http.StatusOK || page.Find("#xliff-upload").Length() != 0 || page.Find(`a[href$="/translated/docx"]`).Length() != 1 {
			t.Errorf("reviewer's page: %d, upload form %d", resp.StatusCode, page.Find("#xliff-upload").Length())
		}
		if resp, _ := rev.multipartPost(exchangePath(tr, "/xliff"), nil, map[string][2]string{"file": {"a.xlf", xliffBytes(t, good)}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reviewer's upload: %d; want 403", resp.StatusCode)
		}
	})
}

// TestExchangeAlign imports an existing Chinese translation of the essay
// by alignment: the segments without translation get drafts, the one
// translated keeps its text, and the page says what was filled.
func TestExchangeAlign(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		o.account("li@ex.example", "李明", "en", false, "cass:translator")
		li := o.browser()
		li.signIn("li@ex.example")
		title := segmentsBySource(t, db, tr.ID)[essayTitle]
		if _, err := translate.Save(context.Background(), db, nil, title.ID, title.Version, interchange.PlainText("睦邻友好条约"), translate.Translated, "someone"); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile("testdata/workbench-essay.zh.md")
		if err != nil {
			t.Fatal(err)
		}
		resp, body := li.multipartPost(exchangePath(tr, "/align"), nil, map[string][2]string{"file": {"essay.zh.md", string(data)}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("align: %d\n%s", resp.StatusCode, body)
		}
		summary := parse(t, body).Find("#summary").Text()
		if !strings.Contains(summary, "filled with drafts") || !strings.Contains(summary, "1 segment already translated, kept") {
			t.Errorf("summary %q", summary)
		}
		segs := segmentsBySource(t, db, tr.ID)
		if s := segs[essayTitle]; s.Target.Plain() != "睦邻友好条约" || s.State != translate.Translated {
			t.Errorf("translated title overwritten: %s %q", s.State, s.Target.Plain())
		}
		for src, want := range map[string]string{essaySigned: "条约于2001年在莫斯科签署。", essayDate: "条约于2001年7月16日在莫斯科签署。", essayNote: "条约文本以两种语言公布。"} {
			if s := segs[src]; s.State != translate.Draft || s.Target.Plain() != want {
				t.Errorf("%q: %s %q; want draft %q", src, s.State, s.Target.Plain(), want)
			}
		}
	})
}

// TestExchangeAlignDOCX imports the same translation as a Word file: the
// office reads it with the manuscripts' DOCX importer and fills the drafts.
func TestExchangeAlignDOCX(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		o.account("li@ex.example", "李明", "en", false, "cass:translator")
		li := o.browser()
		li.signIn("li@ex.example")
		data, err := os.ReadFile("testdata/workbench-essay.zh.md")
		if err != nil {
			t.Fatal(err)
		}
		d, err := markdown.Read(data, "zh", markdown.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		var file bytes.Buffer
		if _, err := docx.Write(&file, d, docx.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		resp, body := li.multipartPost(exchangePath(tr, "/align"), nil, map[string][2]string{"file": {"essay.zh.docx", file.String()}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("align a DOCX: %d\n%s", resp.StatusCode, body)
		}
		segs := segmentsBySource(t, db, tr.ID)
		if s := segs[essayNote]; s.State != translate.Draft || s.Target.Plain() != "条约文本以两种语言公布。" {
			t.Errorf("%q: %s %q; want a draft from the DOCX", essayNote, s.State, s.Target.Plain())
		}
	})
}

// TestExchangeTranslatedDownload downloads the translated document in each
// format: the confirmed segments in Chinese, the others in Russian marked
// as such, the page saying how many are left; the DOCX reads back.
func TestExchangeTranslatedDownload(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		o.account("li@ex.example", "李明", "ru", false, "cass:translator")
		li := o.browser()
		li.signIn("li@ex.example")
		segs := segmentsBySource(t, db, tr.ID)
		for src, zh := range map[string]string{essayTitle: "睦邻友好条约", essaySigned: "条约于2001年在莫斯科签署。"} {
			s := segs[src]
			if _, err := translate.Save(context.Background(), db, nil, s.ID, s.Version, interchange.PlainText(zh), translate.Translated, "li"); err != nil {
				t.Fatal(err)
			}
		}
		_, page := li.get(exchangePath(tr, "/exchange"))
		if got := page.Find("#untranslated").Text(); !strings.Contains(got, "7 сегментов ещё не переведены") || !strings.Contains(got, "русский") {
			t.Errorf("untranslated note %q", got)
		}
		for _, c := range []struct{ format, ctype string }{{"html", "text/html"}, {"md", "text/markdown"}, {"docx", "application/vnd.openxmlformats"}} {
			resp, body := li.do("GET", exchangePath(tr, "/translated/"+c.format), nil)
			if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), c.ctype) || !strings.Contains(resp.Header.Get("Content-Disposition"), ".zh."+c.format) {
				t.Errorf("%s: %d %q %q", c.format, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"))
				continue
			}
			text := body
			if c.format == "docx" {
				d, err := docx.Read(strings.NewReader(body), int64(len(body)), docx.Limits{})
				if err != nil {
					t.Fatalf("docx: %v", err)
				}
				var b strings.Builder
				d.Walk(func(bl *doc.Block) { b.WriteString(doc.PlainText(bl.Inlines) + "\n") })
				text = b.String()
			}
			for _, want := range []string{"睦邻友好条约", "条约于2001年在莫斯科签署。", essayDate} {
				if !strings.Contains(text, want) {
					t.Errorf("%s lacks %q", c.format, want)
				}
			}
			if c.format != "docx" && !regexp.MustCompile(`lang="ru[^"]*"`).MatchString(text) {
				t.Errorf("%s: the untranslated text is not marked as Russian", c.format)
			}
		}
		if resp, _ := li.do("GET", exchangePath(tr, "/translated/pdf"), nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown format: %d", resp.StatusCode)
		}
	})
}

// TestExchangeOmegaT is the round trip through the office with OmegaT (the
// Debian package omegat) in console mode: a translator downloads the XLIFF
// 1.2 file, OmegaT translates it from a TMX memory, and the translator
// uploads OmegaT's target file, confirming its translations; the workbench
// then shows those segments translated, the sentence with inline codes
// with its codes, and the others still new.
func TestExchangeOmegaT(t *testing.T) {
	if !omegat.Installed() {
		t.Skip(omegat.ErrNotInstalled.Error() + "; the OmegaT round trip runs where it is")
	}
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		o.account("li@ex.example", "李明", "zh", false, "cass:translator")
		li := o.browser()
		li.signIn("li@ex.example")
		x, data, _ := downloadXLIFF(t, li, tr, "1.2")

		// The memory translates the heading, two sentences and the
		// sentence with the bold span and the note reference (OmegaT's
		// tags <g0>…</g0><x1/>, as it shows the codes of XLIFF 1.2).
		mem := &interchange.TMX{SrcLang: x.SrcLang}
		for ru, zh := range map[string]string{essayTitle: "睦邻友好条约", essaySigned: "条约于2001年在莫斯科签署。", essayNote: "条约文本以两种语言公布。"} {
			mem.Units = append(mem.Units, interchange.TU{Variants: []interchange.TUV{{Lang: x.SrcLang, Seg: interchange.PlainText(ru)}, {Lang: x.TgtLang, Seg: interchange.PlainText(zh)}}})
		}
		var mb bytes.Buffer
		if err := interchange.WriteTMX(&mb, mem, "test"); err != nil {
			t.Fatal(err)
		}
		res, err := omegat.Translate(context.Background(), t.TempDir(), omegat.Project{Source: x.SrcLang, Target: x.TgtLang,
			Files: map[string][]byte{"essay.xlf": data}, Memories: map[string][]byte{"memory.tmx": mb.Bytes()}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != len(segmentsBySource(t, db, tr.ID)) {
			t.Fatalf("OmegaT loaded %d segments, want %d:\n%s", res.Total, len(segmentsBySource(t, db, tr.ID)), res.Log)
		}
		translated := res.Target["essay.xlf"]
		resp, body := li.multipartPost(exchangePath(tr, "/xliff"), map[string][]string{"drafts": {"translated"}},
			map[string][2]string{"file": {"essay.xlf", string(translated)}})
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("upload of OmegaT's file: %d\n%s", resp.StatusCode, body)
		}
		if got := parse(t, body).Find("#summary").Text(); !strings.Contains(got, "已更新 3 个句段") {
			t.Errorf("summary %q", got)
		}
		segs := segmentsBySource(t, db, tr.ID)
		for src, want := range map[string]string{essayTitle: "睦邻友好条约", essaySigned: "条约于2001年在莫斯科签署。", essayNote: "条约文本以两种语言公布。"} {
			if s := segs[src]; s.State != translate.Translated || s.Target.Plain() != want {
				t.Errorf("%q after OmegaT: %s %q", src, s.State, s.Target.Plain())
			}
		}
		if s := segs[essayDate]; s.State != translate.New {
			t.Errorf("a segment OmegaT did not translate is %s", s.State)
		}
		_, page := li.get("/office/translations/" + itoa(tr.ID) + "?state=translated")
		if n := page.Find("tr.seg").Length(); n != 3 {
			t.Errorf("the workbench shows %d translated segments; want 3", n)
		}
	})
}
