package segment

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pairClosers maps each opening quotation mark, bracket or title mark to the
// marks that close it: „ closes with “ in Russian and with ” elsewhere. A
// grave accent stands for two of them, closed by two apostrophes, as
// typewritten text and TeX write quotation marks; an apostrophe stands for
// one, the typewriter's single quotation mark ('Stop! Go'), which also
// writes don't, O'Brien and students' (see opening and closing).
var pairClosers = map[rune]string{
	'«': "»", '‹': "›", '„': "“”", '“': "”", '‘': "’", '"': `"`, '`': "'", '\'': "'",
	'(': ")", '[': "]", '（': "）", '［': "］",
	'《': "》", '〈': "〉", '「': "」", '『': "』", '【': "】", '〔': "〕",
}

// maxPairRunes bounds how far after its opening mark a closing mark is
// looked for: a few sentences; maxSingleRunes bounds it for a single
// typewriter quotation mark, which quotes a title or a phrase, so that one
// opened by an elision ('Tis) and never closed is not closed by a
// possessive (students') sentences later. A mark left open, as a typing slip or a
// quotation that runs on into the next paragraph, then shelters nothing
// beyond it, and a paragraph end always closes every mark.
const (
	maxPairRunes   = 300
	maxSingleRunes = 120
)

// maxPairSegmentColumns bounds a short quotation or bracket, from its
// opening mark to its closing mark, in columns (a Chinese character takes
// two, see columns): one of a few short sentences («Хорошо! Хорошо!»,
// “好！好！”, a line of dialogue, an aside in brackets) is kept in one
// segment, whether or not the sentence around it goes on after it, so
// that no segment holds a quotation mark or a bracket without its pair. A
// longer quotation of several sentences is split into them, as CAT tools
// split it, and its first and last segments hold its marks.
const maxPairSegmentColumns = 60

// openMark is an opening mark waiting for its closer.
type openMark struct {
	r    rune
	end  int // byte offset just after the mark
	runs int // rune index of the mark in the paragraph
}

// sheltered returns the byte ranges [lo, hi] of a paragraph in which no
// sentence begins: from just after an opening mark to the first non-space
// after its closing mark, for each pair closed within maxPairRunes after
// which the sentence goes on (see goesOn). A stop inside such a pair, as in
// «Куда идёт экономика? Итоги года» обсудили or 《摔跤吧！爸爸》这部电影,
// belongs to the quotation or title, not to the sentence around it.
func (r *Rules) sheltered(p string) [][2]int {
	var stack []openMark
	var out [][2]int
	n := 0
	double := false // the second ` of `` or ' of ''
	for i, c := range p {
		n++
		if double {
			double = false
			continue
		}
		if !isPairMark(c) {
			continue
		}
		size := utf8.RuneLen(c)
		switch {
		case (c == '`' || c == '\'') && strings.HasPrefix(p[i+1:], string(c)):
			// `` and '' are typewritten double quotation marks.
			double = true
			size = 2
		case c == '`':
			// A single ` is an accent.
			continue
		}
		if k := r.closing(p, i, c, size, stack, n); k >= 0 {
			o := stack[k]
			stack = stack[:k]
			switch {
			case r.goesOn(p, o.r, o.end-utf8.RuneLen(o.r), i, i+size):
				out = append(out, [2]int{o.end, skip(p, i+size, isSpace)})
			case n-o.runs <= maxPairSegmentColumns && columns(p[o.end:i]) <= maxPairSegmentColumns:
				// 他说：“好！好！” / 大家都笑了。 A short quotation or
				// bracket is one segment, even where the sentence ends
				// after it.
				out = append(out, [2]int{o.end, i})
			}
			continue
		}
		if pairClosers[c] != "" && r.opening(p, i, c, size) {
			stack = append(stack, openMark{c, i + size, n})
		}
	}
	return out
}

// isPairMark reports whether c opens or closes a pair (see pairClosers).
func isPairMark(c rune) bool {
	switch c {
	case '«', '»', '‹', '›', '„', '“', '”', '‘', '’', '"', '`', '\'',
		'(', ')', '[', ']', '（', '）', '［', '］',
		'《', '》', '〈', '〉', '「', '」', '『', '』', '【', '】', '〔', '〕':
		return true
	}
	return false
}

