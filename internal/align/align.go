// Package align links the sentences of an existing translation to those of
// its original: Gale–Church length-based dynamic programming, with the
// length ratio and variance estimated for each document pair, strengthened
// by anchors both sides share: numbers and dates by value (2401亿 = 240,1
// млрд), names in Latin script or transliterated, question and exclamation
// marks, brackets, the number of sentences, the concepts of a small built-in
// zh–ru–en lexicon (lexicon/general.tsv) and the terms of a term list.
// Paragraph boundaries and other hard anchors split the search.
package align

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/tandemforum/tandem/internal/segment"
	"unicode"
)

// A Bead is one link: source segments Src align with target segments Tgt
// (0-based, consecutive, either side possibly empty).
type Bead struct {
	Src, Tgt []int
}

// String formats the bead as vecalign and bertalign do: "[0,1]:[2]".
func (b Bead) String() string {
	return formatSide(b.Src) + ":" + formatSide(b.Tgt)
}

func formatSide(s []int) string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = strconv.Itoa(v)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// ParseBead reads a bead in the "[0,1]:[2]" format.
func ParseBead(s string) (Bead, error) {
	l, r, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return Bead{}, fmt.Errorf("bead %q: want [i,j]:[k]", s)
	}
	src, err := parseSide(l)
	if err != nil {
		return Bead{}, fmt.Errorf("bead %q: %v", s, err)
	}
	tgt, err := parseSide(r)
	if err != nil {
		return Bead{}, fmt.Errorf("bead %q: %v", s, err)
	}
	return Bead{src, tgt}, nil
}

func parseSide(s string) ([]int, error) {
	s = strings.TrimSpace(s)
	if !strings.HasPrefix(s, "[") || !strings.HasSuffix(s, "]") {
		return nil, fmt.Errorf("%q is not a bracketed list", s)
	}
	s = strings.TrimSpace(s[1 : len(s)-1])
	if s == "" {
		return nil, nil
	}
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v < 0 {
			return nil, fmt.Errorf("bad index %q", f)
		}
		out = append(out, v)
	}
	return out, nil
}

// A Term is an entry of the term list used as an anchor: a source term and
// its agreed target form.
type Term struct {
	Source, Target string
}

// Options tune an alignment. The zero value aligns with anchors from the
// text alone.
type Options struct {
	From, To string // languages of source and target ("zh", "ru", "en")
	Terms    []Term
	// Hard lists pairs (i, j) where a bead must begin: source segment i and
	// target segment j start together, as at paragraph boundaries.
	Hard [][2]int
	// lengthOnly leaves out every anchor, which makes the aligner plain
	// Gale–Church: the baseline the evaluation compares with.
	lengthOnly bool
}

// beadKinds are the shapes of link searched for, with their prior
// probability (Gale and Church's, with 1–3 and 3–1 added and 2–2 rarer).
var beadKinds = []struct {
	ns, nt int
	prior  float64
}{
	{1, 1, 0.89},
	{1, 0, 0.01},
	{0, 1, 0.01},
	{2, 1, 0.045},
	{1, 2, 0.045},
	{2, 2, 0.001},
	{3, 1, 0.005},
	{1, 3, 0.005},
}

// lengthCostTable holds -log erfc(δ/√2), the cost of a length difference
// of δ standard deviations, for δ in steps of 1/64 up to 16; it is computed
// once because the search evaluates it millions of times.
var lengthCostTable = func() []float64 {
	t := make([]float64, 16*64+2)
	for k := range t {
		d := float64(k) / 64
		p := math.Erfc(d / math.Sqrt2)
		if p < 1e-300 {
			p = 1e-300
		}
		t[k] = -math.Log(p)
	}
	return t
}()

func lengthCost(delta float64) float64 {
	x := delta * 64
	k := int(x)
	if k >= len(lengthCostTable)-1 {
		// Beyond the table: the asymptotic form.
		return delta*delta/2 + math.Log(delta*math.Sqrt(math.Pi/2))
	}
	f := x - float64(k)
	return lengthCostTable[k]*(1-f) + lengthCostTable[k+1]*f
}

