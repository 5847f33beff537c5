package tm

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/shareddata"
)

// content writes text with codes as the tests read it: {N} opens span N,
// {/N} closes it, {N/} is a standalone code N.
func content(s string) interchange.Content {
	var c interchange.Content
	for s != "" {
		i := strings.IndexByte(s, '{')
		j := strings.IndexByte(s, '}')
		if i < 0 || j < i {
			c = append(c, interchange.Run{Kind: interchange.Text, Text: s})
			break
		}
		if i > 0 {
			c = append(c, interchange.Run{Kind: interchange.Text, Text: s[:i]})
		}
		code := s[i+1 : j]
		switch {
		case strings.HasPrefix(code, "/"):
			c = append(c, interchange.Run{Kind: interchange.Close, ID: code[1:], Type: "bold"})
		case strings.HasSuffix(code, "/"):
			c = append(c, interchange.Run{Kind: interchange.Standalone, ID: strings.TrimSuffix(code, "/"), Type: "footnote"})
		default:
			c = append(c, interchange.Run{Kind: interchange.Open, ID: code, Type: "bold"})
		}
		s = s[j+1:]
	}
	return c
}

// show writes content back in the notation of content.
func show(c interchange.Content) string {
	var b strings.Builder
	for _, r := range c {
		switch r.Kind {
		case interchange.Text:
			b.WriteString(r.Text)
		case interchange.Open:
			b.WriteString("{" + r.ID + "}")
		case interchange.Close:
			b.WriteString("{/" + r.ID + "}")
		case interchange.Standalone:
			b.WriteString("{" + r.ID + "/}")
		}
	}
	return b.String()
}

func memoryOf(t *testing.T, from, to string, pairs ...[2]string) *Memory {
	t.Helper()
	tmx := &interchange.TMX{SrcLang: from}
	day := time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	for k, p := range pairs {
		tmx.Units = append(tmx.Units, interchange.TU{
			Variants: []interchange.TUV{{Lang: from, Seg: content(p[0])}, {Lang: to, Seg: content(p[1])}},
			Changed:  day.AddDate(0, 0, k),
		})
	}
	m := New(from, to)
	if n := m.AddTMX(tmx, "memory.tmx"); n != len(pairs) {
		t.Fatalf("%d units stored, want %d", n, len(pairs))
	}
	return m
}

