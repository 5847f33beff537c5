package align

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/shareddata"
)

func readLines(t testing.TB, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, strings.TrimSpace(sc.Text()))
	}
	return out
}

// ntrexDoc is one news document of NTREX in three languages, line by line.
type ntrexDoc struct {
	id   string
	text map[string][]string
}

func loadNTREX(t testing.TB) []ntrexDoc {
	files := map[string]string{
		"en": "ntrex/newstest2019-src.eng.txt",
		"zh": "ntrex/newstest2019-ref.zho-CN.txt",
		"ru": "ntrex/newstest2019-ref.rus.txt",
	}
	ids := readLines(t, shareddata.Path(t, "ntrex/DOCUMENT_IDS.tsv"))
	lines := map[string][]string{}
	for l, f := range files {
		lines[l] = readLines(t, shareddata.Path(t, f))
		if len(lines[l]) != len(ids) {
			t.Fatalf("%s has %d lines, DOCUMENT_IDS %d", f, len(lines[l]), len(ids))
		}
	}
	var docs []ntrexDoc
	for i, id := range ids {
		if len(docs) == 0 || docs[len(docs)-1].id != id {
			docs = append(docs, ntrexDoc{id: id, text: map[string][]string{}})
		}
		d := &docs[len(docs)-1]
		for l := range files {
			d.text[l] = append(d.text[l], lines[l][i])
		}
	}
	return docs
}

func join(lang string, parts []string) string {
	if lang == "zh" {
		return strings.Join(parts, "")
	}
	return strings.Join(parts, " ")
}

// synthesize turns a 1–1 parallel document into one with n:m links: it
// merges adjacent lines on either side or both, and drops a few lines from
// one side. It returns the new sides and the gold beads.
func synthesize(rng *rand.Rand, from, to string, src, tgt []string) ([]string, []string, []Bead) {
	var s, t []string
	var gold []Bead
	i := 0
	for i < len(src) {
		left := len(src) - i
		r := rng.Float64()
		b := Bead{}
		switch {
		case r < 0.08 && left >= 2: // 2–1: target lines merged
			b.Src = []int{len(s), len(s) + 1}
			b.Tgt = []int{len(t)}
			s = append(s, src[i], src[i+1])
			t = append(t, join(to, tgt[i:i+2]))
			i += 2
		case r < 0.16 && left >= 2: // 1–2
			b.Src = []int{len(s)}
			b.Tgt = []int{len(t), len(t) + 1}
			s = append(s, join(from, src[i:i+2]))
			t = append(t, tgt[i], tgt[i+1])
			i += 2
		case r < 0.19 && left >= 3: // 2–2: split at different points
			b.Src = []int{len(s), len(s) + 1}
			b.Tgt = []int{len(t), len(t) + 1}
			s = append(s, join(from, src[i:i+2]), src[i+2])
			t = append(t, tgt[i], join(to, tgt[i+1:i+3]))
			i += 3
		case r < 0.21 && left >= 3: // 3–1
			b.Src = []int{len(s), len(s) + 1, len(s) + 2}
			b.Tgt = []int{len(t)}
			s = append(s, src[i], src[i+1], src[i+2])
			t = append(t, join(to, tgt[i:i+3]))
			i += 3
		case r < 0.23 && left >= 3: // 1–3
			b.Src = []int{len(s)}
			b.Tgt = []int{len(t), len(t) + 1, len(t) + 2}
			s = append(s, join(from, src[i:i+3]))
			t = append(t, tgt[i], tgt[i+1], tgt[i+2])
			i += 3
		case r < 0.245: // 1–0: the translation left a line out
			b.Src = []int{len(s)}
			s = append(s, src[i])
			i++
		case r < 0.26: // 0–1: the translation added a line
			b.Tgt = []int{len(t)}
			t = append(t, tgt[i])
			i++
		default:
			b.Src = []int{len(s)}
			b.Tgt = []int{len(t)}
			s = append(s, src[i])
			t = append(t, tgt[i])
			i++
		}
		gold = append(gold, b)
	}
	return s, t, gold
}

type linkScore struct{ tp, fp, fn int }

func (l *linkScore) add(gold, test []Bead) {
	g := map[string]bool{}
	for _, b := range gold {
		g[b.String()] = true
	}
	seen := map[string]bool{}
	for _, b := range test {
		seen[b.String()] = true
		if g[b.String()] {
			l.tp++
		} else {
			l.fp++
		}
	}
	for k := range g {
		if !seen[k] {
			l.fn++
		}
	}
}

func (l linkScore) f1() (p, r, f float64) {
	p = float64(l.tp) / float64(l.tp+l.fp)
	r = float64(l.tp) / float64(l.tp+l.fn)
	return p, r, 2 * p * r / (p + r)
}

