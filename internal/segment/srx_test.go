package segment

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func readSRXFile(t testing.TB, path string) *SRX {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ReadSRX(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSRX(t *testing.T) {
	s := readSRXFile(t, "testdata/basic.srx")
	tests := []struct {
		lang, text string
		want       []string
	}{
		{"ru-RU", "Доклад сделал проф. Иванов. Затем С. В. Лавров ответил. Всё.",
			[]string{"Доклад сделал проф. Иванов.", "Затем С. В. Лавров ответил.", "Всё."}},
		{"ru", "Это т. е. Пример. Ещё", []string{"Это т. е. Пример.", "Ещё"}},
		{"zh-CN", "第一句。第二句！“第三句？”第四句",
			[]string{"第一句。", "第二句！", "“第三句？”", "第四句"}},
		// Without cascade the Russian rules would stop here; with it the
		// Default break rule applies after them.
		{"en", "One. Two? three. Four", []string{"One.", "Two? three.", "Four"}},
	}
	for _, tt := range tests {
		sp, err := s.ForLanguage(tt.lang)
		if err != nil {
			t.Fatal(err)
		}
		if got := Strings(sp, tt.text); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s %q:\n got %q\nwant %q", tt.lang, tt.text, got, tt.want)
		}
	}
}

func TestSRXErrors(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"syntax", "<srx version=\"2.0\">\n  <body>\n</srx>", "bad.srx:3:"},
		{"version", "<?xml version=\"1.0\"?>\n<srx version=\"1.0\"/>", "bad.srx:2:1: SRX version \"1.0\", want 2.0"},
		{"regex", "<srx version=\"2.0\"><body><languagerules>\n<languagerule languagerulename=\"x\">\n  <rule><beforebreak>[a-</beforebreak><afterbreak/></rule>\n</languagerule></languagerules></body></srx>", "bad.srx:3:3: rule \"[a-\""},
		{"empty", "", "bad.srx:1:1: the file is empty"},
		{"unknown map", "<srx version=\"2.0\"><body><maprules><languagemap languagepattern=\".*\" languagerulename=\"nope\"/></maprules></body></srx>", "unknown rule \"nope\""},
	}
	for _, tt := range tests {
		_, err := ReadSRX(strings.NewReader(tt.doc), "bad.srx")
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

func FuzzReadSRX(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*.srx")
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, "Доклад сделал проф. Иванов. Затем. 第一句。第二句")
	}
	f.Fuzz(func(t *testing.T, doc []byte, text string) {
		s, err := ReadSRX(strings.NewReader(string(doc)), "fuzz.srx")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.srx") {
				t.Fatalf("error without file name: %v", err)
			}
			return
		}
		for _, lang := range []string{"ru", "zh", "en"} {
			sp, err := s.ForLanguage(lang)
			if err != nil {
				continue
			}
			checkSpans(t, text, sp.Split(text))
		}
	})
}

// checkSpans asserts the invariants every Splitter keeps: spans in order,
// not overlapping, not empty, trimmed, and covering every non-space byte.
func checkSpans(t *testing.T, text string, spans []Span) {
	t.Helper()
	last := 0
	for _, s := range spans {
		if s.Start < last || s.End <= s.Start || s.End > len(text) {
			t.Fatalf("bad span %v after %d in %q", s, last, text)
		}
		if strings.TrimFunc(text[last:s.Start], isSpace) != "" && !strings.ContainsRune(text[last:s.Start], '\uFFFD') {
			t.Fatalf("text %q between spans lost", text[last:s.Start])
		}
		seg := text[s.Start:s.End]
		if ts, _ := trim(text, s.Start, s.End); ts != s.Start {
			t.Fatalf("span %q not trimmed", seg)
		}
		last = s.End
	}
}