// priorCost holds -log of each bead kind's prior.
var priorCost = func() []float64 {
	out := make([]float64, len(beadKinds))
	for k, b := range beadKinds {
		out[k] = -math.Log(b.prior)
	}
	return out
}()

// Align returns the beads linking src to tgt, in order, covering every
// segment of both once.
func Align(src, tgt []string, opt Options) []Bead {
	hard := validHard(opt.Hard, len(src), len(tgt))
	var out []Bead
	i0, j0 := 0, 0
	for _, h := range append(hard, [2]int{len(src), len(tgt)}) {
		part := alignPart(src[i0:h[0]], tgt[j0:h[1]], opt)
		for _, b := range part {
			out = append(out, shift(b, i0, j0))
		}
		i0, j0 = h[0], h[1]
	}
	return out
}

// validHard keeps the hard anchors that lie inside the texts and increase
// on both sides.
func validHard(h [][2]int, n, m int) [][2]int {
	var out [][2]int
	pi, pj := 0, 0
	for _, a := range h {
		if a[0] < pi || a[1] < pj || a[0] > n || a[1] > m || (a[0] == pi && a[1] == pj) {
			continue
		}
		out = append(out, a)
		pi, pj = a[0], a[1]
	}
	return out
}

func shift(b Bead, di, dj int) Bead {
	s := make([]int, len(b.Src))
	for k, v := range b.Src {
		s[k] = v + di
	}
	t := make([]int, len(b.Tgt))
	for k, v := range b.Tgt {
		t[k] = v + dj
	}
	return Bead{s, t}
}

// doc holds what the aligner needs of one side: lengths and anchors.
type doc struct {
	length  []float64 // characters, without spaces
	cum     []float64 // cum[i] = sum of length[:i]
	anchors [][]uint64
	acum    []int // acum[i] = number of anchors in segments [0, i)
	strong  []int // strong[i] = number of anchors other than the lexicon's in [0, i)
	sents   []int // number of sentences of each segment
	// spans[k-1][i] holds the anchors of segments [i-k, i), sorted, for
	// beads of up to three segments: the search reads them millions of
	// times.
	spans [3][][]uint64
}

func newDoc(segs []string, lang, other string, terms []string) doc {
	d := doc{length: make([]float64, len(segs)), cum: make([]float64, len(segs)+1), anchors: make([][]uint64, len(segs)), acum: make([]int, len(segs)+1), strong: make([]int, len(segs)+1), sents: make([]int, len(segs))}
	var sp segment.Splitter
	if r, err := segment.Shared(lang); err == nil {
		sp = r
	}
	// Each segment is read on its own, so the segments are shared out among
	// the cores in chunks, each with its own cache of stems.
	workers := min(runtime.GOMAXPROCS(0), max(1, len(segs)/256))
	chunk := (len(segs) + workers - 1) / max(workers, 1)
	var wg sync.WaitGroup
	for lo := 0; lo < len(segs); lo += chunk {
		hi := min(lo+chunk, len(segs))
		wg.Go(func() {
			stems := map[string]string{}
			for i := lo; i < hi; i++ {
				s := segs[i]
				n := 0
				for _, c := range s {
					if !unicode.IsSpace(c) {
						n++
					}
				}
				d.length[i] = float64(n)
				if sp != nil {
					d.sents[i] = len(sp.Split(s))
				}
				d.anchors[i] = anchorsOf(s, lang, other, terms, stems, d.sents[i])
			}
		})
	}
	wg.Wait()
	for i := range segs {
		d.cum[i+1] = d.cum[i] + d.length[i]
		d.acum[i+1] = d.acum[i] + len(d.anchors[i])
		d.strong[i+1] = d.strong[i]
		for _, h := range d.anchors[i] {
			if h&softBit == 0 {
				d.strong[i+1]++
			}
		}
	}
	for k := 1; k <= 3; k++ {
		d.spans[k-1] = make([][]uint64, len(segs)+1)
		for i := k; i <= len(segs); i++ {
			if k == 1 {
				d.spans[0][i] = d.anchors[i-1]
				continue
			}
			if d.acum[i]-d.acum[i-k] == 0 {
				continue
			}
			var l []uint64
			for _, a := range d.anchors[i-k : i] {
				l = append(l, a...)
			}
			slices.Sort(l)
			d.spans[k-1][i] = l
		}
	}
	return d
}

