package interchange

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/lang"
)

// TestControlCharactersDropped reads translation files that carry control
// characters the way each format can (XLIFF 2 <cp>, a character reference
// to DEL or a C1 control, which XML 1.0 allows, a raw byte in a TSV
// glossary): each reader drops them with a warning naming the unit, so
// that no writer puts one out raw; tab and line feed are kept.
func TestControlCharactersDropped(t *testing.T) {
	const head2 = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"zh\" trgLang=\"ru\"><file id=\"f\">\n"
	const head12 = "<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"ru\"><body>\n"
	xliff := func(in string) (string, []Warning) {
		x, err := ReadXLIFF(strings.NewReader(in), "t.xlf")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range x.Units() {
			for _, s := range u.Segments {
				got = append(got, s.Source.Plain()+"|"+s.Target.Plain())
			}
		}
		return strings.Join(got, "\n"), x.Warnings
	}
	tmx := func(in string) (string, []Warning) {
		m, err := ReadTMX(strings.NewReader(in), "t.tmx")
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range m.Units {
			for _, v := range u.Variants {
				got = append(got, v.Seg.Plain())
			}
		}
		return strings.Join(got, "|"), m.Warnings
	}
	terms := func(tb *Termbase, err error) (string, []Warning) {
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range tb.Entries {
			for _, term := range c.Terms {
				got = append(got, term.Text)
			}
		}
		return strings.Join(got, "|"), tb.Warnings
	}
	tests := []struct {
		name string
		read func() (string, []Warning)
		want string
		warn lineMsg
	}{
		{"XLIFF 2 cp", func() (string, []Warning) {
			return xliff(head2 + `<unit id="p-1"><segment state="translated"><source>石油</source>` + "\n" + `<target>не<cp hex="0001"/>фть<cp hex="0009"/></target></segment></unit></file></xliff>`)
		}, "石油|нефть\t", lineMsg{3, `unit "p-1": <cp hex="0001"> is a control character, which no document can hold: dropped`}},
		{"XLIFF 2 cp surrogate", func() (string, []Warning) {
			return xliff(head2 + `<unit id="p-1"><segment state="translated"><source>石油</source>` + "\n" + `<target>нефть<cp hex="D800"/></target></segment></unit></file></xliff>`)
		}, "石油|нефть", lineMsg{3, `unit "p-1": <cp hex="D800"> is not a character`}},
		{"XLIFF 2 C1 reference", func() (string, []Warning) {
			return xliff(head2 + `<unit id="p-1"><segment state="translated"><source>石油</source>` + "\n" + `<target>нефть&#x85;</target></segment></unit></file></xliff>`)
		}, "石油|нефть", lineMsg{3, `unit "p-1": control character U+0085, which no document can hold: dropped`}},
		{"XLIFF 1.2 DEL", func() (string, []Warning) {
			return xliff(head12 + `<trans-unit id="p-2"><source>石油</source>` + "\n" + `<target state="translated">неф&#x7f;ть</target></trans-unit></body></file></xliff>`)
		}, "石油|нефть", lineMsg{3, `trans-unit "p-2": control character U+007F, which no document can hold: dropped`}},
		{"TMX C1", func() (string, []Warning) {
			return tmx("<tmx version=\"1.4\"><header srclang=\"zh\"/><body>\n<tu tuid=\"7\"><tuv xml:lang=\"zh\"><seg>石油</seg></tuv><tuv xml:lang=\"ru\"><seg>нефть&#x9b;</seg></tuv></tu></body></tmx>")
		}, "石油|нефть", lineMsg{2, `<tu tuid="7">: <seg> (ru): control character U+009B`}},
		{"TBX DEL", func() (string, []Warning) {
			return terms(ReadTBX(strings.NewReader("<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n<termEntry id=\"e1\"><langSet xml:lang=\"zh\"><tig><term>石油</term></tig></langSet><langSet xml:lang=\"ru\"><tig><term>нефть&#x7f;</term></tig></langSet></termEntry></body></text></martif>"), "t.tbx"))
		}, "石油|нефть", lineMsg{2, `<term> (ru) in entry "e1": control character U+007F`}},
		{"TSV raw byte", func() (string, []Warning) {
			return terms(ReadTSV(strings.NewReader("论坛\tфорум\n石油\tнефть\x01\n"), "g.tsv", "zh", "ru"))
		}, "论坛|форум|石油|нефть", lineMsg{2, `the ru term: control character U+0001`}},
	}
	for _, tt := range tests {
		got, ws := tt.read()
		if got != tt.want {
			t.Errorf("%s: read %q, want %q", tt.name, got, tt.want)
		}
		if strings.ContainsFunc(got, lang.IsControl) {
			t.Errorf("%s: a control character read: %q", tt.name, got)
		}
		wantWarnings(t, tt.name, ws, []lineMsg{tt.warn})
	}
}
