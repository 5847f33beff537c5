package translate

import (
	"bytes"
	"context"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/tm"
)

// fixedLookup is a memory for pre-translation: an internal/tm memory.
type fixedLookup struct{ m *tm.Memory }

func (f fixedLookup) Lookup(ctx context.Context, from, to string, src interchange.Content, context string) ([]tm.Match, error) {
	return f.m.Lookup(src.Plain(), context), nil
}

// download exports f's translation as XLIFF version and reads the file
// back, as a CAT tool would open it.
func (f *fixture) download(version string, mem MemoryLookup) (*interchange.XLIFF, ExportReport) {
	f.t.Helper()
	x, rep, err := ExportXLIFF(context.Background(), f.db, f.revs, mem, f.tr, version, time.Now())
	if err != nil {
		f.t.Fatal(err)
	}
	var b bytes.Buffer
	if err := interchange.WriteXLIFF(&b, x); err != nil {
		f.t.Fatal(err)
	}
	y, err := interchange.ReadXLIFF(&b, "download.xlf")
	if err != nil {
		f.t.Fatal(err)
	}
	return y, rep
}

// upload imports x into f's translation.
func (f *fixture) upload(x *interchange.XLIFF, opt ImportOptions) (ImportReport, error) {
	f.t.Helper()
	var rep ImportReport
	err := f.db.Transact(context.Background(), func(tx *store.Tx) error {
		var err error
		rep, err = ImportXLIFF(context.Background(), tx, nil, f.tr, x, opt)
		return err
	})
	return rep, err
}

// setTarget gives the segment of x with source src a target and a state,
// as a translator does in a CAT tool; with codes, the source's codes are
// kept around the text.
func setTarget(t *testing.T, x *interchange.XLIFF, src, target string, st interchange.State) {
	t.Helper()
	for fi := range x.Files {
		for ui := range x.Files[fi].Units {
			for si := range x.Files[fi].Units[ui].Segments {
				s := &x.Files[fi].Units[ui].Segments[si]
				if s.Source.Plain() == src {
					s.Target, s.State = withCodes(s.Source, target), st
					return
				}
			}
		}
	}
	t.Fatalf("no segment %q in the file", src)
}

func fileSegment(t *testing.T, x *interchange.XLIFF, src string) interchange.Segment {
	t.Helper()
	for _, u := range x.Units() {
		for _, s := range u.Segments {
			if s.Source.Plain() == src {
				return s
			}
		}
	}
	t.Fatalf("no segment %q in the file", src)
	return interchange.Segment{}
}

