package works

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

// The workflow names each move people make: who may make it, what it
// needs, and who acts next (and is told by mail). The office asks Flow
// whether a move is allowed and makes it through Advance or AdvanceLang.

// Party is the part someone plays for one contribution.
type Party string

const (
	PartyAuthor     Party = "author"     // one of its authors (an account acting for the person)
	PartyEditor     Party = "editor"     // a volume editor, or an organiser or editor of a host
	PartyTranslator Party = "translator" // assigned to translate it into a language
	PartyReviewer   Party = "reviewer"   // assigned to review its translation into a language
	PartyOrganiser  Party = "organiser"  // an organiser of a host partner: approves
)

// Move is one named step of the original text's workflow.
type Move struct {
	Name     string
	From     []State
	To       State
	By       []Party // who may make it
	Next     []Party // who acts next, and is told
	Revision bool    // needs a manuscript revision
	Message  bool    // needs a message to whoever acts next
}

// Moves are the steps of a contribution's original text.
var Moves = []Move{
	{Name: "submit", From: []State{Accepted}, To: Submitted, By: []Party{PartyAuthor, PartyEditor}, Next: []Party{PartyEditor}, Revision: true},
	{Name: "edit", From: []State{Submitted}, To: InEditing, By: []Party{PartyEditor}, Next: []Party{PartyAuthor}},
	{Name: "return", From: []State{Submitted, InEditing}, To: Accepted, By: []Party{PartyEditor}, Next: []Party{PartyAuthor}, Message: true},
	{Name: "final", From: []State{Submitted, InEditing}, To: TextFinal, By: []Party{PartyEditor}, Next: []Party{PartyTranslator, PartyOrganiser}, Revision: true},
	{Name: "reopen", From: []State{TextFinal}, To: InEditing, By: []Party{PartyEditor}, Next: []Party{PartyAuthor}, Message: true},
}

// LangMove is one named step of a target language's text.
type LangMove struct {
	Name    string
	From    []LangState
	To      LangState
	By      []Party
	Next    []Party
	Message bool // needs a reason
}

// LangMoves are the steps of a target language's text; approval is not
// among them (see Approve).
var LangMoves = []LangMove{
	{Name: "translated", From: []LangState{InTranslation}, To: Translated, By: []Party{PartyTranslator, PartyEditor}, Next: []Party{PartyReviewer}},
	{Name: "review", From: []LangState{Translated}, To: InReview, By: []Party{PartyReviewer, PartyEditor}, Next: []Party{PartyTranslator}},
	{Name: "reviewed", From: []LangState{InReview}, To: Reviewed, By: []Party{PartyReviewer, PartyEditor}, Next: []Party{PartyOrganiser}},
	{Name: "retranslate", From: []LangState{Translated, InReview}, To: InTranslation, By: []Party{PartyReviewer, PartyEditor}, Next: []Party{PartyTranslator}, Message: true},
	{Name: "rereview", From: []LangState{Reviewed}, To: InReview, By: []Party{PartyReviewer, PartyEditor}, Next: []Party{PartyReviewer}, Message: true},
}

// MoveNamed returns the move called name.
func MoveNamed(name string) (Move, bool) {
	for _, m := range Moves {
		if m.Name == name {
			return m, true
		}
	}
	return Move{}, false
}

// LangMoveNamed returns the language move called name.
func LangMoveNamed(name string) (LangMove, bool) {
	for _, m := range LangMoves {
		if m.Name == name {
			return m, true
		}
	}
	return LangMove{}, false
}

// Parties is what an account is for one contribution: its parties in
// general, and per target language the translator or reviewer it is.
type Parties struct {
	Author, Editor, Organiser bool
	Langs                     map[string][]Party
}

// Has says whether the account plays p (for language l, where p is a
// translator or reviewer).
func (ps Parties) Has(p Party, l string) bool {
	switch p {
	case PartyAuthor:
		return ps.Author
	case PartyEditor:
		return ps.Editor
	case PartyOrganiser:
		return ps.Organiser
	}
	return slices.Contains(ps.Langs[l], p)
}

