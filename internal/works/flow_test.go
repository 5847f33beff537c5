package works_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/translate"
	"github.com/tandemforum/tandem/internal/works"
)

// TestMoves: who may make each move from which state, and the reason a
// refused one gives.
func TestMoves(t *testing.T) {
	author := works.Parties{Author: true}
	editor := works.Parties{Editor: true}
	translator := works.Parties{Langs: map[string][]works.Party{"zh": {works.PartyTranslator}}}
	reviewer := works.Parties{Langs: map[string][]works.Party{"zh": {works.PartyReviewer}}}
	tests := []struct {
		move    string
		state   works.State
		doc     bool
		parties works.Parties
		want    string // "" legal, "forbidden", or the StateError key
	}{
		{"submit", works.Accepted, true, author, ""},
		{"submit", works.Accepted, true, editor, ""},
		{"submit", works.Accepted, false, author, "works.flow.norevision"},
		{"submit", works.Invited, true, author, "works.state.illegal"},
		{"submit", works.Submitted, true, author, "works.state.already.submit"},
		{"submit", works.Accepted, true, translator, "forbidden"},
		{"edit", works.Submitted, true, editor, ""},
		{"edit", works.Submitted, true, author, "forbidden"},
		{"edit", works.Accepted, true, editor, "works.state.illegal"},
		{"return", works.Submitted, true, editor, ""},
		{"return", works.InEditing, true, editor, ""},
		{"return", works.TextFinal, true, editor, "works.state.illegal"},
		{"final", works.InEditing, true, editor, ""},
		{"final", works.Submitted, true, editor, ""},
		{"final", works.Accepted, true, editor, "works.state.illegal"},
		{"final", works.InEditing, true, author, "forbidden"},
		{"reopen", works.TextFinal, true, editor, ""},
		{"reopen", works.InEditing, true, editor, "works.state.already.reopen"},
	}
	for _, tt := range tests {
		t.Run(tt.move+"/"+string(tt.state)+"/"+tt.want, func(t *testing.T) {
			m, ok := works.MoveNamed(tt.move)
			if !ok {
				t.Fatalf("no move %s", tt.move)
			}
			c := &works.Contribution{ID: 1, State: tt.state}
			if tt.doc {
				c.DocumentID = 9
			}
			checkRefusal(t, m.Check(c, tt.parties), tt.want)
			if m.Check(c, tt.parties) == nil {
				// A legal move is a legal transition of the core.
				if err := works.CheckTransition(tt.state, m.To); err != nil {
					t.Errorf("move %s is not a transition: %v", m.Name, err)
				}
			}
		})
	}
	langTests := []struct {
		move    string
		lang    string
		state   works.LangState
		parties works.Parties
		want    string
	}{
		{"translated", "zh", works.InTranslation, translator, ""},
		{"translated", "zh", works.InTranslation, editor, ""},
		{"translated", "zh", works.InTranslation, reviewer, "forbidden"},
		{"translated", "zh", works.Translated, translator, "works.state.illegal"},
		{"review", "zh", works.Translated, reviewer, ""},
		{"review", "zh", works.Translated, translator, "forbidden"},
		{"reviewed", "zh", works.InReview, reviewer, ""},
		{"reviewed", "zh", works.Translated, reviewer, "works.state.illegal"},
		{"retranslate", "zh", works.InReview, reviewer, ""},
		{"retranslate", "zh", works.Translated, editor, ""},
		{"retranslate", "zh", works.Reviewed, reviewer, "works.state.illegal"},
		{"rereview", "zh", works.Reviewed, reviewer, ""},
		{"rereview", "zh", works.Approved, reviewer, "works.state.illegal"},
		{"reviewed", "ru", works.Reviewed, editor, "works.flow.original"},
	}
	for _, tt := range langTests {
		t.Run(tt.lang+"/"+tt.move+"/"+string(tt.state)+"/"+tt.want, func(t *testing.T) {
			m, ok := works.LangMoveNamed(tt.move)
			if !ok {
				t.Fatalf("no move %s", tt.move)
			}
			c := &works.Contribution{ID: 1, Lang: "ru", State: works.TextFinal, Languages: []works.Language{{Lang: tt.lang, State: tt.state}}}
			err := m.Check(c, tt.lang, tt.parties)
			checkRefusal(t, err, tt.want)
			if err == nil {
				if err := works.CheckLangTransition(tt.state, m.To); err != nil {
					t.Errorf("move %s is not a transition: %v", m.Name, err)
				}
			}
		})
	}
}

