package subtitle

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/store"
)

// ErrNotFound is returned for a track that does not exist.
var ErrNotFound = store.ErrNotFound

// Provenance says who made a track's text; viewers are told.
type Provenance string

// The provenances of a track.
const (
	// Human: written, or translated, by people.
	Human Provenance = "human"
	// Machine: machine-translated from another track.
	Machine Provenance = "machine"
	// Automatic: made by speech recognition from the video's sound.
	Automatic Provenance = "automatic"
)

// Provenances lists every provenance.
var Provenances = []Provenance{Human, Machine, Automatic}

// A Track is the subtitles of a programme item (a speech) in one language.
type Track struct {
	ID       int64
	SpeechID int64
	Lang     string
	// Provenance says who made the text; SourceLang is the language of the
	// track it was translated from, or "" for one written in its own.
	Provenance Provenance
	SourceLang string
	Cues       []Cue
	// FileName is the name of the file it was read from, or "".
	FileName string
	// CreatedBy is the account that made the track (0 when it is gone or
	// was none), CreatedByName its name then.
	CreatedBy     int64
	CreatedByName string
	CreatedAt     time.Time
	// PublicHash is the Hash of the version every host approved, which
	// the public sees; "" while none was. PublishedAt is when it was
	// approved.
	PublicHash  string
	PublishedAt time.Time
	// public is that version (its cues, provenance and source language),
	// nil while none was approved.
	public *Track
}

// Put stores t as the subtitles of its speech in its language, in place of
// any there were, and sets its ID. Its cues are numbered from 1 in order.
func Put(ctx context.Context, q store.Querier, t *Track) error {
	if !slices.Contains(Provenances, t.Provenance) {
		return fmt.Errorf("subtitles of speech %d in %s: provenance %q is not one of %v", t.SpeechID, t.Lang, t.Provenance, Provenances)
	}
	for i := range t.Cues {
		t.Cues[i].Index = i + 1
	}
	cues, err := json.Marshal(t.Cues)
	if err != nil {
		return fmt.Errorf("subtitles of speech %d in %s: %w", t.SpeechID, t.Lang, err)
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = time.Now()
	}
	t.CreatedAt = t.CreatedAt.UTC().Truncate(time.Microsecond)
	var by any
	if t.CreatedBy != 0 {
		by = t.CreatedBy
	}
	t.ID, err = store.InsertID(ctx, q, `INSERT INTO subtitle_tracks (speech_id, lang, provenance, source_lang, cues, file_name, created_by, created_by_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (speech_id, lang) DO UPDATE SET provenance = excluded.provenance, source_lang = excluded.source_lang, cues = excluded.cues,
			file_name = excluded.file_name, created_by = excluded.created_by, created_by_name = excluded.created_by_name, created_at = excluded.created_at`,
		t.SpeechID, t.Lang, string(t.Provenance), t.SourceLang, string(cues), t.FileName, by, t.CreatedByName, t.CreatedAt)
	if err != nil {
		return fmt.Errorf("subtitles of speech %d in %s: %w", t.SpeechID, t.Lang, err)
	}
	return nil
}

// SameCues reports whether cues a and b say the same: the same text, with
// the same speakers, at the same times, whatever their numbers. A file
// that says what a track already does (the same subtitles saved in
// another encoding) is not a new version of it.
func SameCues(a, b []Cue) bool {
	return slices.EqualFunc(a, b, func(x, y Cue) bool {
		return x.Start == y.Start && x.End == y.End && x.Voice == y.Voice && slices.Equal(x.Lines, y.Lines)
	})
}

