package segment

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

// TestMixedScripts: each stretch of a paragraph is split by the rules of
// its own script, so a Chinese document that quotes Russian and English
// sentences, or a Russian one that quotes Chinese, is split the same way
// whatever language the rules in use are for.
func TestMixedScripts(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"会谈结束。Лавров сказал: «Отлично!» The meeting was closed. Лавров уехал. Он сказал: «Да».",
			[]string{"会谈结束。", "Лавров сказал: «Отлично!»", "The meeting was closed.", "Лавров уехал.", "Он сказал: «Да»."}},
		{"他说：“很好。”The visit ended. 代表团离开了。", []string{"他说：“很好。”", "The visit ended.", "代表团离开了。"}},
		{"Он приехал. 双方签署了协议。随后举行了记者会。 The end came soon.",
			[]string{"Он приехал.", "双方签署了协议。", "随后举行了记者会。", "The end came soon."}},
		// Each script's abbreviations: "Dr." in English, "г." in Russian.
		{"报告见第4节。Dr. Brown agreed. 他同意了。", []string{"报告见第4节。", "Dr. Brown agreed.", "他同意了。"}},
		{"Он родился в 1990 г. The U.S. Senate agreed. Все согласились.",
			[]string{"Он родился в 1990 г.", "The U.S. Senate agreed.", "Все согласились."}},
		{"Компания Microsoft выпустила Windows. Затем началась продажа.",
			[]string{"Компания Microsoft выпустила Windows.", "Затем началась продажа."}},
		// A sentence in another script typed without a space after
		// the stop, as runs of a document often are; a word of one
		// script ("example.com", "т.е.Далее") goes on.
		{"Все засмеялись.The statement was signed.Путин ушёл.",
			[]string{"Все засмеялись.", "The statement was signed.", "Путин ушёл."}},
		{"The report was signed.“合作共赢。”", []string{"The report was signed.", "“合作共赢。”"}},
		{"См. example.com и т.е.Далее.", []string{"См. example.com и т.е.Далее."}},
		// A Roman numeral is a number in any script; a Latin initial
		// before a Chinese name is an initial; an English exclamation
		// quoted inside a Chinese sentence is part of it.
		{"Глава II. Детство в деревне.", []string{"Глава II. Детство в деревне."}},
		{"作者 J. 王 写了这本书。", []string{"作者 J. 王 写了这本书。"}},
		{"一声“Stop!”把他吓了一跳。", []string{"一声“Stop!”把他吓了一跳。"}},
	}
	for _, c := range cases {
		for _, lang := range Languages {
			got := Strings(MustFor(lang), c.text)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("%s: %s\n got: %q\nwant: %q", lang, c.text, got, c.want)
			}
		}
	}
}

// TestMixedScriptsLinear: a long paragraph that alternates scripts is read
// in time linear in its length.
func TestMixedScriptsLinear(t *testing.T) {
	unit := "会谈结束。Лавров сказал: «Отлично!» The meeting was closed. "
	small := strings.Repeat(unit, 200)
	large := strings.Repeat(unit, 1600)
	r := MustFor("zh")
	measure := func(s string) time.Duration {
		best := time.Duration(1 << 62)
		for range 5 {
			var n int
			best = min(best, cpuTime(func() { n = len(r.Split(s)) }))
			if n == 0 {
				t.Fatal("no segments")
			}
		}
		return best
	}
	a, b := measure(small), measure(large)
	if got := len(r.Split(large)); got != 3*1600 {
		t.Errorf("%d segments, want %d", got, 3*1600)
	}
	if b > 24*a+50*time.Millisecond {
		t.Errorf("8× the text took %v against %v: not linear", b, a)
	}
}
