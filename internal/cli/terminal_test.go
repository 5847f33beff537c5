package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLIStdout runs tandem with its standard output going to f, as a shell
// redirection would, and returns its exit status and standard error.
func runCLIStdout(t *testing.T, f *os.File, args ...string) (int, string) {
	t.Helper()
	var errOut lockedBuffer
	e := &Env{Stdin: strings.NewReader(""), Stdout: f, Stderr: &errOut, Getenv: func(string) string { return "" }}
	code := e.main(context.Background(), args)
	return code, errOut.String()
}

// translatedMarkdown writes a Markdown manuscript and its translation and
// returns their names.
func translatedMarkdown(t *testing.T, dir string) (md, xl string) {
	t.Helper()
	md = writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。\n")
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", md)
	if code != 0 {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	return md, translateFile(t, xlf, filepath.Join(dir, "essay-ru.xlf"), cyrillic)
}

// TestDOCXToRedirectedOutput checks that a DOCX written to standard output
// is refused only on a terminal: /dev/null, a pipe and a file take it.
func TestDOCXToRedirectedOutput(t *testing.T) {
	dir := t.TempDir()
	md, xl := translatedMarkdown(t, dir)

	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if code, stderr := runCLIStdout(t, null, "xliff", "import", "--to", "docx", md, xl); code != 0 || stderr != "" {
		t.Errorf("> /dev/null: exit %d, stderr %q", code, stderr)
	}

	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	read := make(chan []byte)
	go func() {
		b, _ := io.ReadAll(r)
		read <- b
	}()
	code, stderr := runCLIStdout(t, w, "xliff", "import", "--to", "docx", md, xl)
	w.Close()
	if got := <-read; code != 0 || stderr != "" || !bytes.HasPrefix(got, []byte("PK\x03\x04")) {
		t.Errorf("| pipe: exit %d, stderr %q, %d bytes", code, stderr, len(got))
	}
	r.Close()

	file, err := os.Create(filepath.Join(dir, "out.docx"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	if code, stderr := runCLIStdout(t, file, "xliff", "import", "--to", "docx", md, xl); code != 0 || stderr != "" {
		t.Errorf("> file: exit %d, stderr %q", code, stderr)
	}
	if st, err := file.Stat(); err != nil || st.Size() == 0 {
		t.Errorf("> file: nothing written (%v)", err)
	}
}
