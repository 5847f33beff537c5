package translate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/shareddata"
)

// showPattern writes a label pattern with its codes as {N}.
func showPattern(c interchange.Content) string {
	var b strings.Builder
	for _, r := range c {
		if r.Kind == interchange.Text {
			b.WriteString(r.Text)
		} else {
			b.WriteString("{" + r.ID + "}")
		}
	}
	return b.String()
}

func TestSplitLabel(t *testing.T) {
	for _, tt := range []struct {
		label, own string
		pattern    string
		numbers    string
		words      bool
	}{
		{"Статья 1.", "", "Статья {1}.", "1", true},
		{"Статья 12.", "", "Статья {1}.", "12", true},
		{"Раздел 2", "", "Раздел {1}", "2", true},
		{"Статья 1.2.", "", "Статья {1}.{2}.", "1 2", true},
		{"NEW-3-FORMAT", "", "NEW-{1}-FORMAT", "3", true},
		{"Раздел IV", "", "Раздел {1}", "IV", true},
		{"Part XIV:", "", "Part {1}:", "XIV", true},
		{"INDEX", "", "INDEX", "", true},
		{"Приложение А", "", "Приложение А", "", true},
		{"Пункт в)", "в", "Пункт {1})", "в", true},
		{"Пункт вв)", "в", "Пункт вв)", "", true},
		{"Item iv.", "iv", "Item {1}.", "iv", true},
		{"第三条", "三", "第{1}条", "三", true},
		{"第12条", "", "第{1}条", "12", true},
		{"1.2.", "", "{1}.{2}.", "1 2", false},
		{"(iv)", "iv", "({1})", "iv", false},
		{"a)", "a", "{1})", "a", false},
		{"IV.", "", "{1}.", "IV", false},
	} {
		p, nums, _, words := splitLabel(tt.label, tt.own)
		if got := showPattern(p); got != tt.pattern || strings.Join(nums, " ") != tt.numbers || words != tt.words {
			t.Errorf("splitLabel(%q, %q) = %q, %q, %v; want %q, %q, %v", tt.label, tt.own, got, nums, words, tt.pattern, tt.numbers, tt.words)
		}
	}
	// Labels of one pattern share a key, whatever their numbers.
	_, _, k1, _ := splitLabel("Статья 1.", "")
	_, _, k2, _ := splitLabel("Статья 20.", "")
	_, _, k3, _ := splitLabel("Раздел 1.", "")
	if k1 != k2 || k1 == k3 {
		t.Errorf("keys %q %q %q", k1, k2, k3)
	}
}

// labelsDocument is a treaty as the DOCX reader makes it: articles
// labelled "Статья N." in two lists, chapters numbered "Глава N", a
// nested list labelled "1.1." and a lettered one labelled "Пункт а)".
func labelsDocument() *doc.Document {
	text := func(s string) []doc.Inline { return []doc.Inline{{Type: doc.Text, Text: s}} }
	item := func(label, id, s string) doc.Item {
		return doc.Item{Label: label, Blocks: []doc.Block{{ID: id, Type: doc.Paragraph, Inlines: text(s)}}}
	}
	return &doc.Document{Version: doc.Version, Lang: "ru", Blocks: []doc.Block{
		{ID: "h-1", Type: doc.Heading, Level: 1, Number: "Глава 1", Inlines: text("Общие положения")},
		{ID: "l-1", Type: doc.ListBlock, List: &doc.List{Ordered: true, Items: []doc.Item{
			item("Статья 1.", "p-1", "Предмет договора."),
			item("Статья 2.", "p-2", "Стороны."),
		}}},
		{ID: "h-2", Type: doc.Heading, Level: 1, Number: "Глава 2", Inlines: text("Заключительные положения")},
		{ID: "l-2", Type: doc.ListBlock, List: &doc.List{Ordered: true, Start: 3, Items: []doc.Item{
			item("Статья 3.", "p-3", "Срок действия."),
		}}},
		{ID: "l-3", Type: doc.ListBlock, List: &doc.List{Ordered: true, Style: "cyrillic-lower", Items: []doc.Item{
			item("Пункт а)", "p-4", "Первое."),
			item("Пункт б)", "p-5", "Второе."),
		}}},
		{ID: "l-4", Type: doc.ListBlock, List: &doc.List{Ordered: true, Items: []doc.Item{
			item("1.1.", "p-6", "Без слов."),
		}}},
	}}
}

