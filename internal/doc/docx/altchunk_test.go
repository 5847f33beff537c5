package docx

import (
	"errors"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/tandemforum/tandem/internal/textenc"
)

// utf16Text is s as Windows saves "Unicode text": UTF-16LE with a mark.
func utf16Text(t *testing.T, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// chunkParts is a package whose body is only a w:altChunk pointing at
// part name of the given content type, as HTML-to-DOCX converters write.
func chunkParts(t *testing.T, name, contentType string, data []byte) map[string]string {
	t.Helper()
	parts := pkgParts(`<w:altChunk r:id="rChunk"/>`)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>",
		`<Override PartName="/word/`+name+`" ContentType="`+contentType+`"/></Types>`, 1)
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], "</Relationships>",
		`<Relationship Id="rChunk" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="`+name+`"/></Relationships>`, 1)
	parts["word/"+name] = string(data)
	return parts
}

// TestAltChunk checks that content embedded in another part is read, or
// refused with an error naming its format; never an empty success.
func TestAltChunk(t *testing.T) {
	page, err := os.ReadFile("../htmldoc/testdata/chunk-ru.html")
	if err != nil {
		t.Fatal(err)
	}
	mht, err := os.ReadFile("../htmldoc/testdata/chunk-ru.mht")
	if err != nil {
		t.Fatal(err)
	}
	inner := zipParts(t, pkgParts(`<w:p><w:r><w:t>Вложенный документ Word.</w:t></w:r></w:p>`))
	for _, tc := range []struct {
		name, part, ctype string
		data              []byte
		want              []string
		err               error
		msg               string
	}{
		{"html", "afchunk.htm", "text/html", page, []string{`<span id="intro"></span>Введение</h1>`, `<em>16 июля</em>`, `<a href="#methods">методы</a>`, `<td colspan="2">`}, nil, ""},
		{"mht", "afchunk.mht", "message/rfc822", mht, []string{`<span id="intro"></span>Введение</h1>`, `<img src="media/`}, nil, ""},
		{"text", "afchunk.txt", "text/plain", []byte("Первая строка.\r\nВторая строка.\r\n"), []string{">Первая строка.</p>", ">Вторая строка.</p>"}, nil, ""},
		{"text with a mark", "afchunk.txt", "text/plain", []byte("\ufeffПервая строка.\r\n"), []string{`">Первая строка.</p>`}, nil, ""},
		{"UTF-16 text", "afchunk.txt", "text/plain", utf16Text(t, "Первая строка.\r\n第二行。\r\n"), []string{">Первая строка.</p>", ">第二行。</p>"}, nil, ""},
		{"Latin-1 text", "afchunk.txt", "text/plain", []byte("Premi\xe8re ligne.\r\n"), nil, textenc.ErrEncoding, "word/afchunk.txt: embedded content (w:altChunk): 1:6: invalid UTF-8 (byte 0xe8)"},
		{"a PDF as text", "afchunk.txt", "text/plain", []byte("%PDF-1.4\n"), nil, textenc.ErrNotText, "embedded content (w:altChunk): 1:1: this is a PDF document, not text"},
		{"docx", "afchunk.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", inner, []string{">Вложенный документ Word.</p>"}, nil, ""},
		{"rtf", "afchunk.rtf", "application/rtf", []byte(`{\rtf1\ansi Hello}`), nil, ErrUnsupported, "word/afchunk.rtf: unsupported content: the document embeds content in RTF (w:altChunk)"},
		{"unknown", "afchunk.bin", "application/x-thing", []byte("??"), nil, ErrUnsupported, "in application/x-thing"},
		{"broken docx", "afchunk.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", []byte("PK not really"), nil, ErrNotDOCX, "word/afchunk.docx: embedded content (w:altChunk)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := readBytes(t, zipParts(t, chunkParts(t, tc.part, tc.ctype, tc.data)))
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.msg) {
					t.Errorf("error = %v, want %v mentioning %q", err, tc.err, tc.msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !d.HasContent() {
				t.Fatal("empty document")
			}
			h := html(t, d)
			for _, w := range tc.want {
				if !strings.Contains(h, w) {
					t.Errorf("HTML lacks %s\n%s", w, h)
				}
			}
		})
	}
	// The page's language and title become the document's.
	d, err := readBytes(t, zipParts(t, chunkParts(t, "afchunk.htm", "text/html", page)))
	if err != nil {
		t.Fatal(err)
	}
	if d.Lang != "ru" || d.Title != "Двадцать лет договора" {
		t.Errorf("lang %q, title %q", d.Lang, d.Title)
	}
	// Word files embedded in each other without end are refused.
	nested := zipParts(t, chunkParts(t, "afchunk.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", inner))
	for i := 0; i < 3; i++ {
		nested = zipParts(t, chunkParts(t, "afchunk.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", nested))
	}
	if _, err := readBytes(t, nested); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "embedded in each other") {
		t.Errorf("deep nesting: %v", err)
	}
}

