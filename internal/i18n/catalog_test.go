package i18n

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// catalogProblems lists what keeps c from being complete: a key that some
// language lacks, a message that is plural in one language and plain in
// another, or a translation whose fmt verbs differ from the English text
// (which would print "%!s(MISSING)" on the page). English is the reference.
func catalogProblems(c *Catalog) []string {
	keys := make(map[string]bool)
	for _, p := range c.printers {
		for k := range p.messages {
			keys[k] = true
		}
	}
	var problems []string
	en := c.printers["en"].messages
	for _, key := range slices.Sorted(maps.Keys(keys)) {
		for _, lang := range Languages {
			m, ok := c.printers[lang].messages[key]
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: missing key %q", lang, key))
				continue
			}
			ref, ok := en[key]
			if !ok || lang == "en" && m.plural == nil {
				continue
			}
			if (m.plural != nil) != (ref.plural != nil) {
				problems = append(problems, fmt.Sprintf("%s: %q is plural in one language and plain in the other", lang, key))
				continue
			}
			want := ref.text
			if ref.plural != nil {
				want = ref.plural["other"]
			}
			forms := map[string]string{"": m.text}
			if m.plural != nil {
				forms = m.plural
			}
			for cat, text := range forms {
				where := fmt.Sprintf("%q", key)
				if cat != "" {
					where += " (" + cat + ")"
				}
				if got, w := verbs(text), verbs(want); !slices.Equal(got, w) {
					problems = append(problems, fmt.Sprintf("%s: %s has verbs %v, English has %v", lang, where, got, w))
				}
			}
		}
	}
	slices.Sort(problems)
	return problems
}

// verbs lists the fmt verbs of s in order ("%s", "%d", "%[2]s"), leaving out
// "%%".
func verbs(s string) []string {
	var out []string
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(s) && strings.IndexByte("+-# 0123456789.[]*", s[j]) >= 0 {
			j++
		}
		if j < len(s) && s[j] != '%' {
			out = append(out, s[i:j+1])
		}
		i = j
	}
	return out
}

func TestCatalogIsComplete(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range catalogProblems(c) {
		t.Error(p)
	}
	if len(c.printers["en"].messages) == 0 {
		t.Error("the English catalog is empty")
	}
}

