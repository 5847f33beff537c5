// Package tm is tandem's translation memory: segments already translated,
// looked up by fuzzy match the way CAT tools score them. Chinese is compared
// character by character, Russian and English by stemmed words; numbers and
// inline codes are placeables, which count as equal whatever their value.
// Matches below 70% are dropped, the best five are returned, and exact and
// in-context matches are marked. PreTranslate fills an XLIFF file's
// segments from the memory.
package tm

import (
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/segment"
	"golang.org/x/text/unicode/norm"
)

// Unit is one translated segment in the memory.
type Unit struct {
	// Source and Target are the texts, without inline codes.
	Source, Target string
	// SourceSeg and TargetSeg are the texts with their inline codes, when
	// the unit came with them (from a TMX file); nil otherwise.
	SourceSeg, TargetSeg interchange.Content
	// Context identifies where the segment stood (the text before it, or a
	// unit id); a match with the same context is an in-context match.
	Context string
	Origin  string // the document, project or TMX file it came from
	Changed time.Time
	// ID is the caller's key for the unit (its database row), by which
	// Retire finds it; 0 when the caller keeps none.
	ID int64
}

// Match is a unit found for a lookup.
type Match struct {
	Unit
	// Score is the similarity in percent: 100 for the same text, 101 for
	// the same text in the same context.
	Score int
	// Exact is true when the sources are the same text (after Unicode
	// normalisation and white space); InContext when their contexts are
	// the same too.
	Exact, InContext bool
}

// Threshold is the lowest score returned, as in Trados (70) and close to
// Weblate (75).
const Threshold = 70

// MaxMatches is how many matches Lookup returns.
const MaxMatches = 5

// Memory holds the units of one language pair. It is safe for concurrent
// use.
type Memory struct {
	From, To string
	mu       sync.RWMutex
	units    []entry
	postings map[uint32][]int32 // token id → units containing it
	tokenIDs map[string]uint32
	exact    map[string][]int32 // normalised source → units
	byID     map[int64]int32    // Unit.ID → unit, for the units that have one
	retired  int                // units retired
	scratch  sync.Pool          // of *scratch, reused across lookups
}

type entry struct {
	Unit
	norm     string   // normalised source
	tokens   []uint32 // token ids, in order
	distinct int32    // number of distinct tokens
	// retired marks a unit that a newer one replaced: it stays in the
	// postings, so that retiring is cheap, but lookups skip it.
	retired bool
}

// New returns an empty memory for translations from one language into
// another.
func New(from, to string) *Memory {
	m := &Memory{From: from, To: to, postings: map[uint32][]int32{}, tokenIDs: map[string]uint32{}, exact: map[string][]int32{}, byID: map[int64]int32{}}
	m.scratch.New = func() any { return new(scratch) }
	return m
}

// Len returns the number of units, not counting those retired.
func (m *Memory) Len() int {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return len(m.units) - m.retired
}

