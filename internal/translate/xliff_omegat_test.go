package translate

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
)

const omegatProject = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>ru-RU</target_lang>
    <source_tok>org.omegat.tokenizer.DefaultTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
`

// TestOmegaTRoundTrip exports a manuscript with a formula, an anchor and a
// note with its own mark as XLIFF 1.2, has OmegaT (the Debian package
// omegat) translate it in console mode from a TMX memory
// written by tandem, and imports OmegaT's target file back into the
// document. OmegaT exits 0 even when it loaded nothing, so the test checks
// its statistics and the translated text.
func TestOmegaTRoundTrip(t *testing.T) {
	bin, err := exec.LookPath("omegat")
	if err != nil {
		t.Skip("omegat is not installed (Debian package omegat); the OmegaT round trip runs where it is")
	}
	dir := t.TempDir()
	proj := filepath.Join(dir, "project")
	for _, sub := range []string{"source", "target", "tm/auto", "glossary", "dictionary", "omegat"} {
		if err := os.MkdirAll(filepath.Join(proj, sub), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(proj, "omegat.project"), []byte(omegatProject), 0o644); err != nil {
		t.Fatal(err)
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
	if err := os.WriteFile(filepath.Join(proj, "source", "essay.xlf"), xb.Bytes(), 0o644); err != nil {
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
	if err := os.WriteFile(filepath.Join(proj, "tm", "auto", "tandem.tmx"), mb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--mode=console-translate", "--no-team", "--disable-project-locking", proj)
	home := filepath.Join(dir, "home")
	os.MkdirAll(home, 0o755)
	cmd.Env = append(os.Environ(), "HOME="+home, "JAVA_TOOL_OPTIONS=-Djava.awt.headless=true")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("omegat: %v\n%s", err, out)
	}
	stats, err := os.ReadFile(filepath.Join(proj, "omegat", "project_stats.txt"))
	if err != nil {
		t.Fatalf("OmegaT wrote no statistics: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`(?m)^Total:\s+(\d+)`).FindSubmatch(stats)
	if m == nil {
		t.Fatalf("no Total line in OmegaT's statistics:\n%s", stats)
	}
	if n, _ := strconv.Atoi(string(m[1])); n != 6 {
		t.Fatalf("OmegaT loaded %d segments, want 6:\n%s\n%s", n, stats, out)
	}

	f, err := os.Open(filepath.Join(proj, "target", "essay.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	y, err := interchange.ReadXLIFF(f, "target/essay.xlf")
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
