package interchange

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

// wantWarnings checks that got holds exactly the wanted warnings, in
// order: each a line and a piece of its message.
func wantWarnings(t *testing.T, what string, got []Warning, want []lineMsg) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(want); i++ {
		ok = got[i].Line == want[i].line && strings.Contains(got[i].Msg, want[i].msg)
	}
	if !ok {
		t.Errorf("%s: warnings\n%s\nwant\n%v", what, warningLines(got), want)
	}
}

type lineMsg struct {
	line int
	msg  string
}

func (l lineMsg) String() string { return fmt.Sprintf("%d: %s", l.line, l.msg) }

func warningLines(ws []Warning) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString("  " + w.String() + "\n")
	}
	return b.String()
}

// unitTexts lists "id: source → target" for each segment read.
func unitTexts(x *XLIFF) []string {
	var out []string
	for _, u := range x.Units() {
		for _, s := range u.Segments {
			out = append(out, u.ID+": "+s.Source.Plain()+" → "+s.Target.Plain())
		}
	}
	return out
}

// TestXLIFFOddElements reads XLIFF files that are good but for one odd
// element: the rest is read, and a warning names the line and what was
// skipped or assumed.
func TestXLIFFOddElements(t *testing.T) {
	const head12 = "<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"ru\"><body>\n"
	const tail12 = "\n</body></file></xliff>"
	const head2 = "<xliff version=\"2.1\" srcLang=\"zh\" trgLang=\"ru\"><file id=\"f\">\n"
	const tail2 = "\n</file></xliff>"
	tests := []struct {
		name, in string
		units    []string
		warnings []lineMsg
	}{
		{"1.2 trans-unit without source", head12 + "<trans-unit id=\"a\"><target>Нет</target></trans-unit>\n<trans-unit id=\"b\"><source>好</source><target>Хорошо</target></trans-unit>" + tail12,
			[]string{"b: 好 → Хорошо"}, []lineMsg{{2, `trans-unit "a" has no <source>: skipped`}}},
		{"1.2 trans-unit without id", head12 + "<trans-unit><source>一</source></trans-unit>\n<trans-unit id=\"b\"><source>好</source></trans-unit>" + tail12,
			[]string{"b: 好 → "}, []lineMsg{{2, "<trans-unit> without id: skipped"}}},
		{"1.2 duplicate id", head12 + "<trans-unit id=\"a\"><source>一</source></trans-unit>\n<trans-unit id=\"a\"><source>二</source></trans-unit>" + tail12,
			[]string{"a: 一 → "}, []lineMsg{{3, `trans-unit id "a" used twice (first at line 2): the second is skipped`}}},
		{"1.2 duplicate group", head12 + "<group id=\"p\"><trans-unit id=\"p-1\"><source>一</source></trans-unit></group>\n<group id=\"p\"><trans-unit id=\"p-2\"><source>二</source></trans-unit></group>" + tail12,
			[]string{"p: 一 → "}, []lineMsg{{3, `unit id "p" used twice (first at line 2)`}}},
		{"1.2 unknown state", head12 + "<trans-unit id=\"a\"><source>一</source><target state=\"almost-done\">Один</target></trans-unit>\n<trans-unit id=\"b\"><source>二</source><target state=\"x-mine\">Два</target></trans-unit>" + tail12,
			[]string{"a: 一 → Один", "b: 二 → Два"}, []lineMsg{{2, `trans-unit "a": unknown target state "almost-done": read as a draft`}}},
		{"1.2 unknown inline element", head12 + "<trans-unit id=\"a\"><source>很<b>好</b></source></trans-unit>" + tail12,
			[]string{"a: 很好 → "}, []lineMsg{{2, `trans-unit "a": unknown inline element <b>: its text kept`}}},
		{"1.2 code without id", head12 + "<trans-unit id=\"a\"><source>很<g ctype=\"bold\">好</g><x/>。</source></trans-unit>" + tail12,
			[]string{"a: 很好。 → "}, []lineMsg{{2, "<g> without id: its formatting is dropped, its text kept"}, {2, "inline <x> without id: dropped"}}},
		{"1.2 target segment without source", head12 + "<trans-unit id=\"a\"><source>一。二。</source>\n<seg-source><mrk mtype=\"seg\" mid=\"1\">一。</mrk><mrk mtype=\"seg\" mid=\"2\">二。</mrk></seg-source>\n<target><mrk mtype=\"seg\" mid=\"1\">Один.</mrk><mrk mtype=\"seg\" mid=\"3\">Три.</mrk></target></trans-unit>" + tail12,
			[]string{"a: 一。 → Один.", "a: 二。 → "}, []lineMsg{{4, `target segment mid="3" has no source segment: skipped`}}},
		{"1.2 file without body", "<xliff version=\"1.2\"><file source-language=\"zh\" target-language=\"ru\" original=\"a\"><header/></file>\n<file source-language=\"zh\" target-language=\"ru\" original=\"b\"><body><trans-unit id=\"a\"><source>一</source></trans-unit></body></file></xliff>",
			[]string{"a: 一 → "}, []lineMsg{{1, `<file original="a"> without <body>: skipped`}}},
		{"1.2 file in other languages", "<xliff version=\"1.2\"><file source-language=\"zh-CN\" target-language=\"ru-RU\" original=\"a\"><body><trans-unit id=\"a\"><source>一</source></trans-unit></body></file>\n<file source-language=\"en\" target-language=\"fr\" original=\"b\"><body><trans-unit id=\"b\"><source>One</source></trans-unit></body></file></xliff>",
			[]string{"a: 一 → "}, []lineMsg{{2, `<file original="b"> is en to fr, not zh-CN to ru-RU as the first <file>: skipped`}}},
		{"1.2 file without source language", "<xliff version=\"1.2\"><file target-language=\"ru\" original=\"a\"><body><trans-unit id=\"a\"><source>?</source></trans-unit></body></file>\n<file source-language=\"zh\" target-language=\"ru\" original=\"b\"><body><trans-unit id=\"b\"><source>一</source></trans-unit></body></file></xliff>",
			[]string{"b: 一 → "}, []lineMsg{{1, `<file original="a"> without source-language: skipped`}}},
		{"1.1 read as 1.2", "<xliff version=\"1.1\" xmlns=\"urn:oasis:names:tc:xliff:document:1.1\"><file source-language=\"zh\" target-language=\"ru\"><body><trans-unit id=\"a\"><source>一</source><target>Один</target></trans-unit></body></file></xliff>",
			[]string{"a: 一 → Один"}, nil},
		{"1.2 without version", "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"><file source-language=\"zh\" target-language=\"ru\"><body><trans-unit id=\"a\"><source>一</source></trans-unit></body></file></xliff>",
			[]string{"a: 一 → "}, []lineMsg{{1, "<xliff> without version: read as 1.2"}}},
		{"2.1 segment without source", head2 + "<unit id=\"u\"><segment id=\"1\"><target>Нет</target></segment>\n<segment id=\"2\"><source>好</source><target>Хорошо</target></segment></unit>" + tail2,
			[]string{"u: 好 → Хорошо"}, []lineMsg{{2, `unit "u": <segment> without <source>: skipped`}}},
		{"2.1 unit without segment", head2 + "<unit id=\"u\"><notes><note>Empty</note></notes></unit>\n<unit id=\"v\"><segment><source>好</source></segment></unit>" + tail2,
			[]string{"v: 好 → "}, []lineMsg{{2, `unit "u" has no <segment>: skipped`}}},
		{"2.1 unit without id", head2 + "<unit><segment><source>一</source></segment></unit>\n<unit id=\"v\"><segment><source>好</source></segment></unit>" + tail2,
			[]string{"v: 好 → "}, []lineMsg{{2, "<unit> without id: skipped"}}},
		{"2.1 duplicate unit", head2 + "<unit id=\"u\"><segment><source>一</source></segment></unit>\n<group id=\"g\"><unit id=\"u\"><segment><source>二</source></segment></unit></group>" + tail2,
			[]string{"u: 一 → "}, []lineMsg{{3, `unit id "u" used twice (first at line 2)`}}},
		{"2.1 unknown state", head2 + "<unit id=\"u\"><segment state=\"done\"><source>一</source><target>Один</target></segment></unit>" + tail2,
			[]string{"u: 一 → Один"}, []lineMsg{{2, `unit "u": unknown segment state "done": read as initial`}}},
		{"2.1 codes without id, bad cp, unknown element", head2 + "<unit id=\"u\"><segment><source><pc>很</pc><ph/><cp hex=\"zz\"/><ec/><b>好</b></source></segment></unit>" + tail2,
			[]string{"u: 很好 → "}, []lineMsg{{2, "<pc> without id"}, {2, "inline <ph> without id: dropped"}, {2, `<cp hex="zz"> is not a hexadecimal code point`}, {2, "<ec> without startRef or id"}, {2, "unknown inline element <b>"}}},
		{"2.1 file without id", "<xliff version=\"2.1\" srcLang=\"zh\" trgLang=\"ru\">\n<file><unit id=\"u\"><segment><source>一</source></segment></unit></file></xliff>",
			[]string{"u: 一 → "}, []lineMsg{{2, `<file> without id: called "f1"`}}},
	}
	for _, tt := range tests {
		x, err := ReadXLIFF(strings.NewReader(tt.in), "x.xlf")
		if err != nil {
			t.Errorf("%s: refused: %v", tt.name, err)
			continue
		}
		if got := unitTexts(x); strings.Join(got, "\n") != strings.Join(tt.units, "\n") {
			t.Errorf("%s: read\n%q\nwant\n%q", tt.name, got, tt.units)
		}
		wantWarnings(t, tt.name, x.Warnings, tt.warnings)
	}
}

