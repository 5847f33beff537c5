package works

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/textenc"
)

// The manuscript of a contribution is a document (internal/doc/revision)
// whose revisions are the author's uploads and the editors' corrections.
// An upload is read whatever its name says: its first bytes and, for a
// ZIP package, its entries say whether it is a Word document or Markdown.

// MaxManuscript is the largest manuscript file accepted, in bytes.
const MaxManuscript = 20 << 20

// Manuscript types, as revision.Source.Type names them.
const (
	TypeDOCX     = "docx"
	TypeMarkdown = "markdown"
)

// manuscriptLimits bound what a DOCX upload may unpack to: a manuscript
// of a few hundred pages with its images is well within them, a zip bomb or
// a deeply nested XML part is not.
var manuscriptLimits = docx.Limits{
	MaxTotal:   256 << 20,
	MaxEntries: 2000,
	MaxPart:    64 << 20,
	MaxImage:   32 << 20,
	MaxDepth:   128,
}

// ManuscriptError is an upload or a correction that cannot be taken, with
// the i18n key that says why in the user's language (Args its arguments).
// It is of kind errkind.Invalid; Err is what the importer said, for the
// log.
type ManuscriptError struct {
	Key  string
	Args []any
	Err  error
}

func (e *ManuscriptError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("manuscript: %s: %v", e.Key, e.Err)
	}
	return "manuscript: " + e.Key
}

// Unwrap returns errkind.Invalid, so that the office answers 422.
func (e *ManuscriptError) Unwrap() []error {
	if e.Err != nil {
		return []error{errkind.Invalid, e.Err}
	}
	return []error{errkind.Invalid}
}

func refuse(key string, err error, args ...any) *ManuscriptError {
	return &ManuscriptError{Key: key, Args: args, Err: err}
}

