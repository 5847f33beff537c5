package web

import (
	"html/template"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
)

// typeset returns a short text (a heading, a name, a byline, a caption, a
// credit, a line of a list) as the HTML that sets it on a page's lines:
// what typesetProse returns, and besides
//
//   - every short name or title in quotation marks (see quotedSpans) in a
//     span of class "kw", which the style sheet keeps on one line when it
//     fits in one, so that 《中国社会科学报》 is not set as 《中国社会科学 /
//     报》 under a news post;
//   - a text with break hints in a span of class "hinted", whose Chinese
//     breaks only at them (and at spaces and punctuation), not between any
//     two characters: 俄罗斯|国际事务|委员会.
func typeset(s string) template.HTML {
	return setText(s, true)
}

// typesetTitle returns a title (a book's, a chapter's) as typeset does,
// with besides every Russian word of one or two letters (a preposition,
// a conjunction: «к», «в», «на») bound to the next word by a no-break
// space, so that no line of the title ends with it: «к 20-летию» stays
// whole on a phone, whose lines break a long title twice or thrice.
func typesetTitle(s string) template.HTML {
	return setText(bindShortWords(plain(s)), true)
}

// shortWord is a Russian preposition, conjunction or particle of one or
// two letters after a space or an opening mark, with the space after it:
// a line of a title or a name does not end with it («к 20-летию», «в Москве»).
var shortWord = regexp.MustCompile(`(^|[ \x{00a0}(«„"“—–])([вВкКсСоОуУиИаАяЯ]|на|На|по|По|за|За|из|Из|от|От|до|До|об|Об|во|Во|ко|Ко|со|Со|не|Не|но|Но) `)

// bindShortWords joins each short Russian word to the next one with a
// no-break space; twice, so that two in a row («и в Москве») both hold.
func bindShortWords(s string) string {
	for range 2 {
		s = shortWord.ReplaceAllString(s, "${1}${2}\u00a0")
	}
	return s
}

// typesetProse returns running text (a paragraph of an article, a
// summary) as the HTML that sets it on a page's lines:
//
//   - escaped;
//   - with every date, time, time range and number with its unit (see
//     unbreakable) in a span of class "nw", which the style sheet keeps on
//     one line, so that "10:00–10:50" or "2021年6月1日" never ends one line
//     and starts the next, whether the printer wrote it or an author did;
//   - with every break hint stored in it (lang.BreakHint) written as <wbr>,
//     a place where a line may break that copying, searching and screen
//     readers do not see as a character.
//
// Titles in quotation marks break as the words around them do: kept whole
// in a paragraph, a title would leave its line short by up to its length.
// So does Chinese with break hints: a paragraph set to break only at its
// hints and punctuation would leave lines short by whole clauses.
func typesetProse(s string) template.HTML {
	return setText(s, false)
}