// TestXLIFFRefused lists what is still refused: files that are not XLIFF,
// or that lack or garble what every unit depends on.
func TestXLIFFRefused(t *testing.T) {
	tests := []struct{ doc, want string }{
		{"<xliff version=\"3.0\"/>", "x.xlf:1:1: XLIFF version \"3.0\" is not supported"},
		{"<xliff/>", "x.xlf:1:1: <xliff> without version"},
		{"<xliff version=\"1.2\"></xliff>", "x.xlf:1:1: no <file> in the XLIFF document"},
		{"<xliff version=\"1.2\">\n<file><body/></file></xliff>", "x.xlf:2:1: <file> without source-language"},
		{"<xliff version=\"1.2\">\n<file source-language=\"zh\"><header/></file></xliff>", "x.xlf:1:1: no <file> with a <body> in the XLIFF document"},
		{"<xliff version=\"1.2\">\n<file source-language=\"!!bad\"><body/></file></xliff>", "x.xlf:2:1: source-language: \"!!bad\": not a BCP 47 language tag"},
		{"<xliff version=\"1.2\">\n<file source-language=\"zh\" target-language=\"ru RU\"><body/></file></xliff>", "x.xlf:2:1: target-language: \"ru RU\": not a BCP 47 language tag"},
		{"<xliff version=\"2.1\" trgLang=\"ru\"><file id=\"f\"/></xliff>", "x.xlf:1:1: <xliff> without srcLang"},
		{"<xliff version=\"2.1\" srcLang=\"zh\" trgLang=\"&lt;ru&gt;\"><file id=\"f\"/></xliff>", "x.xlf:1:1: trgLang: \"<ru>\": not a BCP 47 language tag"},
		{"<xliff version=\"2.1\" srcLang=\"en\"><file id=\"f\">\n<unit id=\"u\"><segment><source>a</sourc></segment></unit></file></xliff>", "x.xlf:2:"},
		{"<?xml version=\"1.0\" encoding=\"x-klingon\"?><xliff/>", "x.xlf:1:1: the XML declaration names encoding \"x-klingon\", which is not known"},
		{"<xliff version=\"1.2\">\n\xff</xliff>", "x.xlf:2:1: invalid UTF-8"},
		{"<xliff version=\"2.1\" srcLang=\"en\"><file id=\"f\"><unit id=\"u\"><segment><source>&bogus;</source></segment></unit></file></xliff>", "x.xlf:1:"},
	}
	for _, tt := range tests {
		_, err := ReadXLIFF(strings.NewReader(tt.doc), "x.xlf")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q:\n got %v\nwant %q", tt.doc, err, tt.want)
		}
	}
}

