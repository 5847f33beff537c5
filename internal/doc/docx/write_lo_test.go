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

// TestWriteLibreOffice has LibreOffice open every written translation and
// save it again as DOCX, and reads that with tandem: LibreOffice must see
// the structure it sees in the source (or, for Markdown, the document's
// own) and every block's translated text. LibreOffice is installed by
// scripts/setup.sh test.
func TestWriteLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: run scripts/setup.sh test to check written DOCX files with it")
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice takes seconds to start")
	}
	dir := t.TempDir()
	type written struct {
		tr  translation
		doc *doc.Document
	}
	var files []string
	cases := map[string]written{}
	for i, tr := range translations(t) {
		d := tr.translate(t)
		name := "out" + itoa(i)
		if err := os.WriteFile(filepath.Join(dir, name+".docx"), tr.write(t, d), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, name+".docx")
		if !tr.markdown {
			if err := os.WriteFile(filepath.Join(dir, "src"+itoa(i)+".docx"), tr.source, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, "src"+itoa(i)+".docx")
		}
		cases[name] = written{tr, d}
	}
	// Lists labelled in every way, and numbered headings, without a
	// template.
	labels := labelledDocument()
	if err := os.WriteFile(filepath.Join(dir, "labels.docx"), write(t, labels, WriteOptions{}), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, "labels.docx")
	// A list of the template whose labels were translated.
	relabelled := relabelledDocument(t)
	if err := os.WriteFile(filepath.Join(dir, "relabel.docx"), relabelled, 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, "relabel.docx")
	// Headings whose translated numbers Word numbers by a pattern,
	// points in digits under Chinese articles among them (LibreOffice
	// before 24.2 has no legal numbering, w:isLgl: the points must show
	// 1.1., 2.1., not 一.1., 二.1.).
	headings := map[string][]string{
		"en":        {"Article 1.", "1.1.", "1.2.", "Article 2.", "2.1.", "Article 3."},
		"zh":        {"第一条", "（一）", "（二）", "第二条", "（一）", "第三条"},
		"zh-digits": {"第一条", "1.1.", "1.2.", "第二条", "2.1.", "第三条"},
	}
	for name, numbers := range headings {
		lang, _, _ := strings.Cut(name, "-")
		if err := os.WriteFile(filepath.Join(dir, "headings-"+name+".docx"), translatedHeadings(t, lang, numbers), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, "headings-"+name+".docx")
	}
	// Relabelled lists with sub-lists: each sub-list starts again at 1.
	lists := relabelledListCases()
	for i, c := range lists {
		if err := os.WriteFile(filepath.Join(dir, "lists"+itoa(i)+".docx"), relabelledLists(t, c.lang, c.body, c.source), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, "lists"+itoa(i)+".docx")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	// A profile of its own, so that a LibreOffice already running (or
	// another test) does not take the conversion over.
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "docx", "--outdir", filepath.Join(dir, "lo")}, files...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	t.Run("labels", func(t *testing.T) {
		back, err := ReadFile(filepath.Join(dir, "lo", "labels.docx"), Limits{})
		if err != nil {
			t.Fatalf("LibreOffice did not convert the written file: %v", err)
		}
		// LibreOffice has no Greek numbering and shows the decimal numbers
		// written for readers without it.
		want := strings.Replace(shape(labels), `style="lower-greek"`, `style=""`, 1)
		if got := shape(back); got != want {
			t.Errorf("LibreOffice sees the structure\n%s\nwant:\n%s", got, want)
		}
		sameTexts(t, "LibreOffice", textsNoMath(back), textsNoMath(labels))
	})
	t.Run("relabel", func(t *testing.T) {
		back, err := ReadFile(filepath.Join(dir, "lo", "relabel.docx"), Limits{})
		if err != nil {
			t.Fatalf("LibreOffice did not convert the written file: %v", err)
		}
		if got := listLabels(back); got != "第1条 第2条" {
			t.Errorf("LibreOffice shows the labels %q, want 第1条 第2条", got)
		}
	})
	for lang, numbers := range headings {
		t.Run("headings-"+lang, func(t *testing.T) {
			back, err := ReadFile(filepath.Join(dir, "lo", "headings-"+lang+".docx"), Limits{})
			if err != nil {
				t.Fatalf("LibreOffice did not convert the written file: %v", err)
			}
			if got, want := strings.Join(headingNumbers(back), "|"), strings.Join(numbers, "|"); got != want {
				t.Errorf("LibreOffice numbers the headings %q, want %q", got, want)
			}
		})
	}
	for i, c := range lists {
		t.Run("lists/"+c.name, func(t *testing.T) {
			back, err := ReadFile(filepath.Join(dir, "lo", "lists"+itoa(i)+".docx"), Limits{})
			if err != nil {
				t.Fatalf("LibreOffice did not convert the written file: %v", err)
			}
			if got := shownLabels(back); strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("LibreOffice shows the labels %q, want %q", got, c.want)
			}
		})
	}
	for i := range translations(t) {
		name := "out" + itoa(i)
		w := cases[name]
		t.Run(w.tr.name, func(t *testing.T) {
			back, err := ReadFile(filepath.Join(dir, "lo", name+".docx"), Limits{})
			if err != nil {
				t.Fatalf("LibreOffice did not convert the written file: %v", err)
			}
			want, got := shape(w.doc), shape(back)
			// LibreOffice saves some tables with a grid of its own (a
			// merged cell split over two columns); what it makes of the
			// source, when it can open it, is the measure, with the
			// translation's list labels. (The handmade sources lack the
			// content types LibreOffice needs.)
			if src, err := ReadFile(filepath.Join(dir, "lo", "src"+itoa(i)+".docx"), Limits{}); err == nil {
				want, got = withoutLabels(shape(src)), withoutLabels(got)
				if g, w := listLabels(back), listLabels(w.doc); g != w {
					t.Errorf("LibreOffice shows the labels %q, want %q", g, w)
				}
			}
			if got != want {
				t.Errorf("LibreOffice sees the structure\n%s\nwant:\n%s", got, want)
			}
			sameTexts(t, "LibreOffice", textsNoMath(back), textsNoMath(w.doc))
			// Code from a DOCX is in the styles the source set it in.
			if !w.tr.markdown {
				if got, want := codeStyles(back), codeStyles(w.doc); got != want {
					t.Errorf("LibreOffice sees the code\n%s\nwant:\n%s", got, want)
				}
			}
		})
	}
}

