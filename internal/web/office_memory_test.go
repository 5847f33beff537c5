package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
)

const officeTMX = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="zh-CN"><seg>条约有效期为二十年。</seg></tuv><tuv xml:lang="ru-RU"><seg>Договор заключается сроком на двадцать лет.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>双方重申条约的原则。</seg></tuv><tuv xml:lang="ru-RU"><seg>Стороны подтвердили принципы Договора.</seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg></seg></tuv><tuv xml:lang="ru-RU"><seg>Исходный текст пуст.</seg></tuv></tu>
</body></tmx>`

// An editor imports a TMX file into the memory: a file of another pair or
// not a TMX is refused in the editor's language with the form as sent and
// nothing imported; a good one is listed under its pair and exported back.
func TestOfficeMemoryImport(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("editor@mem.example", "Memory Editor", "ru", false, "cass:editor")
		b := o.browser()
		b.signIn("editor@mem.example")
		units := func() int {
			var n int
			if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM tm_units`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		tests := []struct {
			name, file, from, to string
			status               int
			message              string // in Russian, at the file or language field
		}{
			{"another pair", officeTMX, "en", "ru", http.StatusUnprocessableEntity, "Ни в одной единице перевода этого файла нет текста одновременно на языках «английский» и «русский»; в файле есть: русский и китайский."},
			{"not a TMX", "<html><body>Договор</body></html>", "zh", "ru", http.StatusUnprocessableEntity, "не является памятью переводов TMX"},
			{"cut short", "<tmx version=\"1.4\">\n<header/>\n<body>\n<tu>", "zh", "ru", http.StatusUnprocessableEntity, "Этот файл не является корректным XML (строка 4)"},
			{"unknown entity", "<tmx version=\"1.4\"><header/>\n<body><tu><tuv xml:lang=\"zh\"><seg>&foo;</seg></tuv></tu></body></tmx>", "zh", "ru", http.StatusUnprocessableEntity, "Этот файл не является корректным XML (строка 2)"},
			{"same languages", officeTMX, "ru", "ru", http.StatusUnprocessableEntity, "Выберите язык перевода, отличный от языка оригинала."},
			{"no file", "", "zh", "ru", http.StatusUnprocessableEntity, "Выберите файл для импорта."},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				files := map[string][2]string{}
				if tt.file != "" {
					files["file"] = [2]string{"memory.tmx", tt.file}
				}
				resp, body := b.multipartPost("/office/memory", url.Values{"from": {tt.from}, "to": {tt.to}}, files)
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
				}
				doc := parse(t, body)
				if msg := doc.Find(".field-error").Text(); !strings.Contains(msg, tt.message) || strings.Contains(msg, "EOF") || strings.Contains(msg, "entity") {
					t.Errorf("messages %q, want %q and no parser's English", msg, tt.message)
				}
				if got, _ := doc.Find("#from option[selected]").Attr("value"); got != tt.from {
					t.Errorf("source language kept as %q, want %q", got, tt.from)
				}
				if n := units(); n != 0 {
					t.Errorf("%d units imported from a refused form", n)
				}
			})
		}
		// A chosen file of no bytes is said to be empty, not missing.
		resp, body := b.multipartPost("/office/memory", url.Values{"from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"m.tmx", ""}})
		if msg := parse(t, body).Find("#file-error").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "Файл «m.tmx» пуст") {
			t.Errorf("empty TMX file: %d, message %q", resp.StatusCode, msg)
		}
		resp, _ = b.multipartPost("/office/memory", url.Values{"from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"memory.tmx", officeTMX}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: status %d", resp.StatusCode)
		}
		_, doc := b.get(resp.Header.Get("Location"))
		if flash := doc.Find(".flash").Text(); !strings.Contains(flash, "В память добавлены 2 единицы перевода.") ||
			!strings.Contains(flash, "Пропущена 1 единица: её исходный текст или перевод пуст.") {
			t.Errorf("flash %q; want 2 added and the empty one skipped, with why", flash)
		}
		// The same file again adds nothing and says the units were there.
		resp, _ = b.multipartPost("/office/memory", url.Values{"from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"memory.tmx", officeTMX}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("import again: status %d", resp.StatusCode)
		}
		_, doc = b.get(resp.Header.Get("Location"))
		if flash := doc.Find(".flash").Text(); !strings.Contains(flash, "Ничего нового не добавлено: 2 единицы файла уже были в памяти.") ||
			strings.Contains(flash, "добавлено 0") || strings.Contains(flash, "не изменились") {
			t.Errorf("flash of the same file again %q", flash)
		}
		if rows := doc.Find(".memory-units tbody tr"); rows.Length() != 2 || !strings.Contains(rows.Text(), "Договор заключается сроком на двадцать лет.") || !strings.Contains(rows.Text(), "memory.tmx") {
			t.Errorf("units listed: %q", rows.Text())
		}
		if !strings.Contains(doc.Find("nav.office-nav").Text(), "Память переводов") {
			t.Errorf("the navigation does not link the memory")
		}
		resp, body = b.do("GET", "/office/memory/export?from=zh&to=ru", nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "memory-zh-ru.tmx") {
			t.Fatalf("export: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
		}
		back, err := interchange.ReadTMX(strings.NewReader(body), "export.tmx")
		if err != nil || len(back.Units) != 2 {
			t.Fatalf("export read back: %v, %+v", err, back)
		}
		var events int
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM events WHERE action = 'memory.import'`).Scan(&events); err != nil || events != 2 {
			t.Errorf("%d memory.import events, %v; want 2", events, err)
		}
	})
}

// A translator of a host keeps the forum's termbase: adds an entry (a
// wrong language tag comes back with what was typed), finds it by a case
// form, edits and deletes it, imports a TSV glossary twice (adding its
// entries once) and exports TBX.
func TestOfficeTermbase(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("translator@tb.example", "Term Translator", "en", false, "cass:translator")
		b := o.browser()
		b.signIn("translator@tb.example")
		var forumID int64
		if err := db.QueryRow(context.Background(), `SELECT id FROM forums WHERE slug = ?`, "treaty-20-forum").Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("/office/forums/%d/termbase", forumID)

		bad := url.Values{"terms.0.lang": {"zh"}, "terms.0.text": {"睦邻友好合作条约"}, "terms.1.lang": {"russian"}, "terms.1.text": {"Договор о добрососедстве"}, "note": {"the treaty"}}
		resp, doc := b.post(base, bad)
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("bad entry: status %d", resp.StatusCode)
		}
		if msg := doc.Find(`[id="terms.1.lang-error"]`).Text(); !strings.Contains(msg, "Write the language as a tag") {
			t.Errorf("language error %q", msg)
		}
		if v, _ := doc.Find(`input[name="terms.1.text"]`).Attr("value"); v != "Договор о добрососедстве" {
			t.Errorf("typed term lost: %q", v)
		}
		if v := doc.Find(`textarea[name="note"]`).Text(); v != "the treaty" {
			t.Errorf("typed note lost: %q", v)
		}

		good := url.Values{"terms.0.lang": {"zh"}, "terms.0.text": {"睦邻友好合作条约"}, "terms.0.status": {"preferred"}, "terms.1.lang": {"ru"}, "terms.1.text": {"Договор о добрососедстве"}, "terms.2.lang": {""}, "terms.2.text": {""}, "note": {"the treaty"}}
		if resp, _ := b.post(base, good); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("good entry: status %d", resp.StatusCode)
		}
		_, doc = b.get(base + "?q=" + url.QueryEscape("договора"))
		link := doc.Find(".termbase a.entry-link")
		if link.Length() != 1 || !strings.Contains(link.Text(), "Договор о добрососедстве") {
			t.Fatalf("search by a case form found %q", link.Text())
		}
		entry, _ := link.Attr("href")
		_, doc = b.get(base + "?q=moscow")
		if doc.Find(".termbase a.entry-link").Length() != 0 {
			t.Errorf("a search for another word found the entry")
		}

		edit := url.Values{"terms.0.lang": {"zh"}, "terms.0.text": {"睦邻友好合作条约"}, "terms.1.lang": {"ru"}, "terms.1.text": {"Договор о добрососедстве, дружбе и сотрудничестве"}, "subject": {"law"}, "version": {"1"}}
		if resp, _ := b.post(entry, edit); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save: status %d", resp.StatusCode)
		}
		_, doc = b.get(entry)
		if v, _ := doc.Find(`input[name="terms.1.text"]`).Attr("value"); v != "Договор о добрососедстве, дружбе и сотрудничестве" {
			t.Errorf("saved term %q", v)
		}

		_, doc = b.get(base)
		if label := doc.Find(`label[for="file"]`).Text(); !strings.Contains(label, "Termbase file (TBX or TSV)") {
			t.Errorf("file field labelled %q", label)
		}
		if v, _ := doc.Find(`input[name="format"][checked]`).Attr("value"); v != "auto" {
			t.Errorf("format chosen at first: %q; want the file's content to tell", v)
		}
		// A glossary sent with the form as it comes is read as TSV.
		resp, _ = b.multipartPost(base+"/import", url.Values{"format": {"auto"}, "from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"g.tsv", "外交部长\tминистр иностранных дел\n"}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a TSV glossary with the format left to the content: %d", resp.StatusCode)
		}
		_, doc = b.get(base + "?q=" + url.QueryEscape("министр"))
		if doc.Find(".termbase a.entry-link").Length() != 1 {
			t.Errorf("the TSV glossary's entry was not imported")
		}
		tsv := "zh\tru\n外交部\tМИД\n莫斯科\tМосква\n"
		for k, want := range []string{"2 entries added", "0 entries added"} {
			resp, _ := b.multipartPost(base+"/import", url.Values{"format": {"tsv"}, "from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"g.tsv", tsv}})
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("import %d: status %d", k, resp.StatusCode)
			}
			_, doc = b.get(base)
			if flash := doc.Find(".flash").Text(); !strings.Contains(flash, want) {
				t.Errorf("import %d: flash %q, want %q", k, flash, want)
			}
		}
		// A chosen file of no bytes is said to be empty, not missing.
		resp, body := b.multipartPost(base+"/import", url.Values{"format": {"auto"}}, map[string][2]string{"file": {"g.tbx", ""}})
		if msg := parse(t, body).Find("#file-error").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "The file “g.tbx” is empty") {
			t.Errorf("empty termbase file: %d, message %q", resp.StatusCode, msg)
		}
		resp, body = b.multipartPost(base+"/import", url.Values{"format": {"auto"}}, map[string][2]string{"file": {"g.tbx", "<martif type=\"TBX\"><text><body>\n<termEntry><langSet xml:lang=\"en\"><tig><term>a &nbsp; b</term>"}})
		if msg := parse(t, body).Find("#file-error").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "read as a TBX termbase, but it is not well-formed XML (line 2)") {
			t.Errorf("a TBX that is not well-formed XML: %d %q", resp.StatusCode, msg)
		}
		resp, body = b.multipartPost(base+"/import", url.Values{"format": {"tbx"}}, map[string][2]string{"file": {"g.tbx", tsv}})
		if msg := parse(t, body).Find("#file-error").Text(); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(msg, "not a TBX termbase") ||
			!strings.Contains(msg, "because TBX is chosen under Format") || !strings.Contains(msg, "choose “TSV glossary”") {
			t.Errorf("a TSV sent as TBX: %d %q; want the format tried and how to choose the other", resp.StatusCode, msg)
		}
		if v, _ := parse(t, body).Find(`input[name="format"][checked]`).Attr("value"); v != "tbx" {
			t.Errorf("format chosen lost: %q", v)
		}

		resp, body = b.do("GET", base+"/export?format=tbx", nil)
		tb, err := interchange.ReadTBX(strings.NewReader(body), "export.tbx")
		if resp.StatusCode != http.StatusOK || err != nil || len(tb.Entries) != 4 {
			t.Fatalf("TBX export: %d, %v, %d entries", resp.StatusCode, err, len(tb.Entries))
		}

		if resp, _ := b.post(entry+"/delete", url.Values{}); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("delete without confirmation: %d, want 400", resp.StatusCode)
		}
		if resp, _ := b.post(entry+"/delete", url.Values{"delete": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: status %d", resp.StatusCode)
		}
		if resp, _ := b.get(entry); resp.StatusCode != http.StatusNotFound {
			t.Errorf("deleted entry: %d, want 404", resp.StatusCode)
		}
	})
}

// Texts not in the language their tag says: a TMX unit whose zh side is in
// Cyrillic is left out of an import and counted on the page, a file of
// nothing else is refused; a termbase entry with a ru term in Han
// characters is refused with what was typed kept, and a glossary's such
// terms are left out and counted. In the reader's language.
func TestOfficeScriptMismatch(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("editor@script.example", "Script Editor", "ru", false, "cass:editor")
		o.account("translator@script.example", "Script Translator", "zh", false, "cass:translator")
		b := o.browser()
		b.signIn("editor@script.example")
		tmx := func(units ...string) string {
			return `<tmx version="1.4"><header srclang="zh-CN" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>` +
				strings.Join(units, "") + `</body></tmx>`
		}
		good := `<tu><tuv xml:lang="zh-CN"><seg>条约有效期为二十年。</seg></tuv><tuv xml:lang="ru-RU"><seg>Договор заключается сроком на двадцать лет.</seg></tuv></tu>`
		zhCyrl := `<tu><tuv xml:lang="zh-CN"><seg>Граница определена.</seg></tuv><tuv xml:lang="ru-RU"><seg>Граница определена.</seg></tuv></tu>`
		ruHan := `<tu><tuv xml:lang="zh-CN"><seg>双方签署条约。</seg></tuv><tuv xml:lang="ru-RU"><seg>双方签署条约。</seg></tuv></tu>`

		resp, body := b.multipartPost("/office/memory", url.Values{"from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"m.tmx", tmx(zhCyrl, ruHan)}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("a file all in the wrong script: status %d", resp.StatusCode)
		}
		if msg := parse(t, body).Find("#file-error").Text(); !strings.Contains(msg, "написаны не на тех языках, которые указаны в их тегах") {
			t.Errorf("message %q", msg)
		}
		resp, _ = b.multipartPost("/office/memory", url.Values{"from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"m.tmx", tmx(good, zhCyrl, ruHan)}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: status %d", resp.StatusCode)
		}
		_, doc := b.get(resp.Header.Get("Location"))
		if flash := doc.Find(".flash").Text(); !strings.Contains(flash, "В память добавлена 1 единица перевода.") ||
			!strings.Contains(flash, "Пропущены 2 единицы перевода: текст не на том языке, который указан в их тегах.") {
			t.Errorf("import report %q", flash)
		}
		if rows := doc.Find(".memory-units tbody tr"); rows.Length() != 1 {
			t.Errorf("%d units listed, want 1", rows.Length())
		}
		_, doc = b.get("/office/memory")
		if strings.Contains(doc.Text(), "Пропущены") {
			t.Errorf("the report is shown again on the next visit")
		}

		tr := o.browser()
		tr.signIn("translator@script.example")
		var forumID int64
		if err := db.QueryRow(context.Background(), `SELECT id FROM forums WHERE slug = ?`, "treaty-20-forum").Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("/office/forums/%d/termbase", forumID)
		entries := func() int {
			var n int
			if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM termbase_entries WHERE forum_id = ?`, forumID).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		tests := []struct {
			name, field, text, message string
		}{
			{"ru term in Han", "terms.1", "中俄条约", "此术语不是用其语言的文字书写的"},
			{"zh term in Cyrillic", "terms.0", "Договор", "此术语不是用其语言的文字书写的"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				v := url.Values{"terms.0.lang": {"zh"}, "terms.0.text": {"睦邻友好合作条约"}, "terms.1.lang": {"ru"}, "terms.1.text": {"Договор о добрососедстве"}, "note": {"договор"}}
				v.Set(tt.field+".text", tt.text)
				resp, doc := tr.post(base, v)
				if resp.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d", resp.StatusCode)
				}
				if msg := doc.Find(`[id="` + tt.field + `.text-error"]`).Text(); !strings.Contains(msg, tt.message) {
					t.Errorf("message %q, want %q", msg, tt.message)
				}
				if got, _ := doc.Find(`input[name="` + tt.field + `.text"]`).Attr("value"); got != tt.text {
					t.Errorf("typed term lost: %q", got)
				}
				if n := entries(); n != 0 {
					t.Errorf("%d entries stored", n)
				}
			})
		}
		tsv := "zh\tru\n外交部\tМИД\nДоговор\t中俄条约\n"
		resp, _ = tr.multipartPost(base+"/import", url.Values{"format": {"tsv"}, "from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"g.tsv", tsv}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("import: status %d", resp.StatusCode)
		}
		_, doc = tr.get(base)
		if flash := doc.Find(".flash").Text(); !strings.Contains(flash, "已跳过 2 个术语：不是其语言标记所标明的语言。") {
			t.Errorf("import report %q", flash)
		}
		if n := entries(); n != 1 {
			t.Errorf("%d entries stored, want 1", n)
		}
	})
}

