package works_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
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
		{"submit", works.Submitted, true, author, "works.state.illegal"},
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
		{"reopen", works.InEditing, true, editor, "works.state.illegal"},
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
