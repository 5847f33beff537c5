// Package segment splits text into sentences for translation, for Chinese,
// Russian and English. The language rules are data: abbreviation lists a
// project can extend (see rules/*.txt), or rules read from an SRX 2.0 file,
// the format CAT tools share.
package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A Span is one segment of a text: the byte offsets of its first and one past
// its last byte. Spans exclude the whitespace between segments.
type Span struct {
	Start, End int
}

// A Splitter splits a text into segments. Rules and SRX rules are Splitters.
type Splitter interface {
	Split(text string) []Span
}

// Strings returns the segments of text as strings.
func Strings(s Splitter, text string) []string {
	spans := s.Split(text)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = text[sp.Start:sp.End]
	}
	return out
}

// Paragraphs returns the segments of text, as Strings does, grouped by
// paragraph: a blank line (one of nothing but spaces, tabs and carriage
// returns) ends a paragraph, and no Splitter makes a segment across one.
// Lines a list marker starts are segments of the same paragraph.
func Paragraphs(s Splitter, text string) [][]string {
	var out [][]string
	last := 0
	for _, sp := range s.Split(text) {
		if len(out) == 0 || blankLineIn(text[last:sp.Start]) {
			out = append(out, nil)
		}
		out[len(out)-1] = append(out[len(out)-1], text[sp.Start:sp.End])
		last = sp.End
	}
	return out
}

// blankLineIn reports whether s, the text between two segments, holds a
// blank line: a line break, then only spaces, tabs and carriage returns up
// to another.
func blankLineIn(s string) bool {
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			return false
		}
		s = s[i+1:]
		rest := strings.TrimLeft(s, " \t\r")
		if strings.HasPrefix(rest, "\n") {
			return true
		}
	}
}

// Split splits text with the rules and returns its segments. A blank line
// always ends a segment; single line breaks are spaces.
func (r *Rules) Split(text string) []Span {
	var spans []Span
	for _, p := range paragraphs(text) {
		spans = r.splitParagraph(text, p, spans)
	}
	return spans
}

// paragraphs returns the spans of text between blank lines, trimmed.
func paragraphs(text string) []Span {
	var out []Span
	start := 0
	add := func(s, e int) {
		s, e = trim(text, s, e)
		if s < e {
			out = append(out, Span{s, e})
		}
	}
	i := 0
	for i < len(text) {
		if text[i] != '\n' {
			i++
			continue
		}
		// Is the rest of this line blank, followed by another line break?
		j := i + 1
		for j < len(text) && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
			j++
		}
		if j < len(text) && text[j] == '\n' {
			add(start, i)
			for j < len(text) && (text[j] == '\n' || text[j] == ' ' || text[j] == '\t' || text[j] == '\r') {
				j++
			}
			start = j
			i = j
			continue
		}
		if listMarker(text[j:]) {
			// A line starting with "2.", "IV.", "§3.", "а)" or a bullet
			// is a new item even without a blank line before it.
			add(start, i)
			start = j
		}
		i++
	}
	add(start, len(text))
	return out
}

// listMarker reports whether a line starts with a list item's marker: a
// number, roman numeral or letter with "." or ")", "§N", or a bullet,
// followed by a space.
func listMarker(line string) bool {
	for _, b := range []string{"• ", "- ", "– ", "* ", "§"} {
		if strings.HasPrefix(line, b) {
			return true
		}
	}
	k := 0
	for k < len(line) && k < 12 {
		c, n := utf8.DecodeRuneInString(line[k:])
		if !(unicode.IsDigit(c) || c == '.' || strings.ContainsRune("IVXLC", c)) {
			break
		}
		k += n
	}
	if k == 0 {
		// "а) " and "b) ": one letter and a parenthesis.
		c, n := utf8.DecodeRuneInString(line)
		return unicode.IsLower(c) && strings.HasPrefix(line[n:], ") ")
	}
	rest := line[k:]
	marker := strings.TrimRight(line[:k], ".")
	if marker == "" || !(isRoman(marker) || isItemNumber(marker)) {
		// "2001. " at the start of a wrapped line is a year, no item.
		return false
	}
	return (strings.HasSuffix(line[:k], ".") && strings.HasPrefix(rest, " ")) || strings.HasPrefix(rest, ") ")
}

