package cli

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/shareddata"
)

// TestQACorrectFile runs tandem qa on files of correct zh→ru and ru→en
// translations of the kinds that once raised false alarms: it must exit 0
// and print nothing.
func TestQACorrectFile(t *testing.T) {
	for _, f := range []string{"../qa/testdata/correct-zh-ru.xlf", "../qa/testdata/correct-ru-en.xlf"} {
		code, out, stderr := runCLI(t, nil, "qa", f)
		if code != 0 || out != "" {
			t.Errorf("%s: exit %d, findings:\n%s%s", f, code, out, stderr)
		}
	}
}

// TestQAWrongNumbers runs tandem qa on one-unit files whose translations
// lose a minus or put an hour in the other half of the day: each must exit
// 1 with one line saying so.
func TestQAWrongNumbers(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ from, to, src, tgt, want string }{
		{"ru", "en", "Температура −5 °C.", "The temperature is 5 °C.", `1	numbers	error: "−5" in the source, "5" in the translation: the signs differ`},
		{"ru", "en", "Рост 5 %.", "Growth was −5%.", `1	numbers	error: "5" in the source, "−5" in the translation: the signs differ`},
		{"zh", "en", "会议于下午3时开始。", "The meeting began at 3 a.m.", `1	numbers	error: "下午3时" in the source not found in the translation`},
		{"ru", "en", "Заседание в 10:00.", "The meeting is at 10 p.m.", `1	numbers	error: "10 p.m." in the translation not found in the source`},
		{"ru", "en", "Встреча — 06.05.2021.", "The meeting is on 5 June 2021.", `1	numbers	error: "06.05.2021" in the source is "5 June 2021" in the translation: day and month are swapped`},
	} {
		p := writeLangFile(t, dir, "unit.xlf", `<xliff version="1.2"><file original="a" source-language="`+tt.from+`" target-language="`+tt.to+`" datatype="plaintext"><body>
<trans-unit id="1"><source>`+tt.src+`</source><target>`+tt.tgt+`</target></trans-unit>
</body></file></xliff>`)
		code, out, _ := runCLI(t, nil, "qa", p)
		if code != 1 || !strings.Contains(out, tt.want+"\n") {
			t.Errorf("%q → %q: exit %d, findings:\n%s", tt.src, tt.tgt, code, out)
		}
	}
}

// TestQARefusesPairs checks that a file naming a language tandem does not
// treat, or the same language on both sides, is refused in one line that
// names the file.
func TestQARefusesPairs(t *testing.T) {
	dir := t.TempDir()
	for name, langs := range map[string]string{
		"fr.xlf":   `source-language="zh" target-language="fr"`,
		"same.xlf": `source-language="zh-CN" target-language="zh-Hans"`,
	} {
		p := writeLangFile(t, dir, name, `<xliff version="1.2"><file original="a" `+langs+` datatype="plaintext"><body>
<trans-unit id="1"><source>论坛开幕。</source><target>Le forum s'ouvre.</target></trans-unit>
</body></file></xliff>`)
		code, out, stderr := runCLI(t, nil, "qa", p)
		if code != 1 || out != "" || !strings.Contains(stderr, name) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", name, code, out, stderr)
		}
	}
}

// TestQATermbaseLanguages checks --terms: a termbase with no entry in both
// languages of the file is refused in one line, as align refuses it,
// instead of checking nothing and passing every file; one that has such
// an entry is used.
func TestQATermbaseLanguages(t *testing.T) {
	dir := t.TempDir()
	xlf := writeLangFile(t, dir, "treaty.xlf", `<xliff version="1.2"><file original="a" source-language="zh-CN" target-language="ru" datatype="plaintext"><body>
<trans-unit id="1"><source>双方签署了条约。</source><target>Стороны подписали соглашение.</target></trans-unit>
</body></file></xliff>`)
	tbx := func(name, langSets string) string {
		return writeLangFile(t, dir, name, `<martif type="TBX"><text><body><termEntry id="c1">`+langSets+`</termEntry></body></text></martif>`)
	}
	ruEn := tbx("ru-en.tbx", `<langSet xml:lang="ru"><tig><term>договор</term></tig></langSet><langSet xml:lang="en"><tig><term>treaty</term></tig></langSet>`)
	zhRu := tbx("zh-ru.tbx", `<langSet xml:lang="zh"><tig><term>条约</term></tig></langSet><langSet xml:lang="ru"><tig><term>договор</term></tig></langSet>`)
	deprecated := tbx("deprecated.tbx", `<langSet xml:lang="zh"><tig><term>条约</term></tig></langSet><langSet xml:lang="ru"><tig><term>договор</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>`)
	for _, tt := range []struct {
		terms  string
		code   int
		stdout string
		stderr string
	}{
		{ruEn, 1, "", "ru-en.tbx: no entry has terms in both zh-CN and ru, so the termbase cannot check this translation"},
		{deprecated, 1, "", "deprecated.tbx: no entry has terms in both zh-CN and ru"},
		{zhRu, 1, "1\tterminology\terror: \"条约\" should be translated as \"договор\"\n", "treaty.xlf: 1 error, 0 warnings"},
	} {
		code, out, stderr := runCLI(t, nil, "qa", "--terms", tt.terms, xlf)
		if code != tt.code || out != tt.stdout || !strings.Contains(stderr, tt.stderr) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tt.terms, code, out, stderr)
		}
	}
}

