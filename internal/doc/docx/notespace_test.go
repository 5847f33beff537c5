package docx

import (
	"strings"
	"testing"
)

// TestNoteMarkSpace writes documents over originals whose notes put a
// space between the mark and the text (Word's way) and none (LibreOffice's
// way), and one whose notes differ: each written note does as its source
// note did, so that a Chinese translation of a LibreOffice manuscript
// gains no space before its text.
func TestNoteMarkSpace(t *testing.T) {
	body := `<w:p><w:r><w:t>Текст</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p>`
	for _, tc := range []struct {
		name, note, want string
	}{
		{"Word", `<w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Примечание.</w:t></w:r>`, `<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Примечание.</w:t>`},
		{"LibreOffice", `<w:r><w:footnoteRef/></w:r><w:r><w:t>Примечание.</w:t></w:r>`, `<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve">Примечание.</w:t>`},
		{"space inside the text run", `<w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Примечание.</w:t></w:r>`, `<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Примечание.</w:t>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			parts := pkgParts(body)
			parts["word/footnotes.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wns + `>
<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>
<w:footnote w:id="1"><w:p>` + tc.note + `</w:p></w:footnote></w:footnotes>`
			src := zipParts(t, parts)
			d, err := readBytes(t, src)
			if err != nil {
				t.Fatal(err)
			}
			notes := string(checkPackage(t, overOriginal(t, src, d))["word/footnotes.xml"])
			if !strings.Contains(notes, tc.want) {
				t.Errorf("notes written as\n%s\nwant %s", notes, tc.want)
			}
		})
	}
	t.Run("mixed", func(t *testing.T) {
		body := `<w:p><w:r><w:t>Текст</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>и</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r></w:p>`
		parts := pkgParts(body)
		parts["word/footnotes.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:footnotes ` + wns + `>
<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Первое.</w:t></w:r></w:p></w:footnote>
<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>Второе.</w:t></w:r></w:p></w:footnote></w:footnotes>`
		src := zipParts(t, parts)
		d, err := readBytes(t, src)
		if err != nil {
			t.Fatal(err)
		}
		back, err := readBytes(t, overOriginal(t, src, d))
		if err != nil {
			t.Fatal(err)
		}
		if len(back.Notes) != 2 || back.Notes[0].Unspaced || !back.Notes[1].Unspaced {
			t.Errorf("notes written back %+v, want the first spaced and the second not", back.Notes)
		}
	})
}
