// Package revision keeps the revisions of documents: each uploaded
// manuscript file in the blob store and the document model read from it in
// the database, so that any two revisions can be compared and translations
// stay attached to the blocks they translate.
package revision

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/store"
)

// Store keeps documents and their revisions.
type Store struct {
	db    *store.DB
	blobs blob.Store
	now   func() time.Time
}

// NewStore returns a store over a migrated database and a blob store.
func NewStore(db *store.DB, blobs blob.Store) *Store {
	return &Store{db: db, blobs: blobs, now: time.Now}
}

// Source is an uploaded manuscript file.
type Source struct {
	Name string // the file name as uploaded
	Type string // "docx" or "markdown"
	Data []byte
	By   string // who uploaded it
	Note string // why, in the uploader's words
	// KeepIDs is set for a document whose block identifiers name what
	// each block is ("person.5.bio", the site's texts) rather than being
	// derived from its content: Add keeps them instead of carrying over
	// those of the previous revision, which could give a new block the
	// name of a removed one.
	KeepIDs bool
}

// Revision is one stored revision of a document.
type Revision struct {
	ID, DocumentID int64
	Number         int
	SourceName     string
	SourceType     string
	SourceKey      string
	SourceSHA256   string
	By, Note       string
	CreatedAt      time.Time
	// Doc is the document model; Revisions leaves it nil.
	Doc *doc.Document
}

// ErrNotFound is returned for a document or revision that does not exist.
var ErrNotFound = store.ErrNotFound

// Create adds a document without revisions and returns its id.
func (s *Store) Create(ctx context.Context, lang, title string) (int64, error) {
	id, err := store.InsertID(ctx, s.db, `INSERT INTO documents (lang, title, created_at) VALUES (?, ?, ?)`, lang, title, s.now().UTC())
	if err != nil {
		return 0, fmt.Errorf("create document: %w", err)
	}
	return id, nil
}

// Add stores d, read from src, as the next revision of document docID. The
// blocks of d that revise blocks of the previous revision take over their
// identifiers (see doc.Carry), so translations stay attached; d is changed
// accordingly (unless src.KeepIDs). The file and the images go to the blob store before the
// database row, so a row never points at a missing file.
func (s *Store) Add(ctx context.Context, docID int64, d *doc.Document, src Source) (*Revision, error) {
	if src.Type != "docx" && src.Type != "markdown" {
		return nil, fmt.Errorf("add revision: source type %q: want docx or markdown", src.Type)
	}
	if !d.HasContent() {
		return nil, fmt.Errorf("add revision: %w", doc.ErrNoContent)
	}
	prev, err := s.Latest(ctx, docID)
	switch {
	case errors.Is(err, ErrNotFound):
	case err != nil:
		return nil, err
	default:
		if !src.KeepIDs {
			doc.Carry(prev.Doc, d)
		}
	}
	sum := sha256.Sum256(src.Data)
	hexsum := hex.EncodeToString(sum[:])
	ext := map[string]string{"docx": "docx", "markdown": "md"}[src.Type]
	key := fmt.Sprintf("documents/%d/%s.%s", docID, hexsum[:32], ext)
	if _, err := s.blobs.Put(ctx, key, bytes.NewReader(src.Data)); err != nil {
		return nil, fmt.Errorf("add revision: store file: %w", err)
	}
	for _, m := range d.Media {
		if _, err := s.blobs.Put(ctx, MediaKey(m.Name), bytes.NewReader(m.Data)); err != nil {
			return nil, fmt.Errorf("add revision: store image %s: %w", m.Name, err)
		}
	}
	model, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	rev := &Revision{DocumentID: docID, SourceName: src.Name, SourceType: src.Type, SourceKey: key,
		SourceSHA256: hexsum, By: src.By, Note: src.Note, CreatedAt: s.now().UTC(), Doc: d}
	err = s.db.Transact(ctx, func(tx *store.Tx) error {
		var exists int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM documents WHERE id = ?`, docID).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return fmt.Errorf("document %d: %w", docID, ErrNotFound)
		}
		if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(number), 0) + 1 FROM document_revisions WHERE document_id = ?`, docID).Scan(&rev.Number); err != nil {
			return err
		}
		rev.ID, err = store.InsertID(ctx, tx, `INSERT INTO document_revisions
			(document_id, number, source_name, source_type, source_key, source_sha256, model, uploaded_by, note, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			docID, rev.Number, src.Name, src.Type, key, hexsum, string(model), src.By, src.Note, rev.CreatedAt)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("add revision to document %d: %w", docID, err)
	}
	return rev, nil
}

// MediaKey is the blob key of a document image.
func MediaKey(name string) string { return "doc-media/" + name }

const columns = `id, document_id, number, source_name, source_type, source_key, source_sha256, uploaded_by, note, created_at`

func scan(row interface{ Scan(...any) error }, withModel bool) (*Revision, error) {
	r := &Revision{}
	dest := []any{&r.ID, &r.DocumentID, &r.Number, &r.SourceName, &r.SourceType, &r.SourceKey, &r.SourceSHA256, &r.By, &r.Note, &r.CreatedAt}
	var model string
	if withModel {
		dest = append(dest, &model)
	}
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, ErrNotFound
		}
		return nil, err
	}
	if withModel {
		r.Doc = &doc.Document{}
		if err := json.Unmarshal([]byte(model), r.Doc); err != nil {
			return nil, fmt.Errorf("revision %d: stored model: %w", r.ID, err)
		}
	}
	return r, nil
}

// Get returns revision number of document docID with its model.
func (s *Store) Get(ctx context.Context, docID int64, number int) (*Revision, error) {
	r, err := scan(s.db.QueryRow(ctx, `SELECT `+columns+`, model FROM document_revisions WHERE document_id = ? AND number = ?`, docID, number), true)
	if err != nil {
		return nil, fmt.Errorf("document %d revision %d: %w", docID, number, err)
	}
	return r, nil
}

// Latest returns the newest revision of document docID with its model.
func (s *Store) Latest(ctx context.Context, docID int64) (*Revision, error) {
	r, err := scan(s.db.QueryRow(ctx, `SELECT `+columns+`, model FROM document_revisions WHERE document_id = ? ORDER BY number DESC LIMIT 1`, docID), true)
	if err != nil {
		return nil, fmt.Errorf("document %d latest revision: %w", docID, err)
	}
	return r, nil
}

// List returns the revisions of document docID, oldest first, without
// their models.
func (s *Store) List(ctx context.Context, docID int64) ([]Revision, error) {
	rows, err := s.db.Query(ctx, `SELECT `+columns+` FROM document_revisions WHERE document_id = ? ORDER BY number`, docID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Revision
	for rows.Next() {
		r, err := scan(rows, false)
		if err != nil {
			return nil, err
		}
		out = append(out, *r)
	}
	return out, rows.Err()
}

// Source opens the file a revision was read from.
func (s *Store) Source(ctx context.Context, r *Revision) (io.ReadCloser, error) {
	o, err := s.blobs.Open(ctx, r.SourceKey)
	if err != nil {
		return nil, fmt.Errorf("revision %d source: %w", r.ID, err)
	}
	return o, nil
}

// Diff compares two revisions of document docID.
func (s *Store) Diff(ctx context.Context, docID int64, from, to int) (*doc.Changes, error) {
	a, err := s.Get(ctx, docID, from)
	if err != nil {
		return nil, err
	}
	b, err := s.Get(ctx, docID, to)
	if err != nil {
		return nil, err
	}
	return doc.Diff(a.Doc, b.Doc), nil
}