// TestCatalogChecks shows that Load and catalogProblems catch the mistakes
// a translator or a developer adding a key can make.
func TestCatalogChecks(t *testing.T) {
	const (
		en = `{"a": "A %s", "n": {"one": "%s thing", "other": "%s things"}}`
		ru = `{"a": "А %s", "n": {"one": "%s вещь", "few": "%s вещи", "many": "%s вещей"}}`
		zh = `{"a": "甲%s", "n": {"other": "%s件"}}`
	)
	tests := []struct {
		name       string
		en, ru, zh string
		loadErr    string   // part of the error Load must return
		problems   []string // what catalogProblems must report
	}{
		{name: "complete", en: en, ru: ru, zh: zh},
		{
			name: "key missing in one language",
			en:   en, zh: zh,
			ru:       `{"n": {"one": "%s вещь", "few": "%s вещи", "many": "%s вещей"}}`,
			problems: []string{`ru: missing key "a"`},
		},
		{
			name: "key only in a translation",
			en:   en, zh: zh,
			ru:       `{"a": "А %s", "b": "Б", "n": {"one": "%s вещь", "few": "%s вещи", "many": "%s вещей"}}`,
			problems: []string{`en: missing key "b"`, `zh: missing key "b"`},
		},
		{
			name: "Russian plural without few",
			en:   en, zh: zh,
			ru:      `{"a": "А %s", "n": {"one": "%s вещь", "many": "%s вещей"}}`,
			loadErr: `locales/ru.json: key "n": plural message lacks category "few"`,
		},
		{
			name: "English plural without one",
			ru:   ru, zh: zh,
			en:      `{"a": "A %s", "n": {"other": "%s things"}}`,
			loadErr: `locales/en.json: key "n": plural message lacks category "one"`,
		},
		{
			name: "Chinese plural with a category Chinese does not use",
			en:   en, ru: ru,
			zh:      `{"a": "甲%s", "n": {"one": "%s件", "other": "%s件"}}`,
			loadErr: `locales/zh.json: key "n": plural message has category "one"`,
		},
		{
			name: "plural in English, plain in a translation",
			en:   en, ru: ru,
			zh:       `{"a": "甲%s", "n": "%s件"}`,
			problems: []string{`zh: "n" is plural in one language and plain in the other`},
		},
		{
			name: "translation drops a verb",
			en:   en, zh: zh,
			ru:       `{"a": "А", "n": {"one": "%s вещь", "few": "%s вещи", "many": "вещей"}}`,
			problems: []string{`ru: "a" has verbs [], English has [%s]`, `ru: "n" (many) has verbs [], English has [%s]`},
		},
		{
			name: "a number verb, which would bypass the printer's digit grouping",
			ru:   ru, zh: zh,
			en:      `{"a": "Page %d of %s", "n": {"one": "%s thing", "other": "%s things"}}`,
			loadErr: `locales/en.json: key "a": formatting verb "%d": use %s`,
		},
		{
			name: "a float verb in a plural form",
			en:   en, zh: zh,
			ru:      `{"a": "А %s", "n": {"one": "%s вещь", "few": "%.1f вещи", "many": "%s вещей"}}`,
			loadErr: `locales/ru.json: key "n": plural form "few": formatting verb "%.": use %s`,
		},
		{
			name: "a literal percent sign is fine",
			ru:   ru, zh: zh,
			en: `{"a": "100%% of %s", "n": {"one": "%s thing", "other": "%s things"}}`,
		},
		{
			name: "key written twice",
			ru:   ru, zh: zh,
			en:      `{"a": "A %s", "a": "A again %s", "n": {"one": "%s thing", "other": "%s things"}}`,
			loadErr: `locales/en.json: key "a" appears twice`,
		},
		{
			name: "value of the wrong type",
			ru:   ru, zh: zh,
			en:      `{"a": 1, "n": {"one": "%s thing", "other": "%s things"}}`,
			loadErr: `locales/en.json: key "a": value is neither a string nor a plural object`,
		},
		{
			name: "plural form that is not a string",
			ru:   ru, en: en,
			zh:      `{"a": "甲%s", "n": {"other": 3}}`,
			loadErr: `locales/zh.json: key "n": plural message`,
		},
		{
			name: "not an object",
			en:   en, ru: ru,
			zh:      `["甲"]`,
			loadErr: `locales/zh.json: not a JSON object`,
		},
		{
			name: "trailing data",
			en:   en, zh: zh,
			ru:      ru + `{}`,
			loadErr: `locales/ru.json: data after the top-level object`,
		},
		{
			name: "broken JSON",
			en:   en, zh: zh,
			ru:      `{"a": "А %s",`,
			loadErr: `locales/ru.json`,
		},
		{
			name:    "file missing",
			en:      en,
			ru:      ru,
			loadErr: `locales/zh.json`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for lang, text := range map[string]string{"en": tt.en, "ru": tt.ru, "zh": tt.zh} {
				if text != "" {
					fsys["locales/"+lang+".json"] = &fstest.MapFile{Data: []byte(text)}
				}
			}
			c, err := load(fsys)
			if tt.loadErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.loadErr) {
					t.Fatalf("load error = %v, want one containing %q", err, tt.loadErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := catalogProblems(c); !slices.Equal(got, tt.problems) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.problems)
			}
		})
	}
}

