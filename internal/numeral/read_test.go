package numeral

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// dates writes the dates of r as year-month-day, "?" for a field the text
// does not give, the readings of one date joined by "|", the dates by
// spaces. The numbers of a field have its role as the first reading
// gives it.
func dates(r *Reading) string {
	var out []string
	for _, d := range r.Dates {
		var readings []string
		for k, ymd := range d.Readings {
			var fields []string
			for f := Year; f <= Day; f++ {
				if !ymd.Has(f) {
					fields = append(fields, "?")
					continue
				}
				n := r.Numbers[ymd.At(f)]
				if n.Role != f && k == 0 || !n.Dated {
					return fmt.Sprintf("number %q gives field %d of a date but has role %d", n.Text, f, n.Role)
				}
				fields = append(fields, strconv.FormatFloat(n.Value, 'g', -1, 64))
			}
			readings = append(readings, strings.Join(fields, "-"))
		}
		out = append(out, strings.Join(readings, "|"))
	}
	return strings.Join(out, " ")
}

// TestDates: a date is read whole in every form zh, ru and en write it,
// its fields pointing at the numbers that give them; a range of days
// gives one date per day; an English date with slashes whose day and
// month could be either has both readings.
func TestDates(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"ru", "Договор подписан 16.07.2001 в Москве.", "2001-7-16"},
		{"ru", "16 июля 2001 г.", "2001-7-16"},
		{"ru", "шестнадцатого июля", "?-7-16"},
		{"en", "July 16, 2001", "2001-7-16"},
		{"en", "the 16th of July 2001", "2001-7-16"},
		{"en", "2001-07-16", "2001-7-16"},
		{"zh", "2001年7月16日", "2001-7-16"},
		{"zh", "二〇〇一年七月十六日", "2001-7-16"},
		{"zh", "２００１年７月１６日", "2001-7-16"},
		{"en", "on 5/6/2021", "2021-5-6|2021-6-5"},
		{"ru", "06.05.2021", "2021-5-6"},
		{"zh", "2021年6月18日至20日", "2021-6-18 2021-6-20"},
		{"ru", "с 18 по 20 июня 2021 г.", "2021-6-20 2021-6-18"},
		{"en", "June 18 and 20", "?-6-18 ?-6-20"},
		{"en", "in June", ""},
		{"ru", "версия 1.2.3.4", ""},
		{"en", "see https://example.org/2021-06-18/report", ""},
	}
	for _, tt := range tests {
		if got := dates(Read(tt.text, tt.lang)); got != tt.want {
			t.Errorf("%s %q: dates %q, want %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

// TestMarks: a sign, a per cent or per mille sign and a currency are read
// beside the number, apart from its value.
func TestMarks(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"en", "−5 °C, +3 %, 5 ‰", "−5 +3% 5‰"},
		{"ru", "минус 5 градусов, 5 градусов мороза", "−5 −5"},
		{"zh", "零下5度，负3，正负3", "−5 −3 3"},
		{"zh", "百分之五，千分之三", "5% 3‰"},
		{"en", "Су-35 and 5-10", "35 5 10"},
		{"en", "$5, €5, £5, ¥5, 5 yuan, RMB 5", "5$ 5€ 5£ 5¥ 5¥ 5¥"},
		{"ru", "5 млн долл., 300 руб., 10 евро", "5e+06$ 300₽ 10€"},
		{"zh", "500万美元，300元，20英镑", "5e+06$ 300¥ 20£"},
		{"en", "5 pounds of flour", "5"},
	}
	signs := map[Currency]string{Dollar: "$", Euro: "€", Pound: "£", Yuan: "¥", Yuan | Yen: "¥", Rouble: "₽"}
	for _, tt := range tests {
		var got []string
		for _, n := range Read(tt.text, tt.lang).Numbers {
			got = append(got, map[int8]string{-1: "−", 1: "+"}[n.Sign]+strconv.FormatFloat(n.Value, 'g', -1, 64)+
				map[float64]string{100: "%", 1000: "‰"}[n.Per]+signs[n.Currency])
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s %q: %q, want %q", tt.lang, tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

// TestDesignations: the number of a name (ВВЭР-1000, Ту-154, G20) is
// weak, read with the whole name and its letters; a Chinese name gives
// the letters it stands for, so that it compares with the Russian or
// English one.
func TestDesignations(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"ru", "реактор ВВЭР-1000 и самолёт Ту-154", "ВВЭР-1000:ВВЭР Ту-154:Ту"},
		{"zh", "图-154和苏-35", "图-154:TU 苏-35:SU"},
		{"en", "VVER-1200, MiG-29, COVID-19 and the G20", "VVER-1200:VVER MiG-29:MiG COVID-19:COVID G20:G"},
		{"en", "RMB100 and USD250", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, n := range Read(tt.text, tt.lang).Numbers {
			if n.Code {
				if !n.Weak {
					t.Errorf("%s %q: %q is not weak", tt.lang, tt.text, n.Designation)
				}
				got = append(got, n.Designation+":"+n.Name)
			}
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s %q: %q, want %q", tt.lang, tt.text, strings.Join(got, " "), tt.want)
		}
	}
}

// TestReadingText: a number's Start and End point into the text as read,
// where full-width digits are ASCII and Traditional characters
// Simplified; its Text is quoted as written.
func TestReadingText(t *testing.T) {
	tests := []struct{ lang, text, read, spans, texts string }{
		{"zh", "２０２１年貿易額達2401億美元", "2021年貿易額達2401亿美元", "2021|2401亿", "2021|2401億"},
		{"zh", "兩國", "两国", "两", "兩"},
		{"ru", "рост на 3,5 %", "рост на 3,5 %", "3,5", "3,5"},
		{"en", "10 p.m. and 14½ miles", "10 p.m. and 14.5 miles", "10 p.m.|14.5", "10 p.m.|14.5"},
	}
	for _, tt := range tests {
		r := Read(tt.text, tt.lang)
		var spans, texts []string
		for _, n := range r.Numbers {
			spans = append(spans, r.Text[n.Start:n.End])
			texts = append(texts, n.Text)
		}
		if r.Text != tt.read || strings.Join(spans, "|") != tt.spans || strings.Join(texts, "|") != tt.texts {
			t.Errorf("%s %q: read %q, spans %q, texts %q; want %q, %q, %q", tt.lang, tt.text, r.Text, spans, texts, tt.read, tt.spans, tt.texts)
		}
	}
}

// TestAddressHosts: an address is found with its host, or the domain of
// an e-mail address.
func TestAddressHosts(t *testing.T) {
	text := "См. https://www.mid.ru/ru/press?id=5, kremlin.ru/events и info@forum.example.org."
	var got []string
	for _, a := range Addresses(text) {
		got = append(got, fmt.Sprintf("%s:%s:%v", text[a.Start:a.End], a.Host, a.Email))
	}
	want := "https://www.mid.ru/ru/press?id=5:www.mid.ru:false kremlin.ru/events:kremlin.ru:false info@forum.example.org:forum.example.org:true"
	if strings.Join(got, " ") != want {
		t.Errorf("%q:\n\tgot  %s\n\twant %s", text, strings.Join(got, " "), want)
	}
}

// FuzzRead feeds text to Read: whatever the text, every number stands
// where its offsets say in the text as read, every date's fields point at
// numbers of that date, and every address lies inside the text, in order,
// with a host.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"２０２１年６月１８日，兩國貿易額達2401億美元", "с 18 по 20 июня 2021 г.", "on 5/6/2021 and June 18, 2021",
		"−5 °C, +3 %, 5 ‰, $5, ¥300", "图-154和苏-35", "https://example.org/2021-06-18/report и mail2021@example.org",
		"（二）合作 б) ii) ① ❷ ⑴", "half past ten, a quarter to eleven", "14½ miles, 2 млн 500 тыс. тонн",
	} {
		for _, lang := range []string{"zh", "ru", "en"} {
			f.Add(s, lang)
		}
	}
	f.Fuzz(func(t *testing.T, text, lang string) {
		r := Read(text, lang)
		for _, n := range r.Numbers {
			if n.Start < 0 || n.Start > n.End || n.End > len(r.Text) || n.Text == "" {
				t.Fatalf("%q: %q at %d:%d of %d bytes", text, n.Text, n.Start, n.End, len(r.Text))
			}
		}
		for _, d := range r.Dates {
			for _, ymd := range d.Readings {
				if !ymd.Has(Month) {
					t.Fatalf("%q: a date with no month: %v", text, ymd)
				}
				for f := Year; f <= Day; f++ {
					if k := ymd.At(f); k >= len(r.Numbers) || ymd.Has(f) && !r.Numbers[k].Dated {
						t.Fatalf("%q: date %v, field %d points at no number of a date", text, ymd, f)
					}
				}
			}
		}
		end := 0
		for _, a := range Addresses(r.Text) {
			if a.Start < end || a.End > len(r.Text) || a.Start >= a.End || a.Host == "" {
				t.Fatalf("%q: address %+v after %d", r.Text, a, end)
			}
			end = a.End
		}
	})
}

// BenchmarkRead reads a sentence of news in each language, and a long
// text of many such sentences: the time per byte should not grow with the
// length of the text (it did, when the words after each number were
// lowered with the whole rest of the text).
func BenchmarkRead(b *testing.B) {
	sentences := map[string]string{
		"zh": "2021年6月18日，两国贸易额达2401亿美元，同比增长百分之三点五，气温为零下5度。",
		"ru": "18 июня 2021 г. товарооборот достиг 240,1 млрд долларов, рост на 3,5 %, минус 5 градусов.",
		"en": "On June 18, 2021, trade reached $240.1 billion, up 3.5%, at minus 5 degrees at 10 p.m.",
	}
	for _, lang := range []string{"zh", "ru", "en"} {
		for _, n := range []int{1, 500} {
			text := strings.Repeat(sentences[lang]+" ", n)
			b.Run(fmt.Sprintf("%s/%dB", lang, len(text)), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				for b.Loop() {
					Read(text, lang)
				}
			})
		}
	}
}
