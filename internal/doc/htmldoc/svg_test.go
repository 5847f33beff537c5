package htmldoc

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestReadInlineSVG reads drawings written into a page as <svg>: each is
// an image of the document (a figure's, or one in a line), an SVG file of
// its own that is well-formed XML, described by its title or aria-label,
// and without what would run or fetch something if it were opened alone.
func TestReadInlineSVG(t *testing.T) {
	src := `<html lang="en"><body><p>Before.</p>
<figure><svg viewBox="0 0 10 10" onload="alert(1)"><title>Votes by year</title><script>alert(2)</script>` +
		`<defs><rect id="r" width="2" height="2"/></defs><a xlink:href="https://example.org/x"><rect width="5" height="5" fill="red"/></a>` +
		`<use xlink:href="#r"/><image href="https://example.org/t.png"/><foreignObject><p>html</p></foreignObject>` +
		`<style>@import url(https://example.org/a.css);</style><text x="1" y="9">2021 &amp; 2022</text></svg><figcaption>Figure 1.</figcaption></figure>
<p>An icon <svg aria-label="star" width="8" height="8"><circle r="4" cx="4" cy="4"/></svg> inline.</p>
<p hidden>Hidden <svg><title>no</title></svg></p></body></html>`
	d, err := Parse([]byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Blocks) != 3 || d.Blocks[1].Type != doc.FigureBlock || d.Blocks[1].Figure.Alt != "Votes by year" || d.Blocks[1].Figure.Src == "" {
		t.Fatalf("blocks %+v", d.Blocks)
	}
	if d.Title != "" {
		t.Errorf("the page's title is %q, taken from a drawing", d.Title)
	}
	icon := d.Blocks[2].Inlines
	if len(icon) != 3 || icon[1].Type != doc.Image || icon[1].Alt != "star" || icon[1].Src == "" {
		t.Fatalf("inline drawing read as %+v", icon)
	}
	if len(d.Media) != 2 {
		t.Fatalf("%d media, want 2", len(d.Media))
	}
	for _, m := range d.Media {
		if m.Type != "image/svg+xml" {
			t.Errorf("%s is %s", m.Name, m.Type)
		}
		dec := xml.NewDecoder(bytes.NewReader(m.Data))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s is not well-formed: %v\n%s", m.Name, err, m.Data)
			}
		}
		s := string(m.Data)
		if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg"`) {
			t.Errorf("%s lacks the SVG namespace: %s", m.Name, s)
		}
		for _, bad := range []string{"alert", "script", "example.org", "foreignObject", "@import", "<p>"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s keeps %q: %s", m.Name, bad, s)
			}
		}
	}
	fig := string(d.MediaByName(d.Blocks[1].Figure.Src).Data)
	for _, want := range []string{`xmlns:xlink="http://www.w3.org/1999/xlink"`, `xlink:href="#r"`, `2021 &amp; 2022`, `viewBox="0 0 10 10"`} {
		if !strings.Contains(fig, want) {
			t.Errorf("the figure's drawing lacks %s: %s", want, fig)
		}
	}
}