// textsNoMath is texts without formulas, which LibreOffice writes back in
// its own Office Math, and without the spaces at the ends of paragraphs.
// A note with its own mark loses the copies of the mark LibreOffice puts
// before its text: LibreOffice keeps the mark Word writes there as text
// and adds its own (its own files grow one "*" each time they are opened
// and saved).
func textsNoMath(d *doc.Document) []string {
	var out []string
	plain := func(ins []doc.Inline) string {
		var b strings.Builder
		doc.WalkInlines(ins, func(in *doc.Inline) {
			switch in.Type {
			case doc.Text:
				b.WriteString(in.Text)
			case doc.LineBreak:
				b.WriteByte('\n')
			}
		})
		return strings.TrimSpace(b.String())
	}
	collect := func(bs []doc.Block, mark string) {
		walkAll(bs, func(b *doc.Block) {
			switch {
			case b.Type == doc.Heading || b.Type == doc.Paragraph:
				text := plain(b.Inlines)
				if mark != "" {
					for strings.HasPrefix(text, mark) {
						text = strings.TrimSpace(text[len(mark):])
					}
					mark = ""
				}
				out = append(out, text)
			case b.Figure != nil && len(b.Figure.Caption) > 0:
				out = append(out, plain(b.Figure.Caption))
			}
		})
	}
	marks := map[string]string{}
	d.Walk(func(b *doc.Block) {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.NoteRef && in.Mark != "" {
				marks[in.Note] = in.Mark
			}
		})
	})
	collect(d.Blocks, "")
	for _, n := range d.Notes {
		collect(n.Blocks, marks[n.ID])
	}
	return out
}

