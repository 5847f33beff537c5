package translate

import (
	"slices"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestSegmentsReadCodes exports paragraphs whose sentences turn on what a
// code shows: a caption whose number is a field is one segment, as
// "Таблица 1. Товарооборот" typed out is, in every source language and
// whether or not the field kept its value; a line break ends a heading
// line as it does in a text file; a note reference after a stop, which
// shows no word, leaves the sentence ended there.
func TestSegmentsReadCodes(t *testing.T) {
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	seq := func(v string) doc.Inline {
		return doc.Inline{Type: doc.Field, Instr: `SEQ Таблица \* ARABIC`, Text: v}
	}
	math := func(tex string) doc.Inline { return doc.Inline{Type: doc.MathInline, Math: &doc.Math{TeX: tex}} }
	for _, tt := range []struct {
		lang    string
		inlines []doc.Inline
		want    []string
	}{
		{"ru", []doc.Inline{text("Таблица "), seq("1"), text(". Товарооборот")}, []string{"Таблица {1}. Товарооборот"}},
		{"ru", []doc.Inline{text("Таблица "), seq(""), text(". Товарооборот России и Китая, млрд долл.")}, []string{"Таблица {1}. Товарооборот России и Китая, млрд долл."}},
		{"ru", []doc.Inline{text("Рисунок А."), seq("2"), text(". Структура экспорта")}, []string{"Рисунок А.{1}. Структура экспорта"}},
		{"en", []doc.Inline{text("Table "), seq("3"), text(". Trade turnover")}, []string{"Table {1}. Trade turnover"}},
		{"zh", []doc.Inline{text("表"), seq("1"), text("。中俄贸易额")}, []string{"表{1}。中俄贸易额"}},
		{"zh", []doc.Inline{text("图 "), seq(""), text("。结构")}, []string{"图 {1}。结构"}},
		// A field in running text reads as its value: the sentence
		// ends after it.
		{"ru", []doc.Inline{text("См. таблицу "), seq("2"), text(". Она показывает рост.")}, []string{"См. таблицу {1}.", "Она показывает рост."}},
		{"ru", []doc.Inline{text("Глава 3. Детство"), {Type: doc.LineBreak}, text("Я родился в деревне. Там было тихо.")},
			[]string{"Глава 3. Детство{1}", "Я родился в деревне.", "Там было тихо."}},
		{"ru", []doc.Inline{text("Договор подписан."), {Type: doc.NoteRef, Mark: "1"}, text(" Он вступил в силу.")},
			[]string{"Договор подписан.{1}", "Он вступил в силу."}},
		{"ru", []doc.Inline{text("Пусть "), math("x"), text(" — корень. "), math("y"), text(" равен двум.")},
			[]string{"Пусть {1} — корень.", "{2} равен двум."}},
	} {
		d := &doc.Document{Lang: tt.lang, Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: tt.inlines}}}
		doc.AssignIDs(d)
		to := "ru"
		if tt.lang == "ru" {
			to = "zh"
		}
		x, err := FromDocument(d, "caption.docx", tt.lang, to)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, s := range x.Files[0].Units[0].Segments {
			got = append(got, showPattern(s.Source))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, doc.PlainText(tt.inlines), got, tt.want)
		}
	}
}
