package works

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// KeepArgs is the job that keeps a language's approved text of a
// contribution as a document of that language, for editions and search.
// It is queued in the transaction whose approval made the language
// approved, for the text whose fingerprint is Fingerprint; when the text
// changed before it runs, it keeps nothing.
type KeepArgs struct {
	ContributionID int64  `json:"contribution_id"`
	Lang           string `json:"lang"`
	Fingerprint    string `json:"fingerprint"`
}

// Kind names the job.
func (KeepArgs) Kind() string { return "works.keep_approved_text" }

// QueueKeep queues, in tx, the job that keeps language lang's text of
// contribution id, approved as fingerprint fp.
func QueueKeep(ctx context.Context, tx *store.Tx, id int64, lang, fp string) error {
	_, err := jobs.InsertTx(ctx, tx, KeepArgs{ContributionID: id, Lang: lang, Fingerprint: fp}, nil)
	return err
}

// keptNote is the note of a kept revision: the fingerprint it was
// approved as, so that a job run twice keeps the text once.
func keptNote(fp string) string { return "approved by every host: " + fp }

// Keep keeps the text args names: for the original language, the
// contribution's manuscript is the document; for a target language, the
// snapshot the hosts approved becomes the next revision (Markdown) of the
// language's own document, made on the first approval. The images are the
// manuscript's, read back from blobs so that the revision stores them
// unchanged. It returns the document's id, 0 when the approval no longer
// stands.
func Keep(ctx context.Context, db *store.DB, revs *revision.Store, blobs blob.Store, args KeepArgs) (int64, error) {
	c, err := GetContribution(ctx, db, args.ContributionID)
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	if args.Lang == c.Lang {
		_, err := db.Exec(ctx, `UPDATE contribution_languages SET document_id = ? WHERE contribution_id = ? AND lang = ?`, c.DocumentID, c.ID, c.Lang)
		return c.DocumentID, err
	}
	var snapshot string
	err = db.QueryRow(ctx, `SELECT snapshot FROM contribution_approvals
		WHERE contribution_id = ? AND lang = ? AND fingerprint = ? AND reopened_at IS NULL ORDER BY approved_at DESC LIMIT 1`,
		c.ID, args.Lang, args.Fingerprint).Scan(&snapshot)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("keep contribution %d %s: %w", c.ID, args.Lang, err)
	}
	d := &doc.Document{}
	if err := json.Unmarshal([]byte(snapshot), d); err != nil {
		return 0, fmt.Errorf("keep contribution %d %s: snapshot: %w", c.ID, args.Lang, err)
	}
	for i := range d.Media {
		if d.Media[i].Data, err = readBlob(ctx, blobs, revision.MediaKey(d.Media[i].Name)); err != nil {
			return 0, fmt.Errorf("keep contribution %d %s: image %s: %w", c.ID, args.Lang, d.Media[i].Name, err)
		}
	}
	var docID sql.NullInt64
	if err := db.QueryRow(ctx, `SELECT document_id FROM contribution_languages WHERE contribution_id = ? AND lang = ?`, c.ID, args.Lang).Scan(&docID); err != nil {
		return 0, fmt.Errorf("keep contribution %d %s: %w", c.ID, args.Lang, err)
	}
	if docID.Valid {
		latest, err := revs.Latest(ctx, docID.Int64)
		if err == nil && latest.Note == keptNote(args.Fingerprint) {
			return docID.Int64, nil
		}
		if err != nil && !errors.Is(err, revision.ErrNotFound) {
			return 0, err
		}
	} else {
		id, err := revs.Create(ctx, args.Lang, d.Title)
		if err != nil {
			return 0, err
		}
		docID = sql.NullInt64{Int64: id, Valid: true}
		if _, err := db.Exec(ctx, `UPDATE contribution_languages SET document_id = ? WHERE contribution_id = ? AND lang = ?`, id, c.ID, args.Lang); err != nil {
			return 0, err
		}
	}
	var md bytes.Buffer
	if err := doc.WriteMarkdown(&md, d); err != nil {
		return 0, err
	}
	src := revision.Source{Name: fmt.Sprintf("contribution-%d.%s.md", c.ID, args.Lang), Type: "markdown", Data: md.Bytes(),
		By: "tandem", Note: keptNote(args.Fingerprint)}
	if _, err := revs.Add(ctx, docID.Int64, d, src); err != nil {
		return 0, err
	}
	return docID.Int64, nil
}

// LangDocument returns the document that keeps language lang's approved
// text of contribution id, 0 while none is kept.
func LangDocument(ctx context.Context, q store.Querier, id int64, lang string) (int64, error) {
	var docID sql.NullInt64
	err := q.QueryRow(ctx, `SELECT document_id FROM contribution_languages WHERE contribution_id = ? AND lang = ?`, id, lang).Scan(&docID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return docID.Int64, err
}

func readBlob(ctx context.Context, blobs blob.Store, key string) ([]byte, error) {
	o, err := blobs.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	defer o.Close()
	return io.ReadAll(o)
}
