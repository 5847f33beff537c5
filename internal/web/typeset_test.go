package web

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/i18n"
)

// TestTypesetKeepsUnitsTogether checks what typeset keeps on one line (in
// [brackets] here) in texts an author might write, in each language: dates,
// times, time ranges and numbers with their units, and nothing else.
func TestTypesetKeepsUnitsTogether(t *testing.T) {
	tests := []struct{ in, want string }{
		// The demo's programme note, whose date broke as 2021年6月 / 1日.
		{"演示所依据的报道只提供了论坛的日期，即2021年6月1日。", "演示所依据的报道只提供了论坛的日期，即[2021年6月1日]。"},
		{"указана только дата форума — 1 июня 2021 года.", "указана только дата форума — [1 июня 2021 года]."},
		{"gives only the date of the forum, 1 June 2021.", "gives only the date of the forum, [1 June 2021]."},
		{"signed in Moscow on 16 July 2001. Then", "signed in Moscow on [16 July 2001]. Then"},
		{"подписанного в Москве 16 июля 2001 г. Министры", "подписанного в Москве [16 июля 2001 г.] Министры"},
		{"于2001年7月16日在莫斯科签署", "于[2001年7月16日]在莫斯科签署"},
		{"The forum met on June 1, 2021, online.", "The forum met on [June 1, 2021], online."},
		{"Tuesday, 1 June 2021", "[Tuesday, 1 June 2021]"},
		{"вторник, 1 июня 2021 г.", "[вторник, 1 июня 2021 г.]"},
		// A Chinese date apart from its weekday, a range after its
		// connector: where Chinese may break, lest a run of up to seventeen
		// characters outgrow a phone's line.
		{"2021年6月1日星期二", "[2021年6月1日][星期二]"},
		{"2021年6月1日周二上午", "[2021年6月1日][周二]上午"},
		{"30 June – 2 July 2021", "[30 June – 2 July 2021]"},
		{"1–2 июня 2021 г.", "[1–2 июня 2021 г.]"},
		{"2021年6月30日至7月2日", "[2021年6月30日至][7月2日]"},
		{"2021年6月1日至2022年7月3日", "[2021年6月1日至][2022年7月3日]"},
		{"6月30日–7月2日", "[6月30日–][7月2日]"},
		{"签署20周年", "签署[20周年]"},
		{"в июне 2021 г. форум", "в [июне 2021 г.] форум"},
		// Times and ranges.
		{"10:00–10:50 Выступления", "[10:00–10:50] Выступления"},
		{"from 9:30 am to 11:00", "from [9:30 am] to [11:00]"},
		{"上午10:00至11:30", "上午[10:00]至[11:30]"},
		// Numbers with units, scale words and counters.
		{"Вода кипит при 100 °C. Это", "Вода кипит при [100 °C]. Это"},
		{"grew by 20 % in 5 km", "grew by [20 %] in [5 km]"},
		{"бюджет 1 234 567 руб. в год", "бюджет [1 234 567 руб.] в год"},
		{"к 20-летию договора", "к [20-летию] договора"},
		{"в 2021 году Россия", "в [2021 году] Россия"},
		{"签署20周年", "签署[20周年]"},
		{"条约签署二十周年致辞", "条约签署[二十周年]致辞"},
		{"第1,001页，共1,001页", "[第1,001页]，共[1,001页]"},
		{"4篇发言", "[4篇]发言"},
		{"（100亿美元）", "（[100亿美元]）"},
		{"3 млн долл.", "[3 млн] долл."},
		// Nothing to keep.
		{"5 measures in room 12", "5 measures in room 12"},
		{"COVID-19 and G20", "COVID-19 and G20"},
		{"Видеообращение Ван И", "Видеообращение Ван И"},
		{"", ""},
	}
	for _, tt := range tests {
		got := string(typeset(tt.in))
		got = strings.NewReplacer(`<span class="nw">`, "[", "</span>", "]").Replace(got)
		want := strings.NewReplacer("&", "&amp;").Replace(tt.want)
		if got != want {
			t.Errorf("typeset(%q)\n got %q\nwant %q", tt.in, got, want)
		}
	}
}

