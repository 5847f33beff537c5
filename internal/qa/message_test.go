package qa

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/numeral"
)

// marked builds segment content from text in which <1:type/> is a
// standalone code of id 1, <1:type> and </1:type> the start and end of a
// pair; type may be empty.
func marked(s string) interchange.Content {
	var c interchange.Content
	re := regexp.MustCompile(`<(/?)([0-9a-z]+):([a-z]*)(/?)>`)
	at := 0
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		if m[0] > at {
			c = append(c, interchange.Run{Kind: interchange.Text, Text: s[at:m[0]]})
		}
		kind := interchange.Open
		switch {
		case m[3] > m[2]:
			kind = interchange.Close
		case m[9] > m[8]:
			kind = interchange.Standalone
		}
		c = append(c, interchange.Run{Kind: kind, ID: s[m[4]:m[5]], Type: s[m[6]:m[7]]})
		at = m[1]
	}
	if at < len(s) {
		c = append(c, interchange.Run{Kind: interchange.Text, Text: s[at:]})
	}
	return c
}

// messageTermbase has a concept with a preferred, a deprecated and a
// forbidden Russian term.
var messageTermbase = &interchange.Termbase{Entries: []interchange.Concept{{Terms: []interchange.Term{
	{Lang: "zh", Text: "条约"},
	{Lang: "ru", Text: "договор", Status: interchange.Preferred},
	{Lang: "ru", Text: "трактат", Status: interchange.Deprecated},
	{Lang: "ru", Text: "пакт", Status: interchange.Forbidden},
}}}}

