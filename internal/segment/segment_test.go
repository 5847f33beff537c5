package segment

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParagraphsAlwaysBreak(t *testing.T) {
	got := Strings(MustFor("ru"), "Глава 1\n\nТекст главы\nпродолжается здесь.\n \nКонец")
	want := []string{"Глава 1", "Текст главы\nпродолжается здесь.", "Конец"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestListLines(t *testing.T) {
	got := Strings(MustFor("ru"), "Содержание:\n1. Введение\n2. Методы\nIV. Итоги\n§3. Право\n- пункт\nа) подпункт\nобычная строка\nпродолжается.")
	want := []string{"Содержание:", "1. Введение", "2. Методы", "IV. Итоги", "§3. Право", "- пункт", "а) подпункт\nобычная строка\nпродолжается."}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestProjectAbbreviation(t *testing.T) {
	r := MustFor("ru")
	text := "Доклад сделал засл. Деятель искусств."
	if n := len(r.Split(text)); n != 2 {
		t.Fatalf("before adding: %d segments, want 2", n)
	}
	if err := r.Read(strings.NewReader("# project\nnever засл.\n"), "project.txt"); err != nil {
		t.Fatal(err)
	}
	if got := Strings(r, text); len(got) != 1 {
		t.Errorf("after adding засл.: %q", got)
	}
	// The built-in rules are not changed by a project's additions.
	if n := len(MustFor("ru").Split(text)); n != 2 {
		t.Errorf("built-in rules changed: %d segments", n)
	}
}

func TestRuleFileErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"never т.\nnevr т.е.\n", "p.txt:2:1: want \"never|number|end|unit|post ABBREVIATION\""},
		{"  never тчк\n", "p.txt:1:9: abbreviation \"тчк\" must end with a full stop"},
		{"never a.\n\xff\n", "p.txt:2:1: invalid UTF-8 (byte 0xff)"},
		{"%PDF-1.4\n", "p.txt:1:1: this is a PDF document, not text"},
		{"never a.\x00\n", "p.txt:1:9: NUL byte"},
		{"starters однако\n", "p.txt:1:1: starter \"однако\" must be a capitalised word"},
		{"pair долл\n", "p.txt:1:1: want \"pair ABBREVIATION. WORD...\""},
		{"pair долл США\n", "p.txt:1:1: want \"pair ABBREVIATION. WORD...\""},
		{"pair долл. США ЕС.\n", "p.txt:1:1: want \"pair ABBREVIATION. WORD...\""},
		{"labels Таблица рисунок\n", "p.txt:1:1: label \"рисунок\" must be a capitalised word"},
		{"labels Табл.1\n", "p.txt:1:1: label \"Табл.1\" must be a capitalised word"},
		{"labels 第…\n", "p.txt:1:1: label \"第…\" must be a capitalised word, possibly with a full stop, §, or a prefix and a counter"},
		{"function-words и В\n", "p.txt:1:1: function-words \"В\" must be a word of lower-case letters"},
		{"function-words т.е\n", "p.txt:1:1: function-words \"т.е\" must be a word of lower-case letters"},
		{"date-words Июля\n", "p.txt:1:1: date-words \"Июля\" must be a word of lower-case letters"},
		{"oblique-endings ом Ами\n", "p.txt:1:1: oblique-endings \"Ами\" must be lower-case letters"},
		{"agreeing-endings -ой\n", "p.txt:1:1: agreeing-endings \"-ой\" must be lower-case letters"},
		{"units км.\n", "p.txt:1:1: want \"never|number|end|unit|post ABBREVIATION\""},
		{"adverb-endings ого -о\n", "p.txt:1:1: adverb-endings \"-о\" must be lower-case letters"},
		{"speech-verbs said Asked\n", "p.txt:1:1: speech-verbs \"Asked\" must be a word of lower-case letters"},
		{"references Т. 5\n", "p.txt:1:1: references \"5\" must be a word, possibly with a full stop, № or §"},
	}
	for _, tt := range tests {
		err := MustFor("ru").Read(strings.NewReader(tt.in), "p.txt")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: got %v, want %q", tt.in, err, tt.want)
		}
	}
}