// TestXLIFFLanguagesCanonical checks that language tags read from a file
// come out in canonical form, as they are written again.
func TestXLIFFLanguagesCanonical(t *testing.T) {
	x, err := ReadXLIFF(strings.NewReader(`<xliff version="2.1" srcLang="ZH_cn" trgLang="ru-ru"><file id="f"><unit id="u"><segment><source>一</source></segment></unit></file></xliff>`), "x.xlf")
	if err != nil {
		t.Fatal(err)
	}
	if x.SrcLang != "zh-CN" || x.TgtLang != "ru-RU" {
		t.Errorf("languages %q, %q", x.SrcLang, x.TgtLang)
	}
}

// TestTMXOddElements reads TMX files with one odd element each.
func TestTMXOddElements(t *testing.T) {
	const head = "<tmx version=\"1.4\"><header srclang=\"zh\"/><body>\n"
	const good = "<tu><tuv xml:lang=\"zh\"><seg>论坛</seg></tuv><tuv xml:lang=\"ru\"><seg>форум</seg></tuv></tu>"
	const tail = "\n</body></tmx>"
	tests := []struct {
		name, in string
		units    int
		warnings []lineMsg
	}{
		{"one tuv", head + "<tu><tuv xml:lang=\"zh\"><seg>一</seg></tuv></tu>\n" + good + tail, 1,
			[]lineMsg{{2, "<tu> with text in one language only (zh): skipped"}}},
		{"tuv without seg", head + "<tu>\n<tuv xml:lang=\"zh\"><seg>一</seg></tuv><tuv xml:lang=\"en\"/>\n<tuv xml:lang=\"ru\"><seg>Один</seg></tuv></tu>" + tail, 1,
			[]lineMsg{{3, `<tuv xml:lang="en"> without <seg>: skipped`}}},
		{"tuv without lang", head + "<tu><tuv><seg>一</seg></tuv>\n<tuv xml:lang=\"ru\"><seg>Один</seg></tuv></tu>\n" + good + tail, 1,
			[]lineMsg{{2, "<tuv> without xml:lang (or lang): skipped"}, {2, "one language only (ru)"}}},
		{"unknown lang", head + good + "\n<tu><tuv xml:lang=\"zh\"><seg>一</seg></tuv><tuv xml:lang=\"russian language\"><seg>Один</seg></tuv></tu>" + tail, 1,
			[]lineMsg{{3, `xml:lang: "russian language": not a BCP 47 language tag: skipped`}, {3, "one language only (zh)"}}},
		{"tu without tuv", head + "<tu/>\n" + good + tail, 1, []lineMsg{{2, "<tu> without a usable <tuv>: skipped"}}},
		{"unknown element in seg", head + "<tu><tuv xml:lang=\"zh\"><seg>论<b>坛</b></seg></tuv><tuv xml:lang=\"ru\"><seg>форум</seg></tuv></tu>" + tail, 1,
			[]lineMsg{{2, "unknown element <b> in <seg>: its text kept"}}},
		{"bad date", head + "<tu creationdate=\"2021-06-18\"><tuv xml:lang=\"zh\"><seg>论坛</seg></tuv><tuv xml:lang=\"ru\"><seg>форум</seg></tuv></tu>" + tail, 1,
			[]lineMsg{{2, `creationdate="2021-06-18">: not a TMX date`}}},
		{"no header", "<tmx version=\"1.4\"><body>\n" + good + tail, 1, []lineMsg{{1, "<tmx> without <header>"}}},
		{"bad srclang", "<tmx version=\"1.4\"><header srclang=\"zh CN\"/><body>\n" + good + tail, 1, []lineMsg{{1, `header srclang: "zh CN": not a BCP 47 language tag: ignored`}}},
	}
	for _, tt := range tests {
		tm, err := ReadTMX(strings.NewReader(tt.in), "m.tmx")
		if err != nil {
			t.Errorf("%s: refused: %v", tt.name, err)
			continue
		}
		if len(tm.Units) != tt.units {
			t.Errorf("%s: %d units, want %d", tt.name, len(tm.Units), tt.units)
		}
		for _, u := range tm.Units {
			if len(u.Variants) < 2 {
				t.Errorf("%s: unit with %d variants kept", tt.name, len(u.Variants))
			}
		}
		wantWarnings(t, tt.name, tm.Warnings, tt.warnings)
	}
	if _, err := ReadTMX(strings.NewReader("<tmx version=\"1.4\"><header/></tmx>"), "m.tmx"); err == nil || !strings.Contains(err.Error(), "m.tmx:1:1: <tmx> without <body>") {
		t.Errorf("TMX without body: %v", err)
	}
}

