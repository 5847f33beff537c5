package doc

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"
)

// wellFormed reports why data is not well-formed XML, or "".
func wellFormed(data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return ""
		} else if err != nil {
			return err.Error()
		}
	}
}

// TestImageMedia checks that the bytes, not the name, decide an image's
// type, and that bytes that are no image are refused.
func TestImageMedia(t *testing.T) {
	var pngBytes bytes.Buffer
	png.Encode(&pngBytes, image.NewGray(image.Rect(0, 0, 2, 2)))
	emf := make([]byte, 88)
	emf[0] = 1
	copy(emf[40:], " EMF")
	for _, tc := range []struct {
		name, declared string
		data           []byte
		typ            string // "" when refused
	}{
		{"PNG named as PNG", "image/png", pngBytes.Bytes(), "image/png"},
		{"PNG named as JPEG", "image/jpeg", pngBytes.Bytes(), "image/png"},
		{"text named as PNG", "image/png", []byte("notapng"), ""},
		{"page named as PNG", "image/png", []byte("<html><script>x</script></html>"), ""},
		{"SVG named as PNG", "image/png", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>y()</script></svg>`), "image/svg+xml"},
		{"SVG with a DTD", "image/svg+xml", []byte(`<!DOCTYPE svg [<!ENTITY a "b">]><svg/>`), ""},
		{"XML that is not SVG", "image/svg+xml", []byte(`<doc/>`), ""},
		{"EMF", "image/emf", emf, "image/emf"},
		{"bytes named as EMF", "image/emf", make([]byte, 64), ""},
		{"TIFF", "", []byte("II*\x00\x08\x00\x00\x00"), "image/tiff"},
		{"PDF named as PNG", "image/png", []byte("%PDF-1.4 ..."), ""},
	} {
		m, err := ImageMedia(tc.data, tc.declared, MaxEmbedded)
		switch {
		case tc.typ == "" && err == nil:
			t.Errorf("%s: read as %s, want refused", tc.name, m.Type)
		case tc.typ == "" && !errors.Is(err, ErrNotImage):
			t.Errorf("%s: %v, want ErrNotImage", tc.name, err)
		case tc.typ != "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.typ != "" && m.Type != tc.typ:
			t.Errorf("%s: %s, want %s", tc.name, m.Type, tc.typ)
		case m.Type == "image/svg+xml" && (strings.Contains(string(m.Data), "script") || !strings.HasSuffix(m.Name, ".svg")):
			t.Errorf("%s: SVG not cleaned or misnamed: %s %s", tc.name, m.Name, m.Data)
		}
	}
	// A data: URI goes through the same checks.
	uri := "data:image/png;base64," + base64.StdEncoding.EncodeToString([]byte(`<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:x()"><text>t</text></a></svg>`))
	if m, err := DataMedia(uri); err != nil || m.Type != "image/svg+xml" || strings.Contains(string(m.Data), "javascript") {
		t.Errorf("SVG in a data: URI named PNG: %v, %s %s", err, m.Type, m.Data)
	}
}

// TestCaptionPlace writes a figure captioned above and one captioned
// below: HTML puts each <figcaption> where the source had the caption,
// and Markdown, which has no caption above an image, writes that figure
// as HTML.
func TestCaptionPlace(t *testing.T) {
	d := &Document{
		Blocks: []Block{
			{Type: FigureBlock, Figure: &Figure{Src: "ab.png", Alt: "Схема", Caption: []Inline{text("Рис. 1. Схема")}, CaptionAbove: true}},
			{Type: FigureBlock, Figure: &Figure{Src: "ab.png", Alt: "Карта", Caption: []Inline{text("Рис. 2. Карта")}}},
		},
		Media: []Media{{Name: "ab.png", Type: "image/png", Size: 3, Data: []byte("PNG")}},
	}
	AssignIDs(d)
	h := htmlOf(t, d, HTMLOptions{Media: LinkMedia, MediaPrefix: "img/"})
	checkOut(t, "HTML", h, []string{
		`"><figcaption>Рис. 1. Схема</figcaption><img src="img/ab.png" alt="Схема"></figure>`,
		`"><img src="img/ab.png" alt="Карта"><figcaption>Рис. 2. Карта</figcaption></figure>`,
	}, nil)
	md := mdOf(t, d, MarkdownOptions{Media: LinkMedia, MediaPrefix: "img/"})
	checkOut(t, "Markdown", md, []string{
		`"><figcaption>Рис. 1. Схема</figcaption><img src="img/ab.png" alt="Схема"></figure>`,
		`![Карта](img/ab.png "Рис. 2. Карта")`,
	}, []string{"![Схема]"})
}
