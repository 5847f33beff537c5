package qa

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/numeral"
	"github.com/tandemforum/tandem/internal/segment"
)

// sentenceCount is how many sentences a text has, with the room that its
// ambiguous boundaries and its clauses leave.
type sentenceCount struct {
	n int // sentences as the segmenter splits the text
	// min counts only the boundaries no reader doubts: not after an
	// abbreviation, an initial, a number or a unit ("16 июля 2001 г.
	// Россия…", "точки A и B. Найдите…", "100 °C. Это…"), not inside
	// brackets or quotation marks («Куда идёт экономика? Итоги года»,
	// 《摔跤吧！爸爸》), not before a lower-case word.
	min int
	// joined adds the boundaries a translation may drop by joining
	// sentences: the ambiguous stops the segmenter did not cut, semicolons,
	// and in Chinese commas, which join what Russian and English write as
	// separate sentences.
	joined int
	// split adds, to joined, the commas of every language: a long sentence
	// may be translated as two.
	split int
}

// closers are the marks that may follow a sentence's final stop. “ is
// among them: it closes Russian „…“, and Chinese text often has it for ”.
const closers = "”“’»」』）)]\"'》〉"

func countSentences(sp segment.Splitter, text, lang string) sentenceCount {
	text = withoutCodesAfterStops(text)
	// A span with no letter or digit is punctuation the segmenter left
	// alone ("我被咬了!“" ends with a stray quotation mark): no sentence.
	spans := slices.DeleteFunc(sp.Split(text), func(s segment.Span) bool {
		return strings.IndexFunc(text[s.Start:s.End], func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0
	})
	c := sentenceCount{n: len(spans)}
	if len(spans) == 0 {
		return c
	}
	c.min = 1
	ends := make([]int, len(spans))
	for k, sp := range spans {
		ends[k] = sp.End
	}
	open := openMarksAt(text, ends)
	for k := 1; k < len(spans); k++ {
		if open[k-1] || ambiguousBoundary(text, spans[k-1].End, spans[k].Start, lang) {
			continue
		}
		c.min++
	}
	var cand, semi, commas, zhCommas int
	for _, s := range spans {
		c1, s1, k1, z1 := innerBoundaries(text[s.Start:s.End])
		cand, semi, commas, zhCommas = cand+c1, semi+s1, commas+k1, zhCommas+z1
	}
	c.joined = c.n + cand + semi
	if lang == "zh" {
		c.joined += zhCommas
	}
	c.split = c.n + cand + semi + commas + zhCommas
	return c
}

// withoutCodesAfterStops returns text without the inline codes that
// follow a sentence's final mark ("в Москве.<x/> Потом", a note mark
// after the stop): they belong to the sentence before, and a segmenter
// cuts only where a space follows the stop and its closing marks.
func withoutCodesAfterStops(text string) string {
	if !strings.ContainsRune(text, objectMark) {
		return text
	}
	var b strings.Builder
	afterStop := false
	for _, r := range text {
		if isObject(r) && afterStop {
			continue
		}
		b.WriteRune(r)
		if !isObject(r) {
			afterStop = strings.ContainsRune(".!?…。！？", r) || afterStop && strings.ContainsRune(closers, r)
		}
	}
	return b.String()
}

// ambiguousBoundary reports whether the boundary between a sentence ending
// at end and the next starting at next is one a segmenter or a translator
// may not make.
func ambiguousBoundary(text string, end, next int, lang string) bool {
	if r, _ := utf8.DecodeRuneInString(text[next:]); unicode.IsLower(r) {
		return true
	}
	prev := strings.TrimRightFunc(text[:end], func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(closers, r)
	})
	r, n := utf8.DecodeLastRuneInString(prev)
	switch r {
	case '…':
		return true
	case '.':
		if strings.HasSuffix(prev, "..") {
			return true
		}
		// A code before the stop may be a number ("см. рис. <ph/>. Далее").
		if p, _ := utf8.DecodeLastRuneInString(prev[:len(prev)-n]); isObject(p) {
			return true
		}
		return abbreviationBefore(prev[:len(prev)-n], lang)
	}
	return false
}

