package qa

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An ending is how a text ends: its final punctuation, and the endings a
// correct translation may have instead.
type ending struct {
	class string   // "." "?" "!" "…" ":" ";" "," or "" for none
	mark  rune     // the final mark as written
	also  []string // other classes a translation may end with
	// afterLatin: the mark follows a Latin letter, as the stop of "Ltd."
	// or of an English title inside Chinese text does.
	afterLatin bool
}

// name names the ending in messages by its mark as written: "。", "、"
// (an enumeration comma, not ","), "..." for an ellipsis of stops.
func (e ending) name() any {
	switch {
	case e.class == "":
		return phrase("qa.end_punctuation.none", "no punctuation")
	case e.class == "…" && e.mark == '.':
		return strconv.Quote("...")
	case e.mark == '、':
		return phrase("qa.end_punctuation.enumeration", "%s (an enumeration comma)", strconv.Quote("、"))
	case e.mark != 0:
		return strconv.Quote(string(e.mark))
	}
	return strconv.Quote(e.class)
}

func (e ending) classes() []string { return append([]string{e.class}, e.also...) }

// endingOf returns how s ends, after closing quotation marks and brackets
// and the inline codes after the final mark (a note mark after the stop).
// A code the text ends with after a word, or after a space that follows a
// comma, colon or abbreviation, stands for a word (a field: "см. <ph/>",
// "Подробнее: <ph/>"), and the text ends with no mark.
// Beside the final mark, a translation may end with:
//   - no mark or a full stop, where the stop belongs to an abbreviation
//     (2001 г., и т. д., Ltd.) and the other language has none (2001年);
//   - a full stop, where the final question or exclamation is inside a
//     quotation (他问：“你好吗？” is «Как дела?» — спросил он.);
//   - a full stop or no mark, for an ellipsis (等等…… is "и т. д.");
//   - ";" for "," and "," for ";", at the end of a list item;
//   - "!" ":" "," for each other in a short address, where each language
//     has its own mark (Дорогие друзья! 亲爱的朋友们： Dear friends,).
func endingOf(s, lang string) ending {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	quoted := false
	for {
		r, n := utf8.DecodeLastRuneInString(s)
		if isObject(r) {
			t := strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isObject(r) })
			p, n := utf8.DecodeLastRuneInString(t)
			spaced := strings.TrimRightFunc(s, isObject) != t
			switch {
			case !strings.ContainsRune(endMarks+closers, p),
				spaced && !strings.ContainsRune(".?!…。？！"+closers, p),
				spaced && p == '.' && abbreviationBefore(t[:len(t)-n], lang):
				return ending{}
			}
			s = t
			continue
		}
		if n == 0 || !strings.ContainsRune(closers, r) {
			break
		}
		s = strings.TrimRightFunc(s[:len(s)-n], unicode.IsSpace)
		quoted = quoted || r != ')' && r != '）' && r != ']'
	}
	var e ending
	r, n := utf8.DecodeLastRuneInString(s)
	e.mark = r
	// A note mark before the stop leaves the word before it as it is:
	// "Ltd<x/>." ends with the stop of "Ltd.".
	body := strings.TrimRightFunc(s[:len(s)-n], isObject)
	if p, _ := utf8.DecodeLastRuneInString(body); p < 0x80 && unicode.IsLetter(p) {
		e.afterLatin = true
	}
	switch r {
	case '.', '。', '．':
		e.class = "."
		switch {
		case strings.HasSuffix(s, "..."):
			e.class = "…"
		case strings.HasSuffix(body, "?.") || strings.HasSuffix(body, "!."):
			// Russian "?.." and "!..": a question or exclamation that
			// trails off.
			q, _ := utf8.DecodeLastRuneInString(strings.TrimRight(body, "."))
			e.class = map[rune]string{'?': "?", '!': "!"}[q]
			e.also = append(e.also, "…")
		case r == '.' && abbreviationBefore(body, lang):
			e.also = append(e.also, "")
		}
	case '?', '？':
		e.class = "?"
	case '!', '！':
		e.class = "!"
		if p, _ := utf8.DecodeLastRuneInString(body); p == '?' || p == '？' {
			e.also = append(e.also, "?")
		}
	case '…':
		e.class = "…"
	case ':', '：':
		e.class = ":"
	case ';', '；':
		e.class = ";"
	case ',', '，', '、':
		e.class = ","
	default:
		e.mark = 0
	}
	switch e.class {
	case "…":
		e.also = append(e.also, ".", "")
	case ";":
		e.also = append(e.also, ",")
	case ",":
		e.also = append(e.also, ";")
	case "?", "!":
		if quoted {
			e.also = append(e.also, ".")
		}
	}
	if (e.class == "!" || e.class == ":" || e.class == "," || e.class == "") && isAddress(body) {
		e.also = append(e.also, "!", ":", ",")
	}
	if e.class == "." && strings.ContainsAny(body, "?!？！") {
		// «Как дела?» — спросил он.
		for _, q := range []string{"?", "!"} {
			if quotedMark(body, q) {
				e.also = append(e.also, q)
			}
		}
	}
	return e
}

