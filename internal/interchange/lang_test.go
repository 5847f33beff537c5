package interchange

import (
	"bytes"
	"strings"
	"testing"
)

// TestWritersCheckTags checks that no writer puts a language tag into a
// file unchecked: a malformed tag is an error, a good one is written in
// canonical form.
func TestWritersCheckTags(t *testing.T) {
	seg := func(l string) TUV { return TUV{Lang: l, Seg: PlainText("x")} }
	terms := func(l string) *Termbase {
		return &Termbase{Entries: []Concept{{ID: "c", Terms: []Term{{Lang: "zh", Text: "论坛"}, {Lang: l, Text: "форум"}}}}}
	}
	tests := []struct {
		name  string
		write func(w *bytes.Buffer) error
		want  string // an error, or a piece of the file
	}{
		{"XLIFF source", func(w *bytes.Buffer) error { return WriteXLIFF(w, &XLIFF{SrcLang: "!!bad", TgtLang: "ru"}) }, `write XLIFF: source language: "!!bad": not a BCP 47 language tag`},
		{"XLIFF 2 target", func(w *bytes.Buffer) error {
			return WriteXLIFF(w, &XLIFF{Version: "2.1", SrcLang: "zh", TgtLang: `ru"><x`})
		}, `write XLIFF: target language: "ru\"><x": not a BCP 47 language tag`},
		{"XLIFF canonical", func(w *bytes.Buffer) error { return WriteXLIFF(w, &XLIFF{SrcLang: "ZH_cn", TgtLang: "ru-ru"}) }, `source-language="zh-CN" target-language="ru-RU"`},
		{"TMX variant", func(w *bytes.Buffer) error {
			return WriteTMX(w, &TMX{Units: []TU{{ID: "7", Variants: []TUV{seg("zh"), seg("русский")}}}}, testVersion)
		}, `write TMX: unit "7": "русский": not a BCP 47 language tag`},
		{"TMX variant without language", func(w *bytes.Buffer) error {
			return WriteTMX(w, &TMX{Units: []TU{{ID: "7", Variants: []TUV{seg("zh"), seg("")}}}}, testVersion)
		}, `write TMX: unit "7": a variant without language`},
		{"TMX source", func(w *bytes.Buffer) error { return WriteTMX(w, &TMX{SrcLang: "zh cn"}, testVersion) }, `write TMX: source language: "zh cn"`},
		{"TMX canonical", func(w *bytes.Buffer) error {
			return WriteTMX(w, &TMX{SrcLang: "zh_CN", Units: []TU{{Variants: []TUV{seg("zh_CN"), seg("RU")}}}}, testVersion)
		}, `srclang="zh-CN"`},
		{"TBX term", func(w *bytes.Buffer) error { return WriteTBX(w, terms("ru RU"), "zh") }, `write TBX: entry "c": "ru RU": not a BCP 47 language tag`},
		{"TBX source", func(w *bytes.Buffer) error { return WriteTBX(w, terms("ru"), "<zh>") }, `write TBX: source language: "<zh>"`},
		{"TBX canonical", func(w *bytes.Buffer) error { return WriteTBX(w, terms("RU-ru"), "zh") }, `<langSet xml:lang="ru-RU">`},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		err := tt.write(&buf)
		got := buf.String()
		if err != nil {
			got = err.Error()
		}
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: got\n%s\nwant %s", tt.name, got, tt.want)
		}
	}
}

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
	tu := TU{Variants: []TUV{{Lang: "zh-TW", Seg: PlainText("論壇")}, {Lang: "zh-CN", Seg: PlainText("论坛")}, {Lang: "ru-RU", Seg: PlainText("форум")}}}
	c := Concept{Terms: []Term{{Lang: "zh-Hant", Text: "論壇"}, {Lang: "zh-Hans", Text: "论坛"}, {Lang: "ru", Text: "форум"}}}
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
	x.Files[0].Units[0].Segments[0].Target = PlainText("論壇。")
	x.Files[0].Units[0].Segments[0].State = Translated
	if res, err := ApplyTranslation(d, x); err != nil || res.Translated != 1 || d.Lang != "zh-TW" {
		t.Errorf("import Simplified to Traditional: %+v, %v, document in %q", res, err, d.Lang)
	}
}
