package typst

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
)

// newCompiler returns a compiler of the repository's tools/typst, or skips
// the test when the npm package is not installed.
func newCompiler(t testing.TB) *Compiler {
	t.Helper()
	dir, err := FindDir()
	if err != nil {
		t.Skipf("no tools/typst: %v", err)
	}
	c, err := New(Config{Dir: dir})
	if errors.Is(err, ErrNotInstalled) {
		t.Skipf("Typst is not installed (scripts/setup.sh test installs it): %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

const mainSrc = `#set document(title: "Test", date: datetime(year: 2021, month: 5, day: 28))
#set text(font: "Noto Serif", lang: "en", fallback: false)
= Start <start>
#include "ch.typ"
`

func TestCompilePDFAndQuery(t *testing.T) {
	c := newCompiler(t)
	if err := c.SetSource("/main.typ", mainSrc); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSource("/ch.typ", "#pagebreak()\n== Second <second>\n#metadata((id: \"x\")) <mark>\n"); err != nil {
		t.Fatal(err)
	}
	r, err := c.Compile(Build{Main: "/main.typ", PDF: true, Standard: UA1, Queries: []Query{
		{Selector: "<second>", Field: "body"}, {Selector: "<mark>", Field: "value"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pages != 2 {
		t.Errorf("pages = %d, want 2", r.Pages)
	}
	if !bytes.HasPrefix(r.PDF, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", r.PDF)
	}
	if !bytes.Contains(r.PDF, []byte("/StructTreeRoot")) {
		t.Error("PDF/UA-1 PDF has no structure tree")
	}
	var marks []struct{ ID string }
	if err := json.Unmarshal(r.Queries[1], &marks); err != nil || len(marks) != 1 || marks[0].ID != "x" {
		t.Errorf("metadata query = %s (%v)", r.Queries[1], err)
	}
	again, err := c.Compile(Build{Main: "/main.typ", PDF: true, Standard: UA1})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.PDF, r.PDF) {
		t.Error("the same sources made different PDFs")
	}
}

func TestErrorHasFileAndLine(t *testing.T) {
	c := newCompiler(t)
	c.SetSource("/main.typ", mainSrc)
	c.SetSource("/ch.typ", "fine\nstill fine\n#let x = \n")
	_, err := c.Compile(Build{Main: "/main.typ", PDF: true})
	var te *Error
	if !errors.As(err, &te) {
		t.Fatalf("err = %v, want *Error", err)
	}
	d := te.Diagnostics[0]
	if d.Path != "/ch.typ" || d.Line != 3 || d.Severity != "error" || d.Message == "" {
		t.Errorf("first diagnostic = %+v, want an error in /ch.typ line 3", d)
	}
	if !strings.Contains(err.Error(), "/ch.typ:3:") {
		t.Errorf("message %q does not name the file and line", err)
	}
	// A PDF/UA check failing at export is an error too.
	c.SetSource("/main.typ", "no title")
	if _, err := c.Compile(Build{Main: "/main.typ", PDF: true, Standard: UA1}); !errors.As(err, &te) || !strings.Contains(err.Error(), "title") {
		t.Errorf("PDF/UA without a title: err = %v", err)
	}
}

func TestRestartsAfterDeath(t *testing.T) {
	c := newCompiler(t)
	c.SetSource("/main.typ", mainSrc)
	c.SetSource("/ch.typ", "text")
	if _, err := c.Compile(Build{Main: "/main.typ"}); err != nil {
		t.Fatal(err)
	}
	c.mu.Lock()
	c.cmd.Process.Kill()
	c.mu.Unlock()
	r, err := c.Compile(Build{Main: "/main.typ", PDF: true})
	if err != nil {
		t.Fatalf("after the child died: %v", err)
	}
	if r.Pages != 1 {
		t.Errorf("pages after restart = %d, want 1 (sources given again)", r.Pages)
	}
}

func TestConcurrentCallers(t *testing.T) {
	c := newCompiler(t)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := "/doc" + string(rune('a'+i)) + ".typ"
			if err := c.SetSource(p, "#set document(title: \"t\")\n#set text(lang: \"en\")\nDoc "+p); err != nil {
				errs <- err
				return
			}
			r, err := c.Compile(Build{Main: p, PDF: true, Standard: UA1})
			if err == nil && r.Pages != 1 {
				err = errors.New("wrong page count")
			}
			if err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if rss, err := c.Memory(); err != nil || rss < 1<<20 {
		t.Errorf("Memory() = %d, %v", rss, err)
	}
	if err := c.Evict(0); err != nil {
		t.Error(err)
	}
}

// TestEvictAfter checks that builds which have the compiler evict after
// answering go on giving the current document, and that the requests
// after them are answered in turn.
func TestEvictAfter(t *testing.T) {
	c := newCompiler(t)
	for i := range 4 {
		word := "Version" + string(rune('A'+i))
		if err := c.SetSource("/main.typ", "#set document(title: \"t\")\n#set text(lang: \"en\")\n#metadata(\""+word+"\") <w>\n"+word); err != nil {
			t.Fatal(err)
		}
		r, err := c.Compile(Build{Main: "/main.typ", PDF: true, Standard: UA1, EvictAfter: 1, Queries: []Query{{Selector: "<w>", Field: "value"}}})
		if err != nil {
			t.Fatal(err)
		}
		if got := string(r.Queries[0]); got != `["`+word+`"]` {
			t.Errorf("build %d: query = %s, want [%q]", i, got, word)
		}
		if len(r.PDF) == 0 {
			t.Errorf("build %d: no PDF", i)
		}
		if rss, err := c.Memory(); err != nil || rss < 1<<20 {
			t.Errorf("build %d: Memory() after it = %d, %v", i, rss, err)
		}
	}
}