func trim(text string, s, e int) (int, int) {
	for s < e {
		r, n := utf8.DecodeRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		s += n
	}
	for e > s {
		r, n := utf8.DecodeLastRuneInString(text[s:e])
		if !isSpace(r) {
			break
		}
		e -= n
	}
	return s, e
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

func (r *Rules) splitParagraph(text string, p Span, spans []Span) []Span {
	start := p.Start
	for _, b := range r.mixedBreaks(text[p.Start:p.End]) {
		s, e := trim(text, start, p.Start+b)
		if s < e {
			spans = append(spans, Span{s, e})
		}
		start = p.Start + b
	}
	s, e := trim(text, start, p.End)
	if s < e {
		spans = append(spans, Span{s, e})
	}
	return spans
}

// Terminal and closing characters.
const (
	stopsCJK     = "。！？!?．"
	stopsLatin   = ".!?…"
	closers      = "”’»」』）》〉】〕\")]'’›"
	closersAlpha = closers + "“" // „…“ in Russian
	openers      = "«„“‘\"'`([〈《「『【〔‹¿¡"
	dashes       = "—–-"
	clauseMarksZ = "，、；：,;:"
)

// breaks returns the byte offsets in p where a new segment starts.
func (r *Rules) breaks(p string) []int {
	var out []int
	if r.cjk {
		out = r.breaksCJK(p)
	} else {
		out = r.breaksAlphabetic(p)
		if len(r.openers) > 0 {
			out = mergeSorted(out, r.openerBreaks(p))
		}
	}
	sheltered := r.sheltered(p)
	out = unsheltered(out, sheltered)
	if lines := r.labelLineBreaks(p); len(lines) > 0 {
		// A pair that closes at the end of a caption line (表1 贸易额（亿美元）)
		// shelters the start of the next line from the stops inside it,
		// not from the line's own break; a pair across the lines does.
		inside := make([][2]int, len(sheltered))
		for k, s := range sheltered {
			inside[k] = [2]int{s[0], s[1] - 1}
		}
		out = mergeSorted(out, unsheltered(lines, inside))
	}
	// "Бюллетень. 2002. № 6. С. 3–8.": a reference is one segment.
	return r.referenceBreaks(p, out)
}

func lastRune(s string) rune {
	c, _ := utf8.DecodeLastRuneInString(s)
	return c
}

func firstRune(s string) rune {
	c, _ := utf8.DecodeRuneInString(s)
	return c
}

// breaksCJK handles Chinese: no spaces, full- and half-width stops.
func (r *Rules) breaksCJK(p string) []int {
	var out []int
	// nextLine is where the line after a caption begins a sentence
	// ("表1。贸易额\n如表所示……"), once the scan passes it.
	nextLine := -1
	segStart := 0
	i := 0
	for i < len(p) {
		c, n := utf8.DecodeRuneInString(p[i:])
		isStop := strings.ContainsRune(stopsCJK, c) || c == '…' || c == '.'
		if !isStop {
			i += n
			continue
		}
		if nextLine >= 0 && i >= nextLine {
			out = append(out, nextLine)
			segStart, nextLine = nextLine, -1
		}
		// A run of stops ("？！", "……", "..."), then closing quotes and brackets.
		j := i
		question := false
		fullStop := false
		ellipsis := false
		dots := 0
		for j < len(p) {
			c2, n2 := utf8.DecodeRuneInString(p[j:])
			switch {
			case c2 == '。' || c2 == '．':
				fullStop = true
			case c2 == '…':
				ellipsis = true
			case c2 == '.':
				dots++
			case strings.ContainsRune("！？!?", c2):
				question = true
			default:
				goto stopsDone
			}
			j += n2
		}
	stopsDone:
		if dots > 0 && !fullStop && !question && !ellipsis {
			// A half-width full stop in Chinese text: only "..." as an
			// ellipsis, or a stop between a Han character and the next
			// one, ends a sentence; "3.5" and "U.S." do not.
			prev, _ := utf8.DecodeLastRuneInString(p[:i])
			next, _ := utf8.DecodeRuneInString(p[j:])
			if dots < 3 && !(isHan(prev) && (isHan(next) || next == ' ')) && !(dots == 1 && latinSentenceEnds(p[:j], p[j:])) {
				i = j
				continue
			}
			ellipsis = dots >= 3
		}
		after := skip(p, j, func(c rune) bool { return strings.ContainsRune(closers, c) })
		closed := after > j
		quote := closed && strings.ContainsRune(quoteClosers, firstRune(p[j:]))
		stopsEnd := j
		j = after
		k := skip(p, j, isSpace)
		if k >= len(p) {
			break
		}
		next, _ := utf8.DecodeRuneInString(p[k:])
		switch {
		case strings.ContainsRune(clauseMarksZ, next) || strings.ContainsRune(closers, next):
			// "好。，" or a stray closer: the sentence goes on.
		case closed && strings.ContainsRune(stopsCJK, next):
			// “……说话呢？”。 The stop after the quotation is the
			// sentence's own, and ends it.
		case !closed && !fullStop && question && strings.ContainsRune(dashes+"－", next):
			// 我们要——怎么说呢？——努力。 A question or exclamation
			// between dashes is an aside inside the sentence, as "— как
			// сказать? — стараться" in Russian.
		case quote && attribution(p[k:]):
			// “合作共赢。”——习近平: the quotation's source after a dash
			// belongs to it; the next line begins a sentence.
			nextLine = headingNextLine(p, k)
		case quote && (next == '（' || next == '('):
			// 他问：“你去哪儿？”（笑）然后离开了。 An aside in brackets
			// after a quotation belongs to it and the sentence goes on.
		case quote:
			// 他说：“我们很满意！”会谈随后结束。 A quotation that ends with
			// its own end mark ends the sentence, unless its reporting
			// clause follows or it is part of the sentence around it
			// (see quotationGoesOn).
			last, _ := utf8.DecodeLastRuneInString(p[:stopsEnd])
			if !r.quotationGoesOn(p, openingQuote(p, segStart, stopsEnd), k, last) {
				out = append(out, k)
				segStart = k
			}
		case closed && !fullStop && question && !strings.ContainsRune(openers, next):
			// （会议取得圆满成功！）大家起立。 A question or exclamation
			// in brackets goes on unless a quotation follows.
		case ellipsis && !closed && !fullStop && !question && !isSentenceStartCJK(next):
			// 他想了想……说 keeps going; an ellipsis before a Latin
			// lower-case word too.
		case !closed && !question && !ellipsis && r.captionCJK(p, i, j, k) != noLabel:
			// 表1。贸易额: a caption's label and its title are one
			// segment, and the line after it begins another; in
			// 表1。贸易额。资料来源：海关总署。 the title's stop ends it.
			if r.captionCJK(p, i, j, k) == titleLine {
				nextLine = headingNextLine(p, i)
			}
		default:
			out = append(out, k)
			segStart = k
		}
		i = k
	}
	if nextLine >= 0 {
		out = append(out, nextLine)
	}
	return out
}

// quoteClosers and quoteOpeners are the closing and opening quotation
// marks of Chinese text.
const (
	quoteClosers = "”」』’\"'"
	quoteOpeners = "“「『‘\"'"
)

// quoteMarks are the closing quotation marks of every language.
const quoteMarks = "»”“’\"'›」』"

// attributionColumns bounds the source of a quotation written after it (see
// attribution), in columns (a Chinese character takes two): a name, a work,
// a year.
const attributionColumns = 60

// attribution reports whether next, the text after a quotation that ends
// with its own end mark, is the quotation's source: a dash (—, ——, –, --)
// and, up to the end of the line, a name, a work or a year that begins
// with a capital letter, a Han character or a digit and has no end mark of
// its own, only the stops of initials and abbreviations ("——习近平", "— А.
// С. Пушкин", "— Pushkin, Eugene Onegin, ch. 1"). A dash before a
// sentence that ends with a stop («Да». — Маша кивнула.) is none.
func attribution(next string) bool {
	rest := strings.TrimLeft(next, "—–－")
	if len(rest) == len(next) {
		rest = strings.TrimPrefix(next, "--")
		if len(rest) == len(next) {
			return false
		}
	}
	if e := strings.IndexByte(rest, '\n'); e >= 0 {
		rest = rest[:e]
	}
	rest = strings.TrimFunc(rest, isSpace)
	c := firstRune(rest)
	if rest == "" || columns(rest) > attributionColumns || unicode.IsLower(c) || !unicode.IsLetter(c) && !unicode.IsDigit(c) {
		return false
	}
	if strings.ContainsAny(rest, "!?…。！？．") || strings.HasSuffix(rest, ".") {
		return false
	}
	for k := strings.IndexByte(rest, '.'); k >= 0; k = strings.IndexByte(rest, '.') {
		word, _ := lastWord(rest[:k])
		word = word[strings.LastIndexByte(word, '.')+1:]
		abbr := false
		if rules := builtinRules()[scriptLang(lastRune(word))]; rules != nil {
			_, abbr = rules.abbreviation(rest[:k+1])
		}
		if utf8.RuneCountInString(word) > 2 && !abbr {
			// "— Pushkin. He wrote": a full word's stop ends a sentence.
			return false
		}
		rest = rest[k+1:]
	}
	return true
}

// quoteOpener maps each closing quotation mark to the marks that open
// it: ” closes “ and, in Russian, „, as “ closes „.
var quoteOpener = map[rune]string{
	'”': "“„", '“': "„", '»': "«", '›': "‹", '」': "「", '』': "『", '’': "‘", '"': `"`, '\'': "'",
}

// openingQuote returns the offset of the opening mark of the quotation
// whose closing mark is at p[end], looked for back to p[start], the start of
// the sentence; -1 when it opens before (a quotation of several sentences),
// nowhere, or p[end] closes no quotation.
func openingQuote(p string, start, end int) int {
	openers := quoteOpener[firstRune(p[end:])]
	if openers == "" {
		return -1
	}
	from := max(start, end-nearBytes)
	o := strings.LastIndexAny(p[from:end], openers)
	if o < 0 {
		return -1
	}
	return from + o
}

// introducedQuotation reports whether the quotation that opens at
// p[openAt] (-1: not known) follows a colon or a comma: a clause before it
// introduces it (他说：“……！”, He said: "Fine!", Он спросил: «Почему?»),
// so no reporting clause follows it and it ends the sentence with its own
// end mark.
func introducedQuotation(p string, openAt int) bool {
	if openAt < 0 {
		return false
	}
	before, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(p[:openAt], isSpace))
	return strings.ContainsRune("：:，,", before)
}

