package htmldoc

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// dotPNG is a one-pixel PNG.
var dotPNG, _ = base64.StdEncoding.DecodeString("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")

func dataPNG() string { return "data:image/png;base64," + base64.StdEncoding.EncodeToString(dotPNG) }

// pandocPage is a page as pandoc writes one from Markdown with a formula,
// an image, a table and two footnotes.
func pandocPage() string {
	return `<!DOCTYPE html><html lang="en"><head><title>P</title></head><body>
<p>Energy <math display="inline" xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">E=mc^2</annotation></semantics></math> is known.<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a></p>
<math display="block" xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mi>a</mi><mi>b</mi></mfrac></math>
<figure><img src="` + dataPNG() + `" alt="A dot"><figcaption>A dot</figcaption></figure>
<table><thead><tr><th>Year</th><th>Event</th></tr></thead><tbody><tr><td>2001</td><td>Treaty<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></td></tr><tr><td>2021</td><td>Extension</td></tr></tbody></table>
<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes">
<hr />
<ol>
<li id="fn1"><p>First note.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
<li id="fn2"><p>Second note.<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li>
</ol>
</section>
</body></html>`
}

func readPage(t *testing.T, src string, opt Options) *doc.Document {
	t.Helper()
	d, err := Read([]byte(src), opt)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// noteTexts returns the text of each note, in order.
func noteTexts(d *doc.Document) []string {
	var out []string
	for _, n := range d.Notes {
		var parts []string
		for i := range n.Blocks {
			parts = append(parts, doc.BlockText(&n.Blocks[i]))
		}
		out = append(out, strings.Join(parts, "\n"))
	}
	return out
}

// refs returns the notes the body's references call, in order.
func refs(d *doc.Document) []string {
	var out []string
	d.Walk(func(b *doc.Block) {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.NoteRef {
				out = append(out, in.Note)
			}
		})
	})
	return out
}

// TestReadPandocPage checks that formulas, a data: image, footnotes and a
// table of a page pandoc wrote are read as such, not as text.
func TestReadPandocPage(t *testing.T) {
	d := readPage(t, pandocPage(), Options{})
	if len(d.Blocks) != 4 {
		t.Fatalf("%d blocks, want 4 (paragraph, formula, figure, table; nothing of the notes): %s", len(d.Blocks), render(t, d))
	}
	var maths []*doc.Math
	d.Walk(func(b *doc.Block) {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.MathInline {
				maths = append(maths, in.Math)
			}
		})
	})
	if len(maths) != 2 {
		t.Fatalf("%d formulas, want 2", len(maths))
	}
	if m := maths[0]; m.Display || m.TeX != "E=mc^2" || !strings.Contains(m.MathML, "<msup><mi>c</mi><mn>2</mn></msup>") {
		t.Errorf("inline formula = %+v", m)
	}
	if m := maths[1]; !m.Display || m.TeX != "" || !strings.Contains(m.MathML, "<mfrac><mi>a</mi><mi>b</mi></mfrac>") {
		t.Errorf("display formula = %+v", m)
	}
	if got := doc.PlainText(d.Blocks[0].Inlines); got != "Energy E=mc^2 is known." {
		t.Errorf("first paragraph = %q", got)
	}
	if d.Blocks[1].Type != doc.Paragraph || len(d.Blocks[1].Inlines) != 1 {
		t.Errorf("display formula block = %+v", d.Blocks[1])
	}
	f := d.Blocks[2].Figure
	if f == nil || f.Alt != "A dot" || d.MediaByName(f.Src) == nil || !bytes.Equal(d.MediaByName(f.Src).Data, dotPNG) || d.Media[0].Type != "image/png" {
		t.Errorf("figure = %+v, media = %+v", f, d.Media)
	}
	if tb := d.Blocks[3].Table; tb == nil || len(tb.Rows) != 3 || !tb.Rows[0].Header || len(tb.Rows[1].Cells) != 2 {
		t.Errorf("table = %+v", d.Blocks[3])
	}
	if got := strings.Join(noteTexts(d), "|"); got != "First note.|Second note." {
		t.Errorf("notes = %q", got)
	}
	r := refs(d)
	if len(r) != 2 || r[0] != d.Notes[0].ID || r[1] != d.Notes[1].ID || d.Notes[0].Type != doc.Footnote {
		t.Errorf("references %q to notes %+v", r, d.Notes)
	}
	h := render(t, d)
	for _, absent := range []string{"↩︎", "fnref", `href="#fn`, "<sup><sup>"} {
		if strings.Contains(h, absent) {
			t.Errorf("HTML holds %q:\n%s", absent, h)
		}
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings %q", d.Warnings)
	}
}

