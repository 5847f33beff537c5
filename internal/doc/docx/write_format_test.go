package docx

import (
	"strings"
	"testing"
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
