package cli

import (
	"context"
	"github.com/tandemforum/tandem/internal/omegat"
	"path/filepath"
	"strings"
	"testing"
)

// memoryTMX is a translation memory as CAT tools write it: a byte-order
// mark, regions in the language tags, a formatting code as bpt/ept.
const memoryTMX = "\ufeff<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\"><header creationtool=\"test\" segtype=\"sentence\" o-tmf=\"test\" adminlang=\"en\" srclang=\"zh-CN\" datatype=\"plaintext\"/><body>\n" +
	"<tu><tuv xml:lang=\"zh-CN\"><seg>论坛开幕</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Открытие форума</seg></tuv></tu>\n" +
	"<tu><tuv xml:lang=\"zh-CN\"><seg>中俄贸易额达到<bpt i=\"1\">&lt;b&gt;</bpt>2401亿美元<ept i=\"1\">&lt;/b&gt;</ept>。</seg></tuv>" +
	"<tuv xml:lang=\"ru-RU\"><seg>Товарооборот достиг <bpt i=\"1\">&lt;b&gt;</bpt>240,1 млрд долларов<ept i=\"1\">&lt;/b&gt;</ept>.</seg></tuv></tu>\n" +
	"<tu><tuv xml:lang=\"zh-CN\"><seg>这是历史新高。</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Это исторический рекорд.</seg></tuv></tu>\n" +
	"<tu><tuv xml:lang=\"zh-TW\"><seg>論壇在北京舉行。</seg></tuv><tuv xml:lang=\"ru-RU\"><seg>Форум прошёл в Пекине.</seg></tuv></tu>\n" +
	"</body></tmx>\n"

