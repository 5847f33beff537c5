package docx

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
)

// fieldsBody is a Russian manuscript with fields of every kind where a
// manuscript has them: in running text, a caption, a table cell, a
// hyperlink, a footnote; simple and complex, nested, with an empty
// result, linked to a bookmark or not.
const fieldsBody = `<w:p><w:bookmarkStart w:id="1" w:name="_Ref1"/><w:r><w:t xml:space="preserve">Таблица </w:t></w:r>` +
	`<w:fldSimple w:instr=" SEQ Таблица \* ARABIC "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:bookmarkEnd w:id="1"/><w:r><w:t>. Итоги года</w:t></w:r></w:p>` +
	`<w:p><w:r><w:t xml:space="preserve">Данные приведены в </w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF _Ref1 \h  \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Таблица 1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:t xml:space="preserve">, см. на с. </w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGEREF _Ref1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:t xml:space="preserve">. Отчёт от </w:t></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> DATE \@ "dd.MM.yyyy" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>16.07.2021</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:t>.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>` +
	`<w:p><w:r><w:t xml:space="preserve">Итог: </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> IF </w:instrText></w:r>` +
	`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>9</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:instrText xml:space="preserve"> > 5 "длинный" "короткий" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>длинный</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
	`<w:r><w:t xml:space="preserve"> отчёт, страниц </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>.</w:t></w:r></w:p>` +
	`<w:tbl><w:tr><w:tc><w:p><w:r><w:t xml:space="preserve">Строка </w:t></w:r><w:fldSimple w:instr=" SEQ Строка "><w:r><w:t>2</w:t></w:r></w:fldSimple></w:p></w:tc></w:tr></w:tbl>` +
	`<w:p><w:hyperlink w:anchor="_Ref1"><w:r><w:t xml:space="preserve">Подробнее на с. </w:t></w:r><w:fldSimple w:instr=" PAGEREF _Ref1 "><w:r><w:t>5</w:t></w:r></w:fldSimple></w:hyperlink></w:p>`

// fieldsFootnotes holds the footnote fieldsBody refers to, with a field.
const fieldsFootnotes = `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wns + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Подробнее см. с. </w:t></w:r><w:fldSimple w:instr=" PAGEREF _Ref1 \h "><w:r><w:t>5</w:t></w:r></w:fldSimple><w:r><w:t>.</w:t></w:r></w:p></w:footnote></w:footnotes>`

// fieldsSource is fieldsBody as a DOCX package.
func fieldsSource(t *testing.T) []byte {
	parts := pkgParts(fieldsBody)
	parts["word/footnotes.xml"] = fieldsFootnotes
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>",
		`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>`+
			`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`+
			`<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>`+
			`<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>`+
			`<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>`, 1)
	return zipParts(t, parts)
}

// fieldPlaces lists the fields of d by place: the block's number in
// reading order (body, notes, headers), whether the field is in a link,
// its instruction and, with values set, the value it shows.
func fieldPlaces(d *doc.Document, values bool) []string {
	var out []string
	n := 0
	var walk func(ins []doc.Inline, link bool)
	walk = func(ins []doc.Inline, link bool) {
		for _, in := range ins {
			switch in.Type {
			case doc.Field:
				s := strconv.Itoa(n) + ": " + in.Instr
				if link {
					s += " (link)"
				}
				if values {
					s += " = " + in.Text
				}
				out = append(out, s)
			case doc.Link:
				walk(in.Content, true)
			default:
				walk(in.Content, link)
			}
		}
	}
	d.Walk(func(b *doc.Block) {
		n++
		walk(b.Inlines, false)
	})
	return out
}

// wantFields are the fields of fieldsSource, by place.
var wantFields = []string{
	"1: SEQ Таблица \\* ARABIC = 1",
	"2: REF _Ref1 \\h  \\* MERGEFORMAT (link) = Таблица 1",
	"2: PAGEREF _Ref1 \\h (link) = 5",
	`2: DATE \@ "dd.MM.yyyy" = 16.07.2021`,
	`3: IF { NUMPAGES } > 5 "длинный" "короткий" = длинный`,
	"3: NUMPAGES = ",
	"5: SEQ Строка = 2",
	"6: PAGEREF _Ref1 (link) = 5",
	"7: PAGEREF _Ref1 \\h (link) = 5",
}

// TestFieldsRoundTrip translates a manuscript with fields through XLIFF
// and writes the translation over it, and without a template: read back,
// every field is where it was, with its instruction as it was and the
// value it showed, written as a field Word works out again.
func TestFieldsRoundTrip(t *testing.T) {
	src := fieldsSource(t)
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := fieldPlaces(d, true); strings.Join(got, "\n") != strings.Join(wantFields, "\n") {
		t.Fatalf("fields read:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFields, "\n"))
	}
	tr := translation{name: "fields→en", from: "ru", to: "en", source: src}
	translated := tr.translate(t)
	// The cross-reference to the caption shows the translated caption,
	// as Word shows it once it works the field out again.
	wantFields := append([]string(nil), wantFields...)
	wantFields[1] = "2: REF _Ref1 \\h  \\* MERGEFORMAT (link) = " + pseudo("Таблица", "en") + " 1"
	if got := fieldPlaces(translated, true); strings.Join(got, "\n") != strings.Join(wantFields, "\n") {
		t.Errorf("fields after the XLIFF import:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFields, "\n"))
	}
	for name, out := range map[string][]byte{"over the source": tr.write(t, translated), "without a template": write(t, translated, WriteOptions{})} {
		t.Run(name, func(t *testing.T) {
			parts := checkPackage(t, out)
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			if got := fieldPlaces(back, true); strings.Join(got, "\n") != strings.Join(wantFields, "\n") {
				t.Errorf("fields read back:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantFields, "\n"))
			}
			body := string(parts["word/document.xml"]) + string(parts["word/footnotes.xml"])
			// Every field of the model (not the one nested in IF) is
			// marked for Word to work it out again.
			if got, want := strings.Count(body, `<w:fldChar w:fldCharType="begin" w:dirty="true"/>`), len(wantFields); got != want {
				t.Errorf("%d fields marked dirty, want %d", got, want)
			}
			for _, want := range []string{
				`<w:instrText xml:space="preserve"> REF _Ref1 \h  \* MERGEFORMAT </w:instrText>`,
				`<w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> NUMPAGES </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`,
				`<w:bookmarkStart w:id="`, `w:name="_Ref1"/>`,
			} {
				if !strings.Contains(body, want) {
					t.Errorf("the written file lacks %s", want)
				}
			}
		})
	}
}