func checkRefusal(t *testing.T, err error, want string) {
	t.Helper()
	var se *works.StateError
	switch want {
	case "":
		if err != nil {
			t.Fatalf("refused: %v", err)
		}
	case "forbidden":
		if !errors.Is(err, errkind.Forbidden) {
			t.Fatalf("err = %v; want forbidden", err)
		}
	default:
		if !errors.As(err, &se) || se.Key != want || !errors.Is(err, errkind.Conflict) {
			t.Fatalf("err = %v; want %s", err, want)
		}
	}
}

type starts []string

func (s *starts) Start(ctx context.Context, tx *store.Tx, c *works.Contribution, lang string) error {
	*s = append(*s, lang)
	return nil
}

// TestAdvanceToFinal: the text becoming final opens the original at
// reviewed and every other language of the collection in translation,
// starting its translation; re-opened and final again, the languages keep
// their states and their translations are brought up to date.
func TestAdvanceToFinal(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m, c := manuscripts(t, db, works.Accepted)
		if _, err := upload(t, m, c, "ms-v1.docx"); err != nil {
			t.Fatal(err)
		}
		by := works.Actor{AccountID: 2, Name: "Редактор"}
		var started starts
		for _, name := range []string{"submit", "edit", "final"} {
			mv, _ := works.MoveNamed(name)
			if err := mv.Check(c, works.Parties{Editor: true}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if err := db.Transact(ctx, func(tx *store.Tx) error { return works.Advance(ctx, tx, c, mv, "", &started, by) }); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		got, err := works.GetContribution(ctx, db, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if st, _ := got.LangState("ru"); st != works.Reviewed {
			t.Errorf("original = %s; want reviewed", st)
		}
		if st, _ := got.LangState("zh"); st != works.InTranslation {
			t.Errorf("zh = %s; want in translation", st)
		}
		if len(started) != 1 || started[0] != "zh" {
			t.Errorf("translations started: %v; want zh", started)
		}
		if err := db.Transact(ctx, func(tx *store.Tx) error { return syncer{m}.Start(ctx, tx, got, "zh") }); err != nil {
			t.Fatal(err)
		}
		setSegments(t, db, got, "zh", translate.Translated, -1)
		mv, _ := works.LangMoveNamed("translated")
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.AdvanceLang(ctx, tx, got, "zh", mv, "", by) }); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{"reopen", "final"} {
			mv, _ := works.MoveNamed(name)
			if err := db.Transact(ctx, func(tx *store.Tx) error { return works.Advance(ctx, tx, got, mv, "правка", &started, by) }); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		got, _ = works.GetContribution(ctx, db, c.ID)
		if st, _ := got.LangState("zh"); st != works.Translated || len(started) != 2 {
			t.Errorf("after re-opening: zh %s, started %v; want translated, zh twice", st, started)
		}
	})
}

// syncer starts translations for real, as the office does.
type syncer struct{ m *works.Manuscripts }

func (s syncer) Start(ctx context.Context, tx *store.Tx, c *works.Contribution, l string) error {
	_, _, err := translate.Sync(ctx, tx, s.m.Revs, c.DocumentID, l, "contribution", c.ID)
	return err
}

// setSegments puts the first n segments of c's translation into l in state
// st (n < 0: all of them), as the workbench would.
func setSegments(t *testing.T, db *store.DB, c *works.Contribution, l string, st translate.State, n int) {
	t.Helper()
	ctx := context.Background()
	tr, err := translate.ByDocument(ctx, db, c.DocumentID, l)
	if err != nil {
		t.Fatal(err)
	}
	q := `UPDATE translation_segments SET state = ? WHERE translation_id = ? AND archived_at IS NULL`
	args := []any{st, tr.ID}
	if n >= 0 {
		q += ` AND id IN (SELECT id FROM translation_segments WHERE translation_id = ? ORDER BY position LIMIT ?)`
		args = append(args, tr.ID, n)
	}
	if _, err := db.Exec(ctx, q, args...); err != nil {
		t.Fatal(err)
	}
}