func TestVerbs(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"plain", nil},
		{"%s speech", []string{"%s"}},
		{"100%% of %d and %-5.2f", []string{"%d", "%-5.2f"}},
		{"%[2]s after %[1]s", []string{"%[2]s", "%[1]s"}},
		{"ends with %", nil},
	}
	for _, tt := range tests {
		if got := verbs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("verbs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPrinterText(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		got  func(p *Printer) string
		want string
	}{
		{"en", func(p *Printer) string { return p.T("nav.home") }, "Home"},
		{"ru", func(p *Printer) string { return p.T("nav.home") }, "Главная"},
		{"zh", func(p *Printer) string { return p.T("nav.home") }, "首页"},
		{"ru", func(p *Printer) string { return p.T("translation.missing", p.T("lang.name.zh")) },
			"Этот текст пока не переведён на русский язык и приводится на языке оригинала: китайский."},
		{"en", func(p *Printer) string { return p.T("translation.missing", p.T("lang.name.ru")) },
			"This text is not yet available in English. It is shown in its original language, Russian."},
		{"zh", func(p *Printer) string { return p.T("translation.missing", p.T("lang.name.ru")) },
			"本文尚无中文译文，以下为原文（俄文）。"},
		{"en", func(p *Printer) string { return p.T("no.such.key") }, "no.such.key"},
		{"en", func(p *Printer) string { return p.T("no.such.key", 1, "x") }, "no.such.key"},
		{"en", func(p *Printer) string { return p.T("count.speeches") }, "count.speeches"},
		{"en", func(p *Printer) string { return p.N("no.such.key", 3) }, "no.such.key"},
		{"en", func(p *Printer) string { return p.N("count.speeches", 1) }, "1\u00a0speech"},
		{"en", func(p *Printer) string { return p.N("count.speeches", 0) }, "0\u00a0speeches"},
		{"en", func(p *Printer) string { return p.N("count.speeches", 1234) }, "1,234\u00a0speeches"},
		{"en", func(p *Printer) string { return p.N("count.news", 2) }, "2\u00a0news items"},
		{"ru", func(p *Printer) string { return p.N("count.speeches", 1) }, "1\u00a0выступление"},
		{"ru", func(p *Printer) string { return p.N("count.speeches", 3) }, "3\u00a0выступления"},
		{"ru", func(p *Printer) string { return p.N("count.speeches", 11) }, "11\u00a0выступлений"},
		{"ru", func(p *Printer) string { return p.N("count.speeches", 21) }, "21\u00a0выступление"},
		{"ru", func(p *Printer) string { return p.N("count.speeches", 1000) }, "1\u00a0000\u00a0выступлений"},
		{"ru", func(p *Printer) string { return p.N("count.speakers", 2) }, "2\u00a0выступающих"},
		{"ru", func(p *Printer) string { return p.N("count.news", 22) }, "22\u00a0новости"},
		{"ru", func(p *Printer) string { return p.N("count.forums", 5) }, "5\u00a0форумов"},
		{"zh", func(p *Printer) string { return p.N("count.speeches", 1) }, "1篇发言"},
		{"zh", func(p *Printer) string { return p.N("count.news", 12345) }, "12,345条新闻"},
		{"de", func(p *Printer) string { return p.Lang() + " " + p.T("nav.home") }, "en Home"},
		// T writes integer arguments with the language's digit grouping.
		{"en", func(p *Printer) string { return p.T("news.page", 2, 1000) }, "Page 2 of 1,000"},
		{"ru", func(p *Printer) string { return p.T("news.page", 2, 1000) }, "Страница 2 из 1\u00a0000"},
		{"zh", func(p *Printer) string { return p.T("news.page", 2, int64(12345)) }, "第2页，共12,345页"},
		{"en", func(p *Printer) string { return p.N("count.speeches", 2) + " " + p.T("news.page", "x", "y") }, "2\u00a0speeches Page x of y"},
	}
	for _, tt := range tests {
		if got := tt.got(c.Printer(tt.lang)); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.lang, got, tt.want)
		}
	}
}

func TestSelfNamesAreTheSameEverywhere(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"lang.self.zh": "中文", "lang.self.ru": "Русский", "lang.self.en": "English"}
	for _, lang := range Languages {
		for key, w := range want {
			if got := c.Printer(lang).T(key); got != w {
				t.Errorf("%s: %s = %q, want %q", lang, key, got, w)
			}
		}
	}
}