// closing returns the index in stack of the opening mark that c, the size
// bytes at byte i and rune n of p, closes, or -1 when c closes none (or is
// an opener).
func (r *Rules) closing(p string, i int, c rune, size int, stack []openMark, n int) int {
	prev, _ := utf8.DecodeLastRuneInString(p[:i])
	next, _ := utf8.DecodeRuneInString(p[i+size:])
	single := c == '\'' && size == 1
	switch c {
	case '’', '\'':
		// An apostrophe: "don’t", "O’Neill".
		if unicode.IsLetter(prev) && unicode.IsLetter(next) {
			return -1
		}
		// A single typewriter quotation mark closes after a non-space
		// and before a space or punctuation: 'Stop! Go' yesterday.
		if single && (i == 0 || isSpace(prev) || unicode.IsLetter(next) || unicode.IsDigit(next)) {
			return -1
		}
		// After an s and before a word it is the apostrophe of a
		// possessive: "the players' guild", "James' book".
		if single && (prev == 's' || prev == 'S') && isSpace(next) && unicode.IsLetter(firstRune(strings.TrimLeftFunc(p[i+size:], isSpace))) {
			return -1
		}
	case '"':
		// A straight quotation mark closes after a non-space; in Chinese,
		// without spaces, every other one closes.
		if !r.cjk && (i == 0 || isSpace(prev)) {
			return -1
		}
	}
	for k := len(stack) - 1; k >= 0 && n-stack[k].runs <= maxPairRunes; k-- {
		o := stack[k].r
		if c == '\'' && (o == '\'') != single {
			// '' closes ``, and ' closes ' only.
			continue
		}
		if o == '\'' && n-stack[k].runs > maxSingleRunes {
			continue
		}
		if strings.ContainsRune(pairClosers[o], c) {
			return k
		}
	}
	return -1
}

// opening reports whether c, an opening mark of size bytes at byte i of p,
// opens a pair there. A straight quotation mark opens only after a space, a
// bracket or a dash and before a non-space (or anywhere in Chinese); ‘ not
// between two letters; a single ' only at the start or after a space, a
// bracket or a dash, and before a letter, so that the apostrophes of don't,
// O'Brien, students' and '90s open nothing.
func (r *Rules) opening(p string, i int, c rune, size int) bool {
	prev, _ := utf8.DecodeLastRuneInString(p[:i])
	next, _ := utf8.DecodeRuneInString(p[i+size:])
	switch c {
	case '"':
		if r.cjk {
			return true
		}
		return (i == 0 || isSpace(prev) || strings.ContainsRune(openers+dashes, prev)) && next != utf8.RuneError && !isSpace(next)
	case '‘':
		return !(unicode.IsLetter(prev) && unicode.IsLetter(next))
	case '\'':
		if size == 2 {
			// '' closes `` and opens nothing.
			return false
		}
		return (i == 0 || isSpace(prev) || strings.ContainsRune(openers+dashes, prev)) && unicode.IsLetter(next)
	}
	return true
}