// TestXLIFFExchange downloads a translation in both XLIFF versions, works
// on it as a CAT tool user would, and uploads it: new translations are
// saved with their states mapped, what the file did not change stays, a
// segment changed in tandem meanwhile is a conflict with both texts, a
// segment whose source changed since the download is listed as unmatched.
func TestXLIFFExchange(t *testing.T) {
	const (
		title   = "Договор и соседство"
		signed  = "Договор был подписан в Москве в 2001 году."
		basis   = "Он определил основы отношений на двадцать лет вперёд."
		parties = "Стороны договорились о мирном урегулировании споров."
		note    = "Статья седьмая говорит о границе."
	)
	for _, version := range []string{"1.2", "2.1"} {
		t.Run(version, func(t *testing.T) {
			storetest.ForEach(t, func(t *testing.T, db *store.DB) {
				f := newFixture(t, db, "ru")
				f.revise("essay-v1.md")
				f.translate(title, "条约与睦邻", Translated)
				f.translate(parties, "双方同意和平解决争端。", Draft)
				mem := tm.New("ru", "zh")
				mem.Add(tm.Unit{Source: note, Target: "第七条涉及边界。", Origin: "memory"})
				x, exp := f.download(version, fixedLookup{mem})
				if exp.Segments != 9 || exp.Filled != 2 || exp.Leverage.Exact != 1 {
					t.Errorf("export report %+v; want 9 segments, 2 filled, 1 exact match", exp)
				}
				// Pre-filled as OmegaT needs: the source as target of a
				// new segment, tandem's translation and state otherwise.
				if s := fileSegment(t, x, signed); s.State != interchange.New || s.Target.Plain() != signed {
					t.Errorf("new segment in the file: %s %q", s.State, s.Target.Plain())
				}
				if s := fileSegment(t, x, title); s.State != interchange.Translated || s.Target.Plain() != "条约与睦邻" {
					t.Errorf("translated segment in the file: %s %q", s.State, s.Target.Plain())
				}
				if s := fileSegment(t, x, parties); s.State != interchange.Draft {
					t.Errorf("draft in the file: %s", s.State)
				}
				if s := fileSegment(t, x, note); s.Target.Plain() != "第七条涉及边界。" {
					t.Errorf("pre-translated segment: %q", s.Target.Plain())
				}
				if !strings.HasPrefix(Original(x), "tandem:translation:") {
					t.Errorf("original %q does not name the translation", Original(x))
				}

				// Meanwhile, in the workbench: the title is corrected.
				f.translate(title, "条约与邻邦", Translated)
				setTarget(t, x, signed, "条约于2001年在莫斯科签署。", interchange.Translated)
				setTarget(t, x, basis, "它确定了关系的基础。", interchange.Final)
				setTarget(t, x, title, "睦邻条约", interchange.Translated)
				rep, err := f.upload(x, ImportOptions{By: "omegat user", Snapshot: exp.Snapshot})
				if err != nil {
					t.Fatal(err)
				}
				// signed, basis and the pre-translated note (a draft);
				// the draft of parties is what tandem has.
				if rep.Updated != 3 || len(rep.Conflicts) != 1 || len(rep.Unmatched) != 0 || rep.Lowered != 1 {
					t.Errorf("report: updated %d, conflicts %+v, unmatched %+v, lowered %d", rep.Updated, rep.Conflicts, rep.Unmatched, rep.Lowered)
				}
				if c := rep.Conflicts[0]; c.Current.Plain() != "条约与邻邦" || c.File.Plain() != "睦邻条约" {
					t.Errorf("conflict shows %q and %q", c.Current.Plain(), c.File.Plain())
				}
				// The same file again saves nothing, and so lowers nothing.
				again, err := f.upload(x, ImportOptions{By: "omegat user", Snapshot: exp.Snapshot})
				if err != nil {
					t.Fatal(err)
				}
				if again.Updated != 0 || again.Lowered != 0 || again.Unchanged == 0 {
					t.Errorf("the same file again: updated %d, unchanged %d, lowered %d", again.Updated, again.Unchanged, again.Lowered)
				}
				for src, want := range map[string]struct {
					state  State
					target string
				}{
					title:   {Translated, "条约与邻邦"},
					signed:  {Translated, "条约于2001年在莫斯科签署。"},
					basis:   {Translated, "它确定了关系的基础。"},
					parties: {Draft, "双方同意和平解决争端。"},
					note:    {Draft, "第七条涉及边界。"},
				} {
					s := f.bySource(src)
					if s.State != want.state || s.Target.Plain() != want.target {
						t.Errorf("%q: %s %q; want %s %q", src, s.State, s.Target.Plain(), want.state, want.target)
					}
				}
				if s := f.bySource(basis); len(s.Target.Codes()) != 2 {
					t.Errorf("the bold span's codes were lost: %+v", s.Target)
				}

				// The same file again changes nothing; a reviewer's
				// upload takes the final state as approved.
				rep, err = f.upload(x, ImportOptions{By: "reviewer", CanReview: true, Snapshot: exp.Snapshot})
				if err != nil {
					t.Fatal(err)
				}
				if rep.Updated != 1 || f.bySource(basis).State != Approved {
					t.Errorf("reviewer's upload: updated %d, basis %s", rep.Updated, f.bySource(basis).State)
				}

				// A new revision edits a sentence: the old file's segment
				// is listed, not dropped.
				f.revise("essay-v2.md")
				rep, err = f.upload(x, ImportOptions{By: "omegat user", Snapshot: exp.Snapshot})
				if err != nil {
					t.Fatal(err)
				}
				var found bool
				for _, u := range rep.Unmatched {
					if u.Source.Plain() == signed && u.Target.Plain() == "条约于2001年在莫斯科签署。" {
						found = true
					}
				}
				if !found {
					t.Errorf("unmatched %+v; want the edited sentence with its translation", rep.Unmatched)
				}
			})
		})
	}
}

