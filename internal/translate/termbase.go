package translate

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/qa"
	"github.com/tandemforum/tandem/internal/store"
)

// Entry is one concept of a forum's termbase (a person, an institution, a
// treaty's title) with its terms in each language.
type Entry struct {
	ID, ForumID int64
	Subject     string // the subject field or domain ("diplomacy", "law")
	Note        string // what the entry names, for translators
	Terms       []EntryTerm
	UpdatedBy   string
	UpdatedAt   time.Time
	// Version is raised by every save: UpdateEntry saves over the version
	// the editor's form was loaded with only.
	Version int
}

// EntryTerm is a term of an entry in one language.
type EntryTerm struct {
	Lang         string
	Text         string
	Status       interchange.TermStatus // "" when unsaid
	PartOfSpeech string                 // noun, verb, adjective, proper noun…, or ""
	Note         string
}

// PartsOfSpeech are the parts of speech a term may be marked with (TBX's
// partOfSpeech values).
var PartsOfSpeech = []string{"noun", "properNoun", "verb", "adjective", "adverb", "other"}

// Statuses are the statuses a term may have, "" being none said.
var Statuses = []interchange.TermStatus{"", interchange.Preferred, interchange.Admitted, interchange.Deprecated, interchange.Forbidden}

// EntryError says what is wrong with an entry given to CreateEntry or
// UpdateEntry: Field is "terms" for the entry as a whole, or "terms.N.lang",
// "terms.N.text", "terms.N.status", "terms.N.pos" for its Nth term (from 0);
// Reason is one of "noterm", "lang", "empty", "script" (a term not in its
// language's script: a ru term in Han characters, see lang.InScript),
// "status", "pos", "duplicate".
type EntryError struct {
	Field, Reason string
}

func (e *EntryError) Error() string { return fmt.Sprintf("termbase entry: %s: %s", e.Field, e.Reason) }

// Validate cleans e's terms (white space trimmed, language tags in
// canonical case, rows with neither language nor text dropped) and returns
// an *EntryError for the first thing wrong.
func (e *Entry) Validate() error {
	var terms []EntryTerm
	for _, t := range e.Terms {
		t.Lang, t.Text = strings.TrimSpace(t.Lang), strings.Join(strings.Fields(t.Text), " ")
		t.Note, t.PartOfSpeech = strings.TrimSpace(t.Note), strings.TrimSpace(t.PartOfSpeech)
		if t.Lang == "" && t.Text == "" {
			continue
		}
		terms = append(terms, t)
	}
	e.Terms = terms
	e.Subject, e.Note = strings.TrimSpace(e.Subject), strings.TrimSpace(e.Note)
	if len(e.Terms) == 0 {
		return &EntryError{"terms", "noterm"}
	}
	for k := range e.Terms {
		t := &e.Terms[k]
		field := "terms." + strconv.Itoa(k) + "."
		tag, err := lang.ParseTag(t.Lang)
		if err != nil {
			return &EntryError{field + "lang", "lang"}
		}
		t.Lang = tag
		if t.Text == "" {
			return &EntryError{field + "text", "empty"}
		}
		if lang.CheckPlain(t.Text) != nil {
			return &EntryError{field + "text", "empty"}
		}
		if !lang.InScript(t.Lang, t.Text) {
			return &EntryError{field + "text", "script"}
		}
		if !slices.Contains(Statuses, t.Status) {
			return &EntryError{field + "status", "status"}
		}
		if t.PartOfSpeech != "" && !slices.Contains(PartsOfSpeech, t.PartOfSpeech) {
			return &EntryError{field + "pos", "pos"}
		}
		for _, o := range e.Terms[:k] {
			if lang.SameLanguage(o.Lang, t.Lang) && strings.EqualFold(o.Text, t.Text) {
				return &EntryError{field + "text", "duplicate"}
			}
		}
	}
	return nil
}

// CreateEntry validates e and adds it to its forum's termbase, setting its
// ID.
func CreateEntry(ctx context.Context, q store.Querier, e *Entry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	e.UpdatedAt = time.Now().UTC()
	id, err := store.InsertID(ctx, q, `INSERT INTO termbase_entries (forum_id, subject, note, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)`,
		e.ForumID, e.Subject, e.Note, e.UpdatedBy, e.UpdatedAt)
	if err != nil {
		return fmt.Errorf("add termbase entry: %w", err)
	}
	e.ID, e.Version = id, 1
	return insertTerms(ctx, q, e)
}

