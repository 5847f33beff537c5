package cli

import (
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