// Two editors save one termbase entry: the second, whose form was loaded
// before the first saved, gets 409 with what they typed kept, the entry as
// the first saved it and a message in their language; saving again is
// their choice and replaces it. A form without a version is refused.
func TestOfficeTermbaseStale(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("anna@stale.example", "Anna Stale", "en", false, "cass:translator")
		o.account("boris@stale.example", "Boris Stale", "ru", false, "cass:translator")
		a, b := o.browser(), o.browser()
		a.signIn("anna@stale.example")
		b.signIn("boris@stale.example")
		var forumID int64
		if err := db.QueryRow(context.Background(), `SELECT id FROM forums WHERE slug = ?`, "treaty-20-forum").Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		base := fmt.Sprintf("/office/forums/%d/termbase", forumID)
		if resp, _ := a.post(base, url.Values{"terms.0.lang": {"zh"}, "terms.0.text": {"外交部"}, "terms.1.lang": {"ru"}, "terms.1.text": {"МИД"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("add: status %d", resp.StatusCode)
		}
		_, doc := a.get(base)
		entry, _ := doc.Find(".termbase a.entry-link").Attr("href")
		form := func(br *browser) url.Values {
			_, doc := br.get(entry)
			v := url.Values{}
			doc.Find(".termbase-entry input[name]").Each(func(_ int, s *goquery.Selection) {
				n, _ := s.Attr("name")
				val, _ := s.Attr("value")
				v.Set(n, val)
			})
			return v
		}
		fa, fb := form(a), form(b)
		if fa.Get("version") != "1" {
			t.Fatalf("form version %q, want 1", fa.Get("version"))
		}
		fa.Set("terms.1.text", "Министерство иностранных дел")
		if resp, _ := a.post(entry, fa); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("first save: status %d", resp.StatusCode)
		}
		fb.Set("terms.1.text", "МИД КНР")
		resp, doc := b.post(entry, fb)
		if resp.StatusCode != http.StatusConflict {
			t.Fatalf("stale save: status %d, want 409", resp.StatusCode)
		}
		if msg := doc.Find("#form-message").Text(); !strings.Contains(msg, "Anna Stale") || !strings.Contains(msg, "Введённое вами сохранено ниже") {
			t.Errorf("message %q", msg)
		}
		if v, _ := doc.Find(`input[name="terms.1.text"]`).Attr("value"); v != "МИД КНР" {
			t.Errorf("typed term lost: %q", v)
		}
		if theirs := doc.Find(".theirs").Text(); !strings.Contains(theirs, "Министерство иностранных дел") {
			t.Errorf("the version saved meanwhile is not shown: %q", theirs)
		}
		v, _ := doc.Find(`input[name="version"]`).Attr("value")
		if v != "2" {
			t.Errorf("version after the conflict %q, want 2", v)
		}
		fb.Set("version", v)
		if resp, _ := b.post(entry, fb); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save again: status %d", resp.StatusCode)
		}
		if _, doc := a.get(entry); !strings.Contains(doc.Find(`input[name="terms.1.text"]`).AttrOr("value", ""), "МИД КНР") {
			t.Errorf("the second save was not stored")
		}
		fb.Del("version")
		if resp, _ := b.post(entry, fb); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("save without a version: status %d, want 400", resp.StatusCode)
		}
	})
}

