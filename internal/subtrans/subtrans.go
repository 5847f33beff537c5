// Package subtrans translates a speech's subtitles in the workbench and
// makes its transcript the speech's text.
//
// A track written in its own language (an original, not a translation)
// becomes a document whose blocks are its cues, one paragraph block per cue
// named "cue-N" after the cue's index. The document is kept as revisions
// (internal/doc/revision) and translated like any other (internal/translate,
// owner kind "subtitles", owner id the speech): translation memory and
// termbase apply, and a cue of several sentences is several segments of one
// block. When every segment of a translation is reviewed, Write makes the
// target language's track from the original's cues: the same indices and
// times, the translated text re-broken into lines for the target language
// (subtitle.Retext). A track uploaded again becomes the document's next
// revision, and its translations follow it (Follow): an edited cue is a
// segment that needs review.
//
// It is a package of its own because it joins subtitles, documents and
// translations, none of which has a reason to know the others.
package subtrans

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/revision"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/subtitle"
	"github.com/tandemforum/tandem/internal/translate"
)

// OwnerKind is the owner kind of the translations of subtitles; their
// owner id is the speech's.
const OwnerKind = "subtitles"

var (
	// ErrNotOriginal: the track is itself a translation (or there is
	// none); only a track written in its own language is translated.
	ErrNotOriginal = fmt.Errorf("not a track written in its own language: %w", errkind.Invalid)
	// ErrPair: the same language, or one tandem does not translate.
	ErrPair = fmt.Errorf("not a language pair to translate subtitles in: %w", errkind.Invalid)
	// ErrNotReady: a segment of the translation is not reviewed yet.
	ErrNotReady = fmt.Errorf("the translation of the subtitles is not reviewed in full: %w", errkind.Invalid)
	// ErrStale: the original track changed since the translation last
	// followed it; it must follow it first (Open).
	ErrStale = fmt.Errorf("the original subtitles changed since they were translated: %w", errkind.Conflict)
)

// blockPrefix begins the identifier of a cue's block: "cue-12".
const blockPrefix = "cue-"

// BlockID is the identifier of the block of the cue with index i.
func BlockID(i int) string { return blockPrefix + strconv.Itoa(i) }

// CueIndex returns the index of the cue whose block is blockID, and false
// for a block that is no cue's.
func CueIndex(blockID string) (int, bool) {
	s, ok := strings.CutPrefix(blockID, blockPrefix)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n > 0
}

// Timing is a cue's time as the workbench shows it beside its segments:
// "00:01:02.300 → 00:01:05.000".
func Timing(c subtitle.Cue) string {
	return subtitle.Timestamp(c.Start, '.') + " → " + subtitle.Timestamp(c.End, '.')
}

// Document returns the document of cues, a track in language tag: a
// paragraph block per cue with text, its lines joined into one (the
// translation is broken into lines again for its own language).
func Document(cues []subtitle.Cue, tag string) *doc.Document {
	d := &doc.Document{Version: doc.Version, Lang: tag, Blocks: []doc.Block{}}
	for _, c := range cues {
		text := join(c.Lines)
		if text == "" {
			continue
		}
		d.Blocks = append(d.Blocks, doc.Block{ID: BlockID(c.Index), Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: text}}})
	}
	return d
}

// join joins pieces of text (a cue's lines, a paragraph's cues) with a
// space, or with nothing where both sides are Chinese, which puts no
// space between its characters.
func join(parts []string) string {
	var b strings.Builder
	var last rune
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			first := []rune(p)[0]
			if !(wide(last) && wide(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
		rs := []rune(p)
		last = rs[len(rs)-1]
	}
	return b.String()
}

// wide reports whether r is a Chinese character or full-width punctuation.
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef || r == '“' || r == '”' || r == '‘' || r == '’' || r == '…' || r == '—'
}

// Source returns the track of speech speechID in lang, when it is written
// in its own language; ErrNotOriginal when it is a translation or there
// is none.
func Source(ctx context.Context, q store.Querier, speechID int64, lang string) (*subtitle.Track, error) {
	t, err := subtitle.Get(ctx, q, speechID, lang)
	if errors.Is(err, subtitle.ErrNotFound) {
		return nil, fmt.Errorf("subtitles of speech %d in %s: %w", speechID, lang, ErrNotOriginal)
	}
	if err != nil {
		return nil, err
	}
	if t.SourceLang != "" {
		return nil, fmt.Errorf("subtitles of speech %d in %s: translated from %s: %w", speechID, lang, t.SourceLang, ErrNotOriginal)
	}
	return t, nil
}