// quotationGoesOn reports whether a Chinese sentence goes on after a
// quotation that ends with its own end mark last (。！？…) before its closing
// mark; the quotation opens at p[openAt] (-1 when that is not known) and
// the text after it starts at p[after]. A quotation that a colon or a comma
// introduces (他说：“……！”) ends the sentence, whatever follows
// (他说：“我们很满意！” / 会谈随后结束。 / 他还表示，……). One that opens the
// sentence goes on when its reporting clause follows (“我们很满意！”他说。,
// “我们走吧。”她说道。, see reportingCJK); a question or exclamation quoted
// as part of the sentence around it, its opening mark after a word, goes
// on (标题为“改革？还是革命？”的文章, 一声“站住！”把他吓了一跳).
func (r *Rules) quotationGoesOn(p string, openAt, after int, last rune) bool {
	if after >= len(p) {
		return true
	}
	before := rune(0)
	if openAt >= 0 {
		before, _ = utf8.DecodeLastRuneInString(strings.TrimRightFunc(p[:openAt], isSpace))
	}
	switch {
	case introducedQuotation(p, openAt):
		return false
	case (unicode.IsLetter(before) || unicode.IsDigit(before)) && strings.ContainsRune("！？!?", last):
		return true
	}
	return r.reportingCJK(p[after:])
}

// reportingCJK reports whether next, the text after a quotation in Chinese,
// begins with its reporting clause: a phrase of a few characters up to the
// next punctuation mark (or the end) that ends with one of the rules'
// speech verbs, possibly followed by whom it is said to (他说, 王毅表示,
// 外交部发言人汪文斌说, 她笑着说道, 我问他).
func (r *Rules) reportingCJK(next string) bool {
	if len(r.speechVerbs) == 0 {
		return false
	}
	end := strings.IndexFunc(next, func(c rune) bool {
		return !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '·' || c == ' ')
	})
	if end < 0 {
		end = len(next)
	}
	phrase := next[:end]
	if phrase == "" || utf8.RuneCountInString(phrase) > reportingRunes {
		return false
	}
	for _, whom := range []string{"", "他们", "她们", "我们", "你们", "大家", "记者", "他", "她", "我", "你"} {
		rest, ok := strings.CutSuffix(phrase, whom)
		if !ok || rest == "" {
			continue
		}
		for n := 1; n <= 3 && n <= utf8.RuneCountInString(rest); n++ {
			runes := []rune(rest)
			if r.speechVerbs[string(runes[len(runes)-n:])] {
				return true
			}
		}
	}
	return false
}

// reportingRunes bounds a Chinese reporting clause: a subject of a few
// characters (外交部发言人汪文斌在记者会上) and its verb.
const reportingRunes = 18

// latinSentenceEnds reports whether the stop at the end of before, after a
// word in Latin letters in Chinese text, ends a sentence in a Western
// language run into the Chinese: Chinese follows it, after spaces or none
// ("我说。Hello. 再见。"), and the word is neither an abbreviation of the
// English rules ("Inc. 公司", "Dr. 张") nor an initial or initialism ("J.
// 王", "U.S. 政府").
func latinSentenceEnds(before, after string) bool {
	prev, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(before, "."))
	if !unicode.IsLetter(prev) || !unicode.Is(unicode.Latin, prev) {
		return false
	}
	next := firstRune(strings.TrimLeftFunc(after, isSpace))
	if !isHan(next) && !strings.ContainsRune("“「『《（【", next) {
		return false
	}
	word, _ := lastWord(strings.TrimSuffix(before, "."))
	if utf8.RuneCountInString(word) < 2 || initialism(word+".") {
		return false
	}
	_, abbr := latinRules().abbreviation(before)
	return !abbr
}

func isHan(c rune) bool { return unicode.Is(unicode.Han, c) }

func isSentenceStartCJK(c rune) bool {
	return isHan(c) || unicode.IsUpper(c) || unicode.IsDigit(c) || strings.ContainsRune(openers, c)
}

// breaksAlphabetic handles Russian and English: a stop, closing marks,
// whitespace, and the start of a new sentence.
func (r *Rules) breaksAlphabetic(p string) []int {
	var out []int
	segStart := 0
	// nextLine is where the line after a heading begins a sentence
	// ("Глава 3. Детство\nЯ родился…"), once the scan passes it.
	nextLine := -1
	i := 0
	for i < len(p) {
		c, n := utf8.DecodeRuneInString(p[i:])
		if !strings.ContainsRune(stopsLatin, c) && !strings.ContainsRune("。！？", c) {
			i += n
			continue
		}
		if nextLine >= 0 && i >= nextLine {
			out = append(out, nextLine)
			segStart, nextLine = nextLine, -1
		}
		j := i
		period, question, ellipsis := false, false, false
		dots := 0
		for j < len(p) {
			c2, n2 := utf8.DecodeRuneInString(p[j:])
			switch {
			case c2 == '.' || c2 == '。':
				period = true
				dots++
			case c2 == '…':
				ellipsis = true
			case strings.ContainsRune("!?！？", c2):
				question = true
			default:
				goto stopsDone
			}
			j += n2
		}
	stopsDone:
		if dots >= 3 {
			ellipsis = true
		}
		after := skip(p, j, func(c rune) bool { return strings.ContainsRune(closersAlpha, c) })
		closed := after > j
		stopsEnd := j
		j = after
		// Whitespace must follow: "3.5", "example.com" and "т.е." go on;
		// but a capital letter in another script than the word before
		// the stop begins a sentence typed without a space, as a text
		// that mixes languages often is ("Все засмеялись.The statement").
		k := skip(p, j, isSpace)
		if k == j && !scriptChange(p[:i], p[j:]) || k >= len(p) {
			i = j
			continue
		}
		f := r.follower(p[k:])
		brk := false
		switch {
		case f == followLower && period && !closed && !ellipsis && unicode.IsLower(firstRune(p[k:])) && r.fullWord(p[segStart:i]):
			// "в трёх сценах фильма. уровень": a stop after a full
			// word ends a sentence even before a lower-case word.
			brk = true
		case f == followLower || f == followOther:
			// "Что? — спросил он", "и т. д. и", "e.g. the": the sentence goes on.
		case (closed && strings.ContainsRune(quoteMarks, firstRune(p[stopsEnd:])) || strings.ContainsRune(quoteMarks, lastRune(p[:i]))) && attribution(p[k:]):
			// «Мороз и солнце; день чудесный!» — А. С. Пушкин: the
			// quotation's source after a dash belongs to it; the next
			// line begins a sentence.
			nextLine = headingNextLine(p, k)
		case closed && (question || ellipsis) && !introducedQuotation(p, openingQuote(p, segStart, stopsEnd)) && r.reportingClause(p[k:]):
			// "Why?" Anna asked. «Кто там?» — Маша спросила: the
			// quotation's reporting clause goes on with it. One that a
			// colon or a comma introduces has had its clause before it
			// (He asked: "Why?" Nobody answered.).
		case period && dots == 1 && !closed && !question && !ellipsis && f == followUpper && r.headingLabel(p, i, j, k) != noLabel:
			// "Статья 1. Общие положения", "Chapter 2. The Early
			// Years": a heading line is one segment, and the line
			// after it, if it starts with a capital, begins another.
			// "Рис. 2. Схема поставок. Источник: ФТС.": a caption
			// label's stop ends no sentence; the title's own does.
			if r.headingLabel(p, i, j, k) == titleLine {
				nextLine = headingNextLine(p, i)
			}
		case ellipsis:
			// "Как это делалось... (2001)": only a capital letter after
			// an ellipsis starts a new sentence.
			brk = f == followUpper || f == followDashUpper
		case question:
			brk = true
		case period && !closed:
			brk = r.periodEnds(p[segStart:i], p[segStart:j], p[k:], f)
		case period:
			// «…». and ."": a closing mark after the stop ends the sentence.
			brk = true
		}
		if brk {
			out = append(out, k)
			segStart = k
		}
		i = k
	}
	if nextLine >= 0 {
		out = append(out, nextLine)
	}
	return out
}

