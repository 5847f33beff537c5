package tm

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/segment"
	"github.com/tandemforum/tandem/internal/shareddata"
	"golang.org/x/sys/unix"
)

// zhSentences returns sentences and clauses of the Chinese government work
// reports, enough for a memory of n units.
func zhSentences(t testing.TB, n int) []string {
	f, err := os.Open(shareddata.Path(t, "zh-reports/government_work_reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	seg := segment.MustFor("zh")
	var sents, clauses []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var rec struct{ Content string }
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatal(err)
		}
		for _, s := range segment.Strings(seg, rec.Content) {
			if utf8Len(s) < 8 || seen[s] {
				continue
			}
			seen[s] = true
			sents = append(sents, s)
			for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == '，' || r == '；' }) {
				if utf8Len(c) >= 8 && !seen[c] {
					seen[c] = true
					clauses = append(clauses, c)
				}
			}
		}
	}
	all := append(sents, clauses...)
	// Then two sentences joined, as a memory holds where a translator
	// merged them.
	for i := 0; len(all) < n && i+1 < len(sents); i++ {
		all = append(all, sents[i]+sents[i+1])
	}
	if len(all) < n {
		t.Skipf("only %d sentences and clauses in the reports, want %d", len(all), n)
	}
	return all[:n]
}

func utf8Len(s string) int { return len([]rune(s)) }

// memory100k builds a zh→ru memory of 100,000 units from the shared data
// and queries: half are memory sentences with a character or a number
// changed (fuzzy hits), half are unseen sentences.
func memory100k(t testing.TB) (*Memory, []string) {
	src := zhSentences(t, 100_000)
	m := New("zh", "ru")
	for i, s := range src {
		m.Add(Unit{Source: s, Target: "перевод " + s, Context: "u" + string(rune('a'+i%26))})
	}
	f, err := os.Open(shareddata.Path(t, "ntrex/newstest2019-ref.zho-CN.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var unseen []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		unseen = append(unseen, sc.Text())
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var queries []string
	for len(queries) < 1000 {
		s := []rune(src[rng.IntN(len(src))])
		k := rng.IntN(len(s))
		s[k] = '国'
		queries = append(queries, string(s))
		queries = append(queries, unseen[rng.IntN(len(unseen))])
	}
	return m, queries
}

// threadCPU returns the CPU time of the calling thread, so that a lookup's
// cost is measured whatever else the machine is running.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

func lookupTimes(m *Memory, queries []string) []time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	times := make([]time.Duration, len(queries))
	for i, q := range queries {
		c0 := threadCPU()
		m.Lookup(q, "ux")
		times[i] = threadCPU() - c0
	}
	slices.Sort(times)
	return times
}

func percentile(ts []time.Duration, p float64) time.Duration {
	return ts[int(float64(len(ts)-1)*p)]
}

// TestEvalLookup100kFindsMatches builds a zh→ru memory of 100,000 units
// from the shared data and checks that lookups find the fuzzy matches: at
// least 90 of 200 queries, half of which are one character off a unit. It
// measures the lookup time (CPU time of the looking-up thread) and logs
// its percentiles, but asserts no time: a loaded machine must not fail the
// suite. bench/language.sh reads the logged p99 and asserts issue 4's
// target of 10 ms there.
func TestEvalLookup100kFindsMatches(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a 100,000-unit memory")
	}
	m, queries := memory100k(t)
	hits := 0
	for _, q := range queries[:200] {
		if len(m.Lookup(q, "")) > 0 {
			hits++
		}
	}
	if hits < 90 {
		t.Errorf("only %d of 200 queries found a match; half of them are one character off a unit", hits)
	}
	times := lookupTimes(m, queries)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	// bench/language.sh reads "p99 N ms" from this line.
	t.Logf("%d units, %d lookups: p50 %.3f ms, p99 %.3f ms, max %.3f ms; %d of the first 200 queries found matches",
		m.Len(), len(queries), ms(percentile(times, 0.5)), ms(percentile(times, 0.99)), ms(times[len(times)-1]), hits)
}

// BenchmarkLookup100k reports the lookup time against 100,000 units, with
// its 50th and 99th percentiles.
func BenchmarkLookup100k(b *testing.B) {
	m, queries := memory100k(b)
	b.ResetTimer()
	var times []time.Duration
	for i := 0; b.Loop(); i++ {
		q := queries[i%len(queries)]
		start := time.Now()
		m.Lookup(q, "ux")
		times = append(times, time.Since(start))
	}
	slices.Sort(times)
	b.ReportMetric(float64(percentile(times, 0.5).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(percentile(times, 0.99).Microseconds())/1000, "p99-ms")
}
