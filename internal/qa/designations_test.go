package qa

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

// numberMessages returns the messages of the numbers check on one segment.
func numberMessages(t *testing.T, from, to, src, tgt string) string {
	t.Helper()
	var got []string
	for _, f := range mustChecker(t, from, to, nil).Segment(interchange.PlainText(src), interchange.PlainText(tgt)) {
		if f.Check == "numbers" {
			got = append(got, f.Severity.String()+": "+f.Message)
		}
	}
	return strings.Join(got, "\n")
}

// TestDesignations: the number of a designation (ВВЭР-1000, Ту-154, G20,
// МС-21) is compared like any number, its name transliterated or not; a
// designation the translation names in words (COVID-19 as 新冠肺炎) and
// numbers that only look like designations (ranges, phone numbers) raise
// nothing.
func TestDesignations(t *testing.T) {
	tests := []struct {
		from, to, src, tgt string
		want               string // the messages of the numbers check; "" for none
	}{
		// Correct.
		{"ru", "en", "Российские блоки ВВЭР-1000 работают.", "Russian VVER-1000 units operate.", ""},
		{"ru", "en", "Ту-154 и Су-27.", "Tu-154 and Su-27.", ""},
		{"ru", "en", "Су-35 и Су-27.", "Su-27 and Su-35.", ""},
		{"ru", "en", "Самолёт МС-21 взлетел.", "The MC-21 took off.", ""},
		{"ru", "en", "Самолёт МС-21 взлетел.", "The MS-21 took off.", ""},
		{"ru", "zh", "Самолёт Ту-154 разбился.", "一架图-154客机坠毁。", ""},
		{"zh", "ru", "一架图-154客机坠毁。", "Самолёт Ту-154 разбился.", ""},
		{"ru", "zh", "Блоки ВВЭР-1200 построены.", "VVER-1200机组已建成。", ""},
		{"en", "ru", "The COVID-19 pandemic.", "Пандемия COVID-19.", ""},
		{"en", "zh", "The COVID-19 pandemic.", "新冠肺炎疫情。", ""},
		{"zh", "en", "新冠肺炎疫情。", "The COVID-19 pandemic.", ""},
		{"en", "ru", "The G20 summit opened.", "Открылся саммит «Большой двадцатки».", ""},
		{"en", "ru", "The A320 and the Boeing 737.", "A320 и Boeing 737.", ""},
		{"ru", "en", "По стандарту ISO 9001.", "Under ISO 9001.", ""},
		{"en", "zh", "5G networks.", "5G网络。", ""},
		{"ru", "en", "В 1990-2000 гг. объём вырос.", "In 1990-2000 the volume grew.", ""},
		{"en", "ru", "Call +7-495-123-45-67.", "Звоните: +7-495-123-45-67.", ""},
		// Changed.
		{"ru", "en", "Российские блоки ВВЭР-1000 работают.", "Russian VVER-100 units operate.",
			`error: "ВВЭР-1000" in the source, "VVER-100" in the translation: the numbers differ`},
		{"ru", "en", "Российские блоки ВВЭР-1000 работают.", "Russian units VVER-1200 operate.",
			`error: "ВВЭР-1000" in the source, "VVER-1200" in the translation: the numbers differ`},
		{"ru", "en", "Ту-154 и Су-27.", "Tu-145 and Su-27.",
			`error: "Ту-154" in the source, "Tu-145" in the translation: the numbers differ`},
		{"ru", "en", "Самолёт МС-21 взлетел.", "The MC-12 took off.",
			`error: "МС-21" in the source, "MC-12" in the translation: the numbers differ`},
		{"en", "ru", "The G20 summit opened.", "Открылся саммит G7.",
			`error: "G20" in the source, "G7" in the translation: the numbers differ`},
		{"en", "zh", "The COVID-19 pandemic.", "COVID-20疫情。",
			`error: "COVID-19" in the source, "COVID-20" in the translation: the numbers differ`},
		{"en", "ru", "VVER-1000 units.", "Блоки ВВЭР-100.",
			`error: "VVER-1000" in the source, "ВВЭР-100" in the translation: the numbers differ`},
		{"ru", "zh", "Самолёт Ту-154 разбился.", "一架图-145客机坠毁。",
			`error: "Ту-154" in the source, "图-145" in the translation: the numbers differ`},
		{"zh", "ru", "一架图-154客机坠毁。", "Самолёт Ту-145 разбился.",
			`error: "图-154" in the source, "Ту-145" in the translation: the numbers differ`},
		{"ru", "zh", "Истребитель Су-57.", "苏-75战斗机。",
			`error: "Су-57" in the source, "苏-75" in the translation: the numbers differ`},
		{"en", "zh", "The MiG-29 and the J-20.", "米格-29和歼-02。",
			`error: "J-20" in the source, "歼-02" in the translation: the numbers differ`},
		{"zh", "ru", "高度100米-200米。", "Высота 100–300 м.", "error: \"200\" in the source not found in the translation\nerror: \"300\" in the translation not found in the source"},
	}
	for _, tt := range tests {
		if got := numberMessages(t, tt.from, tt.to, tt.src, tt.tgt); got != tt.want {
			t.Errorf("%s→%s %q → %q:\n\tgot  %q\n\twant %q", tt.from, tt.to, tt.src, tt.tgt, got, tt.want)
		}
	}
}