// TestTypesetKeepsShortTitlesWhole checks which names and titles in
// quotation marks typeset keeps on one line when it fits (in {braces} here,
// with kept units in [brackets]): short ones, in every script's marks, and
// no longer ones, which a line must be free to break.
func TestTypesetKeepsShortTitlesWhole(t *testing.T) {
	tests := []struct{ in, want string }{
		// The byline that broke as 《中国社会科学 / 报》.
		{"来源：《中国社会科学报》", "来源：{《中国社会科学报》}"},
		{"为纪念《中俄睦邻友好合作条约》签署", "为纪念{《中俄睦邻友好合作条约》}签署"},
		{"他推荐了《摔跤吧！爸爸》这部电影。", "他推荐了{《摔跤吧！爸爸》}这部电影。"},
		{"见「一带一路」与『丝路』", "见{「一带一路」}与{『丝路』}"},
		{"“一带一路”倡议", "{“一带一路”}倡议"},
		{"《〈论语〉注》", "{《〈论语〉注》}"},
		{"《2021年6月声明》", "{《[2021年6月]声明》}"},
		// Twelve characters at most in Chinese.
		{"《中华人民共和国和俄罗斯联邦睦邻友好合作条约》", "《中华人民共和国和俄罗斯联邦睦邻友好合作条约》"},
		{"《一二三四五六七八九十一二》", "{《一二三四五六七八九十一二》}"},
		{"《一二三四五六七八九十一二三》", "《一二三四五六七八九十一二三》"},
		{"《2021年6月1日联合声明》", "《[2021年6月1日]联合声明》"},
		// Forty in other scripts.
		{"Источник: «Китайская газета общественных наук»", "Источник: {«Китайская газета общественных наук»}"},
		{"Доклад „Куда идёт экономика?“ обсудили", "Доклад {„Куда идёт экономика?“} обсудили"},
		{"the newspaper “Chinese Social Sciences Today”, which", "the newspaper {“Chinese Social Sciences Today”}, which"},
		{"the ‘Collected Works’ of", "the {‘Collected Works’} of"},
		{"«Договор о добрососедстве, дружбе и сотрудничестве между Россией и Китаем»",
			"«Договор о добрососедстве, дружбе и сотрудничестве между Россией и Китаем»"},
		// A long quotation is not kept; a short title in it is.
		{"“The treaty, signed in 2001, is the legal basis of the relationship,” said 《人民日报》",
			"“The treaty, signed in 2001, is the legal basis of the relationship,” said {《人民日报》}"},
		{"«Мы прочли «Войну и мир» и многое другое за эти долгие годы»", "«Мы прочли {«Войну и мир»} и многое другое за эти долгие годы»"},
		// Not a title: an apostrophe, marks not closed, empty, spaced or across lines.
		{"the forum’s report", "the forum’s report"},
		{"《中国社会科学报", "《中国社会科学报"},
		{"《》 and «»", "《》 and «»"},
		{"« Le Monde » écrit", "« Le Monde » écrit"},
		{"《中国\n社会》", "《中国\n社会》"},
	}
	mark := strings.NewReplacer(`<span class="kw">`, "{", `<span class="nw">`, "[", "</span>", "]")
	for _, tt := range tests {
		got := mark.Replace(html.UnescapeString(string(typeset(tt.in))))
		want := strings.ReplaceAll(strings.ReplaceAll(tt.want, "{", "\x00"), "}", "]")
		want = strings.ReplaceAll(want, "\x00", "{")
		if got != want {
			t.Errorf("typeset(%q)\n got %q\nwant %q", tt.in, got, want)
		}
		if got := string(typesetProse(tt.in)); strings.Contains(got, `class="kw"`) {
			t.Errorf("typesetProse(%q) keeps a title whole in running text: %q", tt.in, got)
		}
	}
}

// TestTypesetHints checks how a text's break hints are set: in a short text
// (a name) as the only places its Chinese breaks, in running text as mere
// places to break, the paragraph's Chinese breaking between any two
// characters as ever.
func TestTypesetHints(t *testing.T) {
	const name = "俄罗斯\u200b国际事务\u200b委员会"
	if got, want := string(typeset(name)), `<span class="hinted">俄罗斯<wbr>国际事务<wbr>委员会</span>`; got != want {
		t.Errorf("typeset(%q) = %q, want %q", name, got, want)
	}
	para := name + "主席伊戈尔·伊万诺夫呼吁对条约开展长期、不间断的研究，为两国伙伴关系的发展提供新的思路。"
	if got := string(typesetProse(para)); strings.Contains(got, "hinted") || !strings.HasPrefix(got, "俄罗斯<wbr>国际事务<wbr>委员会主席") {
		t.Errorf("typesetProse(%q) = %q, want its hints as <wbr> and no span", para, got)
	}
}

var years = regexp.MustCompile(`\d{4}`)