// abbreviationBefore reports whether the word at the end of s, before a
// full stop, may be an abbreviation, an initial, a number or a unit rather
// than the last word of a sentence.
func abbreviationBefore(s, lang string) bool {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.') || isHan(r) {
			break
		}
		i -= n
	}
	word := strings.Trim(s[i:], ".")
	switch {
	case word == "":
		// "°C." is handled as a letter; a bracket or a sign before the stop
		// is an ordinary end.
		return false
	case strings.Contains(word, "."): // т.е., U.S.
		return true
	case strings.IndexFunc(word, unicode.IsDigit) >= 0: // "в 2001." or "A4."
		return true
	}
	runes := []rune(word)
	if len(runes) == 1 {
		return true // an initial, a point, a unit (°C)
	}
	if _, _, ok := numeral.Roman(word, "ru"); ok {
		return true // Карл IV.
	}
	upper := strings.ToUpper(word) == word
	if upper {
		return false // США, КНР, UN: acronyms end sentences
	}
	if len(runes) <= 3 {
		return true // г., гг., тыс., etc., Mr., Inc.
	}
	if len(runes) == 4 && lang == "ru" {
		// Russian abbreviations are cut before a vowel (долл., проц.);
		// a four-letter word ending in one is a full word (мира).
		return !strings.ContainsRune("аеёиоуыэюяьй", runes[3])
	}
	if len(runes) == 4 && lang == "en" && unicode.IsUpper(runes[0]) {
		return true // Corp., Prof., Sept.
	}
	return false
}

// openMarksAt reports, for each of the ascending offsets at, whether a
// bracket or quotation mark opened before it in text is still open there.
func openMarksAt(text string, at []int) []bool {
	out := make([]bool, len(at))
	var stack []rune
	pairs := map[rune]rune{'《': '》', '「': '」', '『': '』', '“': '”', '«': '»', '„': '“', '(': ')', '（': '）', '〈': '〉', '[': ']'}
	k := 0
	for i, r := range text {
		for k < len(at) && at[k] <= i {
			out[k] = len(stack) > 0
			k++
		}
		if n := len(stack); n > 0 && r == pairs[stack[n-1]] {
			stack = stack[:n-1]
			continue
		}
		if _, ok := pairs[r]; ok {
			if len(stack) < 64 {
				stack = append(stack, r)
			}
			continue
		}
		// A closing mark with nothing open: drop what it cannot close.
		for n := len(stack) - 1; n >= 0; n-- {
			if pairs[stack[n]] == r {
				stack = stack[:n]
				break
			}
		}
	}
	for ; k < len(at); k++ {
		out[k] = len(stack) > 0
	}
	return out
}

// innerBoundaries counts, inside one sentence, the stops a segmenter did
// not cut at (cand), the semicolons, and the commas that join clauses
// (", " and, in Chinese, "，").
func innerBoundaries(s string) (cand, semi, comma, zhComma int) {
	prevStop := false
	// Marks at or after end are the sentence's own final ones.
	end := len(strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(closers, r)
	}))
	for i, size := 0, 0; i < len(s); i += size {
		var r rune
		r, size = utf8.DecodeRuneInString(s[i:])
		rest := s[i+size:]
		last := i+size >= end
		switch r {
		case '.', '!', '?', '…', '。', '！', '？':
			if prevStop || last {
				break
			}
			after := strings.TrimLeft(rest, closers)
			next, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(after, unicode.IsSpace))
			spaced := after != strings.TrimLeftFunc(after, unicode.IsSpace)
			full := r == '。' || r == '！' || r == '？'
			// "засмеялись.The": two sentences run together, as two
			// spans of formatting may join them.
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			glued := !spaced && unicode.IsLower(prev) && unicode.IsUpper(next)
			if next != 0 && !strings.ContainsRune(".!?…", next) && (full || (spaced || glued) && !unicode.IsLower(next)) {
				cand++
			}
		case ';', '；':
			if !last {
				semi++
			}
		case '，':
			if !last {
				zhComma++
			}
		case ',':
			if !last && strings.HasPrefix(rest, " ") {
				comma++
			}
		}
		prevStop = strings.ContainsRune(".!?…。！？", r)
	}
	return cand, semi, comma, zhComma
}