// TestLabelsTranslated exports list item labels and heading numbers that
// have words, one unit per pattern with the numbers as codes, and puts
// their translation back into every label with each one's own number.
func TestLabelsTranslated(t *testing.T) {
	for _, v := range []string{"1.2", "2.0"} {
		d := labelsDocument()
		x, err := FromDocument(d, "treaty.docx", "ru", "zh")
		if err != nil {
			t.Fatal(err)
		}
		x.Version = v
		var buf bytes.Buffer
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		if v == "2.0" {
			for _, p := range xliff2Problems(parseXML(t, buf.Bytes()), v) {
				t.Errorf("%s: %s", v, p)
			}
		} else if !strings.Contains(buf.String(), `Статья <ph id="1" ctype="x-number">1</ph>.</source>`) ||
			!strings.Contains(buf.String(), `<note>The labels of 3 list items (Статья 1., Статья 2., Статья 3.), translated once. A code stands for the number of each: keep it where the number goes.</note>`) {
			t.Errorf("%s: the label is not exported as a pattern with a note:\n%s", v, buf.String())
		}
		y, err := interchange.ReadXLIFF(&buf, "treaty.xlf")
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		tr := map[string]string{
			"h-1.number": "第{1/}章", "l-1.label": "第{1/}条", "l-3.label": "第{1/}项",
		}
		for i := range y.Files[0].Units {
			u := &y.Files[0].Units[i]
			ids = append(ids, u.ID)
			s := &u.Segments[0]
			if p, ok := tr[u.ID]; ok {
				s.Target = target(p, s.Source)
			} else {
				s.Target = interchange.PlainText("译文")
			}
			s.State = interchange.Translated
		}
		if want := "h-1.number h-1 l-1.label p-1 p-2 h-2 p-3 l-3.label p-4 p-5 p-6"; strings.Join(ids, " ") != want {
			t.Errorf("%s: units %s, want %s", v, strings.Join(ids, " "), want)
		}
		res, err := ApplyTranslation(d, y)
		if err != nil || len(res.Warnings) != 0 || len(res.Kept) != 0 {
			t.Fatalf("%s: %+v, %v", v, res, err)
		}
		var got []string
		for _, b := range d.Blocks {
			if b.Number != "" {
				got = append(got, b.Number)
			}
			if b.List != nil {
				for _, it := range b.List.Items {
					got = append(got, it.Label)
				}
			}
		}
		// The Russian letters of a list's numbers are Latin letters in
		// Chinese, as Chinese texts letter their lists; chapters and
		// articles count in Chinese (第一条).
		if want := "第一章 第一条 第二条 第二章 第三条 第a项 第b项 1.1."; strings.Join(got, " ") != want {
			t.Errorf("%s: labels %s, want %s", v, strings.Join(got, " "), want)
		}
	}
}

// TestLabelLosesNumber checks that a translation without the number says
// so, and that a label left untranslated keeps the source's.
func TestLabelLosesNumber(t *testing.T) {
	d := labelsDocument()
	x, err := FromDocument(d, "treaty.docx", "ru", "zh")
	if err != nil {
		t.Fatal(err)
	}
	for i := range x.Files[0].Units {
		u := &x.Files[0].Units[i]
		if u.ID == "l-1.label" {
			u.Segments[0].Target, u.Segments[0].State = interchange.PlainText("条"), interchange.Translated
		}
	}
	res, err := ApplyTranslation(d, x)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Msg, `unit "l-1.label": tag 1 (number) of the source is missing from the translation: the number is left out of the label`) {
		t.Errorf("warnings %v", res.Warnings)
	}
	if l := d.Blocks[1].List.Items[1].Label; l != "条" {
		t.Errorf("label %q", l)
	}
	if n := d.Blocks[0].Number; n != "Глава 1" {
		t.Errorf("an untranslated number became %q", n)
	}
}

// TestLabelsOfRealNumbering exports the labels of a Word file whose list
// levels have literal text (Apache POI's Numbering.docx).
func TestLabelsOfRealNumbering(t *testing.T) {
	d, err := docx.ReadFile(shareddata.Path(t, "bug-hunt/poi-Numbering.docx"), docx.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	x, err := FromDocument(d, "Numbering.docx", "en", "zh")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, u := range x.Units() {
		if strings.HasSuffix(u.ID, ".label") {
			found = append(found, showPattern(u.Segments[0].Source))
		}
	}
	if strings.Join(found, " ") != "NEW-{1}-FORMAT" {
		t.Errorf("labels exported: %q, want the one with words, NEW-{1}-FORMAT", found)
	}
}

// TestInlineImageAlt checks that the description of an image inside a
// paragraph is translated, as a figure's is, and comes back on the image.
func TestInlineImageAlt(t *testing.T) {
	d := readMD(t, "如图![签约仪式](a.png)所示，双方签署了条约。\n")
	x, err := FromDocument(d, "a.md", "zh", "ru")
	if err != nil {
		t.Fatal(err)
	}
	units := x.Files[0].Units
	if len(units) != 2 || !strings.HasSuffix(units[0].ID, ".img-1.alt") || units[0].Segments[0].Source.Plain() != "签约仪式" {
		t.Fatalf("units %+v", units)
	}
	units[0].Segments[0].Target, units[0].Segments[0].State = interchange.PlainText("Церемония подписания"), interchange.Translated
	units[1].Segments[0].Target = target("Как показано {1/}, стороны подписали договор.", units[1].Segments[0].Source)
	units[1].Segments[0].State = interchange.Translated
	res, err := ApplyTranslation(d, x)
	if err != nil || res.Translated != 2 || len(res.Warnings) != 0 {
		t.Fatalf("%+v, %v", res, err)
	}
	var alt []string
	doc.WalkInlines(d.Blocks[0].Inlines, func(in *doc.Inline) {
		if in.Type == doc.Image {
			alt = append(alt, in.Alt)
		}
	})
	if strings.Join(alt, "|") != "Церемония подписания" {
		t.Errorf("image descriptions %q in %+v", alt, d.Blocks[0].Inlines)
	}
}
