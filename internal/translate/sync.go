package translate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
)

// SyncReport says what Sync did to the segments.
type SyncReport struct {
	// Created is set when the translation was made by this call.
	Created bool
	// From and To are the revisions followed before and after (From is
	// 0 for a new translation).
	From, To int
	// Kept counts segments whose source did not change (their target and
	// state kept), Changed those whose source changed (now needs_review,
	// the old target kept in Previous), Added the new ones and Archived
	// those the revision no longer has. Restored counts archived
	// segments that came back with their translation.
	Kept, Changed, Added, Archived, Restored int
}

// piece is one sentence of a document as the segmentation cuts it.
type piece struct {
	key, blockID, blockKind string
	source                  interchange.Content
	hash                    string
}

// cut cuts d into sentences the way the XLIFF export does
// (FromDocument), so that the workbench and desktop CAT tools
// see the same segments under the same keys.
func cut(d *doc.Document, srcLang, lang string) ([]piece, error) {
	x, err := FromDocument(d, "", srcLang, lang)
	if err != nil {
		return nil, err
	}
	kinds := blockKinds(d)
	var out []piece
	for _, u := range x.Units() {
		blockID, what, _ := strings.Cut(u.ID, ".")
		kind := kinds[blockID]
		switch {
		case u.ID == "title":
			kind = "title"
		case strings.HasSuffix(what, "alt"):
			kind = "alt"
		case what == "caption":
			kind = "caption"
		case what == "label":
			kind = "label"
		case what == "number":
			kind = "number"
		}
		if kind == "" {
			kind = string(doc.Paragraph)
		}
		for _, s := range u.Segments {
			out = append(out, piece{key: u.ID + "/" + s.ID, blockID: blockID, blockKind: kind, source: s.Source, hash: hashContent(s.Source)})
		}
	}
	return out, nil
}

// hashContent identifies a source text with its codes.
func hashContent(c interchange.Content) string {
	sum := sha256.Sum256([]byte(encodeContent(c)))
	return hex.EncodeToString(sum[:16])
}

// blockKinds names what each block of d is where it stands: a heading, a
// paragraph, a quotation, a list item, a table cell, a figure, a note or a
// page header or footer.
func blockKinds(d *doc.Document) map[string]string {
	out := map[string]string{}
	// walk names the blocks of bs; around is what they stand in (a
	// note, a table cell), "" in the body's flow.
	var walk func(bs []doc.Block, around string)
	walk = func(bs []doc.Block, around string) {
		for i := range bs {
			b := &bs[i]
			kind := around
			if kind == "" {
				kind = string(b.Type)
			}
			out[b.ID] = kind
			inner := func(k string) string {
				if around != "" {
					return around
				}
				return k
			}
			walk(b.Blocks, inner("quote"))
			if b.List != nil {
				for j := range b.List.Items {
					walk(b.List.Items[j].Blocks, inner("item"))
				}
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for j := range r.Cells {
						walk(r.Cells[j].Blocks, inner("cell"))
					}
				}
			}
		}
	}
	walk(d.Blocks, "")
	for i := range d.Notes {
		walk(d.Notes[i].Blocks, "note")
	}
	for i := range d.Headers {
		walk(d.Headers[i].Blocks, "header")
	}
	return out
}

