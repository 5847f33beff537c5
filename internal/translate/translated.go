package translate

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/store"
)

// TranslatedDocument is the document in the translation's language, and
// how much of it is still in the source language.
type TranslatedDocument struct {
	Doc *doc.Document
	// Untranslated counts the segments left in the source language: not
	// confirmed yet (new, draft, needing review).
	Untranslated int
	// Warnings are what putting the translation into the document's
	// structure could not carry over (interchange.Applied.Warnings).
	Warnings []string
}

// Document returns the translated document of translation translationID:
// the source revision it follows, with the confirmed segments' targets in
// place of their sources. Untranslated segments stay in the source language
// (and are marked as such).
func Document(ctx context.Context, q store.Querier, revs *revision.Store, translationID int64) (*doc.Document, error) {
	td, err := DocumentOf(ctx, q, revs, translationID)
	if err != nil {
		return nil, err
	}
	return td.Doc, nil
}

// DocumentOf is Document with the count of segments left untranslated.
func DocumentOf(ctx context.Context, q store.Querier, revs *revision.Store, translationID int64) (*TranslatedDocument, error) {
	tr, err := Get(ctx, q, translationID)
	if err != nil {
		return nil, err
	}
	rev, err := revs.Get(ctx, tr.DocumentID, tr.Revision)
	if err != nil {
		return nil, fmt.Errorf("translated document %d: %w", translationID, err)
	}
	segs, err := Segments(ctx, q, translationID)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]Segment, len(segs))
	for _, s := range segs {
		byKey[s.Key] = s
	}
	d := rev.Doc
	x, err := FromDocument(d, "", tr.SourceLang, tr.Lang)
	if err != nil {
		return nil, fmt.Errorf("translated document %d: %w", translationID, err)
	}
	out := &TranslatedDocument{Doc: d}
	for fi := range x.Files {
		for ui := range x.Files[fi].Units {
			u := &x.Files[fi].Units[ui]
			for si := range u.Segments {
				xs := &u.Segments[si]
				s, ok := byKey[u.ID+"/"+xs.ID]
				if !ok || !s.State.Confirmed() {
					out.Untranslated++
					continue
				}
				xs.Target = s.Target
				xs.State = interchange.Translated
			}
		}
	}
	applied, err := ApplyTranslation(d, x)
	if err != nil {
		return nil, fmt.Errorf("translated document %d: %w", translationID, err)
	}
	for _, w := range applied.Warnings {
		out.Warnings = append(out.Warnings, w.Msg)
	}
	// The source's abstract, keywords and authors are metadata in the
	// source's language, not segments: the translated document does not
	// pass them off as its own (its owner gives them in its language).
	d.Abstract, d.Keywords, d.Authors = "", nil, nil
	return out, nil
}

// Fingerprint identifies this exact version of a translation: a hash of
// the revision it follows and of every segment's key, state and target, so
// that an approval can name what it approved and see when it changed.
func Fingerprint(ctx context.Context, q store.Querier, translationID int64) (string, error) {
	tr, err := Get(ctx, q, translationID)
	if err != nil {
		return "", err
	}
	rows, err := q.Query(ctx, `SELECT key, state, target FROM translation_segments
		WHERE translation_id = ? AND archived_at IS NULL ORDER BY position`, translationID)
	if err != nil {
		return "", fmt.Errorf("fingerprint of translation %d: %w", translationID, err)
	}
	defer rows.Close()
	h := sha256.New()
	fmt.Fprintf(h, "%d\x00%s\x00%s\n", tr.Revision, tr.SourceLang, tr.Lang)
	for rows.Next() {
		var key, state, target string
		if err := rows.Scan(&key, &state, &target); err != nil {
			return "", err
		}
		// Keys and states have no NUL; the target is JSON, which has
		// none either.
		h.Write([]byte(strings.Join([]string{key, state, target}, "\x00") + "\n"))
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
