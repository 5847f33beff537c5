package translate

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/interchange"
)

var tagNotation = regexp.MustCompile(`\{(/?)(\d+)(/?)\}`)

// target builds content from a translation written with tags as {N}
// (opens span N), {/N} (closes it) and {N/} (standalone code N). A code
// takes its type from the source's code of the same id, "bold" when the
// source has none.
func target(s string, src interchange.Content) interchange.Content {
	types := map[string]string{}
	for _, r := range src.Codes() {
		types[r.ID] = r.Type
	}
	var c interchange.Content
	last := 0
	for _, m := range tagNotation.FindAllStringSubmatchIndex(s, -1) {
		c = c.AppendText(s[last:m[0]])
		last = m[1]
		id := s[m[4]:m[5]]
		typ := types[id]
		if typ == "" {
			typ = "bold"
		}
		switch {
		case m[3] > m[2]:
			c = append(c, interchange.Run{Kind: interchange.Close, ID: id, Type: typ})
		case m[7] > m[6]:
			c = append(c, interchange.Run{Kind: interchange.Standalone, ID: id, Type: typ})
		default:
			c = append(c, interchange.Run{Kind: interchange.Open, ID: id, Type: typ})
		}
	}
	return c.AppendText(s[last:])
}

// TestImportSaysWhatItLoses imports translations that lose or invent
// something: each case must say so in a warning naming the unit, and the
// document must come out as described.
func TestImportSaysWhatItLoses(t *testing.T) {
	const src = "中俄贸易额达到**2401亿美元**。这是历史新高[^1]。\n\n论坛在北京举行。\n\n[^1]: 据海关统计。\n"
	// Units: 0 the paragraph (segments "中俄贸易额达到{1}2401亿美元{/1}。"
	// and "这是历史新高{2/}。"), 1 "论坛在北京举行。", 2 the note.
	good := map[[2]int]string{
		{0, 0}: "Товарооборот достиг {1}240,1 млрд долларов{/1}.",
		{0, 1}: "Это рекорд{2/}.",
		{1, 0}: "Форум прошёл в Пекине.",
		{2, 0}: "По данным таможни.",
	}
	tests := []struct {
		name    string
		targets map[[2]int]string // replacing those of good
		change  func(x *interchange.XLIFF, d *doc.Document)
		// warnings, in order, by a piece of each.
		warnings []string
		// what the Markdown of the result holds and does not hold.
		has, lacks                   []string
		kept, partial, missing, unkn int
	}{
		{name: "everything right", has: []string{"Товарооборот достиг **240,1 млрд долларов**. Это рекорд[^1].", "Форум прошёл в Пекине."}},
		{name: "a tag the source does not have",
			targets:  map[[2]int]string{{0, 0}: "Товарооборот {7}достиг{/7} {1}240,1 млрд долларов{/1}."},
			warnings: []string{`unit "p-w26hyngt": tag 7 (bold) of the translation is not in the source: its formatting is lost, its text kept`},
			has:      []string{"Товарооборот достиг **240,1 млрд долларов**."}},
		{name: "a standalone tag the source does not have",
			targets:  map[[2]int]string{{1, 0}: "Форум прошёл{5/} в Пекине."},
			warnings: []string{`tag 5 (bold) of the translation is not in the source: dropped`},
			has:      []string{"Форум прошёл в Пекине."}},
		{name: "formatting lost",
			targets:  map[[2]int]string{{0, 0}: "Товарооборот достиг 240,1 млрд долларов."},
			warnings: []string{`unit "p-w26hyngt": tag 1 (bold) of the source is missing from the translation: its formatting is lost`},
			has:      []string{"Товарооборот достиг 240,1 млрд долларов. Это рекорд[^1]."}},
		{name: "note reference lost",
			targets:  map[[2]int]string{{0, 1}: "Это рекорд."},
			warnings: []string{`tag 2 (footnote) of the source is missing from the translation: the note reference is put at the end of the sentence, so that the note keeps one`},
			has:      []string{"Это рекорд.[^1]", "[^1]: По данным таможни."}, lacks: []string{"рекорд[^1]"}},
		{name: "note reference repeated",
			targets:  map[[2]int]string{{0, 1}: "Это{2/} рекорд{2/}."},
			warnings: []string{`tag 2 (footnote) appears again in the translation: the repeat is dropped`},
			has:      []string{"Это[^1] рекорд."}},
		{name: "span repeated",
			targets:  map[[2]int]string{{0, 0}: "{1}Товарооборот{/1} достиг {1}240,1 млрд долларов{/1}."},
			warnings: []string{`tag 1 (bold) opens more than once in the translation: each span is kept`},
			has:      []string{"**Товарооборот** достиг **240,1 млрд долларов**."}},
		{name: "span not closed",
			targets:  map[[2]int]string{{0, 0}: "Товарооборот достиг {1}240,1 млрд долларов."},
			warnings: []string{`tag 1 (bold) is not closed in the translation: it ends with the text`},
			has:      []string{"**240,1 млрд долларов. Это рекорд[^1].**"}},
		{name: "span closed without opening",
			targets:  map[[2]int]string{{0, 0}: "Товарооборот достиг 240,1 млрд долларов{/1}."},
			warnings: []string{`tag 1 (bold) closes in the translation without opening: ignored`, `tag 1 (bold) of the source is missing`},
			has:      []string{"Товарооборот достиг 240,1 млрд долларов."}},
		{name: "standalone tag used as a span",
			targets:  map[[2]int]string{{0, 1}: "Это {2}рекорд{/2}."},
			warnings: []string{`tag 2 (footnote) of the source is missing`, `tag 2 (footnote) is a standalone code in the source but not in the translation: dropped`},
			has:      []string{"Это рекорд.[^1]"}},
		{name: "source changed since the export",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				x.Files[0].Units[1].Segments[0].Source = interchange.PlainText("论坛在上海举行。")
			},
			warnings: []string{`unit "p-55mgzo36" translates "论坛在上海举行。", but the document has "论坛在北京举行。" there (changed since the export?): kept in the source language`},
			has:      []string{"论坛在北京举行。"}, lacks: []string{"Пекине"}, kept: 1},
		{name: "segment marked translated with an empty target",
			targets:  map[[2]int]string{{1, 0}: " "},
			warnings: []string{`unit "p-55mgzo36": segment 1 is marked translated but its target is empty: kept in the source language`},
			has:      []string{"论坛在北京举行。"}, kept: 1},
		{name: "partly translated",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				s := &x.Files[0].Units[0].Segments[1]
				s.Target, s.State = s.Source, interchange.New
			},
			warnings: []string{`unit "p-w26hyngt": 1 of 2 segments not translated (2): kept in the source language`},
			has:      []string{"Товарооборот достиг **240,1 млрд долларов**. <span lang=\"zh\">这是历史新高[^1]。</span>\n"}, partial: 1},
		{name: "partly translated, the first sentence left",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				s := &x.Files[0].Units[0].Segments[0]
				s.Target, s.State = nil, interchange.New
			},
			warnings: []string{`unit "p-w26hyngt": 1 of 2 segments not translated (1): kept in the source language`},
			has:      []string{"<span lang=\"zh\">中俄贸易额达到**2401亿美元**。</span> Это рекорд[^1].\n"}, partial: 1},
		{name: "partly translated, one segment empty",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				x.Files[0].Units[0].Segments[0].Target = nil
			},
			warnings: []string{`unit "p-w26hyngt": segment 1 is marked translated but its target is empty: kept in the source language`},
			has:      []string{"<span lang=\"zh\">中俄贸易额达到**2401亿美元**。</span> Это рекорд[^1].\n"}, partial: 1},
		{name: "a note not translated",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				s := &x.Files[0].Units[2].Segments[0]
				s.Target, s.State = s.Source, interchange.New
			},
			has: []string{"[^1]: <span lang=\"zh\">据海关统计。</span>\n"}, kept: 1},
		{name: "not translated at all",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				s := &x.Files[0].Units[1].Segments[0]
				s.Target, s.State = nil, interchange.New
			},
			has: []string{"\n<span lang=\"zh\">论坛在北京举行。</span>\n"}, kept: 1},
		{name: "a unit the document does not have",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				x.Files[0].Units[1].ID = "p-elsewhere"
			},
			warnings: []string{`unit "p-elsewhere" is not in the document: its translation is not used`},
			has:      []string{"论坛在北京举行。"}, missing: 1, unkn: 1},
		{name: "another source language",
			change: func(x *interchange.XLIFF, d *doc.Document) {
				d.Lang = "ru"
			},
			warnings: []string{"the file translates from zh, but the document is in ru"},
			has:      []string{"Форум прошёл в Пекине."}},
	}
	for _, tt := range tests {
		d := readMD(t, src)
		x, err := FromDocument(d, "a.md", "zh", "ru")
		if err != nil {
			t.Fatal(err)
		}
		// Write and read the file, as a CAT tool hands it back.
		var buf bytes.Buffer
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		if x, err = interchange.ReadXLIFF(&buf, "a.xlf"); err != nil {
			t.Fatal(err)
		}
		units := x.Units()
		for k, s := range good {
			tr := s
			if v, ok := tt.targets[k]; ok {
				tr = v
			}
			seg := &x.Files[0].Units[k[0]].Segments[k[1]]
			seg.Target, seg.State = target(tr, units[k[0]].Segments[k[1]].Source), interchange.Translated
		}
		if tt.change != nil {
			tt.change(x, d)
		}
		res, err := ApplyTranslation(d, x)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		var got []string
		for _, w := range res.Warnings {
			got = append(got, w.String())
			if w.File != "a.xlf" || (w.Line == 0) != strings.HasPrefix(w.Msg, "the file translates") {
				t.Errorf("%s: warning without its place: %s", tt.name, w)
			}
		}
		ok := len(got) == len(tt.warnings)
		for i := 0; ok && i < len(got); i++ {
			ok = strings.Contains(got[i], tt.warnings[i])
		}
		if !ok {
			t.Errorf("%s: warnings\n%s\nwant\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
		}
		if len(res.Kept) != tt.kept || len(res.Partial) != tt.partial || len(res.Missing) != tt.missing || len(res.Unknown) != tt.unkn {
			t.Errorf("%s: kept %v, partial %v, missing %v, unknown %v", tt.name, res.Kept, res.Partial, res.Missing, res.Unknown)
		}
		var md bytes.Buffer
		if err := doc.WriteMarkdown(&md, d); err != nil {
			t.Fatal(err)
		}
		for _, s := range tt.has {
			if !strings.Contains(md.String(), s) {
				t.Errorf("%s: the document lacks %q:\n%s", tt.name, s, md.String())
			}
		}
		for _, s := range tt.lacks {
			if strings.Contains(md.String(), s) {
				t.Errorf("%s: the document has %q:\n%s", tt.name, s, md.String())
			}
		}
	}
}