// Sniff says what a manuscript file is by its content, not its name:
// TypeDOCX for a ZIP package with a Word document in it, TypeMarkdown for
// text in an encoding tandem reads. Anything else (an empty file, an old
// .doc, a PDF, an ODT or another package, a binary file) is a
// *ManuscriptError that names it.
func Sniff(data []byte) (string, error) {
	switch {
	case len(bytes.TrimSpace(data)) == 0:
		return "", refuse("manuscript.error.empty", nil)
	case len(data) > MaxManuscript:
		return "", refuse("manuscript.error.toolarge", nil, i18n.Size(MaxManuscript))
	case bytes.HasPrefix(data, []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")):
		return "", refuse("manuscript.error.olddoc", nil)
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return "", refuse("manuscript.error.pdf", nil)
	case bytes.HasPrefix(data, []byte("PK")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return "", refuse("manuscript.error.brokenzip", err)
		}
		var types, word bool
		for _, f := range zr.File {
			switch {
			case f.Name == "[Content_Types].xml":
				types = true
			case f.Name == "word/document.xml" || strings.HasPrefix(f.Name, "word/") && strings.HasSuffix(f.Name, ".xml"):
				word = true
			}
		}
		if !types || !word {
			return "", refuse("manuscript.error.package", nil)
		}
		return TypeDOCX, nil
	}
	if _, err := textenc.Decode(data); err != nil {
		if errors.Is(err, textenc.ErrEncoding) {
			return "", refuse("manuscript.error.encoding", err)
		}
		return "", refuse("manuscript.error.type", err)
	}
	return TypeMarkdown, nil
}

// ReadManuscript reads an uploaded file as a document in language lang
// (the contribution's, when a Markdown file does not say its own). The
// type is sniffed (Sniff); a hostile DOCX (a zip bomb, too many entries,
// parts outside the package, XML nested too deep) and a file with no text
// are refused with a *ManuscriptError. The document's Warnings say what
// the importer could not carry over.
func ReadManuscript(data []byte, lang string) (*doc.Document, string, error) {
	typ, err := Sniff(data)
	if err != nil {
		return nil, "", err
	}
	var d *doc.Document
	switch typ {
	case TypeDOCX:
		d, err = docx.Read(bytes.NewReader(data), int64(len(data)), manuscriptLimits)
		switch {
		case errors.Is(err, docx.ErrTooLarge):
			return nil, "", refuse("manuscript.error.bomb", err)
		case errors.Is(err, docx.ErrUnsafe):
			return nil, "", refuse("manuscript.error.unsafe", err)
		case errors.Is(err, docx.ErrUnsupported):
			return nil, "", refuse("manuscript.error.unsupported", err)
		case err != nil:
			return nil, "", refuse("manuscript.error.malformed", err)
		}
	case TypeMarkdown:
		d, err = markdown.Read(data, lang, markdown.Limits{MaxSize: MaxManuscript})
		switch {
		case errors.Is(err, markdown.ErrTooLarge):
			return nil, "", refuse("manuscript.error.bomb", err)
		case err != nil:
			return nil, "", refuse("manuscript.error.malformed", err)
		}
	}
	if !d.HasContent() {
		return nil, "", refuse("manuscript.error.notext", doc.ErrNoContent)
	}
	if d.Lang == "" {
		d.Lang = lang
	}
	return d, typ, nil
}

// UploadAllowed says whether a new revision may be uploaded to a
// contribution in state s: while the author writes (accepted), once handed
// in (submitted) and while an editor works on it (in editing). A final
// text must first be re-opened for editing.
func UploadAllowed(s State) bool {
	return s == Accepted || s == Submitted || s == InEditing
}

// CorrectAllowed says whether an editor may correct a block in place in
// state s: once the text is handed in, and after it is final (the hosts'
// approvals of the original are then re-opened).
func CorrectAllowed(s State) bool {
	return s == Submitted || s == InEditing || s == TextFinal
}

// Manuscripts adds revisions to contributions' manuscripts.
type Manuscripts struct {
	DB   *store.DB
	Revs *revision.Store
}

// Upload makes d (read from src by ReadManuscript) the next revision of
// contribution c's manuscript, creating the manuscript on the first upload.
// It is refused with a *StateError (works.manuscript.state) when c's state
// does not take uploads, and then nothing is stored. The importer's
// warnings are kept with the revision, the upload is in the event log, and
// any approval of the original text is re-opened.
func (m *Manuscripts) Upload(ctx context.Context, c *Contribution, d *doc.Document, src revision.Source, by Actor) (*revision.Revision, error) {
	if !UploadAllowed(c.State) {
		return nil, &StateError{From: string(c.State), To: string(c.State), Key: "works.manuscript.state"}
	}
	docID := c.DocumentID
	if docID == 0 {
		title, _ := c.Title.In(c.Lang)
		id, err := m.Revs.Create(ctx, c.Lang, title)
		if err != nil {
			return nil, err
		}
		// Only the first upload sets the document; a concurrent first
		// upload that won keeps its own, and this one joins it.
		if _, err := m.DB.Exec(ctx, `UPDATE contributions SET document_id = ? WHERE id = ? AND document_id IS NULL`, id, c.ID); err != nil {
			return nil, fmt.Errorf("contribution %d manuscript: %w", c.ID, err)
		}
		var got sql.NullInt64
		if err := m.DB.QueryRow(ctx, `SELECT document_id FROM contributions WHERE id = ?`, c.ID).Scan(&got); err != nil {
			return nil, err
		}
		docID = got.Int64
		if docID != id {
			if _, err := m.DB.Exec(ctx, `DELETE FROM documents WHERE id = ?`, id); err != nil {
				return nil, err
			}
		}
		c.DocumentID = docID
	}
	return m.addRevision(ctx, c, d, src, by, "manuscript.upload", map[string]any{"name": src.Name, "type": src.Type})
}

// addRevision stores d as the next revision and, in one transaction,
// keeps its warnings, records the event (action) and re-opens the
// original's approvals.
func (m *Manuscripts) addRevision(ctx context.Context, c *Contribution, d *doc.Document, src revision.Source, by Actor, action string, after map[string]any) (*revision.Revision, error) {
	warnings := d.Warnings
	rev, err := m.Revs.Add(ctx, c.DocumentID, d, src)
	if errors.Is(err, doc.ErrNoContent) {
		return nil, refuse("manuscript.error.notext", err)
	}
	if err != nil {
		return nil, err
	}
	if warnings == nil {
		warnings = []string{}
	}
	w, err := json.Marshal(warnings)
	if err != nil {
		return nil, err
	}
	after["revision"] = rev.Number
	err = m.DB.Transact(ctx, func(tx *store.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO manuscript_warnings (contribution_id, revision, warnings) VALUES (?, ?, ?)`, c.ID, rev.Number, string(w)); err != nil {
			return err
		}
		if err := recordNote(ctx, tx, by, action, c.ID, nil, after, src.Note); err != nil {
			return err
		}
		return Reopen(ctx, tx, c.ID, c.Lang, by)
	})
	if err != nil {
		return nil, fmt.Errorf("contribution %d revision %d: %w", c.ID, rev.Number, err)
	}
	return rev, nil
}

// Correct replaces the text of block blockID of the latest revision with
// text, as a new revision that names the editor and the reason. Only a
// heading's or paragraph's text without formatting, links or note
// references can be corrected this way (works.manuscript.formatted
// otherwise: upload a revised file instead); the new revision keeps the
// previous one's file as its source, since the file itself is unchanged.
func (m *Manuscripts) Correct(ctx context.Context, c *Contribution, blockID string, base int, text, reason string, by Actor) (*revision.Revision, error) {
	if !CorrectAllowed(c.State) {
		return nil, &StateError{From: string(c.State), To: string(c.State), Key: "works.manuscript.correctstate"}
	}
	if c.DocumentID == 0 {
		return nil, refuse("manuscript.error.nomanuscript", nil)
	}
	latest, err := m.Revs.Latest(ctx, c.DocumentID)
	if err != nil {
		return nil, err
	}
	if latest.Number != base {
		return nil, &StateError{From: fmt.Sprint(base), To: fmt.Sprint(latest.Number), Key: "works.manuscript.stale"}
	}
	var target *doc.Block
	latest.Doc.Walk(func(b *doc.Block) {
		if b.ID == blockID {
			target = b
		}
	})
	text = strings.Join(strings.Fields(text), " ")
	switch {
	case target == nil:
		return nil, refuse("manuscript.error.noblock", fmt.Errorf("block %q: %w", blockID, errkind.NotFound))
	case !Correctable(target):
		return nil, refuse("manuscript.error.formatted", nil)
	case text == "":
		return nil, refuse("manuscript.error.emptyblock", nil)
	case text == doc.PlainText(target.Inlines):
		return nil, refuse("manuscript.error.unchanged", nil)
	}
	old := doc.PlainText(target.Inlines)
	target.Inlines = []doc.Inline{{Type: doc.Text, Text: text}}
	rc, err := m.Revs.Source(ctx, latest)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	_, err = buf.ReadFrom(rc)
	rc.Close()
	if err != nil {
		return nil, err
	}
	src := revision.Source{Name: latest.SourceName, Type: latest.SourceType, Data: buf.Bytes(), By: by.Name, Note: reason}
	rev, err := m.addRevision(ctx, c, latest.Doc, src, by, "manuscript.correct", map[string]any{"block": blockID, "old": old, "new": text})
	if err != nil {
		return nil, err
	}
	return rev, nil
}

// Correctable says whether b's text may be corrected in place: a heading
// or paragraph whose inlines are plain text only. UncorrectableKey says
// why another block may not.
func Correctable(b *doc.Block) bool {
	if b.Type != doc.Heading && b.Type != doc.Paragraph || len(b.Inlines) == 0 || b.TOC != nil {
		return false
	}
	for _, in := range b.Inlines {
		if in.Type != doc.Text {
			return false
		}
	}
	return true
}

// UncorrectableKey is the i18n key that says why block b cannot be
// corrected in place ("" when it can): a heading or paragraph with
// formatting, links or notes, or a list, quotation, table or other block
// whose parts are not corrected one by one here.
func UncorrectableKey(b *doc.Block) string {
	switch {
	case Correctable(b):
		return ""
	case b.Type == doc.Heading || b.Type == doc.Paragraph:
		return "manuscript.correct.formatted"
	}
	return "manuscript.correct.structure"
}

// Warnings returns the importer's warnings about revision number of
// contribution id's manuscript (none for a correction).
func Warnings(ctx context.Context, q store.Querier, id int64, number int) ([]string, error) {
	var s string
	err := q.QueryRow(ctx, `SELECT warnings FROM manuscript_warnings WHERE contribution_id = ? AND revision = ?`, id, number).Scan(&s)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []string
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("manuscript warnings: %w", err)
	}
	return out, nil
}

// Comment is an editor's comment on a block of a manuscript revision.
type Comment struct {
	ID          int64
	Revision    int
	BlockID     string
	AccountID   int64
	AccountName string
	Body        string
	CreatedAt   time.Time
	ResolvedAt  time.Time
}

// MaxComment is the longest comment, in characters.
const MaxComment = 4000

// AddComment adds an editor's comment on block blockID of revision rev.
func AddComment(ctx context.Context, tx *store.Tx, c *Contribution, rev int, blockID, body string, by Actor) (int64, error) {
	now := time.Now().UTC().Truncate(time.Microsecond)
	id, err := store.InsertID(ctx, tx, `INSERT INTO manuscript_comments (contribution_id, revision, block_id, account_id, account_name, body, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, c.ID, rev, blockID, by.AccountID, by.Name, body, now)
	if err != nil {
		return 0, fmt.Errorf("manuscript comment: %w", err)
	}
	return id, record(ctx, tx, by, "manuscript.comment", c.ID, nil, map[string]any{"comment": id, "revision": rev, "block": blockID})
}

// ResolveComment marks comment commentID of contribution id resolved; a
// comment already resolved is left as it is.
func ResolveComment(ctx context.Context, tx *store.Tx, id, commentID int64, by Actor) error {
	res, err := tx.Exec(ctx, `UPDATE manuscript_comments SET resolved_at = ? WHERE id = ? AND contribution_id = ? AND resolved_at IS NULL`,
		time.Now().UTC(), commentID, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var exists int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM manuscript_comments WHERE id = ? AND contribution_id = ?`, commentID, id).Scan(&exists); err != nil {
			return err
		}
		if exists == 0 {
			return fmt.Errorf("comment %d: %w", commentID, ErrNotFound)
		}
		return nil
	}
	return record(ctx, tx, by, "manuscript.resolve", id, nil, map[string]any{"comment": commentID})
}

// Comments returns the comments on contribution id's manuscript, open ones
// first, each group oldest first.
func Comments(ctx context.Context, q store.Querier, id int64) ([]Comment, error) {
	cs, err := store.All(ctx, q, func(sc store.Scanner) (Comment, error) {
		var c Comment
		var resolved sql.NullTime
		err := sc.Scan(&c.ID, &c.Revision, &c.BlockID, &c.AccountID, &c.AccountName, &c.Body, &c.CreatedAt, &resolved)
		c.ResolvedAt = resolved.Time
		return c, err
	}, `SELECT id, revision, block_id, account_id, account_name, body, created_at, resolved_at FROM manuscript_comments
		WHERE contribution_id = ? ORDER BY id`, id)
	if err != nil {
		return nil, fmt.Errorf("manuscript comments of %d: %w", id, err)
	}
	slices.SortStableFunc(cs, func(a, b Comment) int {
		switch {
		case a.ResolvedAt.IsZero() == b.ResolvedAt.IsZero():
			return 0
		case a.ResolvedAt.IsZero():
			return -1
		}
		return 1
	})
	return cs, nil
}

// Fingerprint is what an approval of the original text is for: the
// revision's number and the SHA-256 of its document model as JSON, so that
// a correction that keeps the number of blocks still changes it. It also
// returns that JSON, the approval's snapshot.
func Fingerprint(number int, d *doc.Document) (string, []byte, error) {
	model, err := json.Marshal(d)
	if err != nil {
		return "", nil, err
	}
	sum := sha256.Sum256(model)
	return fmt.Sprintf("r%d:%s", number, hex.EncodeToString(sum[:])), model, nil
}

// EditedSince returns the numbers of the revisions of contribution id's
// manuscript that someone other than its authors made (an editor's
// correction or upload) after the authors' own last revision, oldest
// first: what an author's next upload, made from their own copy, would
// undo. Who made a revision is read from the event log (manuscript.upload
// and manuscript.correct events name the revision and the account).
func EditedSince(ctx context.Context, q store.Querier, id int64) ([]int, error) {
	authors, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var a int64
		return a, sc.Scan(&a)
	}, `SELECT pa.account_id FROM person_accounts pa JOIN contribution_authors ca ON ca.person_id = pa.person_id WHERE ca.contribution_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("authors of contribution %d: %w", id, err)
	}
	type made struct {
		actor int64
		after string
	}
	evs, err := store.All(ctx, q, func(sc store.Scanner) (made, error) {
		var m made
		var after sql.NullString
		err := sc.Scan(&m.actor, &after)
		m.after = after.String
		return m, err
	}, `SELECT actor_id, after_state FROM events WHERE subject = ? AND action IN ('manuscript.upload', 'manuscript.correct') ORDER BY id`, fmt.Sprintf("contribution:%d", id))
	if err != nil {
		return nil, fmt.Errorf("revisions of contribution %d: %w", id, err)
	}
	var others []int
	for _, e := range evs {
		var st struct {
			Revision int `json:"revision"`
		}
		if json.Unmarshal([]byte(e.after), &st) != nil || st.Revision == 0 {
			continue
		}
		if slices.Contains(authors, e.actor) {
			others = slices.DeleteFunc(others, func(n int) bool { return n < st.Revision })
			continue
		}
		others = append(others, st.Revision)
	}
	slices.Sort(others)
	return slices.Compact(others), nil
}
