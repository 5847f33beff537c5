package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
)

// TestCloseGaps removes the marks of dropped codes: the space on both
// sides of one collapses to one, and none is left before a closing mark
// or at either end; spans take no room, a standalone code keeps its side.
func TestCloseGaps(t *testing.T) {
	g := Run{Kind: gap}
	sa := Run{Kind: Standalone, ID: "1"}
	op, cl := Run{Kind: Open, ID: "2"}, Run{Kind: Close, ID: "2"}
	txt := func(s string) Run { return Run{Kind: Text, Text: s} }
	tests := []struct {
		name string
		in   Content
		want string
	}{
		{"doubled space", Content{txt("run "), sa, txt(" "), g, txt(" and")}, "run {1/} and"},
		{"between words", Content{txt("run "), g, txt(" and")}, "run and"},
		{"before a full stop", Content{txt("the end "), g, txt(".")}, "the end."},
		{"before a Chinese comma", Content{txt("结束 "), g, txt("，然后")}, "结束，然后"},
		{"at the end", Content{txt("the end "), g}, "the end"},
		{"at the start", Content{g, txt(" the start")}, "the start"},
		{"across a span", Content{txt("a "), g, op, txt(" b"), cl}, "a {2}b{/2}"},
		{"against a standalone code", Content{sa, g, txt(" b")}, "{1/} b"},
		{"no space", Content{txt("a"), g, txt("b")}, "ab"},
		{"before a dash", Content{txt("a "), g, txt(" — b")}, "a — b"},
		{"two gaps", Content{txt("a "), g, txt(" "), g, txt(" b")}, "a b"},
	}
	for _, tc := range tests {
		if got := tagged(closeGaps(tc.in)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// TestImportDroppedCodeSpaces imports translations from which import drops
// or moves a code: a repeated code, a code the source does not have, an
// inline element without id, an unknown element with no text, a note
// reference the translator lost. The text around the place reads as if
// the code never was there: one space, none before a full stop.
func TestImportDroppedCodeSpaces(t *testing.T) {
	const md = "Запустите `make test` и проверьте вывод.[^1]\n\n[^1]: Примечание.\n"
	const head = `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="ru" trgLang="en"><file id="f1"><unit id="%s"><segment state="translated"><source>`
	tests := []struct {
		name, target, want string
	}{
		{"repeated code", `Run <ph id="1"/> <ph id="1"/> and check the output.<ph id="2"/>`, "Run `make test` and check the output.[^1]"},
		{"code not in the source", `Run <ph id="1"/> <ph id="9"/> and check the output.<ph id="2"/>`, "Run `make test` and check the output.[^1]"},
		{"code dropped before a full stop", `Run <ph id="1"/> and check the output <ph id="1"/>.<ph id="2"/>`, "Run `make test` and check the output.[^1]"},
		{"code without id", `Run <ph id="1"/> <ph/> and check the output.<ph id="2"/>`, "Run `make test` and check the output.[^1]"},
		{"unknown element", `Run <ph id="1"/> <foo/> and check the output.<ph id="2"/>`, "Run `make test` and check the output.[^1]"},
		{"note reference lost", `Run <ph id="1"/> and check the output. `, "Run `make test` and check the output.[^1]"},
	}
	for _, tc := range tests {
		d, err := markdown.Read([]byte(md), "ru", markdown.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		doc.AssignIDs(d)
		x, err := FromDocument(d, "a.md", "ru", "en")
		if err != nil {
			t.Fatal(err)
		}
		u := x.Files[0].Units[0]
		src := u.Segments[0].Source
		var b strings.Builder
		if err := WriteXLIFF(&b, &XLIFF{Version: "2.0", SrcLang: "ru", TgtLang: "en", Files: []XFile{{ID: "f1", Units: []Unit{u}}}}); err != nil {
			t.Fatal(err)
		}
		i := strings.Index(b.String(), "<source")
		j := strings.Index(b.String(), "</source>")
		source := b.String()[i:j]
		source = source[strings.Index(source, ">")+1:]
		in := strings.Replace(head, "%s", u.ID, 1) + source + `</source><target>` + tc.target + `</target></segment></unit>` +
			`<unit id="` + x.Files[0].Units[1].ID + `"><segment state="translated"><source>Примечание.</source><target>A note.</target></segment></unit></file></xliff>`
		y, err := ReadXLIFF(strings.NewReader(in), "a.xlf")
		if err != nil {
			t.Fatalf("%s: %v\n%s", tc.name, err, in)
		}
		if len(src.Codes()) != 2 {
			t.Fatalf("source codes %v", src.Codes())
		}
		if _, err := ApplyTranslation(d, y); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if err := doc.WriteMarkdown(&out, d); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), "\n"+tc.want+"\n") {
			t.Errorf("%s: document\n%s\nwant the line %q", tc.name, out.String(), tc.want)
		}
	}
}