// Open brings the translation of speech speechID's subtitles in from into
// to up to date with the track and returns it, making it the first time:
// the track becomes the next revision of its document when its cues
// changed, and the translation follows (translate.Sync). title names the
// document on the office's pages; by is who acts.
func Open(ctx context.Context, db *store.DB, revs *revision.Store, speechID int64, from, to, title, by string) (*translate.Translation, translate.SyncReport, error) {
	if _, _, err := lang.CheckPair(from, to); from == to || err != nil {
		return nil, translate.SyncReport{}, fmt.Errorf("subtitles of speech %d from %q into %q: %w", speechID, from, to, ErrPair)
	}
	t, err := Source(ctx, db, speechID, from)
	if err != nil {
		return nil, translate.SyncReport{}, err
	}
	docID, err := documentFor(ctx, db, speechID, from, title, true)
	if err != nil {
		return nil, translate.SyncReport{}, err
	}
	if err := revise(ctx, revs, docID, t, by); err != nil {
		return nil, translate.SyncReport{}, err
	}
	var tr *translate.Translation
	var rep translate.SyncReport
	err = db.Transact(ctx, func(tx *store.Tx) error {
		tr, rep, err = translate.Sync(ctx, tx, revs, docID, to, OwnerKind, speechID)
		return err
	})
	if err != nil {
		return nil, rep, fmt.Errorf("subtitles of speech %d into %s: %w", speechID, to, err)
	}
	return tr, rep, nil
}