func setText(s string, titles bool) template.HTML {
	s = plain(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	hinted := titles && strings.ContainsRune(s, lang.BreakHint)
	if hinted {
		b.WriteString(`<span class="hinted">`)
	}
	units := unbreakableSpans(s)
	var quoted [][2]int
	if titles {
		quoted = quotedSpans(s)
	}
	last := 0
	open := func(at int, class string) {
		writeText(&b, s[last:at])
		b.WriteString(`<span class="` + class + `">`)
		last = at
	}
	close := func(at int) {
		writeText(&b, s[last:at])
		b.WriteString(`</span>`)
		last = at
	}
	u := 0
	for _, q := range quoted {
		for ; u < len(units) && units[u][0] < q[0]; u++ {
			if units[u][1] > q[0] {
				break // a unit across the title's start: the title is not kept
			}
			open(units[u][0], "nw")
			close(units[u][1])
		}
		if u < len(units) && units[u][0] < q[0] {
			continue
		}
		end := u
		for end < len(units) && units[end][0] < q[1] {
			end++
		}
		if end > u && units[end-1][1] > q[1] {
			continue // a unit across the title's end
		}
		open(q[0], "kw")
		for ; u < end; u++ {
			open(units[u][0], "nw")
			close(units[u][1])
		}
		close(q[1])
	}
	for ; u < len(units); u++ {
		open(units[u][0], "nw")
		close(units[u][1])
	}
	writeText(&b, s[last:])
	if hinted {
		b.WriteString(`</span>`)
	}
	return template.HTML(b.String())
}

// writeText writes s escaped, with its break hints as <wbr>.
func writeText(b *strings.Builder, s string) {
	s = template.HTMLEscapeString(s)
	b.WriteString(strings.ReplaceAll(s, string(lang.BreakHint), "<wbr>"))
}

// flat returns a text for an output read as plain text rather than set on
// lines (a page's title and description, alternative text, JSON-LD, feeds,
// calendars): what plain returns, without break hints.
func flat(s string) string {
	return lang.WithoutBreakHints(plain(s))
}

// quotePairs maps each opening quotation mark to the closing marks that
// end what it opens: book-title marks 《》〈〉, corner brackets 「」『』,
// guillemets «», and the curved quotes of English (“” ‘’) and of Russian
// inner quotes („“).
var quotePairs = map[rune]string{
	'《': "》", '〈': "〉", '「': "」", '『': "』",
	'«': "»", '“': "”", '‘': "’", '„': "“”",
}

// Most characters between the marks of a name or title that typeset keeps
// whole: a Chinese (or Japanese, Korean) one is set a character an em, and
// twelve fit on the narrowest phone's line even in a heading; one in
// another script keeps a few words, as «Китайская газета общественных
// наук» does.
const (
	quotedCJKLimit   = 12
	quotedOtherLimit = 40
)

// quotedSpans returns the byte ranges [start, end) of s, in order, of the
// short names and titles in quotation marks: each from its opening mark to
// its closing one, with at most quotedCJKLimit characters between them when
// these hold a CJK character and at most quotedOtherLimit otherwise, none
// of them a line break, and not starting or ending with a space. A longer
// quotation is not kept, but a short one inside it is.
func quotedSpans(s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		closers, ok := quotePairs[r]
		if !ok {
			i += size
			continue
		}
		if end, ok := closeQuote(s, i+size, r, closers); ok {
			out = append(out, [2]int{i, end})
			i = end
			continue
		}
		i += size
	}
	return out
}

// closeQuote returns the end of the closing mark (one of closers) of a short
// quotation opened by opener whose text starts at byte from of s, or false
// when there is no closing mark within the limits quotedSpans sets. The
// same mark opened again inside is closed before it ends («…«…»…»).
func closeQuote(s string, from int, opener rune, closers string) (int, bool) {
	n, cjk, depth := 0, false, 0
	for i := from; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == opener:
			depth++
		case depth > 0 && strings.ContainsRune(closers, r):
			depth--
		case strings.ContainsRune(closers, r):
			first, _ := utf8.DecodeRuneInString(s[from:])
			lastR, _ := utf8.DecodeLastRuneInString(s[from:i])
			if n == 0 || unicode.IsSpace(first) || unicode.IsSpace(lastR) {
				return 0, false
			}
			return i + size, true
		}
		if r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' {
			return 0, false
		}
		if r != lang.BreakHint {
			n++
		}
		cjk = cjk || unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
		if n > quotedOtherLimit || cjk && n > quotedCJKLimit {
			return 0, false
		}
		i += size
	}
	return 0, false
}

// unbreakableSpans returns the byte ranges [start, end) of s that unbreakable
// matches, in order. Every match holds a digit or a Chinese numeral and
// starts at one (or at 第 or a sign before it) or at a word a few letters
// before one (a weekday or month name: "Tuesday, 1 June", "June 1"), so the
// anchored expression is tried only at those places, which keeps a long
// text fast however many numbers it has.
func unbreakableSpans(s string) [][2]int {
	var out [][2]int
	done := 0 // where the last match ended
	try := func(at int) {
		if at < done {
			return
		}
		m := unbreakable.FindStringSubmatchIndex(s[at:matchWindow(s, at)])
		for g := 2; m != nil && g+1 < len(m); g += 2 {
			if m[g] >= 0 && m[g+1] > m[g] {
				if g == 2 {
					out = append(out, chineseDateParts(s, at+m[g], at+m[g+1])...)
				} else {
					out = append(out, [2]int{at + m[g], at + m[g+1]})
				}
				done = at + m[g+1]
				return
			}
		}
	}
	prevNumber := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		number := maybeNumber(r)
		if number && !prevNumber && i >= done {
			// The words just before: a weekday, a month, 第, a sign.
			for _, w := range wordsBefore(s, done, i) {
				try(w)
			}
			try(i)
		}
		prevNumber = number
		i += size
	}
	return out
}

