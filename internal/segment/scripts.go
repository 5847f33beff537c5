package segment

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Mixed text: a Chinese document quotes a Russian sentence, a Russian one an
// English paragraph. Each stretch of a paragraph is split by the rules of
// its own script: Han (and kana) by the Chinese rules, Cyrillic by the
// Russian, Latin by the English. The rules Split is called on serve their
// own script, with the abbreviations a project added to them; the other
// scripts get the built-in rules of their language.
//
// Which rules decide a boundary is read from the text around it (see
// owner): a full-width end mark (。！？．) or a Han character right after
// the end mark (and any opening mark) with no space is Chinese typography; otherwise the letter
// before the end mark (and its closing marks) decides, and where that is
// no letter (a digit, a Roman numeral, a bracket), the letter after it; where neither is,
// the rules' own language.

// builtinRules are the built-in rules of each language, read once, by
// which stretches of text in a script other than that of the rules in use
// are split.
var builtinRules = sync.OnceValue(func() map[string]*Rules {
	return map[string]*Rules{"zh": MustFor("zh"), "ru": MustFor("ru"), "en": MustFor("en")}
})

// latinRules are the English rules, by which Chinese text reads the
// abbreviations of Latin words in it.
func latinRules() *Rules { return builtinRules()["en"] }

// scriptLang returns the language whose rules split text in the script of
// c: "zh" for Han and kana, "ru" for Cyrillic, "en" for Latin; "" for any
// other character.
func scriptLang(c rune) string {
	switch {
	case c < utf8.RuneSelf:
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' {
			return "en"
		}
		return ""
	case !unicode.IsLetter(c):
		return ""
	case unicode.In(c, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return "zh"
	case unicode.Is(unicode.Cyrillic, c):
		return "ru"
	case unicode.Is(unicode.Latin, c):
		return "en"
	}
	return ""
}

// home returns the language of the script the rules serve: "zh" for
// Chinese and Japanese, else the rules' language.
func (r *Rules) home() string {
	if r.cjk {
		return "zh"
	}
	return r.Lang
}

// mixedBreaks returns the offsets in p, a paragraph, where a new segment
// starts, each decided by the rules of the script around it (see owner).
// A paragraph in the rules' own script alone is read once; one with
// letters of other scripts once more for each of them, so the time stays
// linear in its length.
func (r *Rules) mixedBreaks(p string) []int {
	home := r.home()
	others := otherLanguages(p, home)
	if len(others) == 0 {
		return r.breaks(p)
	}
	out := r.owned(p, r.breaks(p), home, home)
	for _, lang := range others {
		rules := builtinRules()[lang]
		out = mergeSorted(out, r.owned(p, rules.breaks(p), lang, home))
	}
	return out
}

// otherLanguages lists the languages, other than home, whose script has a
// letter in p, in a fixed order.
func otherLanguages(p, home string) []string {
	var seen [3]bool
	order := [3]string{"zh", "ru", "en"}
	for _, c := range p {
		if l := scriptLang(c); l != "" && l != home {
			for k, o := range order {
				if o == l {
					seen[k] = true
				}
			}
		}
	}
	var out []string
	for k, l := range order {
		if seen[k] {
			out = append(out, l)
		}
	}
	return out
}

// owned keeps the breaks, sorted offsets in p, that the rules of lang
// decide (see owner).
func (r *Rules) owned(p string, breaks []int, lang, home string) []int {
	out := breaks[:0]
	for _, b := range breaks {
		if owner(p, b, home) == lang {
			out = append(out, b)
		}
	}
	return out
}

// owner returns the language whose rules decide a segment boundary at
// p[b], where the next segment starts: "zh" when the end mark before it
// is a full-width one or a Han character follows the end mark and its
// closing marks without a space, after opening marks if any ("好。”The",
// "OK!”大家", "signed.“合作"); else that of the
// letter before the end mark and its closing marks («Хорошо!» The), or,
// where that is no letter (a digit, a Roman numeral, a bracket), of the
// first letter after
// the boundary; home when neither is a letter of a script with rules.
func owner(p string, b int, home string) string {
	i := b
	for i > 0 {
		c, n := utf8.DecodeLastRuneInString(p[:i])
		if !isSpace(c) {
			break
		}
		i -= n
	}
	spaced := i < b
	fullWidth := false
	for i > 0 {
		c, n := utf8.DecodeLastRuneInString(p[:i])
		if !strings.ContainsRune(stopsCJK+stopsLatin+closersAlpha, c) {
			break
		}
		if strings.ContainsRune("。！？．", c) {
			fullWidth = true
		}
		i -= n
	}
	next := firstRune(strings.TrimLeftFunc(p[b:], func(c rune) bool {
		return isSpace(c) || strings.ContainsRune(openers+dashes, c)
	}))
	opened := strings.TrimLeftFunc(p[b:], func(c rune) bool { return strings.ContainsRune(openers, c) })
	if fullWidth || !spaced && scriptLang(firstRune(opened)) == "zh" {
		return "zh"
	}
	prev, _ := utf8.DecodeLastRuneInString(p[:i])
	if w, _ := lastWord(p[:i]); isRoman(w) {
		// "Глава II. Детство", "World War II. The": a Roman numeral is
		// a number, in Latin letters in any language.
		prev = '0'
	}
	if l := scriptLang(prev); l != "" {
		return l
	}
	if l := scriptLang(next); l != "" {
		return l
	}
	return home
}
