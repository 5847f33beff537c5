package translate

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/interchange"
)

// TestTranslatedSpanLang imports translations of text marked as in another
// language than the document's: a span or a block whose text the
// translator put into the target language's script loses its language, as
// does one in the target language itself; one whose text is still in its
// own script (a Latin name kept in a Russian text) keeps it, and text left
// untranslated is marked with the language it had, a block's own when it
// has one.
func TestTranslatedSpanLang(t *testing.T) {
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	span := func(l, s string) doc.Inline {
		return doc.Inline{Type: doc.Span, Lang: l, Content: []doc.Inline{text(s)}}
	}
	para := func(l string, ins ...doc.Inline) doc.Block {
		return doc.Block{Type: doc.Paragraph, Lang: l, Inlines: ins}
	}
	tests := []struct {
		name     string
		src, tgt string
		block    doc.Block
		segs     []string // targets by segment; "" leaves one untranslated
		want     string   // the block as JSON
	}{
		{"English span into Russian", "zh", "ru",
			para("", text("会谈结束。"), span("en-US", "The statement was signed.")),
			[]string{"Переговоры завершились.", "{1}Заявление было подписано.{/1}"},
			`{"type":"paragraph","inlines":[{"type":"text","text":"Переговоры завершились. Заявление было подписано."}]}`},
		{"Russian span into Russian", "zh", "ru",
			para("", text("会谈结束。"), span("ru-RU", "Все засмеялись.")),
			[]string{"Переговоры завершились.", "{1}Все засмеялись.{/1}"},
			`{"type":"paragraph","inlines":[{"type":"text","text":"Переговоры завершились. Все засмеялись."}]}`},
		{"English span into Chinese", "ru", "zh",
			para("", text("Стороны ("), span("en-US", "the Russian side"), text(") договорились.")),
			[]string{"双方（{1}俄方{/1}）商定。"},
			`{"type":"paragraph","inlines":[{"type":"text","text":"双方（俄方）商定。"}]}`},
		{"Chinese span into Chinese", "ru", "zh",
			para("", text("Стороны ("), span("zh-CN", "中方"), text(") договорились.")),
			[]string{"双方（{1}中方{/1}）商定。"},
			`{"type":"paragraph","inlines":[{"type":"text","text":"双方（中方）商定。"}]}`},
		{"Latin name kept", "zh", "ru",
			para("", text("我们用"), span("en-US", "Microsoft"), text("的软件。")),
			[]string{"Мы пользуемся программами {1}Microsoft{/1}."},
			`{"type":"paragraph","inlines":[{"type":"text","text":"Мы пользуемся программами "},{"type":"span","content":[{"type":"text","text":"Microsoft"}],"lang":"en-US"},{"type":"text","text":"."}]}`},
		{"English block into Russian", "zh", "ru",
			para("en-US", text("The statement was signed.")),
			[]string{"Заявление было подписано."},
			`{"type":"paragraph","inlines":[{"type":"text","text":"Заявление было подписано."}]}`},
		{"Russian block into Russian", "zh", "ru",
			para("ru-RU", text("Сотрудничество — основа.")),
			[]string{"Сотрудничество — основа."},
			`{"type":"paragraph","inlines":[{"type":"text","text":"Сотрудничество — основа."}]}`},
		{"English block half translated into Chinese", "ru", "zh",
			para("en-US", text("First. Second.")),
			[]string{"第一。", ""},
			`{"type":"paragraph","inlines":[{"type":"text","text":"第一。 "},{"type":"span","content":[{"type":"text","text":"Second."}],"lang":"en-US"}]}`},
	}
	for _, tc := range tests {
		d := &doc.Document{Lang: tc.src, Blocks: []doc.Block{tc.block}}
		doc.AssignIDs(d)
		x, err := FromDocument(d, "a.docx", tc.src, tc.tgt)
		if err != nil {
			t.Fatal(err)
		}
		segs := x.Files[0].Units[0].Segments
		if len(segs) != len(tc.segs) {
			t.Fatalf("%s: %d segments, want %d: %+v", tc.name, len(segs), len(tc.segs), segs)
		}
		for k, s := range tc.segs {
			if s != "" {
				segs[k].Target, segs[k].State = target(s, segs[k].Source), interchange.Translated
			}
		}
		if _, err := ApplyTranslation(d, x); err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(d.Blocks[0])
		got = bytes.Replace(got, []byte(`"id":"`+d.Blocks[0].ID+`",`), nil, 1)
		if string(got) != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, got, tc.want)
		}

		// Word is told the same: no run of the translated text is marked
		// as in the language it was translated from.
		var pkg bytes.Buffer
		if _, err := docx.Write(&pkg, d, docx.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(pkg.Bytes()), int64(pkg.Len()))
		if err != nil {
			t.Fatal(err)
		}
		var body []byte
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				rc, _ := f.Open()
				body, _ = io.ReadAll(rc)
				rc.Close()
			}
		}
		for _, l := range []string{"en-US", "ru-RU", "zh-CN"} {
			if want := strings.Contains(tc.want, `"lang":"`+l+`"`); strings.Contains(string(body), `"`+l+`"`) != want {
				t.Errorf("%s: DOCX marks text %s: %v, want %v\n%s", tc.name, l, !want, want, body)
			}
		}
	}
}