// scriptChange reports whether after, the text right after an end mark
// and its closing marks, begins with a capital letter in another script
// than the word of two letters or more that before, the text up to the
// end mark, ends with: "засмеялись" and "The", "signed" and "Путин". An
// initial or an abbreviation of one letter ("A.Иванов") is no word.
func scriptChange(before, after string) bool {
	c := firstRune(after)
	if !unicode.IsUpper(c) {
		return false
	}
	word, _ := lastWord(before)
	if utf8.RuneCountInString(word) < 2 || strings.ContainsRune(word, '.') {
		return false
	}
	prev := lastRune(word)
	return unicode.IsLetter(prev) && scriptLang(prev) != "" && scriptLang(c) != "" && scriptLang(prev) != scriptLang(c)
}

// A labelStop says what the stop after a heading or caption label is (see
// headingLabel).
type labelStop int

const (
	// noLabel: the stop is no label's; the usual rules apply.
	noLabel labelStop = iota
	// titleLine: the rest of the line is the title, without an end mark
	// of its own ("Статья 1. Общие положения"); the line is one segment
	// and the next line begins another.
	titleLine
	// titleRunIn: a label of the rules, and a title that has an end mark
	// and may have further sentences after it on the line ("Рис. 2.
	// Схема поставок газа. Источник: ФТС."); the label's stop ends no
	// sentence, the title's own end mark does.
	titleRunIn
)

// headingLabel reports whether the stop at p[i] ends the label of a heading
// or a caption at the start of a line: a capitalised word or abbreviation
// and a number, arabic or Roman ("Статья 1", "Глава 3.2", "Раздел IV",
// "Рис. 2", "§ 3", "Chapter 2"), or a placeholder that stands for one
// (see placeholder: "Таблица {1}", "Table <x1/>"), or, after one of the
// rules' caption and heading labels, a letter and a number ("Приложение
// А", "Рисунок А.1", "Figure 2a"). The stop's closing marks end at p[j],
// and the text after it starts at p[k]. The label is a titleLine when the
// rest of the line is a title without an end mark of its own (see
// headingTitle); a titleRunIn when the label is one of the rules' and
// text follows it on the same line (a title and more sentences: only the
// rules' labels, so that "Итог 5. Это много." still ends at "5."); else
// noLabel. A label that is a word beginning sentences ("Это 5.") is none.
func (r *Rules) headingLabel(p string, i, j, k int) labelStop {
	if p[i] != '.' {
		return noLabel
	}
	label, ok := lineBefore(p, i)
	if !ok {
		return noLabel
	}
	sp := strings.IndexFunc(label, isSpace)
	if sp < 0 {
		return noLabel
	}
	first, num := label[:sp], strings.TrimLeftFunc(label[sp:], isSpace)
	known := r.isLabel(first)
	word := strings.TrimSuffix(first, ".")
	if !known && word != "§" && (utf8.RuneCountInString(word) < 2 || !unicode.IsUpper(firstRune(word)) || r.sentenceWord(word)) {
		return noLabel
	}
	for _, c := range word {
		if !unicode.IsLetter(c) && c != '§' {
			return noLabel
		}
	}
	return r.titleAfter(p, i, j, k, labelNumber(num, known), known)
}

// titleAfter says what follows the label that ends with the stop at p[i]
// (see headingLabel), once its number has been read: numbered tells
// whether it has one, known whether the label is one of the rules'. The
// stop's closing marks end at p[j], and the text after it starts at p[k].
func (r *Rules) titleAfter(p string, i, j, k int, numbered, known bool) labelStop {
	switch {
	case !numbered:
		return noLabel
	case r.headingTitle(p, i):
		return titleLine
	case known && k < len(p) && !strings.ContainsRune(p[j:k], '\n') && lineOpensSentence(p, i):
		return titleRunIn
	}
	return noLabel
}

// lineOpensSentence reports whether the line that holds p[i] begins a
// sentence: it is the paragraph's first, or the line before it ends with
// an end mark, a colon or a closing mark. A line of running text wrapped
// before a label ("as shown in\nTable 2. The data agree.") does not.
func lineOpensSentence(p string, i int) bool {
	lineStart := strings.LastIndexByte(p[:i], '\n')
	if lineStart < 0 {
		return true
	}
	before := strings.TrimRightFunc(p[:lineStart], isSpace)
	last, _ := utf8.DecodeLastRuneInString(before)
	return before == "" || strings.ContainsRune(stopsLatin+stopsCJK+closers+":：", last)
}

// labelBytes bounds the label of a heading or caption: a word or two and a
// number, read back from a stop, so that a paragraph is read in linear
// time.
const labelBytes = 64

// lineBefore returns the text of the line that holds p[i] up to it, when
// that is no longer than a label.
func lineBefore(p string, i int) (string, bool) {
	from := max(0, i-labelBytes)
	lineStart := strings.LastIndexByte(p[from:i], '\n') + 1 + from
	if lineStart == from && from > 0 {
		return "", false
	}
	return strings.TrimLeftFunc(p[lineStart:i], isSpace), true
}

// isLabel reports whether w, as written before a number, is one of the
// rules' caption and heading labels ("Таблица", "Рис.", "Table", "表").
func (r *Rules) isLabel(w string) bool {
	return r.labels[strings.ToLower(w)]
}

// labelNumber reports whether num is the number of a heading or caption
// label: arabic with dots between its parts ("3", "3.2"), Roman ("IV"),
// or a placeholder for a number ("{1}", "<x1/>", "{ SEQ Таблица \*
// ARABIC }", U+FFFC), alone or as a part ("1.{2}"). After a label of the
// rules (letters true) a letter may be a part or lead one: "А", "А.1",
// "A1", "2a", "B-3".
func labelNumber(num string, letters bool) bool {
	if num == "" {
		return false
	}
	if isRoman(num) || placeholder(num) {
		return true
	}
	parts := strings.FieldsFunc(num, func(c rune) bool { return c == '.' || c == '-' && letters })
	if len(parts) == 0 || strings.Contains(num, "..") || num[0] == '.' || num[0] == '-' {
		return false
	}
	for k, part := range parts {
		switch {
		case digits(part) || placeholder(part):
		case letters && k == 0 && isLetterNumber(part):
		default:
			return false
		}
	}
	return true
}

// digits reports whether s is a run of decimal digits.
func digits(s string) bool {
	for _, c := range s {
		if !unicode.IsDigit(c) {
			return false
		}
	}
	return s != ""
}

// isLetterNumber reports whether s numbers an appendix, a figure or a
// table with a letter: a capital letter ("А"), a capital letter and
// digits ("A1"), or digits and a lower-case letter ("2a").
func isLetterNumber(s string) bool {
	c, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(c) {
		return n == len(s) || digits(s[n:])
	}
	last, m := utf8.DecodeLastRuneInString(s)
	return unicode.IsLower(last) && digits(s[:len(s)-m])
}

// placeholder reports whether s is a placeholder that stands for a value
// in a text taken from a document or a CAT tool: a code in braces ("{1}",
// "{SEQ}", a Word field's code as Word shows it, "{ SEQ Таблица \* ARABIC
// }"), a tag that closes itself ("<x1/>", "<ph id=\"1\"/>"), or the
// object replacement character U+FFFC, which tandem puts where a document
// has a field or a formula (see interchange).
func placeholder(s string) bool {
	switch {
	case strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}"):
		// One code, which may hold others ("{ IF { REF x } = 1 … }"),
		// not two ("{1} и {2}").
		depth := 0
		for k, c := range s {
			switch c {
			case '{':
				depth++
			case '}':
				depth--
			case '\n':
				return false
			}
			if depth == 0 && k < len(s)-1 {
				return false
			}
		}
		return len(s) > 2 && depth == 0
	case strings.HasPrefix(s, "<") && strings.HasSuffix(s, "/>"):
		return len(s) > 3 && !strings.ContainsAny(s[1:len(s)-2], "<>\n")
	}
	return s != "" && strings.Trim(s, "\ufffc") == ""
}

