package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

func open(t testing.TB, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestReadXLIFF12(t *testing.T) {
	x, err := ReadXLIFF(open(t, "testdata/sample12.xlf"), "sample12.xlf")
	if err != nil {
		t.Fatal(err)
	}
	if x.SrcLang != "zh-CN" || x.TgtLang != "ru-RU" {
		t.Errorf("languages %q → %q", x.SrcLang, x.TgtLang)
	}
	units := x.Units()
	if len(units) != 4 {
		t.Fatalf("%d units, want 4 (a group and three trans-units)", len(units))
	}
	p1 := units[0]
	if p1.ID != "p1" || len(p1.Segments) != 2 {
		t.Fatalf("unit p1: %+v", p1)
	}
	s := p1.Segments[0]
	if s.Source.Plain() != "中俄贸易额达到2401亿美元。" || s.Target.Plain() != "Товарооборот достиг 240,1 млрд долларов." {
		t.Errorf("segment 1: %q → %q", s.Source.Plain(), s.Target.Plain())
	}
	if s.State != Translated || p1.Segments[1].State != Reviewed {
		t.Errorf("states %v, %v", s.State, p1.Segments[1].State)
	}
	codes := s.Source.Codes()
	if len(codes) != 2 || codes[0].Kind != Open || codes[0].Type != "bold" || codes[1].Kind != Close {
		t.Errorf("codes %+v", codes)
	}
	if fn := p1.Segments[1].Target.Codes(); len(fn) != 1 || fn[0].Type != "footnote" {
		t.Errorf("footnote code %+v", fn)
	}
	if units[1].Segments[0].State != New {
		t.Errorf("state new read as %v", units[1].Segments[0].State)
	}
	t3 := units[2]
	if len(t3.Segments) != 2 || t3.Segments[1].Target.Plain() != "Второе." || t3.Segments[0].State != Draft || t3.Notes[0] != "Two sentences in one trans-unit." {
		t.Errorf("seg-source unit: %+v", t3)
	}
	t4 := units[3].Segments[0].Source
	if c := t4.Codes(); len(c) != 3 || c[0].Code != `<a href="x">` || c[2].Kind != Standalone || c[2].Code != "{name}" {
		t.Errorf("native codes: %+v", c)
	}
}

func TestReadXLIFF21(t *testing.T) {
	x, err := ReadXLIFF(open(t, "testdata/sample21.xlf"), "sample21.xlf")
	if err != nil {
		t.Fatal(err)
	}
	units := x.Units()
	if x.Version != "2.1" || x.SrcLang != "ru" || len(units) != 2 {
		t.Fatalf("%s %s %d units", x.Version, x.SrcLang, len(units))
	}
	s := units[0].Segments[0]
	if c := s.Source.Codes(); len(c) != 2 || c[0].Type != "bold" || c[0].Code != "<w:b/>" {
		t.Errorf("pc with data: %+v", c)
	}
	if units[0].Segments[1].State != Final || units[0].Segments[1].Target.Codes()[0].Type != "footnote" {
		t.Errorf("segment 2: %+v", units[0].Segments[1])
	}
	p2 := units[1].Segments
	if p2[0].State != New || p2[1].State != Draft || p2[1].Source.Plain() != "Черновик\t." {
		t.Errorf("p2: %+v", p2)
	}
	if c := p2[0].Source.Codes(); len(c) != 2 || c[1].Kind != Close || c[1].ID != "3" {
		t.Errorf("sc/ec: %+v", c)
	}
}

// TestXLIFFRoundTrip writes what it read in both versions and reads it
// back: units, segments, text, codes and states survive.
func TestXLIFFRoundTrip(t *testing.T) {
	for _, in := range []string{"testdata/sample12.xlf", "testdata/sample21.xlf"} {
		x, err := ReadXLIFF(open(t, in), in)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []string{"1.2", "2.1"} {
			x.Version = v
			var buf bytes.Buffer
			if err := WriteXLIFF(&buf, x); err != nil {
				t.Fatal(err)
			}
			y, err := ReadXLIFF(bytes.NewReader(buf.Bytes()), "out.xlf")
			if err != nil {
				t.Fatalf("%s as %s: %v\n%s", in, v, err, buf.String())
			}
			a, b := x.Units(), y.Units()
			if len(a) != len(b) {
				t.Fatalf("%s as %s: %d units, want %d", in, v, len(b), len(a))
			}
			for i := range a {
				if len(a[i].Segments) != len(b[i].Segments) {
					t.Fatalf("%s as %s: unit %d has %d segments, want %d", in, v, i, len(b[i].Segments), len(a[i].Segments))
				}
				for k, sa := range a[i].Segments {
					sb := b[i].Segments[k]
					wantTarget := sa.Target
					if sa.State == New || sa.Target.IsEmpty() {
						wantTarget = sa.Source // pre-filled for OmegaT
					}
					if !reflect.DeepEqual(sa.Source, sb.Source) || !reflect.DeepEqual(wantTarget, sb.Target) {
						t.Errorf("%s as %s: unit %d segment %d:\n got %+v → %+v\nwant %+v → %+v", in, v, i, k, sb.Source, sb.Target, sa.Source, wantTarget)
					}
					wantState := sa.State
					if sa.Target.IsEmpty() {
						wantState = New
					}
					if v == "1.2" && wantState == New && !sa.Target.IsEmpty() {
						wantState = New
					}
					if sb.State != wantState && !(wantState == New && sb.State == Draft && v == "2.1") {
						t.Errorf("%s as %s: unit %d segment %d state %v, want %v", in, v, i, k, sb.State, wantState)
					}
				}
			}
		}
	}
}

// TestDeclaredEncodings reads TMX files in the encodings CAT tools of the
// region still write: windows-1251, GB18030 and UTF-16.
func TestDeclaredEncodings(t *testing.T) {
	utf := "<?xml version=\"1.0\" encoding=\"%s\"?>\n<tmx version=\"1.4\"><header srclang=\"ru\"/><body><tu><tuv xml:lang=\"ru\"><seg>Договор</seg></tuv><tuv xml:lang=\"zh\"><seg>条约</seg></tuv></tu></body></tmx>"
	for _, enc := range []string{"windows-1251", "GB18030", "UTF-16"} {
		doc := strings.Replace(utf, "%s", enc, 1)
		var data []byte
		switch enc {
		case "windows-1251":
			doc = strings.Replace(doc, "<seg>条约</seg>", "<seg>&#26465;&#32422;</seg>", 1)
			b, err := charmapEncode(enc, doc)
			if err != nil {
				t.Fatal(err)
			}
			data = b
		default:
			b, err := charmapEncode(enc, doc)
			if err != nil {
				t.Fatal(err)
			}
			data = b
		}
		tm, err := ReadTMX(bytes.NewReader(data), "enc.tmx")
		if err != nil {
			t.Fatalf("%s: %v", enc, err)
		}
		ru, _ := tm.Units[0].Text("ru")
		zh, _ := tm.Units[0].Text("zh")
		if ru != "Договор" || zh != "条约" {
			t.Errorf("%s: read %q and %q", enc, ru, zh)
		}
	}
}

func TestTMX(t *testing.T) {
	old, err := ReadTMX(open(t, "testdata/omegat11.tmx"), "omegat11.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if ru, ok := old.Units[0].Text("ru"); !ok || ru != "Россия и Китай подписали договор в 2001 году." {
		t.Errorf("TMX 1.1 lang=: %q %v", ru, ok)
	}
	if old.Tool != "OmegaT" || old.SrcLang != "zh-CN" {
		t.Errorf("header: %+v", old)
	}
	tm, err := ReadTMX(open(t, "testdata/sample14.tmx"), "sample14.tmx")
	if err != nil {
		t.Fatal(err)
	}
	tu := tm.Units[0]
	if tu.Props["x-context"] != "p1" || tu.Created.Year() != 2026 || len(tu.Variants) != 3 {
		t.Errorf("tu: %+v", tu)
	}
	var buf bytes.Buffer
	if err := WriteTMX(&buf, tm, testVersion); err != nil {
		t.Fatal(err)
	}
	back, err := ReadTMX(&buf, "out.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Units, tm.Units) {
		t.Errorf("round trip:\n got %+v\nwant %+v", back.Units, tm.Units)
	}
	for _, s := range []string{"creationtool=\"tandem\"", "creationtoolversion=\"" + testVersion + "\"", "segtype=\"sentence\"", "o-tmf=", "adminlang=", "srclang=\"en\"", "datatype="} {
		if !strings.Contains(buf.String(), s) && !strings.Contains(mustWriteTMX(t, tm), s) {
			t.Errorf("header lacks %s", s)
		}
	}
}

// testVersion stands for the version of the tandem that writes a file.
const testVersion = "v0.3.0-4-g1a2b3c4 1a2b3c4d5e6f (modified)"

// TestTMXHeaderNamesTheWritersVersion checks that a TMX written by tandem
// names tandem and the version it is given in its header, whatever tool
// wrote the file it was read from, and that without a version nothing is
// written.
func TestTMXHeaderNamesTheWritersVersion(t *testing.T) {
	read, err := ReadTMX(strings.NewReader(`<tmx version="1.4"><header creationtool="SDL Trados" creationtoolversion="16.0" srclang="zh" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x"/>`+
		`<body><tu><tuv xml:lang="zh"><seg>论坛</seg></tuv><tuv xml:lang="ru"><seg>Форум</seg></tuv></tu></body></tmx>`), "trados.tmx")
	if err != nil {
		t.Fatal(err)
	}
	if read.Tool != "SDL Trados" || read.ToolVersion != "16.0" {
		t.Errorf("read tool %q version %q", read.Tool, read.ToolVersion)
	}
	var b bytes.Buffer
	if err := WriteTMX(&b, read, "v0.3.0 <&>"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `creationtool="tandem" creationtoolversion="v0.3.0 &lt;&amp;&gt;"`) || strings.Contains(b.String(), "Trados") {
		t.Errorf("header of the TMX written:\n%s", b.String())
	}
	b.Reset()
	if err := WriteTMX(&b, read, ""); err == nil || b.Len() > 0 || err.Error() != "write TMX: no creationtoolversion: the version of tandem writing the file is not given" {
		t.Errorf("no version: error %v, %d bytes written", err, b.Len())
	}
}

func mustWriteTMX(t *testing.T, tm *TMX) string {
	var b bytes.Buffer
	if err := WriteTMX(&b, tm, testVersion); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTBX(t *testing.T) {
	v2, err := ReadTBX(open(t, "testdata/basic2.tbx"), "basic2.tbx")
	if err != nil {
		t.Fatal(err)
	}
	c := v2.Entries[0]
	if c.ID != "treaty" || c.Definition != "The 2001 treaty." || len(c.Terms) != 3 {
		t.Fatalf("v2 entry: %+v", c)
	}
	ru := c.In("ru-RU")
	if len(ru) != 1 || ru[0].Text != "Договор о добрососедстве, дружбе и сотрудничестве" {
		t.Errorf("usable ru terms: %+v", ru)
	}
	v3, err := ReadTBX(open(t, "testdata/basic3.tbx"), "basic3.tbx")
	if err != nil {
		t.Fatal(err)
	}
	if got := v3.Entries[0].Terms; len(got) != 3 || got[2].Status != Forbidden || got[0].Status != Preferred {
		t.Errorf("v3 terms: %+v", got)
	}
	var buf bytes.Buffer
	if err := WriteTBX(&buf, v2, "zh"); err != nil {
		t.Fatal(err)
	}
	back, err := ReadTBX(&buf, "out.tbx")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Entries, v2.Entries) {
		t.Errorf("TBX round trip:\n got %+v\nwant %+v", back.Entries, v2.Entries)
	}
}

func TestTSV(t *testing.T) {
	g, err := ReadTSV(open(t, "testdata/glossary.tsv"), "glossary.tsv", "zh", "ru")
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Entries) != 2 || g.Entries[0].Definition != "official name" || g.Entries[1].In("ru")[0].Text != "форум" {
		t.Errorf("glossary: %+v", g.Entries)
	}
	var buf bytes.Buffer
	if err := WriteTSV(&buf, g, "zh", "ru"); err != nil {
		t.Fatal(err)
	}
	want := "中俄睦邻友好合作条约\tДоговор о добрососедстве, дружбе и сотрудничестве\tofficial name\n论坛\tфорум\t\n"
	if buf.String() != want {
		t.Errorf("WriteTSV:\n%q\nwant\n%q", buf.String(), want)
	}
}

