// Package translate keeps the translations of documents, segment by
// segment: a document's text in one target language, cut into the
// sentences of tandem's segmentation, each with its translation, a state in
// the translation workflow (new, draft, translated, reviewed, approved;
// needs review when its source changed) and a version that grows with every
// save, so that two people working on one document never overwrite each
// other silently. It follows the document's revisions (Sync), checks that a
// translation keeps the source's inline codes (Save), counts progress and
// makes the translated document.
package translate

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
)

// State of a segment's translation.
type State string

const (
	// New: not translated yet.
	New State = "new"
	// Draft: translated in part, or to be looked at again.
	Draft State = "draft"
	// Translated: confirmed by its translator.
	Translated State = "translated"
	// Reviewed: approved by a reviewer.
	Reviewed State = "reviewed"
	// Approved: approved for publication.
	Approved State = "approved"
	// NeedsReview: the source changed since it was translated; the old
	// translation is kept in Previous.
	NeedsReview State = "needs_review"
)

// States lists every state in the order the workbench shows them.
var States = []State{New, NeedsReview, Draft, Translated, Reviewed, Approved}

// Valid reports whether s is one of States.
func (s State) Valid() bool {
	for _, v := range States {
		if s == v {
			return true
		}
	}
	return false
}

// Confirmed reports whether a segment in state s is translated: confirmed
// by its translator or later. Confirmed segments go into the translation
// memory and into the translated document.
func (s State) Confirmed() bool {
	return s == Translated || s == Reviewed || s == Approved
}

// Open reports whether a segment in state s still waits for its
// translator: new, draft or needing review.
func (s State) Open() bool {
	return s == New || s == Draft || s == NeedsReview
}

// ErrNotFound is returned for a translation or segment that does not exist.
var ErrNotFound = store.ErrNotFound

// Translation is a document's text in one target language, segment by
// segment.
type Translation struct {
	ID, DocumentID   int64
	SourceLang, Lang string
	// Revision is the number of the source document's revision the
	// segments are cut from.
	Revision int
	// OwnerKind and OwnerID say whose text it is: "contribution",
	// "speech", "news", … and its id.
	OwnerKind string
	OwnerID   int64
	// Title is the document's title, for pages.
	Title                string
	CreatedAt, UpdatedAt time.Time
}

// Segment is one sentence of the source and its translation.
type Segment struct {
	ID, TranslationID int64
	// Key is stable within the translation: the unit's id (a block id,
	// or a block id and what of it: ".caption") + "/" + the sentence's
	// number in it.
	Key      string
	Position int // order in the document
	// BlockID and BlockKind are the document block the sentence is in
	// and what it is there: heading, paragraph, quote, item, cell, note,
	// caption, title, label, alt, header.
	BlockID, BlockKind string
	// Source and Target have their inline codes as runs of their own.
	Source, Target interchange.Content
	State          State
	// Version grows by one with every change; a save names the version it
	// edited.
	Version   int
	UpdatedBy string
	UpdatedAt time.Time
	// Comment is the reviewer's comment; Returned is set while the
	// segment is back with its translator because of it.
	Comment  string
	Returned bool
	// Previous is the translation as it was before the source changed,
	// and PreviousSource that source (state NeedsReview).
	Previous, PreviousSource interchange.Content
}

// Chars is the number of characters of the segment's source text.
func (s Segment) Chars() int {
	return len([]rune(s.Source.Plain()))
}

const translationColumns = `t.id, t.document_id, t.source_lang, t.lang, t.revision, t.owner_kind, t.owner_id, d.title, t.created_at, t.updated_at`

func scanTranslation(row store.Scanner) (*Translation, error) {
	t := &Translation{}
	err := row.Scan(&t.ID, &t.DocumentID, &t.SourceLang, &t.Lang, &t.Revision, &t.OwnerKind, &t.OwnerID, &t.Title, &t.CreatedAt, &t.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return t, err
}

// Get returns translation id.
func Get(ctx context.Context, q store.Querier, id int64) (*Translation, error) {
	t, err := scanTranslation(q.QueryRow(ctx, `SELECT `+translationColumns+` FROM translations t JOIN documents d ON d.id = t.document_id WHERE t.id = ?`, id))
	if err != nil {
		return nil, fmt.Errorf("translation %d: %w", id, err)
	}
	return t, nil
}

// ByDocument returns the translation of document docID into lang.
func ByDocument(ctx context.Context, q store.Querier, docID int64, lang string) (*Translation, error) {
	t, err := scanTranslation(q.QueryRow(ctx, `SELECT `+translationColumns+` FROM translations t JOIN documents d ON d.id = t.document_id WHERE t.document_id = ? AND t.lang = ?`, docID, lang))
	if err != nil {
		return nil, fmt.Errorf("translation of document %d into %s: %w", docID, lang, err)
	}
	return t, nil
}

// run is the stored form of an interchange.Run.
type run struct {
	Kind interchange.RunKind `json:"k,omitempty"`
	Text string              `json:"t,omitempty"`
	ID   string              `json:"id,omitempty"`
	Type string              `json:"type,omitempty"`
	Code string              `json:"code,omitempty"`
	Disp string              `json:"disp,omitempty"`
}

// encodeContent is the JSON a content is stored as.
func encodeContent(c interchange.Content) string {
	rs := make([]run, len(c))
	for i, r := range c {
		rs[i] = run{Kind: r.Kind, Text: r.Text, ID: r.ID, Type: r.Type, Code: r.Code, Disp: r.Disp}
	}
	b, err := json.Marshal(rs)
	if err != nil {
		// A slice of strings and ints always marshals.
		panic(err)
	}
	return string(b)
}

func decodeContent(s string) (interchange.Content, error) {
	var rs []run
	if err := json.Unmarshal([]byte(s), &rs); err != nil {
		return nil, fmt.Errorf("stored content: %w", err)
	}
	if len(rs) == 0 {
		return nil, nil
	}
	c := make(interchange.Content, len(rs))
	for i, r := range rs {
		c[i] = interchange.Run{Kind: r.Kind, Text: r.Text, ID: r.ID, Type: r.Type, Code: r.Code, Disp: r.Disp}
	}
	return c, nil
}
