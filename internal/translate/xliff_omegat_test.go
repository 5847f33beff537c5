package translate

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/omegat"
)

// TestOmegaTRoundTrip exports a manuscript with a formula, an anchor and a
// note with its own mark as XLIFF 1.2, has OmegaT (the Debian package
// omegat) translate it in console mode from a TMX memory
// written by tandem, and imports OmegaT's target file back into the
// document. OmegaT exits 0 even when it loaded nothing, so the test checks
// its statistics and the translated text.
func TestOmegaTRoundTrip(t *testing.T) {
	if !omegat.Installed() {
		t.Skip(omegat.ErrNotInstalled.Error() + "; the OmegaT round trip runs where it is")
	}
	d := readMD(t, "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。这是历史新高。\n\n论坛由两国科学院共同主办。\n")
	// A paragraph with a bookmark, a formula and a footnote with its own
	// mark, as the DOCX reader makes them, and the note.
	fd := mathDocument()
	d.Blocks = append(d.Blocks, fd.Blocks[0])
	d.Notes = fd.Notes
	formulaPara := len(d.Blocks) - 1
	x, err := FromDocument(d, "essay.md", "zh-CN", "ru-RU")
	if err != nil {
		t.Fatal(err)
	}
	x.Version = "1.2"
	var xb bytes.Buffer
	if err := interchange.WriteXLIFF(&xb, x); err != nil {
		t.Fatal(err)
	}
	// The memory: every sentence but the one with the bold code, which
	// stays untranslated. OmegaT shows the formula and the note mark as
	// its tags <x0/> and <f1/>, and moves the leading anchor out of the
	// segment.
	mem := &interchange.TMX{SrcLang: "zh-CN"}
	for zh, ru := range map[string]string{
		"论坛开幕": "Открытие форума", "这是历史新高。": "Это рекорд.", "论坛由两国科学院共同主办。": "Форум организовали академии наук двух стран.",
		"当<x0/>等于一时，方程成立<f1/>。": "Уравнение верно, когда <x0/> равно единице<f1/>.", "作者注。": "Примечание автора.",
	} {
		mem.Units = append(mem.Units, interchange.TU{Variants: []interchange.TUV{{Lang: "zh-CN", Seg: interchange.PlainText(zh)}, {Lang: "ru-RU", Seg: interchange.PlainText(ru)}}})
	}
	var mb bytes.Buffer
	if err := interchange.WriteTMX(&mb, mem, testVersion); err != nil {
		t.Fatal(err)
	}
	ran, err := omegat.Translate(context.Background(), t.TempDir(), omegat.Project{Source: "zh-CN", Target: "ru-RU",
		Files: map[string][]byte{"essay.xlf": xb.Bytes()}, Memories: map[string][]byte{"tandem.tmx": mb.Bytes()}})
	if err != nil {
		t.Fatal(err)
	}
	if ran.Total != 6 {
		t.Fatalf("OmegaT loaded %d segments, want 6:\n%s", ran.Total, ran.Log)
	}
	y, err := interchange.ReadXLIFF(bytes.NewReader(ran.Target["essay.xlf"]), "target/essay.xlf")
	if err != nil {
		t.Fatal(err)
	}
	res, err := ApplyTranslation(d, y)
	if err != nil {
		t.Fatal(err)
	}
	// The heading, the last paragraphs and the note came back
	// translated; the paragraph with the untranslated sentence keeps it
	// in Chinese, marked so, and has the other one in Russian.
	if res.Translated != 4 || len(res.Partial) != 1 || len(res.Kept) != 0 || len(res.Warnings) != 1 {
		t.Errorf("applied %+v", res)
	}
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	want := []doc.Inline{
		{Type: doc.Anchor, ID: "sec-formula"}, text("Уравнение верно, когда "), {Type: doc.MathInline, Math: formula},
		text(" равно единице"), {Type: doc.NoteRef, Note: "n-1", Mark: "*"}, text("."),
	}
	if got := d.Blocks[formulaPara].Inlines; !reflect.DeepEqual(got, want) {
		t.Errorf("the formula paragraph came back as\n%+v\nwant\n%+v", got, want)
	}
	var md bytes.Buffer
	if err := doc.WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"# Открытие форума", "Форум организовали академии наук двух стран.", `<span lang="zh-CN">中俄贸易额达到**2401亿美元**。</span> Это рекорд.`} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("imported document lacks %q:\n%s", want, md.String())
		}
	}
}