// Relabel sets who made the subtitles of a speech in a language
// (provenance and source language) and nothing else: the cues, who
// uploaded them and when stay, so the translations made from them stay
// current. It returns ErrNotFound when there are none.
func Relabel(ctx context.Context, q store.Querier, speechID int64, lang string, prov Provenance, sourceLang string) error {
	if !slices.Contains(Provenances, prov) {
		return fmt.Errorf("subtitles of speech %d in %s: provenance %q is not one of %v", speechID, lang, prov, Provenances)
	}
	res, err := q.Exec(ctx, `UPDATE subtitle_tracks SET provenance = ?, source_lang = ? WHERE speech_id = ? AND lang = ?`, string(prov), sourceLang, speechID, lang)
	if err != nil {
		return fmt.Errorf("subtitles of speech %d in %s: %w", speechID, lang, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("subtitles of speech %d in %s: %w", speechID, lang, err)
	}
	if n == 0 {
		return fmt.Errorf("subtitles of speech %d in %s: %w", speechID, lang, ErrNotFound)
	}
	return nil
}

const trackColumns = `id, speech_id, lang, provenance, source_lang, cues, file_name, COALESCE(created_by, 0), created_by_name, created_at,
	public_cues, public_hash, public_provenance, public_source_lang, public_created_at, published_at`

func scanTrack(sc store.Scanner) (*Track, error) {
	t := &Track{}
	var prov, cues, pubProv, pubSource string
	var pubCues sql.NullString
	var published, pubCreated sql.NullTime
	if err := sc.Scan(&t.ID, &t.SpeechID, &t.Lang, &prov, &t.SourceLang, &cues, &t.FileName, &t.CreatedBy, &t.CreatedByName, &t.CreatedAt,
		&pubCues, &t.PublicHash, &pubProv, &pubSource, &pubCreated, &published); err != nil {
		return nil, err
	}
	t.Provenance = Provenance(prov)
	if err := json.Unmarshal([]byte(cues), &t.Cues); err != nil {
		return nil, fmt.Errorf("track %d: cues: %w", t.ID, err)
	}
	if published.Valid {
		t.PublishedAt = published.Time
	}
	if pubCues.Valid {
		t.public = &Track{ID: t.ID, SpeechID: t.SpeechID, Lang: t.Lang, Provenance: Provenance(pubProv), SourceLang: pubSource,
			PublicHash: t.PublicHash, PublishedAt: t.PublishedAt, CreatedAt: pubCreated.Time}
		if err := json.Unmarshal([]byte(pubCues.String), &t.public.Cues); err != nil {
			return nil, fmt.Errorf("track %d: public cues: %w", t.ID, err)
		}
		t.public.public = t.public
	}
	return t, nil
}

// Get returns the subtitles of a speech in a language, or ErrNotFound.
func Get(ctx context.Context, q store.Querier, speechID int64, lang string) (*Track, error) {
	t, err := scanTrack(q.QueryRow(ctx, `SELECT `+trackColumns+` FROM subtitle_tracks WHERE speech_id = ? AND lang = ?`, speechID, lang))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("subtitles of speech %d in %s: %w", speechID, lang, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("subtitles of speech %d in %s: %w", speechID, lang, err)
	}
	return t, nil
}

// List returns the subtitles of a speech, a track per language, in the
// order of langs (the site's languages) and then by language.
func List(ctx context.Context, q store.Querier, speechID int64, langs ...string) ([]*Track, error) {
	out, err := store.All(ctx, q, scanTrack, `SELECT `+trackColumns+` FROM subtitle_tracks WHERE speech_id = ? ORDER BY lang`, speechID)
	if err != nil {
		return nil, fmt.Errorf("subtitles of speech %d: %w", speechID, err)
	}
	sortTracks(out, langs)
	return out, nil
}

// ListFor returns the subtitles of several speeches at once, by speech,
// each speech's tracks ordered as List orders them; one query.
func ListFor(ctx context.Context, q store.Querier, speechIDs []int64, langs ...string) (map[int64][]*Track, error) {
	out := map[int64][]*Track{}
	if len(speechIDs) == 0 {
		return out, nil
	}
	in, args := store.In(speechIDs)
	all, err := store.All(ctx, q, scanTrack, `SELECT `+trackColumns+` FROM subtitle_tracks WHERE speech_id IN (`+in+`) ORDER BY lang`, args...)
	if err != nil {
		return nil, fmt.Errorf("subtitles of speeches: %w", err)
	}
	sortTracks(all, langs)
	for _, t := range all {
		out[t.SpeechID] = append(out[t.SpeechID], t)
	}
	return out, nil
}

// sortTracks orders tracks by the place of their language in langs, those
// of other languages last, keeping their order otherwise.
func sortTracks(ts []*Track, langs []string) {
	rank := func(l string) int {
		if i := slices.Index(langs, l); i >= 0 {
			return i
		}
		return len(langs)
	}
	slices.SortStableFunc(ts, func(a, b *Track) int { return rank(a.Lang) - rank(b.Lang) })
}

// Delete removes the subtitles of a speech in a language; it is
// ErrNotFound when there are none.
func Delete(ctx context.Context, q store.Querier, speechID int64, lang string) error {
	res, err := q.Exec(ctx, `DELETE FROM subtitle_tracks WHERE speech_id = ? AND lang = ?`, speechID, lang)
	if err != nil {
		return fmt.Errorf("delete subtitles of speech %d in %s: %w", speechID, lang, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("delete subtitles of speech %d in %s: %w", speechID, lang, ErrNotFound)
	}
	return nil
}