// messageCases drive every check to every message it has: each case
// gives a segment (or, with file, a whole file) and a key one of its
// findings must have.
var messageCases = []struct {
	key      string
	from, to string
	src, tgt string
	terms    bool
	file     *interchange.XLIFF
}{
	{key: "qa.untranslated.empty", from: "zh", to: "ru", src: "你好。", tgt: " "},
	{key: "qa.untranslated.source", from: "ru", to: "en", src: "Привет, мир.", tgt: "Привет, мир."},
	{key: "qa.sentences.count", from: "en", to: "ru", src: "He came home and then he saw that the door was open.", tgt: "Он пришёл домой. Потом он увидел, что дверь открыта."},
	{key: "qa.sentences.count", from: "en", to: "ru", src: "He came home. Then he saw that the door was open. Nobody was there.", tgt: "Он пришёл домой и увидел, что дверь открыта и никого нет"},
	{key: "qa.length.ratio", from: "zh", to: "ru", src: "中俄两国元首在莫斯科举行会谈，双方就进一步深化全面战略协作伙伴关系达成重要共识。", tgt: "Встреча."},
	{key: "qa.length.ratio", from: "ru", to: "en", src: "Встреча глав двух государств прошла вчера в Москве.", tgt: "The heads of state of the two neighbouring countries met yesterday in Moscow, where for many long hours they talked, and talked, and talked about everything that two neighbours may talk about."},
	{key: "qa.addresses.samepage.ru", from: "en", to: "ru", src: "See https://en.wikipedia.org/wiki/Moscow for more.", tgt: "Подробнее см. https://ru.wikipedia.org/wiki/Москва."},
	{key: "qa.addresses.samepage.en", from: "ru", to: "en", src: "Подробнее см. https://ru.wikipedia.org/wiki/Москва.", tgt: "See https://en.wikipedia.org/wiki/Moscow for more."},
	{key: "qa.addresses.samepage.zh", from: "en", to: "zh", src: "See https://en.wikipedia.org/wiki/Moscow for more.", tgt: "详见 https://zh.wikipedia.org/wiki/莫斯科。"},
	{key: "qa.addresses.changed.web", from: "en", to: "ru", src: "See https://example.com/a for more.", tgt: "Подробнее см. https://example.org/b."},
	{key: "qa.addresses.changed.email", from: "en", to: "ru", src: "Write to anna@example.com today.", tgt: "Пишите сегодня на boris@example.org."},
	{key: "qa.addresses.extra.web", from: "en", to: "ru", src: "See the website for more.", tgt: "Подробнее см. на сайте https://example.org."},
	{key: "qa.addresses.extra.email", from: "en", to: "ru", src: "Write to us today.", tgt: "Пишите нам сегодня на boris@example.org."},
	{key: "qa.addresses.missing.web", from: "en", to: "ru", src: "See https://example.com for more.", tgt: "Подробнее см. на сайте."},
	{key: "qa.addresses.missing.email", from: "en", to: "ru", src: "Write to anna@example.com today.", tgt: "Пишите нам сегодня."},
	{key: "qa.numbers.swapped", from: "ru", to: "zh", src: "Договор подписан 06.05.2021.", tgt: "条约于2021年6月5日签署。"},
	{key: "qa.numbers.sign", from: "en", to: "ru", src: "It was −5 °C in Moscow.", tgt: "В Москве было +5 °C."},
	{key: "qa.numbers.per.cent", from: "en", to: "ru", src: "Trade grew by 5% this year.", tgt: "Товарооборот вырос на 5 ‰ за год."},
	{key: "qa.numbers.per.mille", from: "en", to: "ru", src: "Trade grew by 5% this year.", tgt: "Товарооборот вырос на 5 ‰ за год."},
	{key: "qa.numbers.per.myriad", from: "zh", to: "ru", src: "贸易额增长了万分之五。", tgt: "Товарооборот вырос на 5 %."},
	{key: "qa.numbers.currency.dollars", from: "en", to: "ru", src: "It costs $5 now.", tgt: "Теперь это стоит 5 €."},
	{key: "qa.numbers.currency.euros", from: "en", to: "ru", src: "It costs $5 now.", tgt: "Теперь это стоит 5 €."},
	{key: "qa.numbers.currency.pounds", from: "en", to: "ru", src: "It costs £5 now.", tgt: "Теперь это стоит 5 ₽."},
	{key: "qa.numbers.currency.roubles", from: "en", to: "ru", src: "It costs £5 now.", tgt: "Теперь это стоит 5 ₽."},
	{key: "qa.numbers.currency.or", from: "en", to: "ru", src: "It costs ¥5 now.", tgt: "Теперь это стоит 5 ₽."},
	{key: "qa.numbers.currency.yuan", from: "en", to: "ru", src: "It costs ¥5 now.", tgt: "Теперь это стоит 5 ₽."},
	{key: "qa.numbers.currency.yen", from: "en", to: "ru", src: "It costs ¥5 now.", tgt: "Теперь это стоит 5 ₽."},
	{key: "qa.numbers.decimal_point", from: "en", to: "ru", src: "Trade reached 1.8 billion dollars.", tgt: "Товарооборот достиг 1.8 млрд долларов."},
	{key: "qa.numbers.differ", from: "ru", to: "en", src: "Построен реактор ВВЭР-1000.", tgt: "A VVER-100 reactor was built."},
	{key: "qa.numbers.differ", from: "en", to: "ru", src: "Twenty people came.", tgt: "Пришли тридцать человек."},
	{key: "qa.numbers.missing", from: "en", to: "ru", src: "He bought 5 apples.", tgt: "Он купил яблоки."},
	{key: "qa.numbers.extra", from: "en", to: "ru", src: "He bought apples.", tgt: "Он купил 5 яблок."},
	{key: "qa.numbers.mark.comma", from: "en", to: "ru", src: "About 1,500 people came.", tgt: "Пришли около 1,500 человек."},
	{key: "qa.numbers.mark.commas", from: "en", to: "ru", src: "About 1,500,000 people came.", tgt: "Пришли около 1,500,000 человек."},
	{key: "qa.numbers.mark.point", from: "ru", to: "en", src: "Пришли около 1 500 человек.", tgt: "About 1.500 people came."},
	{key: "qa.numbers.mark.points", from: "ru", to: "en", src: "Пришли около 1 500 000 человек.", tgt: "About 1.500.000 people came."},
	{key: "qa.numbers.thousands.zh", from: "ru", to: "zh", src: "Пришли около 1 500 000 человек.", tgt: "约有1.500.000人出席。"},
	{key: "qa.numbers.decimal_comma.en", from: "ru", to: "en", src: "Рост составил 1,8 %.", tgt: "Growth was 1,8 %."},
	{key: "qa.numbers.decimal_comma.zh", from: "ru", to: "zh", src: "Рост составил 1,8 %.", tgt: "增长了1,8%。"},
	{key: "qa.end_punctuation.differ", from: "en", to: "ru", src: "Is it true?", tgt: "Это правда."},
	{key: "qa.end_punctuation.none", from: "en", to: "ru", src: "It is true.", tgt: "Это правда"},
	{key: "qa.end_punctuation.enumeration", from: "zh", to: "ru", src: "石油、天然气、", tgt: "Нефть, газ."},
	{key: "qa.end_punctuation.halfwidth", from: "ru", to: "zh", src: "Это правда.", tgt: "这是真的."},
	{key: "qa.end_punctuation.chinese", from: "zh", to: "ru", src: "这是真的。", tgt: "Это правда。"},
	{key: "qa.quotes.lost", from: "en", to: "ru", src: `He said: "Go home."`, tgt: "Он велел идти домой."},
	{key: "qa.quotes.ru", from: "en", to: "ru", src: `He said: "Go home."`, tgt: `Он сказал: "Идите домой".`},
	{key: "qa.quotes.zh", from: "ru", to: "zh", src: "Он сказал: «Идите домой».", tgt: "他说：«回家吧»。"},
	{key: "qa.quotes.en", from: "ru", to: "en", src: "Он сказал: «Идите домой».", tgt: "He said: «Go home»."},
	{key: "qa.punctuation_width.ascii", from: "ru", to: "zh", src: "Привет, друзья, как дела.", tgt: "你好,朋友们,怎么样。"},
	{key: "qa.punctuation_width.fullwidth.ru", from: "en", to: "ru", src: "Hello, friends.", tgt: "Привет，друзья."},
	{key: "qa.punctuation_width.fullwidth.en", from: "ru", to: "en", src: "Привет, друзья.", tgt: "Hello，friends."},
	{key: "qa.spaces.double", from: "en", to: "ru", src: "Hello, friends.", tgt: "Привет,  друзья."},
	{key: "qa.spaces.chinese", from: "ru", to: "zh", src: "Привет, друзья.", tgt: "你好 ，朋友们。"},
	{key: "qa.spaces.side", from: "en", to: "ru", src: "Hello, friends.", tgt: "Привет , друзья."},
	{key: "qa.spaces.leading", from: "en", to: "ru", src: "Hello, friends.", tgt: "\tПривет, друзья."},
	{key: "qa.spaces.trailing", from: "en", to: "ru", src: "Hello, friends.", tgt: "Привет, друзья.\t"},
	{key: "qa.spaces.missing", from: "en", to: "ru", src: "Hello, dear friends.", tgt: "Привет,дорогие друзья."},
	{key: "qa.terminology.deprecated", from: "zh", to: "ru", src: "条约已经签署。", tgt: "Трактат подписан.", terms: true},
	{key: "qa.terminology.forbidden", from: "zh", to: "ru", src: "条约已经签署。", tgt: "Пакт подписан.", terms: true},
	{key: "qa.terminology.expected", from: "zh", to: "ru", src: "条约已经签署。", tgt: "Соглашение подписано.", terms: true},
	{key: "qa.tags.missing", from: "zh", to: "ru", src: "见<1:footnote/>。", tgt: "См."},
	{key: "qa.tags.kind.note", from: "zh", to: "ru", src: "见<1:footnote/>。", tgt: "См."},
	{key: "qa.tags.kind.field", from: "zh", to: "ru", src: "见<1:field/>。", tgt: "См."},
	{key: "qa.tags.kind.code", from: "zh", to: "ru", src: "运行<1:code/>。", tgt: "Запустите."},
	{key: "qa.tags.kind.image", from: "zh", to: "ru", src: "见<1:image/>。", tgt: "См."},
	{key: "qa.tags.kind.line_break", from: "zh", to: "ru", src: "见<1:lb/>。", tgt: "См."},
	{key: "qa.tags.kind.page_break", from: "zh", to: "ru", src: "见<1:pb/>。", tgt: "См."},
	{key: "qa.tags.kind.formula", from: "zh", to: "ru", src: "见<1:math/>。", tgt: "См."},
	{key: "qa.tags.kind.bookmark", from: "zh", to: "ru", src: "见<1:bookmark/>。", tgt: "См."},
	{key: "qa.tags.code", from: "zh", to: "ru", src: "见<1:/>。", tgt: "См."},
	{key: "qa.tags.code_kind", from: "zh", to: "ru", src: "见<1:field/>。", tgt: "См."},
	{key: "qa.tags.kind.link", from: "zh", to: "ru", src: "见<3:link>网站</3:link>。", tgt: "См. сайт."},
	{key: "qa.tags.end_kind", from: "zh", to: "ru", src: "<4:bold>重要</4:bold>。", tgt: "<4:bold>Важно."},
	{key: "qa.tags.kind.formatting", from: "zh", to: "ru", src: "<4:bold>重要</4:bold>。", tgt: "<4:bold>Важно."},
	{key: "qa.tags.end", from: "zh", to: "ru", src: "<4:>重要</4:>。", tgt: "<4:>Важно."},
	{key: "qa.tags.start_kind", from: "zh", to: "ru", src: "<4:bold>重要</4:bold>。", tgt: "Важно</4:bold>."},
	{key: "qa.tags.start", from: "zh", to: "ru", src: "<4:>重要</4:>。", tgt: "Важно</4:>."},
	{key: "qa.tags.renamed", from: "zh", to: "ru", src: "运行<1:code/>。", tgt: "Запустите <9:code/>."},
	{key: "qa.tags.extra", from: "zh", to: "ru", src: "见。", tgt: "См. <7:field/>."},
	{key: "qa.tags.repeated", from: "zh", to: "ru", src: "见<5:/>。", tgt: "См. <5:/> <5:/>."},
	{key: "qa.tags.more", from: "zh", to: "ru", src: "见<5:/>。", tgt: "См. <5:/> <5:/> <5:/>."},
	{key: "qa.tags.times", from: "zh", to: "ru", src: "见<5:/>。", tgt: "См. <5:/> <5:/> <5:/>."},
	{key: "qa.tags.once", from: "zh", to: "ru", src: "见<5:/>。", tgt: "См. <5:/> <5:/> <5:/>."},
	{key: "qa.tags.fewer", from: "zh", to: "ru", src: "见<5:/>，<5:/>。", tgt: "См. <5:/>."},
	{key: "qa.tags.twice", from: "zh", to: "ru", src: "见<5:/>，<5:/>。", tgt: "См. <5:/>."},
	{key: "qa.tags.and", from: "zh", to: "ru", src: "运行<1:code/>，见<2:footnote/>。", tgt: "Запустите <1:code/> <1:code/>."},
	{key: "qa.translate_no.changed", from: "en", to: "ru", file: xliffOf(
		interchange.Segment{ID: "s1", Source: interchange.PlainText("Hello."), Target: interchange.PlainText("Привет."), NoTranslate: true})},
	{key: "qa.consistency.source", from: "en", to: "ru", file: xliffOf(
		interchange.Segment{ID: "s1", Source: interchange.PlainText("Hello."), Target: interchange.PlainText("Привет."), State: interchange.Translated},
		interchange.Segment{ID: "s2", Source: interchange.PlainText("Hello."), Target: interchange.PlainText("Здравствуйте."), State: interchange.Translated})},
	{key: "qa.consistency.target", from: "en", to: "ru", file: xliffOf(
		interchange.Segment{ID: "s1", Source: interchange.PlainText("The talks went well today."), Target: interchange.PlainText("Переговоры сегодня прошли хорошо."), State: interchange.Translated},
		interchange.Segment{ID: "s2", Source: interchange.PlainText("The meeting went well today."), Target: interchange.PlainText("Переговоры сегодня прошли хорошо."), State: interchange.Translated})},
	{key: "qa.tags.early", from: "ru", to: "zh", file: xliffOf(
		interchange.Segment{ID: "s1", Source: marked("Первое <1:bold>предложение."), Target: marked("</1:bold>第一句。"), State: interchange.Translated},
		interchange.Segment{ID: "s2", Source: marked("Второе</1:bold> предложение."), Target: marked("第二<1:bold>句。"), State: interchange.Translated})},
	{key: "qa.tags.list", from: "ru", to: "zh", file: xliffOf(
		interchange.Segment{ID: "s1", Source: marked("Первое <1:bold>предложение <2:>и"), Target: marked("</1:bold></2:>第一句"), State: interchange.Translated},
		interchange.Segment{ID: "s2", Source: marked("второе</1:bold></2:> предложение."), Target: marked("第二<1:bold><2:>句。"), State: interchange.Translated})},
}

