package numeral

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// show writes the numbers found as "VALUE|ALT…", with "−" or "+" before a
// number with a sign, "%" or "‰" after a number per cent or per mille,
// "~" after a number written without digits and "?" after a weak one,
// separated by spaces.
func show(ns []Number) string {
	var out []string
	for _, n := range ns {
		s := map[int8]string{-1: "−", 1: "+"}[n.Sign] + strconv.FormatFloat(n.Value, 'g', -1, 64)
		for _, a := range n.Alt {
			s += "|" + strconv.FormatFloat(a, 'g', -1, 64)
		}
		s += map[float64]string{100: "%", 1000: "‰", 10000: "‱"}[n.Per]
		if n.Spelled {
			s += "~"
		}
		if n.Weak {
			s += "?"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestNumbers(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		// digits, separators, decimal marks, scale words
		{"zh", "中俄贸易额达到2401亿美元", "2.401e+11"},
		{"ru", "товарооборот достиг 240,1 млрд долларов", "2.401e+11"},
		{"en", "trade reached $240.1 billion", "2.401e+11"},
		{"zh", "1200名代表", "1200"},
		{"ru", "1 200 делегатов и 1\u00a0500 гостей, 2\u202f000 000 рублей", "1200 1500 2e+06"},
		{"en", "1,200 delegates, 3.5% growth", "1200 3.5%"},
		{"ru", "рост на 3,5 %, 5 тыс. человек, 12 млн.", "3.5% 5000 1.2e+07"},
		{"zh", "２０２３年５月３日", "2023 5 3"},
		{"zh", "2.5万人", "25000"},
		{"ru", "25 тыс. человек", "25000"},
		{"ru", "1,5 млрд", "1.5e+09"},
		{"zh", "15亿", "1.5e+09"},
		{"ru", "2 млн 500 тыс. тонн", "2.5e+06"},
		{"zh", "2万5千人", "25000"},
		{"zh", "5千人", "5000"},
		{"zh", "5千米", "5"},
		{"zh", "5兆瓦", "5"},
		{"zh", "3兆日元", "3e+12|3e+06"},
		{"en", "$1.5bn and £5m and $40k", "1.5e+09 5e+06 40000"},
		{"en", "a 5 m wall", "5"},
		{"ru", "в 2,5 тысячи раз", "2500"},
		// names and codes
		{"ru", "вирус COVID-19 и формат A4, Су-35", "19? 4? 35?"},
		{"zh", "苏-35和G20", "35? 20?"},
		{"zh", "人民币100元，RMB100", "100 100"},
		{"zh", "价值1100 万英镑，1.25 亿英镑，38 万", "1.1e+07 1.25e+08 380000"},
		{"zh", "20 世纪 30 年代", "20? 30|1930|2030"},
		{"zh", "大约1个小时", "1?"},
		{"zh", "550多万叙利亚人，二十多万人", "5.5e+06 200000~"},
		{"zh", "热线 0800 555 111", "800 555111"},
		{"ru", "25-тысячную толпу", "25000"},
		{"en", "won 14½-13½, ½ an inch", "14.5 13.5 0.5"},
		// dates, times, decades, centuries
		{"ru", "3 мая 2023 г.", "3 5 2023"},
		{"ru", "в июне, после ноябрьских выборов", "6~ 11~"},
		{"en", "June 1, 2021 and 1 June 2021", "6 1 2021 1 6 2021"},
		{"en", "you may go, May I? March on!", ""},
		{"en", "in March and in late May, on Sept. 30, when Jan and Dec. were cold", "3~ 5~ 9 30 12~"},
		{"en", "in May 2021", "5 2021"},
		{"zh", "下午3点，晚上8时", "15 20"},
		{"en", "3 p.m. and 10:30", "15 10 30"},
		{"en", "at 7.55am, at 4.40 pm, 7.5 magnitude", "7 55 16 40 7.5"},
		{"ru", "в 15:00, в 3 часа дня, в 9:05", "15 15 9 5"},
		{"zh", "10点半，下午5：30", "10|22 30~? 17 30"},
		{"zh", "每小时 85 英里", "85"},
		{"zh", "十点三十分，三点五分", "10|22~ 30~ 3|15~ 5~"},
		{"ru", "90-е годы, 1990-х", "90|1990|2090 1990"},
		{"en", "the '90s and the 1990s", "90|1990|2090 1990"},
		{"en", "the nineties, the ninetieth", "90|1990|2090~ 90~"},
		{"ru", "девяностые годы, в девяностых, девяностый", "90|1990|2090~ 90|1990|2090~ 90~"},
		{"zh", "20世纪90年代", "20? 90|1990|2090"},
		{"zh", "二十世纪九十年代", "20~? 90|1990|2090~"},
		{"zh", "21世纪", "21"},
		{"ru", "XXI век, XX–XXI вв., I квартал, Карл IV, точка C", "21~ 20~ 21~ 1~? 4~"},
		{"en", "World War II, Henry V, I said", "2~? 5~?"},
		// dates in every notation: day, month and year, whatever the order
		{"ru", "18.06.2021, 1.6.2021, 18.06.21, 18-06-2021", "18 6 2021 1 6 2021 18 6 2021|1921 18 6 2021"},
		{"en", "2021-06-18, 6/18/2021, 5/6/2021, 2021/6/18", "2021 6 18 6 18 2021 5 6 2021 2021 6 18"},
		{"zh", "2021年6月18日，2021.6.18", "2021 6 18 2021 6 18"},
		{"zh", "二〇二一年六月十八日，十月一日，一月", "2021~ 6~ 18~ 10~ 1~ 1~?"},
		{"ru", "1-го июня, первого июня, 18 июня 2021 года", "1 6 1~ 6~ 18 6 2021"},
		{"en", "on the 1st of June, June 1st, 1st June", "1 6 6 1 1 6"},
		{"en", "Jun. 18, 18 Jun 2021, 2 May", "6 18 18 6 2021 2 5"},
		{"ru", "1.2.3.4, 192.168.1.1, 31.31.2021", "1.2 3.4 192.168 1.1 31.31 2021"},
		{"en", "in 2020–21, 2020/21, 1998-99, 2020-2021", "2020 21|2021 2020 21|2021 1998 99|1999 2020 2021"},
		{"zh", "1—5月，1至5月", "1 5 1 5"},
		{"en", "January–May, March to May, May to July", "1~ 5~ 3~ 5~ 5~ 7~"},
		// times: on the 24-hour clock where the part of the day is written
		{"ru", "в 10.30, в 22.30, 3.50", "10.3|10 30? 22.3|22 30? 3.5|3 50?"},
		{"ru", "в 10 часов вечера, в 3 часа ночи, в 11 часов ночи, в 12 часов дня, в 10 утра", "22 3 23 12 10"},
		{"en", "at 10 p.m., at 12 a.m., at 12 p.m., at three in the afternoon, at 3 o'clock, at 7.30am", "22 0|24 12 15~ 3|15 7 30"},
		{"en", "noon and midnight", "12~? 0|24~?"},
		{"zh", "晚上10点，凌晨3时，中午1点，15时，正午", "22 3 13 15 12~?"},
		{"en", "£2.80 and 2.5 million", "2.8 2.5e+06"},
		// signs and per mille
		{"ru", "−5 °C, -5, –5, минус пять, +3 %", "−5 −5 −5 −5~ +3%"},
		{"zh", "零下5度，负5，18胜20负7平，正负0.5", "−5 −5 18 20 7 0.5"},
		{"en", "5-10, 10 - 5, COVID-19, a 5 - 2 win", "5 10 10 5 19? 5 2"},
		{"ru", "0,5 ‰, 5 промилле, 5 процентов", "0.5|0.05‰ 5|0.5‰ 5%"},
		// percent and fractions
		{"zh", "百分之五，百分之三点五，千分之三，百分之5", "5%~ 3.5%~ 3|0.3‰~ 5%"},
		{"zh", "百分百", "100~"},
		{"zh", "三分之一", "0.3333333333333~?"},
		{"zh", "七成", "7|70~"},
		{"en", "five per cent", "5%~"},
		// Chinese numerals
		{"zh", "二十，第三，两千", "20~ 3~ 2000~"},
		{"zh", "二十一，三百五十，一万二千，两千零一，十五亿", "21~ 350~ 12000~ 2001~ 1.5e+09~"},
		{"zh", "一亿五千万，三万亿，一万二，三千五，一百零五", "1.5e+08~ 3e+12~ 12000~ 3500~ 105~"},
		{"zh", "公司损失达四百五十万美元，二〇二三年", "4.5e+06~ 2023~"},
		{"zh", "一九九八年，九八年", "1998~ 98|1998|2098~"},
		{"zh", "三点五", "3.5~"},
		{"zh", "七八个，二十七八岁，三四十万", "7~? 8~? 27~? 28~? 300000~? 400000~?"},
		{"zh", "五四运动，“十四五”规划", "5~? 4~? 14~? 15~?"},
		{"zh", "第一次会议，统一，一起，一些", "1~?"},
		{"zh", "两国，三国，三中全会，十年", "2~? 3~ 3~ 10~"},
		{"zh", "十分重要，万一，亿万，千方百计，百姓", ""},
		{"zh", "千万不要忘记", "1e+07~?"},
		{"zh", "（亿美元）（万人）（千美元）（兆日元）（十亿美元）（百万美元）", "1e+08~? 10000~? 1000~? 1e+12|1e+06~? 1e+09~ 1e+06~"},
		{"en", "(US$ bn), (US$ million), thousands of people", "1e+09~? 1e+06~? 1000~?"},
		{"ru", "(трлн руб.), (млрд долл.), (тыс. чел.)", "1e+12~? 1e+09~? 1000~?"},
		{"zh", "五千米", "5~"},
		{"zh", "第十四个五年规划", "14~ 5~"},
		{"zh", "三到五天，三至五个，三或四人，一到", "3~ 5~ 3~ 5~ 3~ 4~"},
		// Russian words: cases, genders, compounds, ordinals
		{"ru", "двадцать, двадцати, двадцатью", "20~ 20~ 20~"},
		{"ru", "о двумястами делегатах", "200~"},
		{"ru", "третьего, третьей, третьему, третьими", "3~ 3~ 3~ 3~"},
		{"ru", "две тысячи первый год, в две тысячи первом году", "2001~ 2001~"},
		{"ru", "сто двадцать пять, двадцать одна страна", "125~ 21~"},
		{"ru", "полтора миллиарда, пять-шесть, трое, оба", "1.5e+09~ 5~ 6~ 3~ 2~?"},
		{"ru", "двадцатилетие, двадцатипятилетие, трёхлетний, двухтысячный, тысячелетие, столетия", "20~ 25~ 3~ 2000~ 1000~ 100~"},
		{"ru", "два десятилетия, десятки, тысячи людей, миллионы", "20~ 10~? 1000~? 1e+06~?"},
		{"ru", "одна тысяча девятьсот девяносто восьмой", "1998~"},
		{"ru", "четыреста двадцать", "420~"},
		{"ru", "семью годами позже поддержать семью", ""},
		{"ru", "(млн долл. США)", "1e+06~?"},
		{"ru", "пять процентов", "5%~"},
		{"ru", "20-летие", "20"},
		// English words
		{"en", "one, two, twenty-one, twenty-first", "1~? 2~? 21~ 21~"},
		{"en", "a thousand, one hundred and twenty-five, two decades, a dozen", "1000~ 125~ 20~ 12~"},
		{"en", "nineteen hundred, three million two hundred thousand", "1900~ 3.2e+06~"},
		{"en", "both, twice, millions of, a book", "2~? 2~? 1e+06~?"},
		{"en", "the 20th anniversary, the twentieth anniversary", "20 20~"},
	}
	for _, tt := range tests {
		if got := show(Numbers(tt.text, tt.lang)); got != tt.want {
			t.Errorf("%s %q:\n\tgot  %s\n\twant %s", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestMeasures(t *testing.T) {
	tests := []struct {
		lang, text string
		dim        Dimension
		base       float64
	}{
		{"en", "a 650 pound pig", Mass, 294.835},
		{"en", "a 550-pound hog", Mass, 249.476},
		{"ru", "300-килограммовое животное", Mass, 300},
		{"zh", "650 磅重", Mass, 294.835},
		{"en", "winds of 85 mph", Speed, 136.794},
		{"ru", "до 135 км/ч", Speed, 135},
		{"en", "385 miles southwest", Length, 619597.44},
		{"ru", "в 27 метрах", Length, 27},
		{"zh", "30 码处", Length, 27.432},
		{"zh", "5千米", Length, 5000},
		{"zh", "五千米", Length, 5000},
		{"en", "ten inches of rain", Length, 0.254},
		{"en", "2 to 4 inches of rain", Length, 0.0508},
		{"ru", "от 2,5 до 10 см осадков", Length, 0.025},
		{"ru", "5–10 см", Length, 0.05},
		{"zh", "2至4英寸", Length, 0.0508},
		{"en", "80 degrees", Temperature, 80},
		{"zh", "每小时 85 英里", Speed, 136.794},
		{"en", "80 °F", Temperature, 26.667},
		{"ru", "80 градусов по Фаренгейту", Temperature, 26.667},
		{"ru", "27 градусов", Temperature, 27},
		{"zh", "27摄氏度", Temperature, 27},
		{"ru", "в 2021 г. и в 10 т. е.", NoDimension, 0},
		{"en", "10 in 2021", NoDimension, 0},
	}
	for _, tt := range tests {
		ns := Numbers(tt.text, tt.lang)
		var dim Dimension
		var base float64
		if len(ns) > 0 && ns[0].Unit != nil {
			dim, base = ns[0].Unit.Dim, ns[0].Bases()[0]
		}
		if dim != tt.dim || math.Abs(base-tt.base) > 0.01 {
			t.Errorf("%s %q: dimension %d, %v; want %d, %v", tt.lang, tt.text, dim, base, tt.dim, tt.base)
		}
	}
}

// FuzzNumbers feeds text from files to the normaliser: it must not panic,
// every number must be finite with its text taken from the input, and a
// value written back as plain digits must read as itself (the normal form
// is a fixed point).
func FuzzNumbers(f *testing.F) {
	for _, s := range []string{
		"2401亿美元", "240,1 млрд", "1 000 000", "二十一", "两千零一", "一亿五千万", "百分之三点五", "七八个",
		"двумястами", "две тысячи первый", "twenty-first", "a thousand", "10:30", "下午3点", "90-е", "XXI",
		"20世纪90年代", "5千米", "3兆日元", "2 млн 500 тыс.", "$5m", "第十四个五年规划", "三分之一", "1.2.3", "9" + strings.Repeat("9", 400),
		"18.06.2021", "6/18/2021", "2021年6月18日至20日", "18–20 июня", "June 18 and 20", "в 10.30", "10 p.m.", "晚上10点", "2020–21",
		"−5 °C", "минус 5", "零下5度", "0,5 ‰", "千分之五",
	} {
		for _, lang := range []string{"zh", "ru", "en"} {
			f.Add(s, lang)
		}
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		if !utf8.ValidString(text) {
			return
		}
		for _, n := range Numbers(text, lang) {
			for _, v := range n.Values() {
				if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Fatalf("%q: value %v", text, v)
				}
			}
			if n.Text == "" {
				t.Fatalf("%q: a number with no text", text)
			}
			if n.Value >= 1e15 || n.Value != math.Trunc(n.Value*1e6)/1e6 {
				continue
			}
			// 10.25 may also be 10:25 or the 10th of May: its second
			// number is weak.
			digits := strconv.FormatFloat(n.Value, 'f', -1, 64)
			again := Numbers(digits, lang)
			if len(again) == 0 || again[0].Value != n.Value || again[0].Spelled || len(again) > 1 && (len(again) > 2 || !again[1].Weak) {
				t.Fatalf("%q: %v written as %q reads as %s", text, n.Value, digits, show(again))
			}
		}
	})
}

// TestNumberText: a number is quoted in messages as written, with its
// scale word, but not the stop that ends the sentence after it; "тыс." is
// written with its stop.
func TestNumberText(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"en", "The volume is 1,469 billion.", "1,469 billion"},
		{"en", "The budget is $2.5 million.", "2.5 million"},
		{"en", "It reached 3 thousand.", "3 thousand"},
		{"ru", "Объём — 146,9 миллиарда.", "146,9 миллиарда"},
		{"ru", "Участвовали 3 тыс. человек.", "3 тыс."},
		{"ru", "Объём — 146,9 млрд.", "146,9 млрд"},
		{"en", "It cost $1.5bn.", "1.5bn"},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range Read(tt.text, tt.lang).Numbers {
			got = append(got, n.Text)
		}
		if strings.Join(got, "|") != tt.want {
			t.Errorf("%s %q: numbers %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}
