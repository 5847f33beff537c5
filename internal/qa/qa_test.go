package qa

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

func mustChecker(t *testing.T, from, to string, terms *interchange.Termbase) *Checker {
	t.Helper()
	c, err := NewChecker(from, to, terms)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestPofilterFixture runs the six-unit fixture on which pofilter raised
// five false alarms and missed two errors: here the correct units raise
// nothing and each wrong one raises its finding. Unit 5 joins two
// sentences into one of the usual length, which translators do: a warning,
// not an error.
func TestPofilterFixture(t *testing.T) {
	f, err := os.Open("testdata/pofilter.xlf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x, err := interchange.ReadXLIFF(f, "pofilter.xlf")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, fd := range mustChecker(t, "zh", "ru", nil).File(x) {
		got[fd.Unit] = append(got[fd.Unit], fd.Check+"/"+fd.Severity.String())
		t.Log(fd)
	}
	want := map[string][]string{
		"2": {"numbers/error", "numbers/error"},
		"5": {"sentences/warning"},
		"6": {"tags/error"},
	}
	for _, u := range []string{"1", "2", "3", "4", "5", "6"} {
		if strings.Join(got[u], " ") != strings.Join(want[u], " ") {
			t.Errorf("unit %s: findings %v, want %v", u, got[u], want[u])
		}
	}
}

func checks(fs []Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Check)
	}
	return strings.Join(out, " ")
}

func TestSegmentChecks(t *testing.T) {
	p := interchange.PlainText
	tests := []struct {
		from, to, src, tgt, want string
	}{
		{"zh", "ru", "增长了3.5%。", "Рост составил 3,5 %.", ""},
		{"zh", "ru", "增长了3.5%。", "Рост составил 35 %.", "numbers numbers"},
		{"zh", "ru", "2023年5月3日，双方会谈。", "3 мая 2023 г. стороны провели переговоры.", ""},
		{"zh", "ru", "这是问题吗？", "Это вопрос.", "end-punctuation"},
		{"ru", "zh", "Это вопрос?", "这是问题吗?", "end-punctuation"},
		{"ru", "zh", "Он пришёл, и она ушла.", "他来了,她走了。", "punctuation-width"},
		{"zh", "ru", "他来了，她走了。", "Он пришёл， она ушла.", "punctuation-width"},
		{"zh", "ru", "他说：“好。”", "Он сказал: “Хорошо”.", "quotes"},
		{"zh", "ru", "论坛开幕。", "", "untranslated"},
		{"ru", "en", "Форум открылся сегодня.", "Форум открылся сегодня.", "untranslated"},
		{"ru", "en", "COVID-19", "COVID-19", ""},
		{"ru", "en", "Форум открылся.", "The forum  opened.", "spaces"},
		{"zh", "ru", "论坛开幕了，很多代表参加了会议。", "Да.", "length"},
	}
	for _, tt := range tests {
		got := checks(mustChecker(t, tt.from, tt.to, nil).Segment(p(tt.src), p(tt.tgt)))
		if got != tt.want {
			t.Errorf("%s→%s %q → %q: checks %q, want %q", tt.from, tt.to, tt.src, tt.tgt, got, tt.want)
		}
	}
}

func TestTerminologyByStem(t *testing.T) {
	terms := &interchange.Termbase{Entries: []interchange.Concept{{
		Terms: []interchange.Term{
			{Lang: "zh", Text: "睦邻友好合作条约"},
			{Lang: "ru", Text: "Договор о добрососедстве", Status: interchange.Preferred},
			{Lang: "ru", Text: "Большой договор", Status: interchange.Deprecated},
		},
	}}}
	c := mustChecker(t, "zh", "ru", terms)
	p := interchange.PlainText
	if got := checks(c.Segment(p("双方重申了睦邻友好合作条约的意义。"), p("Стороны подтвердили значение Договора о добрососедстве."))); got != "" {
		t.Errorf("genitive case form: %q", got)
	}
	if got := checks(c.Segment(p("双方重申了睦邻友好合作条约的意义。"), p("Стороны подтвердили значение соглашения о соседстве."))); got != "terminology" {
		t.Errorf("missing term: %q", got)
	}
	if got := checks(c.Segment(p("双方重申了睦邻友好合作条约的意义。"), p("Стороны подтвердили значение Договора о добрососедстве, или Большого договора."))); got != "terminology" {
		t.Errorf("deprecated term: %q", got)
	}
}