// isAddress reports whether s is short enough to be a form of address
// (Дорогие друзья, 尊敬的各位来宾, Ladies and gentlemen): at most five words
// or twelve Chinese characters, with no stop inside.
func isAddress(s string) bool {
	if strings.ContainsAny(s, ".?!。？！") {
		return false
	}
	han := 0
	for _, r := range s {
		if isHan(r) {
			han++
		}
	}
	return han > 0 && han <= 12 || han == 0 && len(strings.Fields(s)) <= 5 && s != ""
}

// quotedMark reports whether mark q ("?" or "!", in either width) ends a
// quotation inside s.
func quotedMark(s, q string) bool {
	full := map[string]string{"?": "？", "!": "！"}[q]
	for _, m := range []string{q, full} {
		for i := strings.Index(s, m); i >= 0; {
			next, _ := utf8.DecodeRuneInString(s[i+len(m):])
			if strings.ContainsRune(closers, next) && next != ')' && next != '）' {
				return true
			}
			k := strings.Index(s[i+len(m):], m)
			if k < 0 {
				break
			}
			i += len(m) + k
		}
	}
	return false
}

// endMarks are the marks a sentence or a clause may end with.
const endMarks = ".?!…:;,。？！：；，、．"

// fullWidth reports whether punctuation r is a Chinese (full-width) mark.
func fullWidth(r rune) bool {
	return strings.ContainsRune("。，、；：？！（）“”‘’「」『』《》【】．", r)
}

// checkEndPunctuation compares how source and translation end. A caption
// or heading that starts with a label (Статья 1., Таблица <ph/>. Итоги,
// 第一条, 表1) may end with a stop on one side and none on the other:
// Chinese gives such labels and headings none.
func (c *Checker) checkEndPunctuation(s, t string, add addFunc) {
	if labelOnly(s) && labelOnly(t) {
		// Labels compare by their numbers: each language marks them
		// its own way (一、 is "1)" or "1.").
		return
	}
	se, te := endingOf(s, c.from), endingOf(t, c.to)
	agree := slices.ContainsFunc(se.classes(), func(x string) bool { return slices.Contains(te.classes(), x) })
	if !agree && (se.class == "." && te.class == "" || se.class == "" && te.class == ".") && labelled(s, c.from) && labelled(t, c.to) {
		agree = true
	}
	if !agree {
		// A question must stay a question, an exclamation an exclamation.
		add("end-punctuation", Warning, phrase("qa.end_punctuation.differ", "the source ends with %s, the translation with %s", se.name(), te.name()))
		return
	}
	if te.class == "" || te.class == "…" || te.mark == 0 {
		return
	}
	if c.to == "zh" && !fullWidth(te.mark) && te.mark < 0x80 && !te.afterLatin {
		add("end-punctuation", Warning, phrase("qa.end_punctuation.halfwidth", "Chinese text should end with a full-width %s, not %s", strconv.Quote(fullWidthOf(te.class)), strconv.Quote(string(te.mark))))
	}
	if c.to != "zh" && fullWidth(te.mark) {
		add("end-punctuation", Warning, phrase("qa.end_punctuation.chinese", "the translation ends with the Chinese mark %s", strconv.Quote(string(te.mark))))
	}
}

func fullWidthOf(class string) string {
	return map[string]string{".": "。", "?": "？", "!": "！", ":": "：", ";": "；", ",": "，"}[class]
}

// quoteMarks counts the quotation marks of s by family, opening and
// closing alike (a quotation may open in one segment and close in the
// next); the apostrophe ’ is left out.
func quoteMarks(s string) (han, guillemet, curly, straight, title int) {
	for _, r := range s {
		switch r {
		case '「', '」', '『', '』':
			han++
		case '«', '»', '„':
			guillemet++
		case '“', '”', '‘':
			curly++
		case '"':
			straight++
		case '《', '》', '〈', '〉':
			title++
		}
	}
	return
}

