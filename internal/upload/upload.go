// Package upload takes large files (a speech's video) over tus 1.0, the
// resumable upload protocol, at /api/uploads/: a client that loses its
// connection or its page asks how far the server got and goes on from
// there. tusd (github.com/tus/tusd/v2) speaks the protocol; the file grows
// in a staging folder and, once complete, is moved into the blob store
// under uploads/, with the SHA-256 of the whole file recorded. What
// tandem knows of each upload (who, for which programme item, its name,
// size and checksum) is the uploads table; only completed uploads are
// shown anywhere.
package upload

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// Upload is one file sent to /api/uploads/.
type Upload struct {
	ID int64
	// TusID is the tus upload's id, the last part of its URL.
	TusID     string
	AccountID int64
	// SpeechID is the programme item the file is for.
	SpeechID int64
	// Filename and Filetype are as the client gave them.
	Filename string
	Filetype string
	Size     int64
	// SHA256 (hex) and BlobKey are set when the upload is complete.
	SHA256      string
	BlobKey     string
	CreatedAt   time.Time
	CompletedAt time.Time // zero while unfinished
}

// Complete reports whether every byte has arrived and the file is in the
// blob store.
func (u *Upload) Complete() bool { return !u.CompletedAt.IsZero() }

// ErrNotFound is returned for an upload that does not exist.
var ErrNotFound = errors.New("upload not found")

const columns = `id, tus_id, account_id, speech_id, filename, filetype, size, sha256, blob_key, created_at, completed_at`

func scan(sc store.Scanner) (*Upload, error) {
	u := &Upload{}
	var done sql.NullTime
	if err := sc.Scan(&u.ID, &u.TusID, &u.AccountID, &u.SpeechID, &u.Filename, &u.Filetype, &u.Size, &u.SHA256, &u.BlobKey, &u.CreatedAt, &done); err != nil {
		return nil, err
	}
	u.CompletedAt = done.Time
	return u, nil
}

// ByTusID returns the upload whose tus id is id.
func ByTusID(ctx context.Context, q store.Querier, id string) (*Upload, error) {
	u, err := scan(q.QueryRow(ctx, `SELECT `+columns+` FROM uploads WHERE tus_id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("upload %q: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("upload %q: %w", id, err)
	}
	return u, nil
}

// OfSpeeches returns the completed uploads of the programme items ids,
// newest first, in one query.
func OfSpeeches(ctx context.Context, q store.Querier, ids []int64) ([]*Upload, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := store.In(ids)
	us, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM uploads WHERE completed_at IS NOT NULL AND speech_id IN (`+in+`) ORDER BY completed_at DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("uploads of speeches: %w", err)
	}
	return us, nil
}

func insert(ctx context.Context, q store.Querier, u *Upload) error {
	id, err := store.InsertID(ctx, q, `INSERT INTO uploads (tus_id, account_id, speech_id, filename, filetype, size, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		u.TusID, u.AccountID, u.SpeechID, u.Filename, u.Filetype, u.Size, u.CreatedAt)
	if err != nil {
		return fmt.Errorf("insert upload %q: %w", u.TusID, err)
	}
	u.ID = id
	return nil
}

func complete(ctx context.Context, q store.Querier, u *Upload) error {
	_, err := q.Exec(ctx, `UPDATE uploads SET sha256 = ?, blob_key = ?, completed_at = ? WHERE id = ?`, u.SHA256, u.BlobKey, u.CompletedAt, u.ID)
	if err != nil {
		return fmt.Errorf("complete upload %q: %w", u.TusID, err)
	}
	return nil
}
