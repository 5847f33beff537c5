package htmldoc

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/golden"
)

func render(t *testing.T, d *doc.Document) string {
	t.Helper()
	var b bytes.Buffer
	if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestReadHTML reads a page with what HTML-to-DOCX converters embed and
// checks what a reader of the page sees survives.
func TestReadHTML(t *testing.T) {
	src, err := os.ReadFile("testdata/chunk-ru.html")
	if err != nil {
		t.Fatal(err)
	}
	d, err := Read(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := render(t, d)
	golden.Check(t, "chunk-ru.html", []byte(h))
	if d.Lang != "ru" || d.Title != "Двадцать лет договора" || strings.Join(d.Authors, "|") != "Иван Петров" {
		t.Errorf("lang %q, title %q, authors %q", d.Lang, d.Title, d.Authors)
	}
	for _, w := range []string{
		`"><span id="intro"></span>Введение</h1>`,
		"Договор подписан <em>16 июля</em> 2001\u00a0г. в <strong>Москве</strong>, см. <a href=\"#methods\">методы</a> и <a href=\"https://example.org/treaty\">текст</a>.</p>",
		`<span lang="zh-CN">睦邻友好合作条约</span><sup>1</sup>.`,
		`start="2" style="list-style-type:lower-alpha"`, `<li><p id="p-`, `вложенный`,
		`<th><p id="p-`, `<td colspan="2">`, `Карта`, `<blockquote id="q-`,
		`Текст прямо в div<br>со строкой</p>`, `>и вложенный div</p>`, `<hr id="s-`, "<pre id=\"c-", "><code>строка 1\nстрока 2</code></pre>",
		`>Плохой язык.</p>`, `>опасная ссылка</p>`,
	} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s", w)
		}
	}
	for _, a := range []string{"alert", "color:red", "!!bad", "javascript"} {
		if strings.Contains(h, a) {
			t.Errorf("HTML holds %s", a)
		}
	}
	// The image beside the page is named, as the page came without its
	// folder.
	if len(d.Warnings) != 2 || !strings.Contains(d.Warnings[0], `image "map.png" not read`) || !strings.Contains(d.Warnings[1], `"!!bad"`) {
		t.Errorf("warnings = %q", d.Warnings)
	}
}

// TestReadMHT reads the same page saved as a web archive in
// windows-1251, quoted-printable, with its image as a part.
func TestReadMHT(t *testing.T) {
	src, err := os.ReadFile("testdata/chunk-ru.mht")
	if err != nil {
		t.Fatal(err)
	}
	d, err := ParseMHT(src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	Finish(d, "")
	h := render(t, d)
	for _, w := range []string{`<span id="intro"></span>Введение</h1>`, "Договор подписан <em>16 июля</em>", `<span lang="zh-CN">睦邻友好合作条约</span>`,
		`<figure id="f-`, `<img src="media/`, `alt="Карта">`} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s\n%s", w, h)
		}
	}
	if len(d.Media) != 1 || d.Media[0].Type != "image/png" || !bytes.HasPrefix(d.Media[0].Data, []byte("\x89PNG")) {
		t.Errorf("media = %+v", d.Media)
	}
	for _, bad := range []string{"Subject: hello\r\n\r\nplain", "Content-Type: multipart/related; boundary=x\r\n\r\n--x\r\nContent-Type: image/png\r\n\r\nPNG\r\n--x--\r\n", "no header at all"} {
		if _, err := ParseMHT([]byte(bad), Options{}); !errors.Is(err, ErrNotArchive) {
			t.Errorf("ParseMHT(%q) = %v, want ErrNotArchive", bad, err)
		}
	}
}

// TestHTMLLimits checks that hostile pages are refused.
func TestHTMLLimits(t *testing.T) {
	deep := strings.Repeat("<div>", 300) + "x"
	if _, err := Parse([]byte(deep), Options{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("deep page: %v", err)
	}
	if _, err := Parse([]byte(strings.Repeat("x", 100)), Options{MaxSize: 10}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("large page: %v", err)
	}
}

// FuzzHTML reads arbitrary pages: a document or an error, never a panic,
// and the document writes and reads back as JSON.
func FuzzHTML(f *testing.F) {
	src, _ := os.ReadFile("testdata/chunk-ru.html")
	f.Add(src)
	f.Add([]byte(`<p>a<b>b<i>c</b>d</i><table><tr><td><ul><li>x<ol start=-5><li>y`))
	f.Add([]byte(pandocPage()))
	f.Add([]byte(`<p>x<a href="#n" role="doc-noteref">*</a><math><mi>y</mi></math></p><aside id="n" epub:type="footnote"><a href="#n">n</a><img src="data:image/gif;base64,R0lGODlh"></aside>`))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := Read(src, Options{MaxSize: 1 << 20})
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(d); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzMHT reads arbitrary web archives.
func FuzzMHT(f *testing.F) {
	src, _ := os.ReadFile("testdata/chunk-ru.mht")
	f.Add(src)
	f.Add([]byte("Content-Type: text/html; charset=koi8-r\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+aGk8L3A+\r\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		d, err := ParseMHT(src, Options{MaxSize: 1 << 20})
		if err != nil {
			return
		}
		Finish(d, "")
	})
}