func alignPart(src, tgt []string, opt Options) []Bead {
	n, m := len(src), len(tgt)
	switch {
	case n == 0 && m == 0:
		return nil
	case n == 0:
		out := make([]Bead, m)
		for j := range out {
			out[j] = Bead{Tgt: []int{j}}
		}
		return out
	case m == 0:
		out := make([]Bead, n)
		for i := range out {
			out[i] = Bead{Src: []int{i}}
		}
		return out
	}
	srcTerms, tgtTerms := make([]string, len(opt.Terms)), make([]string, len(opt.Terms))
	for k, t := range opt.Terms {
		srcTerms[k], tgtTerms[k] = t.Source, t.Target
	}
	// The two sides are read independently: one on another core.
	var s, t doc
	var wg sync.WaitGroup
	wg.Go(func() { s = newDoc(src, opt.From, opt.To, srcTerms) })
	t = newDoc(tgt, opt.To, opt.From, tgtTerms)
	wg.Wait()
	c := (t.cum[m] + 1) / (s.cum[n] + 1)
	// Gale and Church's variance, 6.8 characters for equal-length
	// languages, grows with the square of the ratio.
	s2 := 6.8 * c * c
	if c < 1 {
		s2 = 6.8
	}
	a := &aligner{s: s, t: t, c: c, s2: s2, lengthOnly: true}
	beads := a.run(nil)
	a.estimate(beads)
	a.lengthOnly = opt.lengthOnly
	return a.run(beads)
}

// estimate sets the length ratio and its variance from the 1–1 links of a
// previous pass, which leave out the lines that have no partner.
func (a *aligner) estimate(beads []Bead) {
	var sumS, sumT, cnt float64
	for _, b := range beads {
		if len(b.Src) == 1 && len(b.Tgt) == 1 {
			sumS += a.s.length[b.Src[0]]
			sumT += a.t.length[b.Tgt[0]]
			cnt++
		}
	}
	if cnt < 5 || sumS == 0 {
		return
	}
	a.c = (sumT + 1) / (sumS + 1)
	var sum float64
	for _, b := range beads {
		if len(b.Src) == 1 && len(b.Tgt) == 1 {
			if ls := a.s.length[b.Src[0]]; ls > 0 {
				d := a.t.length[b.Tgt[0]] - a.c*ls
				sum += d * d / ls
			}
		}
	}
	a.s2 = math.Max(sum/cnt, 2)
}

type aligner struct {
	s, t  doc
	c, s2 float64
	// lengthOnly leaves the anchors out, for the quick first pass that
	// only places the band of the second.
	lengthOnly bool
}