// TestFieldInstructionBraces checks how an instruction with braces is
// written: a balanced pair is a nested field, an unmatched brace a
// character of the instruction.
func TestFieldInstructionBraces(t *testing.T) {
	for _, tc := range []struct{ instr, want string }{
		{`IF { REF a } = "x" "y" "z"`, `<w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF a </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:instrText xml:space="preserve"> = "x" "y" "z" </w:instrText>`},
		{`QUOTE { IF { PAGE } = 1 "a" "b" }`, `<w:instrText xml:space="preserve"> IF </w:instrText></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText>`},
		{`QUOTE "a { b"`, `<w:instrText xml:space="preserve"> QUOTE "a { b" </w:instrText>`},
		{`QUOTE "a } b"`, `<w:instrText xml:space="preserve"> QUOTE "a } b" </w:instrText>`},
	} {
		d := &doc.Document{Version: doc.Version, Lang: "en", Blocks: []doc.Block{{ID: "p-1", Type: doc.Paragraph,
			Inlines: []doc.Inline{{Type: doc.Text, Text: "x "}, {Type: doc.Field, Instr: tc.instr, Text: "v"}}}}}
		out := write(t, d, WriteOptions{})
		body := string(checkPackage(t, out)["word/document.xml"])
		if !strings.Contains(body, tc.want) {
			t.Errorf("%s: written as\n%s\nwant %s", tc.instr, body, tc.want)
		}
		back, err := readBytes(t, out)
		if err != nil {
			t.Fatal(err)
		}
		if got := fieldPlaces(back, true); len(got) != 1 || got[0] != "1: "+tc.instr+" = v" {
			t.Errorf("%s: read back as %q", tc.instr, got)
		}
	}
}

// TestFieldsLibreOffice has LibreOffice open the translation written over
// fieldsSource, and the source itself, and save them again as DOCX: it
// finds the same fields in the translation as in the source, showing a
// value wherever it shows one for the source (it works REF, PAGEREF and
// the like out again itself: a cross-reference to the caption shows the
// translated caption), and the text around them is the translation.
func TestFieldsLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: run scripts/setup.sh test to check written DOCX files with it")
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice takes seconds to start")
	}
	src := fieldsSource(t)
	tr := translation{name: "fields→en", from: "ru", to: "en", source: src}
	translated := tr.translate(t)
	dir := t.TempDir()
	for name, data := range map[string][]byte{"src.docx": src, "out.docx": tr.write(t, translated)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "docx", "--outdir", filepath.Join(dir, "lo"), "src.docx", "out.docx")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	read := func(name string) (*doc.Document, []string) {
		d, err := ReadFile(filepath.Join(dir, "lo", name), Limits{})
		if err != nil {
			t.Fatalf("LibreOffice did not convert %s: %v", name, err)
		}
		return d, fieldPlaces(d, true)
	}
	_, want := read("src.docx")
	back, got := read("out.docx")
	if len(got) != len(want) {
		t.Fatalf("LibreOffice finds the fields\n%s\nin the translation, and\n%s\nin the source", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	instr := func(s string) string {
		s, _, _ = strings.Cut(s, " = ")
		return s
	}
	for i := range got {
		if instr(got[i]) != instr(want[i]) || strings.HasSuffix(got[i], " = ") && !strings.HasSuffix(want[i], " = ") {
			t.Errorf("LibreOffice finds %q in the translation, %q in the source", got[i], want[i])
		}
	}
	for _, f := range []string{"1: SEQ", "2: REF", "2: PAGEREF", "2: DATE"} {
		if !strings.Contains(strings.Join(got, "\n"), f) {
			t.Errorf("LibreOffice lost the field %s: %q", f, got)
		}
	}
	if p := doc.PlainText(back.Blocks[1].Inlines); !strings.HasPrefix(p, pseudo("Данные приведены в ", "en")) {
		t.Errorf("LibreOffice's second paragraph %q", p)
	}
	// The cross-reference shows the translated caption's label and number.
	if !strings.Contains(strings.Join(got, "\n"), "2: REF _Ref1 \\h (link) = "+pseudo("Таблица", "en")+" 1") {
		t.Errorf("the cross-reference does not show the translated caption: %q", got)
	}
}
