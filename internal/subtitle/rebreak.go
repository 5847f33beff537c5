package subtitle

import (
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/lang"
)

// Break returns a cue's text (its lines, as a translation gives them back,
// joined or not) as lines of language tag: one line when the text fits
// the language's limit, else two lines. A break after punctuation where
// neither line is twice as long as the other is taken first (when some
// break keeps both lines within the limit, only one that does);
// otherwise the lines are as even in length as the places where a line
// may end allow, each within the limit when the text fits in two. A text
// too long for two lines is still broken in two, by the same preferences;
// Validate warns of it.
//
// Where a line may end:
//   - Russian and English: at a space, not after a one-letter word (a
//     Russian preposition or conjunction such as «в», «с», «и», or "a"),
//     not before a dash (which would read as another speaker's line), not
//     inside a number ("20 000") nor at a no-break space; preferably
//     after punctuation;
//   - Chinese: between characters, never before closing punctuation or
//     after opening punctuation, never inside a run of Latin letters or
//     digits ("3.5", "10:30" included), never before a particle that
//     ends a word (的, 了, 们, …); preferably after punctuation (，。；：
//     ！？、 and closing brackets) or at a space, else after a particle
//     or a function word, so that a word pair is kept on one line.
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
	type place struct {
		at               int
		w1, w2           float64
		penalty, over    float64
		afterPunctuation bool
	}
	var places []place
	least := -1.0
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
		// how much the two lines are over the limit together: the same
		// for every place between the two ends of a text too long for two
		// lines
		over := max(0, w1-limit) + max(0, w2-limit)
		places = append(places, place{i, w1, w2, penalty, over, penalty == 0})
		if least < 0 || over < least {
			least = over
		}
	}
	if len(places) == 0 {
		return []string{s}
	}
	// A break after punctuation where neither line is twice as long as
	// the other comes first: it keeps a phrase whole. When some break
	// keeps both lines within the limit, it must put no more over the
	// limit than that; when none does, the lines are hard to read either
	// way, and a phrase kept whole reads better than a word split in the
	// most even place. Otherwise the lines are as even as the places'
	// costs allow.
	best, bestCost := -1, 0.0
	for _, p := range places {
		if p.afterPunctuation && (p.over <= least || least > 0) && max(p.w1, p.w2) < 2*min(p.w1, p.w2) {
			if cost := abs(p.w1 - p.w2); best < 0 || cost < bestCost {
				best, bestCost = p.at, cost
			}
		}
	}
	if best < 0 {
		for _, p := range places {
			cost := abs(p.w1-p.w2) + p.penalty + 1000*(p.over-least)
			if best < 0 || cost < bestCost {
				best, bestCost = p.at, cost
			}
		}
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
		// A no-break space stays: it joins what it is between.
		l = strings.Join(strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '\t' }), " ")
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
	// punctuation that ends a phrase, where a line breaks best: in
	// Chinese (full-width, closing brackets and quotes, and Latin text's
	// own) and in Russian and English
	phraseEndZh   = "，。、；：？！）」』》〉】〕”’…,.;:?!)]}"
	phraseEnd     = ",.;:?!…)"
	closingQuotes = "»”\"'’"
	dashes        = "—–"
)

// breakPenalty says whether a line may end before rs[i] and how much it
// costs, in lineWidth's units: 0 after punctuation that ends a phrase,
// more inside a phrase.
func breakPenalty(rs []rune, i int, zh bool) (float64, bool) {
	prev, next := rs[i-1], rs[i]
	if !zh {
		if next != ' ' || i+1 >= len(rs) {
			return 0, false
		}
		after := rs[i+1]
		// A line that begins with a dash reads as another speaker's;
		// digits on both sides are one number ("20 000").
		if strings.ContainsRune(dashes, after) || unicode.IsDigit(prev) && unicode.IsDigit(after) {
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
		if strings.ContainsRune(phraseEnd, prev) || strings.ContainsRune(closingQuotes, prev) && i >= 2 && strings.ContainsRune(phraseEnd, rs[i-2]) {
			return 0, true
		}
		if strings.ContainsRune(dashes, prev) {
			return 1, true
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
	// a point, comma or colon inside a number or a Latin word ("3.5",
	// "10:30", "1,000") is part of it
	if i >= 2 && latinOrDigit(rs[i-2]) && latinOrDigit(next) && strings.ContainsRune(".,:-/'", prev) {
		return 0, false
	}
	if next == ' ' || prev == ' ' {
		return 1, true
	}
	switch {
	case strings.ContainsRune(phraseEndZh, prev):
		return 0, true
	case prev == '·' || prev == '・':
		// inside a foreign name (谢尔盖·拉夫罗夫)
		return 8, true
	case strings.ContainsRune(breakAfter, prev) || strings.ContainsRune(closingPunct, prev):
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