func TestPreTranslate(t *testing.T) {
	m := memoryOf(t, "en", "ru",
		[2]string{"The forum opened.", "Форум открылся."},
		[2]string{"Close the {0}application{/0}.", "Закройте {0}приложение{/0}."},
		[2]string{"See the note{a/}.", "См. примечание{a/}."},
		[2]string{"Trade grew{5/}.", "Торговля выросла{6/}."},
		[2]string{"The delegates arrived.", "Делегаты приехали."},
		[2]string{"The delegates arrived.", "Делегаты прибыли."},
	)
	tests := []struct {
		src        string
		state      interchange.State // before
		wantTarget string
		wantState  interchange.State
		matches    string // "score:source→target" each, "|" between
	}{
		{"The forum opened.", interchange.New, "Форум открылся.", interchange.Translated, ""},
		// White space and full-width forms are not differences.
		{"The  forum opened．", interchange.New, "Форум открылся.", interchange.Translated, ""},
		// The segment's codes, with its ids, in the memory's places.
		{"Close the {7}application{/7}.", interchange.New, "Закройте {7}приложение{/7}.", interchange.Translated, ""},
		{"See the note{3/}.", interchange.New, "См. примечание{3/}.", interchange.Translated, ""},
		// The same text with other codes: a match, not a translation.
		{"Close the application.", interchange.New, "", interchange.New, "99:Close the {tm1}application{/tm1}.→Закройте {tm1}приложение{/tm1}."},
		{"Close {2}the application{/2}.", interchange.New, "", interchange.New, "99:Close the {tm1}application{/tm1}.→Закройте {tm1}приложение{/tm1}."},
		// A code of the translation the source does not have: a match.
		{"Trade grew{1/}.", interchange.New, "", interchange.New, "100:Trade grew{tm1/}.→Торговля выросла{tm2/}."},
		// Fuzzy: one word of five differs, 80%.
		{"The forum opened today.", interchange.New, "", interchange.New, "80:The forum opened.→Форум открылся."},
		// The newest of two translations; the other is offered.
		{"The delegates arrived.", interchange.New, "Делегаты прибыли.", interchange.Translated, "100:The delegates arrived.→Делегаты приехали."},
		// A translated segment is left alone.
		{"The forum opened.", interchange.Reviewed, "Форум открылся сегодня.", interchange.Reviewed, ""},
		{"Nothing like it in the memory at all.", interchange.New, "", interchange.New, ""},
	}
	x := &interchange.XLIFF{SrcLang: "en", TgtLang: "ru", Files: []interchange.XFile{{ID: "f"}}}
	for _, tt := range tests {
		s := interchange.Segment{Source: content(tt.src), State: tt.state}
		if tt.state != interchange.New {
			s.Target = interchange.PlainText(tt.wantTarget)
		}
		x.Files[0].Units = append(x.Files[0].Units, interchange.Unit{ID: "u", Segments: []interchange.Segment{s}})
	}
	lv := PreTranslate(x, m, 75)
	for i, tt := range tests {
		s := x.Files[0].Units[i].Segments[0]
		var ms []string
		for _, mt := range s.Matches {
			ms = append(ms, strconv.Itoa(mt.Score)+":"+show(mt.Source)+"→"+show(mt.Target))
			if mt.Origin != "memory.tmx" {
				t.Errorf("%q: match from %q", tt.src, mt.Origin)
			}
		}
		if show(s.Target) != tt.wantTarget || s.State != tt.wantState || strings.Join(ms, "|") != tt.matches ||
			s.PreTranslated != (tt.state == interchange.New && tt.wantState == interchange.Translated) {
			t.Errorf("%q: target %q (%v, pre-translated %v), matches %q; want %q (%v), matches %q",
				tt.src, show(s.Target), s.State, s.PreTranslated, ms, tt.wantTarget, tt.wantState, tt.matches)
		}
	}
	if lv != (Leverage{Segments: 10, Exact: 5, Fuzzy: 4}) {
		t.Errorf("leverage %+v", lv)
	}
	// A higher threshold leaves the 80% match out.
	y := &interchange.XLIFF{Files: []interchange.XFile{{Units: []interchange.Unit{{ID: "u", Segments: []interchange.Segment{{Source: content("The forum opened today.")}}}}}}}
	if lv := PreTranslate(y, m, 85); lv != (Leverage{Segments: 1}) || len(y.Files[0].Units[0].Segments[0].Matches) != 0 {
		t.Errorf("--tm-min 85: %+v, %+v", lv, y.Files[0].Units[0].Segments[0])
	}
}

// TestPreTranslateFromOkapiTMX pre-translates from TMX files written by
// Okapi tools with a byte-order mark, whose codes have ids of their own.
func TestPreTranslateFromOkapiTMX(t *testing.T) {
	m := New("en", "fr")
	for _, name := range []string{"bug-hunt/okapi-tmxtest-attributes-bom.tmx", "bug-hunt/okapi-compkit-ExportTest1A-bom.tmx"} {
		f, err := os.Open(shareddata.Path(t, name))
		if err != nil {
			t.Fatal(err)
		}
		tmx, err := interchange.ReadTMX(f, name)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if n := m.AddTMX(tmx, name); n == 0 {
			t.Fatalf("%s: no unit in en and fr", name)
		}
	}
	x := &interchange.XLIFF{SrcLang: "en", TgtLang: "fr", Files: []interchange.XFile{{Units: []interchange.Unit{
		{ID: "a", Segments: []interchange.Segment{{Source: content("Close the {1}application{/1}.")}}},
		{ID: "b", Segments: []interchange.Segment{{Source: content("Text with 3 spaces [ ] and 2 [ ]")}}},
		{ID: "c", Segments: []interchange.Segment{{Source: content("One entry in the TM.")}}},
		{ID: "d", Segments: []interchange.Segment{{Source: content("Close the application now.")}}},
	}}}}
	lv := PreTranslate(x, m, 75)
	segs := func(i int) interchange.Segment { return x.Files[0].Units[i].Segments[0] }
	if got := show(segs(0).Target); got != "Fermer {1}l'application{/1}." {
		t.Errorf("codes mapped: %q", got)
	}
	if got := show(segs(1).Target); got != "Texte avec 3 espaces [   ] et 2 [  ]" {
		t.Errorf("white space: %q", got)
	}
	if got := segs(2).Target.Plain(); !strings.HasPrefix(got, "Une entrée dans la MT") || len(segs(2).Matches) == 0 {
		t.Errorf("one source, several translations: %q, %d others", got, len(segs(2).Matches))
	}
	if lv.Exact != 3 || lv.Fuzzy != 1 || len(segs(3).Matches) == 0 || segs(3).Matches[0].Score < 75 {
		t.Errorf("leverage %+v, fuzzy %+v", lv, segs(3).Matches)
	}
}
