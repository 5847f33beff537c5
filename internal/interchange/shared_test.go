package interchange

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/shareddata"
)

// TestRealFilesWithMark reads files that Okapi's own tests keep, as Trados,
// memoQ and Okapi write them: a UTF-8 byte-order mark before the XML
// declaration (../shared/data/bug-hunt, see SOURCE.md there).
func TestRealFilesWithMark(t *testing.T) {
	t.Run("XLIFF 1.1", func(t *testing.T) {
		p := shareddata.Path(t, "bug-hunt/okapi-xlifftest-bom.xlf")
		x, err := ReadXLIFF(open(t, p), p)
		if err != nil {
			t.Fatal(err)
		}
		units := x.Units()
		if x.SrcLang != "en" || x.TgtLang != "fr" || len(units) != 14 || len(x.Warnings) != 0 {
			t.Fatalf("%s to %s, %d units, warnings %v", x.SrcLang, x.TgtLang, len(units), x.Warnings)
		}
		if !units[0].Segments[0].NoTranslate || units[1].Segments[0].NoTranslate {
			t.Errorf("unit 1 is translate=\"no\", unit 2 is not: %+v, %+v", units[0].Segments[0], units[1].Segments[0])
		}
		if s := units[1].Segments[0]; s.Target.Plain() != "Paragraphe (approved translation)" || s.State != Reviewed {
			t.Errorf("approved unit: %+v", s)
		}
		if c := units[6].Segments[0].Source.Codes(); len(c) != 4 || c[0].Code != "<code>" || c[3].Code != "</b>" {
			t.Errorf("codes of unit 7: %+v", c)
		}
		if segs := units[10].Segments; len(segs) != 2 || segs[1].Source.Plain() != "Sentence 2" {
			t.Errorf("seg-source unit: %+v", segs)
		}
	})
	t.Run("TBX", func(t *testing.T) {
		p := shareddata.Path(t, "bug-hunt/okapi-test01-bom.tbx")
		tb, err := ReadTBX(open(t, p), p)
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Entries) != 1 || len(tb.Warnings) != 0 {
			t.Fatalf("%d entries, warnings %v", len(tb.Entries), tb.Warnings)
		}
		c := tb.Entries[0]
		if c.ID != "eid-Oracle-67" || !strings.HasPrefix(c.Definition, "A value between 0 and 1") ||
			len(c.In("en")) != 1 || c.In("en")[0].Text != "alpha smoothing factor" || c.In("hu")[0].Text != "Alfa simítási tényező" {
			t.Errorf("entry %+v", c)
		}
	})
	for _, tt := range []struct {
		file  string
		units int
		first [2]string // en-US and the other language of the first unit
		other string
	}{
		{"okapi-compkit-ExportTest1A-bom.tmx", 4, [2]string{"Text with 3 spaces [   ] and 2 [  ]", "Texte avec 3 espaces [   ] et 2 [  ]"}, "fr-CA"},
		{"okapi-tmxtest-attributes-bom.tmx", 0, [2]string{"Test char: &=amp, <=lt, '=apos, \"=quot", "Test charactères: &=amp, <=lt, '=apos, \"=quot"}, "fr-FR"},
	} {
		t.Run(tt.file, func(t *testing.T) {
			p := shareddata.Path(t, "bug-hunt/"+tt.file)
			tm, err := ReadTMX(open(t, p), p)
			if err != nil {
				t.Fatal(err)
			}
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			want := bytes.Count(raw, []byte("<tu>")) + bytes.Count(raw, []byte("<tu "))
			if tt.units > 0 && want != tt.units {
				t.Fatalf("the file has %d <tu>, the test expects %d", want, tt.units)
			}
			if len(tm.Units) != want || len(tm.Warnings) != 0 || tm.SrcLang != "en-US" {
				t.Fatalf("%d units of %d, source %q, warnings %v", len(tm.Units), want, tm.SrcLang, tm.Warnings)
			}
			en, _ := tm.Units[0].Text("en-US")
			other, _ := tm.Units[0].Text(tt.other)
			if strings.TrimSpace(en) != tt.first[0] || strings.TrimSpace(other) != tt.first[1] {
				t.Errorf("first unit %q → %q", en, other)
			}
		})
	}
}

// TestRealTermbaseWithEmptyTerms reads an SDL/MultiTerm export in which
// some terms are empty (<term/>): the termbase is read, and each empty term
// is skipped with a warning on its line.
func TestRealTermbaseWithEmptyTerms(t *testing.T) {
	p := shareddata.Path(t, "bug-hunt/okapi-sdl_tbx-empty-term.tbx")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	emptyLines := map[int]bool{}
	for i, l := range strings.Split(string(raw), "\n") {
		if strings.Contains(l, "<term/>") {
			emptyLines[i+1] = true
		}
	}
	tb, err := ReadTBX(bytes.NewReader(raw), p)
	if err != nil {
		t.Fatal(err)
	}
	entries := bytes.Count(raw, []byte("<termEntry "))
	empties := 0
	for _, w := range tb.Warnings {
		switch {
		case strings.Contains(w.Msg, "empty <term>"):
			if !emptyLines[w.Line] {
				t.Errorf("warning on line %d, where there is no empty term: %s", w.Line, w)
			}
			empties++
		case strings.Contains(w.Msg, "has no term left"):
			entries--
		default:
			t.Errorf("unexpected warning %s", w)
		}
	}
	if empties != len(emptyLines) || len(emptyLines) == 0 {
		t.Errorf("%d warnings about empty terms, the file has %d", empties, len(emptyLines))
	}
	if len(tb.Entries) != entries || entries < 200 {
		t.Errorf("%d entries read, want %d", len(tb.Entries), entries)
	}
	if terms := tb.Entries[0].In("de"); len(terms) != 2 || terms[0].Text != "Zickzackfalz" {
		t.Errorf("first entry: %+v", tb.Entries[0])
	}
	for _, c := range tb.Entries {
		for _, term := range c.Terms {
			if strings.TrimSpace(term.Text) == "" {
				t.Errorf("entry %s: empty term read", c.ID)
			}
		}
	}
}