// TestEvalNTREX measures strict link F1 (a link counts only when both of
// its sides are exactly right, including 1–0 and 0–1 links) on the NTREX
// news documents with synthetic n:m links, and asserts the target of
// issue 4 (≥ 0.95 for zh–ru and ru–en).
func TestEvalNTREX(t *testing.T) {
	docs := loadNTREX(t)
	for _, pair := range [][2]string{{"zh", "ru"}, {"ru", "en"}, {"zh", "en"}} {
		from, to := pair[0], pair[1]
		t.Run(from+"-"+to, func(t *testing.T) {
			var sc, multi, baseline linkScore
			kinds := map[string]int{}
			shown := 0
			// Three synthetic variants of every document, so that the
			// figure does not hang on one draw of merges and drops.
			for _, seed := range [][2]uint64{{4, 2019}, {11, 7}, {1, 1}} {
				rng := rand.New(rand.NewPCG(seed[0], seed[1]))
				for _, d := range docs {
					s, tg, gold := synthesize(rng, from, to, d.text[from], d.text[to])
					got := Align(s, tg, Options{From: from, To: to})
					sc.add(gold, got)
					baseline.add(gold, Align(s, tg, Options{From: from, To: to, lengthOnly: true}))
					var g1, t1 []Bead
					for _, b := range gold {
						kinds[fmt.Sprintf("%d-%d", len(b.Src), len(b.Tgt))]++
						if !(len(b.Src) == 1 && len(b.Tgt) == 1) {
							g1 = append(g1, b)
						}
					}
					for _, b := range got {
						if !(len(b.Src) == 1 && len(b.Tgt) == 1) {
							t1 = append(t1, b)
						}
					}
					multi.add(g1, t1)
					if testing.Verbose() && shown < 3 {
						if diff := beadDiff(gold, got); diff != "" {
							t.Logf("%s: %s", d.id, diff)
							shown++
						}
					}
				}
			}
			p, r, f := sc.f1()
			mp, mr, mf := multi.f1()
			_, _, bf := baseline.f1()
			t.Logf("%s–%s: %d documents × 3 synthetic variants, links by kind %v", from, to, len(docs), kinds)
			t.Logf("%s–%s: strict link precision %.4f recall %.4f F1 %.4f; links other than 1–1: P %.3f R %.3f F1 %.3f",
				from, to, p, r, f, mp, mr, mf)
			t.Logf("%s–%s: Gale–Church alone (no anchors) strict F1 %.4f; tandem/Gale–Church %.3f", from, to, bf, f/bf)
			// Issue 4 asks for 0.95 on zh–ru and ru–en; the floors keep
			// what the aligner reaches.
			floor := map[string]float64{"zh-ru": 0.95, "ru-en": 0.97, "zh-en": 0.95}[from+"-"+to]
			if f < floor {
				t.Errorf("%s–%s strict link F1 %.4f, want ≥ %.3f (the issue's target is 0.95)", from, to, f, floor)
			}
		})
	}
}

func beadDiff(gold, got []Bead) string {
	g := map[string]bool{}
	for _, b := range gold {
		g[b.String()] = true
	}
	var bad []string
	for _, b := range got {
		if !g[b.String()] {
			bad = append(bad, b.String())
		}
	}
	if len(bad) == 0 {
		return ""
	}
	var gs []string
	for _, b := range gold {
		gs = append(gs, b.String())
	}
	return fmt.Sprintf("wrong %v; gold %v", bad, gs)
}

// TestEvalAlign10kCoversBothSides aligns 10,000 segment pairs and checks
// that the links cover both sides in order. It logs the time but asserts
// none (a loaded machine must not fail the suite); bench/language.sh reads
// the logged wall time and asserts the target of under a second.
func TestEvalAlign10kCoversBothSides(t *testing.T) {
	docs := loadNTREX(t)
	rng := rand.New(rand.NewPCG(7, 7))
	var src, tgt []string
	for len(src) < 10000 {
		for _, d := range docs {
			s, tg, _ := synthesize(rng, "zh", "ru", d.text["zh"], d.text["ru"])
			src = append(src, s...)
			tgt = append(tgt, tg...)
		}
	}
	// The best of three runs is kept; both the wall time (what a user
	// waits) and the CPU time (what it costs) are reported.
	var beads []Bead
	el, cpu := time.Hour, time.Hour
	for range 3 {
		start, c0 := time.Now(), cpuTime()
		beads = Align(src, tgt, Options{From: "zh", To: "ru"})
		el, cpu = min(el, time.Since(start)), min(cpu, cpuTime()-c0)
	}
	// bench/language.sh reads "wall time N s" from this line.
	t.Logf("aligned %d × %d segments (%d links): CPU time %.3f s, wall time %.3f s", len(src), len(tgt), len(beads), cpu.Seconds(), el.Seconds())
	checkCover(t, beads, len(src), len(tgt))
}

func checkCover(t *testing.T, beads []Bead, n, m int) {
	t.Helper()
	i, j := 0, 0
	for _, b := range beads {
		for _, x := range b.Src {
			if x != i {
				t.Fatalf("bead %v: source %d out of order (want %d)", b, x, i)
			}
			i++
		}
		for _, y := range b.Tgt {
			if y != j {
				t.Fatalf("bead %v: target %d out of order (want %d)", b, y, j)
			}
			j++
		}
	}
	if i != n || j != m {
		t.Fatalf("beads cover %d/%d source and %d/%d target segments", i, n, j, m)
	}
}

// cpuTime returns the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
