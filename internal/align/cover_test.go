package align

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// coverErr says how beads fail to cover n source and m target segments
// exactly once each, in order, or returns nil.
func coverErr(beads []Bead, n, m int) error {
	i, j := 0, 0
	for _, b := range beads {
		if len(b.Src) == 0 && len(b.Tgt) == 0 {
			return fmt.Errorf("bead %v is empty", b)
		}
		for _, x := range b.Src {
			if x != i {
				return fmt.Errorf("bead %v: source %d out of order (want %d)", b, x, i)
			}
			i++
		}
		for _, y := range b.Tgt {
			if y != j {
				return fmt.Errorf("bead %v: target %d out of order (want %d)", b, y, j)
			}
			j++
		}
	}
	if i != n || j != m {
		return fmt.Errorf("beads cover %d of %d source and %d of %d target segments", i, n, j, m)
	}
	return nil
}

// segments makes n segments with gen(k).
func segments(n int, gen func(k int) string) []string {
	out := make([]string, n)
	for k := range out {
		out[k] = gen(k)
	}
	return out
}

func zhSentence(k int) string {
	return fmt.Sprintf("第%d条规定了双方的权利和义务。", k+1)
}
func ruSentence(k int) string {
	return fmt.Sprintf("Статья %d определяет права и обязанности сторон.", k+1)
}

// TestAlignShapes aligns sides of the shapes that used to break the band:
// one segment against many, a very long line against fifty, empty and
// blank segments, extreme length ratios, and hard anchors at the edges,
// repeated, out of range or going back. Every one must give beads that
// cover both sides.
func TestAlignShapes(t *testing.T) {
	long := strings.Repeat("Очень длинная строка, в которой много слов и 12 чисел. ", 400)
	tests := []struct {
		name     string
		src, tgt []string
		hard     [][2]int
	}{
		{"empty both", nil, nil, nil},
		{"empty source", nil, segments(3, zhSentence), nil},
		{"empty target", segments(3, ruSentence), nil, nil},
		{"one against one", segments(1, ruSentence), segments(1, zhSentence), nil},
		{"one against twelve", segments(1, ruSentence), segments(12, zhSentence), nil},
		{"twelve against one", segments(12, zhSentence), segments(1, ruSentence), nil},
		{"one against two hundred", segments(1, ruSentence), segments(200, zhSentence), nil},
		{"two hundred against three", segments(200, zhSentence), segments(3, ruSentence), nil},
		{"long line against fifty", []string{long}, segments(50, zhSentence), nil},
		{"fifty against long line", segments(50, zhSentence), []string{long}, nil},
		{"long line last", append(segments(20, ruSentence), long), segments(20, zhSentence), nil},
		{"long line first", segments(20, ruSentence), append([]string{long}, segments(20, zhSentence)...), nil},
		{"all empty strings", make([]string, 7), make([]string, 30), nil},
		{"blank lines", []string{"", " ", "\t", "Текст."}, []string{"", "", "文本。", "", ""}, nil},
		{"one character against long", segments(30, func(int) string { return "a" }), segments(3, func(int) string { return long }), nil},
		{"anchors at the edges", segments(10, ruSentence), segments(14, zhSentence), [][2]int{{0, 0}, {0, 14}, {10, 0}, {10, 14}}},
		{"anchor at the end of one side", segments(10, ruSentence), segments(14, zhSentence), [][2]int{{10, 3}}},
		{"anchor at the start of one side", segments(10, ruSentence), segments(14, zhSentence), [][2]int{{0, 13}}},
		{"anchors out of range and back", segments(10, ruSentence), segments(14, zhSentence), [][2]int{{-1, 2}, {5, 20}, {4, 4}, {3, 9}, {4, 4}, {12, 1}, {6, 5}}},
		{"anchors making empty parts", segments(10, ruSentence), segments(14, zhSentence), [][2]int{{2, 0}, {2, 14}, {9, 14}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, opt := range []Options{{From: "ru", To: "zh", Hard: tt.hard}, {From: "zh", To: "ru", Hard: tt.hard, lengthOnly: true}} {
				beads := Align(tt.src, tt.tgt, opt)
				if err := coverErr(beads, len(tt.src), len(tt.tgt)); err != nil {
					t.Errorf("%s→%s: %v", opt.From, opt.To, err)
				}
			}
		})
	}
}

