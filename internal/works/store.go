package works

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/store"
)

// ErrNotFound is returned for a collection or contribution that does not
// exist. It is of kind errkind.NotFound.
var ErrNotFound = fmt.Errorf("works: %w", errkind.NotFound)

// Actor is who makes a change, as the event log records it.
type Actor struct {
	AccountID int64
	Name      string
	PartnerID int64
}

// GetCollection returns collection id with its volume editors.
func GetCollection(ctx context.Context, q store.Querier, id int64) (*Collection, error) {
	c := &Collection{}
	var langs string
	var deadline sql.NullTime
	err := q.QueryRow(ctx, `SELECT id, forum_id, slug, title, description, languages, deadline, released_at FROM collections WHERE id = ?`, id).
		Scan(&c.ID, &c.ForumID, &c.Slug, &c.Title, &c.Description, &langs, &deadline, &c.ReleasedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("collection %d: %w", id, err)
	}
	c.Languages = strings.Fields(langs)
	if deadline.Valid {
		c.Deadline = deadline.Time
	}
	c.Editors, err = store.All(ctx, q, func(sc store.Scanner) (Editor, error) {
		var e Editor
		return e, sc.Scan(&e.AccountID, &e.AccountName, &e.PartnerID)
	}, `SELECT e.account_id, a.name, e.partner_id FROM collection_editors e JOIN accounts a ON a.id = e.account_id
		WHERE e.collection_id = ? ORDER BY e.partner_id, a.name`, id)
	if err != nil {
		return nil, fmt.Errorf("collection %d editors: %w", id, err)
	}
	return c, nil
}

const contributionColumns = `id, collection_id, position, lang, title, abstract, keywords, state, document_id, returned_note, returned_at, returned_by, version, created_at, updated_at`

func scanContribution(sc store.Scanner) (*Contribution, error) {
	c := &Contribution{}
	var keywords string
	var doc sql.NullInt64
	var returned sql.NullTime
	if err := sc.Scan(&c.ID, &c.CollectionID, &c.Position, &c.Lang, &c.Title, &c.Abstract, &keywords, &c.State, &doc,
		&c.Returned, &returned, &c.ReturnedBy, &c.Version, &c.CreatedAt, &c.UpdatedAt); err != nil {
		return nil, err
	}
	c.DocumentID = doc.Int64
	c.ReturnedAt = returned.Time
	if err := json.Unmarshal([]byte(keywords), &c.Keywords); err != nil {
		return nil, fmt.Errorf("contribution %d keywords: %w", c.ID, err)
	}
	return c, nil
}

