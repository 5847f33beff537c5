package subtitle

import (
	"reflect"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
)

func TestValidate(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	cues := []Cue{
		{1, 0, 2000, []string{"Дорогие друзья!"}},
		{2, 2000, 2000, []string{"Конец раньше начала"}},
		{3, 1500, 2300, []string{"Коротко"}},
		{4, 3000, 11500, []string{"Долго", "и", "в три строки"}},
		{5, 12000, 14000, nil},
		{6, 14000, 17000, []string{"Эта строка субтитров намного длиннее сорока двух знаков"}},
		{7, 17000, 21000, []string{"После конца видео"}},
	}
	ms := Validate(cues, "ru", 20000)
	var ru, en []string
	for _, m := range ms {
		ru = append(ru, m.Text(cat.Printer("ru")))
		en = append(en, m.String())
	}
	wantRU := []string{
		"Титр 2 (00:00:02.000–00:00:02.000): он заканчивается не позже, чем начинается",
		"Титр 3 (00:00:01.500–00:00:02.300): он начинается раньше предшествующего ему титра 2",
		"Титр 3 (00:00:01.500–00:00:02.300): он показывается всего 0,8 с; чтобы титр успели прочесть, нужна хотя бы секунда",
		"Титр 4 (00:00:03.000–00:00:11.500): он показывается 8,5 с; титр дольше семи секунд расходится со звуком",
		"Титр 4 (00:00:03.000–00:00:11.500): в нём 3 строки; успеть прочесть можно не больше двух",
		"Титр 5 (00:00:12.000–00:00:14.000): в нём нет текста",
		"Титр 6 (00:00:14.000–00:00:17.000): длина строки 1 — 55 зн.; субтитры хорошо читаются при длине строки до 42 знаков",
		"Титр 7 (00:00:17.000–00:00:21.000): он заканчивается после конца видео (длительность видео 00:00:20.000)",
	}
	if !reflect.DeepEqual(ru, wantRU) {
		t.Errorf("Russian:\n got %q\nwant %q", ru, wantRU)
	}
	if en[2] != "cue 3 (00:00:01.500–00:00:02.300): it shows for 0.8 s only; a cue needs a second at least to be read" {
		t.Errorf("English: %q", en[2])
	}
	var errs int
	for _, m := range ms {
		if !m.Warning {
			errs++
		}
	}
	if errs != 4 || !HasErrors(ms) {
		t.Errorf("%d errors, want 4", errs)
	}
	// Unknown duration: nothing is outside it.
	if ms := Validate(cues[6:], "ru", 0); len(ms) != 0 {
		t.Errorf("without a duration: %v", ms)
	}
}

// TestValidateChineseWidth counts Chinese lines in full-width characters,
// a Latin letter or digit as a half.
func TestValidateChineseWidth(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ok := []Cue{{1, 0, 3000, []string{"二十年前签订的条约今天仍然有效。", "2001年7月16日在Moscow签订的"}}}
	if ms := Validate(ok, "zh", 0); len(ms) != 0 {
		t.Errorf("16 full-width characters, and 12 with 8 half-width: %v", ms)
	}
	long := []Cue{{1, 0, 3000, []string{"二十年前签订的睦邻友好合作条约今天仍然有效。"}}}
	ms := Validate(long, "zh", 0)
	if len(ms) != 1 || ms[0].Text(cat.Printer("zh")) != "第1条字幕（00:00:00.000–00:00:03.000）：第1行有22个全角字符；中文字幕每行不宜超过16个字" {
		t.Errorf("%v", ms)
	}
}