// relabelledDocument is the furniture manuscript with its list's labels
// "Статья N." translated as "第N条", written over the manuscript.
func relabelledDocument(t *testing.T) []byte {
	src := zipParts(t, furnitureParts(t))
	tmpl, err := OpenTemplate(src, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	d.Walk(func(b *doc.Block) {
		if b.List != nil {
			for k := range b.List.Items {
				b.List.Items[k].Label = "第" + itoa(k+1) + "条"
			}
		}
	})
	return write(t, d, WriteOptions{Template: tmpl})
}

// listLabels returns the labels of the items of a document's lists,
// separated by spaces.
func listLabels(d *doc.Document) string {
	var got []string
	d.Walk(func(b *doc.Block) {
		if b.List != nil {
			for _, it := range b.List.Items {
				got = append(got, it.Label)
			}
		}
	})
	return strings.Join(got, " ")
}

// withoutLabels returns a shape with the list items' labels left out.
func withoutLabels(shape string) string {
	lines := strings.Split(shape, "\n")
	for i, l := range lines {
		if t := strings.TrimLeft(l, " "); strings.HasPrefix(t, "item ") {
			lines[i] = l[:len(l)-len(t)] + "item"
		}
	}
	return strings.Join(lines, "\n")
}

// pageBodies are manuscripts of three pages: explicit page breaks (one
// inside a paragraph, one in a paragraph of its own), which the document
// model holds; and paragraphs that start a page by their properties
// (w:pageBreakBefore), which only a template carries.
var pageBodies = map[string]string{
	"breaks": `
<w:p><w:r><w:t>Первая страница.</w:t></w:r><w:r><w:br w:type="page"/></w:r><w:r><w:t>Вторая страница.</w:t></w:r></w:p>
<w:p><w:r><w:br w:type="page"/></w:r></w:p>
<w:p><w:r><w:t>Третья страница.</w:t></w:r></w:p>
`,
	"before": `
<w:p><w:r><w:t>Первая страница.</w:t></w:r></w:p>
<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Вторая страница.</w:t></w:r></w:p>
<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>Третья страница.</w:t></w:r></w:p>
`,
}

// TestWritePageBreaks has LibreOffice lay out manuscripts with page breaks
// and their translations written over them (and, for breaks the model
// holds, without them): each translation has as many pages as its source.
// LibreOffice and pdfinfo (poppler-utils) are installed by scripts/setup.sh
// test.
func TestWritePageBreaks(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice (LibreOffice) is not installed: run scripts/setup.sh test to lay written DOCX files out")
	}
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Skip("pdfinfo (poppler-utils) is not installed: run scripts/setup.sh test to count pages")
	}
	if testing.Short() {
		t.Skip("-short: LibreOffice takes seconds to start")
	}
	dir := t.TempDir()
	var names []string
	for name, body := range pageBodies {
		parts := pkgParts(body)
		const ct = `application/vnd.openxmlformats-officedocument.wordprocessingml.`
		parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], `</Types>`,
			`<Override PartName="/word/document.xml" ContentType="`+ct+`document.main+xml"/>`+
				`<Override PartName="/word/styles.xml" ContentType="`+ct+`styles+xml"/></Types>`, 1)
		src := zipParts(t, parts)
		tr := translation{name: name, from: "ru", to: "zh", source: src}
		d := tr.translate(t)
		files := map[string][]byte{name + "-src.docx": src, name + "-over.docx": tr.write(t, d), name + "-plain.docx": write(t, d, WriteOptions{})}
		for file, data := range files {
			if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
				t.Fatal(err)
			}
			names = append(names, file)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--norestore", "--convert-to", "pdf", "--outdir", filepath.Join(dir, "pdf")}, names...)
	cmd := exec.CommandContext(ctx, soffice, args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	pages := func(name string) int {
		out, err := exec.CommandContext(ctx, pdfinfo, filepath.Join(dir, "pdf", strings.TrimSuffix(name, ".docx")+".pdf")).Output()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v", name, err)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if f := strings.Fields(line); len(f) == 2 && f[0] == "Pages:" {
				n, err := strconv.Atoi(f[1])
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
		}
		t.Fatalf("pdfinfo %s: no page count in\n%s", name, out)
		return 0
	}
	for _, name := range []string{"breaks", "before"} {
		want := pages(name + "-src.docx")
		if want != 3 {
			t.Fatalf("%s: LibreOffice lays the source out on %d pages, want 3", name, want)
		}
		written := []string{name + "-over.docx"}
		if name == "breaks" {
			written = append(written, name+"-plain.docx")
		}
		for _, file := range written {
			if got := pages(file); got != want {
				t.Errorf("%s: %d pages, want %d as the source", file, got, want)
			}
		}
	}
}