// xliffOf returns a file of one unit, p, with the segments ss.
func xliffOf(ss ...interchange.Segment) *interchange.XLIFF {
	units := make([]interchange.Unit, len(ss))
	for i, s := range ss {
		units[i] = interchange.Unit{ID: "p" + strconv.Itoa(i+1), Segments: []interchange.Segment{s}}
	}
	if strings.Contains(ss[0].Source.Plain(), "Первое") {
		// A pair of codes that spans two segments of one unit.
		units = []interchange.Unit{{ID: "p", Segments: ss}}
	}
	return &interchange.XLIFF{Files: []interchange.XFile{{Units: units}}}
}

// catalogEnglish lists the words the English catalog writes otherwise
// than the command line: the catalog's glossary keeps "program" for the
// forum's programme.
var catalogEnglish = strings.NewReplacer("(program code)", "(computer code)")

// phraseKeys returns the keys of p and of the phrases in its arguments.
func phraseKeys(p Phrase) []string {
	keys := []string{p.Key}
	for _, a := range p.Args {
		if q, ok := a.(Phrase); ok {
			keys = append(keys, phraseKeys(q)...)
		}
	}
	return keys
}

// TestMessagesInEveryLanguage drives each check to each of its messages
// and checks that the catalog has every key in zh, ru and en, that the
// English catalog writes each finding as its Message (so that the two
// cannot drift apart), and that the other languages write it whole: no
// key left as it is, no argument missing or left over.
func TestMessagesInEveryLanguage(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	reached := map[string]bool{}
	for _, tc := range messageCases {
		var tb *interchange.Termbase
		if tc.terms {
			tb = messageTermbase
		}
		c := mustChecker(t, tc.from, tc.to, tb)
		var fs []Finding
		if tc.file != nil {
			fs = c.File(tc.file)
		} else {
			fs = c.Segment(marked(tc.src), marked(tc.tgt))
		}
		found := false
		for _, f := range fs {
			keys := phraseKeys(Phrase{Key: f.Key, Args: f.Args})
			found = found || slices.Contains(keys, tc.key)
			for _, k := range keys {
				reached[k] = true
				for _, l := range i18n.Languages {
					if ok, _ := cat.Printer(l).Has(k); !ok {
						t.Errorf("%s: key %q of %q is not in qa.%s.json", tc.key, k, f.Message, l)
					}
				}
			}
			if !strings.HasPrefix(f.Key, "qa."+strings.ReplaceAll(f.Check, "-", "_")+".") {
				t.Errorf("%s: finding of %s has key %q", tc.key, f.Check, f.Key)
			}
			if got, want := f.Text(cat.Printer("en")), catalogEnglish.Replace(f.Message); got != want {
				t.Errorf("%s: in English %q, Message %q", tc.key, got, want)
			}
			for _, l := range []string{"ru", "zh"} {
				got := f.Text(cat.Printer(l))
				if strings.Contains(got, "%!") || strings.Contains(got, "qa.") || got == f.Message {
					t.Errorf("%s: in %s %q (Message %q)", tc.key, l, got, f.Message)
				}
			}
		}
		if !found {
			t.Errorf("%s %s→%s %q → %q: no finding with the key, got %v", tc.key, tc.from, tc.to, tc.src, tc.tgt, fs)
		}
	}
	// Every message of the catalog is one a check gives, and the table
	// shows it.
	data, err := os.ReadFile("../i18n/locales/qa.en.json")
	if err != nil {
		t.Fatal(err)
	}
	var all map[string]any
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatal(err)
	}
	for _, k := range slices.Sorted(maps.Keys(all)) {
		if !reached[k] {
			t.Errorf("no case gives %q", k)
		}
	}
	// Every key the code names is in the catalog, or begins keys that
	// are ("qa.addresses.samepage."+c.to).
	fset := token.NewFileSet()
	names, _ := filepath.Glob("*.go")
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			if !strings.HasPrefix(s, "qa.") {
				return true
			}
			if _, ok := all[s]; !ok && !slices.ContainsFunc(slices.Collect(maps.Keys(all)), func(k string) bool { return strings.HasPrefix(k, s) }) {
				t.Errorf("%s: key %q is not in the catalog", fset.Position(lit.Pos()), s)
			}
			return true
		})
	}
}

