package markdown

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/lang"
)

func htmlOf(t *testing.T, d *doc.Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestFrontMatter checks that YAML front matter is read as metadata, not
// as text, and that bad YAML is an error naming its line.
func TestFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, src, lang      string
		title, authors, want string
		warn                 string
		text                 string
	}{
		{"title and author", "---\ntitle: \"Договор: 20 лет\"\nauthor: Иван Петров\nlang: ru-RU\n---\n\nТекст статьи.\n", "", "Договор: 20 лет", "Иван Петров", "ru-RU", "", "Текст статьи."},
		{"authors list, the file's language over the one given", "---\ntitle: 论睦邻\nauthors:\n  - 李明\n  - name: Ivan Petrov\nlang: zh-CN\n...\n正文。\n", "ru", "论睦邻", "李明|Ivan Petrov", "zh-CN", "", "正文。"},
		{"language given for a file without one", "---\ntitle: 论睦邻\n---\n正文。\n", "zh", "论睦邻", "", "zh", "", "正文。"},
		{"bad language", "---\nlang: '!!bad'\n---\nText.\n", "", "", "", "", `"!!bad"`, "Text."},
		{"rule and heading, not metadata", "---\nChapter\n---\n\nText.\n", "en", "", "", "en", "", "\nChapter\nText."},
		{"no closing line", "---\ntitle: x\n\nText.\n", "en", "", "", "en", "", "\ntitle: x\nText."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Read([]byte(tc.src), tc.lang, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if d.Title != tc.title || strings.Join(d.Authors, "|") != tc.authors || d.Lang != tc.want {
				t.Errorf("title %q, authors %q, lang %q", d.Title, d.Authors, d.Lang)
			}
			var texts []string
			for i := range d.Blocks {
				texts = append(texts, doc.BlockText(&d.Blocks[i]))
			}
			if got := strings.Join(texts, "\n"); got != tc.text {
				t.Errorf("text = %q, want %q", got, tc.text)
			}
			if w := strings.Join(d.Warnings, "\n"); (tc.warn == "") != (w == "") || !strings.Contains(w, tc.warn) {
				t.Errorf("warnings = %q", d.Warnings)
			}
		})
	}
	_, err := Read([]byte("---\ntitle: ok\nauthor: Ivan: Petrov\n---\nText.\n"), "en", Limits{})
	if !errors.Is(err, ErrFrontMatter) || err.Error() != "line 3: bad front matter: mapping values are not allowed in this context" {
		t.Errorf("bad YAML: %v", err)
	}
	if _, err := Read([]byte("Text."), "!!bad", Limits{}); !errors.Is(err, lang.ErrBadTag) {
		t.Errorf("bad language argument: %v", err)
	}
}

// TestMathAnchorsMarks checks formulas in dollars, anchors and heading
// slugs as link targets, and footnotes with marks of their own.
func TestMathAnchorsMarks(t *testing.T) {
	src := "# Введение {#intro}\n\n## 2. Method\n\nSince $x^{2}+y_{1} \\geq 0$ and it costs $5 and $10, see [intro](#intro), [method](#2-method) and [nothing](#nowhere).\n\n$$\\frac{a+1}{b}=\\sqrt{c}$$\n\n$$\n\\sum_{i=1}^{n} i\n$$\n\nA <span id=\"here\"></span>target and a note[^*] and another[^1].\n\n[^*]: Marked.\n\n[^1]: Numbered.\n"
	d, err := Read([]byte(src), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	h := htmlOf(t, d)
	for _, w := range []string{
		`<span id="intro"></span>Введение</h1>`, `<span id="2-method"></span>2. Method</h2>`,
		`<span class="math">\(x^{2}+y_{1} \geq 0\)</span> and it costs $5 and $10`,
		`<a href="#intro">intro</a>`, `<a href="#2-method">method</a> and nothing.`,
		`<span class="math">\[\frac{a+1}{b}=\sqrt{c}\]</span>`, `<span class="math">\[\sum_{i=1}^{n} i\]</span>`,
		`A <span id="here"></span>target`, `role="doc-noteref">*</a>`, `role="doc-noteref">1</a>`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s\n%s", w, h)
		}
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], "#nowhere") {
		t.Errorf("warnings = %q", d.Warnings)
	}
	// What the writer makes of it reads back as the same document.
	var m bytes.Buffer
	if err := doc.WriteMarkdown(&m, d); err != nil {
		t.Fatal(err)
	}
	again, err := Read(m.Bytes(), "en", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if got := htmlOf(t, again); got != h {
		t.Errorf("Markdown written by tandem reads back differently:\n%s\n---\n%s", m.String(), got)
	}
}

// FuzzFrontMatter feeds the front matter reader arbitrary text after a
// "---" line: metadata, Markdown or an error naming a line, never a panic.
func FuzzFrontMatter(f *testing.F) {
	f.Add([]byte("title: \"Договор\"\nauthor: [a, b]\nlang: ru\n"))
	f.Add([]byte("authors:\n  - name: X\n  - Y\n"))
	f.Add([]byte("a: b: c\n"))
	f.Add([]byte("&a [*a, *a]\n"))
	seeds, _ := filepath.Glob("testdata/frontmatter/*.yaml")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, yaml []byte) {
		src := append(append([]byte("---\n"), yaml...), []byte("\n---\nText.\n")...)
		d, err := Read(src, "", Limits{MaxSize: 1 << 16})
		if err != nil {
			if errors.Is(err, ErrFrontMatter) && !strings.Contains(err.Error(), "front matter") {
				t.Errorf("error does not say where: %v", err)
			}
			return
		}
		if d.Lang != "" {
			if _, err := lang.ParseTag(d.Lang); err != nil {
				t.Errorf("document language %q is not a BCP 47 tag", d.Lang)
			}
		}
	})
}
