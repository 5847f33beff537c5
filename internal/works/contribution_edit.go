package works

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/tandemforum/tandem/internal/eventlog"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// UpdateContribution writes c's metadata (original language, title,
// abstract, keywords) and its authors over contribution c.ID if its
// version is still version (else ErrStale), and, unless metadataOnly,
// its staff too; it records the event and sets c.Version. An author
// editing their own contribution changes the metadata only. The original
// language is fixed once a manuscript is uploaded (a *StateError,
// works.contribution.langfixed).
func UpdateContribution(ctx context.Context, tx *store.Tx, c *Contribution, version int, metadataOnly bool, by Actor) error {
	old, err := GetContribution(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	if old.DocumentID != 0 && c.Lang != old.Lang {
		return &StateError{From: old.Lang, To: c.Lang, Key: "works.contribution.langfixed"}
	}
	if c.Keywords == nil {
		c.Keywords = map[string][]string{}
	}
	kw, err := json.Marshal(c.Keywords)
	if err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE contributions SET lang = ?, title = ?, abstract = ?, keywords = ?, version = version + 1, updated_at = ?
		WHERE id = ? AND version = ?`, c.Lang, c.Title, c.Abstract, string(kw), time.Now().UTC(), c.ID, version)
	if err != nil {
		return fmt.Errorf("update contribution %d: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrStale
	}
	c.Version = version + 1
	if _, err := tx.Exec(ctx, `DELETE FROM contribution_authors WHERE contribution_id = ?`, c.ID); err != nil {
		return fmt.Errorf("contribution %d authors: %w", c.ID, err)
	}
	if err := insertAuthors(ctx, tx, c.ID, c.Authors); err != nil {
		return err
	}
	if metadataOnly {
		c.Staff = old.Staff
	} else {
		if _, err := tx.Exec(ctx, `DELETE FROM contribution_staff WHERE contribution_id = ?`, c.ID); err != nil {
			return fmt.Errorf("contribution %d staff: %w", c.ID, err)
		}
		if err := InsertStaff(ctx, tx, c.ID, c.Staff); err != nil {
			return err
		}
	}
	if err := record(ctx, tx, by, "contribution.edit", c.ID, contributionState(old), contributionState(c)); err != nil {
		return err
	}
	// A language's title, abstract and keywords are part of what the
	// hosts approved of it: changed, its approvals lapse.
	for _, l := range MetadataChanged(old, c) {
		if err := Reopen(ctx, tx, c.ID, l, by); err != nil {
			return err
		}
	}
	return nil
}

// Metadata is what a contribution says of itself in one language, besides
// its text: its title, abstract and keywords.
type Metadata struct {
	Title, Abstract string
	Keywords        []string
}

// MetadataIn returns c's metadata in language l.
func (c *Contribution) MetadataIn(l string) Metadata {
	return Metadata{Title: c.Title.Values[l], Abstract: c.Abstract.Values[l], Keywords: c.Keywords[l]}
}

// Equal says whether m and o say the same.
func (m Metadata) Equal(o Metadata) bool {
	return m.Title == o.Title && m.Abstract == o.Abstract && slices.Equal(m.Keywords, o.Keywords)
}

// MetadataChanged lists the languages, sorted, in which a and b differ in
// title, abstract or keywords.
func MetadataChanged(a, b *Contribution) []string {
	seen := map[string]bool{}
	var out []string
	add := func(ls ...string) {
		for _, l := range ls {
			if !seen[l] {
				seen[l] = true
				if !a.MetadataIn(l).Equal(b.MetadataIn(l)) {
					out = append(out, l)
				}
			}
		}
	}
	for _, c := range []*Contribution{a, b} {
		for l := range c.Title.Values {
			add(l)
		}
		for l := range c.Abstract.Values {
			add(l)
		}
		for l := range c.Keywords {
			add(l)
		}
	}
	slices.Sort(out)
	return out
}

// MetadataBefore returns c's metadata in language l as it stood at time
// at: as the first edit of the contribution after at found it, or as it
// is when it has not been edited since.
func MetadataBefore(ctx context.Context, q store.Querier, c *Contribution, l string, at time.Time) (Metadata, error) {
	events, err := eventlog.List(ctx, q, eventlog.Filter{Subject: ContributionSubject(c.ID), Since: at})
	if err != nil {
		return Metadata{}, fmt.Errorf("metadata of contribution %d before %s: %w", c.ID, at, err)
	}
	var first *eventlog.Event
	for _, e := range events {
		if e.Action == "contribution.edit" && e.At.After(at) && (first == nil || e.At.Before(first.At) || e.At.Equal(first.At) && e.ID < first.ID) {
			first = e
		}
	}
	if first == nil || first.Before == nil {
		return c.MetadataIn(l), nil
	}
	var st struct {
		Title    lang.Text           `json:"title"`
		Abstract lang.Text           `json:"abstract"`
		Keywords map[string][]string `json:"keywords"`
	}
	if err := json.Unmarshal(first.Before, &st); err != nil {
		return Metadata{}, fmt.Errorf("metadata of contribution %d before %s: %w", c.ID, at, err)
	}
	return Metadata{Title: st.Title.Values[l], Abstract: st.Abstract.Values[l], Keywords: st.Keywords[l]}, nil
}

func insertAuthors(ctx context.Context, tx *store.Tx, id int64, authors []Author) error {
	var seen []int64
	for _, a := range authors {
		if slices.Contains(seen, a.PersonID) {
			continue
		}
		seen = append(seen, a.PersonID)
		if _, err := tx.Exec(ctx, `INSERT INTO contribution_authors (contribution_id, person_id, position) VALUES (?, ?, ?)`, id, a.PersonID, len(seen)); err != nil {
			return fmt.Errorf("contribution %d author %d: %w", id, a.PersonID, err)
		}
	}
	return nil
}

// InsertStaff adds the translators and reviewers of contribution id.
func InsertStaff(ctx context.Context, tx *store.Tx, id int64, staff []Staff) error {
	type key struct {
		l    string
		acct int64
		r    StaffRole
	}
	seen := map[key]bool{}
	for _, s := range staff {
		k := key{s.Lang, s.AccountID, s.Role}
		if seen[k] {
			continue
		}
		seen[k] = true
		if _, err := tx.Exec(ctx, `INSERT INTO contribution_staff (contribution_id, lang, account_id, role) VALUES (?, ?, ?, ?)`,
			id, s.Lang, s.AccountID, s.Role); err != nil {
			return fmt.Errorf("contribution %d staff: %w", id, err)
		}
	}
	return nil
}

// contributionState is what the event log keeps of a contribution's
// metadata, authors and staff.
func contributionState(c *Contribution) map[string]any {
	authors := make([]int64, len(c.Authors))
	for i, a := range c.Authors {
		authors[i] = a.PersonID
	}
	staff := map[string][]int64{}
	for _, s := range c.Staff {
		k := s.Lang + "_" + string(s.Role) + "s"
		staff[k] = append(staff[k], s.AccountID)
	}
	return map[string]any{"original_lang": c.Lang, "title": c.Title, "abstract": c.Abstract, "keywords": c.Keywords,
		"authors": authors, "staff": staff}
}

// Shift moves contribution id one place up (delta -1) or down (+1) in its
// collection, swapping it with its neighbour; at either end it stays. It
// records the event.
func Shift(ctx context.Context, tx *store.Tx, id int64, delta int, by Actor) error {
	c, err := GetContribution(ctx, tx, id)
	if err != nil {
		return err
	}
	ids, err := order(ctx, tx, c.CollectionID)
	if err != nil {
		return err
	}
	i := slices.Index(ids, id)
	j := i + delta
	if i < 0 || j < 0 || j >= len(ids) {
		return nil
	}
	ids[i], ids[j] = ids[j], ids[i]
	return setOrder(ctx, tx, c.CollectionID, ids, by)
}

// Reorder puts the contributions of a collection in the order of ids
// (dragged into place). ids must name every contribution of the
// collection once, in any order, else ErrStale: the list on the page was
// not the collection's any more.
func Reorder(ctx context.Context, tx *store.Tx, collectionID int64, ids []int64, by Actor) error {
	cur, err := order(ctx, tx, collectionID)
	if err != nil {
		return err
	}
	a, b := slices.Clone(cur), slices.Clone(ids)
	slices.Sort(a)
	slices.Sort(b)
	if !slices.Equal(a, b) {
		return ErrStale
	}
	if slices.Equal(cur, ids) {
		return nil
	}
	return setOrder(ctx, tx, collectionID, ids, by)
}

func order(ctx context.Context, q store.Querier, collectionID int64) ([]int64, error) {
	ids, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT id FROM contributions WHERE collection_id = ? ORDER BY position, id`, collectionID)
	if err != nil {
		return nil, fmt.Errorf("order of collection %d: %w", collectionID, err)
	}
	return ids, nil
}