// chineseDateParts returns the parts of s[start:end], a match of
// unbreakable's first group, that are each kept on one line: a Chinese date
// range is broken after its connector (2021年6月1日至 | 2022年7月3日) and a
// weekday apart from its date (2021年6月1日 | 星期二), where Chinese may
// break a line; anything else is one part. Kept whole, such a run would be
// up to seventeen characters wide: wider than a phone's line in a heading,
// and leaving the line before it that much short.
func chineseDateParts(s string, start, end int) [][2]int {
	m := s[start:end]
	if !strings.ContainsAny(m, "年月") {
		return [][2]int{{start, end}}
	}
	var out [][2]int
	from := start
	prev := rune(0)
	for i, r := range m {
		at := start + i
		switch {
		case strings.ContainsRune("至到~–—-", r):
			if cut := at + utf8.RuneLen(r); cut < end {
				out = append(out, [2]int{from, cut})
				from = cut
			}
		case (r == '星' || r == '周') && (prev == '日' || prev == '号') && at > from:
			out = append(out, [2]int{from, at})
			from = at
		}
		prev = r
	}
	return append(out, [2]int{from, end})
}

// matchLimit is the most bytes a match of unbreakable takes (the longest,
// a Russian date range with its weekday, takes about 80): matching is tried
// on that much of the text, which lets regexp use its fast backtracker.
const matchLimit = 120

// matchWindow returns where the text a match at byte at is sought in ends:
// matchLimit bytes on, at the end of the word there, or before that word
// when it is too long to be part of a match.
func matchWindow(s string, at int) int {
	end := at + matchLimit
	if end >= len(s) {
		return len(s)
	}
	for end > at && !utf8.RuneStart(s[end]) {
		end--
	}
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for limit := end + 64; end < len(s); {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !inWord(r) {
			return end
		}
		if end += size; end > limit {
			break
		}
	}
	if end == len(s) {
		return end
	}
	for end > at {
		r, size := utf8.DecodeLastRuneInString(s[at:end])
		if !inWord(r) {
			break
		}
		end -= size
	}
	return end
}

// stretchReach is how many characters before a number a match may start: a
// weekday and a month name ("Wednesday, September 1").
const stretchReach = 24

