package edition

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
)

const columns = `id, collection_id, slug, languages, formats, isbns, publisher_id, publisher_name, publisher_place,
	release_at, time_zone, territories, imprint, preface, note_numbering, page_size, doi_prefix, sample_isbn,
	state, version, edited_at, released_at, created_at,
	build_job_id, build_state, build_format, build_done, build_total, build_error`

func scan(sc store.Scanner) (*Edition, error) {
	e := &Edition{}
	var langs, formats, isbns, name, place, terr, imprint, preface string
	var release, released sql.NullTime
	var job sql.NullInt64
	if err := sc.Scan(&e.ID, &e.CollectionID, &e.Slug, &langs, &formats, &isbns, &e.PublisherID, &name, &place,
		&release, &e.TimeZone, &terr, &imprint, &preface, &e.Notes, &e.PageSize, &e.DOIPrefix, &e.SampleISBN,
		&e.State, &e.Version, &e.EditedAt, &released, &e.CreatedAt,
		&job, &e.Build.State, &e.Build.Format, &e.Build.Done, &e.Build.Total, &e.Build.Error); err != nil {
		return nil, err
	}
	e.Langs = strings.Fields(langs)
	for _, f := range strings.Fields(formats) {
		e.Formats = append(e.Formats, book.Format(f))
	}
	e.Territories = strings.Fields(terr)
	e.ReleaseAt, e.ReleasedAt, e.Build.JobID = release.Time, released.Time, job.Int64
	for _, j := range []struct {
		src string
		dst any
	}{{isbns, &e.ISBN}, {name, &e.PublisherName}, {place, &e.PublisherPlace}, {imprint, &e.Imprint}, {preface, &e.Preface}} {
		if err := json.Unmarshal([]byte(j.src), j.dst); err != nil {
			return nil, fmt.Errorf("edition %d: %w", e.ID, err)
		}
	}
	return e, nil
}

// Get returns edition id, or ErrNotFound.
func Get(ctx context.Context, q store.Querier, id int64) (*Edition, error) {
	e, err := scan(q.QueryRow(ctx, `SELECT `+columns+` FROM editions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("edition %d: %w", id, err)
	}
	return e, nil
}

// BySlug returns the edition whose address is slug, or ErrNotFound.
func BySlug(ctx context.Context, q store.Querier, slug string) (*Edition, error) {
	e, err := scan(q.QueryRow(ctx, `SELECT `+columns+` FROM editions WHERE slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("edition %s: %w", slug, err)
	}
	return e, nil
}

// OfCollection returns the editions of collection id, in the order they
// were made.
func OfCollection(ctx context.Context, q store.Querier, collectionID int64) ([]*Edition, error) {
	es, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM editions WHERE collection_id = ? ORDER BY id`, collectionID)
	if err != nil {
		return nil, fmt.Errorf("editions of collection %d: %w", collectionID, err)
	}
	return es, nil
}

// All returns every edition, by collection and then in the order they were
// made.
func All(ctx context.Context, q store.Querier) ([]*Edition, error) {
	es, err := store.All(ctx, q, scan, `SELECT `+columns+` FROM editions ORDER BY collection_id, id`)
	if err != nil {
		return nil, fmt.Errorf("editions: %w", err)
	}
	return es, nil
}

// SlugTaken reports whether an edition has the address slug.
func SlugTaken(ctx context.Context, q store.Querier, slug string) (bool, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM editions WHERE slug = ?`, slug).Scan(&n); err != nil {
		return false, fmt.Errorf("edition slug: %w", err)
	}
	return n > 0, nil
}