func insertTerms(ctx context.Context, q store.Querier, e *Entry) error {
	for k, t := range e.Terms {
		if _, err := q.Exec(ctx, `INSERT INTO termbase_terms (entry_id, position, lang, text, status, part_of_speech, note) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.ID, k, t.Lang, t.Text, string(t.Status), t.PartOfSpeech, t.Note); err != nil {
			return fmt.Errorf("termbase entry %d: %w", e.ID, err)
		}
	}
	return nil
}

// ErrStaleEntry refuses to save an entry over a version newer than the one
// the change was made to: someone saved it meanwhile.
var ErrStaleEntry = errors.New("termbase entry: saved by someone else meanwhile")

// UpdateEntry validates e and replaces the stored entry of the same ID and
// forum if it is still at e.Version, raising e.Version; ErrStaleEntry when
// it has moved on, store.ErrNotFound when there is none.
func UpdateEntry(ctx context.Context, q store.Querier, e *Entry) error {
	if err := e.Validate(); err != nil {
		return err
	}
	e.UpdatedAt = time.Now().UTC()
	res, err := q.Exec(ctx, `UPDATE termbase_entries SET subject = ?, note = ?, updated_by = ?, updated_at = ?, version = version + 1
		WHERE id = ? AND forum_id = ? AND version = ?`,
		e.Subject, e.Note, e.UpdatedBy, e.UpdatedAt, e.ID, e.ForumID, e.Version)
	if err != nil {
		return fmt.Errorf("update termbase entry %d: %w", e.ID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		var v int
		if err := q.QueryRow(ctx, `SELECT version FROM termbase_entries WHERE id = ? AND forum_id = ?`, e.ID, e.ForumID).Scan(&v); err != nil {
			return store.ErrNotFound
		}
		return fmt.Errorf("termbase entry %d at version %d, not %d: %w", e.ID, v, e.Version, ErrStaleEntry)
	}
	e.Version++
	if _, err := q.Exec(ctx, `DELETE FROM termbase_terms WHERE entry_id = ?`, e.ID); err != nil {
		return fmt.Errorf("update termbase entry %d: %w", e.ID, err)
	}
	return insertTerms(ctx, q, e)
}

// DeleteEntry removes entry id of forumID's termbase with its terms;
// store.ErrNotFound when there is none.
func DeleteEntry(ctx context.Context, q store.Querier, forumID, id int64) error {
	res, err := q.Exec(ctx, `DELETE FROM termbase_entries WHERE id = ? AND forum_id = ?`, id, forumID)
	if err != nil {
		return fmt.Errorf("delete termbase entry %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return store.ErrNotFound
	}
	return nil
}

// GetEntry returns entry id of forumID's termbase; store.ErrNotFound when
// there is none.
func GetEntry(ctx context.Context, q store.Querier, forumID, id int64) (*Entry, error) {
	es, err := entries(ctx, q, forumID, id)
	if err != nil {
		return nil, err
	}
	if len(es) == 0 {
		return nil, store.ErrNotFound
	}
	return &es[0], nil
}

// Entries returns the entries of forumID's termbase, oldest first.
func Entries(ctx context.Context, q store.Querier, forumID int64) ([]Entry, error) {
	return entries(ctx, q, forumID, 0)
}

// entries returns forumID's entries, or only entry id when id is not 0, in
// two queries.
func entries(ctx context.Context, q store.Querier, forumID, id int64) ([]Entry, error) {
	where, args := "e.forum_id = ?", []any{forumID}
	if id != 0 {
		where += " AND e.id = ?"
		args = append(args, id)
	}
	es, err := store.All(ctx, q, func(r store.Scanner) (Entry, error) {
		var e Entry
		err := r.Scan(&e.ID, &e.ForumID, &e.Subject, &e.Note, &e.UpdatedBy, &e.UpdatedAt, &e.Version)
		return e, err
	}, `SELECT e.id, e.forum_id, e.subject, e.note, e.updated_by, e.updated_at, e.version FROM termbase_entries e WHERE `+where+` ORDER BY e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("termbase of forum %d: %w", forumID, err)
	}
	if len(es) == 0 {
		return nil, nil
	}
	at := make(map[int64]int, len(es))
	for k, e := range es {
		at[e.ID] = k
	}
	type row struct {
		entry int64
		t     EntryTerm
	}
	ts, err := store.All(ctx, q, func(r store.Scanner) (row, error) {
		var (
			x      row
			status string
		)
		err := r.Scan(&x.entry, &x.t.Lang, &x.t.Text, &status, &x.t.PartOfSpeech, &x.t.Note)
		x.t.Status = interchange.TermStatus(status)
		return x, err
	}, `SELECT t.entry_id, t.lang, t.text, t.status, t.part_of_speech, t.note FROM termbase_terms t
		JOIN termbase_entries e ON e.id = t.entry_id WHERE `+where+` ORDER BY t.entry_id, t.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("termbase of forum %d: %w", forumID, err)
	}
	for _, x := range ts {
		if k, ok := at[x.entry]; ok {
			es[k].Terms = append(es[k].Terms, x.t)
		}
	}
	return es, nil
}

// Search returns the entries of es with a term, note or subject that
// contains query in any letter case, or a term in which query's words
// stand, compared by stem (a Russian case form finds its term); all of es
// for an empty query.
func Search(es []Entry, query string) []Entry {
	query = strings.TrimSpace(query)
	if query == "" {
		return es
	}
	lq := strings.ToLower(query)
	var out []Entry
	for _, e := range es {
		found := strings.Contains(strings.ToLower(e.Note), lq) || strings.Contains(strings.ToLower(e.Subject), lq)
		for _, t := range e.Terms {
			if found {
				break
			}
			found = strings.Contains(strings.ToLower(t.Text), lq) || len(qa.FindTerms(termbaseOf(t.Lang, query), t.Text, t.Lang)) > 0
		}
		if found {
			out = append(out, e)
		}
	}
	return out
}

// termbaseOf returns a termbase of one term, to find it with qa.FindTerms.
func termbaseOf(tag, text string) *interchange.Termbase {
	return &interchange.Termbase{Entries: []interchange.Concept{{Terms: []interchange.Term{{Lang: tag, Text: text}}}}}
}

// conceptID names entry id in a termbase's Concept.ID (and a TBX file's
// termEntry id, which must not start with a digit).
func conceptID(id int64) string { return "e" + strconv.FormatInt(id, 10) }

// Concept returns e as an interchange concept: its note is the definition.
func (e *Entry) Concept() interchange.Concept {
	c := interchange.Concept{ID: conceptID(e.ID), Definition: e.Note}
	for _, t := range e.Terms {
		c.Terms = append(c.Terms, interchange.Term{Lang: t.Lang, Text: t.Text, Status: t.Status, Note: t.Note})
	}
	return c
}

// Terms returns forumID's termbase for the quality checks (qa.NewChecker)
// and Hits.
func Terms(ctx context.Context, q store.Querier, forumID int64) (*interchange.Termbase, error) {
	es, err := Entries(ctx, q, forumID)
	if err != nil {
		return nil, err
	}
	tb := &interchange.Termbase{}
	for k := range es {
		tb.Entries = append(tb.Entries, es[k].Concept())
	}
	return tb, nil
}

// TermHit is a term of the termbase found in a segment's source, with its
// agreed translations.
type TermHit struct {
	Source string // the term as it stands in the source
	// Targets are the entry's usable terms in the target language,
	// preferred first.
	Targets    []string
	Start, End int // byte offsets of the term in the source text
	EntryID    int64
	Note       string // the entry's note
}

// Hits lists the terms of tb used in src, text in language from, in the
// order they stand, with their agreed translations into to; terms are
// matched as the terminology check matches them (qa.FindTerms): Russian
// and English by stem and in any letter case, Chinese by characters, a
// shorter term inside a longer one not listed. A term whose entry has no
// usable term in to is listed with no targets: the translator learns it is
// a term to be agreed.
func Hits(tb *interchange.Termbase, from, to, src string) []TermHit {
	var out []TermHit
	for _, u := range qa.FindTerms(tb, src, from) {
		c := tb.Entries[u.Concept]
		h := TermHit{Source: src[u.Start:u.End], Start: u.Start, End: u.End, Note: c.Definition}
		if id, err := strconv.ParseInt(strings.TrimPrefix(c.ID, "e"), 10, 64); err == nil {
			h.EntryID = id
		}
		for _, t := range c.In(to) {
			if !slices.Contains(h.Targets, t.Text) {
				h.Targets = append(h.Targets, t.Text)
			}
		}
		// The same term twice in the source is one hit per place; two
		// terms of one entry at one place are one hit.
		if n := len(out); n > 0 && out[n-1].EntryID == h.EntryID && out[n-1].Start == h.Start && h.EntryID != 0 {
			continue
		}
		out = append(out, h)
	}
	return out
}

// ErrEmptyTermbase is returned by an import of a file that holds no entry.
var ErrEmptyTermbase = errors.New("no termbase entry in the file")