func TestConsistency(t *testing.T) {
	x := &interchange.XLIFF{Files: []interchange.XFile{{Units: []interchange.Unit{
		{ID: "a", Segments: []interchange.Segment{{ID: "1", Source: interchange.PlainText("论坛开幕。"), Target: interchange.PlainText("Форум открылся."), State: interchange.Translated}}},
		{ID: "b", Segments: []interchange.Segment{{ID: "1", Source: interchange.PlainText("论坛开幕。"), Target: interchange.PlainText("Форум начал работу."), State: interchange.Translated}}},
	}}}}
	fs := mustChecker(t, "zh", "ru", nil).File(x)
	if checks(fs) != "consistency" || fs[0].Unit != "b" {
		t.Errorf("findings %v", fs)
	}
	if !HasError(mustChecker(t, "zh", "ru", nil).Segment(interchange.PlainText("论坛。"), nil)) {
		t.Error("an untranslated segment is not an error")
	}
}

// treatyTerms is a small termbase with the overlaps a real one has: a
// short term inside a long one (条约 in 睦邻友好合作条约, 合作 in
// 上海合作组织), and a word deprecated for one concept that is preferred
// for another (договор for 协定).
func treatyTerms() *interchange.Termbase {
	return &interchange.Termbase{Entries: []interchange.Concept{
		{Terms: []interchange.Term{
			{Lang: "zh", Text: "睦邻友好合作条约"},
			{Lang: "ru", Text: "Договор о добрососедстве, дружбе и сотрудничестве", Status: interchange.Preferred},
			{Lang: "ru", Text: "Большой договор", Status: interchange.Deprecated},
			{Lang: "en", Text: "Treaty of Good-Neighbourliness and Friendly Cooperation"},
		}},
		{Terms: []interchange.Term{{Lang: "zh", Text: "条约"}, {Lang: "ru", Text: "договор"}, {Lang: "en", Text: "treaty"}}},
		{Terms: []interchange.Term{{Lang: "zh", Text: "合作"}, {Lang: "ru", Text: "сотрудничество"}, {Lang: "en", Text: "cooperation"}}},
		{Terms: []interchange.Term{
			{Lang: "zh", Text: "上海合作组织"}, {Lang: "zh", Text: "上合组织"},
			{Lang: "ru", Text: "Шанхайская организация сотрудничества"}, {Lang: "ru", Text: "ШОС", Status: interchange.Admitted},
			{Lang: "en", Text: "Shanghai Cooperation Organisation"}, {Lang: "en", Text: "SCO", Status: interchange.Admitted},
		}},
		{Terms: []interchange.Term{
			{Lang: "zh", Text: "协定"}, {Lang: "ru", Text: "соглашение", Status: interchange.Preferred},
			{Lang: "ru", Text: "договор", Status: interchange.Deprecated}, {Lang: "en", Text: "agreement"},
		}},
	}}
}

func TestSentenceSeverity(t *testing.T) {
	tests := []struct {
		from, to, src, tgt string
		want               Severity
	}{
		// joined, nothing lost
		{"zh", "ru", "论坛在北京举行。会议持续了两天。", "Форум, проходивший в Пекине, длился два дня.", Warning},
		{"ru", "en", "Сегодня утром в Биркенхеде нашли тело женщины. Ведётся расследование убийства.", "A murder investigation has been launched after a woman's body was found in Birkenhead this morning.", Warning},
		// a sentence left out
		{"zh", "ru", "论坛在北京举行。会议持续了两天。代表们讨论了合作。", "Форум прошёл в Пекине.", Error},
		{"ru", "en", "Сегодня утром в Биркенхеде нашли тело женщины. Ведётся расследование убийства.", "A woman's body was found.", Error},
		// one sentence more
		{"ru", "en", "Форум прошёл в Пекине.", "The forum was held in Beijing. It was a success.", Warning},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, nil).Segment(interchange.PlainText(tt.src), interchange.PlainText(tt.tgt))
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Check == "sentences" })
		if i < 0 || fs[i].Severity != tt.want {
			t.Errorf("%q → %q: %v, want a sentences %v", tt.src, tt.tgt, fs, tt.want)
		}
	}
}

