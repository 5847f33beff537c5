package subtitle

import (
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/lang"
)

// Break returns a cue's text (its lines, as a translation gives them back,
// joined or not) as lines of language tag: one line when the text fits
// the language's limit, else two lines as even in length as the places
// where a line may end allow, each within the limit when the text fits in
// two. A text too long for two lines is still broken in two; Validate
// warns of it.
//
// Where a line may end:
//   - Russian and English: at a space, not after a one-letter word (a
//     Russian preposition or conjunction such as «в», «с», «и», or "a"),
//     preferably after punctuation;
//   - Chinese: between characters, never before closing punctuation or
//     after opening punctuation, never inside a run of Latin letters or
//     digits, never before a particle that ends a word (的, 了, 们, …);
//     preferably after punctuation, else after a particle or a
//     function word, so that a word pair is kept on one line.
func Break(text, tag string) []string {
	zh := lang.Base(tag) == "zh"
	s := joinLines(text, zh)
	if s == "" {
		return nil
	}
	limit := lineLimit(tag)
	if lineWidth(s, tag) <= limit {
		return []string{s}
	}
	rs := []rune(s)
	total := lineWidth(s, tag)
	best, bestCost := -1, 0.0
	for i := 1; i < len(rs); i++ {
		penalty, ok := breakPenalty(rs, i, zh)
		if !ok {
			continue
		}
		first := strings.TrimSpace(string(rs[:i]))
		second := strings.TrimSpace(string(rs[i:]))
		if first == "" || second == "" {
			continue
		}
		w1 := lineWidth(first, tag)
		w2 := total - w1
		cost := abs(w1-w2) + penalty
		if w1 > limit || w2 > limit {
			// Over the limit: only when nothing else fits.
			cost += 1000 + max(w1, w2)
		}
		if best < 0 || cost < bestCost {
			best, bestCost = i, cost
		}
	}
	if best < 0 {
		return []string{s}
	}
	return []string{strings.TrimSpace(string(rs[:best])), strings.TrimSpace(string(rs[best:]))}
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// joinLines makes one line of text: Chinese lines are joined as they are
// (a Latin word's space kept where the lines had one), others with a
// space; runs of spaces become one.
func joinLines(text string, zh bool) string {
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	var b strings.Builder
	for _, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			continue
		}
		if b.Len() > 0 {
			prev, _ := lastRune(b.String())
			first := []rune(l)[0]
			if !zh || !(fullWidth(prev) || fullWidth(first)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func lastRune(s string) (rune, bool) {
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	return rs[len(rs)-1], true
}

// Chinese punctuation that may not begin a line (closing) or end one
// (opening), and the characters a line breaks well after or never before.
const (
	closingPunct = "，。、；：？！）」』》〉】〕”’…—·%％,.;:?!)]}"
	openingPunct = "（「『《〈【〔“‘([{"
	// particles that end the word before them: a line must not begin
	// with one
	particles = "的了们着过地得吗呢吧啊么"
	// function words after which a line breaks well
	breakAfter = "的了和与及或在是就也都而但并把被对从向于"
	// Russian and English one-letter words a line must not end with
	oneLetter = "вксуоиаяВКСУОИАЯaAI"
)

// breakPenalty says whether a line may end before rs[i] and how much it
// costs, in lineWidth's units: 0 after punctuation, more inside a phrase.
func breakPenalty(rs []rune, i int, zh bool) (float64, bool) {
	prev, next := rs[i-1], rs[i]
	if !zh {
		if next != ' ' {
			return 0, false
		}
		// the word before the space
		j := i - 1
		for j >= 0 && rs[j] != ' ' {
			j--
		}
		word := rs[j+1 : i]
		if len(word) == 1 && strings.ContainsRune(oneLetter, word[0]) {
			return 0, false
		}
		if strings.ContainsRune(",.;:?!", prev) || prev == '…' || prev == '»' && i >= 2 && strings.ContainsRune(",.;:?!", rs[i-2]) {
			return 0, true
		}
		if len(word) <= 3 {
			// after a short word (a preposition, an article): possible,
			// but worse than elsewhere
			return 4, true
		}
		return 2, true
	}
	if strings.ContainsRune(closingPunct, next) || strings.ContainsRune(openingPunct, prev) || strings.ContainsRune(particles, next) {
		return 0, false
	}
	if latinOrDigit(prev) && latinOrDigit(next) {
		return 0, false
	}
	if next == ' ' || prev == ' ' {
		return 1, true
	}
	switch {
	case strings.ContainsRune(closingPunct, prev):
		return 0, true
	case strings.ContainsRune(breakAfter, prev):
		return 3, true
	case !fullWidth(prev) || !fullWidth(next):
		return 3, true
	}
	// between two Han characters: maybe inside a word, which costs more
	// than a line two characters less even after a function word
	return 8, true
}

func latinOrDigit(r rune) bool {
	return r < 0x3000 && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// Retext returns the cues of a track translated into language tag: each
// cue of src keeps its index and times, and takes the text texts gives for
// its index (a workbench segment per cue), re-broken by Break for the
// language, and its speaker (Voice). A cue the translation has no text for keeps no lines, which
// Validate reports as a cue without text.
func Retext(src []Cue, texts map[int]string, tag string) []Cue {
	out := make([]Cue, len(src))
	for i, c := range src {
		out[i] = Cue{Index: c.Index, Start: c.Start, End: c.End, Lines: Break(texts[c.Index], tag), Voice: c.Voice}
	}
	return out
}
