package align

import (
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/numeral"
	"github.com/tandemforum/tandem/internal/segment"
)

// anchorsOf returns the sorted hashes of what a segment shares with its
// translation whatever the language: numbers by value, words in Latin
// script (names, acronyms), names by a phonetic key that survives
// transliteration from Cyrillic, question and exclamation marks, opening
// quotation marks (typewriter ones too), brackets and colons, the
// concepts of the built-in lexicon it mentions, and the terms of the term
// list it contains. A repeated anchor appears again:
// the lists are multisets.
func anchorsOf(s, lang, other string, terms []string, stems map[string]string, sentences int) []uint64 {
	var keys []string
	// One anchor per sentence: translators keep sentences, so a link
	// whose sides hold as many sentences is likelier.
	for range sentences {
		keys = append(keys, ".")
	}
	// Numbers need a digit, or Chinese numerals; most segments have
	// neither, and skipping them saves a third of the time.
	if strings.ContainsAny(s, "0123456789０１２３４５６７８９") || (baseLang(lang) == "zh" && strings.ContainsAny(s, "〇一二两三四五六七八九十百千万亿")) {
		for _, n := range numeral.Numbers(s, lang) {
			if !n.Spelled {
				keys = append(keys, "n:"+strconv.FormatFloat(n.Value, 'g', -1, 64))
			}
		}
	}
	base := strings.ToLower(lang)
	if k := strings.IndexAny(base, "-_"); k > 0 {
		base = base[:k]
	}
	for k, w := range words(s) {
		latin, upper := isLatin(w)
		switch {
		case latin && base != "en" && len(w) >= 2:
			keys = append(keys, "l:"+strings.ToLower(w))
		case latin && base == "en" && upper && k > 0 && len(w) >= 2:
			// Capitalised words inside an English sentence are names; in
			// the other language they are in Latin script or transliterated.
			keys = append(keys, "l:"+strings.ToLower(w))
			if key := phonetic(strings.ToLower(w)); key != "" {
				keys = append(keys, "p:"+key)
			}
		case !latin && upper && k > 0 && base == "ru":
			if key := phonetic(translit(strings.ToLower(w))); key != "" {
				keys = append(keys, "p:"+key)
			}
		}
	}
	var prev rune
	low := false // a „ is open, which “ closes („Здесь акула!“)
	for k, c := range s {
		switch c {
		case '?', '？':
			keys = append(keys, "?")
		case '!', '！':
			keys = append(keys, "!")
		case '“':
			if low {
				low = false
				break
			}
			keys = append(keys, "\"")
		case '„':
			low = true
			keys = append(keys, "\"")
		case '«', '「', '『', '‘':
			keys = append(keys, "\"")
		case '"', '\'':
			// A typewriter quotation mark opens a quotation after a
			// space or at the start, before a letter or digit: the «
			// or “ of the translation.
			if next := firstRuneAt(s, k+1); (k == 0 || unicode.IsSpace(prev) || strings.ContainsRune("([—–-", prev)) && (unicode.IsLetter(next) || unicode.IsDigit(next)) {
				keys = append(keys, "\"")
			}
		case '(', '（':
			keys = append(keys, "(")
		case ':', '：':
			keys = append(keys, ":")
		}
		prev = c
	}
	var soft []string
	for _, c := range builtinLexicon.concepts(s, lang, other, stems) {
		soft = append(soft, "x:"+strconv.Itoa(c))
	}
	for k, t := range terms {
		if t != "" && segment.ContainsTerm(s, t, lang) {
			keys = append(keys, "t:"+strconv.Itoa(k))
		}
	}
	out := make([]uint64, 0, len(keys)+len(soft))
	for _, k := range keys {
		h := fnv.New64a()
		h.Write([]byte(k))
		out = append(out, h.Sum64()&^softBit)
	}
	for _, k := range soft {
		h := fnv.New64a()
		h.Write([]byte(k))
		out = append(out, h.Sum64()|softBit)
	}
	slices.Sort(out)
	return out
}

// firstRuneAt returns the rune at byte offset k of s, or 0 at its end.
func firstRuneAt(s string, k int) rune {
	for _, c := range s[k:] {
		return c
	}
	return 0
}

// softBit marks the anchors of the lexicon: a word translated as listed is
// evidence of a link, but one translated otherwise is no evidence against
// it, so they are rewarded when shared and never penalised.
const softBit = 1 << 63

// words splits s into runs of letters and digits, keeping their case.
func words(s string) []string {
	return strings.FieldsFunc(s, func(c rune) bool {
		return !(unicode.IsLetter(c) || unicode.IsDigit(c)) || unicode.Is(unicode.Han, c)
	})
}

// isLatin reports whether w is written in Latin letters (digits allowed) and
// whether it starts with a capital letter.
func isLatin(w string) (latin, upper bool) {
	letters := 0
	for k, c := range w {
		if unicode.IsLetter(c) {
			if !unicode.In(c, unicode.Latin) {
				return false, unicode.IsUpper(c) && k == 0
			}
			letters++
		}
		if k == 0 {
			upper = unicode.IsUpper(c)
		}
	}
	return letters > 0, upper
}

var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z",
	'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r",
	'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "h", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "sch",
	'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
}

func translit(w string) string {
	var b strings.Builder
	for _, c := range w {
		if t, ok := cyrillic[c]; ok {
			b.WriteString(t)
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

var phoneticFold = strings.NewReplacer("dzh", "j", "zh", "j", "kh", "h", "ck", "k", "ph", "f", "th", "t", "sch", "sh", "ts", "c", "tz", "c", "x", "ks", "q", "k", "w", "v", "c", "k")

// phonetic reduces a Latin-script name to a key that its Russian
// transliteration shares: the consonant skeleton, with spellings that
// transliteration changes (dzh/j, ck/k, w/v) folded. Trump and Трамп both
// give "trmp"; Johnson and Джонсон "jnsn".
func phonetic(w string) string {
	w = phoneticFold.Replace(w)
	var b []byte
	for k := 0; k < len(w); k++ {
		ch := w[k]
		if strings.IndexByte("aeiouyhv", ch) >= 0 || ch < 'a' || ch > 'z' {
			continue
		}
		if len(b) > 0 && b[len(b)-1] == ch {
			continue
		}
		b = append(b, ch)
	}
	if len(b) < 3 {
		return ""
	}
	if len(b) > 4 {
		b = b[:4]
	}
	return string(b)
}
