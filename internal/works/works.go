// Package works is the Collected Works: a forum's collections, their
// contributions (chapters) in order, the people who write, translate and
// review them, and the way each contribution goes from an invitation to a
// text approved in every language by every host partner.
//
// A contribution first moves through the states of its original text
// (invited → accepted → submitted → in editing → text final; declined ends
// it). Once the text is final, each of the collection's languages has a
// state of its own: the original language awaits the hosts' approval at
// once, each target language goes in translation → translated → in review
// → reviewed, and then every host partner approves that language's exact
// text. Transition says which moves are legal; a refused move is a
// *StateError that names the reason.
package works

import (
	"time"

	"github.com/tandemforum/tandem/internal/lang"
)

// State is where a contribution's original text stands.
type State string

const (
	Invited   State = "invited"    // an invitation is out, not yet answered
	Accepted  State = "accepted"   // the author agreed to write (or got the text back to revise)
	Declined  State = "declined"   // the author declined; the contribution ends here
	Submitted State = "submitted"  // the author handed in a revision
	InEditing State = "in_editing" // an editor is working on the submitted text
	TextFinal State = "text_final" // the original text is final; translation may start
)

// ReturnedToAuthor is not a stored state: it is how a contribution in
// Accepted is shown once an editor returned its text to the author
// (Contribution.ShownState), and how the history names the move back.
const ReturnedToAuthor State = "returned"

// ShownState is c's state as pages show it: ReturnedToAuthor for a text
// an editor returned to its author and the author has not submitted
// again, else c.State.
func (c *Contribution) ShownState() State {
	if c.State == Accepted && !c.ReturnedAt.IsZero() {
		return ReturnedToAuthor
	}
	return c.State
}

// ShownTransition is the state a move from one state to another reached,
// as pages show it: ReturnedToAuthor for the editor's return of a
// submitted or edited text (its stored state is Accepted, the state of an
// author who agreed to write), else to.
func ShownTransition(from, to State) State {
	if to == Accepted && (from == Submitted || from == InEditing) {
		return ReturnedToAuthor
	}
	return to
}

// States lists the contribution states in workflow order.
var States = []State{Invited, Accepted, Declined, Submitted, InEditing, TextFinal}

// LangState is where one language's text of a contribution stands once the
// original is final.
type LangState string

const (
	InTranslation LangState = "in_translation" // translators are working
	Translated    LangState = "translated"     // every segment translated; awaits review
	InReview      LangState = "in_review"      // a reviewer is working
	Reviewed      LangState = "reviewed"       // reviewed; awaits the hosts' approval (the original starts here)
	Approved      LangState = "approved"       // every host partner approved this exact text
)

// LangStates lists the language states in workflow order.
var LangStates = []LangState{InTranslation, Translated, InReview, Reviewed, Approved}

// Collection is a forum's jointly compiled volume as the office sees it.
type Collection struct {
	ID          int64
	ForumID     int64
	Slug        string
	Title       lang.Text
	Description lang.Text
	// Languages are the languages of its editions, in the forum's order.
	Languages []string
	// Deadline is when manuscripts are due; zero when none is set.
	Deadline   time.Time
	ReleasedAt time.Time
	Editors    []Editor
}

// Editor is a volume editor: an account acting for one host partner.
type Editor struct {
	AccountID   int64
	AccountName string
	PartnerID   int64
}

// Contribution is one chapter of a collection.
type Contribution struct {
	ID           int64
	CollectionID int64
	// Position is the chapter's place in the collection, from 1.
	Position int
	// Lang is the original language, the one the author writes in.
	Lang     string
	Title    lang.Text
	Abstract lang.Text
	// Keywords per language: {"zh": ["…"], "ru": ["…"]}.
	Keywords map[string][]string
	State    State
	// DocumentID is the manuscript (internal/doc/revision), 0 before the
	// first upload.
	DocumentID int64
	// Returned is the editor's message when the text was returned to its
	// author, until the author submits again; ReturnedAt and ReturnedBy
	// (a name) say when and by whom. Empty otherwise.
	Returned   string
	ReturnedAt time.Time
	ReturnedBy string
	// Version grows with every change of the contribution's own fields.
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time

	Authors   []Author
	Staff     []Staff
	Languages []Language
}

// Author is one of a contribution's authors, in order.
type Author struct {
	PersonID int64
	Names    lang.Names
}

// StaffRole is what a staff member does for one target language.
type StaffRole string

const (
	RoleTranslator StaffRole = "translator"
	RoleReviewer   StaffRole = "reviewer"
)

// Staff is an account translating or reviewing a contribution into one
// language.
type Staff struct {
	Lang        string
	AccountID   int64
	AccountName string
	Role        StaffRole
}

// Language is where one language's text of a contribution stands.
type Language struct {
	Lang      string
	State     LangState
	UpdatedAt time.Time
}

// LangState returns the state of language l, and false when the contribution
// has no text in l yet (its original is not final).
func (c *Contribution) LangState(l string) (LangState, bool) {
	for _, x := range c.Languages {
		if x.Lang == l {
			return x.State, true
		}
	}
	return "", false
}

// IsStaff says whether account acct translates (or reviews) the
// contribution into l.
func (c *Contribution) IsStaff(acct int64, l string, role StaffRole) bool {
	for _, s := range c.Staff {
		if s.AccountID == acct && s.Lang == l && s.Role == role {
			return true
		}
	}
	return false
}
