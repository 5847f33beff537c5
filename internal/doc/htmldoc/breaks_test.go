package htmldoc

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestPageBreaks checks that page breaks in a page (as Word's "Save as Web
// Page" writes them, and as tandem's HTML writer does) are kept, even at
// the edge of a paragraph, where a plain <br> is dropped.
func TestPageBreaks(t *testing.T) {
	src := `<html><body><p>Глава 1.<br></p>
<p><span><br clear=all style='mso-special-character:line-break;page-break-before:always'></span></p>
<p>текст<br class="page-break">после<br class="column-break">ещё</p></body></html>`
	d, err := Read([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		var s strings.Builder
		for _, in := range b.Inlines {
			switch {
			case in.Type == doc.Text:
				s.WriteString(in.Text)
			case in.Type == doc.LineBreak:
				s.WriteString("<" + in.Break + ">")
			default:
				s.WriteString(doc.PlainText(in.Content))
			}
		}
		got = append(got, s.String())
	}
	want := []string{"Глава 1.", "<page>", "текст<page>после<column>ещё"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("blocks = %q, want %q", got, want)
	}
}

// TestMetadata checks that a page's description and keywords are read as
// the document's abstract and keywords, and that the HTML writer writes
// them back.
func TestMetadata(t *testing.T) {
	src := `<html lang="ru"><head><title>Договор</title><meta name="description" content="Кратко
	о договоре."><meta name="Keywords" content="договор, Китай;Россия"></head><body><p>Текст.</p></body></html>`
	d, err := Read([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d.Abstract != "Кратко о договоре." || strings.Join(d.Keywords, "|") != "договор|Китай|Россия" {
		t.Errorf("abstract %q, keywords %q", d.Abstract, d.Keywords)
	}
	var b strings.Builder
	if err := doc.WriteHTML(&b, d, doc.HTMLOptions{Standalone: true}); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`<meta name="description" content="Кратко о договоре.">`, `<meta name="keywords" content="договор, Китай, Россия">`} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("page lacks %s:\n%s", w, b.String())
		}
	}
}

// TestHiddenContent checks that what a page hides from its reader is not
// text of the document: the page numbers of a table of contents in a page
// Word saved (display:none, mso-hide), and elements marked hidden.
func TestHiddenContent(t *testing.T) {
	src := `<html><body>
<p class=MsoToc1><span class=MsoHyperlink><a href="#_Toc1">Введение<span style='color:windowtext;display:none;mso-hide:screen'>. </span><span
style='color:windowtext;display:none;mso-hide:screen;mso-hide:screen'>1</span></a></span></p>
<h1><a name="_Toc1"></a>Введение</h1>
<p>Видно<span hidden>скрыто</span> и <span style="mso-hide:all">тоже скрыто</span>.</p>
<div style="DISPLAY: none"><p>Скрытый абзац.</p></div>
</body></html>`
	d, err := Read([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	h := render(t, d)
	for _, w := range []string{`<a href="#_Toc1">Введение</a></p>`, `>Видно и .</p>`} {
		if !strings.Contains(h, w) {
			t.Errorf("HTML lacks %s:\n%s", w, h)
		}
	}
	for _, a := range []string{"скрыто", "Скрытый", ">1<"} {
		if strings.Contains(h, a) {
			t.Errorf("HTML holds %s:\n%s", a, h)
		}
	}
}
