package translate

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

// PairError refuses a TMX file none of whose units has text in both
// languages of the pair chosen for it: it is a memory of another pair.
// Nothing of it is imported.
type PairError struct {
	File     string
	From, To string
	// Found lists the languages the file's units hold, in canonical case.
	Found []string
}

func (e *PairError) Error() string {
	return fmt.Sprintf("%s: no unit has text in both %s and %s (the file holds %v)", e.File, e.From, e.To, e.Found)
}

// ScriptError refuses a TMX file whose units of the pair all have a text
// in another script than its language's: mislabelled languages. Nothing
// of it is imported.
type ScriptError struct {
	File  string
	Units int // units of the pair, all in the wrong script
}

func (e *ScriptError) Error() string {
	return fmt.Sprintf("%s: the text of all %d units of the pair is not in the script of the language its tag says", e.File, e.Units)
}

// TMXImport says what an import of a TMX file did. ReadTMX counts what the
// file holds (Units and the units skipped, by reason); Store counts, of
// the distinct units, those Added, Updated and Unchanged.
type TMXImport struct {
	Units int // units of the file in the pair with text on both sides, repeats included
	// Added counts the units new to the memory; Updated those it had
	// whose date the file makes later, that it had retired and takes
	// back, or that the import gives a collection; Unchanged those it
	// already had as they are. Together they are the file's distinct
	// units (Units less Repeated).
	Added, Updated, Unchanged int
	// Skipped counts the file's units without a variant in both
	// languages of the pair; Empty those with an empty source or target;
	// Repeated those whose texts an earlier unit of the file has.
	Skipped, Empty, Repeated int
	// WrongScript counts the file's units of the pair left out because a
	// text is not in the script of the language its tag says (a zh text in
	// Cyrillic, a ru one in Han characters; see lang.InScript).
	WrongScript int
	// Warnings are the reader's, about what it skipped or assumed.
	Warnings []interchange.Warning
}

// TMXBatch is a TMX file read for the memory, ready to be stored.
type TMXBatch struct {
	TMXImport
	from, to string
	rows     []*unitRow
}

// ReadTMX reads a TMX file (name is used in messages) for the pair
// from → to: its units that have text in both (same language and script:
// zh finds zh-CN), dated by the file (a unit's change date, else its
// creation date, else now), marked as collectionID's when that is not 0;
// units whose text is not in its language's script are left out and
// counted. A file that is not TMX is refused with the reader's
// *interchange.Error, one without a unit in the pair with a *PairError, one
// whose units of the pair are all in the wrong script with a *ScriptError.
func ReadTMX(r io.Reader, name, from, to string, collectionID int64, by string) (*TMXBatch, error) {
	f, err := memoryLang(from)
	if err != nil {
		return nil, fmt.Errorf("import %s: source language: %w", name, err)
	}
	t, err := memoryLang(to)
	if err != nil {
		return nil, fmt.Errorf("import %s: target language: %w", name, err)
	}
	if f == t {
		return nil, fmt.Errorf("import %s: source and target language are both %s", name, f)
	}
	file, err := interchange.ReadTMX(r, name)
	if err != nil {
		return nil, err
	}
	b := &TMXBatch{from: f, to: t}
	b.Warnings = file.Warnings
	now := time.Now().UTC()
	seen := map[string]int{}
	found := map[string]bool{}
	for _, tu := range file.Units {
		for _, v := range tu.Variants {
			found[v.Lang] = true
		}
		src, ok1 := tu.Variant(f)
		tgt, ok2 := tu.Variant(t)
		if !ok1 || !ok2 {
			b.Skipped++
			continue
		}
		if !lang.InScript(src.Lang, src.Seg.Plain()) || !lang.InScript(tgt.Lang, tgt.Seg.Plain()) {
			b.WrongScript++
			continue
		}
		changed := tu.Changed
		if changed.IsZero() {
			changed = tu.Created
		}
		if changed.IsZero() {
			changed = now
		}
		row, err := newUnitRow(MemoryUnit{From: f, To: t, Source: src.Seg, Target: tgt.Seg, Context: tu.Props["x-context"],
			Origin: firstNonEmpty(tu.Props["x-origin"], name), CollectionID: collectionID, By: by, Changed: changed})
		if err != nil {
			return nil, err
		}
		if row == nil {
			b.Empty++
			continue
		}
		row.dated = !tu.Changed.IsZero() || !tu.Created.IsZero()
		// One row per pair and texts: a statement may not update a row
		// twice. The latest date the file gives wins.
		if k, dup := seen[row.key]; dup {
			if first := b.rows[k]; row.dated && (!first.dated || row.changed.After(first.changed)) {
				first.changed, first.dated = row.changed, true
			}
			b.Units++
			b.Repeated++
			continue
		}
		seen[row.key] = len(b.rows)
		b.rows = append(b.rows, row)
		b.Units++
	}
	if len(b.rows) == 0 && b.WrongScript > 0 {
		return nil, &ScriptError{File: name, Units: b.WrongScript}
	}
	if len(b.rows) == 0 {
		langs := make([]string, 0, len(found))
		for l := range found {
			langs = append(langs, l)
		}
		slices.Sort(langs)
		return nil, &PairError{File: name, From: f, To: t, Found: langs}
	}
	return b, nil
}