// Follow brings every translation of speech speechID's subtitles in lang
// up to date with the track as it is now, after it was uploaded again: an
// edited cue's segments need review, a new cue's are new. It does nothing
// when the track was never translated, or is no original. It returns the
// translations it brought up to date, with what Sync did to each.
func Follow(ctx context.Context, db *store.DB, revs *revision.Store, speechID int64, lang, by string) (map[string]translate.SyncReport, error) {
	docID, err := documentFor(ctx, db, speechID, lang, "", false)
	if err != nil || docID == 0 {
		return nil, err
	}
	t, err := Source(ctx, db, speechID, lang)
	if errors.Is(err, ErrNotOriginal) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if err := revise(ctx, revs, docID, t, by); err != nil {
		return nil, err
	}
	out := map[string]translate.SyncReport{}
	err = db.Transact(ctx, func(tx *store.Tx) error {
		langs, err := store.All(ctx, tx, func(sc store.Scanner) (string, error) {
			var l string
			return l, sc.Scan(&l)
		}, `SELECT lang FROM translations WHERE document_id = ? ORDER BY lang`, docID)
		if err != nil {
			return err
		}
		for _, l := range langs {
			_, rep, err := translate.Sync(ctx, tx, revs, docID, l, OwnerKind, speechID)
			if err != nil {
				return err
			}
			out[l] = rep
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("translations of the subtitles of speech %d in %s: %w", speechID, lang, err)
	}
	return out, nil
}

// documentFor returns the document of speech speechID's subtitles in lang,
// making it when create is set (else 0 when there is none); a title given
// becomes its title.
func documentFor(ctx context.Context, db *store.DB, speechID int64, lang, title string, create bool) (int64, error) {
	var id int64
	err := db.Transact(ctx, func(tx *store.Tx) error {
		err := tx.QueryRow(ctx, `SELECT document_id FROM subtitle_documents WHERE speech_id = ? AND source_lang = ?`, speechID, lang).Scan(&id)
		switch {
		case err == nil:
			if title != "" {
				_, err = tx.Exec(ctx, `UPDATE documents SET title = ? WHERE id = ? AND title <> ?`, title, id, title)
			}
			return err
		case !errors.Is(err, sql.ErrNoRows):
			return err
		case !create:
			return nil
		}
		id, err = store.InsertID(ctx, tx, `INSERT INTO documents (lang, title, created_at) VALUES (?, ?, ?)`, lang, title, time.Now().UTC())
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO subtitle_documents (speech_id, source_lang, document_id) VALUES (?, ?, ?)`, speechID, lang, id)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("document of the subtitles of speech %d in %s: %w", speechID, lang, err)
	}
	return id, nil
}

// revise adds track t as the next revision of document docID when its
// cues differ from the latest revision's.
func revise(ctx context.Context, revs *revision.Store, docID int64, t *subtitle.Track, by string) error {
	d := Document(t.Cues, t.Lang)
	latest, err := revs.Latest(ctx, docID)
	switch {
	case errors.Is(err, revision.ErrNotFound):
	case err != nil:
		return err
	case sameBlocks(latest.Doc, d):
		return nil
	}
	var md bytes.Buffer
	if err := doc.WriteMarkdown(&md, d); err != nil {
		return fmt.Errorf("subtitles of speech %d in %s: %w", t.SpeechID, t.Lang, err)
	}
	name := fmt.Sprintf("speech-%d-subtitles-%s.md", t.SpeechID, t.Lang)
	if _, err := revs.Add(ctx, docID, d, revision.Source{Name: name, Type: "markdown", Data: md.Bytes(), By: by, Note: "subtitles", KeepIDs: true}); err != nil {
		return err
	}
	return nil
}

func sameBlocks(a, b *doc.Document) bool {
	ja, err1 := json.Marshal(a.Blocks)
	jb, err2 := json.Marshal(b.Blocks)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// Status is where the translation of a speech's subtitles into a language
// stands.
type Status struct {
	Translation *translate.Translation
	// Cues counts the cues with text; Translated those whose every
	// segment is confirmed by its translator (or later), Reviewed those
	// whose every segment is reviewed or approved.
	Cues, Translated, Reviewed int
	// Current is set when the translation follows the original track as
	// it is now; Ready when, moreover, every cue is reviewed, so that
	// Write makes the track.
	Current, Ready bool
	// Written is set when the target language's track is what Write would
	// make of the translation now.
	Written bool
}

// Statuses returns where each translation of speech speechID's subtitles
// stands, in the order of the target languages.
func Statuses(ctx context.Context, q store.Querier, revs *revision.Store, speechID int64) ([]Status, error) {
	ids, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT t.id FROM translations t JOIN subtitle_documents s ON s.document_id = t.document_id
		WHERE s.speech_id = ? AND t.owner_kind = ? ORDER BY s.source_lang, t.lang`, speechID, OwnerKind)
	if err != nil {
		return nil, fmt.Errorf("subtitle translations of speech %d: %w", speechID, err)
	}
	out := make([]Status, 0, len(ids))
	for _, id := range ids {
		tr, err := translate.Get(ctx, q, id)
		if err != nil {
			return nil, err
		}
		st, _, err := status(ctx, q, revs, tr)
		if err != nil {
			return nil, err
		}
		out = append(out, st)
	}
	return out, nil
}

// status says where tr stands and returns the cues Write would make of it
// (nil unless it is Ready).
func status(ctx context.Context, q store.Querier, revs *revision.Store, tr *translate.Translation) (Status, []subtitle.Cue, error) {
	st := Status{Translation: tr}
	src, err := Source(ctx, q, tr.OwnerID, tr.SourceLang)
	if errors.Is(err, ErrNotOriginal) {
		return st, nil, nil
	}
	if err != nil {
		return st, nil, err
	}
	rev, err := revs.Get(ctx, tr.DocumentID, tr.Revision)
	if err != nil {
		return st, nil, err
	}
	st.Current = sameBlocks(rev.Doc, Document(src.Cues, src.Lang))
	segs, err := translate.Segments(ctx, q, tr.ID)
	if err != nil {
		return st, nil, err
	}
	type cue struct {
		translated, reviewed bool
		texts                []string
	}
	cues := map[int]*cue{}
	for _, s := range segs {
		i, ok := CueIndex(s.BlockID)
		if !ok {
			continue
		}
		c := cues[i]
		if c == nil {
			c = &cue{translated: true, reviewed: true}
			cues[i] = c
		}
		c.translated = c.translated && s.State.Confirmed()
		c.reviewed = c.reviewed && (s.State == translate.Reviewed || s.State == translate.Approved)
		c.texts = append(c.texts, s.Target.Plain())
	}
	st.Cues = len(cues)
	texts := map[int]string{}
	for i, c := range cues {
		if c.translated {
			st.Translated++
		}
		if c.reviewed {
			st.Reviewed++
		}
		texts[i] = join(c.texts)
	}
	st.Ready = st.Current && st.Cues > 0 && st.Reviewed == st.Cues
	if !st.Ready {
		return st, nil, nil
	}
	out := subtitle.Retext(src.Cues, texts, tr.Lang)
	if t, err := subtitle.Get(ctx, q, tr.OwnerID, tr.Lang); err == nil {
		st.Written = t.SourceLang == tr.SourceLang && sameCues(t.Cues, out)
	} else if !errors.Is(err, subtitle.ErrNotFound) {
		return st, nil, err
	}
	return st, out, nil
}

func sameCues(a, b []subtitle.Cue) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && bytes.Equal(ja, jb)
}

// Write makes the track of translation tr's language from it, in place of
// any there was: the original's cues with their indices and times, each
// with its translation re-broken into lines for the language, made by
// people (there is no machine translation in tandem). It returns nil when
// the track already is the translation, and is ErrNotReady
// while a segment is not reviewed, and ErrStale when the original track
// changed since the translation followed it.
func Write(ctx context.Context, tx *store.Tx, revs *revision.Store, tr *translate.Translation, byID int64, byName string, at time.Time) (*subtitle.Track, error) {
	if tr.OwnerKind != OwnerKind {
		return nil, fmt.Errorf("translation %d of a %s: %w", tr.ID, tr.OwnerKind, errkind.NotFound)
	}
	st, cues, err := status(ctx, tx, revs, tr)
	if err != nil {
		return nil, err
	}
	switch {
	case !st.Current:
		return nil, fmt.Errorf("translation %d: %w", tr.ID, ErrStale)
	case !st.Ready:
		return nil, fmt.Errorf("translation %d: %d of %d cues reviewed: %w", tr.ID, st.Reviewed, st.Cues, ErrNotReady)
	case st.Written:
		return nil, nil
	}
	t := &subtitle.Track{SpeechID: tr.OwnerID, Lang: tr.Lang, Provenance: subtitle.Human, SourceLang: tr.SourceLang, Cues: cues,
		CreatedBy: byID, CreatedByName: byName, CreatedAt: at}
	if err := subtitle.Put(ctx, tx, t); err != nil {
		return nil, err
	}
	return t, nil
}

// Overlong is a cue of a subtitles translation whose text, re-broken into
// lines for its language as Write will do, still does not fit: Lines are
// the lines Break makes, Widths their widths (subtitle.Width), Limit the
// language's longest line.
type Overlong struct {
	Lines  []string
	Widths []int
	Limit  int
}

// Overlongs returns, by cue block, the cues of segs (the segments of a
// subtitles translation into language tag) whose translation so far is
// too long for two subtitle lines: Break makes a line over the
// language's limit (16 full-width characters in Chinese, 42 characters
// otherwise), so that the cue, written as a track, would be hard to read
// in its time. Segments not yet translated count for nothing.
func Overlongs(segs []translate.Segment, tag string) map[string]Overlong {
	texts := map[string][]string{}
	var order []string
	for _, s := range segs {
		if _, ok := CueIndex(s.BlockID); !ok || s.State == translate.New || s.Target.IsEmpty() {
			continue
		}
		if _, seen := texts[s.BlockID]; !seen {
			order = append(order, s.BlockID)
		}
		texts[s.BlockID] = append(texts[s.BlockID], s.Target.Plain())
	}
	out := map[string]Overlong{}
	limit := subtitle.Limit(tag)
	for _, b := range order {
		lines := subtitle.Break(join(texts[b]), tag)
		o := Overlong{Lines: lines, Limit: limit}
		over := len(lines) > subtitle.MaxLines
		for _, l := range lines {
			w := subtitle.Width(l, tag)
			o.Widths = append(o.Widths, w)
			over = over || w > limit
		}
		if over {
			out[b] = o
		}
	}
	return out
}