// headingTitle reports whether the rest of the line after the stop at p[i]
// is the title of a heading or a caption (see isTitle).
func (r *Rules) headingTitle(p string, i int) bool {
	_, n := utf8.DecodeRuneInString(p[i:])
	lineEnd := min(len(p), i+n+nearBytes)
	if e := strings.IndexByte(p[i:lineEnd], '\n'); e >= 0 {
		lineEnd = i + e
	} else if lineEnd < len(p) {
		// A line this long is running text, not a title.
		return false
	}
	return r.isTitle(strings.TrimRightFunc(p[i+n:lineEnd], isSpace))
}

// isTitle reports whether title, the rest of a line after a heading's or a
// caption's label, is a title: not empty, without an end mark of its own
// (the stop of an abbreviation is none: "Доходы, млн руб."), possibly with
// dot leaders and a page number after it, as in a table of contents
// ("Права сторон ........ 7").
func (r *Rules) isTitle(title string) bool {
	if t := strings.TrimRight(title, "0123456789"); len(t) < len(title) {
		// A page number, after dot leaders or spaces.
		t = strings.TrimRightFunc(t, isSpace)
		if u := strings.TrimRight(t, ".…"); len(t)-len(u) >= 3 || len(u) < len(t) && strings.HasSuffix(t, "…") {
			t = u
		}
		title = t
	}
	if strings.TrimSpace(title) == "" || strings.ContainsAny(title, "!?…。！？．") {
		return false
	}
	// A stop in the title must be an abbreviation's ("Доходы, млн руб.").
	for k := 0; k < len(title); k++ {
		if title[k] == '.' {
			if _, ok := r.abbreviation(title[:k+1]); !ok {
				return false
			}
		}
	}
	return true
}

// captionCJK says whether the stop at p[i], in Chinese, ends the label of
// a caption at the start of a line ("表1。贸易额", "图 {1}。结构",
// "附录A．表格"): one of the rules' labels, then a number, arabic, in Han
// numerals ("图三"), a letter and a number, or a placeholder (see
// labelNumber), with or without spaces around it; a titleLine when the
// rest of the line is a title without a stop (see headingTitle), a
// titleRunIn when a title with a stop of its own and possibly more
// sentences follow on the line ("表1。贸易额。资料来源：海关总署。"). The stop's
// closing marks end at p[j], and the text after it starts at p[k].
// Chinese captions mostly take a space or a colon there, which end no
// sentence; a stop is read the same way.
func (r *Rules) captionCJK(p string, i, j, k int) labelStop {
	line, ok := lineBefore(p, i)
	if !ok {
		return noLabel
	}
	best := ""
	for l := range r.labels {
		if strings.HasPrefix(line, l) && len(l) > len(best) {
			best = l
		}
	}
	if best == "" {
		return noLabel
	}
	num := strings.TrimFunc(line[len(best):], isSpace)
	return r.titleAfter(p, i, j, k, hanNumeral(num) || labelNumber(num, true), true)
}

// headingNextLine returns the offset of the first letter of the line after
// the heading line that holds p[i], when that line starts with a capital
// letter, a letter without case (Han), a digit or an opening mark; -1 when there is no such line: the
// heading is the paragraph's last line, or its title goes on there in
// lower case ("Глава 3. Детство в деревне\nи в городе").
func headingNextLine(p string, i int) int {
	e := strings.IndexByte(p[i:], '\n')
	if e < 0 {
		return -1
	}
	k := skip(p, i+e, isSpace)
	if k >= len(p) {
		return -1
	}
	c := firstRune(p[k:])
	if unicode.IsLetter(c) && !unicode.IsLower(c) || unicode.IsDigit(c) || strings.ContainsRune(openers, c) {
		return k
	}
	return -1
}

// reportingClause reports whether next, the text after a closed
// quotation, begins with the quotation's reporting clause: after an
// optional dash, one or two capitalised words (a name, or "I": "Anna",
// "Mr Lee", "Иван Петрович") and a speech verb of the rules ("I said",
// "Маша спросила"). A pronoun or another word that begins sentences,
// capitalised, begins one here too ("Do you?" She continued, "…").
func (r *Rules) reportingClause(next string) bool {
	if len(r.speechVerbs) == 0 {
		return false
	}
	rest := strings.TrimLeftFunc(next, func(c rune) bool { return isSpace(c) || strings.ContainsRune(dashes, c) })
	for names := 0; names < 3; names++ {
		w := firstWord(rest)
		if w == "" {
			return false
		}
		if names > 0 && r.speechVerbs[w] {
			return true
		}
		if !unicode.IsUpper(firstRune(w)) || names == 2 {
			return false
		}
		if names == 0 && r.sentenceWord(w) && !(w == "I" && r.Lang == "en") {
			// "Do you?" She continued, "…": a capitalised pronoun
			// begins a sentence, where "he asked" would go on; "I" is
			// capitalised anywhere.
			return false
		}
		rest = rest[len(w):]
		if !strings.HasPrefix(rest, " ") {
			return false
		}
		rest = strings.TrimLeft(rest, " ")
	}
	return false
}

// What starts the text after a stop and its whitespace.
type follow int

const (
	followUpper     follow = iota // a capital letter, possibly after opening quotes
	followDashUpper               // a dash, then a capital letter: a new line of dialogue
	followDigit                   // a digit
	followOpen                    // an opening quotation mark or bracket before a non-letter
	followLower                   // a lower-case letter, possibly after quotes or a dash
	followOther                   // punctuation that continues the sentence
)

func (r *Rules) follower(s string) follow {
	sawOpen, sawDash := false, false
	for _, c := range s {
		switch {
		case unicode.IsUpper(c) || unicode.IsTitle(c):
			if sawDash {
				return followDashUpper
			}
			return followUpper
		case unicode.IsLower(c):
			return followLower
		case unicode.IsLetter(c):
			// Letters without case (Han, kana) start a sentence.
			return followUpper
		case unicode.IsDigit(c) || c == '\ufffc':
			// U+FFFC stands for a field or a formula (see placeholder):
			// a value, as a number is.
			if sawOpen {
				return followOpen
			}
			return followDigit
		case strings.ContainsRune(dashes, c):
			sawOpen, sawDash = true, true
		case strings.ContainsRune(openers, c) || strings.ContainsRune("§№*•", c):
			sawOpen = true
		case isSpace(c):
		case strings.ContainsRune(".,;:!?…", c):
			// "``. В": a stop or comma after an opening mark does not
			// start a sentence.
			return followOther
		case sawOpen || strings.ContainsRune(closers, c):
			// "(*) до", "() Родился", "(~ 2000 $)": look on.
			sawOpen = true
		default:
			return followOther
		}
	}
	return followOther
}

