package htmldoc

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestFigureCaptionPlace reads a <figcaption> written before its image as
// a caption above it, one after as below, and writes each back in its
// place.
func TestFigureCaptionPlace(t *testing.T) {
	const png1 = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
	src := `<html lang="ru"><body>
<figure><figcaption>Рис. 1. Схема</figcaption><img src="` + png1 + `" alt="Схема"></figure>
<figure><img src="` + png1 + `" alt="Карта"><figcaption>Рис. 2. Карта</figcaption></figure>
<figure><figcaption>Только подпись</figcaption></figure></body></html>`
	d, err := Read([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range d.Blocks {
		if b.Type == doc.FigureBlock {
			got = append(got, doc.PlainText(b.Figure.Caption)+map[bool]string{true: " above", false: " below"}[b.Figure.CaptionAbove])
		}
	}
	if want := "Рис. 1. Схема above; Рис. 2. Карта below; Только подпись below"; strings.Join(got, "; ") != want {
		t.Errorf("read %s, want %s", strings.Join(got, "; "), want)
	}
	h := render(t, d)
	if i, j := strings.Index(h, "Рис. 1."), strings.Index(h, `alt="Схема"`); i < 0 || j < 0 || i > j {
		t.Errorf("the caption above is not written before its image:\n%s", h)
	}
	if i, j := strings.Index(h, "Рис. 2."), strings.Index(h, `alt="Карта"`); i < 0 || j < 0 || i < j {
		t.Errorf("the caption below is not written after its image:\n%s", h)
	}
}

// TestMHTImagePartsChecked reads a web archive whose image parts are not
// what they declare: text declared as a PNG is left out with a warning
// (its image kept as its description), an SVG declared as a PNG is read
// as a cleaned SVG.
func TestMHTImagePartsChecked(t *testing.T) {
	src := "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n" +
		"--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Location: file:///page.htm\r\n\r\n" +
		`<html lang="ru"><body><p>Текст <img src="bad.png" alt="Плохой"> и <img src="evil.png" alt="Ловушка">.</p></body></html>` + "\r\n" +
		"--b\r\nContent-Type: image/png\r\nContent-Location: file:///bad.png\r\n\r\nnotapng\r\n" +
		"--b\r\nContent-Type: image/png\r\nContent-Location: file:///evil.png\r\n\r\n" +
		`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="1" height="1"/></svg>` + "\r\n--b--\r\n"
	d, err := ParseMHT([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if w := strings.Join(d.Warnings, "\n"); !strings.Contains(w, `image "bad.png" not read (not an image`) || !strings.Contains(w, `"Плохой"`) {
		t.Errorf("warnings %q", d.Warnings)
	}
	if len(d.Media) != 1 || d.Media[0].Type != "image/svg+xml" || strings.Contains(string(d.Media[0].Data), "alert") {
		t.Errorf("media %+v", d.Media)
	}
}