// seeds adds the files matching pattern to f's corpus, each also with a
// UTF-8 byte-order mark and white space before it, as other tools write.
func seeds(f *testing.F, pattern string) {
	paths, _ := filepath.Glob(pattern)
	if len(paths) == 0 {
		f.Fatalf("no seeds match %s", pattern)
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		if !bytes.HasPrefix(b, []byte("\ufeff")) && !bytes.HasPrefix(b, []byte{0xff, 0xfe}) {
			f.Add(append([]byte("\ufeff\r\n "), b...))
		}
	}
}

// checkErr asserts that a reader's error names the file and a place.
func checkErr(t *testing.T, err error) {
	if err == nil {
		return
	}
	if !strings.HasPrefix(err.Error(), "f:") {
		t.Fatalf("error without file and position: %v", err)
	}
}

// checkWarnings asserts that warnings name the file and a line of the
// input.
func checkWarnings(t *testing.T, in []byte, ws []Warning) {
	lines := bytes.Count(in, []byte("\n")) + 1
	for _, w := range ws {
		if w.File != "f" || w.Line < 0 || w.Line > lines || w.Msg == "" {
			t.Fatalf("warning out of place (input of %d lines): %+v", lines, w)
		}
	}
}

func FuzzReadXLIFF(f *testing.F) {
	seeds(f, "testdata/*.xlf")
	f.Fuzz(func(t *testing.T, b []byte) {
		x, err := ReadXLIFF(bytes.NewReader(b), "f")
		checkErr(t, err)
		if err != nil {
			return
		}
		checkWarnings(t, b, x.Warnings)
		// Whatever was read can be written and read again, whole and
		// without a warning.
		for _, v := range []string{"1.2", "2.1"} {
			x.Version = v
			var buf bytes.Buffer
			if err := WriteXLIFF(&buf, x); err != nil {
				t.Fatal(err)
			}
			y, err := ReadXLIFF(&buf, "again")
			if err != nil {
				t.Fatalf("re-reading written %s: %v\n%s", v, err, buf.String())
			}
			if len(y.Warnings) > 0 || len(y.Units()) != len(x.Units()) {
				t.Fatalf("re-reading written %s: %d units of %d, warnings %v\n%s", v, len(y.Units()), len(x.Units()), y.Warnings, buf.String())
			}
		}
	})
}