func TestTerminologyConventions(t *testing.T) {
	terms := treatyTerms()
	tests := []conventionCase{
		{"zh", "ru", "双方重申了睦邻友好合作条约的意义。", "Стороны подтвердили значение Договора о добрососедстве, дружбе и сотрудничестве.", ""},
		{"zh", "en", "双方重申了睦邻友好合作条约的意义。", "The two sides reaffirmed the importance of the Treaty of Good-Neighbourliness and Friendly Cooperation.", ""},
		{"zh", "ru", "上海合作组织成员国", "государства — члены ШОС", ""},
		{"zh", "en", "上海合作组织成员国", "SCO member states", ""},
		{"ru", "zh", "Страны ШОС расширяют сотрудничество.", "上合组织国家扩大合作。", ""},
		{"en", "ru", "The treaty was signed in 2001.", "Договор был подписан в 2001\u00a0г.", ""},
		{"zh", "ru", "条约于2001年签署。", "Договоры подписывают в 2001\u00a0г.", ""},
		{"zh", "ru", "双方签署了协定。", "Стороны подписали соглашение.", ""},
		// still flagged
		{"zh", "ru", "双方重申了睦邻友好合作条约的意义。", "Стороны подтвердили значение Большого договора.", "terminology terminology"},
		{"zh", "ru", "上海合作组织成员国", "государства-члены организации", "terminology"},
		{"zh", "ru", "双方签署了协定。", "Стороны подписали договор.", "terminology terminology"},
		{"zh", "en", "条约于2001年签署。", "The pact was signed in 2001.", "terminology"},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, terms).Segment(interchange.PlainText(tt.src), interchange.PlainText(tt.tgt))
		if got := checks(fs); got != tt.want {
			t.Errorf("%s→%s %q → %q: checks %q, want %q (%v)", tt.from, tt.to, tt.src, tt.tgt, got, tt.want, fs)
		}
	}
}

func TestTagConventions(t *testing.T) {
	text := func(s string) interchange.Run { return interchange.Run{Kind: interchange.Text, Text: s} }
	open := func(id, typ string) interchange.Run {
		return interchange.Run{Kind: interchange.Open, ID: id, Type: typ}
	}
	closing := func(id, typ string) interchange.Run {
		return interchange.Run{Kind: interchange.Close, ID: id, Type: typ}
	}
	note := interchange.Run{Kind: interchange.Standalone, ID: "n1", Type: "footnote"}
	src := interchange.Content{text("He reread "), open("1", "italic"), text("War and Peace"), closing("1", "italic"), text("."), note}
	tests := []struct {
		to   string
		tgt  interchange.Content
		want string
	}{
		// Russian and Chinese mark titles with «» and 《》, not italics.
		{"ru", interchange.Content{text("Он перечитал «Войну и мир»."), note}, ""},
		{"zh", interchange.Content{text("他重读了《战争与和平》。"), note}, ""},
		{"ru", interchange.Content{text("Он перечитал "), open("1", "italic"), text("«Войну и мир»"), closing("1", "italic"), text("."), note}, ""},
		// Order may change.
		{"ru", interchange.Content{note, text("Он перечитал "), open("1", "italic"), text("Войну и мир"), closing("1", "italic"), text(".")}, ""},
		// still flagged
		{"ru", interchange.Content{text("Он перечитал «Войну и мир».")}, "tags"},
		{"ru", interchange.Content{text("Он перечитал Войну и мир."), note}, "tags"},
		{"ru", interchange.Content{text("Он перечитал "), open("1", "italic"), text("Войну и мир"), text("."), note}, "tags"},
		{"zh", interchange.Content{text("他重读了《战争与和平》。"), note, interchange.Run{Kind: interchange.Standalone, ID: "n2"}}, "tags"},
	}
	for _, tt := range tests {
		fs := mustChecker(t, "en", tt.to, nil).Segment(src, tt.tgt)
		if got := checks(fs); got != tt.want {
			t.Errorf("en→%s %q: checks %q, want %q (%v)", tt.to, tt.tgt.Plain(), got, tt.want, fs)
		}
	}
	bold := interchange.Content{text("See "), open("b", "bold"), text("the preface"), closing("b", "bold"), text(".")}
	if got := checks(mustChecker(t, "en", "ru", nil).Segment(bold, interchange.PlainText("См. «Предисловие»."))); got != "tags" {
		t.Errorf("bold dropped: checks %q, want tags", got)
	}
}