// periodEnds decides whether a full stop at the end of sentence (the text
// of the current segment up to the stop) ends it, given what follows.
func (r *Rules) periodEnds(sentence, withStop, next string, f follow) bool {
	word, wordStart := lastWord(sentence)
	if word == "" {
		return true
	}
	// Numbered items at the start of a segment, "4.", "IV.", "§2.",
	// "8.1.", or after a colon or semicolon: "три этапа: 1. Подготовка".
	lead := strings.TrimRightFunc(sentence[:wordStart], isSpace)
	if lead == "" && isItemNumber(word) {
		return false
	}
	if len(lead) < wordStart && listItemAfter(lead, word) {
		return false
	}
	if utf8.RuneCountInString(word) == 1 {
		c, _ := utf8.DecodeRuneInString(word)
		if unicode.IsUpper(c) {
			return r.letterEnds(sentence, wordStart, c, next)
		}
	}
	if a, ok := r.abbreviation(withStop); ok {
		if r.paired(a.Text, next) {
			// "240 млрд долл. США", "at 9 a.m. Moscow time".
			return false
		}
		if a.Kind != Never && r.noCaseSignal(next) {
			// "Договор 2001 г. (Treaty) подписан", "2001 г. 中俄条约
			// подписан": no capital letter of the language follows.
			return false
		}
		switch a.Kind {
		case Never:
			return false
		case Unit:
			// "5 км. Дорога": the unit takes no stop, so this one is
			// the sentence's; a bare "м." or "т." may stand for a word.
			before := withStop[:len(withStop)-len(a.matched)]
			if utf8.RuneCountInString(strings.TrimSuffix(compact(a.Text), ".")) < 2 && !r.numberBefore(before) {
				return false
			}
			return f == followUpper
		case AfterNumber:
			before := withStop[:len(withStop)-len(a.matched)]
			if !r.numberBefore(before) {
				return false
			}
			// "В 2001 г. Россия и Китай…": a date that opens the
			// sentence is not a sentence of its own.
			if r.opensSentence(before) {
				return false
			}
			return f == followUpper && !r.continues(next)
		case Postfix:
			// "…Ленинградской обл. Там": a word that begins sentences
			// follows; "ул. Мира", "ул. В. Пика" (an initial) go on.
			rest := strings.TrimLeftFunc(next, func(c rune) bool { return isSpace(c) || strings.ContainsRune(openers, c) })
			w := firstWord(rest)
			return f == followUpper && r.sentenceWord(w) && !strings.HasPrefix(rest[len(w):], ".")
		case MayEnd:
			before := withStop[:len(withStop)-len(a.matched)]
			if r.numberBefore(before) && r.opensSentence(before) {
				// "At 5 p.m. Russia and China signed…"
				return false
			}
			if initialism(a.matched) && f == followUpper {
				// "the U.S. Senate", "U.N. Security Council": a name
				// goes on unless a word that begins sentences follows
				// ("in the U.S. He moved…").
				return r.sentenceWord(firstWord(next))
			}
			return f == followUpper || f == followOpen
		}
	}
	if f == followUpper && initialism(word+".") {
		// An initialism the rules do not list, in any language: "U.S.
		// Drought Monitor" in a Russian text, "А.С. Пушкин".
		return r.sentenceWord(firstWord(next))
	}
	return true
}

// noCaseSignal reports whether next, the text after an abbreviation's
// stop, gives no sign by its case that a sentence begins there, where the
// rules would read one from a capital letter: its first letter, after
// spaces and opening marks, has no case (Chinese: "Договор 2001 г. 中俄条约
// подписан"), or it opens a bracket that is a part of the sentence: one
// that a lower-case word, a comma, a semicolon or a colon follows
// ("Договор 2001 г. (Договор о дружбе) подписан"), or one whose first word
// is in a script other than the language's own, a gloss ("Договор 2001 г.
// (Treaty) подписан"). A capitalised word in another script outside
// brackets still begins a sentence, as a name does in any language
// ("…в 2001 г. Microsoft выпустила…").
func (r *Rules) noCaseSignal(next string) bool {
	rest := strings.TrimLeftFunc(next, isSpace)
	c := firstRune(strings.TrimLeftFunc(rest, func(c rune) bool { return isSpace(c) || strings.ContainsRune(openers, c) }))
	if unicode.IsLetter(c) && !unicode.IsUpper(c) && !unicode.IsLower(c) && !unicode.IsTitle(c) {
		return true
	}
	k, ok := afterBracket(rest, 0)
	if !ok {
		return false
	}
	after := firstRune(strings.TrimLeftFunc(rest[k:], isSpace))
	own := map[string]string{"ru": "Cyrillic", "en": "Latin"}[r.Lang]
	return unicode.IsLower(after) || strings.ContainsRune(",;:", after) || unicode.IsLetter(c) && own != "" && script(c) != own
}

// paired reports whether next, the text after the abbreviation abbr,
// begins with a word the rules never part it from ("долл. США", "p.m.
// GMT"), or with a name of one or two capitalised words and a lower-case
// word the rules pair it with ("a.m. Moscow time", "p.m. Eastern Standard
// Time": "pair a.m. time").
func (r *Rules) paired(abbr, next string) bool {
	words := r.pairs[compact(abbr)]
	if len(words) == 0 {
		return false
	}
	rest := strings.TrimLeftFunc(next, isSpace)
	w := firstWord(rest)
	if words[w] {
		return true
	}
	for range 2 {
		if w == "" || !unicode.IsUpper(firstRune(w)) || !strings.HasPrefix(rest[len(w):], " ") {
			return false
		}
		rest = strings.TrimLeft(rest[len(w):], " ")
		w = firstWord(rest)
		if lw := strings.ToLower(w); words[lw] && w != "" {
			return true
		}
	}
	return false
}

// listItemAfter reports whether word, a number or letter before a stop
// that follows lead (the sentence before it, trimmed), is an item of a list
// run into the sentence: the first item after a colon ("три этапа: 1.
// Подготовка", "steps: a. Plan") or a further one after a semicolon ("; 2.
// Проведение"). A date, a year or a score after a colon ("Дата:
// 18.06.2021.", "Score: 2021.") is no item and ends the sentence as any
// number does.
func listItemAfter(lead, word string) bool {
	switch {
	case strings.HasSuffix(lead, ":"):
		switch strings.ToLower(word) {
		case "1", "i", "a", "а", "§1", "№1":
			return true
		}
		return false
	case strings.HasSuffix(lead, ";"):
		w := strings.TrimLeft(word, "§№")
		return isItemNumber(word) && !strings.Contains(w, ".") && utf8.RuneCountInString(w) <= 2
	}
	return false
}

// continues reports whether next, the text after a number and an
// abbreviation such as "г." and before which a capitalised word stands,
// continues the sentence: the word is in an oblique case by its ending
// ("в 1147 г. Юрием Долгоруким", "в 1958 г. Пастернаку", "в 1993 г.
// Государственной Думой"). A word that begins sentences ("Это", "В",
// "Летом") and a word in the nominative ("Россия", "Китай", "Горбачёв")
// begin a new sentence. Rules without word endings (English) never read
// a continuation.
func (r *Rules) continues(next string) bool {
	if len(r.endings) == 0 {
		return false
	}
	rest := strings.TrimLeftFunc(next, isSpace)
	w := firstWord(rest)
	if r.sentenceWord(w) || r.dateWords[strings.ToLower(w)] || r.loneAdverb(w, rest[len(w):]) {
		return false
	}
	switch r.caseOf(w) {
	case oblique:
		return true
	case agreeing:
		// "Государственной Думой", "Москвой и Пекином": the next word
		// (after "и" or a comma) decides.
		rest = strings.TrimLeftFunc(rest[len(w):], func(c rune) bool { return isSpace(c) || c == ',' })
		w2 := firstWord(rest)
		if w2 == "и" {
			w2 = firstWord(strings.TrimLeftFunc(rest[len(w2):], isSpace))
		}
		c := r.caseOf(w2)
		return c == oblique || c == agreeing
	}
	return false
}