// finalText takes c, with a manuscript, to text final with its
// translations started.
func finalText(t *testing.T, db *store.DB, m *works.Manuscripts, c *works.Contribution, by works.Actor) *works.Contribution {
	t.Helper()
	ctx := context.Background()
	for _, name := range []string{"submit", "final"} {
		mv, _ := works.MoveNamed(name)
		if err := db.Transact(ctx, func(tx *store.Tx) error { return works.Advance(ctx, tx, c, mv, "", syncer{m}, by) }); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	got, err := works.GetContribution(ctx, db, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// TestLanguageNeedsItsSegments: a language is marked translated only when
// every segment is confirmed and reviewed only when every one is reviewed;
// a refusal counts what is left.
func TestLanguageNeedsItsSegments(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		m, c := manuscripts(t, db, works.Accepted)
		if _, err := upload(t, m, c, "ms-v1.docx"); err != nil {
			t.Fatal(err)
		}
		by := works.Actor{AccountID: 2, Name: "Редактор"}
		c = finalText(t, db, m, c, by)
		tr, err := translate.ByDocument(ctx, db, c.DocumentID, "zh")
		if err != nil {
			t.Fatal(err)
		}
		counts, err := translate.Progress(ctx, db, tr.ID)
		if err != nil || counts.Total.Segments < 2 {
			t.Fatalf("segments: %d, %v", counts.Total.Segments, err)
		}
		total := counts.Total.Segments
		move := func(name string) error {
			mv, _ := works.LangMoveNamed(name)
			return db.Transact(ctx, func(tx *store.Tx) error { return works.AdvanceLang(ctx, tx, c, "zh", mv, "", by) })
		}
		steps := []struct {
			name     string
			set      translate.State
			n        int // segments put in set first (-1 all, 0 none)
			move     string
			wantKey  string // "" when the move is made
			wantLeft int
		}{
			{"nothing confirmed", "", 0, "translated", "works.flow.untranslated", total},
			{"one confirmed", translate.Translated, 1, "translated", "works.flow.untranslated", total - 1},
			{"all confirmed", translate.Translated, -1, "translated", "", 0},
			{"review starts", "", 0, "review", "", 0},
			{"none reviewed", "", 0, "reviewed", "works.flow.unreviewed", total},
			{"one reviewed, one approved", translate.Reviewed, 1, "reviewed", "works.flow.unreviewed", total - 1},
			{"all approved", translate.Approved, -1, "reviewed", "", 0},
		}
		for _, s := range steps {
			if s.set != "" {
				setSegments(t, db, c, "zh", s.set, s.n)
			}
			before, _ := c.LangState("zh")
			err := move(s.move)
			var se *works.StateError
			switch {
			case s.wantKey == "" && err != nil:
				t.Errorf("%s: %s refused: %v", s.name, s.move, err)
			case s.wantKey != "" && (!errors.As(err, &se) || se.Key != s.wantKey || se.Count == nil || *se.Count != s.wantLeft):
				t.Errorf("%s: %s gave %v; want %s with %d left", s.name, s.move, err, s.wantKey, s.wantLeft)
			case s.wantKey != "":
				got, _ := works.GetContribution(ctx, db, c.ID)
				if st, _ := got.LangState("zh"); st != before {
					t.Errorf("%s: a refused move left zh %s, was %s", s.name, st, before)
				}
			}
		}
		if st, _ := c.LangState("zh"); st != works.Reviewed {
			t.Errorf("zh = %s at the end; want reviewed", st)
		}
	})
}

// TestMetadataChanged: the languages whose title, abstract or keywords
// differ, and those alone, re-open their approvals on an edit.
func TestMetadataChanged(t *testing.T) {
	base := func() *works.Contribution {
		return &works.Contribution{Title: lang.New("ru", map[string]string{"ru": "Договор", "zh": "条约"}),
			Abstract: lang.New("ru", map[string]string{"ru": "Кратко"}), Keywords: map[string][]string{"zh": {"条约", "边界"}}}
	}
	tests := []struct {
		name   string
		change func(c *works.Contribution)
		want   []string
	}{
		{"nothing", func(c *works.Contribution) {}, nil},
		{"the Russian title", func(c *works.Contribution) { c.Title.Values["ru"] = "Договор 2001 года" }, []string{"ru"}},
		{"a Chinese keyword's order", func(c *works.Contribution) { c.Keywords["zh"] = []string{"边界", "条约"} }, []string{"zh"}},
		{"an English abstract added", func(c *works.Contribution) { c.Abstract.Values["en"] = "In brief" }, []string{"en"}},
		{"the Chinese title removed and the Russian abstract", func(c *works.Contribution) {
			delete(c.Title.Values, "zh")
			c.Abstract.Values["ru"] = ""
		}, []string{"ru", "zh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			after := base()
			tt.change(after)
			if got := works.MetadataChanged(base(), after); !slices.Equal(got, tt.want) {
				t.Errorf("changed in %v; want %v", got, tt.want)
			}
		})
	}
}
