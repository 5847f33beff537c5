package docx

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// translatedParts translates the package of parts from one language into
// another through XLIFF, as `tandem xliff import --to docx` does, and
// returns the parts of the DOCX written over it.
func translatedParts(t *testing.T, parts map[string]string, from, to string) map[string]string {
	t.Helper()
	tr := translation{name: from + "→" + to, from: from, to: to, source: zipParts(t, parts)}
	out := tr.write(t, tr.translate(t))
	got := map[string]string{}
	for name, b := range checkPackage(t, out) {
		got[name] = string(b)
	}
	return got
}

// langParts is a Chinese manuscript whose settings and core properties
// say its language, with a Russian name in it.
func langParts() map[string]string {
	parts := pkgParts(`<w:p><w:r><w:t>俄罗斯著名国际关系学者</w:t></w:r><w:r><w:rPr><w:lang w:val="ru-RU"/></w:rPr><w:t>Кортунов</w:t></w:r><w:r><w:t>指出。</w:t></w:r></w:p>`)
	parts["word/styles.xml"] = strings.Replace(parts["word/styles.xml"], `<w:lang w:val="en-US" w:eastAsia="zh-CN"/>`, `<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>`, 1)
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`,
		`<Relationship Id="rSet" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>`, 1)
	parts["word/settings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:settings ` + wns + `><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>`
	parts["_rels/.rels"] = strings.Replace(parts["_rels/.rels"], `</Relationships>`,
		`<Relationship Id="rCore" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`, 1)
	parts["docProps/core.xml"] = `<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>标题</dc:title><dc:language>zh-CN</dc:language></cp:coreProperties>`
	return parts
}

// TestWriteLanguageTags checks that a translation says its language the
// way the project does (English is en-GB) in every place a DOCX says one:
// the default languages of the text, East Asian text included, the
// theme's fonts, the core properties and the runs of other languages.
func TestWriteLanguageTags(t *testing.T) {
	for _, c := range []struct {
		to, val, ea string
	}{
		{"en", "en-GB", "en-GB"},
		{"ru", "ru-RU", "ru-RU"},
	} {
		t.Run(c.to, func(t *testing.T) {
			parts := translatedParts(t, langParts(), "zh", c.to)
			styles := parts["word/styles.xml"]
			if want := `<w:lang w:val="` + c.val + `" w:eastAsia="` + c.ea + `" w:bidi="ar-SA"/>`; !strings.Contains(styles, want) {
				t.Errorf("styles.xml lacks %s:\n%s", want, styles)
			}
			if want := `<w:themeFontLang w:val="` + c.val + `" w:eastAsia="` + c.ea + `"/>`; !strings.Contains(parts["word/settings.xml"], want) {
				t.Errorf("settings.xml lacks %s:\n%s", want, parts["word/settings.xml"])
			}
			if want := `<dc:language>` + c.val + `</dc:language>`; !strings.Contains(parts["docProps/core.xml"], want) {
				t.Errorf("core.xml lacks %s:\n%s", want, parts["docProps/core.xml"])
			}
			for name, p := range parts {
				if strings.Contains(p, `"en-US"`) || strings.Contains(p, `"zh-CN"`) {
					t.Errorf("%s still says en-US or zh-CN", name)
				}
			}
		})
	}
	// Latin letters in a Chinese translation of a Russian text are
	// English, the project's.
	ru := pkgParts(`<w:p><w:r><w:t>Статья о договоре.</w:t></w:r></w:p>`)
	ru["word/styles.xml"] = strings.Replace(ru["word/styles.xml"], `w:val="en-US"`, `w:val="ru-RU"`, 1)
	parts := translatedParts(t, ru, "ru", "zh")
	if want := `<w:lang w:val="en-GB" w:eastAsia="zh-CN"`; !strings.Contains(parts["word/styles.xml"], want) {
		t.Errorf("styles.xml of a Chinese translation lacks %s", want)
	}
}

// TestWordLang checks the form of a language Word's w:lang gets.
func TestWordLang(t *testing.T) {
	for in, want := range map[string]string{"en": "en-GB", "ru": "ru-RU", "zh": "zh-CN", "zh-Hant": "zh-TW", "en-US": "en-US", "zh-Hant-HK": "zh-HK"} {
		if got := wordLang(in); got != want {
			t.Errorf("wordLang(%q) = %q, want %q", in, got, want)
		}
	}
}