func TestConsistencyConventions(t *testing.T) {
	unit := func(id, src, tgt string) interchange.Unit {
		return interchange.Unit{ID: id, Segments: []interchange.Segment{{ID: "1", Source: interchange.PlainText(src), Target: interchange.PlainText(tgt), State: interchange.Translated}}}
	}
	file := func(units ...interchange.Unit) *interchange.XLIFF {
		return &interchange.XLIFF{Files: []interchange.XFile{{Units: units}}}
	}
	c := mustChecker(t, "zh", "ru", nil)
	for name, x := range map[string]*interchange.XLIFF{
		"no-break space":   file(unit("a", "共有1000名代表。", "Всего 1000 делегатов."), unit("b", "共有1000名代表。", "Всего 1\u00a0000 делегатов.")),
		"full-width comma": file(unit("a", "论坛开幕，代表发言。", "Форум открылся, делегаты выступили."), unit("b", "论坛开幕, 代表发言。", "Форум открылся, делегаты выступили.")),
		"short answer":     file(unit("a", "是。", "Да."), unit("b", "对。", "Да.")),
		"word order":       file(unit("a", "中俄关系", "Российско-китайские отношения"), unit("b", "俄中关系", "Российско-китайские отношения")),
	} {
		if fs := c.File(x); len(fs) != 0 {
			t.Errorf("%s: %v", name, fs)
		}
	}
	pasted := file(unit("a", "论坛在北京开幕。", "Форум открылся в Пекине."), unit("b", "代表们讨论了贸易合作。", "Форум открылся в Пекине."))
	if fs := c.File(pasted); checks(fs) != "consistency" {
		t.Errorf("a translation pasted twice: %v", fs)
	}
}

func TestNewCheckerRefusesPairs(t *testing.T) {
	for _, p := range [][2]string{{"zh", "zh-CN"}, {"zh-TW", "zh-Hant"}, {"zh", "fr"}, {"!!bad", "ru"}, {"ru", ""}} {
		if _, err := NewChecker(p[0], p[1], nil); err == nil {
			t.Errorf("%q → %q: no error", p[0], p[1])
		}
	}
	for _, p := range [][2]string{{"zh-CN", "ru-RU"}, {"zh-Hans", "zh-Hant"}, {"zh-TW", "zh-CN"}} {
		if _, err := NewChecker(p[0], p[1], nil); err != nil {
			t.Errorf("%q → %q: %v", p[0], p[1], err)
		}
	}
}

// FuzzSegment runs every check on a source and a translation read from a
// file: no panic, the same findings on a second run, each with its check's
// name and a message.
func FuzzSegment(f *testing.F) {
	for _, c := range correctTranslations[:20] {
		f.Add(c.from, c.to, c.src, c.tgt)
	}
	for _, c := range wrongTranslations {
		f.Add(c.from, c.to, c.src, c.tgt)
	}
	names := map[string]bool{"numbers": true, "sentences": true, "tags": true, "end-punctuation": true, "quotes": true,
		"punctuation-width": true, "spaces": true, "addresses": true, "length": true, "terminology": true, "untranslated": true}
	terms := treatyTerms()
	f.Fuzz(func(t *testing.T, from, to, src, tgt string) {
		c, err := NewChecker(from, to, terms)
		if err != nil {
			return
		}
		p := interchange.PlainText
		first := c.Segment(p(src), p(tgt))
		if again := c.Segment(p(src), p(tgt)); checks(again) != checks(first) {
			t.Fatalf("findings differ between runs: %v and %v", first, again)
		}
		for _, fd := range first {
			if !names[fd.Check] || fd.Message == "" {
				t.Fatalf("finding %+v", fd)
			}
		}
	})
}

