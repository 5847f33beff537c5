package translate

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// fixture is a document with revisions and its translation, on one
// database.
type fixture struct {
	t     *testing.T
	db    *store.DB
	revs  *revision.Store
	docID int64
	tr    *Translation
}

func newFixture(t *testing.T, db *store.DB, lang string) *fixture {
	t.Helper()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, db: db, revs: revision.NewStore(db, blobs)}
	if f.docID, err = f.revs.Create(context.Background(), lang, "Договор и соседство"); err != nil {
		t.Fatal(err)
	}
	return f
}

// revise adds testdata/name (Markdown or DOCX) as the document's next
// revision and brings the translation into zh to it.
func (f *fixture) revise(name string) SyncReport {
	f.t.Helper()
	ctx := context.Background()
	path := name
	if !strings.Contains(name, "/") {
		path = "testdata/" + name
	}
	data, err := os.ReadFile(path)
	if err != nil {
		f.t.Fatal(err)
	}
	var d *doc.Document
	typ := "markdown"
	if strings.HasSuffix(name, ".docx") {
		typ = "docx"
		d, err = docx.ReadFile(path, docx.Limits{})
	} else {
		d, err = markdown.Read(data, "ru", markdown.Limits{})
	}
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.revs.Add(ctx, f.docID, d, revision.Source{Name: name, Type: typ, Data: data, By: "editor"}); err != nil {
		f.t.Fatal(err)
	}
	var rep SyncReport
	err = f.db.Transact(ctx, func(tx *store.Tx) error {
		f.tr, rep, err = Sync(ctx, tx, f.revs, f.docID, "zh", "contribution", 7)
		return err
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return rep
}

func (f *fixture) segments() []Segment {
	f.t.Helper()
	segs, err := Segments(context.Background(), f.db, f.tr.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	return segs
}

// bySource returns the segment whose source text is src.
func (f *fixture) bySource(src string) Segment {
	f.t.Helper()
	for _, s := range f.segments() {
		if s.Source.Plain() == src {
			return s
		}
	}
	f.t.Fatalf("no segment %q", src)
	return Segment{}
}

// translate saves target (the source's codes kept in place around it) as
// the translation of the segment with source src.
func (f *fixture) translate(src, target string, state State) Segment {
	f.t.Helper()
	s := f.bySource(src)
	out, err := Save(context.Background(), f.db, nil, s.ID, s.Version, withCodes(s.Source, target), state, "translator")
	if err != nil {
		f.t.Fatal(err)
	}
	return out
}

// withCodes is text with the codes of src around it: opening codes first,
// the others after.
func withCodes(src interchange.Content, text string) interchange.Content {
	var before, after interchange.Content
	for _, r := range src.Codes() {
		if r.Kind == interchange.Open {
			before = append(before, r)
		} else {
			after = append(after, r)
		}
	}
	return append(append(before, interchange.Run{Kind: interchange.Text, Text: text}), after...)
}

// TestSyncRevisions follows a Markdown essay through three revisions and
// checks what a translator sees after each: unchanged sentences keep their
// translation and state wherever they moved, an edited one needs review
// with its old translation kept, a new one is new, a removed one is
// archived with its translation, and comes back with it.
func TestSyncRevisions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f := newFixture(t, db, "ru")
		rep := f.revise("essay-v1.md")
		if !rep.Created || rep.Added != 9 {
			t.Fatalf("first sync = %+v; want a new translation of 9 segments", rep)
		}
		f.translate("Договор и соседство", "条约与睦邻", Translated)
		f.translate("Договор был подписан в Москве в 2001 году.", "条约于2001年在莫斯科签署。", Translated)
		f.translate("Он определил основы отношений на двадцать лет вперёд.", "它确定了未来二十年关系的基础。", Reviewed)
		f.translate("Стороны договорились о мирном урегулировании споров.", "双方同意和平解决争端。", Draft)

		steps := []struct {
			file   string
			want   SyncReport
			states map[string]State // source → state after the sync
		}{
			{"essay-v2.md", SyncReport{From: 1, To: 2, Kept: 8, Changed: 1, Added: 1}, map[string]State{
				"Договор и соседство":                                   Translated,
				"Договор был подписан в Москве 16 июля 2001 года.":      NeedsReview,
				"Он определил основы отношений на двадцать лет вперёд.": Reviewed,
				"Стороны договорились о мирном урегулировании споров.":  Draft,
				"Новый абзац говорит о продлении договора.":             New,
			}},
			{"essay-v3.md", SyncReport{From: 2, To: 3, Kept: 6, Changed: 1, Archived: 3}, map[string]State{
				"Договор был подписан в Москве в 2001 году.":            NeedsReview,
				"Он определил основы отношений на двадцать лет вперёд.": Reviewed,
			}},
			{"essay-v2.md", SyncReport{From: 3, To: 4, Kept: 6, Changed: 1, Restored: 3}, map[string]State{
				"Стороны договорились о мирном урегулировании споров.": Draft,
				"Новый абзац говорит о продлении договора.":            New,
			}},
		}
		for _, st := range steps {
			got := f.revise(st.file)
			if got != st.want {
				t.Errorf("%s: report %+v; want %+v", st.file, got, st.want)
			}
			for src, want := range st.states {
				if s := f.bySource(src); s.State != want {
					t.Errorf("%s: %q is %s; want %s", st.file, src, s.State, want)
				}
			}
			// Segments come in the document's order.
			segs := f.segments()
			for i := 1; i < len(segs); i++ {
				if segs[i].Position <= segs[i-1].Position {
					t.Errorf("%s: segments out of order at %d", st.file, i)
				}
			}
		}
		// The edited sentence kept its translation and shows what it
		// was a translation of.
		s := f.bySource("Договор был подписан в Москве 16 июля 2001 года.")
		if s.Target.Plain() != "条约于2001年在莫斯科签署。" || s.Previous.Plain() != "条约于2001年在莫斯科签署。" || s.PreviousSource.Plain() != "Договор был подписан в Москве в 2001 году." {
			t.Errorf("needs-review segment: target %q previous %q previous source %q", s.Target.Plain(), s.Previous.Plain(), s.PreviousSource.Plain())
		}
		// Back in v2 the restored sentence has its draft again.
		if s := f.bySource("Стороны договорились о мирном урегулировании споров."); s.Target.Plain() != "双方同意和平解决争端。" {
			t.Errorf("restored segment lost its translation: %q", s.Target.Plain())
		}
		// The kinds of blocks are named for the page.
		kinds := map[string]string{}
		for _, s := range f.segments() {
			kinds[s.Source.Plain()] = s.BlockKind
		}
		for src, want := range map[string]string{"Договор и соседство": "heading", "Мир и дружба": "cell", "Статья седьмая говорит о границе.": "note"} {
			if kinds[src] != want {
				t.Errorf("%q is a %q; want %q", src, kinds[src], want)
			}
		}
		if _, err := ByDocument(ctx, db, f.docID, "zh"); err != nil {
			t.Errorf("ByDocument: %v", err)
		}
		if _, err := ByDocument(ctx, db, f.docID, "en"); !errors.Is(err, ErrNotFound) {
			t.Errorf("ByDocument of a language not translated = %v; want ErrNotFound", err)
		}
	})
}

// TestSyncDOCXRevision takes a Word manuscript and its revision: every
// segment of the revision is accounted for, and the sentences both have
// keep their translations.
func TestSyncDOCXRevision(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db, "ru")
		f.revise("../doc/docx/testdata/manuscript-ru.docx")
		before := map[string]bool{}
		for _, s := range f.segments() {
			f.translate(s.Source.Plain(), "译文："+s.Key, Translated)
			before[s.Source.Plain()] = true
		}
		rep := f.revise("../doc/docx/testdata/manuscript-ru-v2.docx")
		segs := f.segments()
		if rep.Kept+rep.Changed+rep.Added+rep.Restored != len(segs) {
			t.Errorf("report %+v does not account for the %d segments", rep, len(segs))
		}
		if rep.Kept == 0 || rep.Changed+rep.Added+rep.Archived == 0 {
			t.Errorf("report %+v: the revision should keep some sentences and change others", rep)
		}
		for _, s := range segs {
			switch {
			case before[s.Source.Plain()] && s.State != Translated:
				t.Errorf("unchanged %q is %s", s.Source.Plain(), s.State)
			case !before[s.Source.Plain()] && s.State == Translated:
				t.Errorf("changed %q kept state translated", s.Source.Plain())
			}
		}
	})
}