// cost of a bead of source segments [i-ns, i) and target [j-nt, j).
// The search skips a bead whose cost cannot beat the best one found for the
// cell: base is the cost so far, and bound the best cost to beat.
func (a *aligner) cost(i, j, ns, nt int, prior, base, bound float64) float64 {
	ls := a.s.cum[i] - a.s.cum[i-ns]
	lt := a.t.cum[j] - a.t.cum[j-nt]
	cost := prior
	if ns > 0 && nt > 0 {
		mean := (ls + lt/a.c) / 2
		if mean < 1 {
			mean = 1
		}
		delta := math.Abs(lt-a.c*ls) / math.Sqrt(a.s2*mean)
		// -log of the two-tailed probability of delta, 2(1-Φ(δ)) =
		// erfc(δ/√2), by its asymptotic form, exact at 0.
		cost += lengthCost(delta)
		if a.lengthOnly {
			return cost
		}
		// The anchors can lower the cost by at most this much.
		most := max(rewardW, softW) * float64(min(len(a.s.spans[ns-1][i]), len(a.t.spans[nt-1][j])))
		if base+cost-most >= bound {
			return math.Inf(1)
		}
		common, soft, total := a.shared(i, ns, j, nt)
		cost += anchorCost(common, total) - softW*float64(soft)
	} else {
		// A segment left without a partner: its anchors are evidence
		// that it has one.
		// Its sentences are no such evidence: every segment has them.
		var k int
		if ns > 0 {
			k = a.s.strong[i] - a.s.strong[i-1] - a.s.sents[i-1]
		} else {
			k = a.t.strong[j] - a.t.strong[j-1] - a.t.sents[j-1]
		}
		cost += unmatchedW * float64(k)
	}
	return cost
}

// Weights of the anchors in a bead's cost, in nats: a shared anchor, an
// anchor on one side only, a shared lexicon concept.
const rewardW, unmatchedW, softW = 2.0, 2.0, 2.5

// anchorCost rewards anchors found on both sides of a bead and penalises
// those found on one side only.
func anchorCost(common, total int) float64 {
	unmatched := total - 2*common
	return -rewardW*float64(common) + unmatchedW*float64(unmatched)
}

// shared counts the anchors common to source segments [i1-ns,i1) and
// target segments [j1-nt,j1), as multisets: those of the lexicon (soft)
// apart from the others, and the others on both sides in all.
func (a *aligner) shared(i1, ns, j1, nt int) (common, soft, total int) {
	src, tgt := a.s.spans[ns-1][i1], a.t.spans[nt-1][j1]
	total = a.s.strong[i1] - a.s.strong[i1-ns] + a.t.strong[j1] - a.t.strong[j1-nt]
	x, y := 0, 0
	for x < len(src) && y < len(tgt) {
		switch {
		case src[x] == tgt[y]:
			if src[x]&softBit != 0 {
				soft++
			} else {
				common++
			}
			x++
			y++
		case src[x] < tgt[y]:
			x++
		default:
			y++
		}
	}
	return common, soft, total
}

// run finds the cheapest path through a band around the diagonal, widening
// the band when the path runs along its edge.
// With a previous path, the band follows it and starts narrower.
func (a *aligner) run(prev []Bead) []Bead {
	n, m := len(a.s.length), len(a.t.length)
	centers := make([]int, n+1)
	w := 12
	if prev != nil {
		w = 8
		i, j := 0, 0
		for _, b := range prev {
			for range b.Src {
				centers[i] = j
				i++
			}
			j += len(b.Tgt)
		}
		centers[n] = m
	} else {
		// The diagonal of cumulative lengths tracks the true path far
		// better than the diagonal of indices.
		jc := 0
		for i := 0; i <= n; i++ {
			want := float64(i) / float64(n) * a.t.cum[m]
			if a.s.cum[n] > 0 {
				want = a.s.cum[i] / a.s.cum[n] * a.t.cum[m]
			}
			for jc < m && a.t.cum[jc+1] <= want {
				jc++
			}
			centers[i] = jc
		}
		centers[n] = m
	}
	for tries := 0; ; tries++ {
		beads, touched := a.band(w, centers)
		// Around a previous path the band is only a refinement; a first
		// pass widens while its path runs along the band's edge.
		if !touched || prev != nil || tries >= 2 || w >= max(n, m) {
			return beads
		}
		w *= 2
	}
}