// TestImportRefuses lists the files import cannot apply at all.
func TestImportRefuses(t *testing.T) {
	for _, tt := range []struct{ src, tgt, want string }{
		{"zh", "", "the XLIFF file names no target language"},
		{"zh-CN", "zh-Hans", "the XLIFF file translates zh-CN into zh-Hans: source and target are the same language"},
	} {
		d := readMD(t, "论坛。\n")
		x := &interchange.XLIFF{SrcLang: tt.src, TgtLang: tt.tgt}
		if _, err := ApplyTranslation(d, x); err == nil || err.Error() != tt.want {
			t.Errorf("%s to %s: got %v, want %q", tt.src, tt.tgt, err, tt.want)
		}
	}
}

// TestPartialTranslationNests checks that sentences kept in the source
// language are marked with spans that nest with the formatting, also when
// a bold span runs from a translated sentence into a kept one.
func TestPartialTranslationNests(t *testing.T) {
	d := readMD(t, "第一句**很重要。第二句**在这里。\n")
	x, err := FromDocument(d, "a.md", "zh-CN", "ru")
	if err != nil {
		t.Fatal(err)
	}
	segs := x.Files[0].Units[0].Segments
	if len(segs) != 2 {
		t.Fatalf("want two segments, got %+v", segs)
	}
	segs[0].Target, segs[0].State = target("Первое {1}очень важно.", segs[0].Source), interchange.Translated
	res, err := ApplyTranslation(d, x)
	if err != nil || len(res.Partial) != 1 || res.Translated != 0 || len(res.Warnings) != 1 {
		t.Fatalf("applied %+v, %v", res, err)
	}
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	zh := func(s string) doc.Inline {
		return doc.Inline{Type: doc.Span, Lang: "zh-CN", Content: []doc.Inline{text(s)}}
	}
	want := []doc.Inline{
		text("Первое "),
		{Type: doc.Strong, Content: []doc.Inline{text("очень важно. "), zh("第二句")}},
		zh("在这里。"),
	}
	if got := d.Blocks[0].Inlines; !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%+v\nwant\n%+v", got, want)
	}
	var html bytes.Buffer
	if err := doc.WriteHTML(&html, d, doc.HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := `Первое <strong>очень важно. <span lang="zh-CN">第二句</span></strong><span lang="zh-CN">在这里。</span>`; !strings.Contains(html.String(), want) {
		t.Errorf("HTML lacks %s:\n%s", want, html.String())
	}
}

