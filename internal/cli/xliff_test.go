package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
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
		{"zh-CN", "zh-Hans", "tandem xliff: --from zh-CN --to zh-Hans: zh-CN to zh-Hans: source and target are the same language\n"},
		{"zh-TW", "zh-HK", "tandem xliff: --from zh-TW --to zh-HK: zh-TW to zh-HK: source and target are the same language\n"},
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
	if code, _, stderr := runCLI(t, nil, "xliff", "import", md, x); code != 1 || !strings.Contains(stderr, "untranslated.xlf: no segment of the file is translated") {
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

// TestSimplifiedToTraditional checks that converting Simplified into
// Traditional Chinese is a translation like any other: export, qa, import
// and segmentation take zh-Hant (and zh-TW, which implies it) with the
// rules of Chinese.
func TestSimplifiedToTraditional(t *testing.T) {
	dir := t.TempDir()
	md := writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。这是历史新高！\n")
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh-CN", "--to", "zh-TW", md)
	if code != 0 || !strings.Contains(xlf, `source-language="zh-CN" target-language="zh-TW"`) {
		t.Fatalf("export: exit %d, %q\n%s", code, stderr, xlf)
	}
	// Segmented as Chinese: two sentences in the paragraph.
	if n := strings.Count(xlf, "<trans-unit "); n != 3 {
		t.Errorf("want 3 trans-units (a heading, two sentences), got %d:\n%s", n, xlf)
	}
	translated := strings.NewReplacer(
		`state="new">论坛开幕<`, `state="translated">論壇開幕<`,
		`state="new">中俄贸易额达到<g id="1" ctype="bold">2401亿美元</g>。<`, `state="translated">中俄貿易額達到<g id="1" ctype="bold">2401億美元</g>。<`,
		`state="new">这是历史新高！<`, `state="translated">這是歷史新高！<`,
	).Replace(xlf)
	if strings.Count(translated, `state="translated"`) != 3 {
		t.Fatalf("the test's replacements no longer match the export:\n%s", xlf)
	}
	x := writeLangFile(t, dir, "essay-hant.xlf", translated)
	if code, out, stderr := runCLI(t, nil, "qa", x); code != 0 || out != "" || stderr != "" {
		t.Errorf("qa on a correct conversion: exit %d, output %q, stderr %q", code, out, stderr)
	}
	code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", "markdown", md, x)
	if code != 0 || out != "---\nlang: zh-TW\n---\n\n# 論壇開幕\n\n中俄貿易額達到**2401億美元**。這是歷史新高！\n" {
		t.Errorf("import: exit %d, stderr %q, output:\n%s", code, stderr, out)
	}
	txt := writeLangFile(t, dir, "hant.txt", "論壇開幕了。這是歷史新高！\n")
	if code, out, stderr := runCLI(t, nil, "segment", "--lang", "zh-Hant", txt); code != 0 || out != "論壇開幕了。\n這是歷史新高！\n" {
		t.Errorf("segment --lang zh-Hant: exit %d, stderr %q, output %q", code, stderr, out)
	}
}

// TestDeclaredLanguage checks the language a manuscript declares against
// the one the command is told, with one rule for every format: another
// language or script is a warning, a region is not, and a manuscript that
// declares none is taken as told.
func TestDeclaredLanguage(t *testing.T) {
	dir := t.TempDir()
	docxFile := filepath.Join(dir, "manuscript-ru.docx")
	b, err := os.ReadFile("../doc/docx/testdata/manuscript-ru.docx")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(docxFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	ru := writeLangFile(t, dir, "ru.md", "---\ntitle: Доклад\nlang: ru\n---\n\n# Открытие форума\n\nФорум открылся.\n")
	hant := writeLangFile(t, dir, "hant.md", "---\nlang: zh-TW\n---\n\n論壇開幕了。\n")
	plain := writeLangFile(t, dir, "plain.md", "Форум открылся.\n")
	// A Chinese text that marks a Russian name, and nothing else.
	marked := writeLangFile(t, dir, "marked.md", "中俄两国的学者在论坛上发表了重要讲话，其中包括<span lang=\"ru\">Андрей Кортунов</span>的报告。\n")
	page := writeLangFile(t, dir, "page.html", "<!DOCTYPE html><html lang=\"ru\"><head><title>Доклад</title></head><body><p>Форум открылся.</p></body></html>")
	for _, tt := range []struct {
		file, from, to string
		warning        string // "" for none
	}{
		{ru, "en", "zh", "ru.md: warning: the document is marked as ru, but --from says en: taken as en\n"},
		{ru, "ru-RU", "zh", ""},
		{hant, "zh-CN", "ru", "hant.md: warning: the document is marked as zh-TW, but --from says zh-CN: taken as zh-CN\n"},
		{hant, "zh-Hant", "zh-Hans", ""},
		{plain, "en", "zh", ""},
		{marked, "zh", "ru", ""},
		{marked, "en", "ru", ""},
		{docxFile, "en", "zh", "manuscript-ru.docx: warning: the document is marked as ru-RU, but --from says en: taken as en\n"},
		{docxFile, "ru", "zh", ""},
		{page, "zh", "en", "page.html: warning: the document is marked as ru, but --from says zh: taken as zh\n"},
		{page, "ru", "en", ""},
	} {
		code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", tt.from, "--to", tt.to, tt.file)
		want := tt.warning
		if want != "" {
			want = filepath.Join(dir, want)
		}
		if code != 0 || xlf == "" || stderr != want {
			t.Errorf("%s --from %s: exit %d, stderr %q, want %q", filepath.Base(tt.file), tt.from, code, stderr, want)
		}
	}

	// The marked name stays marked through an import.
	code, xlf, _ := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "en", marked)
	if code != 0 || !strings.Contains(xlf, "Андрей Кортунов") {
		t.Fatalf("export of the marked text: exit %d", code)
	}
	mx := translateFile(t, xlf, filepath.Join(dir, "marked-en.xlf"), func(c rune) rune {
		if unicode.Is(unicode.Han, c) {
			return 'x'
		}
		return c
	})
	if code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", "markdown", marked, mx); code != 0 || !strings.Contains(out, `<span lang="ru">Андрей Кортунов</span>`) || stderr != "" {
		t.Errorf("import of the marked text: exit %d, stderr %q, output\n%s", code, stderr, out)
	}

	// Import: the XLIFF file, or --lang, says what the manuscript is in.
	code, xlf, _ = runCLI(t, nil, "xliff", "export", "--from", "en", "--to", "zh", ru)
	if code != 0 {
		t.Fatal("export failed")
	}
	x := translateFile(t, xlf, filepath.Join(dir, "ru-zh.xlf"), han)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{nil, "ru.md: warning: the document is marked as ru, but the XLIFF file translates from en: taken as en\n"},
		{[]string{"--lang", "en"}, "ru.md: warning: the document is marked as ru, but --lang says en: taken as en\n"},
		{[]string{"--lang", "ru"}, "ru-zh.xlf: warning: the file translates from en, but the document is in ru: was the XLIFF made from another document?\n"},
	} {
		args := append(append([]string{"xliff", "import", "--to", "markdown"}, tt.args...), ru, x)
		code, out, stderr := runCLI(t, nil, args...)
		if code != 0 || out == "" || !strings.HasSuffix(stderr, tt.want) || strings.Count(stderr, "\n") != 1 {
			t.Errorf("import %q: exit %d, stderr %q, want one line ending %q", tt.args, code, stderr, tt.want)
		}
	}
}