// TestTBXOddElements reads termbases with one odd element each, as
// MultiTerm and SDL exports have them.
func TestTBXOddElements(t *testing.T) {
	const head = "<martif type=\"TBX\" xml:lang=\"en\"><text><body>\n"
	const good = "<termEntry id=\"ok\"><langSet xml:lang=\"zh\"><tig><term>论坛</term></tig></langSet><langSet xml:lang=\"ru\"><tig><term>форум</term></tig></langSet></termEntry>"
	const tail = "\n</body></text></martif>"
	tests := []struct {
		name, in string
		terms    []string // "id lang text" of every term read
		warnings []lineMsg
	}{
		{"empty term", head + "<termEntry id=\"c1\"><langSet xml:lang=\"de\"><ntig><termGrp><term>Zickzackfalz</term></termGrp></ntig>\n<ntig><termGrp><term/></termGrp></ntig></langSet></termEntry>\n" + good + tail,
			[]string{"c1 de Zickzackfalz", "ok zh 论坛", "ok ru форум"}, []lineMsg{{3, `empty <term> (de) in entry "c1": skipped`}}},
		{"blank term", head + "<termEntry id=\"c1\"><langSet xml:lang=\"zh\"><tig><term>条约</term></tig><tig><term>  </term></tig></langSet></termEntry>" + tail,
			[]string{"c1 zh 条约"}, []lineMsg{{2, "empty <term> (zh)"}}},
		{"holder without term", head + "<termEntry id=\"c1\"><langSet xml:lang=\"zh\"><tig><termNote type=\"partOfSpeech\">noun</termNote></tig><tig><term>条约</term></tig></langSet></termEntry>" + tail,
			[]string{"c1 zh 条约"}, []lineMsg{{2, `<tig> without <term> (zh) in entry "c1": skipped`}}},
		{"entry without langSet", head + "<termEntry id=\"c1\"><descrip type=\"definition\">Nothing.</descrip></termEntry>\n" + good + tail,
			[]string{"ok zh 论坛", "ok ru форум"}, []lineMsg{{2, `<termEntry id="c1"> without <langSet>: skipped`}}},
		{"langSet without xml:lang", head + "<termEntry id=\"c1\">\n<langSet><tig><term>x</term></tig></langSet><langSet xml:lang=\"zh\"><tig><term>条约</term></tig></langSet></termEntry>" + tail,
			[]string{"c1 zh 条约"}, []lineMsg{{3, `<langSet> without xml:lang in entry "c1": skipped`}}},
		{"bad xml:lang", head + "<termEntry id=\"c1\">\n<langSet xml:lang=\"Chinese (PRC)\"><tig><term>条约</term></tig></langSet></termEntry>\n" + good + tail,
			[]string{"ok zh 论坛", "ok ru форум"}, []lineMsg{{3, `xml:lang in entry "c1": "Chinese (PRC)": not a BCP 47 language tag: skipped`}, {2, `<termEntry id="c1"> has no term left: skipped`}}},
		{"v3 empty term", "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\"><text><body>\n<conceptEntry id=\"c\"><langSec xml:lang=\"ru\"><termSec><term/></termSec><termSec><term>форум</term></termSec></langSec></conceptEntry></body></text></tbx>",
			[]string{"c ru форум"}, []lineMsg{{2, `empty <term> (ru) in entry "c"`}}},
	}
	for _, tt := range tests {
		tb, err := ReadTBX(strings.NewReader(tt.in), "t.tbx")
		if err != nil {
			t.Errorf("%s: refused: %v", tt.name, err)
			continue
		}
		var got []string
		for _, c := range tb.Entries {
			for _, term := range c.Terms {
				got = append(got, c.ID+" "+term.Lang+" "+term.Text)
			}
		}
		if strings.Join(got, "\n") != strings.Join(tt.terms, "\n") {
			t.Errorf("%s: terms %q, want %q", tt.name, got, tt.terms)
		}
		wantWarnings(t, tt.name, tb.Warnings, tt.warnings)
	}
}