func TestPrinterOfNilCatalogReturnsKeys(t *testing.T) {
	var c *Catalog
	p := c.Printer("ru")
	if p.Lang() != "ru" || p.T("nav.home") != "nav.home" || p.N("count.news", 2) != "count.news" {
		t.Errorf("nil catalog printer: lang %q, T %q, N %q", p.Lang(), p.T("nav.home"), p.N("count.news", 2))
	}
}

// TestOneTermPerConcept checks that each language names each of the site's
// concepts one way in every message: a reader who follows "发言嘉宾" in the
// menu must not land on "发言人". For each concept the table gives the term
// a language uses and the variants it must not use instead.
func TestOneTermPerConcept(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// word matches w as a whole word, in any script.
	word := func(w string) *regexp.Regexp {
		return regexp.MustCompile(`(?i)(?:^|[^\p{L}])` + w + `(?:[^\p{L}]|$)`)
	}
	// han matches w anywhere: Chinese has no spaces between words.
	han := func(w string) *regexp.Regexp { return regexp.MustCompile(w) }
	concepts := map[string]map[string][]*regexp.Regexp{
		"speaker (发言嘉宾, выступающий, speaker)": {
			"zh": {han("发言人"), han("演讲人"), han("演讲嘉宾"), han("讲者"), han("报告人")},
			"ru": {word("докладчик[а-я]*"), word("спикер[а-я]*"), word("оратор[а-я]*")},
			"en": {word("presenters?"), word("panell?ists?")},
		},
		"session (环节, заседание, session)": {
			// 翻译单元 is a translation unit (TMX's tu), not a session.
			"zh": {han("(?:^|[^译])单元"), han("分会场"), han("场次"), han("会议与")},
			"ru": {word("сесси[яиюей]"), word("секци[яиюей]"), word("част(?:ь|и|ью)")},
			"en": {word("panels?"), word("parts?")},
		},
		"programme (议程, программа, programme)": {
			"zh": {han("日程"), han("节目单"), han("会议安排")},
			"ru": {word("расписани[еяю]"), word("повестк[аиуе]")},
			"en": {word("programs?"), word("agendas?"), word("schedules?")},
		},
		"partner (合作机构, партнёр, partner)": {
			"zh": {han("合作伙伴"), han("合作单位"), han("伙伴机构")},
			"ru": {word("партнер[а-я]*")}, // without ё
			// "team members" are people in the office; an institution
			// is never a member.
			"en": {word("member (?:institutions?|organi[sz]ations?|states?)"), word("members? of the forum")},
		},
		"speech (发言, выступление, speech)": {
			"zh": {han("演讲")},
			"ru": {word("реч[ьи]")},
			"en": {word("talks?"), word("lectures?")},
		},
		"segment (句段, сегмент, segment)": {
			"zh": {han("片段"), han("语段"), han("句子段")},
			"ru": {word("отрез[а-я]*")},
			"en": {word("chunks?")},
		},
		"workbench (翻译工作台, редактор перевода, workbench)": {
			"zh": {han("工作区"), han("翻译编辑器")},
			"ru": {word("рабоч(?:ее|его|ем) мест[оае]"), word("верстак[а-я]*")},
			"en": {word("translation editor"), word("workspace")},
		},
		"contribution (稿件, статья, contribution)": {
			"zh": {han("论文"), han("文章")},
			"ru": {word("вклад(?:а|ом|е|ы|ов)?")},
			"en": {word("chapters?"), word("papers?"), word("submissions?")},
		},
		"news (新闻, новости, news)": {
			"zh": {han("资讯"), han("动态")},
			"ru": {word("известия")},
			"en": {word("articles?"), word("posts?")},
		},
	}
	for concept, langs := range concepts {
		for lang, variants := range langs {
			p := c.Printer(lang)
			for key, m := range p.messages {
				texts := []string{m.text}
				for _, f := range m.plural {
					texts = append(texts, f)
				}
				for _, text := range texts {
					for _, v := range variants {
						if found := v.FindString(text); found != "" {
							t.Errorf("%s %q: %q names the %s concept another way: %q", lang, key, text, concept, strings.TrimSpace(found))
						}
					}
				}
			}
		}
	}
}

