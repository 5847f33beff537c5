package docx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/translate"
)

// tocInstr is the instruction of Word's automatic table of contents.
const tocInstr = `TOC \o "1-3" \h \z \u`

// tocEntryXML is an entry of a table of contents as Word writes it: in its
// "toc N" style with a right tab and dot leader, a link to the heading's
// bookmark around the text, a tab and the page number as a PAGEREF field.
func tocEntryXML(style, bookmark, text, page, lead string) string {
	hidden := `<w:rPr><w:noProof/><w:webHidden/></w:rPr>`
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9345"/></w:tabs></w:pPr>` + lead +
		`<w:hyperlink w:anchor="` + bookmark + `" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/><w:noProof/></w:rPr><w:t>` + text + `</w:t></w:r>` +
		`<w:r>` + hidden + `<w:tab/></w:r><w:r>` + hidden + `<w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r>` + hidden + `<w:instrText xml:space="preserve"> PAGEREF ` + bookmark + ` \h </w:instrText></w:r>` +
		`<w:r>` + hidden + `<w:fldChar w:fldCharType="separate"/></w:r><w:r>` + hidden + `<w:t>` + page + `</w:t></w:r>` +
		`<w:r>` + hidden + `<w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p>`
}

// tocHeadingXML is a heading with the _Toc bookmark Word puts on the
// headings its table of contents lists, and a paragraph of text after it.
func tocHeadingXML(style, id, bookmark, text, body string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:bookmarkStart w:id="` + id + `" w:name="` + bookmark + `"/>` +
		`<w:r><w:t>` + text + `</w:t></w:r><w:bookmarkEnd w:id="` + id + `"/></w:p>` +
		`<w:p><w:r><w:t>` + body + `</w:t></w:r></w:p>`
}

// tocSource is a Russian manuscript whose table of contents Word made:
// two levels, three entries, the field beginning in the first entry and
// ending in a paragraph of its own after the last.
func tocSource(t *testing.T) []byte {
	body := `<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Оглавление</w:t></w:r></w:p>` +
		tocEntryXML("TOC1", "_Toc101", "Введение", "1", `<w:r><w:fldChar w:fldCharType="begin"/></w:r>`+
			`<w:r><w:instrText xml:space="preserve"> `+tocInstr+` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`) +
		tocEntryXML("TOC2", "_Toc102", "Цели исследования", "2", "") +
		tocEntryXML("TOC1", "_Toc103", "Заключение", "3", "") +
		`<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>` +
		tocHeadingXML("1", "101", "_Toc101", "Введение", "Текст введения.") +
		tocHeadingXML("2", "102", "_Toc102", "Цели исследования", "Текст о целях.") +
		tocHeadingXML("1", "103", "_Toc103", "Заключение", "Текст заключения.")
	parts := pkgParts(body)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/><w:basedOn w:val="a"/></w:style>`+
			`<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/><w:basedOn w:val="a"/><w:pPr><w:spacing w:after="100"/></w:pPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/><w:basedOn w:val="a"/><w:pPr><w:spacing w:after="100"/><w:ind w:left="220"/></w:pPr></w:style>`+
			`<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>`+
			`</w:styles>`, 1)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>",
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`+
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`+
			`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>`+
			`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>`+
			`<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>`, 1)
	return zipParts(t, parts)
}

// tocEntries lists the entries of the tables of contents of d: level,
// instruction, link and text.
func tocEntries(d *doc.Document) []string {
	var out []string
	d.Walk(func(b *doc.Block) {
		if b.TOC == nil {
			return
		}
		href := ""
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.Link && href == "" {
				href = in.Href
			}
		})
		out = append(out, strconv.Itoa(b.TOC.Level)+" "+b.TOC.Instr+" "+href+" "+doc.PlainText(b.Inlines))
	})
	return out
}