func FuzzReadTMX(f *testing.F) {
	seeds(f, "testdata/*.tmx")
	f.Fuzz(func(t *testing.T, b []byte) {
		tm, err := ReadTMX(bytes.NewReader(b), "f")
		checkErr(t, err)
		if err != nil {
			return
		}
		checkWarnings(t, b, tm.Warnings)
		var buf bytes.Buffer
		if err := WriteTMX(&buf, tm, testVersion); err != nil {
			t.Fatal(err)
		}
		again, err := ReadTMX(&buf, "again")
		if err != nil {
			t.Fatalf("re-reading written TMX: %v", err)
		}
		if len(again.Warnings) > 0 || len(again.Units) != len(tm.Units) {
			t.Fatalf("re-reading written TMX: %d units of %d, warnings %v\n%s", len(again.Units), len(tm.Units), again.Warnings, buf.String())
		}
	})
}

func FuzzReadTBX(f *testing.F) {
	seeds(f, "testdata/*.tbx")
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := ReadTBX(bytes.NewReader(b), "f")
		checkErr(t, err)
		if err != nil {
			return
		}
		checkWarnings(t, b, tb.Warnings)
		var buf bytes.Buffer
		if err := WriteTBX(&buf, tb, "en"); err != nil {
			t.Fatal(err)
		}
		again, err := ReadTBX(&buf, "again")
		if err != nil {
			t.Fatalf("re-reading written TBX: %v", err)
		}
		if len(again.Warnings) > 0 || len(again.Entries) != len(tb.Entries) {
			t.Fatalf("re-reading written TBX: %d entries of %d, warnings %v\n%s", len(again.Entries), len(tb.Entries), again.Warnings, buf.String())
		}
	})
}

func FuzzReadTSV(f *testing.F) {
	seeds(f, "testdata/*.tsv")
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := ReadTSV(bytes.NewReader(b), "f", "zh", "ru")
		checkErr(t, err)
		if err != nil {
			return
		}
		checkWarnings(t, b, tb.Warnings)
		for _, c := range tb.Entries {
			if len(c.Terms) < 2 || slices.ContainsFunc(c.Terms, func(t Term) bool { return t.Text == "" || t.Lang == "" }) {
				t.Fatalf("entry without two terms: %+v", c)
			}
		}
	})
}

func charmapEncode(name, s string) ([]byte, error) {
	if name == "UTF-16" {
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	}
	e, err := htmlindex.Get(name)
	if err != nil {
		return nil, err
	}
	return e.NewEncoder().Bytes([]byte(s))
}