// GetContribution returns contribution id with its authors, staff and
// languages.
func GetContribution(ctx context.Context, q store.Querier, id int64) (*Contribution, error) {
	c, err := scanContribution(q.QueryRow(ctx, `SELECT `+contributionColumns+` FROM contributions WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("contribution %d: %w", id, err)
	}
	if err := fill(ctx, q, []*Contribution{c}); err != nil {
		return nil, err
	}
	return c, nil
}

// Contributions returns the contributions of a collection in order, each
// with its authors, staff and languages, in four queries whatever their
// number.
func Contributions(ctx context.Context, q store.Querier, collectionID int64) ([]*Contribution, error) {
	cs, err := store.All(ctx, q, scanContribution, `SELECT `+contributionColumns+` FROM contributions WHERE collection_id = ? ORDER BY position, id`, collectionID)
	if err != nil {
		return nil, fmt.Errorf("contributions of %d: %w", collectionID, err)
	}
	if err := fill(ctx, q, cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// fill loads the authors, staff and languages of cs.
func fill(ctx context.Context, q store.Querier, cs []*Contribution) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*Contribution, len(cs))
	ids := make([]int64, len(cs))
	for i, c := range cs {
		byID[c.ID] = c
		ids[i] = c.ID
	}
	in, args := store.In(ids)
	rows, err := q.Query(ctx, `SELECT a.contribution_id, a.person_id, p.names FROM contribution_authors a JOIN people p ON p.id = a.person_id
		WHERE a.contribution_id IN (`+in+`) ORDER BY a.contribution_id, a.position`, args...)
	if err != nil {
		return fmt.Errorf("contribution authors: %w", err)
	}
	for rows.Next() {
		var cid int64
		var a Author
		if err := rows.Scan(&cid, &a.PersonID, &a.Names); err != nil {
			rows.Close()
			return err
		}
		byID[cid].Authors = append(byID[cid].Authors, a)
	}
	rows.Close()
	rows, err = q.Query(ctx, `SELECT s.contribution_id, s.lang, s.account_id, a.name, s.role FROM contribution_staff s JOIN accounts a ON a.id = s.account_id
		WHERE s.contribution_id IN (`+in+`) ORDER BY s.contribution_id, s.lang, s.role, a.name`, args...)
	if err != nil {
		return fmt.Errorf("contribution staff: %w", err)
	}
	for rows.Next() {
		var cid int64
		var s Staff
		if err := rows.Scan(&cid, &s.Lang, &s.AccountID, &s.AccountName, &s.Role); err != nil {
			rows.Close()
			return err
		}
		byID[cid].Staff = append(byID[cid].Staff, s)
	}
	rows.Close()
	rows, err = q.Query(ctx, `SELECT contribution_id, lang, state, updated_at FROM contribution_languages
		WHERE contribution_id IN (`+in+`) ORDER BY contribution_id, lang`, args...)
	if err != nil {
		return fmt.Errorf("contribution languages: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var cid int64
		var l Language
		if err := rows.Scan(&cid, &l.Lang, &l.State, &l.UpdatedAt); err != nil {
			return err
		}
		byID[cid].Languages = append(byID[cid].Languages, l)
	}
	return rows.Err()
}

// CreateContribution adds c at the end of its collection, in state Invited
// unless c.State says otherwise, with its authors, and records the event.
// It fills in c.ID, c.Position and the times.
func CreateContribution(ctx context.Context, tx *store.Tx, c *Contribution, by Actor) error {
	if c.State == "" {
		c.State = Invited
	}
	if c.Keywords == nil {
		c.Keywords = map[string][]string{}
	}
	kw, err := json.Marshal(c.Keywords)
	if err != nil {
		return err
	}
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(position), 0) + 1 FROM contributions WHERE collection_id = ?`, c.CollectionID).Scan(&c.Position); err != nil {
		return fmt.Errorf("contribution position: %w", err)
	}
	now := time.Now().UTC().Truncate(time.Microsecond)
	c.CreatedAt, c.UpdatedAt, c.Version = now, now, 1
	var doc any
	if c.DocumentID != 0 {
		doc = c.DocumentID
	}
	c.ID, err = store.InsertID(ctx, tx, `INSERT INTO contributions (collection_id, position, lang, title, abstract, keywords, state, document_id, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.CollectionID, c.Position, c.Lang, c.Title, c.Abstract, string(kw), c.State, doc, c.Version, now, now)
	if err != nil {
		return fmt.Errorf("create contribution: %w", err)
	}
	for i, a := range c.Authors {
		if _, err := tx.Exec(ctx, `INSERT INTO contribution_authors (contribution_id, person_id, position) VALUES (?, ?, ?)`, c.ID, a.PersonID, i+1); err != nil {
			return fmt.Errorf("contribution author %d: %w", a.PersonID, err)
		}
	}
	return record(ctx, tx, by, "contribution.create", c.ID, nil, map[string]any{"collection_id": c.CollectionID, "state": c.State, "lang": c.Lang})
}

// SetState moves contribution id from state from to state to, if the
// workflow allows it and the contribution is still in from (else a
// *StateError), and records the event with note.
func SetState(ctx context.Context, tx *store.Tx, id int64, from, to State, by Actor, note string) error {
	if err := CheckTransition(from, to); err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE contributions SET state = ?, version = version + 1, updated_at = ? WHERE id = ? AND state = ?`,
		to, time.Now().UTC(), id, from)
	if err != nil {
		return fmt.Errorf("contribution %d state: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return &StateError{From: string(from), To: string(to), Key: "works.state.changed"}
	}
	return recordNote(ctx, tx, by, "contribution.state", id, map[string]any{"state": from}, map[string]any{"state": to}, note)
}

// SetLangState moves language l of contribution id from one state to
// another, as SetState does; from "" creates the language's row (in state
// to) when the original text becomes final.
func SetLangState(ctx context.Context, tx *store.Tx, id int64, l string, from, to LangState, by Actor, note string) error {
	now := time.Now().UTC()
	if from == "" {
		if _, err := tx.Exec(ctx, `INSERT INTO contribution_languages (contribution_id, lang, state, updated_at) VALUES (?, ?, ?, ?)`, id, l, to, now); err != nil {
			return fmt.Errorf("contribution %d language %s: %w", id, l, err)
		}
	} else {
		if err := CheckLangTransition(from, to); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, `UPDATE contribution_languages SET state = ?, updated_at = ? WHERE contribution_id = ? AND lang = ? AND state = ?`, to, now, id, l, from)
		if err != nil {
			return fmt.Errorf("contribution %d language %s: %w", id, l, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return &StateError{From: string(from), To: string(to), Key: "works.state.changed"}
		}
	}
	return recordNote(ctx, tx, by, "contribution.lang_state", id, map[string]any{"lang": l, "state": from}, map[string]any{"lang": l, "state": to}, note)
}

func record(ctx context.Context, q store.Querier, by Actor, action string, id int64, before, after any) error {
	return recordNote(ctx, q, by, action, id, before, after, "")
}

func recordNote(ctx context.Context, q store.Querier, by Actor, action string, id int64, before, after any, note string) error {
	e := &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: by.PartnerID, Action: action,
		Subject: fmt.Sprintf("contribution:%d", id), Note: note}
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
