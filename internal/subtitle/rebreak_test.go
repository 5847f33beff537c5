package subtitle

import (
	"reflect"
	"testing"
)

func TestBreak(t *testing.T) {
	for _, tc := range []struct {
		name, lang, text string
		want             []string
	}{
		{"short stays one line", "en", "Thank you.", []string{"Thank you."}},
		{"lines joined when they fit", "en", "Thank\nyou.", []string{"Thank you."}},
		{"English balanced", "en", "The treaty was signed twenty years ago and it still holds today.",
			[]string{"The treaty was signed twenty years", "ago and it still holds today."}},
		{"English after the comma", "en", "Dear friends and colleagues, the treaty still holds today.",
			[]string{"Dear friends and colleagues,", "the treaty still holds today."}},
		// «в» may not end a line: the even break would be after it.
		{"Russian not after a one-letter preposition", "ru", "Договор о добрососедстве подписан в Москве шестнадцатого июля",
			[]string{"Договор о добрососедстве подписан", "в Москве шестнадцатого июля"}},
		{"Russian one-letter conjunction", "ru", "Мы благодарим наших партнёров и коллег за многолетнюю работу",
			[]string{"Мы благодарим наших партнёров", "и коллег за многолетнюю работу"}},
		{"Chinese after punctuation", "zh", "二十年前签订的条约，今天仍然是两国关系的基础。",
			[]string{"二十年前签订的条约，", "今天仍然是两国关系的基础。"}},
		{"Chinese lines joined without a space", "zh", "二十年前签订的条约\n今天仍然有效。", []string{"二十年前签订的条约今天仍然有效。"}},
		// No punctuation: the break falls after 的, not inside 条约 or
		// 睦邻; never before the closing 。.
		{"Chinese word pairs kept", "zh", "两国在二十年前签订的睦邻友好合作条约至今仍然有效",
			[]string{"两国在二十年前签订的", "睦邻友好合作条约至今仍然有效"}},
		// The most even break would split 签订; the line ends after the
		// Latin word instead, which stays whole, as does 2001.
		{"Chinese breaks at a Latin word", "zh", "中俄两国在Moscow签订条约于2001年7月16日",
			[]string{"中俄两国在Moscow", "签订条约于2001年7月16日"}},
		{"Chinese not before closing punctuation", "zh", "我们高度评价中俄两国学者多年来的合作与交流成果。",
			[]string{"我们高度评价中俄两国学者", "多年来的合作与交流成果。"}},
		// Too long for two lines of 16: the break still falls after
		// a comma near the middle, not inside 非常 at the very middle.
		{"Chinese too long breaks after punctuation", "zh", "这是一条很长的字幕，持续十秒钟，而且有一行非常非常长的文字，超出了每行字数的限制。",
			[]string{"这是一条很长的字幕，持续十秒钟，", "而且有一行非常非常长的文字，超出了每行字数的限制。"}},
		// Too long for two lines, and no break keeps both within the
		// limit: the comma after 好 still wins over the most even break,
		// which would split 欢迎 (a workbench translation wrote it so).
		{"Chinese too long, comma before the even break", "zh", "各位亲爱的同事们，大家早上好，欢迎来到中俄高端智库论坛的线上会场。",
			[]string{"各位亲爱的同事们，大家早上好，", "欢迎来到中俄高端智库论坛的线上会场。"}},
		{"Russian too long, comma before the even break", "ru", "Уважаемые коллеги и друзья, доброе утро, рады приветствовать вас на онлайн-площадке форума аналитических центров",
			[]string{"Уважаемые коллеги и друзья, доброе утро,", "рады приветствовать вас на онлайн-площадке форума аналитических центров"}},
		{"English too long, comma before the even break", "en", "Dear friends, good morning to you all, and welcome to the online venue of our joint forum",
			[]string{"Dear friends, good morning to you all,", "and welcome to the online venue of our joint forum"}},
		{"Chinese after the comma, not in the middle", "zh", "这是一条很长的字幕，持续十秒钟，而且有一行非常非常长的文字需要换行",
			[]string{"这是一条很长的字幕，持续十秒钟，", "而且有一行非常非常长的文字需要换行"}},
		// The comma would leave one line twice as long as the other:
		// the break falls after 的 instead, still between words.
		{"Chinese comma too far from the middle", "zh", "二十年前，我们两国在莫斯科签署了具有历史意义的睦邻友好合作条约，为两国关系奠定了坚实的法律基础。",
			[]string{"二十年前，我们两国在莫斯科签署了具有历史意义的", "睦邻友好合作条约，为两国关系奠定了坚实的法律基础。"}},
		// The point of 3.5 is not a place to break.
		{"Chinese number kept whole", "zh", "今年两国贸易额增长了3.5%，达到2400亿美元",
			[]string{"今年两国贸易额增长了3.5%，", "达到2400亿美元"}},
		{"Chinese time kept whole", "zh", "双方同意在2025年10:30举行下一轮磋商会议并发表联合声明",
			[]string{"双方同意在2025年10:30", "举行下一轮磋商会议并发表联合声明"}},
		{"Russian after the comma", "ru", "Мы благодарим всех, кто приехал сегодня в Пекин на наш форум",
			[]string{"Мы благодарим всех, кто приехал", "сегодня в Пекин на наш форум"}},
		// A line that begins with a dash would read as another speaker's.
		{"Russian no line begins with a dash", "ru", "Спасибо всем, кто приехал сегодня в Пекин, — и тем, кто смотрит нас онлайн",
			[]string{"Спасибо всем, кто приехал сегодня", "в Пекин, — и тем, кто смотрит нас онлайн"}},
		{"Russian number kept whole", "ru", "Участников форума было 20 000 человек из сорока двух стран мира",
			[]string{"Участников форума было 20 000", "человек из сорока двух стран мира"}},
		{"English after the comma near the middle", "en", "Thank you all for coming today, and thank you to everyone watching online",
			[]string{"Thank you all for coming today,", "and thank you to everyone watching online"}},
		{"English no-break space kept", "en", "It was signed in Moscow on 16\u00a0July 2001 by the leaders of both countries",
			[]string{"It was signed in Moscow on 16\u00a0July", "2001 by the leaders of both countries"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Break(tc.text, tc.lang)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Break(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
			for _, l := range got {
				if lineWidth(tc.text, tc.lang) <= 2*lineLimit(tc.lang) && lineWidth(l, tc.lang) > lineLimit(tc.lang) {
					t.Errorf("line %q over the limit", l)
				}
			}
		})
	}
}

// TestRetext: a translation comes back a text per cue; the cues keep their
// times and take the text in lines of the target language.
func TestRetext(t *testing.T) {
	src := []Cue{
		{1, 560, 3100, []string{"Дорогие друзья,", "коллеги!"}, ""},
		{2, 4000, 7250, []string{"Договор о добрососедстве подписан", "в Москве шестнадцатого июля"}, ""},
		{3, 7500, 9000, []string{"Спасибо."}, ""},
	}
	got := Retext(src, map[int]string{1: "亲爱的朋友们，同事们！", 2: "两国在二十年前签订的睦邻友好合作条约至今仍然有效"}, "zh")
	want := []Cue{
		{1, 560, 3100, []string{"亲爱的朋友们，同事们！"}, ""},
		{2, 4000, 7250, []string{"两国在二十年前签订的", "睦邻友好合作条约至今仍然有效"}, ""},
		{3, 7500, 9000, nil, ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Retext\n got %v\nwant %v", got, want)
	}
	if ms := Validate(got, "zh", 0); len(ms) != 1 || ms[0].Key != "subtitle.error.nocue" || ms[0].Cue != 3 {
		t.Errorf("the untranslated cue: %v", ms)
	}
}
