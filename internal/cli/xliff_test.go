package cli

import (
	"regexp"
	"strings"
	"testing"
)

// TestXLIFFExportLanguages checks that export refuses, in one line,
// languages tandem does not treat, malformed tags and a pair of the same
// language.
func TestXLIFFExportLanguages(t *testing.T) {
	dir := t.TempDir()
	md := writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。\n")
	for _, tt := range []struct {
		from, to, want string
	}{
		{"zh", "zh", "tandem xliff: --from zh --to zh: zh to zh: source and target are the same language\n"},
		{"zh-CN", "zh-TW", "tandem xliff: --from zh-CN --to zh-TW: zh-CN to zh-TW: source and target are the same language\n"},
		{"zh", "fr", "tandem xliff: --from zh --to fr: target language \"fr\": language not supported (tandem works in zh, ru, en)\n"},
		{"!!bad", "ru", "tandem xliff: --from !!bad --to ru: source language \"!!bad\": not a BCP 47 language tag\n"},
		{"zh", "ru<x>", "tandem xliff: --from zh --to ru<x>: target language \"ru<x>\": not a BCP 47 language tag\n"},
	} {
		code, out, stderr := runCLI(t, nil, "xliff", "export", "--from", tt.from, "--to", tt.to, md)
		if code != 1 || out != "" || stderr != tt.want {
			t.Errorf("--from %s --to %s: exit %d, output %q, stderr %q, want %q", tt.from, tt.to, code, out, stderr, tt.want)
		}
	}
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "ZH_cn", "--to", "ru-ru", "--xliff", "2.1", md)
	if code != 0 || !strings.Contains(xlf, `srcLang="zh-CN" trgLang="ru-RU"`) {
		t.Errorf("canonical tags: exit %d, %q\n%s", code, stderr, xlf)
	}
	empty := writeLangFile(t, dir, "empty.md", "![](figure.png)\n")
	if code, _, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", empty); code != 1 || !strings.Contains(stderr, "empty.md: the document has no text to translate") {
		t.Errorf("nothing to translate: exit %d, %q", code, stderr)
	}
}

var warningLine = regexp.MustCompile(`^[^:\n]+:(\d+:)? warning: .+$`)

// checkWarningLines asserts that every line of stderr is a warning in the
// FILE:LINE: warning: form and that want are among them.
func checkWarningLines(t *testing.T, what, stderr string, want ...string) {
	t.Helper()
	for _, l := range strings.Split(strings.TrimSuffix(stderr, "\n"), "\n") {
		if l != "" && !warningLine.MatchString(l) {
			t.Errorf("%s: not a warning line: %q", what, l)
		}
	}
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("%s: stderr lacks %q:\n%s", what, w, stderr)
		}
	}
}

// TestXLIFFImportWarns imports translations that lose formatting or that
// a CAT tool wrote with a byte-order mark: the import succeeds and says,
// one line a warning, what it could not carry over.
func TestXLIFFImportWarns(t *testing.T) {
	dir := t.TempDir()
	md := writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。这是历史新高。\n")
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", md)
	if code != 0 {
		t.Fatalf("export: exit %d, %q", code, stderr)
	}
	translate := strings.NewReplacer(
		`<target xml:space="preserve" state="new">论坛开幕</target>`, `<target state="translated">Открытие форума</target>`,
		`<target xml:space="preserve" state="new">中俄贸易额达到<g id="1" ctype="bold">2401亿美元</g>。</target>`,
		`<target state="translated">Товарооборот <g id="9" ctype="italic">достиг</g> <g id="1" ctype="bold">240,1 млрд долларов</g>.</target>`,
		`<target xml:space="preserve" state="new">这是历史新高。</target>`, `<target state="translated">Это рекорд.</target>`,
	)
	translated := "\ufeff" + translate.Replace(xlf)
	if strings.Count(translated, `state="translated"`) != 3 {
		t.Fatalf("the test's replacements no longer match the export:\n%s", xlf)
	}
	x := writeLangFile(t, dir, "essay-ru.xlf", translated)
	code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", "markdown", md, x)
	if code != 0 || out != "---\nlang: ru\n---\n\n# Открытие форума\n\nТоварооборот достиг **240,1 млрд долларов**. Это рекорд.\n" {
		t.Errorf("exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
	checkWarningLines(t, "tag not in the source", stderr, "essay-ru.xlf:", `: warning: unit "p-`, `tag 9 (italic) of the translation is not in the source: its formatting is lost, its text kept`)

	// Nothing translated: refused, not an empty success.
	x = writeLangFile(t, dir, "untranslated.xlf", xlf)
	if code, _, stderr := runCLI(t, nil, "xliff", "import", md, x); code != 1 || !strings.Contains(stderr, "untranslated.xlf: no unit of the file is translated") {
		t.Errorf("untranslated: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, nil, "xliff", "import", "--lang", "!!", md, x); code != 2 || !strings.Contains(stderr, `--lang: "!!": not a BCP 47 language tag`) {
		t.Errorf("bad --lang: exit %d, %q", code, stderr)
	}
}

// TestReadersWarnInCommands checks that qa and align print the warnings of
// the files they read, and still do their work.
func TestReadersWarnInCommands(t *testing.T) {
	dir := t.TempDir()
	xlf := writeLangFile(t, dir, "a.xlf", "\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xliff version=\"1.2\"><file original=\"a\" source-language=\"zh\" target-language=\"ru\" datatype=\"plaintext\"><body>\n"+
		"<trans-unit id=\"1\"><source>论坛共有1200名代表参加。</source><target state=\"translated\">В форуме приняли участие 1 200 делегатов.</target></trans-unit>\n"+
		"<trans-unit id=\"2\"><target state=\"translated\">Без оригинала.</target></trans-unit>\n"+
		"</body></file></xliff>")
	tbx := writeLangFile(t, dir, "terms.tbx", "<martif type=\"TBX\"><text><body>\n<termEntry id=\"c1\"><langSet xml:lang=\"zh\"><tig><term>论坛</term></tig></langSet><langSet xml:lang=\"ru\"><tig><term>форум</term></tig>\n<tig><term/></tig></langSet></termEntry>\n</body></text></martif>")
	code, out, stderr := runCLI(t, nil, "qa", "--terms", tbx, xlf)
	if code != 0 || out != "" {
		t.Errorf("qa: exit %d, output %q, stderr %q", code, out, stderr)
	}
	checkWarningLines(t, "qa", stderr, `a.xlf:4: warning: trans-unit "2" has no <source>: skipped`, `terms.tbx:3: warning: empty <term> (ru) in entry "c1": skipped`)

	src := writeLangFile(t, dir, "zh.txt", "论坛开幕。\n")
	tgt := writeLangFile(t, dir, "ru.txt", "Форум открылся.\n")
	tsv := writeLangFile(t, dir, "terms.tsv", "论坛\tфорум\nофициально\n")
	code, out, stderr = runCLI(t, nil, "align", "--from", "zh", "--to", "ru", "--terms", tsv, src, tgt)
	if code != 0 || out != "[0]:[0]\n" {
		t.Errorf("align: exit %d, output %q, stderr %q", code, out, stderr)
	}
	checkWarningLines(t, "align", stderr, `terms.tsv:2: warning: "официально": want source and target terms separated by a tab: line skipped`)
}
