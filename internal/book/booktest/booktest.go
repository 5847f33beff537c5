// Package booktest makes small books for the renderers' tests: two
// chapters (one written in Chinese, one in Russian, each translated into
// the other language) with headings, notes (one longer than a page of A5),
// a quotation, a span in the other language, Chinese title marks and
// Russian nested quotes, initials and dashes; and a preface. The texts are
// the project's own (testdata).
package booktest

import (
	"embed"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
)

//go:embed testdata/*.md
var texts embed.FS

// Released is the release time of the sample books: 1 June 2021, 00:00 in
// Beijing (UTC+8, as Asia/Shanghai), in that zone, so that its date is
// the publication date; the Russian book has the same day in Moscow.
var Released = time.Date(2021, 6, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))

// Book returns a sample edition in langs: "zh", "ru", or "zh", "ru" for
// the parallel edition. It panics on other languages, or if its texts do
// not read (a fault of this package).
func Book(langs ...string) *book.Book {
	both := []string{"zh", "ru"}
	for _, l := range langs {
		if l != "zh" && l != "ru" {
			panic("booktest: no sample text in " + l)
		}
	}
	b := &book.Book{
		Slug:     "sample-" + join(langs),
		Langs:    langs,
		Title:    book.Local{"zh": "伙伴关系的二十年：论坛文集", "ru": "Двадцать лет партнёрства: сборник статей форума"},
		Subtitle: book.Local{"zh": "纪念条约签署二十周年", "ru": "К 20-летию Договора"},
		Editors: []book.Person{
			{Name: book.Local{"zh": "王晓明", "ru": "Ван Сяомин"}, SortName: book.Local{"zh": "Wang, Xiaoming", "ru": "Ван, Сяомин"},
				Affiliation: book.Local{"zh": "中国社会科学院", "ru": "Китайская академия общественных наук"}},
			{Name: book.Local{"zh": "伊琳娜·彼得罗娃", "ru": "Ирина Петрова"}, SortName: book.Local{"zh": "Petrova, Irina", "ru": "Петрова, Ирина"},
				Affiliation: book.Local{"zh": "俄罗斯国际事务委员会", "ru": "Российский совет по международным делам"}},
		},
		Publisher: book.Publisher{Name: book.Local{"zh": "中国社会科学出版社（样例）", "ru": "Издательство РСМД (образец)"},
			Place: book.Local{"zh": "北京", "ru": "Москва"}, Country: "CN", ISBNPrefix: "978-7-99999"},
		ISBN:        map[book.Format]string{book.EPUB: "9787999990017", book.PDF: "9787999990024", book.Web: "9787999990031"},
		SampleISBN:  true,
		DOI:         "10.99999/tandem.sample",
		URL:         "https://forum.example/zh/editions/sample",
		Released:    Released,
		Modified:    Released.Add(-72 * time.Hour),
		Territories: []string{"CN"},
		Imprint: map[string][]string{
			"zh": {"图书在版编目（CIP）数据", "伙伴关系的二十年：论坛文集 / 王晓明，伊琳娜·彼得罗娃主编. —北京：中国社会科学出版社，2021.6", "ISBN 978-7-99999-001-7", "Ⅰ. ①伙… Ⅱ. ①王… ②伊… Ⅲ. ①国际关系—文集 Ⅳ. ①D8-53"},
			"ru": {"УДК 327(470+510)(082)", "ББК 66.4(2Рос),9(5Кит)я43", "Д24", "ISBN 978-7-99999-001-7"},
		},
		Preface: map[string]*doc.Document{},
		Layout:  book.Layout{Width: 148, Height: 210, Notes: book.PerChapter},
	}
	if len(langs) == 2 {
		b.ISBN = map[book.Format]string{book.EPUB: "9787999990048", book.PDF: "9787999990055", book.Web: "9787999990062"}
	}
	if langs[0] == "zh" && len(langs) == 1 {
		b.Layout.Notes = book.PerPage
		b.Publisher.Country = "CN"
	} else if langs[0] == "ru" {
		b.Territories = []string{"RU"}
		b.Released = time.Date(2021, 6, 1, 0, 0, 0, 0, time.FixedZone("MSK", 3*3600))
		b.Publisher = book.Publisher{Name: book.Local{"zh": "俄罗斯国际事务委员会出版社（样例）", "ru": "Издательство РСМД (образец)"},
			Place: book.Local{"zh": "莫斯科", "ru": "Москва"}, Country: "RU", ISBNPrefix: "978-5-99999"}
		b.ISBN = map[book.Format]string{book.EPUB: "9785999990013", book.PDF: "9785999990020", book.Web: "9785999990037"}
		b.Imprint["ru"] = []string{"УДК 327(470+510)(082)", "ББК 66.4(2Рос),9(5Кит)я43", "Д24", "ISBN 978-5-99999-001-3"}
	}
	for _, l := range both {
		if has(langs, l) {
			b.Preface[l] = read("preface", l)
		}
	}
	authors := [][]book.Person{
		{{Name: book.Local{"zh": "李华", "ru": "Ли Хуа"}, SortName: book.Local{"zh": "Li, Hua", "ru": "Ли, Хуа"},
			Affiliation: book.Local{"zh": "中国社会科学院俄罗斯东欧中亚研究所", "ru": "Институт России, Восточной Европы и Центральной Азии КАОН"}}},
		{{Name: book.Local{"zh": "安德烈·索科洛夫", "ru": "Андрей Соколов"}, SortName: book.Local{"zh": "Sokolov, Andrei", "ru": "Соколов, Андрей"},
			Affiliation: book.Local{"zh": "俄罗斯科学院中国与现代亚洲研究所", "ru": "Институт Китая и современной Азии РАН"}}},
	}
	translators := []map[string][]book.Person{
		{"ru": {{Name: book.Local{"zh": "玛丽亚·伊万诺娃", "ru": "Мария Иванова"}, SortName: book.Local{"zh": "Ivanova, Mariia", "ru": "Иванова, Мария"}}}},
		{"zh": {{Name: book.Local{"zh": "张伟", "ru": "Чжан Вэй"}, SortName: book.Local{"zh": "Zhang, Wei", "ru": "Чжан, Вэй"}}}},
	}
	originals := []string{"zh", "ru"}
	for i := range 2 {
		name := fmt.Sprintf("ch%d", i+1)
		c := book.Chapter{ID: name, Original: originals[i], Authors: authors[i], Translators: map[string][]book.Person{},
			Title: book.Local{}, Abstract: book.Local{}, Keywords: map[string][]string{}, Text: map[string]*doc.Document{},
			DOI: fmt.Sprintf("10.99999/tandem.sample.%d", i+1)}
		src := read(name, originals[i])
		for _, l := range both {
			d := read(name, l)
			sameIDs(src, d)
			c.Title[l] = d.Title
			if has(langs, l) {
				c.Text[l] = d
				if l != c.Original {
					c.Translators[l] = translators[i][l]
				}
			}
		}
		b.Chapters = append(b.Chapters, c)
	}
	return b
}