// TestImportLetterless checks that a unit with no letter (a year, a time)
// left new is taken as it is, as its own translation: no span of the
// source language around it, no warning that it was not translated, also
// when a sentence with words beside it is kept in the source language.
// A decimal number ("10,7") is not: languages write it differently.
func TestImportLetterless(t *testing.T) {
	d := readMD(t, "2001\n\n15:30\n\n论坛在北京举行。\n\n会议于2021年举行。 2022\n\n10,7\n")
	x, err := FromDocument(d, "a.md", "zh", "ru")
	if err != nil {
		t.Fatal(err)
	}
	units := x.Files[0].Units
	if len(units) != 5 {
		t.Fatalf("want 5 units, got %d", len(units))
	}
	units[0].Segments[0].Target = units[0].Segments[0].Source
	seg := &units[2].Segments[0]
	seg.Target, seg.State = target("Форум прошёл в Пекине.", seg.Source), interchange.Translated
	res, err := ApplyTranslation(d, x)
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := doc.WriteMarkdown(&md, d); err != nil {
		t.Fatal(err)
	}
	want := "2001\n\n15:30\n\nФорум прошёл в Пекине.\n\n<span lang=\"zh\">会议于2021年举行。</span>"
	if !strings.Contains(md.String(), want) || strings.Contains(md.String(), `<span lang="zh">2022`) {
		t.Errorf("document:\n%s\nwant it to have\n%s", md.String(), want)
	}
	// The fourth unit is partly translated: its year is. A decimal
	// number is written otherwise in other languages: it is kept, not
	// translated.
	if len(res.Kept) != 1 || res.Kept[0] != units[4].ID || len(res.Partial) != 1 || res.Partial[0] != units[3].ID || len(res.Warnings) != 1 {
		t.Errorf("kept %v, partial %v, want %s kept, %s partial; warnings %v", res.Kept, res.Partial, units[4].ID, units[3].ID, res.Warnings)
	}
}

