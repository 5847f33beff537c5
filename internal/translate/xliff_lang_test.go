package translate

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

// TestExportLanguages checks that FromDocument, the library's entry point
// for languages from the command line, refuses what tandem cannot treat.
func TestExportLanguages(t *testing.T) {
	d := readMD(t, "论坛。\n")
	for _, tt := range []struct{ from, to, want string }{
		{"zh", "zh", "zh to zh: source and target are the same language"},
		{"zh", "fr", `target language "fr": language not supported`},
		{"de", "ru", `source language "de": language not supported`},
		{"zh", "", "target language empty language tag"},
		{"zh", "r u", `target language "r u": not a BCP 47 language tag`},
	} {
		if _, err := FromDocument(d, "a.md", tt.from, tt.to); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q to %q: got %v, want %q", tt.from, tt.to, err, tt.want)
		}
	}
	x, err := FromDocument(d, "a.md", "zh-hans", "RU")
	if err != nil || x.SrcLang != "zh-Hans" || x.TgtLang != "ru" {
		t.Errorf("canonical tags: %+v, %v", x, err)
	}
}

// TestScriptsAreLanguages checks that a memory's and a termbase's text is
// found in the same language and script only: Simplified Chinese is not
// taken for Traditional, while a region alone changes nothing.
func TestScriptsAreLanguages(t *testing.T) {
	tu := interchange.TU{Variants: []interchange.TUV{{Lang: "zh-TW", Seg: interchange.PlainText("論壇")}, {Lang: "zh-CN", Seg: interchange.PlainText("论坛")}, {Lang: "ru-RU", Seg: interchange.PlainText("форум")}}}
	c := interchange.Concept{Terms: []interchange.Term{{Lang: "zh-Hant", Text: "論壇"}, {Lang: "zh-Hans", Text: "论坛"}, {Lang: "ru", Text: "форум"}}}
	for _, tt := range []struct{ lang, want string }{
		{"zh", "论坛"},
		{"zh-Hans", "论坛"},
		{"zh-SG", "论坛"},
		{"zh-Hant", "論壇"},
		{"zh-HK", "論壇"},
		{"ru", "форум"},
		{"en", ""},
	} {
		if got, _ := tu.Text(tt.lang); got != tt.want {
			t.Errorf("TU.Text(%q) = %q, want %q", tt.lang, got, tt.want)
		}
		var got []string
		for _, term := range c.In(tt.lang) {
			got = append(got, term.Text)
		}
		if strings.Join(got, ",") != tt.want {
			t.Errorf("Concept.In(%q) = %q, want %q", tt.lang, got, tt.want)
		}
	}
	d := readMD(t, "论坛。\n")
	x, err := FromDocument(d, "a.md", "zh-CN", "zh-TW")
	if err != nil {
		t.Fatalf("Simplified to Traditional: %v", err)
	}
	x.Files[0].Units[0].Segments[0].Target = interchange.PlainText("論壇。")
	x.Files[0].Units[0].Segments[0].State = interchange.Translated
	if res, err := ApplyTranslation(d, x); err != nil || res.Translated != 1 || d.Lang != "zh-TW" {
		t.Errorf("import Simplified to Traditional: %+v, %v, document in %q", res, err, d.Lang)
	}
}
