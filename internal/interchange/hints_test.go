package interchange

import (
	"bytes"
	"strings"
	"testing"
)

// TestWrittenWithoutBreakHints: the break hints (U+200B) a partner's name
// or a title stores for the site's line breaks are left out of the XLIFF
// and TMX files tandem writes.
func TestWrittenWithoutBreakHints(t *testing.T) {
	const in = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"zh\" trgLang=\"ru\"><file id=\"f\">\n" +
		"<unit id=\"u1\"><segment id=\"s1\"><source>中国\u200b社会科学院</source><target>Институт\u200bобщественных наук</target></segment></unit></file></xliff>"
	x, err := ReadXLIFF(strings.NewReader(in), "t.xlf")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteXLIFF(&buf, x); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.ContainsRune(out, '\u200b') || !strings.Contains(out, "中国社会科学院") {
		t.Errorf("XLIFF written with break hints:\n%s", out)
	}
	const tmxIn = `<tmx version="1.4"><header srclang="zh" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/><body>` +
		"<tu><tuv xml:lang=\"zh\"><seg>中国\u200b社会科学院</seg></tuv><tuv xml:lang=\"ru\"><seg>Академия</seg></tuv></tu></body></tmx>"
	m, err := ReadTMX(strings.NewReader(tmxIn), "t.tmx")
	if err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	if err := WriteTMX(&buf, m, testVersion); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); strings.ContainsRune(out, '\u200b') || !strings.Contains(out, "中国社会科学院") {
		t.Errorf("TMX written with break hints:\n%s", out)
	}
}
