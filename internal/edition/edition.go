// Package edition is an edition of the Collected Works as the office
// manages it and the public site releases it: a collection
// (internal/works) in one language, or two for a parallel edition, with its
// formats, an ISBN per format, a publisher of record, a release time in a
// time zone, the territories it is released in and its front matter.
//
// An edition goes draft → proofs (its files are built) → approved (every
// host partner approved the built proofs, for the exact bytes) → scheduled
// → released, at its time, by a durable job (ReleaseArgs). A build whose
// bytes differ voids the approvals and takes the edition back to proofs.
// Until its release nothing of an edition is public: the public site asks
// Public and PublicList, which answer errkind.NotFound for it.
//
// Load makes the *book.Book the renderers read from the database; Build
// renders it through the Renderers the program is wired with, keeps each
// file in the blob store under its hash and skips a format whose inputs
// did not change. Every change is recorded in the event log under the
// subject "edition:ID".
package edition

import (
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/errkind"
)

// State is where an edition stands.
type State string

const (
	Draft     State = "draft"     // being prepared; no proofs built yet
	Proofs    State = "proofs"    // proofs built; awaiting every host's approval
	Approved  State = "approved"  // every host approved the current proofs
	Scheduled State = "scheduled" // to be released at its time
	Released  State = "released"  // public
)

// States lists the states in workflow order.
var States = []State{Draft, Proofs, Approved, Scheduled, Released}

// PageSize names a trimmed page size of the print edition.
type PageSize string

// PageSizes are the page sizes an edition may have, with their width and
// height in millimetres; A5 is the default.
var PageSizes = map[PageSize][2]float64{
	"a5":  {148, 210},
	"b5":  {176, 250},
	"a4":  {210, 297},
	"16k": {185, 260}, // 大16开, common for Chinese academic books
}

// Edition is one edition as stored.
type Edition struct {
	ID           int64
	CollectionID int64
	Slug         string
	// Langs are base language tags: one, or two for a parallel edition,
	// the verso's first.
	Langs   []string
	Formats []book.Format
	// ISBN per format, thirteen digits without hyphens; absent for a
	// format without one.
	ISBN map[book.Format]string
	// PublisherID is the partner that is publisher of record, one of the
	// forum's hosts; PublisherName and PublisherPlace are its imprint per
	// language.
	PublisherID    int64
	PublisherName  book.Local
	PublisherPlace book.Local
	// ReleaseAt is the release instant, zero while none is set; TimeZone
	// is the IANA zone it is entered and shown in.
	ReleaseAt time.Time
	TimeZone  string
	// Territories are ISO 3166-1 alpha-2 codes, or the one code "WORLD".
	Territories []string
	// Imprint holds the imprint page's lines per language, as entered.
	Imprint map[string][]string
	// Preface is the volume editors' preface per language, in Markdown.
	Preface    map[string]string
	Notes      book.NoteNumbering
	PageSize   PageSize
	DOIPrefix  string
	SampleISBN bool
	State      State
	Version    int
	// EditedAt is the latest change of what the book says (not of its
	// state).
	EditedAt   time.Time
	ReleasedAt time.Time
	CreatedAt  time.Time
	Build      BuildStatus
}

// BuildStatus is where an edition's latest build stands, for the office.
type BuildStatus struct {
	JobID int64
	// State is "" (never built), queued, running, done or failed.
	State  string
	Format book.Format
	// Done of Total units: one per chapter and format to build.
	Done, Total int
	Error       string
}

// Has reports whether the edition is published in format f.
func (e *Edition) Has(f book.Format) bool {
	for _, x := range e.Formats {
		if x == f {
			return true
		}
	}
	return false
}

// Builds reports whether the edition has a file in f: one of its
// formats, or the archival PDF/A (book.PDFA) that comes with its PDF.
func (e *Edition) Builds(f book.Format) bool {
	if f == book.PDFA {
		return e.Has(book.PDF)
	}
	return e.Has(f)
}

// Parallel reports whether the edition is a parallel (two-language) one.
func (e *Edition) Parallel() bool { return len(e.Langs) > 1 }

// Location returns the edition's time zone, UTC when none is set.
func (e *Edition) Location() *time.Location {
	if loc, err := time.LoadLocation(e.TimeZone); err == nil && e.TimeZone != "" {
		return loc
	}
	return time.UTC
}

// Subject names an edition in the event log ("edition:3").
func Subject(id int64) string { return fmt.Sprintf("edition:%d", id) }

// ErrNotFound is an edition that does not exist, or that the public may
// not see yet. It is of kind errkind.NotFound.
var ErrNotFound = fmt.Errorf("edition: %w", errkind.NotFound)

// ErrStale is a change made from a form loaded before someone else's
// change of the same edition. It is of kind errkind.Conflict.
var ErrStale = fmt.Errorf("edition: changed since the form was loaded: %w", errkind.Conflict)

// StateError is a refused change of an edition's state; Key is the i18n
// message key that says why (Args its arguments). It is of kind
// errkind.Conflict.
type StateError struct {
	From, To State
	Key      string
	Args     []any
}

func (e *StateError) Error() string {
	return fmt.Sprintf("edition: %s → %s refused: %s %v", e.From, e.To, e.Key, e.Args)
}

// Unwrap returns errkind.Conflict, so that the office answers 409.
func (e *StateError) Unwrap() error { return errkind.Conflict }

// Actor is who makes a change, as the event log records it.
type Actor struct {
	AccountID int64
	Name      string
	PartnerID int64
}
