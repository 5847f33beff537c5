package sitetext

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/segment"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/translate"
)

var (
	// ErrUnknown: a name that is no site text.
	ErrUnknown = fmt.Errorf("no such site text: %w", errkind.NotFound)
	// ErrPair: a language pair the forum does not have (two of its
	// languages, different).
	ErrPair = fmt.Errorf("not a language pair of the forum: %w", errkind.Invalid)
	// ErrNoTexts: no text of the forum is written in the source language.
	ErrNoTexts = fmt.Errorf("no site text in the source language: %w", errkind.Invalid)
)

// Prepared is what Prepare did.
type Prepared struct {
	Translation *translate.Translation
	// Revised is set when the texts had changed since the last revision
	// of the document, which Prepare then added.
	Revised bool
	Sync    translate.SyncReport
	// Filled counts the segments filled from translations the drafts
	// already had (confirmed where the draft's value was complete).
	Filled int
}

// Prepare brings the translation of forum forumID's texts written in from
// into to up to date with the drafts and returns it. The texts are read
// into the forum's document for from; when they differ from its latest
// revision, they become its next one. The translation then follows it
// (translate.Sync): a text edited since is a segment that needs review, a
// new text new segments. A text new to the translation whose draft already
// has a value in to starts with it, sentence by sentence where the
// sentences pair up: translated when the draft's value is complete, a
// draft where it is marked as a draft translation; those confirmed go into
// the memory (mem, nil for none). Who acts is by.
func Prepare(ctx context.Context, db *store.DB, revs *revision.Store, mem translate.MemoryWriter, forumID int64, from, to string, by approval.Actor) (*Prepared, error) {
	texts, err := Collect(ctx, db, forumID)
	if err != nil {
		return nil, err
	}
	if from == to || !slices.Contains(texts.Languages, from) || !slices.Contains(texts.Languages, to) {
		return nil, fmt.Errorf("site texts of forum %d from %q into %q: %w", forumID, from, to, ErrPair)
	}
	d := texts.Document(from)
	if len(d.Blocks) == 0 {
		return nil, fmt.Errorf("site texts of forum %d in %s: %w", forumID, from, ErrNoTexts)
	}
	title, _ := texts.Title.In(from)
	docID, err := documentFor(ctx, db, forumID, from, title)
	if err != nil {
		return nil, err
	}
	out := &Prepared{}
	latest, err := revs.Latest(ctx, docID)
	switch {
	case errors.Is(err, revision.ErrNotFound):
		out.Revised = true
	case err != nil:
		return nil, err
	default:
		out.Revised = !sameText(latest.Doc, d)
	}
	if out.Revised {
		var md bytes.Buffer
		if err := doc.WriteMarkdown(&md, d); err != nil {
			return nil, fmt.Errorf("site texts of forum %d: %w", forumID, err)
		}
		if _, err := revs.Add(ctx, docID, d, revision.Source{Name: fmt.Sprintf("forum-%d-site-%s.md", forumID, from), Type: "markdown",
			Data: md.Bytes(), By: by.Name, Note: "site texts", KeepIDs: true}); err != nil {
			return nil, err
		}
	}
	err = db.Transact(ctx, func(tx *store.Tx) error {
		tr, rep, err := translate.Sync(ctx, tx, revs, docID, to, OwnerKind, forumID)
		if err != nil {
			return err
		}
		out.Translation, out.Sync = tr, rep
		out.Filled, err = settleBases(ctx, tx, mem, texts, d, tr)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("site texts of forum %d into %s: %w", forumID, to, err)
	}
	return out, nil
}

// documentFor returns the document of forum forumID's texts in lang,
// making it the first time; its title follows the forum's.
func documentFor(ctx context.Context, db *store.DB, forumID int64, lang, title string) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *store.Tx) error {
		err := tx.QueryRow(ctx, `SELECT document_id FROM site_documents WHERE forum_id = ? AND source_lang = ?`, forumID, lang).Scan(&id)
		switch {
		case err == nil:
			_, err = tx.Exec(ctx, `UPDATE documents SET title = ? WHERE id = ? AND title <> ?`, title, id, title)
			return err
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		id, err = store.InsertID(ctx, tx, `INSERT INTO documents (lang, title, created_at) VALUES (?, ?, ?)`, lang, title, time.Now().UTC())
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO site_documents (forum_id, source_lang, document_id) VALUES (?, ?, ?)`, forumID, lang, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("document of forum %d's texts in %s: %w", forumID, lang, err)
	}
	return id, nil
}

// sameText reports whether two site documents hold the same texts under
// the same names.
func sameText(a, b *doc.Document) bool {
	ja, err1 := json.Marshal(a.Blocks)
	jb, err2 := json.Marshal(b.Blocks)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb) && a.Lang == b.Lang
}

// base is what a draft's text said in a target language when the
// translation last saw it.
type base struct {
	source, target string
	done           bool
}

func loadBases(ctx context.Context, q store.Querier, docID int64, lang string) (map[string]base, error) {
	rows, err := q.Query(ctx, `SELECT field, source, target, done FROM site_text_bases WHERE document_id = ? AND lang = ?`, docID, lang)
	if err != nil {
		return nil, fmt.Errorf("bases of document %d in %s: %w", docID, lang, err)
	}
	defer rows.Close()
	out := map[string]base{}
	for rows.Next() {
		var f string
		var b base
		if err := rows.Scan(&f, &b.source, &b.target, &b.done); err != nil {
			return nil, err
		}
		out[f] = b
	}
	return out, rows.Err()
}

func putBase(ctx context.Context, tx *store.Tx, docID int64, lang, field string, b base) error {
	_, err := tx.Exec(ctx, `INSERT INTO site_text_bases (document_id, lang, field, source, target, done) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (document_id, lang, field) DO UPDATE SET source = excluded.source, target = excluded.target, done = excluded.done`,
		docID, lang, field, b.source, b.target, b.done)
	if err != nil {
		return fmt.Errorf("base of %s in %s: %w", field, lang, err)
	}
	return nil
}

// settleBases records, for each text of d new to the translation or whose
// source changed, what its draft says in the target language now, and
// fills the new texts' segments from it. It returns the segments filled.
func settleBases(ctx context.Context, tx *store.Tx, mem translate.MemoryWriter, texts *Texts, d *doc.Document, tr *translate.Translation) (int, error) {
	bases, err := loadBases(ctx, tx, tr.DocumentID, tr.Lang)
	if err != nil {
		return 0, err
	}
	segs, err := translate.Segments(ctx, tx, tr.ID)
	if err != nil {
		return 0, err
	}
	byBlock := map[string][]translate.Segment{}
	for _, s := range segs {
		byBlock[s.BlockID] = append(byBlock[s.BlockID], s)
	}
	filled := 0
	for _, t := range texts.List {
		if t.Value.Source != tr.SourceLang {
			continue
		}
		src, ok := valueOf(d, t.ID)
		if !ok {
			continue
		}
		now := base{source: src, target: t.Value.Values[tr.Lang], done: t.Value.Complete(tr.Lang)}
		old, had := bases[t.ID]
		if had && old.source == src {
			continue
		}
		if err := putBase(ctx, tx, tr.DocumentID, tr.Lang, t.ID, now); err != nil {
			return 0, err
		}
		if had || now.target == "" {
			continue
		}
		n, err := fill(ctx, tx, mem, tr, blocks(t.ID, src), byBlock, now, t.Changed)
		if err != nil {
			return 0, err
		}
		filled += n
	}
	return filled, nil
}

// fill puts the draft's translation of a text into its new, empty
// segments, credited to the site's text (translate.FromSiteText) as of
// changed, when it was last changed (zero: now), paragraph by paragraph and sentence by sentence, where the
// paragraphs and sentences pair up one to one; it leaves the text alone
// where they do not, or where a sentence holds a line break (a code the
// translator places).
func fill(ctx context.Context, tx *store.Tx, mem translate.MemoryWriter, tr *translate.Translation, bs []doc.Block,
	byBlock map[string][]translate.Segment, b base, changed time.Time) (int, error) {
	paras := paragraphs(b.target)
	if len(paras) != len(bs) {
		return 0, nil
	}
	sp, err := segment.Shared(tr.Lang)
	if err != nil {
		return 0, err
	}
	type pair struct {
		seg    translate.Segment
		target string
	}
	var pairs []pair
	for i, bl := range bs {
		segs := byBlock[bl.ID]
		sentences := []string{paras[i]}
		if len(segs) > 1 {
			sentences = segment.Strings(sp, paras[i])
		}
		if len(segs) == 0 || len(sentences) != len(segs) {
			return 0, nil
		}
		for j, s := range segs {
			if s.State != translate.New || !s.Target.IsEmpty() || len(s.Source.Codes()) > 0 || bytes.ContainsRune([]byte(sentences[j]), '\n') {
				return 0, nil
			}
			pairs = append(pairs, pair{s, sentences[j]})
		}
	}
	state := translate.Draft
	if b.done {
		state = translate.Translated
	}
	for _, p := range pairs {
		target := interchange.Content{{Kind: interchange.Text, Text: p.target}}
		if _, _, err := translate.SaveIn(ctx, tx, mem, translate.Edit{SegmentID: p.seg.ID, Version: p.seg.Version, Target: target, State: state, By: translate.FromSiteText, At: changed}); err != nil {
			return 0, err
		}
	}
	return len(pairs), nil
}

// Translations returns the translations of forum forumID's site texts,
// every pair opened so far.
func Translations(ctx context.Context, q store.Querier, forumID int64) ([]*translate.Translation, error) {
	ids, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT t.id FROM translations t JOIN site_documents s ON s.document_id = t.document_id
		WHERE s.forum_id = ? AND t.owner_kind = ? ORDER BY s.source_lang, t.lang`, forumID, OwnerKind)
	if err != nil {
		return nil, fmt.Errorf("site translations of forum %d: %w", forumID, err)
	}
	out := make([]*translate.Translation, 0, len(ids))
	for _, id := range ids {
		tr, err := translate.Get(ctx, q, id)
		if err != nil {
			return nil, err
		}
		out = append(out, tr)
	}
	return out, nil
}