func (ps Parties) any(by []Party, l string) bool {
	for _, p := range by {
		if ps.Has(p, l) {
			return true
		}
	}
	return false
}

// Check says whether an account with parties ps may make move m now: nil,
// a forbidden error when it plays no part the move needs, or a
// *StateError naming the reason (works.state.illegal from another state,
// works.state.already.<move> when c is where the move leads already,
// works.flow.norevision without a manuscript).
func (m Move) Check(c *Contribution, ps Parties) error {
	if !ps.any(m.By, "") {
		return fmt.Errorf("move %s of contribution %d: %w", m.Name, c.ID, errkind.Forbidden)
	}
	if c.State == m.To && !slices.Contains(m.From, c.State) {
		// Most often the same form sent twice.
		return &StateError{From: string(c.State), To: string(m.To), Key: "works.state.already." + m.Name}
	}
	if !slices.Contains(m.From, c.State) {
		return &StateError{From: string(c.State), To: string(m.To), Key: "works.state.illegal"}
	}
	if m.Revision && c.DocumentID == 0 {
		return &StateError{From: string(c.State), To: string(m.To), Key: "works.flow.norevision"}
	}
	return nil
}

// Check is Move.Check for language l of c; the original language has no
// such steps (works.flow.original).
func (m LangMove) Check(c *Contribution, l string, ps Parties) error {
	if !ps.any(m.By, l) {
		return fmt.Errorf("move %s of contribution %d %s: %w", m.Name, c.ID, l, errkind.Forbidden)
	}
	st, ok := c.LangState(l)
	if l == c.Lang {
		return &StateError{From: string(st), To: string(m.To), Key: "works.flow.original"}
	}
	if !ok || !slices.Contains(m.From, st) {
		return &StateError{From: string(st), To: string(m.To), Key: "works.state.illegal"}
	}
	return nil
}

// Available returns the moves an account with parties ps may make on c
// now.
func Available(c *Contribution, ps Parties) []Move {
	var out []Move
	for _, m := range Moves {
		if m.Check(c, ps) == nil {
			out = append(out, m)
		}
	}
	return out
}

// AvailableLang returns the moves of language l an account with parties ps
// may make now.
func AvailableLang(c *Contribution, l string, ps Parties) []LangMove {
	var out []LangMove
	for _, m := range LangMoves {
		if m.Check(c, l, ps) == nil {
			out = append(out, m)
		}
	}
	return out
}

// Starter creates (or brings up to date) the translation of a
// contribution's manuscript into one language, in the transaction that
// makes its text final.
type Starter interface {
	Start(ctx context.Context, tx *store.Tx, c *Contribution, lang string) error
}

// Advance makes move m of contribution c (already checked with Check),
// with a message for whoever acts next. When the text becomes final each of
// the collection's languages gets its state: the original awaits the
// hosts (reviewed), every other language is in translation, and start
// (when not nil) creates its translation. A language that already has a
// state (the text was final before and re-opened) keeps it, its
// translation is brought up to date, and when that leaves sentences to
// translate again the language goes back to translation
// (TranslationResynced).
func Advance(ctx context.Context, tx *store.Tx, c *Contribution, m Move, message string, start Starter, by Actor) error {
	if err := SetState(ctx, tx, c.ID, c.State, m.To, by, message); err != nil {
		return err
	}
	c.State = m.To
	if err := keepReturn(ctx, tx, c, m, message, by); err != nil {
		return err
	}
	if m.To != TextFinal {
		return nil
	}
	coll, err := GetCollection(ctx, tx, c.CollectionID)
	if err != nil {
		return err
	}
	langs := coll.Languages
	if !slices.Contains(langs, c.Lang) {
		langs = append([]string{c.Lang}, langs...)
	}
	for _, l := range langs {
		_, had := c.LangState(l)
		if !had {
			to := InTranslation
			if l == c.Lang {
				to = Reviewed
			}
			if err := SetLangState(ctx, tx, c.ID, l, "", to, by, ""); err != nil {
				return err
			}
			c.Languages = append(c.Languages, Language{Lang: l, State: to})
		}
		if l != c.Lang && start != nil {
			if err := start.Start(ctx, tx, c, l); err != nil {
				return fmt.Errorf("start translation into %s: %w", l, err)
			}
			if had {
				if _, err := TranslationResynced(ctx, tx, c, l, by); err != nil {
					return fmt.Errorf("translation into %s: %w", l, err)
				}
			}
		}
	}
	return nil
}