// TestPhraseText: counts take the plural form of the reader's language,
// ratios its decimal mark, and words inside a message its own words.
func TestPhraseText(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	sentences := func(n, m int) Phrase {
		return phrase("qa.sentences.count", "%d sentences in the source, %d in the translation", n, m)
	}
	tests := []struct {
		lang string
		p    Phrase
		want string
	}{
		{"ru", sentences(1, 2), "1 предложение в оригинале, в переводе — 2"},
		{"ru", sentences(3, 1), "3 предложения в оригинале, в переводе — 1"},
		{"ru", sentences(5, 1), "5 предложений в оригинале, в переводе — 1"},
		{"ru", sentences(21, 20), "21 предложение в оригинале, в переводе — 20"},
		{"en", sentences(2, 1), "2 sentences in the source, 1 in the translation"},
		{"zh", sentences(2, 1), "原文 2 句，译文 1 句"},
		{"ru", times(21), "21 раз"},
		{"ru", times(3), "3 раза"},
		{"ru", times(2), "дважды"},
		{"ru", phrase("qa.length.ratio", "", Decimal(0.24), Decimal(2.86), "zh", "ru"), "длина перевода — 0,2 от длины оригинала; обычно 2,9 для пары zh→ru"},
		{"zh", phrase("qa.length.ratio", "", Decimal(3.04), Decimal(0.88), "ru", "en"), "译文长度是原文的 3.0 倍，而 0.9 倍是 ru→en 的常见比例"},
		{"ru", currencyName(numeral.Yuan | numeral.Yen), "юани или иены"},
		{"zh", perName(1000), "千分比"},
	}
	for _, tt := range tests {
		if got := tt.p.Text(cat.Printer(tt.lang)); got != tt.want {
			t.Errorf("%s %s%v: %q, want %q", tt.lang, tt.p.Key, tt.p.Args, got, tt.want)
		}
	}
}

// TestCurrencyNames: findings name currencies as numeral does in English,
// every set of them.
func TestCurrencyNames(t *testing.T) {
	for c := numeral.Currency(1); c < 1<<len(currencyWords); c++ {
		if got, want := currencyName(c).String(), c.String(); got != want {
			t.Errorf("%08b: %q, want %q", c, got, want)
		}
	}
}