// TestSeparatorMessages: a number written with the other language's
// decimal mark or thousands separator is an error that says so, not two
// numbers that are not in the source; the marks each language uses raise
// nothing.
func TestSeparatorMessages(t *testing.T) {
	tests := []struct {
		from, to, src, tgt string
		want               string
	}{
		// Correct.
		{"ru", "en", "Добыча составила 1,8 млрд т.", "Output was 1.8 billion tonnes.", ""},
		{"en", "ru", "Output was 1.8 billion tonnes.", "Добыча составила 1,8 млрд т.", ""},
		{"ru", "zh", "Рост составил 1,8 %.", "增长了1.8%。", ""},
		{"en", "ru", "1,000 people came.", "Пришли 1\u00a0000 человек.", ""},
		{"en", "ru", "1,000 people came.", "Пришли 1000 человек.", ""},
		{"ru", "en", "Пришли 1 000 человек.", "1,000 people came.", ""},
		{"ru", "en", "Пришли 1 000 000 человек.", "1,000,000 people came.", ""},
		{"en", "ru", "See section 3.2.", "См. пункт 3.2.", ""},
		{"en", "ru", "Android 4.4 is old.", "Android 4.4 устарел.", ""},
		{"en", "ru", "The meeting began at 10.30.", "Заседание началось в 10.30.", ""},
		{"en", "ru", "Prices fell by 1, 8 and 12 per cent.", "Цены упали на 1, 8 и 12 %.", ""},
		// Another language's marks.
		{"ru", "en", "1,8", "1,8", `error: "1,8" is written with a decimal comma; English writes 1.8`},
		{"ru", "en", "Рост составил 1,8 %.", "Growth was 1,8 %.", `error: "1,8" is written with a decimal comma; English writes 1.8`},
		{"ru", "zh", "Рост составил 1,8 %.", "增长了1,8%。", `error: "1,8" is written with a decimal comma; Chinese writes 1.8`},
		{"en", "ru", "Growth was 1.8 per cent.", "Рост составил 1.8 %.", `error: "1.8" is written with a decimal point; Russian writes 1,8`},
		{"en", "ru", "Output was 1.8 billion tonnes.", "Добыча составила 1.8 млрд т.", `error: "1.8 млрд" is written with a decimal point; Russian writes 1,8`},
		{"en", "ru", "1,000 people came.", "Пришли 1,000 человек.", `error: "1,000" is written with a comma between thousands; Russian writes 1 000`},
		{"en", "ru", "1,000 people came.", "Пришли 1.000 человек.", `error: "1.000" is written with a point between thousands; Russian writes 1 000`},
		{"ru", "en", "Пришли 1 000 человек.", "1.000 people came.", `error: "1.000" is written with a point between thousands; English writes 1,000`},
		{"ru", "en", "Пришли 1 000 000 человек.", "1.000.000 people came.", `error: "1.000.000" is written with points between thousands; English writes 1,000,000`},
		// A different number is still a different number.
		{"ru", "en", "Нефть 1,8", "Oil 18", "error: \"1,8\" in the source not found in the translation\nerror: \"18\" in the translation not found in the source"},
	}
	for _, tt := range tests {
		if got := numberMessages(t, tt.from, tt.to, tt.src, tt.tgt); got != tt.want {
			t.Errorf("%s→%s %q → %q:\n\tgot  %q\n\twant %q", tt.from, tt.to, tt.src, tt.tgt, got, tt.want)
		}
	}
}