// keepReturn keeps the editor's message on c when move m returns the text
// to its author, and clears it when the author submits again.
func keepReturn(ctx context.Context, tx *store.Tx, c *Contribution, m Move, message string, by Actor) error {
	switch m.Name {
	case "return":
		c.Returned, c.ReturnedAt, c.ReturnedBy = strings.TrimSpace(message), time.Now().UTC().Truncate(time.Microsecond), by.Name
		_, err := tx.Exec(ctx, `UPDATE contributions SET returned_note = ?, returned_at = ?, returned_by = ? WHERE id = ?`, c.Returned, c.ReturnedAt, c.ReturnedBy, c.ID)
		return err
	case "submit":
		c.Returned, c.ReturnedAt, c.ReturnedBy = "", time.Time{}, ""
		_, err := tx.Exec(ctx, `UPDATE contributions SET returned_note = '', returned_at = NULL, returned_by = '' WHERE id = ?`, c.ID)
		return err
	}
	return nil
}

// AdvanceLang makes move m of language l (already checked), with the
// reason when the move needs one. A text is marked translated only when
// every segment of its translation is confirmed, and reviewed only when
// every one is reviewed or approved (SegmentsLeft).
func AdvanceLang(ctx context.Context, tx *store.Tx, c *Contribution, l string, m LangMove, reason string, by Actor) error {
	st, _ := c.LangState(l)
	if err := SegmentsLeft(ctx, tx, c, l, m.To); err != nil {
		return err
	}
	if err := SetLangState(ctx, tx, c.ID, l, st, m.To, by, reason); err != nil {
		return err
	}
	for i := range c.Languages {
		if c.Languages[i].Lang == l {
			c.Languages[i].State = m.To
		}
	}
	return nil
}

// MessageOK says whether a move's message is acceptable: present when the
// move needs one, and of at most MaxComment characters.
func MessageOK(need bool, message string) bool {
	message = strings.TrimSpace(message)
	return (!need || message != "") && len([]rune(message)) <= MaxComment
}

// SegmentsLeft says whether language l of c may move to state to as far
// as its segments go: translated needs every segment of the translation
// confirmed (translated, reviewed or approved), reviewed needs every one
// reviewed or approved. It returns nil, or a *StateError
// (works.flow.untranslated, works.flow.unreviewed) counting the segments
// left, or works.flow.notranslation when the language has no translation.
func SegmentsLeft(ctx context.Context, q store.Querier, c *Contribution, l string, to LangState) error {
	var done []translate.State
	key := ""
	switch to {
	case Translated:
		done, key = []translate.State{translate.Translated, translate.Reviewed, translate.Approved}, "works.flow.untranslated"
	case Reviewed:
		done, key = []translate.State{translate.Reviewed, translate.Approved}, "works.flow.unreviewed"
	default:
		return nil
	}
	from, _ := c.LangState(l)
	if c.DocumentID == 0 {
		return &StateError{From: string(from), To: string(to), Key: "works.flow.notranslation"}
	}
	tr, err := translate.ByDocument(ctx, q, c.DocumentID, l)
	if errors.Is(err, sql.ErrNoRows) {
		return &StateError{From: string(from), To: string(to), Key: "works.flow.notranslation"}
	}
	if err != nil {
		return err
	}
	counts, err := translate.Progress(ctx, q, tr.ID)
	if err != nil {
		return err
	}
	if counts.Total.Segments == 0 {
		return &StateError{From: string(from), To: string(to), Key: "works.flow.notranslation"}
	}
	left := counts.Total.Segments
	for _, s := range done {
		left -= counts.ByState[s].Segments
	}
	if left > 0 {
		return &StateError{From: string(from), To: string(to), Key: key, Count: &left}
	}
	return nil
}