// The memory page names where a unit came from: the document whose
// translation gave it, linked to its workbench (not "translation:ID"), a
// translation since deleted as such, a TMX file by its name; and a file of
// other languages is refused naming every language, none by its code.
func TestOfficeMemoryOrigins(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newOffice(t, db)
		tr := addTranslation(t, o, "workbench-essay.md", "news", mustInt(t, firstNews(t, o)), "zh")
		mem := translate.NewMemory(db)
		for k, origin := range []string{"translation:" + itoa(tr.ID), "translation:999999"} {
			u := translate.MemoryUnit{From: "ru", To: "zh", Source: interchange.PlainText(fmt.Sprintf("Договор подписан в %d году.", 2001+k)),
				Target: interchange.PlainText(fmt.Sprintf("条约于%d年签署。", 2001+k)), Origin: origin, Supersedes: true}
			if err := db.Transact(ctx, func(tx *store.Tx) error { return mem.Add(ctx, tx, u) }); err != nil {
				t.Fatal(err)
			}
		}
		tests := []struct {
			lang, deleted, pair string
		}{
			{"en", "a translation since deleted", "No translation unit of this file has text in both Chinese and Russian; the file holds German, English, French and Russian."},
			{"ru", "перевод, который уже удалён", "в файле есть: немецкий, английский, французский и русский."},
			{"zh", "已删除的译文", "文件中的语言为：德语、英文、法语和俄文。"},
		}
		for _, tt := range tests {
			t.Run(tt.lang, func(t *testing.T) {
				o.account("editor-"+tt.lang+"@origin.example", "Origin Editor", tt.lang, false, "cass:editor")
				b := o.browser()
				b.signIn("editor-" + tt.lang + "@origin.example")
				_, doc := b.get("/office/memory?from=ru&to=zh")
				link := doc.Find(`.memory-units a[href="/office/translations/` + itoa(tr.ID) + `"]`)
				if link.Length() != 1 || link.Text() != tr.Title {
					t.Errorf("origin link %q, want %q", link.Text(), tr.Title)
				}
				text := doc.Find(".memory-units").Text()
				if strings.Contains(text, "translation:") || !strings.Contains(text, tt.deleted) {
					t.Errorf("origins shown: %q", text)
				}
				tmx := `<tmx version="1.4"><header srclang="en" creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" datatype="plaintext"/><body>
<tu><tuv xml:lang="de"><seg>Vertrag</seg></tuv><tuv xml:lang="en"><seg>Treaty</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>Traité</seg></tuv><tuv xml:lang="ru"><seg>Договор</seg></tuv></tu></body></tmx>`
				resp, body := b.multipartPost("/office/memory", url.Values{"from": {"zh"}, "to": {"ru"}}, map[string][2]string{"file": {"other.tmx", tmx}})
				if resp.StatusCode != http.StatusUnprocessableEntity {
					t.Fatalf("status %d", resp.StatusCode)
				}
				if msg := parse(t, body).Find("#file-error").Text(); !strings.Contains(msg, tt.pair) {
					t.Errorf("message %q, want %q", msg, tt.pair)
				}
			})
		}
	})
}