// TestPairs checks that a project's "pair" line keeps an abbreviation and
// the word after it together.
func TestPairs(t *testing.T) {
	r := MustFor("ru")
	text := "Это стоит 5 тыс. руб. РФ считает цену высокой."
	if n := len(r.Split(text)); n != 2 {
		t.Fatalf("without the pair: %d segments, want 2", n)
	}
	if err := r.Read(strings.NewReader("pair руб. РФ\n"), "p.txt"); err != nil {
		t.Fatal(err)
	}
	if n := len(r.Split(text)); n != 1 {
		t.Errorf("with the pair: %d segments, want 1", n)
	}
	// Several words on one line; a lower-case one after a name.
	en := MustFor("en")
	if err := en.Read(strings.NewReader("pair et al. Ltd Inc\npair ca. years\n"), "p.txt"); err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{
		"It was written by Smith et al. Inc published it.":   1,
		"It was written by Smith et al. Ltd printed it.":     1,
		"It lasted ca. 20 Julian years in all.":              1,
		"It was written by Smith et al. Jones disagreed.":    2,
		"The wall stood ca. 1200. Roman years were shorter.": 2,
	} {
		if got := Strings(en, text); len(got) != want {
			t.Errorf("%s: %q, want %d segments", text, got, want)
		}
	}
}

// TestLabels checks that a project's "labels" line makes its words caption
// and heading labels, which take a letter or a placeholder for their
// number.
func TestLabels(t *testing.T) {
	r := MustFor("ru")
	text := "Вкладка Б. Настройки печати\nПечать начинается с неё"
	want := []string{"Вкладка Б. Настройки печати", "Печать начинается с неё"}
	if got := Strings(r, text); slices.Equal(got, want) {
		t.Fatalf("without the label: %q", got)
	}
	if err := r.Read(strings.NewReader("labels Вкладка\n"), "p.txt"); err != nil {
		t.Fatal(err)
	}
	if got := Strings(r, text); !slices.Equal(got, want) {
		t.Errorf("with the label: %q, want %q", got, want)
	}
}

func TestUnknownLanguage(t *testing.T) {
	if _, err := For("de"); err == nil {
		t.Error("For(de) succeeded")
	}
	if r, err := For("zh-Hans-CN"); err != nil || r.Lang != "zh" {
		t.Errorf("For(zh-Hans-CN) = %v, %v", r, err)
	}
}

func FuzzSplit(f *testing.F) {
	for _, path := range []string{"testdata/hard.txt", "testdata/prose.txt"} {
		_, cases := readGoldenFile(f, path)
		for _, c := range cases {
			f.Add(c.lang, c.text)
		}
	}
	f.Add("ru", "«Открыта. "+strings.Repeat("Ещё одно предложение. ", 30)+"Закрыта» и всё.")
	f.Add("zh", "他说\"走吧！天黑了\"就走了。《未闭合。“嵌套《标题！》”")
	f.Add("ru", "т. е.\n\n  . . ! ?» — а")
	f.Add("en", "'Tis 'a' '' ' ''b' students' (x 'Go! Now' ((( ) \"Run! (2019\" [")
	f.Add("ru", "«Что? (М., «Да?» (1) (2) в 1147 г. Юрием; в 2001 г. Россия: 2021. 5 км. А.С. Его")
	f.Add("zh", "我们要——怎么说呢？——努力。“你去哪儿？”（笑（）")
	f.Add("en", "A Guide to This Year's Forum: the programme Our Common Future")
	f.Add("ru", "Статья 1. Общие положения\n§ 2. Итоги ..... 7\nГлава 3.\nТекст. «Кто?» — Маша спросила. В XX–XXI вв. Россия; 1 сент. 2021 г. См. «Итоги». Цена 5 руб. Недорого.")
	f.Add("zh", "我說。Hello. 再見。U.S. 政府 Inc. 公司 J. 王 第一章 总则\n本条例。a.b.")
	f.Add("zh", "如下：\n表1 贸易额（亿美元\n第一条　总则\n表 ：\n第条 x\n图2\n附录A： “好！好！”")
	f.Add("ru", "Данные:\nТаблица 1 — \nРис. 2: Схема (Treaty)\nВ 2001 г. (中俄) и т. д. 中俄")
	f.Add("en", "\"Yes!\" I said. \"Why?\" Anna asked. Baker St. The Sect. 4 Chapter 2. Title\nNext.")
	f.Fuzz(func(t *testing.T, lang, text string) {
		r, err := For(lang)
		if err != nil {
			return
		}
		spans := r.Split(text)
		checkSpans(t, text, spans)
		checkEndMarks(t, r, text, spans)
	})
}

