package cli

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runTandem runs tandem with args and returns its exit status, standard
// output and standard error.
func runTandem(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	env := &Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	code := env.main(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestDocConvert(t *testing.T) {
	fixture := "../doc/docx/testdata/manuscript-ru.docx"
	for _, tc := range []struct {
		to, want string
	}{
		{"html", `role="doc-noteref"`},
		{"markdown", "[^1]: Первая сноска"},
		{"json", `"type": "heading"`},
	} {
		code, out, errOut := runTandem("doc", "convert", "--to", tc.to, fixture)
		if code != 0 || !strings.Contains(out, tc.want) {
			t.Errorf("doc convert --to %s: status %d, stderr %q; output lacks %q", tc.to, code, errOut, tc.want)
		}
	}
	media := filepath.Join(t.TempDir(), "img")
	code, out, _ := runTandem("doc", "convert", "--media", media, fixture)
	files, _ := os.ReadDir(media)
	if code != 0 || len(files) != 1 || !strings.Contains(out, `src="`+filepath.ToSlash(media)+"/"+files[0].Name()+`"`) {
		t.Errorf("--media: status %d, files %v; the page should show the image written there", code, files)
	}
	code, out, _ = runTandem("doc", "convert", "--to", "html", "--lang", "zh", "../doc/markdown/testdata/essay-zh.md")
	if code != 0 || !strings.Contains(out, `<html lang="zh">`) {
		t.Errorf("converting Markdown: status %d, output %.200s", code, out)
	}
}

// TestDocBadInput checks that bad files get one clear line naming the file.
func TestDocBadInput(t *testing.T) {
	dir := t.TempDir()
	notZip := filepath.Join(dir, "report.docx")
	os.WriteFile(notZip, []byte("just text"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"doc", "convert", notZip}, 1, "tandem doc: " + notZip + ": not a DOCX file: not a ZIP archive\n"},
		{[]string{"doc", "convert", filepath.Join(dir, "missing.docx")}, 1, "no such file"},
		{[]string{"doc", "convert", "--to", "pdf", notZip}, 2, `--to "pdf": want html, markdown or json`},
		{[]string{"doc", "convert"}, 2, "want one FILE"},
		{[]string{"doc", "frobnicate"}, 2, `unknown subcommand "frobnicate"`},
	} {
		code, _, errOut := runTandem(tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("tandem %s: status %d, stderr %q; want status %d and %q", strings.Join(tc.args, " "), code, errOut, tc.code, tc.want)
		}
	}
}

func TestDocDiff(t *testing.T) {
	code, out, errOut := runTandem("doc", "diff", "../doc/docx/testdata/manuscript-ru.docx", "../doc/docx/testdata/manuscript-ru-v2.docx")
	if code != 0 {
		t.Fatalf("status %d: %s", code, errOut)
	}
	for _, want := range []string{"<ins>, исправленный автором</ins>", "<del><span class=\"ctx\">list</span>", "<ins><p"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q", want)
		}
	}
}

// writeDOCX writes a minimal Word file around body, with extra parts.
func writeDOCX(t *testing.T, path, body string, extra map[string]string) {
	t.Helper()
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rtf" ContentType="application/rtf"/></Types>`,
		"_rels/.rels":         `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml":   `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` + body + `</w:body></w:document>`,
	}
	for k, v := range extra {
		parts[k] = v
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(content))
	}
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDocNoEmptySuccess checks that a manuscript with nothing to read, or
// with its content in a part tandem cannot read, is an error.
func TestDocNoEmptySuccess(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.docx")
	writeDOCX(t, empty, `<w:p/><w:sectPr/>`, nil)
	rtf := filepath.Join(dir, "rtf.docx")
	writeDOCX(t, rtf, `<w:altChunk r:id="c1"/>`, map[string]string{
		"word/_rels/document.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.rtf"/></Relationships>`,
		"word/chunk.rtf":               `{\rtf1 Hello}`,
	})
	emptyMD := filepath.Join(dir, "empty.md")
	os.WriteFile(emptyMD, []byte("---\ntitle: Only a title\n---\n\n   \n"), 0o644)
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"doc", "convert", empty}, 1, "tandem doc: " + empty + ": no text found in empty.docx\n"},
		{[]string{"doc", "convert", rtf}, 1, "word/chunk.rtf: unsupported content: the document embeds content in RTF (w:altChunk)"},
		{[]string{"doc", "convert", emptyMD}, 1, "no text found in empty.md"},
		{[]string{"doc", "convert", "--lang", "!!bad", emptyMD}, 2, `--lang "!!bad": not a BCP 47 language tag`},
		{[]string{"doc", "diff", "--lang", "en US", emptyMD, emptyMD}, 2, `not a BCP 47 language tag`},
	} {
		code, out, errOut := runTandem(tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) || out != "" {
			t.Errorf("tandem %s: status %d, stdout %q, stderr %q; want status %d and %q", strings.Join(tc.args, " "), code, out, errOut, tc.code, tc.want)
		}
	}
}