// TestXLIFFExportFromMemory pre-translates an export from a TMX memory:
// exact matches fill the targets, marked for review, fuzzy ones are
// offered beside them, a line counts them, and import takes the
// pre-translations as translations.
func TestXLIFFExportFromMemory(t *testing.T) {
	dir := t.TempDir()
	md := writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。这是历史的新高。\n\n论坛在北京举行。\n")
	mem := writeLangFile(t, dir, "memory.tmx", memoryTMX)
	const summary = "tandem xliff export: translation memory of 3 units: 2 exact, 1 fuzzy of 4 segments\n"
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh-CN", "--to", "ru", "--tm", mem, md)
	if code != 0 || stderr != summary {
		t.Fatalf("export --tm: exit %d, stderr %q, want %q", code, stderr, summary)
	}
	for _, want := range []string{
		`<target xml:space="preserve" state="needs-review-translation" state-qualifier="exact-match">Открытие форума</target>`,
		`<target xml:space="preserve" state="needs-review-translation" state-qualifier="exact-match">Товарооборот достиг <g id="1" ctype="bold">240,1 млрд долларов</g>.</target>`,
		"<alt-trans match-quality=\"87\" origin=\"memory.tmx\">\n            <source xml:space=\"preserve\">这是历史新高。</source>\n            <target xml:space=\"preserve\">Это исторический рекорд.</target>\n          </alt-trans>",
		`<target xml:space="preserve" state="new">论坛在北京举行。</target>`,
	} {
		if !strings.Contains(xlf, want) {
			t.Errorf("export --tm lacks %s:\n%s", want, xlf)
		}
	}
	// Handed back as it is, the pre-translations are the translation.
	x := writeLangFile(t, dir, "essay-ru.xlf", xlf)
	code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", "markdown", md, x)
	if want := "---\nlang: ru\n---\n\n# Открытие форума\n\nТоварооборот достиг **240,1 млрд долларов**. <span lang=\"zh-CN\">这是历史的新高。</span>\n\n<span lang=\"zh-CN\">论坛在北京举行。</span>\n"; code != 0 || out != want {
		t.Errorf("import of the pre-translated file: exit %d, stderr %q, got\n%s\nwant\n%s", code, stderr, out, want)
	}

	for _, v := range []string{"2.0", "2.1"} {
		code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh-CN", "--to", "ru", "--xliff", v, "--tm", mem, md)
		if code != 0 || stderr != summary {
			t.Errorf("export --xliff %s --tm: exit %d, stderr %q", v, code, stderr)
		}
		for _, want := range []string{
			`xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"`,
			`<segment id="s1" state="translated" subState="tandem:exact-match">`,
			`<mtc:match ref="#m2" type="tm" similarity="87" origin="memory.tmx">`,
			`<source xml:space="preserve"><mrk id="m2" type="mtc:match">这是历史的新高。</mrk></source>`,
		} {
			if !strings.Contains(xlf, want) {
				t.Errorf("%s: export --tm lacks %s:\n%s", v, want, xlf)
			}
		}
	}

	// Two memories, one of other languages; a stricter threshold.
	other := writeLangFile(t, dir, "fr.tmx", "<tmx version=\"1.4\"><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en\"><seg>Forum.</seg></tuv><tuv xml:lang=\"fr\"><seg>Forum.</seg></tuv></tu></body></tmx>")
	code, _, stderr = runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", "--tm", other, "--tm", mem, "--tm-min", "90", md)
	want := other + ": warning: no unit has text in both zh and ru (the memory has units in en, fr): nothing to pre-translate from\n" +
		"tandem xliff export: translation memory of 3 units: 2 exact, 0 fuzzy of 4 segments\n"
	if code != 0 || stderr != want {
		t.Errorf("two memories, --tm-min 90: exit %d, stderr %q", code, stderr)
	}
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--tm-min", "50", "--tm", mem}, 2, "--tm-min 50: want a score from 70 to 100"},
		{[]string{"--tm", filepath.Join(dir, "none.tmx")}, 1, "none.tmx: no such file or directory"},
		{[]string{"--tm", md}, 1, "essay.md:1:1:"},
	} {
		args := append(append([]string{"xliff", "export", "--from", "zh", "--to", "ru"}, tt.args...), md)
		code, out, stderr := runCLI(t, nil, args...)
		if code != tt.code || out != "" || !strings.Contains(stderr, tt.want) {
			t.Errorf("%q: exit %d, stdout %d bytes, stderr %q; want exit %d and %q", tt.args, code, len(out), stderr, tt.code, tt.want)
		}
	}
}

// TestOmegaTLoadsPreTranslated has OmegaT (the Debian package omegat)
// load an export pre-translated from a memory, with its alt-trans, in
// console mode: it must find every segment and write a target file that
// imports with the pre-translations in it.
func TestOmegaTLoadsPreTranslated(t *testing.T) {
	if !omegat.Installed() {
		t.Skip(omegat.ErrNotInstalled.Error() + "; the OmegaT round trip runs where it is")
	}
	dir := t.TempDir()
	md := writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。这是历史的新高。\n\n论坛在北京举行。\n")
	mem := writeLangFile(t, dir, "memory.tmx", memoryTMX)
	code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh-CN", "--to", "ru-RU", "--tm", mem, md)
	if code != 0 || !strings.Contains(xlf, "<alt-trans") {
		t.Fatalf("export: exit %d, %s", code, stderr)
	}
	res, err := omegat.Translate(context.Background(), t.TempDir(), omegat.Project{Source: "zh-CN", Target: "ru-RU",
		Files: map[string][]byte{"essay.xlf": []byte(xlf)}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 {
		t.Fatalf("OmegaT loaded %d segments, want 4:\n%s", res.Total, res.Log)
	}
	target := writeLangFile(t, dir, "essay.target.xlf", string(res.Target["essay.xlf"]))
	code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", "markdown", md, target)
	if code != 0 || !strings.Contains(out, "# Открытие форума\n") || !strings.Contains(out, "Товарооборот достиг **240,1 млрд долларов**.") {
		t.Errorf("OmegaT's target file: exit %d, stderr %q, imported as\n%s", code, stderr, out)
	}
}
