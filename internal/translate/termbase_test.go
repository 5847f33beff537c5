package translate

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/qa"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func treatyEntry(forumID int64) *Entry {
	return &Entry{ForumID: forumID, Subject: "law", Note: "the treaty of 16 July 2001", UpdatedBy: "editor", Terms: []EntryTerm{
		{Lang: "zh-cn", Text: " 中俄睦邻友好合作条约 ", Status: interchange.Preferred, PartOfSpeech: "properNoun"},
		{Lang: "ru", Text: "Договор о добрососедстве, дружбе и сотрудничестве", Status: interchange.Preferred},
		{Lang: "ru", Text: "Большой договор", Status: interchange.Deprecated, Note: "informal"},
		{Lang: "", Text: ""},
	}}
}

func TestEntryValidate(t *testing.T) {
	tests := []struct {
		name        string
		terms       []EntryTerm
		field, want string
	}{
		{"no term", []EntryTerm{{}}, "terms", "noterm"},
		{"bad language", []EntryTerm{{Lang: "русский", Text: "договор"}}, "terms.0.lang", "lang"},
		{"text missing", []EntryTerm{{Lang: "ru", Text: "договор"}, {Lang: "zh", Text: "  "}}, "terms.1.text", "empty"},
		{"unknown status", []EntryTerm{{Lang: "ru", Text: "договор", Status: "official"}}, "terms.0.status", "status"},
		{"unknown part of speech", []EntryTerm{{Lang: "ru", Text: "договор", PartOfSpeech: "noon"}}, "terms.0.pos", "pos"},
		{"ru term in Han characters", []EntryTerm{{Lang: "zh", Text: "条约"}, {Lang: "ru", Text: "中俄条约"}}, "terms.1.text", "script"},
		{"zh term in Cyrillic", []EntryTerm{{Lang: "zh-CN", Text: "Договор"}}, "terms.0.text", "script"},
		{"en term in Cyrillic", []EntryTerm{{Lang: "en", Text: "Путин"}}, "terms.0.text", "script"},
		{"same term twice", []EntryTerm{{Lang: "ru", Text: "Договор"}, {Lang: "ru-RU", Text: "договор"}}, "terms.1.text", "duplicate"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Entry{Terms: tt.terms}
			var ee *EntryError
			if err := e.Validate(); !errors.As(err, &ee) || ee.Field != tt.field || ee.Reason != tt.want {
				t.Errorf("Validate() = %v, want %s: %s", err, tt.field, tt.want)
			}
		})
	}
}

func TestTermbaseEntries(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f1, _ := testForum(t, db, "f1")
		f2, _ := testForum(t, db, "f2")
		e := treatyEntry(f1)
		if err := CreateEntry(ctx, db, e); err != nil {
			t.Fatal(err)
		}
		got, err := GetEntry(ctx, db, f1, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Terms) != 3 || got.Terms[0].Lang != "zh-CN" || got.Terms[0].Text != "中俄睦邻友好合作条约" || got.Terms[0].PartOfSpeech != "properNoun" || got.Terms[2].Note != "informal" {
			t.Errorf("stored entry %+v", got)
		}
		if _, err := GetEntry(ctx, db, f2, e.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("entry of forum 1 read as forum 2's: %v", err)
		}
		got.Terms = got.Terms[:2]
		got.Note = "signed in Moscow"
		if err := UpdateEntry(ctx, db, got); err != nil {
			t.Fatal(err)
		}
		again, _ := GetEntry(ctx, db, f1, e.ID)
		if len(again.Terms) != 2 || again.Note != "signed in Moscow" || again.Version != 2 || got.Version != 2 {
			t.Errorf("after update %+v (version %d)", again, got.Version)
		}
		// A form loaded before that save does not overwrite it.
		stale := *again
		stale.Version, stale.Note = 1, "an older note"
		if err := UpdateEntry(ctx, db, &stale); !errors.Is(err, ErrStaleEntry) {
			t.Errorf("save over a newer version = %v, want ErrStaleEntry", err)
		}
		if now, _ := GetEntry(ctx, db, f1, e.ID); now.Note != "signed in Moscow" || now.Version != 2 {
			t.Errorf("a stale save changed the entry: %+v", now)
		}
		gone := *again
		gone.ID = 999999
		if err := UpdateEntry(ctx, db, &gone); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("save of a missing entry = %v, want ErrNotFound", err)
		}
		other := &Entry{ForumID: f2, Terms: []EntryTerm{{Lang: "en", Text: "Moscow"}, {Lang: "ru", Text: "Москва"}}}
		if err := CreateEntry(ctx, db, other); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			query string
			want  int
		}{{"", 1}, {"ДОГОВОР", 1}, {"договора о добрососедстве", 1}, {"moscow", 1}, {"Москва", 0}, {"条约", 1}} {
			es, _ := Entries(ctx, db, f1)
			if got := len(Search(es, tt.query)); got != tt.want {
				t.Errorf("Search(%q) found %d, want %d", tt.query, got, tt.want)
			}
		}
		if err := DeleteEntry(ctx, db, f2, e.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("delete through another forum: %v", err)
		}
		if err := DeleteEntry(ctx, db, f1, e.ID); err != nil {
			t.Fatal(err)
		}
		tb, err := Terms(ctx, db, f1)
		if err != nil || len(tb.Entries) != 0 {
			t.Errorf("termbase after delete: %+v, %v", tb, err)
		}
	})
}

