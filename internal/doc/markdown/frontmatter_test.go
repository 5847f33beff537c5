package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestFrontMatterKept checks that every piece of front matter is either
// kept as metadata or named in a warning, that empty front matter is not
// read as two rules, and that what the Markdown writer writes reads back
// as the same metadata.
func TestFrontMatterKept(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      doc.Document
		warn      string
		text      string
	}{
		{"language alone", "---\nlang: zh-Hans-CN\n---\n正文。\n", doc.Document{Lang: "zh-Hans-CN"}, "", "正文。"},
		{"Russian alone", "---\nlang: ru\n---\n\nТекст.\n", doc.Document{Lang: "ru"}, "", "Текст."},
		{"abstract, date, keywords", "---\ntitle: Договор\nabstract: |\n  Первый абзац.\n\n  Второй.\ndate: 2021-07-16\nkeywords: [договор, Китай]\nlang: ru\n---\nТекст.\n",
			doc.Document{Title: "Договор", Lang: "ru", Abstract: "Первый абзац.\n\nВторой.", Date: "2021-07-16", Keywords: []string{"договор", "Китай"}}, "", "Текст."},
		{"keywords in one string, tags, description", "---\ndescription: Кратко.\ntags: 睦邻，友好；合作\nlang: zh\n---\n正文。\n",
			doc.Document{Lang: "zh", Abstract: "Кратко.", Keywords: []string{"睦邻", "友好", "合作"}}, "", "正文。"},
		{"keys tandem does not keep", "---\ntitle: x\nsubtitle: y\nbibliography: refs.bib\nlang: en\n---\nText.\n",
			doc.Document{Title: "x", Lang: "en"}, `front matter keys "subtitle", "bibliography" not kept`, "Text."},
		{"a title YAML reads as a boolean", "---\ntitle: \"true\"\nlang: en\n---\nText.\n", doc.Document{Title: "true", Lang: "en"}, "", "Text."},
		{"empty front matter", "---\n---\nText.\n", doc.Document{Lang: "en"}, "", "Text."},
		{"front matter of comments only", "---\n# draft\n---\n\nText.\n", doc.Document{Lang: "en"}, "", "Text."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lang := ""
			if !strings.Contains(tc.src, "lang:") {
				lang = "en"
			}
			d, err := Read([]byte(tc.src), lang, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			checkMeta(t, "read", d, &tc.want)
			var texts []string
			for i := range d.Blocks {
				texts = append(texts, string(d.Blocks[i].Type)+":"+doc.BlockText(&d.Blocks[i]))
			}
			if got := strings.Join(texts, "|"); got != "paragraph:"+tc.text {
				t.Errorf("blocks = %q, want one paragraph %q", got, tc.text)
			}
			if w := strings.Join(d.Warnings, "\n"); (tc.warn == "") != (w == "") || !strings.Contains(w, tc.warn) {
				t.Errorf("warnings = %q, want %q", d.Warnings, tc.warn)
			}
			var out bytes.Buffer
			if err := doc.WriteMarkdown(&out, d); err != nil {
				t.Fatal(err)
			}
			back, err := Read(out.Bytes(), "", Limits{})
			if err != nil {
				t.Fatalf("%v reading back\n%s", err, out.String())
			}
			checkMeta(t, "written and read back", back, &tc.want)
		})
	}
}

func checkMeta(t *testing.T, what string, d, want *doc.Document) {
	t.Helper()
	if d.Title != want.Title || d.Lang != want.Lang || d.Abstract != want.Abstract || d.Date != want.Date ||
		strings.Join(d.Keywords, "|") != strings.Join(want.Keywords, "|") || strings.Join(d.Authors, "|") != strings.Join(want.Authors, "|") {
		t.Errorf("%s: title %q, lang %q, abstract %q, date %q, keywords %q, authors %q\nwant %q, %q, %q, %q, %q, %q", what,
			d.Title, d.Lang, d.Abstract, d.Date, d.Keywords, d.Authors, want.Title, want.Lang, want.Abstract, want.Date, want.Keywords, want.Authors)
	}
}