// TestEmptyDocument checks HasContent on what a converter may leave.
func TestEmptyDocument(t *testing.T) {
	d, err := readBytes(t, zipParts(t, pkgParts(`<w:p/><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>`)))
	if err != nil {
		t.Fatal(err)
	}
	if d.HasContent() {
		t.Errorf("a document of empty paragraphs has content: %+v", d.Blocks)
	}
}

// TestAltChunkWarningsOnce checks that faults met in several embedded
// pages (the same bad language tag, the same undeclared encoding, links to
// the same missing target) are each reported once for the document.
func TestAltChunkWarningsOnce(t *testing.T) {
	page := []byte("<html><body><p lang=\"??\">caf\xe9 <a href=\"#gone\">l</a></p></body></html>")
	parts := chunkParts(t, "a.htm", "text/html", page)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:altChunk r:id="rChunk"/>`,
		`<w:altChunk r:id="rChunk"/><w:p><w:hyperlink w:anchor="gone"><w:r><w:t>x</w:t></w:r></w:hyperlink></w:p><w:altChunk r:id="rChunk2"/>`, 1)
	parts["[Content_Types].xml"] = strings.Replace(parts["[Content_Types].xml"], "</Types>", `<Override PartName="/word/b.htm" ContentType="text/html"/></Types>`, 1)
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], "</Relationships>",
		`<Relationship Id="rChunk2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="b.htm"/></Relationships>`, 1)
	parts["word/b.htm"] = string(page)
	d, err := readBytes(t, zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, w := range d.Warnings {
		seen[w]++
	}
	for w, n := range seen {
		if n > 1 {
			t.Errorf("warning given %d times: %s", n, w)
		}
	}
	for _, want := range []string{`"??"`, "windows-1252", `"#gone"`} {
		if !strings.Contains(strings.Join(d.Warnings, "\n"), want) {
			t.Errorf("warnings %q lack %s", d.Warnings, want)
		}
	}
}

// TestLinkWarningsOnce checks that each dead internal link is reported
// once, however Word's case-blind bookmark names spell it, that a link
// spelled in other capitals than its bookmark is kept, and that a Word
// file embedded in another may link to the other's bookmarks.
func TestLinkWarningsOnce(t *testing.T) {
	link := func(anchor, text string) string {
		return `<w:hyperlink w:anchor="` + anchor + `"><w:r><w:t>` + text + `</w:t></w:r></w:hyperlink>`
	}
	inner := zipParts(t, pkgParts(`<w:p>`+link("Outer", "наружу")+`<w:r><w:t xml:space="preserve"> и </w:t></w:r>`+link("gone", "никуда")+`</w:p>`))
	parts := chunkParts(t, "inner.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", inner)
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:altChunk r:id="rChunk"/>`,
		`<w:p><w:bookmarkStart w:id="1" w:name="outer"/><w:r><w:t>Начало.</w:t></w:r><w:bookmarkEnd w:id="1"/></w:p>`+
			`<w:p>`+link("GONE", "пропавшая")+`<w:r><w:t xml:space="preserve"> и </w:t></w:r>`+link("Gone", "снова")+`</w:p><w:altChunk r:id="rChunk"/>`, 1)
	d, err := readBytes(t, zipParts(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Warnings) != 1 || !strings.Contains(d.Warnings[0], `"#GONE"`) {
		t.Errorf("warnings %q, want one about #GONE", d.Warnings)
	}
	if h := html(t, d); !strings.Contains(h, `<a href="#outer">наружу</a>`) {
		t.Errorf("the embedded file's link to the outer bookmark is lost:\n%s", h)
	}
}