// TestReadNoteMarkup checks the other ways pages mark notes: DPUB-ARIA
// roles, EPUB's epub:type, goldmark's and Word's, each with its link back
// left out and a reference with a mark of its own keeping it.
func TestReadNoteMarkup(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		typ        doc.NoteType
		mark       string
	}{
		{"dpub", `<p>Text<a href="#n1" role="doc-noteref">1</a>.</p><aside id="n1" role="doc-footnote"><p>The note.</p></aside>`, doc.Footnote, ""},
		{"dpub-endnote", `<p>Text<sup><a href="#e1" role="doc-noteref">*</a></sup>.</p><section role="doc-endnotes"><ol><li id="e1" role="doc-endnote"><p>The note. <a href="#x" role="doc-backlink">back</a></p></li></ol></section>`, doc.Endnote, "*"},
		{"epub", `<p>Text<a epub:type="noteref" href="#fn-a">[1]</a>.</p><aside epub:type="footnote" id="fn-a" hidden><p>The note.</p></aside>`, doc.Footnote, ""},
		{"goldmark", `<p>Text<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup>.</p><div class="footnotes" role="doc-endnotes"><hr><ol><li id="fn:1"><p>The note.&#160;<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>`, doc.Footnote, ""},
		{"word", `<p class=MsoNormal>Text<a style='mso-footnote-id:ftn1' href="#_ftn1" name="_ftnref1" title=""><span class=MsoFootnoteReference>[1]</span></a>.</p><div style='mso-element:footnote-list'><br clear=all><div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1' href="#_ftnref1" name="_ftn1" title=""><span class=MsoFootnoteReference>[1]</span></a> The note.</p></div></div>`, doc.Footnote, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := readPage(t, tc.page, Options{})
			if len(d.Notes) != 1 || d.Notes[0].Type != tc.typ || strings.Join(noteTexts(d), "") != "The note." {
				t.Fatalf("notes = %+v\n%s", d.Notes, render(t, d))
			}
			if len(d.Blocks) != 1 || doc.PlainText(d.Blocks[0].Inlines) != "Text." {
				t.Errorf("body = %+v", d.Blocks)
			}
			var got []doc.Inline
			doc.WalkInlines(d.Blocks[0].Inlines, func(in *doc.Inline) {
				if in.Type == doc.NoteRef {
					got = append(got, *in)
				}
			})
			if len(got) != 1 || got[0].Note != d.Notes[0].ID || got[0].Mark != tc.mark {
				t.Errorf("references = %+v, note %q", got, d.Notes[0].ID)
			}
			for _, w := range d.Warnings {
				t.Errorf("warning %q", w)
			}
		})
	}
}

// TestReadImages checks where the images of a page come from: a data: URI
// always, a file beside the page when the reader has its folder, never
// the web; an image not read is kept as its description and named in a
// warning.
func TestReadImages(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "dot one.png"), dotPNG, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "page.png"), []byte("<!DOCTYPE html><p>not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	page := `<p><img src="dot%20one.png" alt="Local"></p><p><img src="https://example.org/x.png" alt="Remote"></p>` +
		`<p><img src="../secret.png" alt="Outside"></p><p><img src="page.png" alt="Fake"></p>` +
		`<p><img src="data:text/html;base64,PHA+aGk=" alt="Not an image"></p><p>Before <img src="missing.png"> after</p>`
	for _, tc := range []struct {
		dir   string
		media int
		warn  []string
	}{
		{dir, 1, []string{
			`image "https://example.org/x.png" not read (tandem fetches no images from the web): kept as its description "Remote"`,
			`image "../secret.png" not read (outside the page's folder)`,
			`image "page.png" not read (not an image: text/html`,
			`image "data:text/html;base64,PHA+aGk=" not read (not an image`,
			`image "missing.png" not read (no such file next to the page): left out, as it has no description`,
		}},
		{"", 0, []string{`image "dot%20one.png" not read (the page was read without its folder): kept as its description "Local"`}},
	} {
		d := readPage(t, page, Options{Dir: tc.dir})
		if len(d.Media) != tc.media {
			t.Errorf("dir %q: media %+v", tc.dir, d.Media)
		}
		if tc.media == 1 && (d.Blocks[0].Type != doc.FigureBlock || d.Blocks[0].Figure.Src != d.Media[0].Name || !bytes.Equal(d.Media[0].Data, dotPNG)) {
			t.Errorf("dir %q: first block %+v", tc.dir, d.Blocks[0])
		}
		all := strings.Join(d.Warnings, "\n")
		for _, w := range tc.warn {
			if !strings.Contains(all, w) {
				t.Errorf("dir %q: warnings lack %q:\n%s", tc.dir, w, all)
			}
		}
		h := render(t, d)
		for _, alt := range []string{"Remote", "Outside", "Fake", "Not an image", "Before after"} {
			if !strings.Contains(h, alt) {
				t.Errorf("dir %q: HTML lacks the description %q:\n%s", tc.dir, alt, h)
			}
		}
	}
}

