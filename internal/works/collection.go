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

// ErrStale is a change made from a form loaded before someone else's
// change of the same thing: nothing is written, and the form comes back
// with what was typed. It is of kind errkind.Conflict.
var ErrStale = fmt.Errorf("works: changed since the form was loaded: %w", errkind.Conflict)

// ForumCollections returns the collections of the forums forumIDs, by
// forum and then in the order they were made, without their editors, and
// the number of contributions of each, in one query.
func ForumCollections(ctx context.Context, q store.Querier, forumIDs []int64) ([]*Collection, map[int64]int, error) {
	if len(forumIDs) == 0 {
		return nil, nil, nil
	}
	in, args := store.In(forumIDs)
	counts := map[int64]int{}
	cs, err := store.All(ctx, q, func(sc store.Scanner) (*Collection, error) {
		c := &Collection{}
		var langs string
		var deadline sql.NullTime
		var n int
		if err := sc.Scan(&c.ID, &c.ForumID, &c.Slug, &c.Title, &c.Description, &langs, &deadline, &c.ReleasedAt, &n); err != nil {
			return nil, err
		}
		c.Languages = strings.Fields(langs)
		c.Deadline = deadline.Time
		counts[c.ID] = n
		return c, nil
	}, `SELECT c.id, c.forum_id, c.slug, c.title, c.description, c.languages, c.deadline, c.released_at,
		(SELECT COUNT(*) FROM contributions k WHERE k.collection_id = c.id)
		FROM collections c WHERE c.forum_id IN (`+in+`) ORDER BY c.forum_id, c.id`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("collections of forums: %w", err)
	}
	return cs, counts, nil
}

// CollectionVersion returns the version of collection id that its office
// form names, so that a save from an old form is refused (ErrStale).
func CollectionVersion(ctx context.Context, q store.Querier, id int64) (int, error) {
	var v int
	err := q.QueryRow(ctx, `SELECT version FROM collections WHERE id = ?`, id).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("collection %d version: %w", id, err)
	}
	return v, nil
}

// CollectionSlugTaken reports whether a collection has the address slug.
func CollectionSlugTaken(ctx context.Context, q store.Querier, slug string) (bool, error) {
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM collections WHERE slug = ?`, slug).Scan(&n); err != nil {
		return false, fmt.Errorf("collection slug: %w", err)
	}
	return n > 0, nil
}

// CreateCollection records c, with its volume editors, and the event; it
// fills in c.ID. The caller has checked the fields.
func CreateCollection(ctx context.Context, tx *store.Tx, c *Collection, by Actor) error {
	var deadline any
	if !c.Deadline.IsZero() {
		deadline = c.Deadline.UTC()
	}
	var err error
	c.ID, err = store.InsertID(ctx, tx, `INSERT INTO collections (forum_id, slug, title, description, languages, released_at, deadline, version, published)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1, FALSE)`, c.ForumID, c.Slug, c.Title, c.Description, strings.Join(c.Languages, " "), c.ReleasedAt.UTC(), deadline)
	if err != nil {
		return fmt.Errorf("create collection %s: %w", c.Slug, err)
	}
	if err := setEditors(ctx, tx, c.ID, c.Editors); err != nil {
		return err
	}
	return collectionEvent(ctx, tx, by, "collection.create", c.ID, nil, collectionState(c))
}

// UpdateCollection writes c's texts, languages, release, deadline and
// editors over collection c.ID if its version is still version (else
// ErrStale), and records the event. It returns the collection as it was.
func UpdateCollection(ctx context.Context, tx *store.Tx, c *Collection, version int, by Actor) (*Collection, error) {
	old, err := GetCollection(ctx, tx, c.ID)
	if err != nil {
		return nil, err
	}
	var deadline any
	if !c.Deadline.IsZero() {
		deadline = c.Deadline.UTC()
	}
	res, err := tx.Exec(ctx, `UPDATE collections SET title = ?, description = ?, languages = ?, released_at = ?, deadline = ?, version = version + 1
		WHERE id = ? AND version = ?`, c.Title, c.Description, strings.Join(c.Languages, " "), c.ReleasedAt.UTC(), deadline, c.ID, version)
	if err != nil {
		return nil, fmt.Errorf("update collection %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil, ErrStale
	}
	if _, err := tx.Exec(ctx, `DELETE FROM collection_editors WHERE collection_id = ?`, c.ID); err != nil {
		return nil, fmt.Errorf("collection %d editors: %w", c.ID, err)
	}
	if err := setEditors(ctx, tx, c.ID, c.Editors); err != nil {
		return nil, err
	}
	if err := collectionEvent(ctx, tx, by, "collection.edit", c.ID, collectionState(old), collectionState(c)); err != nil {
		return nil, err
	}
	return old, nil
}

func setEditors(ctx context.Context, tx *store.Tx, id int64, eds []Editor) error {
	seen := map[int64]bool{}
	for _, e := range eds {
		if seen[e.AccountID] {
			continue
		}
		seen[e.AccountID] = true
		if _, err := tx.Exec(ctx, `INSERT INTO collection_editors (collection_id, account_id, partner_id) VALUES (?, ?, ?)`, id, e.AccountID, e.PartnerID); err != nil {
			return fmt.Errorf("collection %d editor %d: %w", id, e.AccountID, err)
		}
	}
	return nil
}

// collectionState is what the event log keeps of a collection.
func collectionState(c *Collection) map[string]any {
	eds := make([]int64, len(c.Editors))
	for i, e := range c.Editors {
		eds[i] = e.AccountID
	}
	m := map[string]any{"title": c.Title, "description": c.Description, "languages": strings.Join(c.Languages, " "),
		"released_at": c.ReleasedAt.UTC().Format(time.RFC3339), "editors": eds}
	if !c.Deadline.IsZero() {
		m["deadline"] = c.Deadline.UTC().Format(time.RFC3339)
	} else {
		m["deadline"] = nil
	}
	return m
}

// CollectionSubject names a collection in the event log ("collection:3").
func CollectionSubject(id int64) string { return fmt.Sprintf("collection:%d", id) }

// ContributionSubject names a contribution in the event log
// ("contribution:3").
func ContributionSubject(id int64) string { return fmt.Sprintf("contribution:%d", id) }

func collectionEvent(ctx context.Context, q store.Querier, by Actor, action string, id int64, before, after any) error {
	e := &eventlog.Event{ActorID: by.AccountID, ActorName: by.Name, PartnerID: by.PartnerID, Action: action, Subject: CollectionSubject(id)}
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
