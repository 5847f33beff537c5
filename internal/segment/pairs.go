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
// typewritten text and TeX write quotation marks.
var pairClosers = map[rune]string{
	'«': "»", '‹': "›", '„': "“”", '“': "”", '‘': "’", '"': `"`, '`': "'",
	'(': ")", '[': "]", '（': "）", '［': "］",
	'《': "》", '〈': "〉", '「': "」", '『': "』", '【': "】", '〔': "〕",
}

// maxPairRunes bounds how far after its opening mark a closing mark is
// looked for: a few sentences. A mark left open, as a typing slip or a
// quotation that runs on into the next paragraph, then shelters nothing
// beyond it, and a paragraph end always closes every mark.
const maxPairRunes = 300

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
		if c == '`' || c == '\'' {
			// Only `` and '' are marks: a single ` or ' is an accent or
			// an apostrophe.
			if !strings.HasPrefix(p[i+1:], string(c)) {
				continue
			}
			double = true
			size = 2
		}
		if k := r.closing(p, i, c, size, stack, n); k >= 0 {
			o := stack[k]
			stack = stack[:k]
			if r.goesOn(p, o.r, i, i+size) {
				out = append(out, [2]int{o.end, skip(p, i+size, isSpace)})
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
	switch c {
	case '’':
		// An apostrophe: "don’t", "O’Neill".
		if unicode.IsLetter(prev) && unicode.IsLetter(next) {
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
		if strings.ContainsRune(pairClosers[stack[k].r], c) {
			return k
		}
	}
	return -1
}

// opening reports whether c, an opening mark of size bytes at byte i of p,
// opens a pair there. A straight quotation mark opens only after a space, a
// bracket or a dash and before a non-space (or anywhere in Chinese); ‘ not
// between two letters.
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
// goes on unless it ends in a full stop or ellipsis (Chinese puts the stop
// of a quotation that ends the sentence inside the marks: 他说：“我们走吧。”)
// or another quotation follows.
func (r *Rules) goesOn(p string, open rune, start, end int) bool {
	outer := closersAlpha
	if r.cjk {
		outer = closers
	}
	j := skip(p, end, func(c rune) bool { return isSpace(c) || strings.ContainsRune(outer, c) })
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
		}
		return !strings.ContainsRune("。．.…", last)
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