// TestRoundTrip checks that a page tandem writes reads back the same:
// formulas, image bytes, notes and table shape, and that the identifiers
// tandem gave its blocks do not come back as anchors.
func TestRoundTrip(t *testing.T) {
	d := readPage(t, pandocPage(), Options{})
	var first bytes.Buffer
	if err := doc.WriteHTML(&first, d, doc.HTMLOptions{Standalone: true, Media: doc.EmbedMedia}); err != nil {
		t.Fatal(err)
	}
	again := readPage(t, first.String(), Options{})
	var second bytes.Buffer
	if err := doc.WriteHTML(&second, again, doc.HTMLOptions{Standalone: true, Media: doc.EmbedMedia}); err != nil {
		t.Fatal(err)
	}
	if first.String() != second.String() {
		t.Errorf("written again differently:\n%s\n---\n%s", first.String(), second.String())
	}
	if len(again.Notes) != 2 || strings.Join(noteTexts(again), "|") != "First note.|Second note." || len(refs(again)) != 2 {
		t.Errorf("notes %+v", again.Notes)
	}
	if len(again.Media) != 1 || !bytes.Equal(again.Media[0].Data, dotPNG) {
		t.Errorf("media %+v", again.Media)
	}
	if tb := again.Blocks[3].Table; tb == nil || len(tb.Rows) != 3 || len(tb.Rows[2].Cells) != 2 {
		t.Errorf("table %+v", again.Blocks[3])
	}
	if strings.Count(second.String(), "<math") != 2 || !strings.Contains(second.String(), `<annotation encoding="application/x-tex">E=mc^2</annotation>`) {
		t.Errorf("formulas not kept:\n%s", second.String())
	}
}

// TestReadBadMath checks that MathML tandem cannot keep is kept as its
// text, with a warning, rather than lost.
func TestReadBadMath(t *testing.T) {
	d := readPage(t, `<p>So <math><mi>x</mi><mglyph src="x.png"></mglyph><mo>+</mo><mn>1</mn></math>.</p>`, Options{})
	if got := doc.PlainText(d.Blocks[0].Inlines); got != "So x+1." {
		t.Errorf("text %q", got)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], `a MathML formula ("x+1") uses markup`) {
		t.Errorf("warnings %q", d.Warnings)
	}
}

// TestLeftOutWarned checks that elements a reader of the page sees but
// tandem does not keep are named in a warning, once per kind, that the
// fallback content of an <object> and the text of an element HTML does
// not define are kept, and that small capitals are read.
func TestLeftOutWarned(t *testing.T) {
	d, err := Read([]byte(`<html lang="en"><body><p>A <my-widget>custom</my-widget> <iframe src="a"></iframe><iframe src="b"></iframe>`+
		`<object data="x.swf">fallback <b>text</b></object> <span class="smallcaps">Caps</span> <o:p>word</o:p>.</p>`+
		`<form><p>Name <input name="n"> <button>Send</button></p></form><script>x()</script></body></html>`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ins := d.Blocks[0].Inlines
	if got := doc.PlainText(ins); got != "A custom fallback text Caps word." {
		t.Errorf("text %q", got)
	}
	caps := false
	for _, in := range ins {
		caps = caps || in.Type == doc.SmallCaps
	}
	if !caps {
		t.Errorf("no small caps in %+v", ins)
	}
	want := []string{"<my-widget> not understood: kept as its text", "<iframe> left out",
		"<object> left out: its fallback content kept", "<input> left out", "<button> left out"}
	if strings.Join(d.Warnings, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings %q, want %q", d.Warnings, want)
	}
}
