package translate

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"time"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/tm"
)

// Memory is the installation's translation memory. Its units live in the
// database (tm_units); each language pair also has an in-memory fuzzy
// index (internal/tm) that every lookup first brings up to date with the
// rows of that pair it has not seen (those with a greater id), in one
// small query, so that a unit confirmed through one server process is
// found at once through every other; and, in another, the retirements of
// units it has not seen (tm_retirements), so that a unit a newer
// translation of its segment replaced is suggested by none. It is safe for
// concurrent use.
type Memory struct {
	db    *store.DB
	mu    sync.Mutex
	pairs map[pairKey]*pairIndex
}

type pairKey struct{ from, to string }

// pairIndex is the fuzzy index of one language pair, the greatest unit id
// it holds and the greatest retirement id it applied; mu makes one lookup
// at a time read the new rows.
type pairIndex struct {
	mu          sync.Mutex
	mem         *tm.Memory
	loaded      bool
	last        int64
	lastRetired int64
}

// NewMemory returns the memory kept in db.
func NewMemory(db *store.DB) *Memory {
	return &Memory{db: db, pairs: map[pairKey]*pairIndex{}}
}

// memoryLang returns the tag under which the memory keeps units of the
// language tag s names: its primary language, and its script when that is
// not the language's usual one, so that zh-CN and zh are one language of
// the memory and zh-TW (zh-Hant) another, as lang.SameLanguage has it.
func memoryLang(s string) (string, error) {
	tag, err := lang.ParseTag(s)
	if err != nil {
		return "", err
	}
	base := lang.Base(tag)
	if sc := lang.Script(tag); sc != lang.Script(base) {
		return base + "-" + sc, nil
	}
	return base, nil
}

// MemoryWriter is what saving a segment needs of the memory: to add the
// confirmed segment in the caller's transaction. *Memory implements it.
type MemoryWriter interface {
	Add(ctx context.Context, q store.Querier, u MemoryUnit) error
}

// MemoryUnit is one translated segment for the memory.
type MemoryUnit struct {
	From, To       string // language tags of source and target
	Source, Target interchange.Content
	// Context says where the segment stood (the segment before it, or a
	// key), for in-context matches; Origin names the document or file.
	Context, Origin string
	CollectionID    int64 // 0 when not from a collection
	By              string
	Changed         time.Time
	// Supersedes says the unit replaces the units of the same Origin with
	// the same source text and another translation: a translation's segment
	// confirmed again after a correction. Those are retired, no longer
	// suggested, listed or exported. Units of TMX files retire none.
	Supersedes bool
}

// Add stores u in the memory through q, the caller's transaction: a unit
// with the same pair, source and target as one already stored only
// updates that one's date and author (and its collection, when it had
// none), and puts it back in use if it was retired. When u.Supersedes, the
// other units of u's origin with its source text are retired. A unit with
// an empty source or target is not stored.
func (m *Memory) Add(ctx context.Context, q store.Querier, u MemoryUnit) error {
	r, err := newUnitRow(u)
	if err != nil || r == nil {
		return err
	}
	if err := lockPair(ctx, q, r.from, r.to); err != nil {
		return err
	}
	if err := insertUnits(ctx, q, []*unitRow{r}); err != nil {
		return err
	}
	if !u.Supersedes || r.origin == "" {
		return nil
	}
	return retireSuperseded(ctx, q, r)
}

// retireSuperseded retires the units of r's pair and origin with r's source
// text (and codes) but another translation, and logs each retirement for
// the indexes of every process. r is stored already, so that the greatest
// id is never a retired row's (it is never one deleted, either).
func retireSuperseded(ctx context.Context, q store.Querier, r *unitRow) error {
	ids, err := store.All(ctx, q, func(s store.Scanner) (int64, error) {
		var id int64
		err := s.Scan(&id)
		return id, err
	}, `UPDATE tm_units SET retired_at = ? WHERE from_lang = ? AND to_lang = ? AND origin = ? AND source = ? AND source_codes = ?
		AND text_key <> ? AND retired_at IS NULL RETURNING id`, r.changed, r.from, r.to, r.origin, r.source, r.sourceCodes, r.key)
	if err != nil {
		return fmt.Errorf("retire memory units of %s: %w", r.origin, err)
	}
	return logRetirements(ctx, q, r.from, r.to, ids, true, r.changed)
}

// logRetirements writes to tm_retirements that the units ids of the pair
// were retired (or, with retired false, put back in use).
func logRetirements(ctx context.Context, q store.Querier, from, to string, ids []int64, retired bool, at time.Time) error {
	for _, id := range ids {
		if _, err := q.Exec(ctx, `INSERT INTO tm_retirements (from_lang, to_lang, unit_id, retired, at) VALUES (?, ?, ?, ?, ?)`,
			from, to, id, retired, at); err != nil {
			return fmt.Errorf("memory unit %d: %w", id, err)
		}
	}
	return nil
}

