package typeset

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/doc"
)

func TestTexMath(t *testing.T) {
	for _, c := range []struct {
		tex, want string
		ok        bool
	}{
		{`x^2 + y^2 = z^2`, `x ^(2 ) + y ^(2 ) = z ^(2 )`, true},
		{`\frac{a}{b}`, `frac(a , b ) `, true},
		{`\sqrt[3]{x}`, `root(3 , x ) `, true},
		{`E = mc^{2}`, `E   =   m c ^(2 )`, true},
		{`\alpha \le \beta`, `alpha   <=   beta`, true},
		{`a/b`, `a slash b`, true},
		{`\text{GDP}_{t}`, `upright("GDP") _(t )`, true},
		{`\begin{matrix} a \end{matrix}`, "", false},
		{`a & b \\ c`, "", false},
		{`\unknown`, "", false},
		{`x^`, "", false},
		{`{a`, "", false},
		{`\text{a"#b}`, "", false},
		{`ж`, "", false},
	} {
		got, ok := texMath(c.tex)
		if ok != c.ok || ok && strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(c.want), " ") {
			t.Errorf("texMath(%q) = %q, %t; want %q, %t", c.tex, got, ok, c.want, c.ok)
		}
	}
}

func FuzzTexMath(f *testing.F) {
	for _, s := range []string{`x^2`, `\frac{a}{b}`, `\sqrt[n]{x+1}`, `\text{abc}`, `\{x\}`, `\$ \# \%`, `a_{i,j}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := texMath(s)
		if !ok {
			return
		}
		// Nothing may end the $…$ it goes in or start code.
		for i := 0; i < len(out); i++ {
			switch out[i] {
			case '\\':
				i++
			case '$', '#', '/', '@', '`':
				t.Fatalf("texMath(%q) = %q: unescaped %q", s, out, out[i])
			}
			if i < len(out) && out[i] > 0x7e {
				t.Fatalf("texMath(%q) = %q: not ASCII", s, out)
			}
		}
	})
}

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
