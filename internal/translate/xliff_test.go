package translate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/interchange"
)

const manuscript = `# 论坛开幕

中俄贸易额达到**2401亿美元**。这是历史新高[^1]。

> 他说：“这是*典范*。”

- 第一项。
- 第二项。

[^1]: 据海关统计。
`

func readMD(t *testing.T, src string) *doc.Document {
	t.Helper()
	d, err := markdown.Read([]byte(src), "zh", markdown.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestDocumentRoundTrip exports a Markdown manuscript to XLIFF in both
// versions, translates every segment, imports the translation and checks
// that the structure and formatting came back around the Russian text.
func TestDocumentRoundTrip(t *testing.T) {
	translations := map[string]string{
		"论坛开幕":            "Открытие форума",
		"中俄贸易额达到2401亿美元。": "Товарооборот достиг 240,1 млрд долларов.",
		"这是历史新高。":         "Это рекорд.",
		"他说：“这是典范。”":      "Он сказал: «Это образец».",
		"第一项。":            "Первый пункт.",
		"第二项。":            "Второй пункт.",
		"据海关统计。":          "По данным таможни.",
	}
	for _, version := range []string{"1.2", "2.1"} {
		d := readMD(t, manuscript)
		x, err := FromDocument(d, "essay.md", "zh", "ru")
		if err != nil {
			t.Fatal(err)
		}
		x.Version = version
		var buf bytes.Buffer
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		// A translator (or CAT tool) fills in the targets, keeping codes.
		y, err := interchange.ReadXLIFF(&buf, "essay.xlf")
		if err != nil {
			t.Fatalf("%s: %v\n%s", version, err, buf.String())
		}
		segs := 0
		for fi := range y.Files {
			for ui := range y.Files[fi].Units {
				u := &y.Files[fi].Units[ui]
				for si := range u.Segments {
					s := &u.Segments[si]
					ru, ok := translations[s.Source.Plain()]
					if !ok {
						t.Fatalf("%s: unexpected segment %q", version, s.Source.Plain())
					}
					s.Target = translateKeepingCodes(s.Source, ru)
					s.State = interchange.Translated
					segs++
				}
			}
		}
		if segs != len(translations) {
			t.Errorf("%s: %d segments, want %d", version, segs, len(translations))
		}
		res, err := ApplyTranslation(d, y)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Kept) != 0 || len(res.Unknown) != 0 {
			t.Errorf("%s: kept %v, unknown %v", version, res.Kept, res.Unknown)
		}
		var md bytes.Buffer
		if err := doc.WriteMarkdown(&md, d); err != nil {
			t.Fatal(err)
		}
		out := md.String()
		t.Logf("%s:\n%s", version, out)
		for _, want := range []string{"# Открытие форума", "**", "Это рекорд.[^", "> Он сказал: «Это *образец*».", "- Первый пункт.", "По данным таможни."} {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the translated Markdown lacks %q:\n%s", version, want, out)
			}
		}
		if d.Lang != "ru" {
			t.Errorf("document language %q", d.Lang)
		}
	}
}

// translateKeepingCodes builds a target with the source's codes placed
// around the translated words the test knows.
func translateKeepingCodes(src interchange.Content, ru string) interchange.Content {
	codes := src.Codes()
	if len(codes) == 0 {
		return interchange.PlainText(ru)
	}
	switch {
	case strings.Contains(ru, "240,1 млрд долларов"):
		return interchange.Content{{Kind: interchange.Text, Text: "Товарооборот достиг "}, codes[0], {Kind: interchange.Text, Text: "240,1 млрд долларов"}, codes[1], {Kind: interchange.Text, Text: "."}}
	case strings.Contains(ru, "образец"):
		return interchange.Content{{Kind: interchange.Text, Text: "Он сказал: «Это "}, codes[0], {Kind: interchange.Text, Text: "образец"}, codes[1], {Kind: interchange.Text, Text: "»."}}
	case strings.Contains(ru, "рекорд"):
		return interchange.Content{{Kind: interchange.Text, Text: "Это рекорд."}, codes[0]}
	}
	return interchange.PlainText(ru)
}

func TestApplyKeepsUntranslated(t *testing.T) {
	d := readMD(t, "第一段。\n\n第二段。\n")
	x, err := FromDocument(d, "a.md", "zh", "ru")
	if err != nil {
		t.Fatal(err)
	}
	x.Files[0].Units[0].Segments[0].Target = interchange.PlainText("Первый абзац.")
	x.Files[0].Units[0].Segments[0].State = interchange.Translated
	x.Files[0].Units = append(x.Files[0].Units, interchange.Unit{ID: "p-nonexistent", Segments: []interchange.Segment{{Source: interchange.PlainText("x"), Target: interchange.PlainText("y"), State: interchange.Translated}}})
	res, err := ApplyTranslation(d, x)
	if err != nil {
		t.Fatal(err)
	}
	if res.Translated != 1 || len(res.Kept) != 1 || len(res.Unknown) != 1 {
		t.Errorf("result %+v", res)
	}
}