// TestDocConvertSelfContained checks that without --media the output needs
// no file it does not write, that the title reaches the page, and that
// warnings reach stderr.
func TestDocConvertSelfContained(t *testing.T) {
	fixture := "../doc/docx/testdata/manuscript-ru.docx"
	for _, to := range []string{"html", "markdown"} {
		code, out, errOut := runTandem("doc", "convert", "--to", to, fixture)
		if code != 0 || !strings.Contains(out, "data:image/png;base64,") || strings.Contains(out, "media/") {
			t.Errorf("--to %s without --media: status %d, stderr %q; want the image embedded, got %.300s", to, code, errOut, out)
		}
	}
	code, out, errOut := runTandem("doc", "convert", "--to", "json", fixture)
	if code != 0 || !strings.Contains(out, `"uri": "data:image/png;base64,`) {
		t.Errorf("--to json without --media: status %d, stderr %q; want each media entry to carry its bytes, got %.600s", code, errOut, out)
	}
	media := filepath.Join(t.TempDir(), "img")
	code, out, _ = runTandem("doc", "convert", "--to", "json", "--media", media, fixture)
	files, _ := os.ReadDir(media)
	if code != 0 || len(files) != 1 || !strings.Contains(out, `"uri": "`+filepath.ToSlash(media)+"/"+files[0].Name()+`"`) {
		t.Errorf("--to json --media: status %d, files %v; want the media entry to name the file written, got %.600s", code, files, out)
	}
	dir := t.TempDir()
	md := filepath.Join(dir, "paper.md")
	os.WriteFile(md, []byte("---\ntitle: Двадцать лет\nlang: ru\n---\n\nТекст <span lang=\"??\">статьи</span>.\n"), 0o644)
	code, out, errOut = runTandem("doc", "convert", md)
	if code != 0 || !strings.Contains(out, "<title>Двадцать лет</title>") || !strings.Contains(out, `<html lang="ru">`) ||
		strings.Contains(out, "??") || !strings.Contains(errOut, `paper.md: warning: lang "??" in the HTML of the Markdown is not a BCP 47 tag: ignored`) {
		t.Errorf("status %d, stderr %q, output %.400s", code, errOut, out)
	}
	html := filepath.Join(dir, "page.html")
	os.WriteFile(html, []byte(`<html lang="zh"><title>论文</title><body><h1>标题</h1><p>正文<em>强调</em>。</p></body></html>`), 0o644)
	code, out, errOut = runTandem("doc", "convert", "--to", "markdown", html)
	if code != 0 || !strings.Contains(out, "title: 论文\nlang: zh\n") || !strings.Contains(out, "# 标题\n\n正文*强调*。") {
		t.Errorf("HTML manuscript: status %d, stderr %q, output %s", code, errOut, out)
	}
	// A manuscript without a title is named by its first heading, not
	// by its file.
	untitled := filepath.Join(dir, "untitled.md")
	os.WriteFile(untitled, []byte("---\nlang: ru\n---\n\nВступление.\n\n# Итоги форума\n\nТекст.\n"), 0o644)
	code, out, errOut = runTandem("doc", "convert", untitled)
	if code != 0 || !strings.Contains(out, "<title>Итоги форума</title>") {
		t.Errorf("untitled manuscript: status %d, stderr %q, output %.300s", code, errOut, out)
	}
}