// TestTSVOddLines reads glossaries with short rows and empty cells.
func TestTSVOddLines(t *testing.T) {
	tests := []struct {
		name, in string
		entries  int
		warnings []lineMsg
	}{
		{"short row", "论坛\tфорум\nonly one\n条约\tдоговор\n", 2, []lineMsg{{2, `"only one": want source and target terms separated by a tab: line skipped`}}},
		{"empty source", "论坛\tфорум\n\tдоговор\n", 1, []lineMsg{{2, `empty source term (target "договор"): line skipped`}}},
		{"empty target", "论坛\t \tcomment\n条约\tдоговор\n", 1, []lineMsg{{1, `empty target term (source "论坛"): line skipped`}}},
		{"only a comment column", "\t\tnote\n条约\tдоговор\n", 1, []lineMsg{{1, "both terms are empty"}}},
		{"comments only", "# zh\tru\n", 0, []lineMsg{{0, "no terms in the glossary"}}},
	}
	for _, tt := range tests {
		tb, err := ReadTSV(strings.NewReader(tt.in), "g.tsv", "zh", "ru")
		if err != nil {
			t.Errorf("%s: refused: %v", tt.name, err)
			continue
		}
		if len(tb.Entries) != tt.entries {
			t.Errorf("%s: %d entries, want %d", tt.name, len(tb.Entries), tt.entries)
		}
		wantWarnings(t, tt.name, tb.Warnings, tt.warnings)
	}
	for _, tt := range []struct{ src, tgt, want string }{
		{"zh", "", `g.tsv: target language empty language tag`},
		{"!!bad", "ru", `g.tsv: source language "!!bad": not a BCP 47 language tag`},
	} {
		_, err := ReadTSV(strings.NewReader("a\tb\n"), "g.tsv", tt.src, tt.tgt)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("languages %q, %q: got %v, want %q", tt.src, tt.tgt, err, tt.want)
		}
	}
}