// TestTypesetKeepsWhatThePrinterWrites checks that every date, time and
// range the printer writes, over the days of several years in each
// language, is kept on one line whole, alone or inside a catalog sentence.
func TestTypesetKeepsWhatThePrinterWrites(t *testing.T) {
	c, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range i18n.Languages {
		p := c.Printer(l)
		for day := time.Date(2020, 1, 1, 9, 5, 0, 0, time.UTC); day.Year() < 2022; day = day.AddDate(0, 0, 3) {
			next := day.AddDate(0, 0, 1)
			later := day.AddDate(0, 1, 2)
			for _, v := range []string{p.Date(day), p.DateWithWeekday(day), p.DateShort(day), p.MonthYear(day),
				p.DateRange(day, next), p.DateRange(day, later), p.Time(day), p.TimeRange(day, day.Add(50*time.Minute))} {
				want := `<span class="nw">` + v + `</span>`
				got := string(typeset(v))
				if from, to, ok := strings.Cut(v, " – "); ok && len(years.FindAllString(v, -1)) == 2 {
					// Dates of two years: each whole, the dash between.
					want = `<span class="nw">` + from + `</span> – <span class="nw">` + to + `</span>`
				}
				if l == "zh" {
					// Chinese breaks after a range's connector and before a
					// weekday.
					want = strings.NewReplacer("至", "至</span><span class=\"nw\">", "星期", "</span><span class=\"nw\">星期").Replace(want)
				}
				if got != want {
					t.Fatalf("%s: typeset(%q) = %q", l, v, got)
				}
				if got := string(typeset(p.T("collection.released", v))); !strings.Contains(got, want) && !strings.Contains(v, " – ") {
					t.Fatalf("%s: typeset(%q) = %q", l, p.T("collection.released", v), got)
				}
			}
			want := 2
			if l == "zh" {
				want = 3 // the weekday apart
			}
			if got := string(typeset(p.T("format.datetime", p.DateWithWeekday(day), p.TimeRange(day, next)))); strings.Count(got, `<span class="nw">`) != want {
				t.Fatalf("%s: date and time range not each kept: %q", l, got)
			}
		}
	}
}

// FuzzTypeset sets arbitrary texts, as short texts and as prose: the HTML
// holds no tags but the kept spans ("nw", and "kw" in a short text only,
// which may hold "nw" ones), the hinted span and <wbr>; the spans are
// balanced and no kept span is inside another of its kind or a "kw" inside
// an "nw"; and its text is the input's, without control characters and
// break hints.
func FuzzTypeset(f *testing.F) {
	for _, s := range []string{"10:00–10:50", "2021年6月1日", "1 июня 2021 г.", "<b>&amp;</b>", "中国\u200b社科院 20周年",
		"5 measures", "\u200b10:\u200b00", "第1,001页", "A\x07B", "\xff", "来源：《中国社会科学报》", "«Итоги «2021 года»»",
		"《2021年6月至7月》", "“a ‘b’ c”", "„x“ 2021年6月1日星期二至2日"} {
		f.Add(s)
	}
	tag := regexp.MustCompile(`<[^>]*>`)
	f.Fuzz(func(t *testing.T, s string) {
		for _, short := range []bool{true, false} {
			out := string(setText(s, short))
			var open []string
			hinted := 0
			for _, tg := range tag.FindAllString(out, -1) {
				switch tg {
				case `<span class="nw">`:
					if slices.Contains(open, "nw") {
						t.Fatalf("%q: kept spans nested: %s", s, out)
					}
					open = append(open, "nw")
				case `<span class="kw">`:
					if !short || len(open) > 0 {
						t.Fatalf("%q (short %v): title span where none may be: %s", s, short, out)
					}
					open = append(open, "kw")
				case `<span class="hinted">`:
					hinted++
				case `</span>`:
					if len(open) > 0 {
						open = open[:len(open)-1]
					} else {
						hinted--
					}
				case `<wbr>`:
				default:
					t.Fatalf("%q: tag %s in %s", s, tg, out)
				}
			}
			if len(open) != 0 || hinted != 0 {
				t.Fatalf("%q: unbalanced spans in %s", s, out)
			}
			if got, want := html.UnescapeString(tag.ReplaceAllString(out, "")), flat(s); got != want {
				t.Fatalf("%q: text %q, want %q", s, got, want)
			}
		}
	})
}

// BenchmarkTypeset sets a long text with a number every few words, as a
// speech's transcript may be, and reports the time per kilobyte.
func BenchmarkTypeset(b *testing.B) {
	text := strings.Repeat("On 16 July 2001 the treaty was signed; 20 years on, at 10:00–10:50, some 5 km away, 1 234 people met. ", 500)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		typeset(text)
	}
}

// TestTypesetTitleBindsShortWords: in a title, a number with its
// hyphenated ending is kept whole (in [brackets]) and a Russian word of
// one or two letters is bound to the next by a no-break space (~ here), so
// that a phone's narrow line breaks neither «к 20- / летию» nor after «к».
func TestTypesetTitleBindsShortWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Собрание трудов к 20-летию Договора", "Собрание трудов к~[20-летию] Договора"},
		{"Россия и Китай в новую эпоху", "Россия и~Китай в~новую эпоху"},
		{"О дружбе и в мире", "О~дружбе и~в~мире"},
		{"На пути к партнёрству", "На~пути к~партнёрству"},
		{"Twenty years of partnership", "Twenty years of partnership"},
		{"伙伴关系的二十年", "伙伴关系的[二十年]"},
	}
	for _, tt := range tests {
		got := string(typesetTitle(tt.in))
		got = strings.NewReplacer(`<span class="nw">`, "[", "</span>", "]", "\u00a0", "~").Replace(got)
		if got != tt.want {
			t.Errorf("typesetTitle(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