// unitRow is a unit as a row of tm_units.
type unitRow struct {
	from, to, source, target, sourceCodes, targetCodes, context, origin, by, key string
	collection                                                                   sql.NullInt64
	changed                                                                      time.Time
	// dated is set when changed is the file's date of the unit, not the
	// time of the import.
	dated bool
}

func newUnitRow(u MemoryUnit) (*unitRow, error) {
	from, err := memoryLang(u.From)
	if err != nil {
		return nil, fmt.Errorf("memory unit: source language: %w", err)
	}
	to, err := memoryLang(u.To)
	if err != nil {
		return nil, fmt.Errorf("memory unit: target language: %w", err)
	}
	src, tgt := u.Source.Plain(), u.Target.Plain()
	if strings.TrimSpace(src) == "" || strings.TrimSpace(tgt) == "" {
		return nil, nil
	}
	r := &unitRow{from: from, to: to, source: src, target: tgt, context: u.Context, origin: u.Origin, by: u.By, changed: u.Changed.UTC()}
	if r.changed.IsZero() {
		r.changed = time.Now().UTC()
	}
	if r.sourceCodes, err = codesJSON(u.Source); err != nil {
		return nil, err
	}
	if r.targetCodes, err = codesJSON(u.Target); err != nil {
		return nil, err
	}
	if u.CollectionID != 0 {
		r.collection = sql.NullInt64{Int64: u.CollectionID, Valid: true}
	}
	h := sha256.New()
	for _, s := range []string{src, tgt, r.sourceCodes, r.targetCodes} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	r.key = hex.EncodeToString(h.Sum(nil))
	return r, nil
}

// codesJSON returns c as JSON when it holds inline codes, and "" when it is
// plain text (the plain column says it all).
func codesJSON(c interchange.Content) (string, error) {
	if len(c.Codes()) == 0 {
		return "", nil
	}
	b, err := json.Marshal(c)
	if err != nil {
		return "", fmt.Errorf("memory unit: %w", err)
	}
	return string(b), nil
}

// lockPair makes, on PostgreSQL, the transactions that add units of one
// pair take their ids one after the other until they commit, so that a
// unit with a smaller id than one a lookup has seen is never committed
// after it, and no process's index misses it. SQLite's transactions write
// one at a time already.
func lockPair(ctx context.Context, q store.Querier, from, to string) error {
	if q.Dialect() != store.Postgres {
		return nil
	}
	h := fnv.New64a()
	h.Write([]byte("tm_units\x00" + from + "\x00" + to))
	if _, err := q.Exec(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(h.Sum64())); err != nil {
		return fmt.Errorf("lock memory %s→%s: %w", from, to, err)
	}
	return nil
}

// unitColumns are the columns insertUnits writes, in order.
const unitColumns = 12

// insertUnits writes rows, which hold no two with the same pair and texts,
// many to a statement; a row already stored and retired is put back in
// use.
func insertUnits(ctx context.Context, q store.Querier, rows []*unitRow) error {
	const perStatement = 400
	for len(rows) > 0 {
		n := min(len(rows), perStatement)
		if err := restoreUnits(ctx, q, rows[:n]); err != nil {
			return err
		}
		var b strings.Builder
		b.WriteString(`INSERT INTO tm_units (from_lang, to_lang, source, target, source_codes, target_codes, context, origin, collection_id, changed_by, changed_at, text_key) VALUES `)
		args := make([]any, 0, n*unitColumns)
		for k, r := range rows[:n] {
			if k > 0 {
				b.WriteString(", ")
			}
			b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, r.from, r.to, r.source, r.target, r.sourceCodes, r.targetCodes, r.context, r.origin, r.collection, r.by, r.changed, r.key)
		}
		// A unit added again keeps the later of its two dates, and who
		// made that change.
		b.WriteString(` ON CONFLICT (from_lang, to_lang, text_key) DO UPDATE SET
			changed_at = CASE WHEN excluded.changed_at > tm_units.changed_at THEN excluded.changed_at ELSE tm_units.changed_at END,
			changed_by = CASE WHEN excluded.changed_at > tm_units.changed_at THEN excluded.changed_by ELSE tm_units.changed_by END,
			collection_id = COALESCE(tm_units.collection_id, excluded.collection_id)`)
		if _, err := q.Exec(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("add memory units: %w", err)
		}
		rows = rows[n:]
	}
	return nil
}

// restoreUnits puts back in use the retired units with the pair and texts
// of rows (all of one pair), and logs it for the indexes.
func restoreUnits(ctx context.Context, q store.Querier, rows []*unitRow) error {
	keys := make([]string, len(rows))
	for k, r := range rows {
		keys[k] = r.key
	}
	in, args := store.In(keys)
	ids, err := store.All(ctx, q, func(s store.Scanner) (int64, error) {
		var id int64
		err := s.Scan(&id)
		return id, err
	}, `UPDATE tm_units SET retired_at = NULL WHERE from_lang = ? AND to_lang = ? AND text_key IN (`+in+`) AND retired_at IS NOT NULL RETURNING id`,
		append([]any{rows[0].from, rows[0].to}, args...)...)
	if err != nil {
		return fmt.Errorf("add memory units: %w", err)
	}
	return logRetirements(ctx, q, rows[0].from, rows[0].to, ids, false, rows[0].changed)
}