func TestWarningString(t *testing.T) {
	if got := (Warning{File: "a.tbx", Line: 274, Msg: "empty <term>"}).String(); got != "a.tbx:274: warning: empty <term>" {
		t.Errorf("got %q", got)
	}
	if got := (Warning{File: "g.tsv", Msg: "no terms"}).String(); got != "g.tsv: warning: no terms" {
		t.Errorf("got %q", got)
	}
}

// TestFixturesAsOtherToolsWriteThem reads the small files in testdata
// written as Trados, memoQ, Okapi, MultiTerm and spreadsheets write them
// (a byte-order mark, UTF-16, CRLF) with one odd element or more, and
// checks what was read and every warning.
func TestFixturesAsOtherToolsWriteThem(t *testing.T) {
	read := func(path string) (n int, ws []Warning, err error) {
		f := open(t, path)
		switch {
		case strings.HasSuffix(path, ".xlf"):
			x, err := ReadXLIFF(f, path)
			if err != nil {
				return 0, nil, err
			}
			for _, u := range x.Units() {
				n += len(u.Segments)
			}
			return n, x.Warnings, nil
		case strings.HasSuffix(path, ".tmx"):
			tm, err := ReadTMX(f, path)
			if err != nil {
				return 0, nil, err
			}
			return len(tm.Units), tm.Warnings, nil
		case strings.HasSuffix(path, ".tbx"):
			tb, err := ReadTBX(f, path)
			if err != nil {
				return 0, nil, err
			}
			for _, c := range tb.Entries {
				n += len(c.Terms)
			}
			return n, tb.Warnings, nil
		}
		tb, err := ReadTSV(f, path, "zh", "ru")
		if err != nil {
			return 0, nil, err
		}
		return len(tb.Entries), tb.Warnings, nil
	}
	tests := []struct {
		path     string
		n        int // segments, units, terms or entries read
		warnings string
	}{
		{"testdata/bom12.xlf", 2, `testdata/bom12.xlf:6: warning: trans-unit "2" has no <source>: skipped
testdata/bom12.xlf:7: warning: trans-unit "3": unknown target state "almost": read as a draft
testdata/bom12.xlf:8: warning: trans-unit id "3" used twice (first at line 7): the second is skipped
`},
		{"testdata/utf16-21.xlf", 2, `testdata/utf16-21.xlf:12: warning: unit "p-1": unknown segment state "done": read as initial
testdata/utf16-21.xlf:14: warning: <unit> without id: skipped
`},
		{"testdata/bom.tmx", 2, `testdata/bom.tmx:6: warning: <tu> with text in one language only (zh-CN): skipped, it translates nothing
testdata/bom.tmx:7: warning: <tuv> without xml:lang (or lang): skipped
`},
		{"testdata/bom-empty-term.tbx", 3, `testdata/bom-empty-term.tbx:6: warning: empty <term> (zh) in entry "c1": skipped
testdata/bom-empty-term.tbx:7: warning: <termEntry id="c2"> without <langSet>: skipped
testdata/bom-empty-term.tbx:8: warning: <langSet> xml:lang in entry "c3": "Chinese": not a BCP 47 language tag: skipped
`},
		{"testdata/utf16.tsv", 1, `testdata/utf16.tsv:3: warning: "only one column": want source and target terms separated by a tab: line skipped
testdata/utf16.tsv:4: warning: empty target term (source "论坛"): line skipped
`},
	}
	for _, tt := range tests {
		n, ws, err := read(tt.path)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if got := warningLines(ws); n != tt.n || strings.ReplaceAll(got, "  ", "") != tt.warnings {
			t.Errorf("%s: read %d, want %d; warnings\n%s\nwant\n%s", tt.path, n, tt.n, got, tt.warnings)
		}
	}
}

