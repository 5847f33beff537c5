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