// checkEndMarks checks that a segment followed by another on the same line
// ends with an end mark, possibly followed by closing quotation marks and
// brackets: the rules never break a sentence where there is no stop (line
// breaks may, before a list item), but before one of the rules' openers.
func checkEndMarks(t *testing.T, r *Rules, text string, spans []Span) {
	t.Helper()
	for k := 0; k+1 < len(spans); k++ {
		if strings.Contains(text[spans[k].End:spans[k+1].Start], "\n") {
			continue
		}
		next := text[spans[k+1].Start:spans[k+1].End]
		if w, _, _ := strings.Cut(strings.TrimRight(strings.Fields(next)[0], ","), ","); r.openers[w] {
			continue
		}
		seg := strings.TrimRightFunc(text[spans[k].Start:spans[k].End], func(c rune) bool {
			return strings.ContainsRune(closersAlpha, c)
		})
		last, _ := utf8.DecodeLastRuneInString(seg)
		if !strings.ContainsRune(stopsLatin+stopsCJK, last) {
			t.Fatalf("segment %q ends without an end mark before %q", text[spans[k].Start:spans[k].End], text[spans[k+1].Start:spans[k+1].End])
		}
	}
}

func FuzzReadRules(f *testing.F) {
	f.Add("never т. е.\nnumber г.\nend и т. д.\nword-final аеи\nstarters Однако\n")
	f.Add("# c\n\n\ufeffnever x.")
	f.Add("function-words и в the\ndate-words июля в\npair долл. США\n")
	f.Add("unit км.\noblique-endings ом ами\nnominative-endings ъём\nagreeing-endings ой ей\n")
	f.Add("post обл.\nspeech-verbs said\nadverb-endings ого\n")
	f.Add("\xff\xfen\x00e\x00v\x00e\x00r\x00 \x00x\x00.\x00\n\x00")
	f.Add("never \xe7\xe0\xf1\xeb.\nnever \xe4\xee\xea\xf2.\nstarters \xc2\xef\xf0\xee\xf7\xe5\xec\n")
	f.Fuzz(func(t *testing.T, rules string) {
		r := MustFor("en")
		if err := r.Read(strings.NewReader(rules), "f.txt"); err != nil {
			if !strings.HasPrefix(err.Error(), "f.txt:") {
				t.Fatalf("error without position: %v", err)
			}
			return
		}
		checkSpans(t, "A b. C d. E", r.Split("A b. C d. E"))
	})
}

func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"中俄两国\n签署了条约。":         "中俄两国签署了条约。",
		"Договор\n  подписан.": "Договор подписан.",
		"中国\nChina\n俄罗斯":       "中国 China 俄罗斯",
		"  两端  ":               "两端",
		"他说：\n“好。”":            "他说：“好。”",
		// Spaces typed within a line are the author's, kept as typed:
		// only a run of white space with a line break in it is joined.
		"第一章 总则 本条例适用于全国。": "第一章 总则 本条例适用于全国。",
		"第1条 本法适用。":        "第1条 本法适用。",
		"第二章\t 附则":         "第二章\t 附则",
		"表1\u3000贸易额":      "表1\u3000贸易额",
		"1\u00a0000 руб.":  "1\u00a0000 руб.",
		"总则 \r\n 本条例":      "总则本条例",
		"总则\u3000\n本条例":    "总则本条例",
		"总则\u2028本条例":      "总则本条例",
		"中国  China":        "中国  China",
		"China\u3000\n中国":  "China 中国",
		"\u3000两端\u3000":   "两端",
	} {
		if got := OneLine(in); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestParagraphs checks that segments are grouped by the blank lines
// between them, whatever white space the blank lines hold, and that a
// single line break or a list item does not start a paragraph.
func TestParagraphs(t *testing.T) {
	text := "Первое. Второе.\nТретье.\n \t\r\n\n- пункт\n\n\nПоследнее."
	got := Paragraphs(MustFor("ru"), text)
	want := [][]string{{"Первое.", "Второе.", "Третье."}, {"- пункт"}, {"Последнее."}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if got := Paragraphs(MustFor("zh"), " \n\n "); len(got) != 0 {
		t.Errorf("blank text: %q", got)
	}
}
