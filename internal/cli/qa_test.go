package cli

import (
	"strings"
	"testing"
)

// TestQACorrectFile runs tandem qa on a file of correct zh→ru translations
// of the kinds that once raised false alarms: it must exit 0 and print
// nothing.
func TestQACorrectFile(t *testing.T) {
	code, out, stderr := runCLI(t, nil, "qa", "../qa/testdata/correct-zh-ru.xlf")
	if code != 0 || out != "" {
		t.Errorf("exit %d, findings:\n%s%s", code, out, stderr)
	}
}

// TestQARefusesPairs checks that a file naming a language tandem does not
// treat, or the same language on both sides, is refused in one line that
// names the file.
func TestQARefusesPairs(t *testing.T) {
	dir := t.TempDir()
	for name, langs := range map[string]string{
		"fr.xlf":   `source-language="zh" target-language="fr"`,
		"same.xlf": `source-language="zh-CN" target-language="zh-TW"`,
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
