package docx

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzWrite opens mutated packages as templates: a package the writer
// takes as a template must be written over without error, and what it
// writes must read back with the same text.
func FuzzWrite(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.docx")
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(zipParts(f, pkgParts(handmadeBody)))
	f.Add(zipParts(f, writerParts(f)))
	f.Add(zipParts(f, furnitureParts(f)))
	f.Fuzz(func(t *testing.T, data []byte) {
		writeFuzzed(t, data)
	})
}

// FuzzWriteFurniture mutates a header and the body (with its text boxes)
// of a valid package: headers, footers and text boxes are written over
// the template's, paragraph by paragraph.
func FuzzWriteFurniture(f *testing.F) {
	parts := furnitureParts(f)
	f.Add([]byte(parts["word/footer1.xml"]), []byte(parts["word/document.xml"]))
	f.Add([]byte(parts["word/header1.xml"]), []byte(parts["word/document.xml"]))
	f.Fuzz(func(t *testing.T, header, body []byte) {
		parts := furnitureParts(t)
		parts["word/footer1.xml"] = string(header)
		parts["word/document.xml"] = string(body)
		writeFuzzed(t, zipParts(t, parts))
	})
}

// FuzzWriteDocumentXML mutates only the body of a valid package, which
// reaches the writer's use of paragraph, table and section properties far
// more often than mutating the archive.
func FuzzWriteDocumentXML(f *testing.F) {
	f.Add([]byte(writerParts(f)["word/document.xml"]))
	f.Add([]byte(pkgParts(handmadeBody)["word/document.xml"]))
	f.Add([]byte(pkgParts(fieldsBody)["word/document.xml"]))
	f.Fuzz(func(t *testing.T, body []byte) {
		parts := writerParts(t)
		parts["word/document.xml"] = string(body)
		writeFuzzed(t, zipParts(t, parts))
	})
}

func writeFuzzed(t *testing.T, data []byte) {
	lim := Limits{MaxTotal: 16 << 20, MaxPart: 4 << 20}
	tmpl, err := OpenTemplate(data, lim)
	if err != nil {
		if err.Error() == "" {
			t.Fatal("empty error message")
		}
		return
	}
	d, err := Read(bytes.NewReader(data), int64(len(data)), lim)
	if err != nil {
		t.Fatalf("the template opened but does not read: %v", err)
	}
	var buf bytes.Buffer
	if _, err := Write(&buf, d, WriteOptions{Template: tmpl}); err != nil {
		t.Fatalf("writing over a template that opened: %v", err)
	}
	back, err := Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()), Limits{})
	if err != nil {
		t.Fatalf("the written package does not read back: %v", err)
	}
	sameTexts(t, "read back", texts(back), texts(d))
}