// Retire takes the unit whose Unit.ID is id out of the lookups' results,
// when a newer translation of the same segment replaces it, and reports
// whether the memory held it (and had not retired it already).
func (m *Memory) Retire(id int64) bool {
	if id == 0 {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.byID[id]
	if !ok || m.units[k].retired {
		return false
	}
	m.units[k].retired = true
	m.retired++
	return true
}

// Restore puts the unit whose Unit.ID is id back in the lookups' results
// after Retire (the same translation confirmed again), and reports whether
// the memory held it retired.
func (m *Memory) Restore(id int64) bool {
	if id == 0 {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	k, ok := m.byID[id]
	if !ok || !m.units[k].retired {
		return false
	}
	m.units[k].retired = false
	m.retired--
	return true
}

// Add stores a unit. Units with an empty source or target are skipped.
func (m *Memory) Add(u Unit) {
	if strings.TrimSpace(u.Source) == "" || strings.TrimSpace(u.Target) == "" {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	e := entry{Unit: u, norm: normalize(u.Source)}
	for _, t := range tokens(e.norm, m.From) {
		e.tokens = append(e.tokens, m.tokenID(t))
	}
	e.distinct = int32(distinct(e.tokens))
	id := int32(len(m.units))
	m.units = append(m.units, e)
	if u.ID != 0 {
		m.byID[u.ID] = id
	}
	m.exact[e.norm] = append(m.exact[e.norm], id)
	seen := map[uint32]bool{}
	for _, t := range e.tokens {
		if !seen[t] {
			seen[t] = true
			m.postings[t] = append(m.postings[t], id)
		}
	}
}

func (m *Memory) tokenID(t string) uint32 {
	if id, ok := m.tokenIDs[t]; ok {
		return id
	}
	id := uint32(len(m.tokenIDs))
	m.tokenIDs[t] = id
	return id
}

// normalize applies NFKC (full-width digits and letters become ASCII) and
// collapses white space.
func normalize(s string) string {
	return strings.Join(strings.Fields(norm.NFKC.String(s)), " ")
}

// tokens splits normalised text into the units of comparison: characters
// for Chinese, stemmed words for Russian and English; numbers become the
// placeable "#", and punctuation marks are tokens of their own.
func tokens(s, lang string) []string {
	var out []string
	i := 0
	for i < len(s) {
		c, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsDigit(c):
			j := i + n
			for j < len(s) {
				c2, n2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsDigit(c2) || ((c2 == '.' || c2 == ',') && j+n2 < len(s) && s[j+n2] >= '0' && s[j+n2] <= '9')) {
					break
				}
				j += n2
			}
			out = append(out, "#")
			i = j
		case unicode.Is(unicode.Han, c):
			out = append(out, s[i:i+n])
			i += n
		case unicode.IsLetter(c):
			j := i + n
			for j < len(s) {
				c2, n2 := utf8.DecodeRuneInString(s[j:])
				if !(unicode.IsLetter(c2) || unicode.Is(unicode.Mn, c2)) || unicode.Is(unicode.Han, c2) {
					break
				}
				j += n2
			}
			out = append(out, segment.Stem(strings.ToLower(s[i:j]), lang))
			i = j
		case unicode.IsSpace(c):
			i += n
		case c == '\uFFFC':
			// An inline code written as the object replacement character.
			out = append(out, "<>")
			i += n
		default:
			out = append(out, s[i:i+n])
			i += n
		}
	}
	return out
}

// Lookup returns up to MaxMatches units whose source is at least Threshold
// percent similar to src, best first. context is the segment's context,
// compared with the units' for in-context matches.
func (m *Memory) Lookup(src, context string) []Match {
	m.mu.RLock()
	defer m.mu.RUnlock()
	q := normalize(src)
	var qt []uint32
	unknown := 0
	for _, t := range tokens(q, m.From) {
		if id, ok := m.tokenIDs[t]; ok {
			qt = append(qt, id)
		} else {
			qt = append(qt, ^uint32(0)-uint32(unknown))
			unknown++
		}
	}
	var out []Match
	taken := map[int32]bool{}
	for _, id := range m.exact[q] {
		e := &m.units[id]
		if e.retired {
			continue
		}
		mt := Match{Unit: e.Unit, Score: 100, Exact: true}
		if context != "" && e.Context == context {
			mt.Score, mt.InContext = 101, true
		}
		out = append(out, mt)
		taken[id] = true
	}
	if len(qt) > 0 {
		for _, c := range m.candidates(qt) {
			if taken[c] {
				continue
			}
			e := &m.units[c]
			score := similarity(qt, e.tokens)
			if score >= 100 {
				// Same tokens, different text (numbers, spacing, case):
				// never as good as the same text.
				score = 99
			}
			if score >= Threshold {
				out = append(out, Match{Unit: e.Unit, Score: score})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int {
		if a.Score != b.Score {
			return b.Score - a.Score
		}
		return b.Changed.Compare(a.Changed)
	})
	if len(out) > MaxMatches {
		out = out[:MaxMatches]
	}
	return out
}

// scratch is per-lookup working memory, reused across lookups.
type scratch struct {
	counts  []int32
	touched []int32
}

// maxCandidates bounds how many units get the full edit-distance score.
const maxCandidates = 64

// candidates returns the units sharing enough distinct tokens with the query
// to reach the threshold, those sharing most first. A unit of n tokens
// within edit distance d of a query of m tokens shares at least
// max(n,m)-d of them; at 70% that is 0.7·max(n,m).
func (m *Memory) candidates(q []uint32) []int32 {
	uniq := slices.Clone(q)
	slices.Sort(uniq)
	uniq = slices.Compact(uniq)
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	if len(sc.counts) < len(m.units) {
		sc.counts = make([]int32, len(m.units)+len(m.units)/4)
	}
	touched := sc.touched[:0]
	for _, t := range uniq {
		for _, id := range m.postings[t] {
			if sc.counts[id] == 0 {
				touched = append(touched, id)
			}
			sc.counts[id]++
		}
	}
	type cand struct {
		id     int32
		shared int32
	}
	var cs []cand
	qn := int32(len(uniq))
	for _, id := range touched {
		n := sc.counts[id]
		sc.counts[id] = 0
		// 10·n < 7·max(qn, un) means below 70% shared.
		if 10*n < 7*max(qn, m.units[id].distinct) || m.units[id].retired {
			continue
		}
		cs = append(cs, cand{id, n})
	}
	sc.touched = touched
	slices.SortFunc(cs, func(a, b cand) int {
		if a.shared != b.shared {
			return int(b.shared - a.shared)
		}
		return int(a.id - b.id)
	})
	if len(cs) > maxCandidates {
		cs = cs[:maxCandidates]
	}
	out := make([]int32, len(cs))
	for i, c := range cs {
		out[i] = c.id
	}
	return out
}

func distinct(ts []uint32) int {
	if len(ts) < 2 {
		return len(ts)
	}
	c := slices.Clone(ts)
	slices.Sort(c)
	return len(slices.Compact(c))
}

// similarity is OmegaT's and Trados's measure: 100·(L − edit distance)/L,
// L being the longer token count.
func similarity(a, b []uint32) int {
	l := max(len(a), len(b))
	if l == 0 {
		return 100
	}
	d := levenshtein(a, b)
	return 100 * (l - d) / l
}

func levenshtein(a, b []uint32) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// AddTMX stores the units of a TMX memory that have text in both of the
// memory's languages (an exact tag, or the same language in the same
// script: "zh-CN" for zh, but not "zh-TW"; see TU.Text), and returns how
// many it stored. origin names the file.
func (m *Memory) AddTMX(t *interchange.TMX, origin string) int {
	n := 0
	for _, tu := range t.Units {
		src, ok1 := tu.Variant(m.From)
		tgt, ok2 := tu.Variant(m.To)
		if !ok1 || !ok2 || strings.TrimSpace(src.Seg.Plain()) == "" || strings.TrimSpace(tgt.Seg.Plain()) == "" {
			continue
		}
		changed := tu.Changed
		if changed.IsZero() {
			changed = tu.Created
		}
		m.Add(Unit{Source: src.Seg.Plain(), Target: tgt.Seg.Plain(), SourceSeg: src.Seg, TargetSeg: tgt.Seg,
			Context: tu.Props["x-context"], Origin: origin, Changed: changed})
		n++
	}
	return n
}