// Store adds the batch's units to the memory through q, the caller's
// transaction, many to a statement, and counts them (Added, Updated,
// Unchanged). A unit the memory already has is updated only when the file
// dates it later than the memory does, when the memory had retired it, or
// when the import gives it a collection it had none of; otherwise it is
// left as it is.
func (b *TMXBatch) Store(ctx context.Context, q store.Querier) error {
	if err := lockPair(ctx, q, b.from, b.to); err != nil {
		return err
	}
	b.Added, b.Updated, b.Unchanged = 0, 0, 0
	var write []*unitRow
	for rows := b.rows; len(rows) > 0; {
		n := min(len(rows), 400)
		have, err := storedUnits(ctx, q, b.from, b.to, rows[:n])
		if err != nil {
			return err
		}
		for _, r := range rows[:n] {
			st, ok := have[r.key]
			switch {
			case !ok:
				b.Added++
			case st.retired || r.dated && r.changed.Truncate(time.Microsecond).After(st.changed) || r.collection.Valid && !st.collection:
				b.Updated++
			default:
				b.Unchanged++
				continue
			}
			write = append(write, r)
		}
		rows = rows[n:]
	}
	if len(write) == 0 {
		return nil
	}
	return insertUnits(ctx, q, write)
}

// storedUnit is what the memory has of a unit an import brings.
type storedUnit struct {
	changed             time.Time
	retired, collection bool
}