func setOrder(ctx context.Context, tx *store.Tx, collectionID int64, ids []int64, by Actor) error {
	before, err := order(ctx, tx, collectionID)
	if err != nil {
		return err
	}
	for i, id := range ids {
		if _, err := tx.Exec(ctx, `UPDATE contributions SET position = ? WHERE id = ? AND collection_id = ?`, i+1, id, collectionID); err != nil {
			return fmt.Errorf("order of collection %d: %w", collectionID, err)
		}
	}
	return collectionEvent(ctx, tx, by, "collection.order", collectionID, map[string]any{"order": before}, map[string]any{"order": ids})
}

// AccountPeople returns the people account acct acts for (person_accounts):
// an author's account is linked to the person the contributions name.
func AccountPeople(ctx context.Context, q store.Querier, acct int64) ([]int64, error) {
	ids, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT person_id FROM person_accounts WHERE account_id = ? ORDER BY person_id`, acct)
	if err != nil {
		return nil, fmt.Errorf("people of account %d: %w", acct, err)
	}
	return ids, nil
}

// LinkPerson records that account acct acts for person personID.
func LinkPerson(ctx context.Context, tx *store.Tx, personID, acct int64) error {
	var n int
	if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM person_accounts WHERE person_id = ? AND account_id = ?`, personID, acct).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO person_accounts (person_id, account_id) VALUES (?, ?)`, personID, acct); err != nil {
		return fmt.Errorf("link person %d to account %d: %w", personID, acct, err)
	}
	return nil
}

// Authored returns the contributions whose authors include a person that
// account acct acts for, by collection and position, each with its
// authors, staff and languages.
func Authored(ctx context.Context, q store.Querier, acct int64) ([]*Contribution, error) {
	cs, err := store.All(ctx, q, scanContribution, `SELECT `+contributionColumns+` FROM contributions WHERE id IN (
		SELECT a.contribution_id FROM contribution_authors a JOIN person_accounts p ON p.person_id = a.person_id WHERE p.account_id = ?)
		ORDER BY collection_id, position, id`, acct)
	if err != nil {
		return nil, fmt.Errorf("contributions of account %d: %w", acct, err)
	}
	if err := fill(ctx, q, cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// IsAuthor reports whether account acct acts for one of c's authors.
func IsAuthor(people []int64, c *Contribution) bool {
	for _, a := range c.Authors {
		if slices.Contains(people, a.PersonID) {
			return true
		}
	}
	return false
}