// TestQATranslateNoRealFile runs tandem qa on Okapi's test file
// (../shared/data/bug-hunt, see SOURCE.md there), whose unit 1 is
// translate="no" and has no target; its target language, French, is
// made Russian so that qa takes it. Unit 1 must raise nothing, while
// units 4 and 5, which have no target either, are still untranslated.
func TestQATranslateNoRealFile(t *testing.T) {
	data, err := os.ReadFile(shareddata.Path(t, "bug-hunt/okapi-xlifftest-bom.xlf"))
	if err != nil {
		t.Fatal(err)
	}
	p := writeLangFile(t, t.TempDir(), "okapi.xlf", strings.ReplaceAll(string(data), `"fr"`, `"ru"`))
	code, out, _ := runCLI(t, nil, "qa", p)
	if code != 1 || strings.HasPrefix(out, "1\t") || strings.Contains(out, "\n1\t") ||
		!strings.Contains(out, "4\tuntranslated\terror") || !strings.Contains(out, "5\tuntranslated\terror") {
		t.Errorf("exit %d, findings:\n%s", code, out)
	}
}

// TestQAGlossaryColumns checks --terms with TSV glossaries: a first line
// of language tags names the columns, so that it is no term and the
// glossary serves the file in either direction or is refused for a file
// whose pair it lacks; without it the columns are the file's source and
// target, and a glossary whose columns are of other languages is refused.
func TestQAGlossaryColumns(t *testing.T) {
	dir := t.TempDir()
	xlf := func(name, from, to, src, tgt string) string {
		return writeLangFile(t, dir, name, `<xliff version="1.2"><file original="a" source-language="`+from+`" target-language="`+to+`" datatype="plaintext"><body>
<trans-unit id="1"><source>`+src+`</source><target>`+tgt+`</target></trans-unit>
</body></file></xliff>`)
	}
	zhEn := xlf("zh-en.xlf", "zh-CN", "en", "论坛开幕。", "The conference opened.")
	enRu := xlf("en-ru.xlf", "en", "ru", "The forum opened.", "Форум открылся.")
	ruEn := xlf("ru-en.xlf", "ru", "en", "Домен ru принадлежит России.", "The ru domain belongs to Russia.")
	glossary := func(name, content string) string { return writeLangFile(t, dir, name, content) }
	for _, tt := range []struct {
		name, terms, xlf string
		code             int
		stdout, stderr   string
	}{
		{"en/zh header on zh→en", glossary("en-zh.tsv", "en\tzh\nforum\t论坛\n"), zhEn, 1,
			"1\tterminology\terror: \"论坛\" should be translated as \"forum\"\n", "zh-en.xlf: 1 error, 0 warnings"},
		{"zh/en header on zh→en", glossary("zh-en.tsv", "zh\ten\n论坛\tforum\n"), zhEn, 1,
			"1\tterminology\terror: \"论坛\" should be translated as \"forum\"\n", "zh-en.xlf: 1 error, 0 warnings"},
		{"zh/en header on en→ru", glossary("zh-en.tsv", "zh\ten\n论坛\tforum\n"), enRu, 1,
			"", "zh-en.tsv: no entry has terms in both en and ru, so the termbase cannot check this translation"},
		{"zh/en without header on en→ru", glossary("plain.tsv", "论坛\tforum\n"), enRu, 1,
			"", `plain.tsv:1:1: the first (source) column should be in en, but none of its terms is ("论坛" is not)`},
		{"ru/en header is no term", glossary("ru-en.tsv", "ru\ten\nдомен\tdomain\n"), ruEn, 0, "", ""},
	} {
		code, out, stderr := runCLI(t, nil, "qa", "--terms", tt.terms, tt.xlf)
		if code != tt.code || out != tt.stdout || !strings.Contains(stderr, tt.stderr) || strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
			t.Errorf("%s: exit %d, stdout %q, stderr %q", tt.name, code, out, stderr)
		}
	}
}

// TestQATermbaseOtherLanguages checks that qa and align leave out the
// termbase reader's warnings about languages outside the pair (empty
// German terms, an entry with only those): a refused termbase gives its
// one-line refusal, a used one no noise; warnings about the pair's
// languages stay.
func TestQATermbaseOtherLanguages(t *testing.T) {
	dir := t.TempDir()
	xlf := writeLangFile(t, dir, "treaty.xlf", `<xliff version="1.2"><file original="a" source-language="zh-CN" target-language="ru" datatype="plaintext"><body>
<trans-unit id="1"><source>双方签署了条约。</source><target>Стороны подписали договор.</target></trans-unit>
</body></file></xliff>`)
	var entries strings.Builder
	for i := range 5 {
		fmt.Fprintf(&entries, `<termEntry id="e%d"><langSet xml:lang="en"><tig><term>treaty</term></tig></langSet><langSet xml:lang="de"><tig><term/></tig></langSet></termEntry>`+"\n", i)
	}
	entries.WriteString(`<termEntry id="de"><langSet xml:lang="de"><tig><term/></tig></langSet></termEntry>` + "\n")
	enDe := writeLangFile(t, dir, "en-de.tbx", `<martif type="TBX"><text><body>`+entries.String()+`</body></text></martif>`)
	zhRu := writeLangFile(t, dir, "zh-ru.tbx", `<martif type="TBX"><text><body>`+entries.String()+
		`<termEntry id="t"><langSet xml:lang="zh"><tig><term>条约</term></tig></langSet><langSet xml:lang="ru"><tig><term>договор</term></tig><tig><term/></tig></langSet></termEntry>`+
		`</body></text></martif>`)

	code, out, stderr := runCLI(t, nil, "qa", "--terms", enDe, xlf)
	if want := "en-de.tbx: no entry has terms in both zh-CN and ru, so the termbase cannot check this translation"; code != 1 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, want) {
		t.Errorf("refused: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	code, out, stderr = runCLI(t, nil, "qa", "--terms", zhRu, xlf)
	if code != 0 || out != "" || strings.Count(strings.TrimSpace(stderr), "\n") != 0 || !strings.Contains(stderr, "empty <term> (ru)") {
		t.Errorf("used: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}
