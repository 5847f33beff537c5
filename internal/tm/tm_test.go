package tm

import (
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

func TestLookupScores(t *testing.T) {
	m := New("zh", "ru")
	m.Add(Unit{Source: "中俄贸易额达到2401亿美元。", Target: "Товарооборот достиг 240,1 млрд долларов.", Context: "p1"})
	m.Add(Unit{Source: "论坛在北京举行。", Target: "Форум прошёл в Пекине."})
	m.Add(Unit{Source: "论坛在上海举行。", Target: "Форум прошёл в Шанхае."})
	m.Add(Unit{Source: "完全不同的句子内容在这里。", Target: "Совсем другое."})

	got := m.Lookup("中俄贸易额达到2401亿美元。", "p1")
	if len(got) != 1 || got[0].Score != 101 || !got[0].InContext || !got[0].Exact {
		t.Errorf("in-context: %+v", got)
	}
	got = m.Lookup("中俄贸易额达到２４０１亿美元。", "p9")
	if len(got) != 1 || got[0].Score != 100 || got[0].InContext || !got[0].Exact {
		t.Errorf("exact after NFKC: %+v", got)
	}
	// A different number is a placeable: best of fuzzy, never exact.
	got = m.Lookup("中俄贸易额达到2500亿美元。", "")
	if len(got) != 1 || got[0].Score != 99 || got[0].Exact {
		t.Errorf("placeable number: %+v", got)
	}
	// Two characters of eight differ: 100·(8−2)/8 = 75.
	got = m.Lookup("论坛在广州举行。", "")
	if len(got) != 2 || got[0].Score != 75 || got[1].Score != 75 {
		t.Errorf("fuzzy zh: %+v", got)
	}
	if got := m.Lookup("今天天气很好。", ""); len(got) != 0 {
		t.Errorf("below threshold: %+v", got)
	}
}

func TestLookupRussianStems(t *testing.T) {
	m := New("ru", "zh")
	m.Add(Unit{Source: "Стороны подтвердили верность Договору о добрососедстве.", Target: "双方重申恪守睦邻友好条约。"})
	// Другой падеж: Договора вместо Договору; stems make it a strong match.
	got := m.Lookup("Стороны подтвердили значение Договора о добрососедстве.", "")
	if len(got) != 1 || got[0].Score < 80 {
		t.Fatalf("stemmed match: %+v", got)
	}
	if got[0].Score >= 100 {
		t.Errorf("a different word scored %d", got[0].Score)
	}
}

func TestBestFive(t *testing.T) {
	m := New("en", "ru")
	for i := 0; i < 20; i++ {
		m.Add(Unit{Source: "The forum opened in Beijing on day " + strings.Repeat("x", i+1) + ".", Target: "Форум открылся."})
	}
	got := m.Lookup("The forum opened in Beijing on day x.", "")
	if len(got) != MaxMatches {
		t.Fatalf("%d matches, want %d", len(got), MaxMatches)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Score > got[i-1].Score {
			t.Errorf("not sorted: %v", got)
		}
	}
	if !got[0].Exact {
		t.Errorf("best is not the exact match: %+v", got[0])
	}
}

func TestAddTMX(t *testing.T) {
	f, err := os.Open("../interchange/testdata/omegat11.tmx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	x, err := interchange.ReadTMX(f, "omegat11.tmx")
	if err != nil {
		t.Fatal(err)
	}
	m := New("zh", "ru")
	if n := m.AddTMX(x, "omegat11.tmx"); n != 1 {
		t.Fatalf("stored %d units, want 1", n)
	}
	got := m.Lookup("中俄两国于2001年签署了条约。", "")
	if len(got) != 1 || !got[0].Exact || got[0].Target != "Россия и Китай подписали договор в 2001 году." || got[0].Origin != "omegat11.tmx" || got[0].Changed.Year() != 2026 {
		t.Errorf("lookup after TMX import: %+v", got)
	}
	if n := New("zh", "en").AddTMX(x, "x"); n != 0 {
		t.Errorf("stored %d units without an English side", n)
	}
}

func TestRetire(t *testing.T) {
	m := New("zh", "ru")
	m.Add(Unit{ID: 1, Source: "贸易额达到2401亿美元。", Target: "Товарооборот достиг 2401 млрд долларов."})
	m.Add(Unit{ID: 2, Source: "贸易额达到2401亿美元。", Target: "Товарооборот достиг 240,1 млрд долларов."})
	m.Add(Unit{ID: 3, Source: "论坛在北京举行。", Target: "Форум прошёл в Пекине."})
	m.Add(Unit{Source: "论坛在上海举行。", Target: "Форум прошёл в Шанхае."})

	tests := []struct {
		name   string
		retire int64 // the unit to retire; below 0, the unit to restore
		ok     bool
		query  string
		want   []string // targets found, best first
		len    int
	}{
		{"both before", 0, false, "贸易额达到2401亿美元。", []string{"Товарооборот достиг 2401 млрд долларов.", "Товарооборот достиг 240,1 млрд долларов."}, 4},
		{"superseded exact", 1, true, "贸易额达到2401亿美元。", []string{"Товарооборот достиг 240,1 млрд долларов."}, 3},
		{"twice", 1, false, "贸易额达到2401亿美元。", []string{"Товарооборот достиг 240,1 млрд долларов."}, 3},
		{"unknown id", 9, false, "论坛在北京举行。", []string{"Форум прошёл в Пекине.", "Форум прошёл в Шанхае."}, 3},
		{"fuzzy", 3, true, "论坛在广州举行。", []string{"Форум прошёл в Шанхае."}, 2},
		{"no id", 0, false, "论坛在上海举行。", []string{"Форум прошёл в Шанхае."}, 2},
		{"restored", -1, true, "贸易额达到2401亿美元。", []string{"Товарооборот достиг 2401 млрд долларов.", "Товарооборот достиг 240,1 млрд долларов."}, 3},
		{"restored twice", -1, false, "贸易额达到2401亿美元。", []string{"Товарооборот достиг 2401 млрд долларов.", "Товарооборот достиг 240,1 млрд долларов."}, 3},
	}
	for _, tt := range tests {
		var ok bool
		if tt.retire < 0 {
			ok = m.Restore(-tt.retire)
		} else {
			ok = m.Retire(tt.retire)
		}
		if ok != tt.ok {
			t.Errorf("%s: Retire(%d) = %v, want %v", tt.name, tt.retire, ok, tt.ok)
		}
		var got []string
		for _, mt := range m.Lookup(tt.query, "") {
			got = append(got, mt.Target)
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: Lookup(%q) = %q, want %q", tt.name, tt.query, got, tt.want)
		}
		if m.Len() != tt.len {
			t.Errorf("%s: Len = %d, want %d", tt.name, m.Len(), tt.len)
		}
	}
}
