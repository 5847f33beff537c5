package works

import (
	"fmt"

	"github.com/tandemforum/tandem/internal/errkind"
)

// StateError is a refused change of state: the move From → To is not in the
// workflow, or a condition of it is not met. Key is the i18n message key
// that says why in the user's language (Args its arguments). It is of kind
// errkind.Conflict.
type StateError struct {
	From, To string
	Key      string
	Args     []any
	// Count, when not nil, makes Key a plural message for *Count (the
	// message's first argument, before Args).
	Count *int
}

func (e *StateError) Error() string {
	return fmt.Sprintf("works: %s → %s refused: %s", e.From, e.To, e.Key)
}

// Unwrap returns errkind.Conflict, so that the office answers 409.
func (e *StateError) Unwrap() error { return errkind.Conflict }

// transitions lists the legal moves of a contribution's original text.
var transitions = map[State][]State{
	Invited:   {Accepted, Declined},
	Declined:  {Invited},
	Accepted:  {Submitted},
	Submitted: {InEditing, Accepted, TextFinal},
	InEditing: {Accepted, TextFinal},
	// An editor may re-open a final text to correct it; translations keep
	// what still matches (translate.Sync).
	TextFinal: {InEditing},
}

// langTransitions lists the legal moves of one language's text. Approved is
// reached only through the hosts' approvals, and left when the text changes.
var langTransitions = map[LangState][]LangState{
	InTranslation: {Translated},
	Translated:    {InReview, InTranslation},
	InReview:      {Reviewed, InTranslation},
	Reviewed:      {Approved, InReview},
	Approved:      {Reviewed},
}

// CheckTransition returns nil when a contribution may move from one state
// to another, and a *StateError (key "works.state.illegal") when it may not.
func CheckTransition(from, to State) error {
	for _, s := range transitions[from] {
		if s == to {
			return nil
		}
	}
	return &StateError{From: string(from), To: string(to), Key: "works.state.illegal"}
}

// CheckLangTransition is CheckTransition for one language's text.
func CheckLangTransition(from, to LangState) error {
	for _, s := range langTransitions[from] {
		if s == to {
			return nil
		}
	}
	return &StateError{From: string(from), To: string(to), Key: "works.state.illegal"}
}

// Next lists the states a contribution in state s may move to.
func Next(s State) []State { return transitions[s] }

// NextLang lists the states a language's text in state s may move to.
func NextLang(s LangState) []LangState { return langTransitions[s] }