// loneAdverb reports whether w, followed by after, is an adverb of the
// rules' adverb endings that makes a sentence on its own: an end mark
// follows it ("Недорого.", "Строго!").
func (r *Rules) loneAdverb(w, after string) bool {
	if after == "" || !strings.ContainsRune(".!?…", firstRune(after)) {
		return false
	}
	lw := strings.ToLower(w)
	for _, e := range r.adverbEndings {
		if strings.HasSuffix(lw, e) && len(lw) > len(e) {
			return true
		}
	}
	return false
}

// caseOf reads the case of a word of five letters or more by its longest
// ending in the rules; shorter words, and words without such an ending,
// give 0.
func (r *Rules) caseOf(w string) wordCase {
	runes := []rune(strings.ToLower(w))
	if len(runes) < 5 {
		return 0
	}
	for n := min(r.endingMax, len(runes)-2); n > 0; n-- {
		if c, ok := r.endings[string(runes[len(runes)-n:])]; ok {
			return c
		}
	}
	return 0
}

// letterEnds decides whether a stop after a single capital letter, at
// sentence[wordStart:], ends the sentence, given the text that follows.
//
// An initial does not: "А. С. Пушкин", "J. R. R. Tolkien", "Пушкин А. С.
// родился"; unless a word that only begins sentences follows the last
// initial ("Это был Пушкин А. С. Он родился", "Иванов И. И. В ней").
// A letter that is no initial ends the sentence as any word would: one in
// another script than the word after it (Пётр I. Его; точки A и B.
// Найдите: an initial and its surname share a script), a unit after a
// number (100 °C., 220 В.), or a letter naming a point or an item where
// the sentence names others without a stop (точки А и В.).
func (r *Rules) letterEnds(sentence string, wordStart int, letter rune, next string) bool {
	rest := strings.TrimLeftFunc(next, func(c rune) bool {
		return isSpace(c) || strings.ContainsRune(openers+dashes, c)
	})
	w := firstWord(rest)
	if w != "" && unicode.IsUpper(firstRune(w)) && utf8.RuneCountInString(w) <= 2 && strings.HasPrefix(rest[len(w):], ".") {
		// Another initial: "А. С.", "А. Дж. Тойнби".
		return false
	}
	if isHan(firstRune(rest)) {
		// "作者 J. 王": a Chinese name after a Latin initial, as
		// Chinese writes a foreign given name.
		return false
	}
	before := sentence[:wordStart]
	if w != "" && script(firstRune(w)) != script(letter) || unitAfterNumber(before) || r.bareLetter(before) {
		return true
	}
	if q := firstRune(strings.TrimLeftFunc(next, isSpace)); strings.ContainsRune("«„“\"", q) {
		// "Иванов И. «Куда мы идём?»": a quotation after an author's
		// initials is the title of a work, whatever word opens it.
		return false
	}
	return r.sentenceWord(w)
}

// initialism reports whether an abbreviation as written is capital letters
// each followed by a stop: "U.S.", "U. N.", "E.U.".
func initialism(s string) bool {
	letters := 0
	for _, c := range s {
		switch {
		case unicode.IsUpper(c):
			letters++
		case c == '.' || isSpace(c):
		default:
			return false
		}
	}
	return letters >= 2 && strings.Count(s, ".") == letters
}

// sentenceWord reports whether w, capitalised, is a word that begins
// sentences and never continues a name: a starter or a function word.
func (r *Rules) sentenceWord(w string) bool {
	return r.starters[w] || r.function[strings.ToLower(w)]
}

// script returns the script of a letter: Latin, Cyrillic, Greek or other.
func script(c rune) string {
	switch {
	case unicode.In(c, unicode.Latin):
		return "Latin"
	case unicode.In(c, unicode.Cyrillic):
		return "Cyrillic"
	case unicode.In(c, unicode.Greek):
		return "Greek"
	}
	return "other"
}

// unitAfterNumber reports whether s, the text before a letter, ends with a
// number or a degree sign: the letter is then a unit (100 °C, 220 В, 4 K).
func unitAfterNumber(s string) bool {
	c, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, isSpace))
	return unicode.IsDigit(c) || c == '°'
}

// bareLetter reports whether s, a sentence up to a letter, holds another
// single capital letter without a stop after it, other than the first word
// ("точки А и"): the letters then name points or items, not people.
// English "I" is a pronoun.
func (r *Rules) bareLetter(s string) bool {
	first := true
	if len(s) > nearBytes {
		// Only the words near the letter are looked at: points and
		// items are named together, and a long sentence must not be
		// read again at every stop.
		start := len(s) - nearBytes
		for start < len(s) && s[start] != ' ' {
			start++
		}
		s, first = s[start:], false
	}
	for i := 0; i < len(s); {
		c, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(c) {
			i += n
			continue
		}
		j := i + n
		for j < len(s) {
			c2, n2 := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(c2) && !unicode.IsDigit(c2) {
				break
			}
			j += n2
		}
		prev, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[j:])
		if j-i == n && unicode.IsUpper(c) && !first && !strings.ContainsRune(".-", after) && !strings.ContainsRune(".-", prev) && !(c == 'I' && r.Lang == "en") {
			return true
		}
		first = false
		i = j
	}
	return false
}

// opensSentence reports whether before, the sentence up to an abbreviation
// after a number, is a date or time phrase that opens the sentence rather
// than a sentence ending in one: the number (with a magnitude before it,
// "5 млн") alone ("2023"), or after only numbers and the rules' date words
// ("В 2001", "Летом 2023", "16 июля 2001", "В ночь на 16 июля 2001", "С 1991
// по 2001", "В конце XIX", "At 5"). Any other word makes it a sentence
// ("Цена 100 руб.", "Это 1990-е гг.").
func (r *Rules) opensSentence(before string) bool {
	s := strings.TrimRightFunc(before, isSpace)
	for range 2 { // the number, and a magnitude before it ("5 млн")
		w, start := lastWord(s)
		if w == "" {
			break
		}
		s = strings.TrimRightFunc(s[:start], isSpace)
		if c, _ := utf8.DecodeRuneInString(w); unicode.IsDigit(c) {
			break
		}
	}
	if strings.TrimLeftFunc(s, func(c rune) bool { return isSpace(c) || strings.ContainsRune(openers+dashes, c) }) == "" {
		return true
	}
	if len(before) > nearBytes {
		return false
	}
	words := strings.Fields(before)
	if len(words) > 8 {
		return false
	}
	for _, w := range words {
		w = strings.Trim(w, openers+dashes)
		c, _ := utf8.DecodeRuneInString(w)
		switch {
		case w == "" || unicode.IsDigit(c) || numeral(strings.TrimSuffix(w, ".")) || magnitudes[strings.ToLower(strings.TrimSuffix(w, "."))]:
		case r.dateWords[strings.ToLower(w)]:
		default:
			return false
		}
	}
	return true
}

// skip returns the offset of the first rune at or after j in p that in
// does not accept.
func skip(p string, j int, in func(rune) bool) int {
	for j < len(p) {
		c, n := utf8.DecodeRuneInString(p[j:])
		if !in(c) {
			break
		}
		j += n
	}
	return j
}

// firstWord returns the run of letters at the start of s.
func firstWord(s string) string {
	for i, c := range s {
		if !unicode.IsLetter(c) {
			return s[:i]
		}
	}
	return s
}