// band runs the dynamic programme over the cells (i, j) of the rows that
// bandRows gives for a band of half-width w around centers. It reports
// whether the best path came near the band's edge.
func (a *aligner) band(w int, centers []int) ([]Bead, bool) {
	n, m := len(a.s.length), len(a.t.length)
	lo, hi := bandRows(w, centers, m)
	// Row i holds the cells j = lo[i]..hi[i], from offset off[i] on.
	off := make([]int, n+2)
	for i := 0; i <= n; i++ {
		off[i+1] = off[i] + hi[i] - lo[i] + 1
	}
	cost := make([]float64, off[n+1])
	back := make([]int8, off[n+1])
	for k := range cost {
		cost[k] = math.Inf(1)
	}
	idx := func(i, j int) int {
		if j < lo[i] || j > hi[i] {
			return -1
		}
		return off[i] + j - lo[i]
	}
	center := func(i int) int { return centers[i] }
	cost[idx(0, 0)] = 0
	back[idx(0, 0)] = -1
	for i := 0; i <= n; i++ {
		// The rows a bead of ns source segments comes from, i-ns: their
		// ranges, and where cell (i-ns, j) lies is base[ns]+j. A row
		// before the first is empty.
		var plo, phi, base [4]int
		for ns := range plo {
			if i-ns < 0 {
				plo[ns], phi[ns] = 1, 0
				continue
			}
			plo[ns], phi[ns], base[ns] = lo[i-ns], hi[i-ns], off[i-ns]-lo[i-ns]
		}
		for j := lo[i]; j <= hi[i]; j++ {
			here := base[0] + j
			if i == 0 && j == 0 {
				continue
			}
			best, arg := math.Inf(1), int8(-1)
			for k, bk := range beadKinds {
				pj := j - bk.nt
				if pj < plo[bk.ns] || pj > phi[bk.ns] {
					continue
				}
				prev := base[bk.ns] + pj
				if math.IsInf(cost[prev], 1) {
					continue
				}
				c := cost[prev] + a.cost(i, j, bk.ns, bk.nt, priorCost[k], cost[prev], best)
				if c < best {
					best, arg = c, int8(k)
				}
			}
			cost[here], back[here] = best, arg
		}
	}
	var beads []Bead
	touched := false
	i, j := n, m
	for i > 0 || j > 0 {
		k := idx(i, j)
		if k < 0 || back[k] < 0 {
			// bandRows makes every cell of the band reachable by 1–0
			// and 0–1 links, whose cost is always finite.
			panic(fmt.Sprintf("align: cell (%d, %d) of a %d × %d band unreachable", i, j, n, m))
		}
		if d := j - center(i); d <= -w+1 || d >= w-1 {
			touched = true
		}
		bk := beadKinds[back[k]]
		b := Bead{}
		for x := i - bk.ns; x < i; x++ {
			b.Src = append(b.Src, x)
		}
		for y := j - bk.nt; y < j; y++ {
			b.Tgt = append(b.Tgt, y)
		}
		beads = append(beads, b)
		i, j = i-bk.ns, j-bk.nt
	}
	for l, r := 0, len(beads)-1; l < r; l, r = l+1, r-1 {
		beads[l], beads[r] = beads[r], beads[l]
	}
	return beads, touched && w < max(n, m)
}

// bandRows returns, for each source position i in 0..n, the target
// positions lo[i]..hi[i] that the search visits: those within w of
// centers[i], clipped to 0..m, and widened where needed so that the rows
// form one band from (0, 0) to (n, m). Both edges never go back, and each
// row starts no later than the row before it ends; within such a band a
// path of 1–0 and 0–1 links reaches every cell, so the search ends with
// beads whatever the lengths and centres. centers holds n+1 positions.
func bandRows(w int, centers []int, m int) (lo, hi []int) {
	n := len(centers) - 1
	lo, hi = make([]int, n+1), make([]int, n+1)
	for i, c := range centers {
		lo[i] = min(max(c-w, 0), m)
		hi[i] = min(max(c+w, 0), m)
	}
	lo[0], hi[n] = 0, m
	for i := 1; i <= n; i++ {
		hi[i] = max(hi[i], hi[i-1])
	}
	for i := n - 1; i >= 0; i-- {
		lo[i] = min(lo[i], lo[i+1])
	}
	for i := 1; i <= n; i++ {
		lo[i] = min(lo[i], hi[i-1])
	}
	return lo, hi
}