// TestXLIFFRefused uploads files that are not of the translation: another
// language pair, another translation, another document without tandem's
// original. Each is refused and no segment changes.
func TestXLIFFRefused(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		x, _ := f.download("1.2", nil)
		before, err := Fingerprint(context.Background(), db, f.tr.ID)
		if err != nil {
			t.Fatal(err)
		}
		pair := *x
		pair.TgtLang = "en"
		other := *x
		other.Files = append([]interchange.XFile(nil), x.Files...)
		other.Files[0].Original = exchangeOriginal(f.tr.ID+100, time.Now())
		other.Files[0].ID = other.Files[0].Original
		foreign := &interchange.XLIFF{SrcLang: "ru", TgtLang: "zh", Files: []interchange.XFile{{ID: "essay.docx", Original: "essay.docx", Units: []interchange.Unit{
			{ID: "p1", Segments: []interchange.Segment{{ID: "1", Source: interchange.PlainText("Совсем другой текст."), Target: interchange.PlainText("完全不同的文本。"), State: interchange.Translated}}}}}}}
		for _, c := range []struct {
			name  string
			x     *interchange.XLIFF
			check func(*OtherFileError) bool
		}{
			{"another pair", &pair, func(e *OtherFileError) bool { return e.Pair && e.FileTo == "en" }},
			{"another translation", &other, func(e *OtherFileError) bool { return e.Translation == f.tr.ID+100 }},
			{"another document", foreign, func(e *OtherFileError) bool { return e.NoMatch }},
		} {
			for fi := range c.x.Files {
				for ui := range c.x.Files[fi].Units {
					for si := range c.x.Files[fi].Units[ui].Segments {
						s := &c.x.Files[fi].Units[ui].Segments[si]
						s.Target, s.State = interchange.PlainText("译文"), interchange.Translated
					}
				}
			}
			_, err := f.upload(c.x, ImportOptions{By: "x"})
			var oe *OtherFileError
			if !errors.As(err, &oe) || !c.check(oe) || !errors.Is(err, ErrOtherFile) {
				t.Errorf("%s: %v", c.name, err)
			}
			after, err := Fingerprint(context.Background(), db, f.tr.ID)
			if err != nil {
				t.Fatal(err)
			}
			if after != before {
				t.Errorf("%s: the translation changed", c.name)
			}
		}
	})
}

// TestAlignImport fills a translation from an existing translation in
// Markdown and in plain text: the aligned sentences become drafts of the
// empty segments, translated segments keep their text, and what could not
// be paired one to one is reported.
func TestAlignImport(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, "ru")
		f.revise("essay-v1.md")
		f.translate("Договор и соседство", "条约与睦邻", Translated)
		data, err := os.ReadFile("testdata/essay-v1.zh.md")
		if err != nil {
			t.Fatal(err)
		}
		paras, err := ParagraphReader{}.Read("essay.zh.md", data, "zh")
		if err != nil {
			t.Fatal(err)
		}
		var rep AlignReport
		err = db.Transact(context.Background(), func(tx *store.Tx) error {
			rep, err = AlignImport(context.Background(), tx, f.tr, paras, "aligner")
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Kept != 1 || rep.Filled < 6 {
			t.Errorf("report %+v; want the title kept and at least 6 segments filled", rep)
		}
		if s := f.bySource("Договор и соседство"); s.Target.Plain() != "条约与睦邻" || s.State != Translated {
			t.Errorf("the translated title was overwritten: %s %q", s.State, s.Target.Plain())
		}
		s := f.bySource("Договор был подписан в Москве в 2001 году.")
		if s.State != Draft || s.Target.Plain() != "条约于2001年在莫斯科签署。" {
			t.Errorf("aligned segment: %s %q", s.State, s.Target.Plain())
		}
		b := f.bySource("Он определил основы отношений на двадцать лет вперёд.")
		if b.State != Draft || len(b.Target.Codes()) != 2 || !strings.Contains(b.Target.Plain(), "基础") {
			t.Errorf("segment with codes: %s %+v", b.State, b.Target)
		}
	})
}