// wordsBefore returns, in order, where the words within stretchReach
// characters before byte i of s start (not before from), and the signs and
// 第 among them, each a place where a match may start.
func wordsBefore(s string, from, i int) []int {
	lo := i
	for n := 0; n < stretchReach && lo > from; n++ {
		_, size := utf8.DecodeLastRuneInString(s[from:lo])
		lo -= size
	}
	prevWord := false
	if lo > 0 {
		r, _ := utf8.DecodeLastRuneInString(s[:lo])
		prevWord = unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	var starts []int
	for p := lo; p < i; {
		r, size := utf8.DecodeRuneInString(s[p:])
		word := unicode.IsLetter(r)
		if word && !prevWord || r == '−' || r == '-' || r == '第' {
			starts = append(starts, p)
		}
		prevWord = word || unicode.IsDigit(r)
		p += size
	}
	return starts
}

// maybeNumber reports whether r is a digit or a Chinese numeral, one of
// which every match of unbreakable holds.
func maybeNumber(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || strings.ContainsRune(hanNumerals, r)
}

// hanNumerals are the characters Chinese writes numbers with.
const hanNumerals = "零〇一二三四五六七八九十百千万亿两"

// unbreakable matches, in one of its two groups, what must never be broken
// across two lines, in any of the site's languages and wherever it stands (a date
// the printer wrote, or one inside an author's sentence):
//
//   - dates: "1 June 2021", "Tuesday, 1 June 2021", "June 1, 2021",
//     "1–2 June 2021", "30 June – 2 July 2021", "June 2021", "1 Sept 2021";
//     "вторник, 1 июня 2021 г.", "16 июля 2001 года", "июнь 2021 г.";
//     "2021年6月1日星期二", "2021年6月1日至2日", "6月30日至7月2日";
//   - times and time ranges: "10:00", "10:00–10:50", "9:30 am";
//   - a number with its unit, scale word or counter: "100 °C", "20 %",
//     "5 km", "1 234 567 руб.", "20-летия", "2001 г.", "20周年", "二十周年",
//     "第1,001页", "4篇", "3 млн".
//
// It is anchored: unbreakableSpans tries it where a match may start. What is
// written in Chinese, and times, are matched by the first group; the rest by
// the second, which must be followed by what cannot continue a word
// (or the end), so that a unit is not taken from the start of a longer word
// ("5 measures" keeps no "m").
var unbreakable = func() *regexp.Regexp {
	d := `[0-9０-９]`
	sp := `[ \x{00a0}\x{202f}\x{2009}]`
	dash := `[–—-]`
	enMonth := `(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?`
	enWeekday := `(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Wed|Thu|Fri|Sat|Sun)`
	ruMonth := `(?:января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|янв\.|февр\.|мар\.|апр\.|июн\.|июл\.|авг\.|сент\.|окт\.|нояб\.|дек\.)`
	ruMonthAlone := `(?:январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)`
	ruWeekday := `(?:понедельник|вторник|среда|четверг|пятница|суббота|воскресенье)`
	ruYear := `(?:` + sp + `?(?:гг?\.|года|году|год))`
	day := d + `{1,2}`
	year := d + `{4}`

	en := `(?:` + enWeekday + `,?` + sp + `)?(?:` +
		// 1 June 2021, 1–2 June 2021, 30 June – 2 July 2021
		day + `(?:` + dash + day + `)?` + sp + enMonth + `(?:` + sp + dash + sp + day + sp + enMonth + `)?(?:,?` + sp + year + `)?` +
		// June 1, 2021; June 1–2, 2021; June 2021
		`|` + enMonth + sp + day + `(?:st|nd|rd|th)?(?:` + dash + day + `)?(?:,?` + sp + year + `)?` +
		`|` + enMonth + sp + year + `)`
	ru := `(?:` + ruWeekday + `,` + sp + `)?(?:` +
		day + `(?:` + dash + day + `)?` + sp + ruMonth + `(?:` + sp + dash + sp + day + sp + ruMonth + `)?(?:` + sp + year + ruYear + `?)?` +
		`|` + ruMonthAlone + sp + year + ruYear + `?)`
	zhDay := d + `{1,2}[日号]`
	zh := `(?:` + year + `年(?:` + d + `{1,2}月(?:` + zhDay + `)?)?|` + d + `{1,2}月(?:` + zhDay + `)?)` +
		`(?:(?:至|到|~|` + dash + `)(?:` + year + `年)?(?:` + d + `{1,2}月)?` + zhDay + `)?` +
		`(?:星期[一二三四五六日天]|周[一二三四五六日天])?`
	clock := d + `{1,2}[:：]` + d + `{2}(?:[:：]` + d + `{2})?(?:` + sp + `?(?:[AaPp]\.?[Mm]\.?))?`
	times := clock + `(?:` + sp + `?` + dash + sp + `?` + clock + `)?`

	number := `[−-]?(?:` + d + `{1,3}(?:[,.\x{00a0}\x{202f}\x{2009} ]` + d + `{3})+|` + d + `+)(?:[.,]` + d + `+)?`
	// Units that follow a number after a space or directly.
	unit := `(?:%|‰|°` + sp + `?[CF]?|℃|℉|` +
		`km²|m²|km|cm|mm|kg|kW|MW|GW|GB|MB|ha|bn|m|g|t|h|min|s|l|` +
		`million|billion|trillion|thousand|per` + sp + `cent|percent|years?|months?|weeks?|days?|hours?|minutes?|seconds?|` +
		`USD|EUR|RUB|CNY|yuan|roubles?|rubles?|dollars?|euros?|people|` +
		`км²|м²|км|см|мм|кг|га|млн|млрд|трлн|тыс\.|руб\.|долл\.|евро|юаней|юаня|юань|` +
		`гг?\.|года|году|годов|год|лет|вв?\.|века|веке|век|м|г|т|ч|мин|с|л|человек|раза|раз)`
	// A number with a hyphenated ending: 20-летия, 20-й, 1990-х.
	suffixed := number + `-[\p{Cyrillic}\p{Latin}]+`
	// Chinese counters and units, after Arabic or Chinese numerals.
	zhUnit := `(?:多|余)?(?:周年|周岁|个月|小时|分钟|世纪|年代|平方公里|平方米|公里|千米|厘米|毫米|公斤|千克|公顷|美元|欧元|卢布|人民币|` +
		`[年月日天周岁秒个位名人次场篇条项家份本卷册页章节届倍元万亿千百米克吨度%％])`
	zhNumber := `第?(?:` + number + `|[` + hanNumerals + `]+)` + zhUnit + `+`

	han := `(` + zh + `|` + times + `|` + zhNumber + `|第` + number + `)`
	words := `(` + en + `|` + ru + `|` + suffixed + `|` + number + sp + `?` + unit + `)(?:[^\p{L}\p{N}]|$)`
	return regexp.MustCompile(`^(?:` + han + `|` + words + `)`)
}()
