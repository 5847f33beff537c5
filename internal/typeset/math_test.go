package typeset

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
)

// TestMathInPDF sets formulas in a paragraph: the PDF shows them as
// mathematics, not as their TeX source, and one beyond the converted
// subset as code.
func TestMathInPDF(t *testing.T) {
	ts, _ := newTypesetter(t)
	b := booktest.Book("ru")
	d := b.Chapters[0].Text["ru"]
	d.Blocks = append(d.Blocks, para("m1", text("Формула "),
		doc.Inline{Type: doc.MathInline, Math: &doc.Math{TeX: `\frac{\alpha}{2} \le \sqrt{x_1}`}},
		text(" и "),
		doc.Inline{Type: doc.MathInline, Math: &doc.Math{TeX: `E = mc^2`, Display: true}},
		text(" и матрица "),
		doc.Inline{Type: doc.MathInline, Math: &doc.Math{TeX: `\begin{pmatrix} a \end{pmatrix}`}}))
	_, pages := buildPages(t, ts, b)
	all := strings.Join(pages, "\n")
	for _, bad := range []string{`\frac`, `\alpha`, `\sqrt`, `mc^2`} {
		if strings.Contains(all, bad) {
			t.Errorf("the PDF shows the TeX %q", bad)
		}
	}
	for _, want := range []string{"𝛼", "≤", "√", "𝐸", `\begin{pmatrix}`} {
		if !strings.Contains(all, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
}