func read(name, lang string) *doc.Document {
	src, err := texts.ReadFile("testdata/" + name + "." + lang + ".md")
	if err != nil {
		panic(err)
	}
	d, err := markdown.Read(src, lang, markdown.Limits{})
	if err != nil {
		panic(fmt.Sprintf("booktest: %s.%s.md: %v", name, lang, err))
	}
	if d.Title == "" && len(d.Blocks) > 0 && d.Blocks[0].Type == doc.Heading {
		d.Title = doc.PlainText(d.Blocks[0].Inlines)
	}
	return d
}

// sameIDs gives the blocks and notes of translation t the IDs of the
// same blocks of its source s, as a translation made in the workbench has
// them; the two have the same structure.
func sameIDs(s, t *doc.Document) {
	if len(s.Blocks) != len(t.Blocks) || len(s.Notes) != len(t.Notes) {
		panic("booktest: a translation's structure differs from its source's")
	}
	notes := map[string]string{}
	for i := range s.Notes {
		notes[t.Notes[i].ID] = s.Notes[i].ID
		t.Notes[i].ID = s.Notes[i].ID
		copyIDs(s.Notes[i].Blocks, t.Notes[i].Blocks)
	}
	copyIDs(s.Blocks, t.Blocks)
	t.Walk(func(b *doc.Block) {
		for i := range b.Inlines {
			doc.WalkInlines(b.Inlines[i:i+1], func(in *doc.Inline) {
				if in.Type == doc.NoteRef {
					in.Note = notes[in.Note]
				}
			})
		}
	})
}

func copyIDs(s, t []doc.Block) {
	for i := range s {
		if i >= len(t) {
			return
		}
		t[i].ID = s[i].ID
		copyIDs(s[i].Blocks, t[i].Blocks)
	}
}

func has(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func join(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += "-"
		}
		s += x
	}
	return s
}