// goesOn reports whether the sentence around a pair opened by open and
// closed by the mark at p[start:end] goes on after the closing mark, so
// that the stops inside the pair are the quotation's own.
//
// In Russian and English the sentence goes on when a lower-case word, a
// digit, a comma, semicolon or colon, or a dash before a lower-case word
// follows («Кто виноват?» — спросил он). In Chinese, where every character
// could start a sentence, a title in 《》 or 〈〉 never ends one; a quotation
// or a bracket without an end mark of its own before its closing mark goes
// on unless another quotation follows; a quotation that ends with one
// (Chinese puts the stop of a quotation that ends the sentence inside the
// marks: 他说：“我们走吧。”) ends the sentence unless its reporting clause
// follows or it is quoted as part of the sentence (see quotationGoesOn); a
// bracket that ends with a question or exclamation goes on.
//
// A bracket right after the closing mark continues the sentence with the
// whole of what it holds («Куда идёт экономика? Итоги года» (2021) обсудили;
// 《摔跤吧！爸爸》（2016）这部电影): what follows the closing bracket decides,
// and a stop or the end of the paragraph there ends the sentence after the
// bracket, not inside the quotation («Что такое Россия?» (М., 2005).).
func (r *Rules) goesOn(p string, open rune, openAt, start, end int) bool {
	outer := closersAlpha
	if r.cjk {
		outer = closers
	}
	j := skip(p, end, func(c rune) bool { return isSpace(c) || strings.ContainsRune(outer, c) })
	if k, ok := afterBracket(p, j); ok {
		j = skip(p, k, func(c rune) bool { return isSpace(c) || strings.ContainsRune(outer, c) })
		if j >= len(p) {
			return true
		}
		if next, _ := utf8.DecodeRuneInString(p[j:]); strings.ContainsRune(stopsLatin+stopsCJK, next) {
			return true
		}
		return r.goesOn(p, open, openAt, start, j)
	}
	if r.cjk {
		if open == '《' || open == '〈' {
			return true
		}
		if j >= len(p) {
			return false
		}
		next, _ := utf8.DecodeRuneInString(p[j:])
		last, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(p[:start], isSpace))
		switch {
		case strings.ContainsRune(clauseMarksZ, next) || strings.ContainsRune(stopsCJK+"…", next):
			return true
		case strings.ContainsRune(openers, next):
			return false
		case !strings.ContainsRune("。．.…！？!?", last):
			return true
		case !strings.ContainsRune(quoteOpeners, open):
			// （会议取得圆满成功！）大家起立。 A bracket that ends with a
			// question or an exclamation goes on; one that ends with a
			// full stop does not.
			return !strings.ContainsRune("。．.…", last)
		}
		return r.quotationGoesOn(p, openAt, j, last)
	}
	if j >= len(p) {
		return false
	}
	next, n := utf8.DecodeRuneInString(p[j:])
	if strings.ContainsRune("([", open) && strings.ContainsRune(".!?…", next) {
		// "(М., 2015. С. 45–47).": a stop after a bracket ends the
		// sentence the bracket is part of.
		return true
	}
	switch {
	case unicode.IsLower(next) || unicode.IsDigit(next) || strings.ContainsRune(",;:", next):
		return true
	case strings.ContainsRune(dashes, next) || strings.ContainsRune(openers, next):
		k := skip(p, j+n, func(c rune) bool {
			return isSpace(c) || strings.ContainsRune(dashes, c) || strings.ContainsRune(openers, c)
		})
		c, _ := utf8.DecodeRuneInString(p[k:])
		return unicode.IsLower(c)
	}
	return false
}

// afterBracket returns the offset just after the bracket that closes the
// one opening at p[j:], if one opens there and closes within maxPairRunes.
// Brackets of the same kind nest.
func afterBracket(p string, j int) (int, bool) {
	open, _ := utf8.DecodeRuneInString(p[j:])
	var closer rune
	switch open {
	case '(', '[', '（', '［':
		closer = []rune(pairClosers[open])[0]
	default:
		return 0, false
	}
	depth, runes := 0, 0
	for k, c := range p[j:] {
		runes++
		if runes > maxPairRunes {
			break
		}
		switch c {
		case open:
			depth++
		case closer:
			depth--
			if depth == 0 {
				return j + k + utf8.RuneLen(c), true
			}
		}
	}
	return 0, false
}

// unsheltered drops the breaks, sorted, that fall inside a sheltered range.
func unsheltered(breaks []int, ranges [][2]int) []int {
	if len(ranges) == 0 {
		return breaks
	}
	slices.SortFunc(ranges, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	out := breaks[:0]
	k, hi := 0, -1
	for _, b := range breaks {
		for k < len(ranges) && ranges[k][0] <= b {
			hi = max(hi, ranges[k][1])
			k++
		}
		// hi is the furthest end of the ranges starting at or before b.
		if b > hi {
			out = append(out, b)
		}
	}
	return out
}
