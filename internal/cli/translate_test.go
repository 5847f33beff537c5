package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeLangFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSegmentCommand(t *testing.T) {
	dir := t.TempDir()
	in := writeLangFile(t, dir, "ru.txt", "Договор подписан в 2001 г. Следующая встреча прошла\nв Москве. Её открыл проф. Иванов.\n\nГлава 2")
	code, out, stderr := runCLI(t, nil, "segment", "--lang", "ru", in)
	want := "Договор подписан в 2001 г.\nСледующая встреча прошла в Москве.\nЕё открыл проф. Иванов.\n\nГлава 2\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stderr %q, output:\n%s\nwant:\n%s", code, stderr, out, want)
	}
	rules := writeLangFile(t, dir, "rules.txt", "never засл.\n")
	in2 := writeLangFile(t, dir, "ru2.txt", "Выступил засл. Деятель искусств.")
	if code, out, _ := runCLI(t, nil, "segment", "--lang", "ru", "--rules", rules, in2); code != 0 || strings.Count(out, "\n") != 1 {
		t.Errorf("with project rules: exit %d, %q", code, out)
	}
	bad := writeLangFile(t, dir, "gbk.txt", "ok\n\xc4\xe3\xba\xc3")
	if code, _, stderr := runCLI(t, nil, "segment", "--lang", "zh", bad); code != 1 || !strings.Contains(stderr, "gbk.txt:2:1: invalid UTF-8 (byte 0xc4)") {
		t.Errorf("wrong encoding: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, nil, "segment", "--lang", "de", in); code != 2 || !strings.Contains(stderr, `"de": language not supported`) {
		t.Errorf("unknown language: exit %d, %q", code, stderr)
	}
	if code, _, _ := runCLI(t, nil, "segment", in); code != 2 {
		t.Errorf("without --lang: exit %d", code)
	}
}

func TestAlignCommand(t *testing.T) {
	dir := t.TempDir()
	src := writeLangFile(t, dir, "zh.txt", "中俄两国于2001年签署了睦邻友好合作条约。\n今年是条约签署20周年。\n两国贸易额达到2401亿美元，创历史新高。\n论坛由两国科学院共同主办。\n")
	tgt := writeLangFile(t, dir, "ru.txt", "В 2001 году Россия и Китай подписали Договор о добрососедстве, дружбе и сотрудничестве.\nВ этом году исполняется 20 лет со дня подписания договора. Товарооборот двух стран достиг рекордных 240,1 млрд долларов.\nФорум совместно организовали академии наук двух стран.\n")
	tmx := filepath.Join(dir, "out.tmx")
	code, out, stderr := runCLI(t, nil, "align", "--from", "zh", "--to", "ru", src, tgt, "--tmx", tmx)
	if code != 0 || out != "[0]:[0]\n[1,2]:[1]\n[3]:[2]\n" {
		t.Fatalf("exit %d, stderr %q, links:\n%s", code, stderr, out)
	}
	b, err := os.ReadFile(tmx)
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Count(s, "<tu>") != 3 || !strings.Contains(s, "<seg>今年是条约签署20周年。两国贸易额达到2401亿美元，创历史新高。</seg>") || !strings.Contains(s, `xml:lang="ru"`) {
		t.Errorf("TMX:\n%s", s)
	}
	if code, _, _ := runCLI(t, nil, "align", "--from", "zh", src, tgt); code != 2 {
		t.Errorf("without --to: exit %d", code)
	}
}

func TestQACommand(t *testing.T) {
	code, out, stderr := runCLI(t, nil, "qa", "../qa/testdata/pofilter.xlf")
	if code != 1 || !strings.Contains(stderr, "3 errors, 1 warning") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 || !strings.HasPrefix(lines[0], "2\tnumbers\terror: ") || !strings.HasPrefix(lines[2], "5\tsentences\t") || !strings.HasPrefix(lines[3], "6\ttags\t") {
		t.Errorf("findings:\n%s", out)
	}
	dir := t.TempDir()
	good := writeLangFile(t, dir, "ok.xlf", `<xliff version="1.2"><file original="a" source-language="zh" target-language="ru" datatype="plaintext"><body>
<trans-unit id="1"><source>论坛共有1200名代表参加。</source><target state="translated">В форуме приняли участие 1 200 делегатов.</target></trans-unit>
</body></file></xliff>`)
	if code, out, stderr := runCLI(t, nil, "qa", good); code != 0 || out != "" {
		t.Errorf("clean file: exit %d, %q %q", code, out, stderr)
	}
	bad := writeLangFile(t, dir, "bad.xlf", "<xliff version=\"1.2\">\n<file>\n</xliff>")
	if code, _, stderr := runCLI(t, nil, "qa", bad); code != 1 || !strings.Contains(stderr, "bad.xlf:3:") {
		t.Errorf("broken file: exit %d, %q", code, stderr)
	}
}

func TestXLIFFCommands(t *testing.T) {
	dir := t.TempDir()
	md := writeLangFile(t, dir, "essay.md", "# 论坛开幕\n\n中俄贸易额达到**2401亿美元**。这是历史新高。\n")
	for _, v := range []string{"1.2", "2.0", "2.1"} {
		code, xlf, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", "--xliff", v, md)
		if code != 0 {
			t.Fatalf("export %s: exit %d, %q", v, code, stderr)
		}
		if !strings.Contains(xlf, `version="`+v+`"`) {
			t.Errorf("export %s: the file says another version:\n%s", v, xlf)
		}
		if strings.Count(xlf, "<source") != 3 {
			t.Errorf("export %s: want 3 segments:\n%s", v, xlf)
		}
		// Translate by replacing the pre-filled targets.
		r := strings.NewReplacer(
			">论坛开幕</target>", ">Открытие форума</target>",
			">这是历史新高。</target>", ">Это рекорд.</target>",
			"中俄贸易额达到", "Товарооборот достиг ",
			"2401亿美元</g>。</target>", "240,1 млрд долларов</g>.</target>",
			"2401亿美元</pc>。</target>", "240,1 млрд долларов</pc>.</target>",
		)
		translated := r.Replace(xlf)
		// The replacer also touched the sources; put them back.
		translated = strings.ReplaceAll(translated, "<source xml:space=\"preserve\">Товарооборот достиг ", "<source xml:space=\"preserve\">中俄贸易额达到")
		x := writeLangFile(t, dir, "essay-"+v+".xlf", translated)
		code, out, stderr := runCLI(t, nil, "xliff", "import", "--to", "markdown", md, x)
		want := "---\nlang: ru\n---\n\n# Открытие форума\n\nТоварооборот достиг **240,1 млрд долларов**. Это рекорд.\n"
		if code != 0 || out != want {
			t.Errorf("import %s: exit %d, stderr %q, got:\n%s\nwant:\n%s", v, code, stderr, out, want)
		}
	}
	if code, _, stderr := runCLI(t, nil, "xliff", "export", "--from", "zh", "--to", "ru", "--xliff", "3", md); code != 2 || !strings.Contains(stderr, "want 1.2, 2.0 or 2.1") {
		t.Errorf("bad version: exit %d, %q", code, stderr)
	}
}