// Sync creates the translation of document docID into lang, or brings it
// to the document's latest revision. A sentence whose source did not change
// keeps its target and state, wherever it moved; one whose source changed
// (the same place, another text) becomes NeedsReview, its target kept and
// copied, with the old source, into Previous; a new sentence is New; one
// the revision no longer has is archived (kept, not shown), and comes back
// with its translation if a later revision has it again.
func Sync(ctx context.Context, tx *store.Tx, revs *revision.Store, docID int64, lang, ownerKind string, ownerID int64) (*Translation, SyncReport, error) {
	var rep SyncReport
	rev, err := revs.Latest(ctx, docID)
	if err != nil {
		return nil, rep, fmt.Errorf("sync translation: %w", err)
	}
	var docLang string
	if err := tx.QueryRow(ctx, `SELECT lang FROM documents WHERE id = ?`, docID).Scan(&docLang); err != nil {
		return nil, rep, fmt.Errorf("sync translation of document %d: %w", docID, err)
	}
	srcLang := docLang
	if srcLang == "" {
		srcLang = rev.Doc.Lang
	}
	pieces, err := cut(rev.Doc, srcLang, lang)
	if err != nil {
		return nil, rep, fmt.Errorf("sync translation of document %d into %s: %w", docID, lang, err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	tr, err := ByDocument(ctx, tx, docID, lang)
	switch {
	case errors.Is(err, ErrNotFound):
		id, err := store.InsertID(ctx, tx, `INSERT INTO translations (document_id, source_lang, lang, revision, owner_kind, owner_id, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, docID, srcLang, lang, rev.Number, ownerKind, ownerID, now, now)
		if err != nil {
			return nil, rep, fmt.Errorf("create translation of document %d into %s: %w", docID, lang, err)
		}
		rep.Created = true
		for i, p := range pieces {
			if err := insertPiece(ctx, tx, id, i, p, now); err != nil {
				return nil, rep, err
			}
		}
		rep.Added = len(pieces)
		rep.To = rev.Number
		tr, err := Get(ctx, tx, id)
		return tr, rep, err
	case err != nil:
		return nil, rep, err
	}
	rep.From, rep.To = tr.Revision, rev.Number
	old, err := store.All(ctx, tx, scanSegmentArchived, `SELECT `+segmentColumns+`, archived_at IS NOT NULL FROM translation_segments WHERE translation_id = ? ORDER BY position`, tr.ID)
	if err != nil {
		return nil, rep, err
	}
	// Claim, for each new sentence, the old segment that has the same
	// text under the same key, else the same text anywhere (a sentence
	// that moved, or came back), else the same key (a sentence edited in
	// place). What is left unclaimed is archived.
	claimed := make([]bool, len(old))
	match := make([]int, len(pieces))
	byKeyHash := map[string]int{}
	byHash := map[string][]int{}
	byKey := map[string]int{}
	for i, o := range old {
		h := hashContent(o.Source)
		byKeyHash[o.Key+"\x00"+h] = i
		byHash[h] = append(byHash[h], i)
		if _, ok := byKey[o.Key]; !ok || !o.archived {
			byKey[o.Key] = i
		}
	}
	for i, p := range pieces {
		match[i] = -1
		if j, ok := byKeyHash[p.key+"\x00"+p.hash]; ok && !claimed[j] {
			match[i], claimed[j] = j, true
		}
	}
	for i, p := range pieces {
		if match[i] >= 0 {
			continue
		}
		for _, j := range byHash[p.hash] {
			if !claimed[j] && !old[j].archived {
				match[i], claimed[j] = j, true
				break
			}
		}
		if match[i] >= 0 {
			continue
		}
		for _, j := range byHash[p.hash] {
			if !claimed[j] {
				match[i], claimed[j] = j, true
				break
			}
		}
	}
	// A block whose identifier changed (edited and moved, so that the
	// revision store could not carry its identifier over) is known by
	// its sentences that did not change: its edited sentences are looked
	// for under the old block's keys.
	unitOf := func(key string) string { u, _, _ := strings.Cut(key, "/"); return u }
	formerUnit := map[string]string{}
	for i, p := range pieces {
		if j := match[i]; j >= 0 {
			if u, was := unitOf(p.key), unitOf(old[j].Key); u != was {
				if _, seen := formerUnit[u]; !seen {
					formerUnit[u] = was
				}
			}
		}
	}
	for i, p := range pieces {
		if match[i] >= 0 {
			continue
		}
		keys := []string{p.key}
		if was, ok := formerUnit[unitOf(p.key)]; ok {
			_, n, _ := strings.Cut(p.key, "/")
			keys = append(keys, was+"/"+n)
		}
		for _, k := range keys {
			if j, ok := byKey[k]; ok && !claimed[j] && !old[j].archived {
				match[i], claimed[j] = j, true
				break
			}
		}
	}
	for i, p := range pieces {
		j := match[i]
		if j < 0 {
			if err := insertPiece(ctx, tx, tr.ID, i, p, now); err != nil {
				return nil, rep, err
			}
			rep.Added++
			continue
		}
		o := old[j]
		switch {
		case hashContent(o.Source) == p.hash:
			if o.archived {
				rep.Restored++
			} else {
				rep.Kept++
			}
			_, err = tx.Exec(ctx, `UPDATE translation_segments SET key = ?, position = ?, block_id = ?, block_kind = ?, archived_at = NULL WHERE id = ?`,
				p.key, i, p.blockID, p.blockKind, o.ID)
		case o.State == New && o.Target.IsEmpty():
			// Nothing was translated: the segment is simply new text.
			rep.Changed++
			_, err = tx.Exec(ctx, `UPDATE translation_segments SET key = ?, position = ?, block_id = ?, block_kind = ?, source = ?, source_hash = ?, chars = ?,
				version = version + 1, updated_at = ? WHERE id = ?`,
				p.key, i, p.blockID, p.blockKind, encodeContent(p.source), p.hash, chars(p.source), now, o.ID)
		default:
			rep.Changed++
			_, err = tx.Exec(ctx, `UPDATE translation_segments SET key = ?, position = ?, block_id = ?, block_kind = ?, source = ?, source_hash = ?, chars = ?,
				state = ?, previous = ?, previous_source = ?, returned = ?, version = version + 1, updated_at = ? WHERE id = ?`,
				p.key, i, p.blockID, p.blockKind, encodeContent(p.source), p.hash, chars(p.source),
				string(NeedsReview), encodeContent(o.Target), encodeContent(o.Source), false, now, o.ID)
		}
		if err != nil {
			return nil, rep, fmt.Errorf("sync segment %d: %w", o.ID, err)
		}
	}
	for j, o := range old {
		if claimed[j] || o.archived {
			continue
		}
		if _, err := tx.Exec(ctx, `UPDATE translation_segments SET archived_at = ?, version = version + 1 WHERE id = ?`, now, o.ID); err != nil {
			return nil, rep, fmt.Errorf("archive segment %d: %w", o.ID, err)
		}
		rep.Archived++
	}
	if _, err := tx.Exec(ctx, `UPDATE translations SET revision = ?, source_lang = ?, owner_kind = ?, owner_id = ?, updated_at = ? WHERE id = ?`,
		rev.Number, srcLang, ownerKind, ownerID, now, tr.ID); err != nil {
		return nil, rep, err
	}
	tr, err = Get(ctx, tx, tr.ID)
	return tr, rep, err
}

// archivedSegment is a segment read with whether it is archived.
type archivedSegment struct {
	Segment
	archived bool
}

func scanSegmentArchived(row store.Scanner) (archivedSegment, error) {
	var a archivedSegment
	var state, src, tgt, prev, prevSrc string
	err := row.Scan(&a.ID, &a.TranslationID, &a.Key, &a.Position, &a.BlockID, &a.BlockKind, &src, &tgt, &state, &a.Version,
		&a.UpdatedBy, &a.UpdatedAt, &a.Comment, &a.Returned, &prev, &prevSrc, &a.archived)
	if err != nil {
		return a, err
	}
	a.State = State(state)
	if a.Source, err = decodeContent(src); err != nil {
		return a, err
	}
	if a.Target, err = decodeContent(tgt); err != nil {
		return a, err
	}
	return a, nil
}

func insertPiece(ctx context.Context, tx *store.Tx, translationID int64, pos int, p piece, now time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO translation_segments (translation_id, key, position, block_id, block_kind, source, source_hash, chars, state, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, translationID, p.key, pos, p.blockID, p.blockKind, encodeContent(p.source), p.hash, chars(p.source), string(New), now)
	if err != nil {
		return fmt.Errorf("add segment %s: %w", p.key, err)
	}
	return nil
}
