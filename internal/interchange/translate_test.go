package interchange

import (
	"strings"
	"testing"
)

// TestXLIFFTranslateNo checks that what a file says is not to be
// translated reaches the segments: translate="no" on a 1.2 trans-unit or
// group, on a 2.x file, group, unit or segment, inherited down and undone
// by an inner translate="yes", and a source wholly inside translate="no"
// or protected markers.
func TestXLIFFTranslateNo(t *testing.T) {
	v12 := func(body string) string {
		return `<xliff version="1.2"><file original="a" source-language="en" target-language="ru" datatype="plaintext"><body>` + body + `</body></file></xliff>`
	}
	v2 := func(file, body string) string {
		return `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru"><file id="f" ` + file + `>` + body + `</file></xliff>`
	}
	tests := []struct {
		name, xml string
		want      string // NoTranslate per segment, in order: n for no, y for yes
	}{
		{"1.2 trans-unit", v12(`<trans-unit id="1" translate="no"><source>Code</source></trans-unit><trans-unit id="2"><source>Text</source></trans-unit>`), "ny"},
		{"1.2 group", v12(`<group id="g" translate="no"><trans-unit id="1"><source>A</source></trans-unit><trans-unit id="2" translate="yes"><source>B</source></trans-unit></group>`), "ny"},
		{"1.2 nested groups", v12(`<group translate="no"><group><trans-unit id="1"><source>A</source></trans-unit></group><trans-unit id="2"><source>B</source></trans-unit></group><trans-unit id="3"><source>C</source></trans-unit>`), "nny"},
		{"1.2 seg-source", v12(`<trans-unit id="1" translate="no"><source>A. B.</source><seg-source><mrk mtype="seg" mid="1">A.</mrk> <mrk mtype="seg" mid="2">B.</mrk></seg-source></trans-unit>`), "nn"},
		{"1.2 protected", v12(`<trans-unit id="1"><source> <mrk mtype="protected">ACME-42</mrk> </source></trans-unit><trans-unit id="2"><source>Press <mrk mtype="protected">Save</mrk>.</source></trans-unit>`), "ny"},
		{"2.0 unit", v2(``, `<unit id="1" translate="no"><segment><source>A</source></segment></unit><unit id="2"><segment><source>B</source></segment></unit>`), "ny"},
		{"2.0 file", v2(`translate="no"`, `<group id="g"><unit id="1"><segment><source>A</source></segment></unit></group><unit id="2" translate="yes"><segment><source>B</source></segment></unit>`), "ny"},
		{"2.0 group", v2(``, `<group id="g" translate="no"><unit id="1"><segment><source>A</source></segment><segment><source>B</source></segment></unit></group>`), "nn"},
		{"2.0 segment", v2(``, `<unit id="1"><segment translate="no"><source>A</source></segment><segment><source>B</source></segment></unit>`), "ny"},
		{"2.0 mrk", v2(``, `<unit id="1"><segment><source><mrk id="m1" translate="no">ACME-42</mrk></source></segment><segment><source>Press <mrk id="m2" translate="no">Save</mrk>.</source></segment></unit>`), "ny"},
		{"2.0 sm and em", v2(``, `<unit id="1"><segment><source><sm id="m1" translate="no"/>ACME-42<em startRef="m1"/></source></segment><segment><source><sm id="m2" translate="no"/>Save<em startRef="m2"/> it</source></segment></unit>`), "ny"},
	}
	for _, tt := range tests {
		x, err := ReadXLIFF(strings.NewReader(tt.xml), tt.name+".xlf")
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got strings.Builder
		for _, u := range x.Units() {
			for _, s := range u.Segments {
				got.WriteString(map[bool]string{true: "n", false: "y"}[s.NoTranslate])
			}
		}
		if got.String() != tt.want || len(x.Warnings) != 0 {
			t.Errorf("%s: NoTranslate %q, want %q (warnings %v)", tt.name, got.String(), tt.want, x.Warnings)
		}
	}
}