// fields are an edition's stored values that Create and Update write.
func fields(e *Edition) ([]any, error) {
	fs := make([]string, len(e.Formats))
	for i, f := range e.Formats {
		fs[i] = string(f)
	}
	enc := func(v any, empty string) (string, error) {
		b, err := json.Marshal(v)
		if string(b) == "null" {
			return empty, err
		}
		return string(b), err
	}
	var out []any
	for _, v := range []any{e.ISBN, e.PublisherName, e.PublisherPlace, e.Imprint, e.Preface} {
		s, err := enc(v, "{}")
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	var release any
	if !e.ReleaseAt.IsZero() {
		release = e.ReleaseAt.UTC().Truncate(time.Microsecond)
	}
	return append([]any{strings.Join(e.Langs, " "), strings.Join(fs, " ")}, append(out, release, e.TimeZone,
		strings.Join(e.Territories, " "), string(e.Notes), string(e.PageSize), e.DOIPrefix, e.SampleISBN)...), nil
}

// Create records e, a draft, and the event; it fills in e.ID and the
// times. The caller has validated it (Validate) and checked its slug.
func Create(ctx context.Context, tx *store.Tx, e *Edition, by Actor) error {
	vals, err := fields(e)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	e.State, e.Version, e.EditedAt, e.CreatedAt = Draft, 1, now, now
	args := append([]any{e.CollectionID, e.Slug, e.PublisherID}, vals...)
	args = append(args, e.State, now, now)
	e.ID, err = store.InsertID(ctx, tx, `INSERT INTO editions (collection_id, slug, publisher_id, languages, formats, isbns, publisher_name, publisher_place,
		imprint, preface, release_at, time_zone, territories, note_numbering, page_size, doi_prefix, sample_isbn, state, version, edited_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`, args...)
	if err != nil {
		return fmt.Errorf("create edition %s: %w", e.Slug, err)
	}
	return record(ctx, tx, by, "edition.create", e.ID, nil, snapshot(e), "")
}

// Update writes e's fields over edition e.ID if its version is still
// version (else ErrStale) and records the event. A released edition is
// not changed (a *StateError: edition.edit.released). When nothing
// changed (Unchanged) it writes nothing. Otherwise the book's inputs
// changed, so EditedAt moves on and the proofs become stale (see
// Schedule); a scheduled one goes back to proofs: what was approved is
// not what would be released (the office asks before it saves such a
// change). An approved edition keeps its state here: Press.Update, which
// the office calls, settles it by what its proofs are.
func Update(ctx context.Context, tx *store.Tx, e *Edition, version int, by Actor) error {
	old, err := Get(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	if old.State == Released {
		return &StateError{From: old.State, To: old.State, Key: "edition.edit.released"}
	}
	if old.Version != version {
		return ErrStale
	}
	if Unchanged(old, e) {
		// Saving the form as it was changes nothing: the proofs stay
		// current and a scheduled edition stays scheduled.
		return nil
	}
	vals, err := fields(e)
	if err != nil {
		return err
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	args := append(vals, e.PublisherID, now, e.ID, version)
	res, err := tx.Exec(ctx, `UPDATE editions SET languages = ?, formats = ?, isbns = ?, publisher_name = ?, publisher_place = ?, imprint = ?, preface = ?,
		release_at = ?, time_zone = ?, territories = ?, note_numbering = ?, page_size = ?, doi_prefix = ?, sample_isbn = ?,
		publisher_id = ?, edited_at = ?, version = version + 1 WHERE id = ? AND version = ?`, args...)
	if err != nil {
		return fmt.Errorf("update edition %d: %w", e.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrStale
	}
	if old.State == Scheduled {
		// What was approved is not what would be released any more.
		if err := setState(ctx, tx, e.ID, Scheduled, Proofs, by, "edited"); err != nil {
			return err
		}
	}
	return record(ctx, tx, by, "edition.edit", e.ID, snapshot(old), snapshot(e), "")
}

// Unchanged reports whether e has the same fields as old, as the event
// log's snapshot keeps them: saving it would change nothing.
func Unchanged(old, e *Edition) bool {
	a, err1 := json.Marshal(snapshot(old))
	b, err2 := json.Marshal(snapshot(e))
	return err1 == nil && err2 == nil && bytes.Equal(a, b)
}

// snapshot is what the event log keeps of an edition.
func snapshot(e *Edition) map[string]any {
	m := map[string]any{"slug": e.Slug, "languages": e.Langs, "formats": e.Formats, "isbn": e.ISBN, "publisher_id": e.PublisherID,
		"publisher_name": e.PublisherName, "publisher_place": e.PublisherPlace, "time_zone": e.TimeZone, "territories": e.Territories,
		"imprint": e.Imprint, "preface": e.Preface, "notes": e.Notes, "page_size": e.PageSize, "doi_prefix": e.DOIPrefix, "sample_isbn": e.SampleISBN}
	if !e.ReleaseAt.IsZero() {
		m["release_at"] = e.ReleaseAt.UTC().Format(time.RFC3339)
	}
	return m
}

// setState moves edition id from one state to another if it is still in
// from (else a *StateError), and records the event with note.
func setState(ctx context.Context, tx *store.Tx, id int64, from, to State, by Actor, note string) error {
	res, err := tx.Exec(ctx, `UPDATE editions SET state = ?, version = version + 1 WHERE id = ? AND state = ?`, to, id, from)
	if err != nil {
		return fmt.Errorf("edition %d state: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &StateError{From: from, To: to, Key: "edition.state.changed"}
	}
	return record(ctx, tx, by, "edition.state", id, map[string]any{"state": from}, map[string]any{"state": to}, note)
}

func record(ctx context.Context, q store.Querier, by Actor, action string, id int64, before, after any, note string) error {
	e := &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: by.PartnerID, Action: action, Subject: Subject(id), Note: note}
	var err error
	if before != nil {
		if e.Before, err = json.Marshal(before); err != nil {
			return err
		}
	}
	if after != nil {
		if e.After, err = json.Marshal(after); err != nil {
			return err
		}
	}
	return eventlog.Append(ctx, q, e)
}
