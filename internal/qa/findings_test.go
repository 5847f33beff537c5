package qa

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

// TestTagMessages: a finding on inline codes says what happened to which
// code, by its id as in the file and its kind, so that a translator knows
// what to fix: "code 1 is repeated", not "not in the source: code 1".
func TestTagMessages(t *testing.T) {
	text := func(s string) interchange.Run { return interchange.Run{Kind: interchange.Text, Text: s} }
	ph := func(id, typ string) interchange.Run {
		return interchange.Run{Kind: interchange.Standalone, ID: id, Type: typ}
	}
	open := func(id, typ string) interchange.Run {
		return interchange.Run{Kind: interchange.Open, ID: id, Type: typ}
	}
	closing := func(id, typ string) interchange.Run {
		return interchange.Run{Kind: interchange.Close, ID: id, Type: typ}
	}
	src := interchange.Content{text("运行"), ph("1", "code"), text("，然后检查输出。"), ph("2", "footnote")}
	tests := []struct {
		name     string
		src, tgt interchange.Content
		want     string // the message; "" for no finding
	}{
		{"all there, moved", src, interchange.Content{text("Запустите "), ph("1", "code"), text(" и проверьте вывод."), ph("2", "footnote")}, ""},
		{"repeated and missing", src, interchange.Content{text("Запустите "), ph("1", "code"), text(" "), ph("1", "code"), text(" и проверьте вывод.")},
			"inline codes: code 1 (program code) is repeated; code 2 (a note reference) is missing"},
		{"missing", src, interchange.Content{text("Запустите make test и проверьте вывод."), ph("2", "footnote")},
			"inline codes: code 1 (program code) is missing"},
		{"another id", src, interchange.Content{text("Запустите "), ph("9", "code"), text(" и проверьте вывод."), ph("2", "footnote")},
			"inline codes: code 1 (program code) has the id 9 in the translation, which the source does not have"},
		{"not in the source", src, interchange.Content{text("Запустите "), ph("1", "code"), text(" и проверьте вывод."), ph("2", "footnote"), ph("7", "field")},
			"inline codes: code 7 (a field) is not in the source"},
		{"a link left out", interchange.Content{text("См. "), open("3", "link"), text("сайт"), closing("3", "link"), text(".")},
			interchange.PlainText("See the website."), "inline codes: code 3 (a link) is missing"},
		{"the end of bold left out", interchange.Content{open("4", "bold"), text("Важно"), closing("4", "bold"), text(".")},
			interchange.Content{open("4", "bold"), text("Important.")}, "inline codes: the end of code 4 (formatting) is missing"},
		{"kind unknown", interchange.Content{text("См. "), ph("5", ""), text(".")}, interchange.PlainText("See."),
			"inline codes: code 5 is missing"},
		{"three times", interchange.Content{text("См. "), ph("5", ""), text(".")}, interchange.Content{text("See "), ph("5", ""), ph("5", ""), ph("5", ""), text(".")},
			"inline codes: code 5 is repeated: 3 times in the translation, once in the source"},
	}
	for _, tt := range tests {
		fs := mustChecker(t, "zh", "ru", nil).Segment(tt.src, tt.tgt)
		var got []string
		for _, f := range fs {
			if f.Check == "tags" {
				got = append(got, f.Message)
			}
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestSpanningPairs: a pair of codes the source opens in one segment and
// closes in the next may be moved by the translator into one segment (the
// bold words now fall in the second sentence); the unit is balanced as a
// whole, so there is no finding. A pair the translation loses, or closes
// before it opens, is still an error, once, for the unit.
func TestSpanningPairs(t *testing.T) {
	text := func(s string) interchange.Run { return interchange.Run{Kind: interchange.Text, Text: s} }
	open := interchange.Run{Kind: interchange.Open, ID: "1", Type: "bold"}
	closing := interchange.Run{Kind: interchange.Close, ID: "1", Type: "bold"}
	code := interchange.Run{Kind: interchange.Standalone, ID: "2", Type: "code"}
	unit := func(t1, t2 interchange.Content) *interchange.XLIFF {
		return &interchange.XLIFF{Files: []interchange.XFile{{Units: []interchange.Unit{{ID: "p", Segments: []interchange.Segment{
			{ID: "s1", Source: interchange.Content{text("Первое "), open, text("предложение.")}, Target: t1, State: interchange.Translated},
			{ID: "s2", Source: interchange.Content{text("Второе"), closing, text(" предложение с "), code, text(".")}, Target: t2, State: interchange.Translated},
		}}}}}}
	}
	tests := []struct {
		name   string
		t1, t2 interchange.Content
		want   string
	}{
		{"as in the source", interchange.Content{text("第一"), open, text("句。")}, interchange.Content{text("第二"), closing, text("句含有"), code, text("。")}, ""},
		{"moved into the second", interchange.PlainText("第一句。"), interchange.Content{text("第二"), open, text("句"), closing, text("含有"), code, text("。")}, ""},
		{"moved into the first", interchange.Content{open, text("第一句"), closing, text("。")}, interchange.Content{text("第二句含有"), code, text("。")}, ""},
		{"lost", interchange.PlainText("第一句。"), interchange.Content{text("第二句含有"), code, text("。")},
			"p\ttags\terror: inline codes: code 1 (formatting) is missing"},
		{"closed before it opens", interchange.Content{closing, text("第一句。")}, interchange.Content{text("第二"), open, text("句含有"), code, text("。")},
			"p\ttags\terror: inline codes: the end of code 1 (formatting) comes before its start"},
		{"a code of the segment still counts", interchange.PlainText("第一句。"), interchange.Content{text("第二"), open, text("句"), closing, text("含有。")},
			"p/s2\ttags\terror: inline codes: code 2 (program code) is missing"},
	}
	for _, tt := range tests {
		var got []string
		for _, f := range mustChecker(t, "ru", "zh", nil).File(unit(tt.t1, tt.t2)) {
			got = append(got, f.String())
		}
		if strings.Join(got, "\n") != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestHeadingNumberLevels: a heading's number that the translation
// numbers with its levels, （一） as "1.1.", is right when its last level
// is the source's number; another last level is an error.
func TestHeadingNumberLevels(t *testing.T) {
	unit := func(id, src, tgt string) *interchange.XLIFF {
		return &interchange.XLIFF{Files: []interchange.XFile{{Units: []interchange.Unit{{ID: id, Segments: []interchange.Segment{
			{ID: "s1", Source: interchange.PlainText(src), Target: interchange.PlainText(tgt), State: interchange.Translated}}}}}}}
	}
	tests := []struct {
		from, to, id, src, tgt, want string
	}{
		{"zh", "ru", "h-1.number", "（一）", "1.1.", ""},
		{"zh", "ru", "h-1.number", "（二）", "3.2.", ""},
		{"zh", "en", "h-1.number", "（三）", "2.3", ""},
		{"zh", "ru", "h-1.number", "二、", "2.", ""},
		{"ru", "zh", "h-1.number", "1.2.", "（二）", ""},
		{"zh", "ru", "l-1", "（一）", "1.1.", ""},
		{"zh", "ru", "h-1.number", "（三）", "1.3.", ""},
		{"zh", "ru", "h-1.number", "（一）", "1.3.", "numbers"},
		{"zh", "ru", "h-1.number", "（三）", "3.4.", "numbers"},
		{"ru", "zh", "h-1.number", "2.4.", "（三）", "numbers"},
		// In a sentence, 1.1 is no heading number.
		{"zh", "ru", "p-1", "第一项", "Пункт 1.1.", "numbers"},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, nil).File(unit(tt.id, tt.src, tt.tgt))
		if got := checks(fs); got != tt.want {
			t.Errorf("%s %q → %q: checks %q, want %q (%v)", tt.id, tt.src, tt.tgt, got, tt.want, fs)
		}
	}
}

// TestSourceInTargetLanguage: a source already in the target's language (a
// Russian quotation in a Chinese text, kept in the Russian translation)
// has no usual length ratio, and is cut into sentences by the rules of its
// own language.
func TestSourceInTargetLanguage(t *testing.T) {
	tests := []conventionCase{
		{"zh", "ru", "«Сотрудничество — основа.»", "«Сотрудничество — основа.»", ""},
		{"zh", "ru", "«Сотрудничество — основа нашей дружбы.»", "«Сотрудничество — основа нашей дружбы.»", ""},
		{"zh", "ru", "Путин сказал: «Хорошо!» Все засмеялись.The statement was signed.", "Путин сказал: «Хорошо!» Все засмеялись. Заявление было подписано.", ""},
		{"zh", "en", "The statement was signed by both sides in Moscow today.", "The statement was signed by both sides in Moscow today.", ""},
		{"ru", "zh", "中俄关系发展良好，两国合作不断深化。", "中俄关系发展良好，两国合作不断深化。", ""},
		// A Chinese source still wants a translation of its length.
		{"zh", "ru", "论坛开幕了，很多代表参加了会议。", "Да.", "length"},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, nil).Segment(codes(tt.src), codes(tt.tgt))
		if got := checks(fs); got != tt.want {
			t.Errorf("%s→%s %q → %q: checks %q, want %q (%v)", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, fs)
		}
	}
}

// TestCodeLabels: a list label whose number is a code is one item,
// whichever way each language writes it, though it has no word.
func TestCodeLabels(t *testing.T) {
	tests := []conventionCase{
		{"ru", "zh", "б.{x}.", "（{x}）", ""},
		{"ru", "zh", "{x})", "（{x}）", ""},
		{"zh", "ru", "（{x}）", "б.{x}.", ""},
		{"zh", "en", "{x}、", "{x}.", ""},
		{"en", "ru", "({x})", "{x})", ""},
		// A sentence left out is still found.
		{"ru", "zh", "Стороны сотрудничают. Договор подписан. {x}", "（{x}）", "sentences end-punctuation"},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, nil).Segment(codes(tt.src), codes(tt.tgt))
		if got := checks(fs); got != tt.want {
			t.Errorf("%s→%s %q → %q: checks %q, want %q (%v)", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, fs)
		}
	}
}

// TestMissingSpaces: Russian and English put a space after a comma,
// semicolon, colon and a stop between sentences, and around an inline code
// that stands for words; what they write without one (decimals, times,
// abbreviations, initials, addresses, file names, a note mark against its
// word) passes, and so does all that Chinese writes without spaces.
func TestMissingSpaces(t *testing.T) {
	correct := []conventionCase{
		{"zh", "ru", "增长了3.5%，即3.5倍。", "Рост составил 3,5 %, т.е. в 3,5 раза.", ""},
		{"zh", "en", "增长了3.5%，即3.5倍。", "Growth was 3.5%, i.e. 3.5 times.", ""},
		{"zh", "ru", "会议于15:30开始，比例为1:2。", "Заседание началось в 15:30, соотношение 1:2.", ""},
		{"zh", "ru", "普希金的诗。", "Стихи А.С.Пушкина.", ""},
		{"zh", "ru", "普希金的诗。", "Стихи А.С. Пушкина.", ""},
		{"zh", "ru", "书、报纸等。", "Книги, газеты и т.д.", ""},
		{"zh", "en", "美国等国。", "The U.S.A. and others.", ""},
		{"zh", "ru", "详见kremlin.ru或info@mid.ru。", "Подробнее на kremlin.ru или info@mid.ru.", ""},
		{"zh", "ru", "详见http://www.kremlin.ru/events,news。", "Подробнее: http://www.kremlin.ru/events,news.", ""},
		{"zh", "ru", "打开report.docx文件。", "Откройте файл report.docx.", ""},
		{"zh", "ru", "设置xml:lang属性。", "Задайте атрибут xml:lang.", ""},
		{"zh", "en", "调用Console.WriteLine方法。", "Call the Console.WriteLine method.", ""},
		{"zh", "ru", "点(x,y)。", "Точка (x,y).", ""},
		{"zh", "en", "见C:盘。", "See drive C:.", ""},
		{"ru", "en", "Точка (x,y) на оси.", "The point (x,y) on the axis.", ""},
		{"ru", "en", "Он сказал:«Да».", "He said:“Yes”.", ""},
		// Codes: a note mark against its word, a field after "с.", a
		// code at the end after a stop (a note mark as Word may write it).
		{"zh", "ru", "双方签署了条约{n}。", "Стороны подписали договор{n}.", ""},
		{"zh", "ru", "运行{c}，然后检查。", "Запустите {c}, затем проверьте.", ""},
		{"zh", "ru", "运行{c}。", "Запустите «{c}».", ""},
		{"zh", "ru", "见第{x}页。", "См. с.{x}", ""},
		{"zh", "ru", "在莫斯科签署{?}。", "Подписан в Москве.{?}", ""},
		{"zh", "ru", "在莫斯科签署{?}。", "Подписан в Москве{?}.", ""},
		{"zh", "ru", "（{x}）", "б.{x}.", ""},
		{"ru", "en", "Подписан в Москве {n}.", "Signed in Moscow{n}.", ""},
		{"ru", "en", "Запустите {c}, затем проверьте.", "Run {c}, then check.", ""},
		{"ru", "en", "Москва{x}(Россия)", "Moscow{x}(Russia)", ""},
		{"ru", "en", "Сайт: www.kremlin.ru{x}и другие.", "Website: www.kremlin.ru{x}and others.", ""},
		// Chinese writes codes and marks without spaces.
		{"ru", "zh", "Запустите {c}, затем проверьте.", "运行{c}，然后检查。", ""},
		{"en", "zh", "See {x}.", "见{x}。", ""},
	}
	wrong := []conventionCase{
		{"zh", "ru", "运行，然后检查。", "Запустите,затем проверьте.", "spaces"},
		{"zh", "ru", "运行；然后检查。", "Запустите;затем проверьте.", "spaces"},
		{"zh", "en", "注意：检查。", "Note:check it.", "spaces"},
		{"zh", "ru", "在莫斯科签署。随后生效。", "Подписан в Москве.Затем вступил в силу.", "spaces"},
		{"zh", "ru", "运行{c}，然后检查。", "Запустите{c}, затем проверьте.", "spaces"},
		{"zh", "ru", "运行{c}，然后检查。", "Запустите {c},затем проверьте.", "spaces"},
		{"zh", "ru", "运行{c}，然后检查。", "Запустите {c}затем проверьте.", "spaces"},
		{"zh", "ru", "见{x}。", "См.{x}.", "spaces"},
		{"zh", "ru", "见{?}，然后检查。", "См.{?}, затем проверьте.", "spaces"},
		{"ru", "en", "Запустите {c}, затем проверьте.", "Run{c}, then check.", "spaces"},
		{"ru", "en", "См. {x} и {x}.", "See {x} and{x}.", "spaces"},
		{"en", "ru", "See {x} and {x} below.", "См. {x} и {x}ниже.", "spaces"},
		{"en", "ru", "See {?}.", "См.{?}.", "spaces"},
		{"ru", "en", "Подписан в Москве {?}.", "Signed in Moscow.{?}", ""},
	}
	for _, cases := range [][]conventionCase{correct, wrong} {
		for _, tt := range cases {
			fs := mustChecker(t, tt.from, tt.to, nil).Segment(codes(tt.src), codes(tt.tgt))
			if got := checks(fs); got != tt.want {
				t.Errorf("%s→%s %q → %q: checks %q, want %q (%v)", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, fs)
			}
		}
	}
}

// TestLabelSpaces: Chinese sets a list label that ends in a full-width
// mark against its text; a label that ends in a character (第一条, 表1)
// is parted from its title by a space, ideographic or not.
func TestLabelSpaces(t *testing.T) {
	tests := []conventionCase{
		{"ru", "zh", "б) развивать энергетику.", "（二）发展能源。", ""},
		{"ru", "zh", "1. Развивать энергетику.", "一、发展能源。", ""},
		{"ru", "zh", "Статья 1. Общие положения", "第一条　总则", ""},
		{"ru", "zh", "Статья 1. Общие положения", "第一条 总则", ""},
		{"ru", "zh", "Статья 1. Общие положения", "第一条总则", ""},
		{"ru", "zh", "Таблица 1. Товарооборот", "表1 贸易额", ""},
		{"en", "zh", "See the annex (Apple) today.", "见附件（苹果） Apple今天。", ""},
		{"ru", "zh", "б) развивать энергетику.", "（二） 发展能源。", "spaces"},
		{"ru", "zh", "б) развивать энергетику.", "（二）　发展能源。", "spaces"},
		{"ru", "zh", "б) развивать энергетику.", "二） 发展能源。", "spaces"},
		{"ru", "zh", "б) развивать энергетику.", "（2） 发展能源。", "spaces"},
		{"ru", "zh", "Задачи: б) развивать энергетику.", "任务：（二） 发展能源。", "spaces"},
		{"ru", "zh", "1. Развивать энергетику.", "一、 发展能源。", "spaces"},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, nil).Segment(codes(tt.src), codes(tt.tgt))
		if got := checks(fs); got != tt.want {
			t.Errorf("%s→%s %q → %q: checks %q, want %q (%v)", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, fs)
		}
	}
}