// storedUnits returns what the memory has of rows (of the pair from → to),
// by text key.
func storedUnits(ctx context.Context, q store.Querier, from, to string, rows []*unitRow) (map[string]storedUnit, error) {
	keys := make([]string, len(rows))
	for k, r := range rows {
		keys[k] = r.key
	}
	in, args := store.In(keys)
	out := map[string]storedUnit{}
	_, err := store.All(ctx, q, func(sc store.Scanner) (struct{}, error) {
		var key string
		var u storedUnit
		var retired sql.NullTime
		var coll sql.NullInt64
		err := sc.Scan(&key, &u.changed, &retired, &coll)
		u.retired, u.collection = retired.Valid, coll.Valid
		out[key] = u
		return struct{}{}, err
	}, `SELECT text_key, changed_at, retired_at, collection_id FROM tm_units WHERE from_lang = ? AND to_lang = ? AND text_key IN (`+in+`)`,
		append([]any{from, to}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("memory units of %s → %s: %w", from, to, err)
	}
	return out, nil
}

// ImportTMX reads a TMX file with ReadTMX and stores its units in one
// transaction: either all of them or, when the file is refused, none.
func (m *Memory) ImportTMX(ctx context.Context, r io.Reader, name, from, to string, collectionID int64, by string) (TMXImport, error) {
	b, err := ReadTMX(r, name, from, to, collectionID, by)
	if err != nil {
		return TMXImport{}, err
	}
	if err := m.db.Transact(ctx, func(tx *store.Tx) error { return b.Store(ctx, tx) }); err != nil {
		return TMXImport{}, fmt.Errorf("import %s: %w", name, err)
	}
	return b.TMXImport, nil
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// MemoryFilter chooses units of the memory in use (not retired): of one
// pair (From and To both set) or of all, of one collection (CollectionID)
// or of any.
type MemoryFilter struct {
	From, To     string
	CollectionID int64
}

func (f MemoryFilter) where() (string, []any) {
	w, args := "retired_at IS NULL", []any{}
	if f.From != "" && f.To != "" {
		from, err1 := memoryLang(f.From)
		to, err2 := memoryLang(f.To)
		if err1 != nil || err2 != nil {
			// No unit is of a pair that is not one.
			return "1 = 0", nil
		}
		w += " AND from_lang = ? AND to_lang = ?"
		args = append(args, from, to)
	}
	if f.CollectionID != 0 {
		w += " AND collection_id = ?"
		args = append(args, f.CollectionID)
	}
	return w, args
}

// ExportTMX writes the units f chooses as TMX 1.4b, oldest first, each with
// its source and target, dated by its last change, its context and origin
// as x-context and x-origin properties (which ImportTMX reads back).
// version is tandem's, for the file's header.
func ExportTMX(ctx context.Context, q store.Querier, w io.Writer, f MemoryFilter, version string) error {
	where, args := f.where()
	rows, err := q.Query(ctx, `SELECT id, from_lang, to_lang, source, target, source_codes, target_codes, context, origin, changed_at
		FROM tm_units WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("export memory: %w", err)
	}
	defer rows.Close()
	file := &interchange.TMX{}
	sources := map[string]bool{}
	for rows.Next() {
		var (
			id                                   int64
			from, to, src, tgt, srcC, tgtC, c, o string
			changed                              time.Time
		)
		if err := rows.Scan(&id, &from, &to, &src, &tgt, &srcC, &tgtC, &c, &o, &changed); err != nil {
			return fmt.Errorf("export memory: %w", err)
		}
		sc, err := contentOf(src, srcC)
		if err != nil {
			return fmt.Errorf("export memory unit %d: %w", id, err)
		}
		tc, err := contentOf(tgt, tgtC)
		if err != nil {
			return fmt.Errorf("export memory unit %d: %w", id, err)
		}
		tu := interchange.TU{ID: strconv.FormatInt(id, 10), Changed: changed, Variants: []interchange.TUV{{Lang: from, Seg: sc}, {Lang: to, Seg: tc}}}
		props := map[string]string{}
		if c != "" {
			props["x-context"] = c
		}
		if o != "" {
			props["x-origin"] = o
		}
		if len(props) > 0 {
			tu.Props = props
		}
		sources[from] = true
		file.Units = append(file.Units, tu)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export memory: %w", err)
	}
	file.SrcLang = "*all*"
	if len(sources) == 1 {
		for l := range sources {
			file.SrcLang = l
		}
	}
	return interchange.WriteTMX(w, file, version)
}

// contentOf returns a unit's text with its codes when it has some, else
// its plain text.
func contentOf(plain, codes string) (interchange.Content, error) {
	if codes == "" {
		return interchange.PlainText(plain), nil
	}
	return readCodes(codes)
}

// Pair is a language pair of the memory and how many units it holds.
type Pair struct {
	From, To string
	Units    int
}

// Pairs returns the memory's language pairs, by source then target.
func Pairs(ctx context.Context, q store.Querier) ([]Pair, error) {
	ps, err := store.All(ctx, q, func(r store.Scanner) (Pair, error) {
		var p Pair
		err := r.Scan(&p.From, &p.To, &p.Units)
		return p, err
	}, `SELECT from_lang, to_lang, COUNT(*) FROM tm_units WHERE retired_at IS NULL GROUP BY from_lang, to_lang ORDER BY from_lang, to_lang`)
	if err != nil {
		return nil, fmt.Errorf("memory pairs: %w", err)
	}
	return ps, nil
}

// MemoryCollection is a collection, with the number of the memory's
// units marked as its.
type MemoryCollection struct {
	ID    int64
	Title lang.Text
	Units int
}

// Collections returns every collection with the number of the memory's
// units that are marked as its, for choosing the collection of an import
// and exporting a collection's units.
func Collections(ctx context.Context, q store.Querier) ([]MemoryCollection, error) {
	cs, err := store.All(ctx, q, func(r store.Scanner) (MemoryCollection, error) {
		var c MemoryCollection
		err := r.Scan(&c.ID, &c.Title, &c.Units)
		return c, err
	}, `SELECT c.id, c.title, COUNT(u.id) FROM collections c LEFT JOIN tm_units u ON u.collection_id = c.id AND u.retired_at IS NULL GROUP BY c.id, c.title ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("memory collections: %w", err)
	}
	return cs, nil
}

// StoredUnit is a unit as the memory's page lists it.
type StoredUnit struct {
	ID             int64
	Source, Target string
	Context        string
	Origin         string
	CollectionID   int64
	By             string
	Changed        time.Time
}

// ListUnits returns a page of the units of the pair from → to, newest
// first, and how many the pair has in all.
func ListUnits(ctx context.Context, q store.Querier, from, to string, limit, offset int) ([]StoredUnit, int, error) {
	where, args := MemoryFilter{From: from, To: to}.where()
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM tm_units WHERE `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("memory units: %w", err)
	}
	us, err := store.All(ctx, q, func(r store.Scanner) (StoredUnit, error) {
		var (
			u   StoredUnit
			col sql.NullInt64
		)
		err := r.Scan(&u.ID, &u.Source, &u.Target, &u.Context, &u.Origin, &col, &u.By, &u.Changed)
		u.CollectionID = col.Int64
		return u, err
	}, `SELECT id, source, target, context, origin, collection_id, changed_by, changed_at FROM tm_units WHERE `+where+
		` ORDER BY changed_at DESC, id DESC LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("memory units: %w", err)
	}
	return us, total, nil
}

// originPrefix begins the origin of the units confirmed segments give the
// memory: "translation:ID".
const originPrefix = "translation:"

// OriginTranslation returns the id of the translation a unit's origin
// names, and false for an origin that names none (a TMX file's name).
func OriginTranslation(origin string) (int64, bool) {
	rest, ok := strings.CutPrefix(origin, originPrefix)
	if !ok {
		return 0, false
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	return id, err == nil && id > 0
}

// OriginTranslations returns, in one query, the translations that units'
// origins name, by id; a translation since deleted is missing.
func OriginTranslations(ctx context.Context, q store.Querier, us []StoredUnit) (map[int64]*Translation, error) {
	var ids []int64
	seen := map[int64]bool{}
	for _, u := range us {
		if id, ok := OriginTranslation(u.Origin); ok && !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	out := make(map[int64]*Translation, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	ts, err := store.All(ctx, q, scanTranslation, `SELECT `+translationColumns+` FROM translations t JOIN documents d ON d.id = t.document_id WHERE t.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("memory units' translations: %w", err)
	}
	for _, t := range ts {
		out[t.ID] = t
	}
	return out, nil
}