// TestTSVHeader reads glossaries whose first line names the languages of
// their columns, and refuses, without such a line, one whose columns are
// not in the languages of the file it is used on.
func TestTSVHeader(t *testing.T) {
	show := func(tb *Termbase) string {
		var out []string
		for _, c := range tb.Entries {
			var ts []string
			for _, t := range c.Terms {
				ts = append(ts, t.Lang+":"+t.Text)
			}
			if c.Definition != "" {
				ts = append(ts, "("+c.Definition+")")
			}
			out = append(out, strings.Join(ts, " "))
		}
		return strings.Join(out, "; ")
	}
	tests := []struct {
		name, in, src, tgt string
		want               string
		warnings           []lineMsg
	}{
		{"header in the file's direction", "zh\ten\n论坛\tforum\n", "zh", "en", "zh:论坛 en:forum", nil},
		{"header against the file's direction", "en\tzh\nforum\t论坛\n", "zh", "en", "en:forum zh:论坛", nil},
		{"header of another pair", "ru\ten\nдоговор\ttreaty\n", "zh", "ru", "ru:договор en:treaty", nil},
		{"header with regions and a comment heading", "zh-cn\tRU\tnote\n条约\tдоговор\tthe 2001 treaty\n", "en", "ru", "zh-CN:条约 ru:договор (the 2001 treaty)", nil},
		{"three languages", "testdata/header.tsv", "en", "zh", "ru:договор zh-CN:条约 en:treaty (the 2001 treaty); ru:форум en:forum",
			[]lineMsg{{4, `only one term (zh-CN "论坛"): line skipped`}}},
		{"header after comments", "# glossary of the forum\n\nzh\tru\n论坛\tфорум\n", "zh", "ru", "zh:论坛 ru:форум", nil},
		// not headers: one language twice, one cell a term, a tag later
		{"same language twice", "SCO\tSCO\nforum\tforum\n", "en", "en", "en:SCO en:SCO; en:forum en:forum", nil},
		{"one tag", "en\tангл.\nforum\tфорум\n", "en", "ru", "en:en ru:англ.; en:forum ru:форум", nil},
		{"no header", "论坛\tforum\n", "zh", "en", "zh:论坛 en:forum", nil},
		{"names kept in Latin script", "论坛\tforum\nCOVID-19\tCOVID-19\n", "zh", "en", "zh:论坛 en:forum; zh:COVID-19 en:COVID-19", nil},
	}
	for _, tt := range tests {
		in := tt.in
		if strings.HasPrefix(in, "testdata/") {
			b, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			in = string(b)
		}
		tb, err := ReadTSV(strings.NewReader(in), "g.tsv", tt.src, tt.tgt)
		if err != nil {
			t.Errorf("%s: refused: %v", tt.name, err)
			continue
		}
		if got := show(tb); got != tt.want {
			t.Errorf("%s: read %q, want %q", tt.name, got, tt.want)
		}
		wantWarnings(t, tt.name, tb.Warnings, tt.warnings)
	}
	for _, tt := range []struct{ name, in, src, tgt, want string }{
		{"zh/en used for en→ru", "论坛\tforum\n条约\ttreaty\n", "en", "ru", `g.tsv:1:1: the first (source) column should be in en, but none of its terms is ("论坛" is not)`},
		{"zh/en used for en→zh", "# no header\n论坛\tforum\n", "en", "zh", `g.tsv:2:1: the first (source) column should be in en, but none of its terms is ("论坛" is not)`},
		{"ru/en used for ru→zh", "договор\ttreaty\n", "ru", "zh", `g.tsv:1:1: the second (target) column should be in zh, but none of its terms is ("treaty" is not)`},
	} {
		_, err := ReadTSV(strings.NewReader(tt.in), "g.tsv", tt.src, tt.tgt)
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) || !strings.Contains(err.Error(), `first line, such as "zh<TAB>en"`) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}