// TestImportCopiedSource imports targets that are their source, marked
// translated: text in letters the target language does not use (Chinese
// in Russian, Russian in English) is the source left untranslated, kept
// in the source language and marked as such with a warning naming the
// unit; names and abbreviations in Latin letters ("NATO", "GDP") are
// legitimate targets in any of them, and so is a segment not to be
// translated.
func TestImportCopiedSource(t *testing.T) {
	tests := []struct {
		from, to, text string
		noTranslate    bool
		kept           bool
		warning        string
	}{
		{"zh", "ru", "石油；", false, true, "segment 1 is marked translated, but its target is its source, in Han letters, which ru text does not use"},
		{"zh", "en", "GDP增长", false, true, "in Han letters, which en text does not use"},
		{"ru", "en", "Москва", false, true, "in Cyrillic letters, which en text does not use"},
		{"ru", "zh", "Москва", false, true, "in Cyrillic letters, which zh text does not use"},
		{"en", "ru", "NATO", false, false, ""},
		{"zh", "ru", "GDP", false, false, ""},
		{"en", "zh", "OK", false, false, ""},
		{"zh", "ru", "石油", true, false, ""},
	}
	for _, tt := range tests {
		d, err := markdown.Read([]byte(tt.text+"\n"), tt.from, markdown.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		x, err := FromDocument(d, "a.md", tt.from, tt.to)
		if err != nil {
			t.Fatal(err)
		}
		seg := &x.Files[0].Units[0].Segments[0]
		seg.Target, seg.State, seg.NoTranslate = seg.Source, interchange.Translated, tt.noTranslate
		res, err := ApplyTranslation(d, x)
		if err != nil {
			t.Fatal(err)
		}
		name := tt.from + "→" + tt.to + " " + tt.text
		if got := len(res.Kept) == 1; got != tt.kept || res.Translated != 1-len(res.Kept) {
			t.Errorf("%s: kept %v, translated %d", name, res.Kept, res.Translated)
		}
		switch {
		case tt.warning == "" && len(res.Warnings) > 0:
			t.Errorf("%s: unexpected warnings\n%s", name, warningLines(res.Warnings))
		case tt.warning != "" && (len(res.Warnings) != 1 || !strings.HasPrefix(res.Warnings[0].Msg, `unit "`+x.Files[0].Units[0].ID+`": segment 1 is marked translated`) || !strings.Contains(res.Warnings[0].Msg, tt.warning)):
			t.Errorf("%s: warnings\n%swant one with %q", name, warningLines(res.Warnings), tt.warning)
		}
		var md bytes.Buffer
		if err := doc.WriteMarkdown(&md, d); err != nil {
			t.Fatal(err)
		}
		span := `<span lang="` + tt.from + `">` + tt.text + `</span>`
		if got := strings.Contains(md.String(), span); got != tt.kept {
			t.Errorf("%s: marked as %s: %v, want %v:\n%s", name, tt.from, got, tt.kept, md.String())
		}
	}
}