// quotePairs maps each opening quotation mark to the marks that close it.
var quotePairs = map[rune]string{'«': "»", '“': "”", '„': "“”", '「': "」", '『': "』", '‘': "’"}

// hasSpeech reports whether s, in lang, quotes what someone said or wrote:
// a quotation after a colon (他说：“…”, Он сказал: «…»), in English also
// after a comma (He said, “…”), or one that ends with its own stop or
// comma («Как дела?» — спросил он; “…,” he said). Quotation marks around
// a name or a title («Газпром», “一带一路”, «Куда идёт экономика? Итоги
// года») need not survive translation: English drops them or uses
// italics, Chinese uses 《》.
func hasSpeech(s, lang string) bool {
	rs := []rune(s)
	intro := ":："
	if lang == "en" {
		intro += ","
	}
	straight := 0
	for i, r := range rs {
		closeSet, ok := quotePairs[r]
		if r == '"' {
			straight++
			ok, closeSet = straight%2 == 1, "\""
		}
		if !ok {
			continue
		}
		k := i - 1
		for k >= 0 && (unicode.IsSpace(rs[k]) || isObject(rs[k])) {
			k--
		}
		if k >= 0 && strings.ContainsRune(intro, rs[k]) {
			return true
		}
		// A quotation longer than this is not looked at whole.
		for j := i + 1; j < len(rs) && j < i+4000; j++ {
			if strings.ContainsRune(closeSet, rs[j]) {
				if j > i+1 && strings.ContainsRune(".。!！?？…,，", rs[j-1]) {
					return true
				}
				break
			}
		}
	}
	return false
}

// dialogueDash reports whether Russian text s marks speech with a dash,
// as Russian does without quotation marks: "Я думаю, — рассказывает он".
func dialogueDash(s string) bool {
	return strings.Contains(s, ", —") || strings.Contains(s, ",\u00a0—") || strings.HasPrefix(strings.TrimSpace(s), "—")
}

func (c *Checker) checkQuotes(s, t string, add addFunc) {
	th, tg, tc, ts, tt := quoteMarks(t)
	if hasSpeech(s, c.from) && th+tg+tc+ts+tt == 0 && !(c.to == "ru" && dialogueDash(t)) {
		add("quotes", Warning, phrase("qa.quotes.lost", "the source quotes someone, the translation has no quotation marks"))
		return
	}
	switch c.to {
	case "ru":
		// «…» outside, „…“ inside; “…” alone is the English habit.
		if tg == 0 && (tc > 0 || ts > 0) {
			add("quotes", Warning, phrase("qa.quotes.ru", "Russian quotations take «…» (and „…“ inside them), not %s", firstOf(t, "“”‘\"")))
		}
	case "zh":
		if tg > 0 {
			add("quotes", Warning, phrase("qa.quotes.zh", "Chinese quotations take “…” or 「…」, not «…»"))
		}
	case "en":
		if tg > 0 || th > 0 {
			add("quotes", Warning, phrase("qa.quotes.en", "English quotations take ‘…’ or “…”, not «…» or 「…」"))
		}
	}
}

func firstOf(s, set string) string {
	for _, r := range s {
		if strings.ContainsRune(set, r) {
			return string(r)
		}
	}
	return ""
}

// checkWidth flags ASCII punctuation between Chinese characters, and
// full-width punctuation in Russian or English text outside the Chinese
// words it may quote (газета «Жэньминь жибао» (《人民日报》)).
func (c *Checker) checkWidth(t string, add addFunc) {
	rs := []rune(t)
	han := func(i int) bool { return i >= 0 && i < len(rs) && isHan(rs[i]) }
	var bad []string
	for i, r := range rs {
		if c.to == "zh" {
			if !strings.ContainsRune(",.?!:;()", r) {
				continue
			}
			// The final mark is the end-punctuation check's.
			if r == '(' && han(i+1) || r == ')' && han(i-1) || han(i-1) && han(i+1) && r != '(' {
				bad = append(bad, string(r))
			}
			continue
		}
		if fullWidth(r) && !strings.ContainsRune("“”‘’", r) && !han(i-1) && !han(i+1) {
			bad = append(bad, string(r))
		}
	}
	if len(bad) == 0 {
		return
	}
	if c.to == "zh" {
		add("punctuation-width", Warning, phrase("qa.punctuation_width.ascii", "ASCII punctuation %s in Chinese text; use full-width marks", quoteList(dedupe(bad))))
		return
	}
	add("punctuation-width", Warning, phrase("qa.punctuation_width.fullwidth."+c.to, "full-width punctuation %s in "+langName(c.to)+" text", quoteList(dedupe(bad))))
}
