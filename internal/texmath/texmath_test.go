package texmath

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

func TestConvert(t *testing.T) {
	for _, c := range []struct{ tex, typst, mathml string }{
		{`x^2 + y^2 = z^2`, `x^(2 ) + y^(2 ) = z^(2 )`,
			`<mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><msup><mi>y</mi><mn>2</mn></msup><mo>=</mo><msup><mi>z</mi><mn>2</mn></msup></mrow>`},
		{`\frac{a}{b}`, `frac(a , b )`, `<mrow><mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac></mrow>`},
		{`\sqrt[3]{x}`, `root(3 , x )`, `<mrow><mroot><mrow><mi>x</mi></mrow><mrow><mn>3</mn></mrow></mroot></mrow>`},
		{`\alpha \le \beta`, `alpha <= beta`, `<mrow><mi>α</mi><mo>≤</mo><mi>β</mi></mrow>`},
		{`a/b`, `a slash b`, `<mrow><mi>a</mi><mo>/</mo><mi>b</mi></mrow>`},
		{`\text{GDP}_{t}`, `upright("GDP")_(t )`, `<mrow><msub><mtext>GDP</mtext><mrow><mi>t</mi></mrow></msub></mrow>`},
		{`{a+b}^2`, `attach(a + b , t: 2 )`, `<mrow><msup><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mn>2</mn></msup></mrow>`},
		{`\frac{i,j}{2}`, `frac(i \, j , 2 )`, `<mrow><mfrac><mrow><mi>i</mi><mo>,</mo><mi>j</mi></mrow><mrow><mn>2</mn></mrow></mfrac></mrow>`},
		{`\sin x`, `sin x`, `<mrow><mi>sin</mi><mi>x</mi></mrow>`},
		{`[0, 1)`, `[ 0 \, 1 )`, `<mrow><mo>[</mo><mn>0</mn><mo>,</mo><mn>1</mn><mo>)</mo></mrow>`},
	} {
		got, ok := Typst(c.tex)
		if !ok || strings.Join(strings.Fields(got), " ") != strings.Join(strings.Fields(c.typst), " ") {
			t.Errorf("Typst(%q) = %q, %t; want %q", c.tex, got, ok, c.typst)
		}
		ml, ok := MathML(c.tex, false)
		want := `<math xmlns="http://www.w3.org/1998/Math/MathML">` + c.mathml + `</math>`
		if !ok || ml != want {
			t.Errorf("MathML(%q) = %q, %t; want %q", c.tex, ml, ok, want)
		}
	}
	for _, tex := range []string{`\begin{matrix} a \end{matrix}`, `a & b \\ c`, `\unknown`, `x^`, `{a`, `\text{a"#b}`, `ж`, ``, ` `, `\frac{(a}{b}`} {
		if got, ok := Typst(tex); ok {
			t.Errorf("Typst(%q) = %q, want it refused", tex, got)
		}
		if got, ok := MathML(tex, true); ok {
			t.Errorf("MathML(%q) = %q, want it refused", tex, got)
		}
	}
}

func FuzzConvert(f *testing.F) {
	for _, s := range []string{`x^2`, `\frac{a}{b}`, `\sqrt[n]{x+1}`, `\text{abc}`, `\{x\}`, `\$ \# \%`, `a_{i,j}^{2}`, `{a+b}_c`, `\sum_{i=1}^n i`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := Typst(s)
		ml, mlOK := MathML(s, false)
		if ok != mlOK {
			t.Fatalf("%q: Typst %t, MathML %t", s, ok, mlOK)
		}
		if !ok {
			return
		}
		// Nothing may end the $…$ it goes in or start code.
		for i := 0; i < len(out); i++ {
			switch out[i] {
			case '\\':
				i++
			case '$', '#', '/', '@', '`':
				t.Fatalf("Typst(%q) = %q: unescaped %q", s, out, out[i])
			}
			if i < len(out) && out[i] > 0x7e {
				t.Fatalf("Typst(%q) = %q: not ASCII", s, out)
			}
		}
		if _, err := doc.CleanMathML(ml, false); err != nil {
			t.Fatalf("MathML(%q) = %q: %v", s, ml, err)
		}
	})
}