// TestTranslateNo checks that units, groups, segments and markers the file
// says are not to be translated raise no "untranslated" error, in XLIFF
// 1.2 and 2.0 alike, while the units around them are still checked; a
// target that changes such a segment is worth a warning.
func TestTranslateNo(t *testing.T) {
	v12 := func(body string) string {
		return `<xliff version="1.2"><file original="a" source-language="zh" target-language="ru" datatype="plaintext"><body>` + body + `</body></file></xliff>`
	}
	v2 := func(body string) string {
		return `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="ru"><file id="f">` + body + `</file></xliff>`
	}
	tests := []struct {
		name, xml, want string // want: unit/check/severity of each finding
	}{
		{"1.2 trans-unit", v12(`<trans-unit id="1" translate="no"><source>论坛开幕。</source></trans-unit>
<trans-unit id="2"><source>论坛开幕。</source><target state="new">论坛开幕。</target></trans-unit>`), "2/untranslated/error"},
		{"1.2 group", v12(`<group id="g" translate="no"><trans-unit id="1"><source>论坛开幕。</source><target>论坛开幕。</target></trans-unit></group>
<trans-unit id="2"><source>论坛开幕。</source></trans-unit>`), "2/untranslated/error"},
		{"1.2 protected", v12(`<trans-unit id="1"><source><mrk mtype="protected">中国社会科学院</mrk></source></trans-unit>`), ""},
		{"2.0 unit", v2(`<unit id="1" translate="no"><segment><source>论坛开幕。</source></segment></unit>
<unit id="2"><segment><source>论坛开幕。</source></segment></unit>`), "2/untranslated/error"},
		{"2.0 group", v2(`<group id="g" translate="no"><unit id="1"><segment state="initial"><source>论坛开幕。</source><target>论坛开幕。</target></segment></unit></group>`), ""},
		{"2.0 segment and mrk", v2(`<unit id="1"><segment translate="no"><source>论坛开幕。</source></segment><segment><source><mrk id="m" translate="no">中国社会科学院</mrk></source></segment></unit>`), ""},
		{"target changed", v12(`<trans-unit id="1" translate="no"><source>论坛开幕。</source><target>Форум открылся.</target></trans-unit>`), "1/translate-no/warning"},
	}
	for _, tt := range tests {
		x, err := interchange.ReadXLIFF(strings.NewReader(tt.xml), tt.name)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var got []string
		for _, f := range mustChecker(t, "zh", "ru", nil).File(x) {
			got = append(got, f.Unit+"/"+f.Check+"/"+f.Severity.String())
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: findings %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestAddressSeverity checks how much each difference of addresses
// weighs: an address the source does not have (changed or added) blocks
// delivery; one left out, or a web page given in the translation's
// language, is worth a look.
func TestAddressSeverity(t *testing.T) {
	tests := []struct {
		from, to, src, tgt string
		want               Severity
	}{
		{"en", "ru", "See https://example.org/path.", "См. https://example.org/other.", Error},
		{"en", "ru", "Write to info@example.org.", "Пишите на info@example.com.", Error},
		{"zh", "ru", "论坛开幕了。", "Форум открылся: https://example.org/news.", Error},
		{"zh", "ru", "详见https://example.org/report。", "Подробнее — в докладе.", Warning},
		{"en", "ru", "See https://en.wikipedia.org/wiki/Treaty.", "См. https://ru.wikipedia.org/wiki/Договор.", Warning},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, nil).Segment(interchange.PlainText(tt.src), interchange.PlainText(tt.tgt))
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Check == "addresses" })
		if i < 0 || fs[i].Severity != tt.want || len(fs) != 1 {
			t.Errorf("%q → %q: %v, want one addresses %v", tt.src, tt.tgt, fs, tt.want)
		}
	}
}

// TestLetterlessUntranslated: a unit with no letter in its source (a
// year, a time, an inline code alone) is its own translation: left new,
// with the source as its target, it is no finding; a unit with words, or
// a number the target language writes otherwise, left new still is.
func TestLetterlessUntranslated(t *testing.T) {
	xml := `<xliff version="1.2"><file original="a" source-language="ru" target-language="en" datatype="plaintext"><body>
<trans-unit id="year"><source>2001</source><target state="new">2001</target></trans-unit>
<trans-unit id="time"><source>15:30</source><target state="new">15:30</target></trans-unit>
<trans-unit id="code"><source><x id="1" ctype="x-anchor"/></source><target state="new"><x id="1" ctype="x-anchor"/></target></trans-unit>
<trans-unit id="empty"><source>2021–2022</source></trans-unit>
<trans-unit id="words"><source>по морю;</source><target state="new">по морю;</target></trans-unit>
<trans-unit id="same"><source>1 000</source><target state="translated">1 000</target></trans-unit>
<trans-unit id="decimal"><source>10,7</source><target state="new">10,7</target></trans-unit>
</body></file></xliff>`
	x, err := interchange.ReadXLIFF(strings.NewReader(xml), "letterless.xlf")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range mustChecker(t, "ru", "en", nil).File(x) {
		got = append(got, f.Unit+"/"+f.Check+"/"+f.Message)
	}
	// 10,7 is 10.7 in Russian, but not in English: the number needs
	// translating.
	if want := "words/untranslated/the segment has no translation decimal/untranslated/the segment has no translation"; strings.Join(got, " ") != want {
		t.Errorf("findings %q, want %q", got, want)
	}
}
