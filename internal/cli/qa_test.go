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
