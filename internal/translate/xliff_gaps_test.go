package translate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/interchange"
)

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
		if err := interchange.WriteXLIFF(&b, &interchange.XLIFF{Version: "2.0", SrcLang: "ru", TgtLang: "en", Files: []interchange.XFile{{ID: "f1", Units: []interchange.Unit{u}}}}); err != nil {
			t.Fatal(err)
		}
		i := strings.Index(b.String(), "<source")
		j := strings.Index(b.String(), "</source>")
		source := b.String()[i:j]
		source = source[strings.Index(source, ">")+1:]
		in := strings.Replace(head, "%s", u.ID, 1) + source + `</source><target>` + tc.target + `</target></segment></unit>` +
			`<unit id="` + x.Files[0].Units[1].ID + `"><segment state="translated"><source>Примечание.</source><target>A note.</target></segment></unit></file></xliff>`
		y, err := interchange.ReadXLIFF(strings.NewReader(in), "a.xlf")
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
