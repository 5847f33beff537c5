// Package upload takes large files (a speech's video) over tus 1.0, the
// resumable upload protocol, at /api/uploads/: a client that loses its
// connection or its page asks how far the server got and goes on from
// there. tusd (github.com/tus/tusd/v2) speaks the protocol; the file grows
// in a staging folder. The request that brings its last byte is answered
// as soon as the byte is in the staging file, as tusd alone answers it;
// the upload is recorded as received, in the transaction that queues the
// finishing job, which reads the SHA-256 of the whole file, moves it into
// the blob store under uploads/ and hands it to Config.OnComplete. What
// tandem knows of each upload (who, for which programme item, its name,
// size, state and checksum) is the uploads table; only received uploads
// are shown anywhere.
package upload

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/tandemforum/tandem/internal/jobs"
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
	State    State
	// SHA256 (hex) is set once the finishing job has read the whole
	// file; BlobKey once the file is in the blob store.
	SHA256     string
	BlobKey    string
	CreatedAt  time.Time
	ReceivedAt time.Time // zero while receiving
	// CompletedAt is when the file was stored; zero until then.
	CompletedAt time.Time
}

// State is how far an upload got.
type State string

const (
	// Receiving: bytes are still to come.
	Receiving State = "receiving"
	// Received: every byte is in the staging file and the finishing job
	// is queued (or running).
	Received State = "received"
	// Stored: the file is in the blob store with its SHA-256, and
	// OnComplete has had it.
	Stored State = "stored"
)

// Complete reports whether every byte has arrived and the file is in the
// blob store.
func (u *Upload) Complete() bool { return u.State == Stored }

// Received reports whether every byte has arrived (the file may still be
// in the staging folder).
func (u *Upload) Received() bool { return u.State == Received || u.State == Stored }

// ErrNotFound is returned for an upload that does not exist.
var ErrNotFound = errors.New("upload not found")

const columns = `id, tus_id, account_id, speech_id, filename, filetype, size, state, sha256, blob_key, created_at, received_at, completed_at`

func scan(sc store.Scanner) (*Upload, error) {
	u := &Upload{}
	var received, done sql.NullTime
	if err := sc.Scan(&u.ID, &u.TusID, &u.AccountID, &u.SpeechID, &u.Filename, &u.Filetype, &u.Size, &u.State, &u.SHA256, &u.BlobKey, &u.CreatedAt, &received, &done); err != nil {
		return nil, err
	}
	u.ReceivedAt, u.CompletedAt = received.Time, done.Time
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

// OfSpeeches returns the received uploads of the programme items ids
// (stored, or all here and being finished), newest first, in one query.
func OfSpeeches(ctx context.Context, q store.Querier, ids []int64) ([]*Upload, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	in, args := store.In(ids)
	us, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM uploads WHERE state <> 'receiving' AND speech_id IN (`+in+`) ORDER BY received_at DESC, id DESC`, args...)
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

// markReceived records, in tx, that every byte of u has arrived, and
// queues the job that finishes it. It reports false, and queues nothing,
// when u was no longer receiving (recorded already).
func markReceived(ctx context.Context, tx *store.Tx, u *Upload, now time.Time) (bool, error) {
	res, err := tx.Exec(ctx, `UPDATE uploads SET state = 'received', received_at = ? WHERE id = ? AND state = 'receiving'`, now, u.ID)
	if err != nil {
		return false, fmt.Errorf("upload %q received: %w", u.TusID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err != nil {
			return false, fmt.Errorf("upload %q received: %w", u.TusID, err)
		}
		return false, nil
	}
	if _, err := jobs.InsertTx(ctx, tx, FinishArgs{TusID: u.TusID}, nil); err != nil {
		return false, fmt.Errorf("upload %q received: %w", u.TusID, err)
	}
	u.State, u.ReceivedAt = Received, now
	return true, nil
}

// ByID returns upload id, or an error wrapping ErrNotFound.
func ByID(ctx context.Context, q store.Querier, id int64) (*Upload, error) {
	u, err := scan(q.QueryRow(ctx, `SELECT `+columns+` FROM uploads WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("upload %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("upload %d: %w", id, err)
	}
	return u, nil
}

// ErrUnfinished is an upload whose bytes are still coming or whose file
// the finishing job is still storing: it is not removed.
var ErrUnfinished = errors.New("upload not yet stored")

// Remove deletes the record of the stored upload u in tx; the caller
// deletes its file (u.BlobKey) once tx is committed. An upload not yet
// stored is ErrUnfinished.
func Remove(ctx context.Context, tx *store.Tx, u *Upload) error {
	res, err := tx.Exec(ctx, `DELETE FROM uploads WHERE id = ? AND state = 'stored'`, u.ID)
	if err != nil {
		return fmt.Errorf("remove upload %d: %w", u.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		if err != nil {
			return fmt.Errorf("remove upload %d: %w", u.ID, err)
		}
		return fmt.Errorf("upload %d: %w", u.ID, ErrUnfinished)
	}
	return nil
}
