package markdown

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestCaptionAboveRoundTrip writes a figure captioned above its image as
// Markdown and reads it back: the caption is still above, and the one
// below still below.
func TestCaptionAboveRoundTrip(t *testing.T) {
	var img bytes.Buffer
	png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2)))
	m := doc.NewMedia(img.Bytes(), "image/png")
	d := &doc.Document{
		Lang: "ru",
		Blocks: []doc.Block{
			{Type: doc.FigureBlock, Figure: &doc.Figure{Src: m.Name, Alt: "Схема", Caption: []doc.Inline{{Type: doc.Text, Text: "Рис. 1. Схема"}}, CaptionAbove: true}},
			{Type: doc.FigureBlock, Figure: &doc.Figure{Src: m.Name, Alt: "Карта", Caption: []doc.Inline{{Type: doc.Text, Text: "Рис. 2. Карта"}}}},
		},
		Media: []doc.Media{m},
	}
	doc.AssignIDs(d)
	var b bytes.Buffer
	if err := doc.WriteMarkdownWith(&b, d, doc.MarkdownOptions{Media: doc.EmbedMedia}); err != nil {
		t.Fatal(err)
	}
	back, err := Read(b.Bytes(), "ru", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, bl := range back.Blocks {
		if bl.Type == doc.FigureBlock {
			got = append(got, doc.PlainText(bl.Figure.Caption)+map[bool]string{true: " above", false: " below"}[bl.Figure.CaptionAbove])
		}
	}
	if want := "Рис. 1. Схема above; Рис. 2. Карта below"; strings.Join(got, "; ") != want || len(back.Media) != 1 {
		t.Errorf("read back %s with %d images, want %s with 1\n%s", strings.Join(got, "; "), len(back.Media), want, b.String())
	}
}