// TestReadParagraphsBad gives the alignment import what it must refuse,
// each with its reason.
func TestReadParagraphsBad(t *testing.T) {
	for _, c := range []struct {
		name, file string
		data       []byte
		want       error
	}{
		{"empty", "a.txt", nil, ErrEmptyFile},
		{"blank", "a.txt", []byte("  \n\n "), ErrEmptyFile},
		{"no letters", "a.txt", []byte("1. 2. 3.\n---\n"), ErrEmptyFile},
		{"a PDF", "a.txt", []byte("%PDF-1.7\n\x00\x01binary"), ErrNotTextFile},
		{"binary", "a.txt", []byte{0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10}, ErrNotTextFile},
		{"a ZIP that is no DOCX", "a.docx", []byte("PK\x03\x04garbage"), ErrNotTextFile},
		{"Russian for Chinese", "a.txt", []byte("Договор был подписан в Москве.\n"), ErrWrongLanguage},
		{"English for Chinese", "a.md", []byte("# The treaty\n\nIt was signed in Moscow.\n"), ErrWrongLanguage},
	} {
		_, err := ParagraphReader{}.Read(c.file, c.data, "zh")
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v; want %v", c.name, err, c.want)
		}
	}
	var le *LanguageError
	if _, err := (ParagraphReader{}).Read("a.txt", []byte("Договор был подписан в Москве."), "zh"); !errors.As(err, &le) || le.Found != "ru" || le.Want != "zh" {
		t.Errorf("language error %+v", le)
	}
}

// FuzzReadParagraphs: whatever is uploaded for alignment gives paragraphs
// of sentences in the target language, or an error of one of the kinds the
// page explains.
func FuzzReadParagraphs(f *testing.F) {
	for _, name := range []string{"essay-v1.zh.md", "essay-v1.md"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(name, data)
	}
	f.Add("a.txt", []byte("条约于2001年签署。\n\n它确定了基础。"))
	f.Add("a.docx", []byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		paras, err := ParagraphReader{}.Read(name, data, "zh")
		if err != nil {
			if !errors.Is(err, ErrEmptyFile) && !errors.Is(err, ErrNotTextFile) && !errors.Is(err, ErrWrongLanguage) {
				t.Fatalf("unexplained error %v", err)
			}
			return
		}
		for _, p := range paras {
			if len(p) == 0 {
				t.Fatal("an empty paragraph")
			}
			for _, s := range p {
				if strings.TrimSpace(s) == "" {
					t.Fatal("an empty sentence")
				}
			}
		}
	})
}

// FuzzParseOriginal: the original of an uploaded file is read back as a
// translation and a time, or not at all, and a snapshot's key is made of
// their numbers only, whatever the file says.
func FuzzParseOriginal(f *testing.F) {
	f.Add(exchangeOriginal(12, time.UnixMicro(1700000000123456)))
	f.Add("tandem:translation:0:1")
	f.Add("tandem:translation:-3:99")
	f.Add("tandem:translation:7:../../x")
	f.Add("essay.docx")
	key := regexp.MustCompile(`^exchange/translation-[1-9][0-9]*/[1-9][0-9]*\.json$`)
	f.Fuzz(func(t *testing.T, s string) {
		id, at, ok := parseOriginal(s)
		k := SnapshotKey(s)
		switch {
		case !ok && k != "":
			t.Fatalf("a snapshot key %q for %q", k, s)
		case ok && (id <= 0 || at.UnixMicro() <= 0 || !key.MatchString(k)):
			t.Fatalf("%q read as %d at %v, key %q", s, id, at, k)
		}
	})
}