func TestHits(t *testing.T) {
	treaty := treatyEntry(0)
	if err := treaty.Validate(); err != nil {
		t.Fatal(err)
	}
	tb := &interchange.Termbase{Entries: []interchange.Concept{
		treaty.Concept(),
		{ID: "e7", Definition: "the city", Terms: []interchange.Term{{Lang: "zh", Text: "莫斯科"}, {Lang: "ru", Text: "Москва"}, {Lang: "en", Text: "Moscow"}}},
		{ID: "e8", Terms: []interchange.Term{{Lang: "en", Text: "foreign minister"}, {Lang: "ru", Text: "министр иностранных дел"}}},
		{ID: "e9", Terms: []interchange.Term{{Lang: "zh", Text: "合作"}}},
	}}
	tb.Entries[0].ID = "e5"
	tests := []struct {
		name, from, to, src string
		want                []TermHit
	}{
		{"chinese by characters", "zh", "ru", "中俄睦邻友好合作条约在莫斯科签署。", []TermHit{
			{Source: "中俄睦邻友好合作条约", Targets: []string{"Договор о добрососедстве, дружбе и сотрудничестве"}, Start: 0, End: 30, EntryID: 5, Note: "the treaty of 16 July 2001"},
			{Source: "莫斯科", Targets: []string{"Москва"}, Start: 33, End: 42, EntryID: 7, Note: "the city"},
		}},
		{"russian by stem, deprecated term still found in the source", "ru", "zh", "Большого договора в Москве", []TermHit{
			{Source: "Большого договора", Targets: []string{"中俄睦邻友好合作条约"}, Start: 0, End: 33, EntryID: 5, Note: "the treaty of 16 July 2001"},
			{Source: "Москве", Targets: []string{"莫斯科"}, Start: 37, End: 49, EntryID: 7, Note: "the city"},
		}},
		{"english by stem, any case", "en", "ru", "The Foreign Ministers met.", []TermHit{
			{Source: "Foreign Ministers", Targets: []string{"министр иностранных дел"}, Start: 4, End: 21, EntryID: 8},
		}},
		{"no agreed target", "zh", "en", "合作", []TermHit{{Source: "合作", Start: 0, End: 6, EntryID: 9}}},
		{"nothing", "en", "ru", "Nothing here.", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Hits(tb, tt.from, tt.to, tt.src); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Hits(%q)\n got %+v\nwant %+v", tt.src, got, tt.want)
			}
		})
	}
}

// The termbase from the database drives the terminology check: a term used
// in the source and rendered otherwise in the target is a finding.
func TestTermsForQA(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, _ := testForum(t, db, "f")
		if err := CreateEntry(ctx, db, treatyEntry(f)); err != nil {
			t.Fatal(err)
		}
		tb, err := Terms(ctx, db, f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := qa.NewChecker("zh", "ru", tb)
		if err != nil {
			t.Fatal(err)
		}
		src := "中俄睦邻友好合作条约于2001年签署。"
		good := "Договор о добрососедстве, дружбе и сотрудничестве подписан в 2001 году."
		bad := "Большой договор подписан в 2001 году."
		if fs := c.Segment(interchange.PlainText(src), interchange.PlainText(good)); len(fs) != 0 {
			t.Errorf("findings on the agreed term: %+v", fs)
		}
		found := false
		for _, f := range c.Segment(interchange.PlainText(src), interchange.PlainText(bad)) {
			found = found || f.Check == "terminology"
		}
		if !found {
			t.Errorf("no terminology finding for a deprecated rendering: %+v", c.Segment(interchange.PlainText(src), interchange.PlainText(bad)))
		}
	})
}