// fullWord reports whether the sentence ends with a word that cannot be an
// abbreviation: four letters or more, not in the list, and either ending in
// one of the language's word-final letters (Russian abbreviations are cut
// before a vowel) or capitalised. Languages without word-final letters in
// their rules never take this path.
func (r *Rules) fullWord(sentence string) bool {
	if r.wordFinal == "" {
		return false
	}
	word, _ := lastWord(sentence)
	n := 0
	for _, c := range word {
		if !unicode.IsLetter(c) {
			return false
		}
		n++
	}
	if n < 4 {
		return false
	}
	if _, ok := r.abbreviation(sentence + "."); ok {
		return false
	}
	first, _ := utf8.DecodeRuneInString(word)
	last, _ := utf8.DecodeLastRuneInString(word)
	return strings.ContainsRune(r.wordFinal, unicode.ToLower(last)) || unicode.IsUpper(first)
}

// lastWord returns the run of letters, digits, dots and joiners before the
// end of s, and its byte offset.
func lastWord(s string) (string, int) {
	i := len(s)
	for i > 0 {
		c, n := utf8.DecodeLastRuneInString(s[:i])
		if !(unicode.IsLetter(c) || unicode.IsDigit(c) || c == '.' || c == '§' || c == '-' || c == '№' || unicode.Is(unicode.Mn, c)) {
			break
		}
		i -= n
	}
	return s[i:], i
}

// isItemNumber reports whether w numbers an item of a list or a section:
// "4", "8.1", "§2", "IV", "а"; numbers of more than three digits do not.
func isItemNumber(w string) bool {
	w = strings.TrimPrefix(w, "§")
	w = strings.TrimPrefix(w, "№")
	if w == "" {
		return false
	}
	allDigits := true
	for _, part := range strings.Split(w, ".") {
		if part == "" {
			return false
		}
		digits := 0
		for _, c := range part {
			if unicode.IsDigit(c) {
				digits++
			} else {
				allDigits = false
			}
		}
		if digits > 3 {
			// A year or a date ("2021.", "18.06.2021.") numbers no item.
			return false
		}
	}
	if allDigits {
		return true
	}
	return isRoman(w) || (utf8.RuneCountInString(w) == 1 && unicode.IsLetter([]rune(w)[0]))
}

// numeral reports whether w is a number or a range of numbers written
// without spaces: "1990", "XIX", "1990-х", "XVIII–XIX", "1920—1930-е". Each
// part between dashes is arabic or Roman; a part after the first may be a
// case ending instead ("1990-е").
func numeral(w string) bool {
	parts := strings.FieldsFunc(w, func(c rune) bool { return strings.ContainsRune(dashes, c) })
	if len(parts) == 0 || strings.ContainsRune(dashes, firstRune(w)) {
		return false
	}
	for k, part := range parts {
		switch {
		case unicode.IsDigit(firstRune(part)) || isCentury(part):
		case k > 0 && utf8.RuneCountInString(part) <= 3 && lowerWord(part):
		default:
			return false
		}
	}
	return true
}

func isRoman(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if !strings.ContainsRune("IVXLCDM", c) {
			return false
		}
	}
	return true
}

// isCentury reports whether w is a Roman numeral as Russian texts type
// one before "в." or "вв.": in Latin capitals, or with the Cyrillic
// letters Х and І that look like X and I ("ХХ", "ХVII", "ХІХ").
func isCentury(w string) bool {
	if isRoman(w) {
		return true
	}
	cyrillic := false
	for _, c := range w {
		switch {
		case c == 'Х' || c == 'І':
			cyrillic = true
		case !strings.ContainsRune("IVXLCDM", c):
			return false
		}
	}
	return cyrillic
}

// numberBefore reports whether s ends with a number (arabic or roman,
// possibly a range such as 1904-1905 or XIX–XX) and optional spaces, or
// with such a number and up to three magnitudes and units after it, as in
// "5 млн руб.", "2,5 тыс. кв." or "60 км/".
func (r *Rules) numberBefore(s string) bool {
	return r.numberBeforeDepth(s, 3)
}

func (r *Rules) numberBeforeDepth(s string, depth int) bool {
	s = strings.TrimRightFunc(s, isSpace)
	if t := strings.TrimRight(s, "%‰"); len(t) < len(s) {
		// "5,3 % г/г.": a percentage is a number.
		s = strings.TrimRightFunc(t, isSpace)
	}
	if u, ok := strings.CutSuffix(s, "/"); ok {
		// "60 км/ч.", "100 руб./шт.": the unit before the slash follows
		// the number.
		w, start := lastWord(u)
		if w == "" || depth == 0 {
			return false
		}
		return r.numberBeforeDepth(u[:start], depth-1)
	}
	w, start := lastWord(s)
	unit := w
	w = strings.TrimRight(w, ".-")
	if w == "" {
		// "1990-х гг." and "(1904—1905 гг." : look through a dash.
		return false
	}
	last := w
	if k := strings.LastIndexAny(w, "-–—"); k >= 0 {
		last = w[k+1:]
		if last == "" {
			return false
		}
	}
	c, _ := utf8.DecodeLastRuneInString(last)
	if unicode.IsDigit(c) {
		return true
	}
	// "5 млн руб.", "3 тыс. км.", "2,5 тыс. кв. км.": a magnitude or a
	// unit between the number and the abbreviation.
	if a, ok := r.abbrevs[compact(unit)]; depth > 0 && (ok && a.Kind == AfterNumber || magnitudes[strings.ToLower(w)]) {
		if r.numberBeforeDepth(s[:start], depth-1) {
			return true
		}
		// "Товарооборот, млрд долл.": a magnitude before a unit, with no
		// number, names the unit of a table's figures, and counts as one.
		return magnitudes[strings.ToLower(w)]
	}
	// "1990-х", "XIX".
	if isCentury(last) {
		return true
	}
	if k := strings.IndexAny(w, "-"); k > 0 {
		first, _ := utf8.DecodeRuneInString(w)
		return unicode.IsDigit(first)
	}
	return false
}

// nearBytes bounds how far back from a stop the rules read the sentence
// for its context, so that a paragraph is read in linear time.
const nearBytes = 240

// magnitudes are the words of scale written without a stop between a
// number and its unit ("5 млн руб.").
var magnitudes = map[string]bool{"тыс": true, "млн": true, "млрд": true, "трлн": true}

// openerBreaks finds sentences that lack their stop, in a language that
// capitalises only the first word of a sentence and names: a capitalised
// word of the openers list ("Однако", "Несмотря") after a lower-case word or
// a colon, followed by a space or a comma, begins a new sentence. It is how
// a heading or caption without a stop, run into the text after it, is cut.
func (r *Rules) openerBreaks(p string) []int {
	var out []int
	for i := 0; i < len(p); {
		c, n := utf8.DecodeRuneInString(p[i:])
		if !isSpace(c) {
			i += n
			continue
		}
		// p[i] starts a run of spaces; find the word after it.
		j := i
		for j < len(p) {
			c2, n2 := utf8.DecodeRuneInString(p[j:])
			if !isSpace(c2) {
				break
			}
			j += n2
		}
		prev, _ := utf8.DecodeLastRuneInString(p[:i])
		if j < len(p) && (unicode.IsLower(prev) || prev == ':') && unicode.IsUpper(firstRune(p[j:])) {
			e := j
			for e < len(p) {
				c2, n2 := utf8.DecodeRuneInString(p[e:])
				if !unicode.IsLetter(c2) {
					break
				}
				e += n2
			}
			after := firstRune(p[e:])
			if r.openers[p[j:e]] && (isSpace(after) || after == ',') {
				out = append(out, j)
			}
		}
		i = j
	}
	return out
}

func mergeSorted(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
