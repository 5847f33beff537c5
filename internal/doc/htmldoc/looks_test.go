package htmldoc

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestReadLooks reads highlighted, coloured and shaded words and
// character styles as the HTML writer writes them and as web pages write
// them: each is a Styled mark around its words only, and black text or a
// white background, which pasted pages put everywhere, is no look. A
// colour may be named (color:red).
func TestReadLooks(t *testing.T) {
	src := `<html lang="en"><body><p>Plain <mark>hi</mark> and <span style="color: #c00">red</span>, ` +
		`<span style="color:#000000;background:#fff">ordinary</span>, ` +
		`<span data-style="Book Title" style="background-color:#FFF2CC"><mark style="background-color:#00FF00">both</mark></span>, ` +
		`<span style="color:red">named</span>.</p></body></html>`
	d, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	doc.WalkInlines(d.Blocks[0].Inlines, func(in *doc.Inline) {
		if in.Type == doc.Styled {
			got = append(got, doc.PlainText(in.Content)+"="+in.Style.Name+"/"+in.Style.Highlight+"/"+in.Style.Color+"/"+in.Style.Shading)
		}
	})
	want := []string{"hi=/yellow//", "red=//CC0000/", "both=Book Title/green//FFF2CC", "named=//FF0000/"}
	if len(got) != len(want) {
		t.Fatalf("looks %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("look %d is %q, want %q", i, got[i], want[i])
		}
	}
	// What the writer writes, the reader reads back as it was.
	back, err := Parse([]byte(render(t, d)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a, b := render(t, back), render(t, d); a != b {
		t.Errorf("written and read again:\n%s\nwant:\n%s", a, b)
	}
}

// TestReadWordColours reads the colours and highlights of a page saved
// by Word and of pages written by hand: named colours, rgb(), Word's
// mso-highlight with its background, a yellow background, <font color>.
func TestReadWordColours(t *testing.T) {
	src := `<html lang="ru"><body><p class=MsoNormal>Текст <span style='background:yellow;mso-highlight:yellow'>выделен</span>, ` +
		`<span style='color:red'>красный</span>, <span style='color:#C00000'>тёмно-красный</span>, ` +
		`<span style='color:windowtext'>обычный</span>, <span style="color: blue">синий</span>, ` +
		`<span style="color:rgb(255,0,0)">rgb</span>, <font color="#00ff00">font</font>, <font color=navy face=Arial>navy</font>, ` +
		`<span style="background-color:yellow">жёлтый фон</span>, <span style="background:lime;mso-highlight:lime">зелёный</span>.</p></body></html>`
	d, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	doc.WalkInlines(d.Blocks[0].Inlines, func(in *doc.Inline) {
		if in.Type == doc.Styled {
			got = append(got, doc.PlainText(in.Content)+"="+in.Style.Highlight+"/"+in.Style.Color+"/"+in.Style.Shading)
		}
	})
	want := []string{"выделен=yellow//", "красный=/FF0000/", "тёмно-красный=/C00000/", "синий=/0000FF/",
		"rgb=/FF0000/", "font=/00FF00/", "navy=/000080/", "жёлтый фон=yellow//", "зелёный=green//"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("looks\n%q\nwant\n%q", got, want)
	}
}