func TestTermbaseFiles(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		f, _ := testForum(t, db, "f")
		tbx, err := os.ReadFile(filepath.Join("testdata", "treaty.tbx"))
		if err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name                          string
			imp                           func() (TermbaseImport, error)
			added, unchanged, skip, wrong int
			wantErr                       func(error) bool
		}{
			{"tbx", func() (TermbaseImport, error) { return ImportTBX(ctx, db, f, bytes.NewReader(tbx), "treaty.tbx", "ed") }, 3, 0, 0, 0, nil},
			{"tbx again adds nothing", func() (TermbaseImport, error) { return ImportTBX(ctx, db, f, bytes.NewReader(tbx), "treaty.tbx", "ed") }, 0, 3, 0, 0, nil},
			{"tsv with header", func() (TermbaseImport, error) {
				return ImportTSV(ctx, db, f, strings.NewReader("zh\tru\n外交部\tМИД\n莫斯科\tМосква\n"), "g.tsv", "en", "de", "ed")
			}, 1, 1, 0, 0, nil},
			{"tsv with terms in another script", func() (TermbaseImport, error) {
				return ImportTSV(ctx, db, f, strings.NewReader("zh\tru\nДоговор\t中俄条约\n边界\tграница\n"), "g.tsv", "zh", "ru", "ed")
			}, 1, 0, 1, 2, nil},
			{"tbx with a term in another script", func() (TermbaseImport, error) {
				return ImportTBX(ctx, db, f, strings.NewReader(`<martif type="TBX"><text><body><termEntry id="x">
<langSet xml:lang="zh"><tig><term>元首</term></tig></langSet><langSet xml:lang="ru"><tig><term>главы</term></tig></langSet><langSet xml:lang="en"><tig><term>Главы государств</term></tig></langSet>
</termEntry></body></text></martif>`), "s.tbx", "ed")
			}, 1, 0, 0, 1, nil},
			{"tsv of another pair", func() (TermbaseImport, error) {
				return ImportTSV(ctx, db, f, strings.NewReader("外交部\tМИД\n"), "g.tsv", "en", "ru", "ed")
			}, 0, 0, 0, 0, func(err error) bool { var ie *interchange.Error; return errors.As(err, &ie) }},
			{"not a tbx", func() (TermbaseImport, error) {
				return ImportTBX(ctx, db, f, strings.NewReader("term\tтермин\n"), "g.tbx", "ed")
			}, 0, 0, 0, 0, func(err error) bool { var ie *interchange.Error; return errors.As(err, &ie) }},
			{"tbx without entries", func() (TermbaseImport, error) {
				return ImportTBX(ctx, db, f, strings.NewReader(`<martif type="TBX"><text><body></body></text></martif>`), "e.tbx", "ed")
			}, 0, 0, 0, 0, func(err error) bool { return errors.Is(err, ErrEmptyTermbase) }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := Entries(ctx, db, f)
				res, err := tt.imp()
				if tt.wantErr != nil {
					if !tt.wantErr(err) {
						t.Fatalf("err = %v (%T)", err, err)
					}
					if after, _ := Entries(ctx, db, f); len(after) != len(before) {
						t.Errorf("a refused file added %d entries", len(after)-len(before))
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(tt.name, "tbx ") && len(res.Warnings) == 0 && tt.wrong == 0 {
					t.Errorf("no warning about the entry without terms")
				}
				if res.Added != tt.added || res.Unchanged != tt.unchanged || res.Skipped != tt.skip || res.WrongScript != tt.wrong {
					t.Errorf("import %+v, want %d added, %d unchanged, %d skipped, %d terms in another script", res, tt.added, tt.unchanged, tt.skip, tt.wrong)
				}
			})
		}
		// Export, read back: the same entries and terms.
		var buf bytes.Buffer
		if err := ExportTBX(ctx, db, &buf, f, "zh"); err != nil {
			t.Fatal(err)
		}
		back, err := interchange.ReadTBX(&buf, "export.tbx")
		if err != nil {
			t.Fatal(err)
		}
		tb, _ := Terms(ctx, db, f)
		if len(back.Entries) != 6 || !reflect.DeepEqual(back.Entries, tb.Entries) {
			t.Errorf("TBX round trip:\n got %+v\nwant %+v", back.Entries, tb.Entries)
		}
		buf.Reset()
		if err := ExportTSV(ctx, db, &buf, f, "zh", "ru"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "外交部\tМИД\t\n") || strings.Contains(buf.String(), "Большой договор") {
			t.Errorf("TSV export:\n%s", buf.String())
		}
	})
}