// randomSide makes up to max segments of random kinds and lengths.
func randomSide(rng *rand.Rand, max int) []string {
	kinds := []func() string{
		func() string { return "" },
		func() string { return "   " },
		func() string { return zhSentence(rng.IntN(100)) },
		func() string { return ruSentence(rng.IntN(100)) },
		func() string { return strings.Repeat("Слово. ", 1+rng.IntN(2000)) },
		func() string { return strings.Repeat("字", 1+rng.IntN(30)) },
		func() string { return fmt.Sprintf("%d %d?", rng.IntN(3000), rng.IntN(10)) },
		func() string { return "«Да!» — (1)" },
	}
	n := rng.IntN(max + 1)
	out := make([]string, n)
	// Most sides favour one kind, so that the two sides differ in length.
	fav := rng.IntN(len(kinds))
	for k := range out {
		if rng.IntN(3) == 0 {
			out[k] = kinds[rng.IntN(len(kinds))]()
		} else {
			out[k] = kinds[fav]()
		}
	}
	return out
}

// TestAlignCoverProperty aligns random segment lists, with random hard
// anchors, and checks that every segment index of both sides appears
// exactly once, in order, in the beads.
func TestAlignCoverProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	langs := []string{"zh", "ru", "en", "", "fr"}
	for iter := range 400 {
		src, tgt := randomSide(rng, 40), randomSide(rng, 40)
		if iter%10 == 0 {
			// One very short side against a long one.
			src = src[:min(len(src), rng.IntN(2))]
		}
		var hard [][2]int
		for range rng.IntN(4) {
			hard = append(hard, [2]int{rng.IntN(len(src)+3) - 1, rng.IntN(len(tgt)+3) - 1})
		}
		opt := Options{From: langs[rng.IntN(len(langs))], To: langs[rng.IntN(len(langs))], Hard: hard}
		beads := Align(src, tgt, opt)
		if err := coverErr(beads, len(src), len(tgt)); err != nil {
			t.Fatalf("%d × %d segments, anchors %v: %v", len(src), len(tgt), hard, err)
		}
	}
}

// FuzzAlign aligns the lines of two texts, with one hard anchor, and
// checks that the beads cover both sides in order.
func FuzzAlign(f *testing.F) {
	f.Add("Один.", strings.Join(segments(12, zhSentence), "\n"), uint8(3), uint16(0), uint16(0))
	f.Add(strings.Repeat("Длинная строка. ", 500), strings.Repeat("Line.\n", 50), uint8(1), uint16(1), uint16(30))
	f.Add("a\n\nb\nc", "x\n\ny", uint8(2), uint16(2), uint16(2))
	f.Add("", "\n\n\n", uint8(3), uint16(0), uint16(3))
	f.Fuzz(func(t *testing.T, src, tgt string, pair uint8, hi, hj uint16) {
		split := func(s string) []string {
			if s == "" {
				return nil
			}
			return strings.Split(s, "\n")
		}
		s, g := split(src), split(tgt)
		if len(s) > 300 || len(g) > 300 {
			return
		}
		langs := []string{"zh", "ru", "en"}
		opt := Options{From: langs[int(pair)%3], To: langs[int(pair/3)%3], Hard: [][2]int{{int(hi), int(hj)}}}
		beads := Align(s, g, opt)
		if err := coverErr(beads, len(s), len(g)); err != nil {
			t.Fatalf("%d × %d lines: %v", len(s), len(g), err)
		}
	})
}