// An area's file adds its keys to its language; a key in two files, or a
// file named for no language, is refused with both names.
func TestCatalogAreaFiles(t *testing.T) {
	base := func() fstest.MapFS {
		fsys := fstest.MapFS{}
		for _, l := range Languages {
			fsys["locales/"+l+".json"] = &fstest.MapFile{Data: []byte(`{"a": "A"}`)}
			fsys["locales/office."+l+".json"] = &fstest.MapFile{Data: []byte(`{"office.b": "B"}`)}
		}
		return fsys
	}
	c, err := load(base())
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Printer("ru").T("office.b"); got != "B" {
		t.Errorf("office.b in ru = %q, want B", got)
	}
	dup := base()
	dup["locales/mail.zh.json"] = &fstest.MapFile{Data: []byte(`{"office.b": "C"}`)}
	if _, err := load(dup); err == nil || !strings.Contains(err.Error(), "office.zh.json") || !strings.Contains(err.Error(), "mail.zh.json") {
		t.Errorf("key in two files: err = %v, want both file names", err)
	}
	odd := base()
	odd["locales/office.de.json"] = &fstest.MapFile{Data: []byte(`{}`)}
	if _, err := load(odd); err == nil || !strings.Contains(err.Error(), "office.de.json") {
		t.Errorf("file for an unsupported language: err = %v", err)
	}
}

// TestRussianDateBeforeFullStop: a Russian date ends in "г.", so a message
// that puts one before the full stop ending its sentence must not show
// "г.." — checked on every ru message, with a date in every place.
func TestRussianDateBeforeFullStop(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p := c.Printer("ru")
	date := p.Date(time.Date(2026, time.December, 1, 0, 0, 0, 0, time.UTC))
	if want := "Пока на сайте остаётся видео, утверждённое 1 декабря 2026 г."; p.T("video.publish.older", date) != want {
		t.Errorf("video.publish.older = %q, want %q", p.T("video.publish.older", date), want)
	}
	args := make([]any, 8)
	for i := range args {
		args[i] = date
	}
	for key, m := range p.messages {
		var got []string
		if m.plural != nil {
			for range m.plural {
				got = append(got, p.N(key, 2, args...))
			}
		} else {
			got = append(got, p.T(key, args...))
		}
		for _, s := range got {
			if strings.Contains(strings.ReplaceAll(s, "г...", ""), "г..") {
				t.Errorf("%s with a date reads %q", key, s)
			}
		}
	}
}

// TestPercentSign: a percentage is written as each language writes it,
// "7%" in English and Chinese, "7 %" in Russian, whose typography puts a
// space before the sign.
func TestPercentSign(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range Languages {
		p := c.printers[lang]
		for _, key := range slices.Sorted(maps.Keys(p.messages)) {
			m := p.messages[key]
			forms := map[string]string{"": m.text}
			if m.plural != nil {
				forms = m.plural
			}
			for _, text := range forms {
				for i := strings.Index(text, "%%"); i >= 0; i = next(text, i) {
					before := text[:i]
					spaced := strings.HasSuffix(before, " ") || strings.HasSuffix(before, "\u00a0") || strings.HasSuffix(before, "\u202f")
					if spaced != (lang == "ru") {
						t.Errorf("%s %s: %q: the per cent sign is written wrongly for the language", lang, key, text)
					}
				}
			}
		}
	}
}

// next returns the index of the next "%%" in text after the one at i, or
// -1.
func next(text string, i int) int {
	j := strings.Index(text[i+2:], "%%")
	if j < 0 {
		return -1
	}
	return i + 2 + j
}
