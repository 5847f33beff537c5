package docx

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/shareddata"
)

const mns = `xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

// r is a math run; props are m:rPr children.
func mr(text string, props ...string) string {
	pr := ""
	if len(props) > 0 {
		pr = "<m:rPr>" + strings.Join(props, "") + "</m:rPr>"
	}
	return "<m:r>" + pr + `<m:t xml:space="preserve">` + text + "</m:t></m:r>"
}

func e(s string) string { return "<m:e>" + s + "</m:e>" }

const plain = `<m:sty m:val="p"/>`

// ommlCases are formulas as Word writes them, with the TeX and the MathML
// a reader of the formula expects.
var ommlCases = []struct {
	name, omml, tex string
	mathml          []string
}{
	{"scripts", mr("x") + `<m:sSup><m:e>` + mr("x") + `</m:e><m:sup>` + mr("2") + `</m:sup></m:sSup>` + mr("+") + `<m:sSub><m:e>` + mr("y") + `</m:e><m:sub>` + mr("1") + `</m:sub></m:sSub>`,
		`xx^{2}+y_{1}`, []string{`<msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><msub><mi>y</mi><mn>1</mn></msub>`}},
	{"fraction and root", `<m:f><m:num>` + mr("a+1") + `</m:num><m:den>` + mr("b") + `</m:den></m:f>` + mr("=") + `<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>` + mr("c") + `</m:e></m:rad>`,
		`\frac{a+1}{b}=\sqrt{c}`, []string{`<mfrac><mrow><mi>a</mi><mo>+</mo><mn>1</mn></mrow><mi>b</mi></mfrac><mo>=</mo><msqrt><mi>c</mi></msqrt>`}},
	{"root with degree", `<m:rad><m:deg>` + mr("3") + `</m:deg><m:e>` + mr("x") + `</m:e></m:rad>`, `\sqrt[3]{x}`, []string{`<mroot><mi>x</mi><mn>3</mn></mroot>`}},
	{"linear and no-bar fractions", `<m:f><m:fPr><m:type m:val="lin"/></m:fPr><m:num>` + mr("a") + `</m:num><m:den>` + mr("b") + `</m:den></m:f>` + `<m:f><m:fPr><m:type m:val="noBar"/></m:fPr><m:num>` + mr("n") + `</m:num><m:den>` + mr("k") + `</m:den></m:f>`,
		`a/b\genfrac{}{}{0pt}{}{n}{k}`, []string{`<mrow><mi>a</mi><mo>/</mo><mi>b</mi></mrow>`, `<mfrac linethickness="0"><mi>n</mi><mi>k</mi></mfrac>`}},
	{"sub-superscript and prescript", `<m:sSubSup><m:e>` + mr("x") + `</m:e><m:sub>` + mr("i") + `</m:sub><m:sup>` + mr("2") + `</m:sup></m:sSubSup><m:sPre><m:sub>` + mr("1") + `</m:sub><m:sup>` + mr("4") + `</m:sup><m:e>` + mr("He") + `</m:e></m:sPre>`,
		`x_{i}^{2}{}_{1}^{4}{He}`, []string{`<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>`, `<mmultiscripts><mrow><mi>H</mi><mi>e</mi></mrow><mprescripts/><mn>1</mn><mn>4</mn></mmultiscripts>`}},
	{"delimiters", `<m:d><m:dPr><m:begChr m:val="["/><m:endChr m:val="⟩"/></m:dPr>` + e(mr("a")) + e(mr("b")) + `</m:d>` + `<m:d><m:dPr><m:begChr m:val="{"/><m:endChr m:val=""/></m:dPr>` + e(mr("x")) + `</m:d>`,
		`\left[a|b\right\rangle\left\{x\right.`, []string{`<mo fence="true" stretchy="true">[</mo><mi>a</mi><mo separator="true">|</mo><mi>b</mi><mo fence="true" stretchy="true">⟩</mo>`}},
	{"sum with limits", `<m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr><m:sub>` + mr("i=1") + `</m:sub><m:sup>` + mr("n") + `</m:sup><m:e>` + mr("i") + `</m:e></m:nary>`,
		`\sum_{i=1}^{n}i`, []string{`<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover><mi>i</mi>`}},
	{"integral", `<m:nary><m:naryPr><m:supHide m:val="1"/></m:naryPr><m:sub>` + mr("Ω") + `</m:sub><m:sup/><m:e>` + mr("f") + `</m:e></m:nary>`,
		`\int_{\Omega}f`, []string{`<msub><mo>∫</mo><mi>Ω</mi></msub><mi>f</mi>`}},
	{"function", `<m:func><m:fName>` + mr("sin") + `</m:fName><m:e>` + mr("x") + `</m:e></m:func>` + mr("+") + `<m:func><m:fName>` + mr("tg", plain) + `</m:fName><m:e>` + mr("α") + `</m:e></m:func>`,
		`\sin x+\operatorname{tg}\alpha`, []string{`<mi>sin</mi><mo>` + "\u2061" + `</mo><mi>x</mi>`}},
	{"limit", `<m:func><m:fName><m:limLow><m:e>` + mr("lim", plain) + `</m:e><m:lim>` + mr("n→∞") + `</m:lim></m:limLow></m:fName><m:e>` + mr("a") + `</m:e></m:func>`,
		`\lim_{n\rightarrow\infty}a`, []string{`<munder><mi>lim</mi><mrow><mi>n</mi><mo>→</mo><mo>∞</mo></mrow></munder>`}},
	{"accents and bars", `<m:acc><m:accPr><m:chr m:val="⃗"/></m:accPr><m:e>` + mr("v") + `</m:e></m:acc><m:acc><m:e>` + mr("x") + `</m:e></m:acc><m:bar><m:barPr><m:pos m:val="top"/></m:barPr><m:e>` + mr("AB") + `</m:e></m:bar><m:bar><m:e>` + mr("z") + `</m:e></m:bar>`,
		`\vec{v}\hat{x}\overline{AB}\underline{z}`, []string{`<mover accent="true"><mi>v</mi><mo>→</mo></mover>`, `<mover accent="true"><mi>x</mi><mo>^</mo></mover>`}},
	{"brace with label", `<m:limLow><m:e><m:groupChr><m:e>` + mr("a+b") + `</m:e></m:groupChr></m:e><m:lim>` + mr("n") + `</m:lim></m:limLow>`,
		`\underbrace{a+b}_{n}`, []string{`<munder><munder><mrow><mi>a</mi><mo>+</mo><mi>b</mi></mrow><mo stretchy="true">⏟</mo></munder><mi>n</mi></munder>`}},
	{"matrix", `<m:d>` + e(`<m:m><m:mr>`+e(mr("1"))+e(mr("0"))+`</m:mr><m:mr>`+e(mr("0"))+e(mr("1"))+`</m:mr></m:m>`) + `</m:d>`,
		`\left(\begin{matrix}1 & 0 \\ 0 & 1\end{matrix}\right)`, []string{`<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mn>1</mn></mtd></mtr></mtable>`}},
	{"equation array", `<m:eqArr>` + e(mr("x&amp;=1")) + e(mr("y&amp;=2")) + `</m:eqArr>`,
		`\begin{aligned}x&=1 \\ y&=2\end{aligned}`, []string{`<mtable columnalign="left"><mtr><mtd><mrow><mi>x</mi><mo>=</mo><mn>1</mn></mrow></mtd></mtr>`}},
	{"boxes", `<m:borderBox><m:e>` + mr("E=m") + `</m:e></m:borderBox><m:box><m:e>` + mr("c") + `</m:e></m:box>`,
		`\boxed{E=m}c`, []string{`<menclose notation="box"><mrow><mi>E</mi><mo>=</mo><mi>m</mi></mrow></menclose><mi>c</mi>`}},
	{"styles and scripts", mr("R", `<m:scr m:val="double-struck"/>`) + mr("F", `<m:scr m:val="script"/>`) + mr("v", `<m:sty m:val="b"/>`) + mr("cm", plain) + mr(" if ", "<m:nor/>") + mr("x", `<m:sty m:val="bi"/>`),
		`\mathbb{R}\mathcal{F}\mathbf{v}\mathrm{cm}\text{ if }\boldsymbol{x}`, []string{`<mi mathvariant="double-struck">R</mi><mi mathvariant="script">F</mi><mi mathvariant="bold">v</mi><mi>cm</mi><mtext> if </mtext><mi mathvariant="bold-italic">x</mi>`}},
	{"Russian index and decimal comma", `<m:sSub><m:e>` + mr("v") + `</m:e><m:sub>` + mr("ср") + `</m:sub></m:sSub>` + mr("=2,5"),
		`v_{\text{ср}}=2{,}5`, []string{`<msub><mi>v</mi><mrow><mi>с</mi><mi>р</mi></mrow></msub><mo>=</mo><mn>2,5</mn>`}},
	{"degrees and special characters", mr("45") + `<m:sSup><m:e>` + mr("") + `</m:e><m:sup>` + mr("°") + `</m:sup></m:sSup>` + mr("50%{}"),
		`45{}^{\circ}50\%\{\}`, []string{`<mo>°</mo>`, `<mo>%</mo><mo>{</mo><mo>}</mo>`}},
	{"tracked deletion", mr("a") + `<w:del w:id="1" w:author="A"><m:r><m:t>+b</m:t></m:r></w:del>`, `a`, []string{`<mi>a</mi></math>`}},
}

// TestOMML converts formulas to TeX and MathML.
func TestOMML(t *testing.T) {
	for _, tc := range ommlCases {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := readFormulas([]byte(`<m:oMath ` + mns + `>` + tc.omml + `</m:oMath>`))
			if err != nil {
				t.Fatal(err)
			}
			if len(ms) != 1 {
				t.Fatalf("%d formulas, want 1", len(ms))
			}
			m := ms[0]
			if m.TeX != tc.tex {
				t.Errorf("TeX = %s\nwant  %s", m.TeX, tc.tex)
			}
			for _, w := range tc.mathml {
				if !strings.Contains(m.MathML, w) {
					t.Errorf("MathML lacks %s\n%s", w, m.MathML)
				}
			}
			if _, err := doc.CleanMathML(m.MathML, false); err != nil {
				t.Errorf("MathML does not pass CleanMathML: %v\n%s", err, m.MathML)
			}
			// The OMML is kept whole, readable on its own.
			again, err := readFormulas([]byte(m.OMML))
			if err != nil || len(again) != 1 || again[0].TeX != m.TeX {
				t.Errorf("OMML does not read back to the same formula (%v):\n%s", err, m.OMML)
			}
		})
	}
}

// TestOMMLParagraph checks formulas in a document: inline in running text,
// and set on their own line from m:oMathPara, one formula per line.
func TestOMMLParagraph(t *testing.T) {
	body := `<w:p><w:r><w:t xml:space="preserve">Since </w:t></w:r><m:oMath>` + `<m:sSup><m:e>` + mr("x") + `</m:e><m:sup>` + mr("2") + `</m:sup></m:sSup>` + mr("≥0") + `</m:oMath><w:r><w:t>, we have</w:t></w:r></w:p>` +
		`<w:p><m:oMathPara><m:oMath>` + mr("a=b") + `</m:oMath><m:oMath>` + mr("b=c") + `</m:oMath></m:oMathPara></w:p>`
	parts := pkgParts(body)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:document `, `<w:document xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" `, 1)
	d, err := readBytes(t, zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 2 {
		t.Fatalf("%d blocks, want 2", len(d.Blocks))
	}
	in := d.Blocks[0].Inlines
	if len(in) != 3 || in[1].Type != doc.MathInline || in[1].Math.TeX != `x^{2}\geq0` || in[1].Math.Display {
		t.Errorf("inline formula: %+v", in)
	}
	dm := d.Blocks[1].Inlines
	if len(dm) != 3 || dm[0].Math == nil || !dm[0].Math.Display || dm[0].Math.TeX != "a=b" || dm[1].Type != doc.LineBreak || dm[2].Math.TeX != "b=c" {
		t.Errorf("display formulas: %+v", dm)
	}
	if !strings.HasPrefix(dm[0].Math.OMML, `<m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"`) {
		t.Errorf("OMML of a display formula: %s", dm[0].Math.OMML)
	}
	if got := html(t, d); strings.Contains(got, "x2≥0") || !strings.Contains(got, `<msup><mi>x</mi><mn>2</mn></msup>`) {
		t.Errorf("HTML:\n%s", got)
	}
}

// TestEquationsFile reads a real Word file with equations (from
// markitdown's tests) and checks that its formulas keep their structure.
func TestEquationsFile(t *testing.T) {
	path := shareddata.Path(t, "bug-hunt/markitdown-equations.docx")
	d, err := ReadFile(path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var tex []string
	d.Walk(func(b *doc.Block) {
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.MathInline {
				tex = append(tex, in.Math.TeX)
			}
		})
	})
	want := []string{
		`m=1`,
		`\sin\theta=\frac{m\lambda}{a}=\frac{(1)\left(550\times10^{-6}\text{ }\mathrm{mm}\right)}{2.5\text{ }\mathrm{mm}}=2.2\times10^{-4}`,
		`\theta=\sin^{-1}\left(2.2\times10^{-4}\right)=2.2\times10^{-4}\mathrm{rad}`,
		`\frac{a}{\lambda}=\frac{m}{\sin\theta}=\frac{1}{\sin45.0^{\circ}}=1.41.`,
	}
	if strings.Join(tex, "\n") != strings.Join(want, "\n") {
		t.Errorf("formulas:\n%s\nwant:\n%s", strings.Join(tex, "\n"), strings.Join(want, "\n"))
	}
}

// FuzzOMML feeds the formula converter arbitrary XML: it returns formulas
// or an error, and every formula's MathML is clean and its OMML reads back.
func FuzzOMML(f *testing.F) {
	for _, tc := range ommlCases {
		f.Add([]byte(`<m:oMath ` + mns + `>` + tc.omml + `</m:oMath>`))
	}
	seeds, _ := filepath.Glob("testdata/omml/*.xml")
	for _, s := range seeds {
		if b, err := os.ReadFile(s); err == nil {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		ms, err := readFormulas(src)
		if err != nil {
			return
		}
		for _, m := range ms {
			if _, err := doc.CleanMathML(m.MathML, m.Display); err != nil {
				t.Errorf("MathML does not pass CleanMathML: %v\n%s", err, m.MathML)
			}
			if _, err := readFormulas([]byte(m.OMML)); err != nil {
				t.Errorf("OMML does not read back: %v\n%s", err, m.OMML)
			}
		}
	})
}
