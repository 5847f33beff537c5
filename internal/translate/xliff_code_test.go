package translate

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/interchange"
)

// TestCodeProtected exports Markdown with code spans and a code block:
// the code is a protected code that shows its text and is not offered for
// translation, the code block is no unit, and the translation imported
// keeps both exactly, in XLIFF 1.2 and 2.x.
func TestCodeProtected(t *testing.T) {
	src := "Run `rm -rf /` and ``a `b` c`` now.\n\n```sh\nls  -l\n    cd /tmp\n```\n"
	newDoc := func() *doc.Document {
		d, err := markdown.Read([]byte(src), "en", markdown.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		doc.AssignIDs(d)
		return d
	}
	x, err := FromDocument(newDoc(), "code.md", "en", "ru")
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Files[0].Units) != 1 {
		t.Fatalf("%d units, want 1 (the code block is not translated)", len(x.Files[0].Units))
	}
	for _, tc := range []struct{ version, want string }{
		{"1.2", `<ph id="1" ctype="x-code" equiv-text="rm -rf /">rm -rf /</ph>`},
		{"2.0", `<ph id="1" type="other" subType="tandem:code" canCopy="no" canDelete="no" dataRef="d1-1" disp="rm -rf /"/>`},
		{"2.1", `<ph id="2" type="other" subType="tandem:code" canCopy="no" canDelete="no" dataRef="d1-2" disp="a ` + "`b`" + ` c"/>`},
	} {
		x.Version = tc.version
		var buf bytes.Buffer
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), tc.want) {
			t.Errorf("XLIFF %s lacks %s:\n%s", tc.version, tc.want, buf.String())
		}
		if strings.Contains(buf.String(), "ls  -l") {
			t.Errorf("XLIFF %s offers the code block for translation:\n%s", tc.version, buf.String())
		}
		y, err := interchange.ReadXLIFF(&buf, "code.xlf")
		if err != nil {
			t.Fatal(err)
		}
		for fi := range y.Files {
			for ui := range y.Files[fi].Units {
				s := &y.Files[fi].Units[ui].Segments[0]
				if got := s.Source.Plain(); strings.Contains(got, "rm") {
					t.Errorf("%s: the text to translate holds the code: %q", tc.version, got)
				}
				s.Target = nil
				for _, r := range s.Source {
					if r.Kind == interchange.Text {
						r.Text = map[string]string{"Run ": "Выполните ", " and ": " и ", " now.": " сейчас."}[r.Text]
					}
					s.Target = append(s.Target, r)
				}
				s.State = interchange.Translated
			}
		}
		e := newDoc()
		res, err := ApplyTranslation(e, y)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Warnings) > 0 {
			t.Errorf("%s: warnings %v", tc.version, res.Warnings)
		}
		got, _ := json.Marshal(e.Blocks)
		for _, want := range []string{`{"type":"text","text":"Выполните "},{"type":"code","text":"rm -rf /"},{"type":"text","text":" и "},{"type":"code","text":"a ` + "`b`" + ` c"},{"type":"text","text":" сейчас."}`,
			`"code":{"language":"sh","text":"ls  -l\n    cd /tmp"}`} {
			if !strings.Contains(string(got), want) {
				t.Errorf("%s: imported as %s, want %s", tc.version, got, want)
			}
		}
	}
}
