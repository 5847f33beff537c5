package docx

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/golden"
)

// TestRevisionKeepsIDs imports a manuscript and its revision and checks
// that every block whose text did not change keeps its identifier, and that
// the diff marks what did change.
func TestRevisionKeepsIDs(t *testing.T) {
	v1, err := ReadFile("testdata/manuscript-ru.docx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := ReadFile("testdata/manuscript-ru-v2.docx", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(d *doc.Document) map[string]string {
		m := map[string]string{}
		d.Walk(func(b *doc.Block) {
			if b.Type == doc.Paragraph || b.Type == doc.Heading {
				m[doc.BlockText(b)] = b.ID
			}
		})
		return m
	}
	old, cur := ids(v1), ids(v2)
	kept := 0
	for text, id := range old {
		if nid, ok := cur[text]; ok {
			kept++
			if nid != id {
				t.Errorf("unchanged block %q: id %s became %s", text, id, nid)
			}
		}
	}
	if kept < 20 {
		t.Errorf("only %d unchanged blocks found in both revisions", kept)
	}

	ch := doc.Diff(v1, v2)
	counts := map[doc.Op]int{}
	for _, c := range ch.Blocks {
		counts[c.Op]++
	}
	if counts[doc.Insert] != 1 || counts[doc.Delete] != 1 || counts[doc.Changed] != 1 {
		t.Errorf("diff found %v, want one inserted, one deleted and one changed block", counts)
	}
	var b bytes.Buffer
	if err := doc.WriteDiffHTML(&b, ch, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "manuscript-ru.diff.html", b.Bytes())

	// Carry gives the edited paragraph its old identifier.
	quoteID := old["Первый абзац цитаты."]
	if n := doc.Carry(v1, v2); n != 1 {
		t.Errorf("Carry carried %d identifiers, want 1", n)
	}
	if got := ids(v2)["Первый абзац цитаты, исправленный автором."]; got != quoteID {
		t.Errorf("edited paragraph has id %s after Carry, want %s", got, quoteID)
	}
}

// FuzzRead checks that no package crashes or hangs the reader. The seeds are
// the fixtures and the hand-made package.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.docx")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(zipParts(f, pkgParts(handmadeBody)))
	f.Add(zipParts(f, furnitureParts(f)))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Read(bytes.NewReader(data), int64(len(data)), Limits{MaxTotal: 16 << 20, MaxPart: 4 << 20})
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		var b bytes.Buffer
		if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		if err := doc.WriteMarkdown(&b, d); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzDocumentXML mutates only word/document.xml inside a valid package, so
// that the fuzzer spends its time on the XML reader rather than on ZIP
// checksums.
func FuzzDocumentXML(f *testing.F) {
	f.Add(handmadeBody)
	f.Add(fieldsBody)
	f.Add(`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:p>`)
	f.Add(`<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge/><w:gridSpan w:val="99999"/></w:tcPr></w:tc></w:tr></w:tbl>`)
	// Formulas, symbols, bookmarks, marks and chunks, in a namespace the
	// package declares.
	m := `xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"`
	f.Add(`<w:p><m:oMathPara ` + m + `><m:oMath><m:f><m:num><m:r><m:t>a</m:t></m:r></m:num><m:den><m:sSup><m:e><m:r><m:t>b</m:t></m:r></m:e><m:sup><m:r><m:t>2</m:t></m:r></m:sup></m:sSup></m:den></m:f></m:oMath></m:oMathPara></w:p>`)
	f.Add(`<w:bookmarkStart w:id="1" w:name="_Toc1"/><w:p><w:hyperlink w:anchor="_Toc1"><w:r><w:sym w:font="Wingdings" w:char="F0FC"/><w:footnoteReference w:customMarkFollows="1" w:id="1"/><w:t>*</w:t></w:r></w:hyperlink></w:p>`)
	f.Add(`<w:altChunk r:id="rLink"/><w:p><w:r><w:rPr><w:lang w:val="!!"/><w:rFonts w:ascii="Symbol"/></w:rPr><w:t>abc</w:t></w:r></w:p>`)
	// Breaks, a table of contents with page fields, a picture whose part
	// is missing.
	f.Add(`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \o </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink w:anchor="_Toc1"><w:r><w:t>A</w:t><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGEREF _Toc1</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:hyperlink></w:p><w:p><w:r><w:t>b</w:t><w:br w:type="page"/><w:t>c</w:t><w:br w:type="column"/></w:r><w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`)
	f.Add(`<w:p><w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rNone"/></w:drawing><w:sym w:font="ZapfDingbats" w:char="F033"/></w:r></w:p>`)
	f.Fuzz(func(t *testing.T, body string) {
		data := zipParts(t, pkgParts(body))
		d, err := Read(bytes.NewReader(data), int64(len(data)), Limits{})
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := doc.WriteHTML(&b, d, doc.HTMLOptions{}); err != nil {
			t.Fatal(err)
		}
		doc.Diff(d, d)
	})
}