// numberedParts is a manuscript with lists numbered in the formats of
// numbering, one list per numId from 1, each with the paragraphs texts,
// and settings and a section that number notes and pages in noteFmt.
func numberedParts(numbering string, lists map[int][]string, noteFmt string) map[string]string {
	var body strings.Builder
	for id := 1; id <= len(lists); id++ {
		for _, text := range lists[id] {
			body.WriteString(numPara(id, 0, text))
		}
		body.WriteString(`<w:p><w:r><w:t>—</w:t></w:r></w:p>`)
	}
	parts := pkgParts(body.String())
	parts["word/numbering.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wns + `>` + numbering + `</w:numbering>`
	parts["word/document.xml"] = strings.Replace(parts["word/document.xml"], `<w:sectPr/>`,
		`<w:sectPr><w:footnotePr><w:numFmt w:val="`+noteFmt+`"/></w:footnotePr><w:pgNumType w:fmt="`+noteFmt+`" w:start="1"/></w:sectPr>`, 1)
	parts["word/_rels/document.xml.rels"] = strings.Replace(parts["word/_rels/document.xml.rels"], `</Relationships>`,
		`<Relationship Id="rSet" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>`, 1)
	parts["word/settings.xml"] = `<?xml version="1.0" encoding="UTF-8"?><w:settings ` + wns + `><w:footnotePr><w:numFmt w:val="` + noteFmt + `"/></w:footnotePr><w:endnotePr><w:numFmt w:val="` + noteFmt + `"/></w:endnotePr></w:settings>`
	return parts
}

// TestWriteNumberFormatsTranslated translates lists numbered in Chinese
// counting, circled and Russian letters: the written numbering, note and
// page numbers use the target's formats, the level texts its punctuation,
// and the labels read back agree with the translated document's.
func TestWriteNumberFormatsTranslated(t *testing.T) {
	abs := func(id int, format, text string) string {
		return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d">%s</w:abstractNum><w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>`, id, lvl(0, format, text), id, id)
	}
	for _, c := range []struct {
		name, from, to string
		parts          map[string]string
		// absent are number formats the written package must not use;
		// want are what it must have.
		absent, want []string
		labels       string
	}{
		{name: "Chinese into English", from: "zh", to: "en",
			parts: numberedParts(abs(1, "chineseCounting", "%1、")+abs(2, "chineseCountingThousand", "第%1条")+abs(3, "decimalEnclosedCircleChinese", "%1")+abs(4, "ideographTraditional", "（%1）"),
				map[int][]string{1: {"总则部分", "目的部分"}, 2: {"双方同意。", "条约生效。"}, 3: {"甲方内容", "乙方内容"}, 4: {"天干第一", "天干第二"}}, "chineseCounting"),
			absent: []string{"chinese", "ideograph", `"decimalEnclosedCircleChinese"`, "、", "（"},
			want: []string{`<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>`, `<w:numFmt w:val="decimalEnclosedCircle"/>`, `<w:lvlText w:val="(%1)"/>`,
				`<w:footnotePr><w:numFmt w:val="decimal"/></w:footnotePr><w:endnotePr><w:numFmt w:val="lowerRoman"/>`, `<w:pgNumType w:fmt="decimal"`},
			labels: "|, |, ?1?|, ?2?|, ①|, ②|, (1)|, (2)|"},
		{name: "Chinese into Russian", from: "zh", to: "ru",
			parts:  numberedParts(abs(1, "chineseCounting", "%1、"), map[int][]string{1: {"总则部分", "目的部分"}}, "chineseCounting"),
			absent: []string{"chinese", "lowerRoman"},
			want:   []string{`<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>`, `<w:endnotePr><w:numFmt w:val="decimal"/>`, `<w:pgNumType w:fmt="decimal"`},
			labels: "|, |"},
		{name: "Russian into English", from: "ru", to: "en",
			parts:  numberedParts(abs(1, "russianLower", "%1)")+abs(2, "russianUpper", "%1."), map[int][]string{1: {"Стороны договорились.", "Договор вступает в силу."}, 2: {"Первое положение.", "Второе положение."}}, "russianLower"),
			absent: []string{"russian"},
			want:   []string{`<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/>`, `<w:numFmt w:val="upperLetter"/>`, `<w:pgNumType w:fmt="lowerLetter"`},
			labels: "a)|lower-alpha, b)|lower-alpha, |upper-alpha, |upper-alpha"},
		{name: "Russian into Chinese", from: "ru", to: "zh",
			parts:  numberedParts(abs(1, "russianLower", "%1)"), map[int][]string{1: {"Стороны договорились.", "Договор вступает в силу."}}, "decimal"),
			absent: []string{"russian"},
			want:   []string{`<w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/>`},
			labels: "a)|lower-alpha, b)|lower-alpha"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr := translation{name: c.name, from: c.from, to: c.to, source: zipParts(t, c.parts)}
			d := tr.translate(t)
			out := tr.write(t, d)
			parts := checkPackage(t, out)
			all := string(parts["word/numbering.xml"]) + string(parts["word/settings.xml"]) + string(parts["word/document.xml"])
			for _, a := range c.absent {
				if strings.Contains(strings.ToLower(all), strings.ToLower(a)) {
					t.Errorf("the translation still has %s:\n%s", a, all)
				}
			}
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("the translation lacks %s:\n%s", w, all)
				}
			}
			back, err := readBytes(t, out)
			if err != nil {
				t.Fatal(err)
			}
			labels := func(d *doc.Document) string {
				var out []string
				for _, b := range d.Blocks {
					if b.List != nil {
						for _, it := range b.List.Items {
							l := it.Label
							if c.from == "zh" && strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") != l {
								// A translated pattern: its words are
								// pseudo-translated, its number kept.
								l = "?" + strings.Trim(l, "abcdefghijklmnopqrstuvwxyz") + "?"
							}
							out = append(out, l+"|"+b.List.Style)
						}
					}
				}
				return strings.Join(out, ", ")
			}
			if got := labels(d); got != c.labels {
				t.Errorf("translated labels %s, want %s", got, c.labels)
			}
			if got, want := labels(back), labels(d); got != want {
				t.Errorf("labels read back %s, want the translation's %s", got, want)
			}
		})
	}
}
