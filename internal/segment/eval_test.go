package segment

import (
	"bufio"
	"html"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/shareddata"
)

// readLines returns the non-blank lines of a file, trimmed.
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
		if s := strings.TrimSpace(sc.Text()); s != "" {
			out = append(out, s)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// Score is the boundary precision, recall and F1 of a segmentation.
type score struct {
	tp, fp, fn int
}

func (s score) precision() float64 { return float64(s.tp) / float64(s.tp+s.fp) }
func (s score) recall() float64    { return float64(s.tp) / float64(s.tp+s.fn) }
func (s score) f1() float64 {
	p, r := s.precision(), s.recall()
	return 2 * p * r / (p + r)
}

// evalBoundaries joins gold sentences with sep, splits the text back and
// compares the inner sentence boundaries. It returns the score and up to
// max examples of errors.
func evalBoundaries(sp Splitter, gold []string, sep string, max int) (score, []string) {
	text := strings.Join(gold, sep)
	want := map[int]bool{}
	off := 0
	for i, g := range gold {
		if i > 0 {
			want[off] = true
		}
		off += len(g) + len(sep)
	}
	got := map[int]bool{}
	for i, s := range sp.Split(text) {
		if i > 0 {
			got[s.Start] = true
		}
	}
	var sc score
	var errs []string
	ctx := func(o int) string {
		a, b := max0(o-40), min(len(text), o+30)
		for a > 0 && !isRuneStart(text[a]) {
			a--
		}
		for b < len(text) && !isRuneStart(text[b]) {
			b++
		}
		return text[a:o] + "|" + text[o:b]
	}
	for o := range got {
		if want[o] {
			sc.tp++
		} else {
			sc.fp++
			if len(errs) < max {
				errs = append(errs, "extra:  "+ctx(o))
			}
		}
	}
	for o := range want {
		if !got[o] {
			sc.fn++
			if len(errs) < max {
				errs = append(errs, "missed: "+ctx(o))
			}
		}
	}
	return sc, errs
}

func max0(x int) int {
	if x < 0 {
		return 0
	}
	return x
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// TestEvalUD measures sentence boundary F1 on the Universal Dependencies dev
// sentences (gold sentences joined and split back) and asserts the targets
// of issue 4. Run with -v to see the figures and the errors.
func TestEvalUD(t *testing.T) {
	cases := []struct {
		lang, file, sep string
		minF1           float64
	}{
		{"zh", "ud/zh_gsdsimp-dev.sentences.txt", "", 0.995},
		{"ru", "ud/ru_gsd-dev.sentences.txt", " ", 0.99},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			lines := readLines(t, shareddata.Path(t, c.file))
			for i := range lines {
				// The UD texts keep HTML entities (&#39;&#39; for a closing quote).
				lines[i] = html.UnescapeString(lines[i])
			}
			sc, errs := evalBoundaries(MustFor(c.lang), lines, c.sep, 40)
			t.Logf("%s: %d sentences, boundary precision %.4f recall %.4f F1 %.4f (tp %d fp %d fn %d)",
				c.lang, len(lines), sc.precision(), sc.recall(), sc.f1(), sc.tp, sc.fp, sc.fn)
			for _, e := range errs {
				t.Log(e)
			}
			if sc.f1() < c.minF1 {
				t.Errorf("%s boundary F1 %.4f, want ≥ %.3f", c.lang, sc.f1(), c.minF1)
			}
		})
	}
}
