package qa

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/interchange"
)

// Missing spaces in Russian and English: a comma, semicolon or colon
// directly followed by a word ("Запустите,затем"), a stop between two
// words ("Москве.Потом"), an inline code run into the word beside it. What
// the languages write without a space passes: decimals (3,5 and 3.5),
// times and ratios (15:30, 1:2), abbreviations and initials (т.е., т.д.,
// e.g., U.S., А.С.Пушкин, where Russian typography wants thin spaces but
// writers often leave them out), web and e-mail addresses, file names
// (report.docx) and names the source has as they are (xml:lang,
// Console.WriteLine).

// spacedLang reports whether lang parts words with spaces.
func spacedLang(lang string) bool { return lang == "ru" || lang == "en" }

// objectRuns returns, in order, the code that each objectMark in
// textOf(c) stands for: a standalone code, or the start of a pair of
// codes around nothing.
func objectRuns(c interchange.Content) []interchange.Run {
	var out []interchange.Run
	for i, r := range c {
		switch {
		case r.Kind == interchange.Standalone:
			out = append(out, r)
		case r.Kind == interchange.Open && i+1 < len(c) && c[i+1].Kind == interchange.Close && c[i+1].ID == r.ID:
			out = append(out, r)
		}
	}
	return out
}

// wordRune reports whether r is a letter of an alphabetic script.
func wordRune(r rune) bool { return unicode.IsLetter(r) && !isHan(r) }

// gluedMarks returns the places where Russian or English text s has a
// comma, semicolon or colon directly followed by a word, or a stop
// between two words, each as the two words with the mark between them
// ("Запустите,затем"). A single letter on either side of a comma (x,y),
// before a colon (C:) or before a stop (т.е., А.С.Пушкин) is left alone,
// as is a stop before a word in lower case (report.docx, Node.js).
func gluedMarks(s string) []string {
	// An address is a space, so that nothing in it reads as a mark
	// without a space.
	rs := []rune(replaceAddresses(s, " "))
	wordLen := func(i, step int) int {
		n := 0
		for ; i >= 0 && i < len(rs) && wordRune(rs[i]); i += step {
			n++
		}
		return n
	}
	var out []string
	for i := 1; i+1 < len(rs); i++ {
		r, prev, next := rs[i], rs[i-1], rs[i+1]
		if !wordRune(next) {
			continue
		}
		before, after := wordLen(i-1, -1), wordLen(i+1, 1)
		switch r {
		case ',', ';':
			if before == 0 && !isObject(prev) && !strings.ContainsRune(")»”\"", prev) || before == 1 && after == 1 {
				continue
			}
		case ':':
			if before < 2 && !isObject(prev) || prev == ':' {
				continue
			}
		case '.':
			if before < 2 || !unicode.IsLower(prev) || !unicode.IsUpper(next) || after < 2 || !unicode.IsLower(rs[i+2]) {
				continue
			}
		default:
			continue
		}
		start := i - before
		if before == 0 {
			start = i - 1 // a code or a closing mark
		}
		out = append(out, strings.ReplaceAll(string(rs[start:i+1+after]), string(objectMark), "<code>"))
	}
	return out
}

// checkGlued flags, in a Russian or English translation, the marks and
// inline codes run into the word after or before them where the source
// has no such thing. Between Russian and English each code is compared
// with its place in the source: a space there and a letter beside it in
// the translation is a space lost (but for the word before a note
// reference, which stands against it). From Chinese, which has no spaces
// to compare, only what cannot be right is flagged: program code, or a
// code that shows a word, run into a word, and a comma, colon or stop
// run into a code that has more text after it ("См.<ph/>.").
func (c *Checker) checkGlued(src, tgt interchange.Content, s, t string, add addFunc) {
	if !spacedLang(c.to) {
		return
	}
	var found []string
	if gt := gluedMarks(t); len(gt) > len(gluedMarks(s)) {
		for _, g := range gt {
			if !strings.Contains(s, g) {
				found = append(found, g)
			}
		}
	}
	found = append(found, c.gluedCodes(src, tgt, s, t)...)
	if len(found) > 0 {
		add("spaces", Warning, phrase("qa.spaces.missing", "no space in %s", quoteList(dedupe(found))))
	}
}

// gluedCodes returns the places where an inline code of tgt is run into
// the text beside it, as the text around it with the code as <code>.
func (c *Checker) gluedCodes(src, tgt interchange.Content, s, t string) []string {
	srcRuns, tgtRuns := objectRuns(src), objectRuns(tgt)
	rs := []rune(t)
	srs := []rune(s)
	srcAt := map[string][]int{} // code id → places in srs
	k := 0
	for i, r := range srs {
		if isObject(r) && k < len(srcRuns) {
			srcAt[srcRuns[k].ID] = append(srcAt[srcRuns[k].ID], i)
			k++
		}
	}
	at := func(x []rune, i int) rune {
		if i < 0 || i >= len(x) {
			return 0
		}
		return x[i]
	}
	var out []string
	k = 0
	for i, r := range rs {
		if !isObject(r) || k >= len(tgtRuns) {
			continue
		}
		run := tgtRuns[k]
		k++
		kp, _ := codeKind(run.Type)
		kind := strings.TrimPrefix(kp.Key, "qa.tags.kind.") // "" for a type that says nothing
		prev, next := at(rs, i-1), at(rs, i+1)
		quiet := kind == "note" || kind == "bookmark" || kind == "line_break" || kind == "page_break" || kind == "formatting"
		gluedBefore, gluedAfter := false, false
		if spacedLang(c.from) {
			places := srcAt[run.ID]
			if len(places) == 0 {
				continue
			}
			j := places[0]
			srcAt[run.ID] = places[1:]
			stop := prev == '.' && next != 0 && !horizontalSpace(next) // "См.<ph/>."
			if horizontalSpace(at(srs, j-1)) && !quiet && (wordRune(prev) || unicode.IsDigit(prev) || strings.ContainsRune(",;:", prev) || stop) {
				gluedBefore = true
			}
			if horizontalSpace(at(srs, j+1)) && kind != "formatting" && (wordRune(next) || unicode.IsDigit(next)) {
				gluedAfter = true
			}
		} else {
			shown := run.Disp
			if shown == "" && (run.Type == "" || kind == "code") {
				shown = run.Code
			}
			first, _ := utf8.DecodeRuneInString(shown)
			last, _ := utf8.DecodeLastRuneInString(shown)
			wordy := !quiet && (kind == "code" || kind == "")
			gluedBefore = wordy && wordRune(prev) && (kind == "code" || wordRune(first))
			gluedAfter = wordy && wordRune(next) && (kind == "code" || wordRune(last))
			// A mark run into a code that has more text after it.
			// A single letter before the stop is an initial, an
			// abbreviation or a list label (б.<ph/>.).
			markBefore := strings.ContainsRune(",;:", prev) || prev == '.' && wordRune(at(rs, i-2)) && wordRune(at(rs, i-3))
			if markBefore && !quiet && next != 0 && !horizontalSpace(next) {
				gluedBefore = true
			}
		}
		if gluedBefore || gluedAfter {
			out = append(out, around(rs, i))
		}
	}
	return out
}

// around returns the text beside the code at rs[i], up to the spaces on
// either side, with the code written as <code>.
func around(rs []rune, i int) string {
	a, b := i, i+1
	for a > 0 && !horizontalSpace(rs[a-1]) {
		a--
	}
	for b < len(rs) && !horizontalSpace(rs[b]) {
		b++
	}
	return strings.ReplaceAll(string(rs[a:b]), string(objectMark), "<code>")
}
