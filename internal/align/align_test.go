package align

import (
	"reflect"
	"strings"
	"testing"
)

func beadStrings(bs []Bead) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.String())
	}
	return strings.Join(out, " ")
}

func TestBeadFormat(t *testing.T) {
	for _, s := range []string{"[0,1]:[2]", "[]:[3]", "[4]:[]", "[5,6,7]:[8,9]"} {
		b, err := ParseBead(s)
		if err != nil {
			t.Fatal(err)
		}
		if b.String() != s {
			t.Errorf("round trip %q → %q", s, b.String())
		}
	}
	for _, s := range []string{"[0]", "0:1", "[a]:[1]", "[-1]:[0]"} {
		if _, err := ParseBead(s); err == nil {
			t.Errorf("ParseBead(%q) succeeded", s)
		}
	}
}

func TestAlignSmall(t *testing.T) {
	src := []string{
		"中俄两国于2001年签署了睦邻友好合作条约。",
		"今年是条约签署20周年。",
		"两国贸易额达到2401亿美元，创历史新高。",
		"论坛由两国科学院共同主办。",
		"双方专家学者出席了会议？",
	}
	tgt := []string{
		"В 2001 году Россия и Китай подписали Договор о добрососедстве, дружбе и сотрудничестве.",
		"В этом году исполняется 20 лет со дня подписания договора.",
		"Товарооборот двух стран достиг рекордных 240,1 млрд долларов.",
		"Форум совместно организовали академии наук двух стран.",
		"На заседании присутствовали эксперты и учёные обеих сторон?",
	}
	// Merge target sentences 2 and 3.
	tgtMerged := []string{tgt[0], tgt[1] + " " + tgt[2], tgt[3], tgt[4]}
	got := Align(src, tgtMerged, Options{From: "zh", To: "ru"})
	want := "[0]:[0] [1,2]:[1] [3]:[2] [4]:[3]"
	if beadStrings(got) != want {
		t.Errorf("merged: got %s, want %s", beadStrings(got), want)
	}
}

func TestAlignHardAnchors(t *testing.T) {
	src := []string{"a", "bb", "ccc", "dddd"}
	tgt := []string{"aa", "bbbb", "cccccc", "dddddddd"}
	got := Align(src, tgt, Options{Hard: [][2]int{{2, 3}}})
	checkCover(t, got, 4, 4)
	// No bead may cross the anchor: source 2 and target 3 start a bead.
	for _, b := range got {
		has := func(xs []int, v int) bool {
			for _, x := range xs {
				if x == v {
					return true
				}
			}
			return false
		}
		if (has(b.Src, 1) && has(b.Src, 2)) || (has(b.Tgt, 2) && has(b.Tgt, 3)) {
			t.Errorf("bead %v crosses the hard anchor", b)
		}
	}
}

func TestAlignEmptySides(t *testing.T) {
	if got := Align(nil, []string{"a", "b"}, Options{}); beadStrings(got) != "[]:[0] []:[1]" {
		t.Errorf("got %s", beadStrings(got))
	}
	if got := Align([]string{"a"}, nil, Options{}); !reflect.DeepEqual(got, []Bead{{Src: []int{0}, Tgt: []int{}}}) && beadStrings(got) != "[0]:[]" {
		t.Errorf("got %s", beadStrings(got))
	}
}

func TestTermsAnchor(t *testing.T) {
	src := []string{"Договор о добрососедстве важен.", "Мы это обсуждали долго и подробно сегодня.", "Итог."}
	tgt := []string{"睦邻友好条约很重要，我们今天详细讨论了这个问题。", "结果。"}
	opt := Options{From: "ru", To: "zh", Terms: []Term{{Source: "договор о добрососедстве", Target: "睦邻友好条约"}}}
	got := Align(src, tgt, opt)
	if beadStrings(got) != "[0,1]:[0] [2]:[1]" {
		t.Errorf("got %s", beadStrings(got))
	}
}

func FuzzParseBead(f *testing.F) {
	for _, s := range []string{"[0,1]:[2]", "[]:[3]", "[4]:[]", "[ 1 , 2 ]:[3]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b, err := ParseBead(s)
		if err != nil {
			return
		}
		again, err := ParseBead(b.String())
		if err != nil || again.String() != b.String() {
			t.Fatalf("%q → %q → %v, %v", s, b.String(), again, err)
		}
	})
}

// TestQuotationAnchors checks that a quotation opened with a typewriter
// mark ("…" or '…') is the same anchor as one opened with « „ “ ‘ 「 in
// the translation, while apostrophes and closing marks are none.
func TestQuotationAnchors(t *testing.T) {
	quotes := func(s, lang string) int {
		n := 0
		want := anchorsOf(`«`, "ru", "en", nil, map[string]string{}, 0)[0]
		for _, h := range anchorsOf(s, lang, "ru", nil, map[string]string{}, 0) {
			if h == want {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		lang, text string
		want       int
	}{
		{"en", `"I yelled: 'There's a shark!'" Hammel added.`, 2},
		{"en", `He said "yes" and 'no'.`, 2},
		{"en", `"Go," she said.`, 1},
		{"en", `It's the boys' books, 5' 11" tall.`, 0},
		{"ru", `«Я закричал: „Здесь акула!“», — рассказывает он.`, 2},
		{"zh", `他说：“水里有鲨鱼！”`, 1},
	} {
		if got := quotes(c.text, c.lang); got != c.want {
			t.Errorf("%s %s: %d quotation anchors, want %d", c.lang, c.text, got, c.want)
		}
	}
}
