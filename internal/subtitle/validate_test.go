package subtitle

import (
	"reflect"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
)

func TestValidate(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	cues := []Cue{
		{1, 0, 2000, []string{"Дорогие друзья!"}, ""},
		{2, 2000, 2000, []string{"Конец раньше начала"}, ""},
		{3, 1500, 2300, []string{"Коротко"}, ""},
		{4, 3000, 11500, []string{"Долго", "и", "в три строки"}, ""},
		{5, 12000, 14000, nil, ""},
		{6, 14000, 17000, []string{"Эта строка субтитров намного длиннее сорока двух знаков"}, ""},
		{7, 17000, 21000, []string{"После конца видео"}, ""},
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
	ok := []Cue{{1, 0, 3000, []string{"二十年前签订的条约今天仍然有效。", "2001年7月16日在Moscow签订的"}, ""}}
	if ms := Validate(ok, "zh", 0); len(ms) != 0 {
		t.Errorf("16 full-width characters, and 12 with 8 half-width: %v", ms)
	}
	long := []Cue{{1, 0, 3000, []string{"二十年前签订的睦邻友好合作条约今天仍然有效。"}, ""}}
	ms := Validate(long, "zh", 0)
	if len(ms) != 1 || ms[0].Text(cat.Printer("zh")) != "第1条字幕（00:00:00.000–00:00:03.000）：第1行有22个全角字符；中文字幕每行不宜超过16个字" {
		t.Errorf("%v", ms)
	}
}

// TestValidateScript warns, in the uploader's language, of a track whose
// text is plainly in another language than the one chosen, told by the
// script of its letters, and only then: Chinese subtitles with Latin
// names, or Russian ones quoting an English word, are what they say.
func TestValidateScript(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	ru := []Cue{{1, 0, 2000, []string{"Дорогие друзья, коллеги!"}, ""}, {2, 2000, 4000, []string{"Рад приветствовать вас"}, ""}}
	zh := []Cue{{1, 0, 2000, []string{"亲爱的朋友们，同事们！"}, ""}, {2, 2000, 4000, []string{"很高兴欢迎各位参加论坛。"}, ""}}
	en := []Cue{{1, 0, 2000, []string{"Dear friends and colleagues!"}, ""}, {2, 2000, 4000, []string{"Welcome to the forum."}, ""}}
	mixed := []Cue{{1, 0, 2000, []string{"APEC和SCO的合作"}, ""}, {2, 2000, 4000, []string{"在WTO框架内继续发展。"}, ""}}
	quoted := []Cue{{1, 0, 2000, []string{"Как говорят, win-win cooperation"}, ""}, {2, 2000, 4000, []string{"— это сотрудничество к общей выгоде."}, ""}}
	for _, tc := range []struct {
		name string
		cues []Cue
		tag  string
		// the warning in the uploader's language ("" for none)
		printer, want string
	}{
		{"Russian as Chinese", ru, "zh", "zh", "文本大多是西里尔字母，而所选语言是中文：请检查语言是否选对"},
		{"Chinese as English", zh, "en", "en", "most of the text is in Chinese characters, not in the script of English, the language chosen: check that the language is right"},
		{"English as Russian", en, "ru", "ru", "текст написан в основном латиницей, а выбранный язык — русский: проверьте, верно ли выбран язык"},
		{"Chinese as Russian", zh, "ru", "en", "most of the text is in Chinese characters, not in the script of Russian, the language chosen: check that the language is right"},
		{"Russian", ru, "ru", "ru", ""},
		{"Chinese", zh, "zh", "zh", ""},
		{"English", en, "en", "en", ""},
		{"Chinese with Latin names", mixed, "zh", "zh", ""},
		{"Russian quoting English", quoted, "ru", "ru", ""},
		{"too short to tell", []Cue{{1, 0, 2000, []string{"OK"}, ""}}, "zh", "zh", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, m := range Validate(tc.cues, tc.tag, 0) {
				if !m.Warning {
					t.Errorf("an error: %v", m)
				}
				got = append(got, m.Text(cat.Printer(tc.printer)))
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("warnings %q, want none", got)
			case tc.want != "" && (len(got) != 1 || got[0] != tc.want):
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestWithin: over a video shortened to 5 s, a cue that starts after the
// end is left out and one that runs past it ends with it; the track is
// not changed, and a video of unknown length keeps every cue.
func TestWithin(t *testing.T) {
	cues := []Cue{{1, 0, 2000, []string{"a"}, ""}, {2, 4000, 6000, []string{"b"}, ""}, {3, 5000, 7000, []string{"c"}, ""}}
	got := Within(cues, 5000)
	if len(got) != 2 || got[1].End != 5000 || got[0].End != 2000 || cues[1].End != 6000 {
		t.Errorf("Within 5 s: %v (track now %v)", got, cues)
	}
	if n := Beyond(cues, 5000); n != 2 {
		t.Errorf("%d cues beyond 5 s, want 2", n)
	}
	if got := Within(cues, 0); len(got) != 3 || Beyond(cues, 0) != 0 {
		t.Errorf("unknown length: %v", got)
	}
}

// TestTexts: a file with thousands of cues past the end of the video is
// listed as the first Shown of them and a count of the rest, with the
// plural its language takes; a kind with no more than Shown messages is
// listed in full, in its place.
func TestTexts(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var cues []Cue
	for i := range 20_000 {
		cues = append(cues, Cue{Index: i + 1, Start: int64(i) * 2000, End: int64(i)*2000 + 1500, Lines: []string{"Спасибо."}})
	}
	cues[2].Lines = nil // and an error of another kind, after the first few
	ms := Validate(cues, "ru", 60_000)
	var errs []Message
	for _, m := range ms {
		if !m.Warning {
			errs = append(errs, m)
		}
	}
	for _, c := range []struct {
		lang, more string
	}{
		{"en", "and 19,950 more cues like this"},
		{"ru", "и ещё 19\u00a0950 таких же титров"},
		{"zh", "另有19,950条字幕存在同样的问题"},
	} {
		got := Texts(cat.Printer(c.lang), errs)
		if len(got) != Shown+2 {
			t.Fatalf("%s: %d lines for %d errors, want %d", c.lang, len(got), len(errs), Shown+2)
		}
		if got[Shown+1] != c.more {
			t.Errorf("%s: the count of the rest is %q, want %q", c.lang, got[Shown+1], c.more)
		}
		if !strings.Contains(got[2], "3") || strings.Contains(got[Shown], "more") {
			t.Errorf("%s: the cue without text is not in its place: %q", c.lang, got[:4])
		}
	}
	ru := cat.Printer("ru")
	for n, want := range map[int]string{1: "и ещё 1 такой же титр", 3: "и ещё 3 таких же титра", 21: "и ещё 21 такой же титр"} {
		if got := Texts(ru, errs[:Shown+n+1])[Shown+1]; got != want {
			t.Errorf("%d more: %q, want %q", n, got, want)
		}
	}
	if got := Texts(ru, errs[:Shown+1]); len(got) != Shown+1 || strings.Contains(strings.Join(got, "\n"), "ещё") {
		t.Errorf("exactly %d of a kind are not all listed: %q", Shown, got)
	}
}
