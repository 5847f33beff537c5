package qa

import (
	"os"
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
// nothing and each wrong one raises its error.
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
		"5": {"sentences/error"},
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