// Lookup returns the memory's best matches (at most tm.MaxMatches, of
// tm.Threshold percent or more, best first) for src in the pair from → to,
// scored as internal/tm scores them; context is the segment's, for
// in-context matches. The first lookup of a pair loads its units; each
// lookup then reads the units added since.
func (m *Memory) Lookup(ctx context.Context, from, to string, src interchange.Content, context string) ([]tm.Match, error) {
	idx, err := m.refresh(ctx, from, to)
	if err != nil {
		return nil, err
	}
	return idx.mem.Lookup(src.Plain(), context), nil
}

// Units returns the number of units the pair's index holds after bringing
// it up to date.
func (m *Memory) Units(ctx context.Context, from, to string) (int, error) {
	idx, err := m.refresh(ctx, from, to)
	if err != nil {
		return 0, err
	}
	return idx.mem.Len(), nil
}

// refresh returns the index of the pair with the rows added since it was
// last read.
func (m *Memory) refresh(ctx context.Context, from, to string) (*pairIndex, error) {
	f, err := memoryLang(from)
	if err != nil {
		return nil, fmt.Errorf("memory lookup: source language: %w", err)
	}
	t, err := memoryLang(to)
	if err != nil {
		return nil, fmt.Errorf("memory lookup: target language: %w", err)
	}
	k := pairKey{f, t}
	m.mu.Lock()
	idx := m.pairs[k]
	if idx == nil {
		idx = &pairIndex{mem: tm.New(f, t)}
		m.pairs[k] = idx
	}
	m.mu.Unlock()

	idx.mu.Lock()
	defer idx.mu.Unlock()
	if !idx.loaded {
		// The units loaded below are as retired as they are now: the
		// retirements logged before are in them already, and those logged
		// meanwhile are applied after them, which changes nothing twice.
		if err := m.db.QueryRow(ctx, `SELECT COALESCE(MAX(id), 0) FROM tm_retirements WHERE from_lang = ? AND to_lang = ?`, f, t).Scan(&idx.lastRetired); err != nil {
			return nil, fmt.Errorf("memory %s→%s: %w", f, t, err)
		}
		idx.loaded = true
	}
	if err := m.readNew(ctx, idx, f, t); err != nil {
		return nil, err
	}
	return idx, nil
}

// readNew adds to idx, in one query, the pair's units with an id greater
// than the last it holds (retired ones marked so: one may be put back in
// use later), then applies the pair's retirements and returns to use
// logged since the last it applied, in order.
func (m *Memory) readNew(ctx context.Context, idx *pairIndex, f, t string) error {
	rows, err := m.db.Query(ctx, `SELECT 0 AS kind, id, 0 AS unit_id, source, target, source_codes, target_codes, context, origin, changed_at, retired_at IS NOT NULL AS retired
		FROM tm_units WHERE from_lang = ? AND to_lang = ? AND id > ?
		UNION ALL
		SELECT 1, id, unit_id, '', '', '', '', '', '', at, retired
		FROM tm_retirements WHERE from_lang = ? AND to_lang = ? AND id > ?
		ORDER BY kind, id`, f, t, idx.last, f, t, idx.lastRetired)
	if err != nil {
		return fmt.Errorf("memory %s→%s: %w", f, t, err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			kind                     int
			id, unit                 int64
			u                        tm.Unit
			sourceCodes, targetCodes string
			retired                  bool
		)
		if err := rows.Scan(&kind, &id, &unit, &u.Source, &u.Target, &sourceCodes, &targetCodes, &u.Context, &u.Origin, &u.Changed, &retired); err != nil {
			return fmt.Errorf("memory %s→%s: %w", f, t, err)
		}
		if kind == 1 {
			if retired {
				idx.mem.Retire(unit)
			} else {
				idx.mem.Restore(unit)
			}
			idx.lastRetired = id
			continue
		}
		u.ID = id
		if u.SourceSeg, err = readCodes(sourceCodes); err != nil {
			return fmt.Errorf("memory unit %d: %w", id, err)
		}
		if u.TargetSeg, err = readCodes(targetCodes); err != nil {
			return fmt.Errorf("memory unit %d: %w", id, err)
		}
		idx.mem.Add(u)
		if retired {
			idx.mem.Retire(id)
		}
		idx.last = id
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("memory %s→%s: %w", f, t, err)
	}
	return nil
}

func readCodes(s string) (interchange.Content, error) {
	if s == "" {
		return nil, nil
	}
	var c interchange.Content
	err := json.Unmarshal([]byte(s), &c)
	return c, err
}