// TestXLIFFImportPartial imports files translated in part: what is
// translated comes in, the rest stays in the source language marked as
// such, with a warning per unit; only a file with no translated segment
// is refused.
func TestXLIFFImportPartial(t *testing.T) {
	dir := t.TempDir()
	md := writeLangFile(t, dir, "tags.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。这是历史新高。\n\n论坛在北京举行。\n")
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", md)
	if code != 0 {
		t.Fatalf("export: exit %d, %q", code, stderr)
	}
	seg1 := strings.NewReplacer(`<target xml:space="preserve" state="new">中俄贸易额达到<g id="1" ctype="bold">2401亿美元</g>。</target>`,
		`<target state="translated">Товарооборот достиг <g id="1" ctype="bold">240,1 млрд долларов</g>.</target>`)
	seg2 := strings.NewReplacer(`<target xml:space="preserve" state="new">这是历史新高。</target>`, `<target state="translated">Это рекорд.</target>`)
	heading := strings.NewReplacer(`<target xml:space="preserve" state="new">论坛开幕</target>`, `<target state="translated">Открытие форума</target>`)
	for _, tt := range []struct {
		name     string
		edit     []*strings.Replacer
		code     int
		out      string
		warnings []string
	}{
		{"the first sentence of a paragraph", []*strings.Replacer{seg1}, 0,
			"---\nlang: ru\n---\n\n# <span lang=\"zh\">论坛开幕</span>\n\nТоварооборот достиг **240,1 млрд долларов**. <span lang=\"zh\">这是历史新高。</span>\n\n<span lang=\"zh\">论坛在北京举行。</span>\n",
			[]string{`: warning: unit "p-`, `": 1 of 2 segments not translated (2): kept in the source language`,
				"tags.part.xlf: warning: 1 unit translated in part, the other sentences kept in the source language: p-",
				"tags.part.xlf: warning: 2 units not translated, kept in the source language: h-"}},
		{"the second sentence and the heading", []*strings.Replacer{seg2, heading}, 0,
			"---\nlang: ru\n---\n\n# Открытие форума\n\n<span lang=\"zh\">中俄贸易额达到**2401亿美元**。</span> Это рекорд.\n\n<span lang=\"zh\">论坛在北京举行。</span>\n",
			[]string{`": 1 of 2 segments not translated (1): kept in the source language`}},
		{"nothing", nil, 1, "", []string{"tags.part.xlf: no segment of the file is translated: nothing to import into"}},
	} {
		translated := xlf
		for _, r := range tt.edit {
			if next := r.Replace(translated); next != translated {
				translated = next
			} else {
				t.Fatalf("%s: the test's replacement no longer matches the export:\n%s", tt.name, xlf)
			}
		}
		x := writeLangFile(t, dir, "tags.part.xlf", translated)
		code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", "markdown", md, x)
		if code != tt.code || out != tt.out {
			t.Errorf("%s: exit %d, output\n%s\nwant exit %d and\n%s\nstderr %q", tt.name, code, out, tt.code, tt.out, stderr)
		}
		for _, w := range tt.warnings {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr lacks %q:\n%s", tt.name, w, stderr)
			}
		}
		if code == 0 {
			checkWarningLines(t, tt.name, stderr)
		}
	}
}