// TestTOCRoundTrip translates a manuscript with Word's table of contents
// through XLIFF and writes the translation over it and without a
// template: the written file has the TOC field, its instruction as it
// was and its beginning marked for Word to make the table again, around
// the translated entries, each in the style of its level, linked to its
// heading, with the tab and the page number as a PAGEREF field. Read
// back, the entries are the same.
func TestTOCRoundTrip(t *testing.T) {
	src := tocSource(t)
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"1 " + tocInstr + " #_Toc101 Введение",
		"2 " + tocInstr + " #_Toc102 Цели исследования",
		"1 " + tocInstr + " #_Toc103 Заключение",
	}
	if got := tocEntries(d); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("entries read:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	tr := translation{name: "toc→en", from: "ru", to: "en", source: src}
	translated := tr.translate(t)
	for i, w := range want {
		text := w[strings.LastIndex(w, "#_Toc")+len("#_Toc101 "):]
		want[i] = strings.TrimSuffix(w, text) + pseudo(text, "en")
	}
	if got := tocEntries(translated); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("entries translated:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for name, out := range map[string][]byte{"over the source": tr.write(t, translated), "without a template": write(t, translated, WriteOptions{})} {
		t.Run(name, func(t *testing.T) {
			parts := checkPackage(t, out)
			body := string(parts["word/document.xml"])
			paras := regexp.MustCompile(`<w:p>.*?</w:p>`).FindAllString(body, -1)
			var entries []string
			for _, p := range paras {
				if strings.Contains(p, "PAGEREF") {
					entries = append(entries, p)
				}
			}
			if len(entries) != 3 {
				t.Fatalf("%d paragraphs with a page number, want 3:\n%s", len(entries), body)
			}
			begin := `<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r><w:r><w:instrText xml:space="preserve"> ` + tocInstr + ` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`
			if strings.Count(body, "> "+tocInstr+" <") != 1 || !strings.Contains(entries[0], begin) {
				t.Errorf("the first entry does not begin the TOC field, marked dirty:\n%s", entries[0])
			}
			if !strings.HasSuffix(entries[2], `<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`) {
				t.Errorf("the last entry does not end the TOC field:\n%s", entries[2])
			}
			styles := string(parts["word/styles.xml"])
			for i, level := range []string{"1", "2", "1"} {
				e := entries[i]
				bm := "_Toc10" + strconv.Itoa(i+1)
				id := regexp.MustCompile(`<w:pStyle w:val="([^"]+)"/>`).FindStringSubmatch(e)
				if id == nil || !strings.Contains(styles, `w:styleId="`+id[1]+`"><w:name w:val="toc `+level+`"/>`) {
					t.Errorf("entry %d is not in the style toc %s: %s", i+1, level, e)
				}
				if !strings.Contains(e, `<w:tab w:val="right" w:leader="dot" w:pos="`) {
					t.Errorf("entry %d has no dot-leader tab: %s", i+1, e)
				}
				link := `<w:hyperlink w:anchor="` + bm + `"`
				page := `<w:tab/></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>` +
					`<w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:instrText xml:space="preserve"> PAGEREF ` + bm + ` \h </w:instrText></w:r>`
				if !strings.Contains(e, link) || !strings.Contains(e[strings.Index(e, link):], page) {
					t.Errorf("entry %d lacks its link with the tab and the PAGEREF field to %s: %s", i+1, bm, e)
				}
				text := want[i][strings.LastIndex(want[i], bm)+len(bm)+1:]
				if !strings.Contains(e, ">"+text+"<") {
					t.Errorf("entry %d does not show %q: %s", i+1, text, e)
				}
				if name == "over the source" && !strings.Contains(e, "<w:t>"+strconv.Itoa(i+1)+"</w:t>") {
					t.Errorf("entry %d does not show the source's page number %d until Word updates it: %s", i+1, i+1, e)
				}
			}
			if got := strings.Count(body, `w:fldCharType="begin"`); got != 4 {
				t.Errorf("%d fields, want the TOC and three page numbers", got)
			}
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if got := tocEntries(back); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("entries read back:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestTOCLibreOffice has LibreOffice open the translation written over
// tocSource and save it as DOCX: it sees a table of contents (it writes
// the TOC field back) whose entries are the translated headings, linked to
// them.
func TestTOCLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: run scripts/setup.sh test to check written DOCX files with it")
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice takes seconds to start")
	}
	tr := translation{name: "toc→en", from: "ru", to: "en", source: tocSource(t)}
	translated := tr.translate(t)
	dir := t.TempDir()
	files := map[string][]byte{"over.docx": tr.write(t, translated), "blank.docx": write(t, translated, WriteOptions{})}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "docx", "--outdir", filepath.Join(dir, "lo"), "over.docx", "blank.docx")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	var want []string
	for _, e := range tocEntries(translated) {
		_, link, _ := strings.Cut(e, " #")
		want = append(want, "#"+link)
	}
	for name := range files {
		t.Run(name, func(t *testing.T) {
			back, err := ReadFile(filepath.Join(dir, "lo", name), Limits{})
			if err != nil {
				t.Fatalf("LibreOffice did not convert the written file: %v", err)
			}
			var got []string
			for _, e := range tocEntries(back) {
				instr, link, _ := strings.Cut(e[2:], " #")
				if !strings.HasPrefix(instr, "TOC ") {
					t.Errorf("LibreOffice's table of contents has the instruction %q", instr)
				}
				got = append(got, "#"+link)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("LibreOffice's table of contents:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// tocLibreSource is a Russian manuscript whose table of contents
// LibreOffice made: the TOC field around entries in its "Contents N"
// styles that have neither links nor PAGEREF fields, each the heading's
// number and text, a tab and the page number as plain text.
func tocLibreSource(t *testing.T) []byte {
	entry := func(style, text, page, lead, tail string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9345"/></w:tabs></w:pPr>` + lead +
			`<w:r><w:t>` + text + `</w:t><w:tab/><w:t>` + page + `</w:t></w:r>` + tail + `</w:p>`
	}
	body := `<w:p><w:pPr><w:pStyle w:val="ContentsHeading"/></w:pPr><w:r><w:t>Содержание</w:t></w:r></w:p>` +
		entry("Contents1", "1 Введение", "1", `<w:r><w:fldChar w:fldCharType="begin"/></w:r>`+
			`<w:r><w:instrText xml:space="preserve"> TOC \f \o "1-3" \h</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`, "") +
		entry("Contents2", "1.1 Цели исследования", "2", "", "") +
		entry("Contents1", "Приложение", "3", "", `<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
		`<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>1 Введение</w:t></w:r></w:p><w:p><w:r><w:t>Текст введения.</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="2"/></w:pPr><w:r><w:t>1.1 Цели  исследования</w:t></w:r></w:p><w:p><w:r><w:t>Текст о целях.</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Заключение</w:t></w:r></w:p><w:p><w:r><w:t>Текст заключения.</w:t></w:r></w:p>`
	parts := pkgParts(body)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], "</w:styles>",
		`<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>`+
			`<w:style w:type="paragraph" w:styleId="ContentsHeading"><w:name w:val="Contents Heading"/><w:basedOn w:val="a"/></w:style>`+
			`<w:style w:type="paragraph" w:styleId="Contents1"><w:name w:val="Contents 1"/><w:basedOn w:val="a"/></w:style>`+
			`<w:style w:type="paragraph" w:styleId="Contents2"><w:name w:val="Contents 2"/><w:basedOn w:val="a"/><w:pPr><w:ind w:left="283"/></w:pPr></w:style>`+
			`</w:styles>`, 1)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>",
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`+
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`+
			`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>`+
			`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>`+
			`<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>`, 1)
	return zipParts(t, parts)
}

// TestTOCLibreOfficeEntries translates a manuscript with LibreOffice's
// table of contents and writes the translation over it: each entry keeps
// its tab and the page number the source showed, as text (as the source
// had it, not as a PAGEREF field), inside the TOC field marked for Word
// to make the table again. LibreOffice does not make the table again
// when it opens a file, so without them its pages show no page numbers.
func TestTOCLibreOfficeEntries(t *testing.T) {
	tr := translation{name: "libretoc→en", from: "ru", to: "en", source: tocLibreSource(t)}
	x, err := translate.FromDocument(tr.read(t), tr.name, tr.from, tr.to)
	if err != nil {
		t.Fatal(err)
	}
	var units []string
	for _, u := range x.Units() {
		var src interchange.Content
		for _, s := range u.Segments {
			src = append(src, s.Source...)
		}
		units = append(units, src.Plain())
	}
	// The entries that show a heading are translated with it; the one
	// that shows none stays a unit.
	want := []string{"Содержание", "Приложение", "1 Введение", "Текст введения.", "1.1 Цели  исследования", "Текст о целях.", "Заключение", "Текст заключения."}
	if strings.Join(units, "\n") != strings.Join(want, "\n") {
		t.Errorf("units:\n%s\nwant:\n%s", strings.Join(units, "\n"), strings.Join(want, "\n"))
	}
	translated := tr.translate(t)
	instr := `TOC \f \o "1-3" \h`
	wantEntries := []string{
		"1 " + instr + "  " + pseudo("1 Введение", "en"),
		// The heading's text, as the heading has it (two spaces).
		"2 " + instr + "  " + pseudo("1.1 Цели  исследования", "en"),
		"1 " + instr + "  " + pseudo("Приложение", "en"),
	}
	if got := tocEntries(translated); strings.Join(got, "\n") != strings.Join(wantEntries, "\n") {
		t.Errorf("entries translated:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantEntries, "\n"))
	}
	// On a web page the entries that show a heading lead to it.
	page := html(t, translated)
	for _, h := range []string{"1 Введение", "1.1 Цели  исследования"} {
		link := regexp.MustCompile(`<p id="[^"]*" class="toc-\d"><a href="#(h-[^"]+)">` + regexp.QuoteMeta(pseudo(h, "en")) + `</a></p>`).FindStringSubmatch(page)
		if link == nil || !strings.Contains(page, `<h`) || !regexp.MustCompile(`<h[12] id="`+link[1]+`">`).MatchString(page) {
			t.Errorf("the entry %q does not link to its heading:\n%s", h, page)
		}
	}
	out := tr.write(t, translated)
	body := string(checkPackage(t, out)["word/document.xml"])
	if strings.Contains(body, "PAGEREF") {
		t.Errorf("a PAGEREF field where the source had the page number as text:\n%s", body)
	}
	if !strings.Contains(body, `<w:fldChar w:fldCharType="begin" w:dirty="true"/>`) {
		t.Errorf("the TOC field is not marked for Word to make the table again:\n%s", body)
	}
	paras := regexp.MustCompile(`<w:p>.*?</w:p>`).FindAllString(body, -1)
	var entries []string
	for _, p := range paras {
		if strings.Contains(p, `w:val="Contents1"`) || strings.Contains(p, `w:val="Contents2"`) {
			entries = append(entries, p)
		}
	}
	if len(entries) != 3 {
		t.Fatalf("%d entries written, want 3:\n%s", len(entries), body)
	}
	for i, e := range entries {
		if text := wantEntries[i][strings.Index(wantEntries[i], "  ")+2:]; !strings.Contains(e, ">"+text+"<") {
			t.Errorf("entry %d does not show %q: %s", i+1, text, e)
		}
		page := `<w:tab/></w:r><w:r><w:rPr><w:noProof/><w:webHidden/></w:rPr><w:t>` + strconv.Itoa(i+1) + `</w:t></w:r>`
		if !strings.Contains(e, page) {
			t.Errorf("entry %d lacks the tab and the page number %d: %s", i+1, i+1, e)
		}
	}
}

// TestTOCLibreOfficePDF has LibreOffice lay out as PDF the translation
// written over tocLibreSource: LibreOffice does not make a table of
// contents again when it opens a file, so its pages show the entries as
// written, and each must show its translated text and the source's page
// number.
func TestTOCLibreOfficePDF(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: run scripts/setup.sh test to check written DOCX files with it")
	}
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: run scripts/setup.sh test to read the PDF LibreOffice makes")
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice takes seconds to start")
	}
	tr := translation{name: "libretoc→en", from: "ru", to: "en", source: tocLibreSource(t)}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "toc.docx"), tr.write(t, tr.translate(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", dir, "toc.docx")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	out, err := exec.CommandContext(ctx, pdftotext, "-layout", filepath.Join(dir, "toc.pdf"), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	for i, text := range []string{pseudo("1 Введение", "en"), pseudo("1.1 Цели исследования", "en"), pseudo("Приложение", "en")} {
		line := regexp.MustCompile(`(?m)^\s*` + strings.ReplaceAll(regexp.QuoteMeta(text), " ", `\s+`) + `[\s.…]+` + strconv.Itoa(i+1) + `\s*$`)
		if !line.Match(out) {
			t.Errorf("the PDF does not show the entry %q with its page number %d:\n%s", text, i+1, out)
		}
	}
}
