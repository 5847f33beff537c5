package docx

import (
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"
)

// TestPartEncodings reads a package whose XML parts are saved as Open
// Packaging Conventions allow: UTF-8 with or without a byte-order mark,
// UTF-16 with a mark in either byte order. Every part is read the same.
func TestPartEncodings(t *testing.T) {
	u16 := func(order unicode.Endianness, bom []byte) func(string) string {
		return func(s string) string {
			s = strings.Replace(s, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
			b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return string(bom) + string(b)
		}
	}
	const body = `<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Договор</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">条约 </w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`
	want, err := readBytes(t, zipParts(t, pkgParts(body)))
	if err != nil {
		t.Fatal(err)
	}
	wantHTML := html(t, want)
	if !strings.Contains(wantHTML, "<h1") || !strings.Contains(wantHTML, "原文") {
		t.Fatalf("the UTF-8 package reads as %s", wantHTML)
	}
	for _, enc := range []struct {
		name string
		save func(string) string
	}{
		{"UTF-8 with mark", func(s string) string { return "\ufeff" + s }},
		{"UTF-16LE with mark", u16(unicode.LittleEndian, []byte{0xff, 0xfe})},
		{"UTF-16BE with mark", u16(unicode.BigEndian, []byte{0xfe, 0xff})},
		{"UTF-16LE without mark", u16(unicode.LittleEndian, nil)},
	} {
		for _, part := range []string{"word/document.xml", "word/styles.xml", "word/footnotes.xml", "word/_rels/footnotes.xml.rels", "[Content_Types].xml", "_rels/.rels"} {
			parts := pkgParts(body)
			parts[part] = enc.save(parts[part])
			got, err := readBytes(t, zipParts(t, parts))
			if err != nil {
				t.Errorf("%s in %s: %v", part, enc.name, err)
				continue
			}
			if h := html(t, got); h != wantHTML {
				t.Errorf("%s in %s reads as\n%s\nwant\n%s", part, enc.name, h, wantHTML)
			}
		}
	}
}

// TestWriteOverUTF16Template writes a document over a package whose parts
// are UTF-16, as xliff import --to docx does with the original, and reads
// the result back as the same document.
func TestWriteOverUTF16Template(t *testing.T) {
	const body = `<w:p><w:pPr><w:pStyle w:val="1"/></w:pPr><w:r><w:t>Договор</w:t></w:r></w:p><w:p><w:r><w:t>条约</w:t></w:r></w:p>`
	parts := pkgParts(body)
	for _, name := range []string{"word/document.xml", "word/styles.xml", "word/numbering.xml", "word/_rels/document.xml.rels"} {
		s := strings.Replace(parts[name], `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		parts[name] = string(b)
	}
	src := zipParts(t, parts)
	d, err := readBytes(t, src)
	if err != nil {
		t.Fatal(err)
	}
	out := overOriginal(t, src, d)
	checkPackage(t, out)
	back, err := readBytes(t, out)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := modelJSON(t, back), modelJSON(t, d); got != want {
		t.Errorf("read back differs\n--- got:\n%s\n--- want:\n%s", got, want)
	}
}
