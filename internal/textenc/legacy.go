package textenc

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// minEvidence is how many Chinese or Cyrillic characters a text that is
// not UTF-8 must have before its encoding is guessed from them: below it,
// a few stray bytes could read as anything.
const minEvidence = 8

// guessLegacy reads b, which is not UTF-8, in the legacy encoding it is
// clearly written in, if any: GB 18030 (and so GBK and GB 2312) when
// nearly all its other characters are Chinese and most of those common
// ones, Windows-1251 or KOI8-R when it reads as Russian. Latin text in an
// 8-bit encoding reads as neither: its accented letters turn into
// Cyrillic letters inside Latin words.
func guessLegacy(b []byte) (*Text, bool) {
	if out, ok := decodeStrict(simplifiedchinese.GB18030, b); ok && readsAsChinese(b, out) {
		return guessed(out, "GB18030", "Chinese"), true
	}
	var best []byte
	var bestName string
	bestScore := 0.0
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{"windows-1251", charmap.Windows1251}, {"KOI8-R", charmap.KOI8R}} {
		out, ok := decodeStrict(c.enc, b)
		if !ok {
			continue
		}
		if score, ok := readsAsRussian(out); ok && score > bestScore {
			best, bestName, bestScore = out, c.name, score
		}
	}
	if best == nil {
		return nil, false
	}
	return guessed(best, bestName, "Russian"), true
}

func guessed(out []byte, name, language string) *Text {
	return &Text{Bytes: out, Encoding: name, Warnings: []string{
		"the file is not UTF-8; read as " + name + ", in which it is " + language + " text: save it as UTF-8 to be sure",
	}}
}

// decodeStrict decodes b and reports whether every byte was a character of
// enc and the result holds no control characters but white space.
func decodeStrict(enc encoding.Encoding, b []byte) ([]byte, bool) {
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return nil, false
	}
	for _, r := range string(out) {
		if r == utf8.RuneError || r < 0x20 && r != '\t' && r != '\n' && r != '\r' && r != '\f' || r == 0x7f || r >= 0x80 && r < 0xa0 {
			return nil, false
		}
	}
	return out, true
}

// readsAsChinese reports whether out, b read as GB 18030, is Chinese text:
// at least minEvidence characters beyond ASCII, nearly all of them Han
// characters or CJK punctuation, and most Han characters from the common
// level of GB 2312 (lead bytes 0xB0 to 0xD7), where nearly every character
// of running Chinese text is. Russian in Windows-1251 read as GB 18030
// falls on the rare levels, or fails to decode.
func readsAsChinese(b, out []byte) bool {
	nonASCII, cjk, han := 0, 0, 0
	for _, r := range string(out) {
		if r < 0x80 {
			continue
		}
		nonASCII++
		switch {
		case unicode.Is(unicode.Han, r):
			han++
			cjk++
		case r >= 0x3000 && r <= 0x303f, r >= 0xff00 && r <= 0xffef, r >= 0x2010 && r <= 0x2026, r == 0xb7:
			cjk++
		}
	}
	if han < minEvidence || cjk*20 < nonASCII*19 {
		return false
	}
	common := 0
	for i := 0; i+1 < len(b); i++ {
		c := b[i]
		if c < 0x81 {
			continue
		}
		if c >= 0xb0 && c <= 0xd7 && b[i+1] >= 0xa1 && b[i+1] <= 0xfe {
			common++
		}
		i++ // the trail byte; four-byte sequences count as rare anyway
	}
	return common*10 >= han*7
}

// frequentRussian are the ten most frequent letters of Russian text, which
// make up about two thirds of its letters; text in Windows-1251 read as
// KOI8-R, or the other way round, has them in a third or fewer.
const frequentRussian = "оеаинтсрвл"

// readsAsRussian reports whether out, text read in an 8-bit Cyrillic
// encoding, is Russian text, and how much it looks like it: the share of
// the most frequent Russian letters among its Cyrillic letters. It wants
// at least minEvidence Cyrillic letters, a third of all letters or more;
// beyond ASCII, next to nothing but Russian letters and the punctuation
// Russian text uses; Cyrillic in words of its own (a word mixing Latin and
// Cyrillic letters is Latin text read wrongly); no capital inside a word;
// and the frequent letters in half of its letters or more.
func readsAsRussian(out []byte) (score float64, ok bool) {
	letters, cyr, frequent, innerCaps, odd, nonASCII := 0, 0, 0, 0, 0, 0
	words, mixed := 0, 0
	inWord, wordCyr, wordLatin := false, false, false
	var prev rune
	endWord := func() {
		if inWord && wordCyr {
			words++
			if wordLatin {
				mixed++
			}
		}
		inWord, wordCyr, wordLatin = false, false, false
	}
	for _, r := range string(out) {
		if r >= 0x80 {
			nonASCII++
			if !isRussian(r) && !strings.ContainsRune("«»„“”‘’–—…№\u00a0·•", r) {
				odd++
			}
		}
		if !unicode.IsLetter(r) {
			endWord()
			prev = r
			continue
		}
		letters++
		inWord = true
		if unicode.Is(unicode.Cyrillic, r) {
			cyr++
			wordCyr = true
			if strings.ContainsRune(frequentRussian, unicode.ToLower(r)) {
				frequent++
			}
			if unicode.IsUpper(r) && unicode.IsLower(prev) {
				innerCaps++
			}
		} else {
			wordLatin = true
		}
		prev = r
	}
	endWord()
	if cyr < minEvidence || cyr*3 < letters || odd*50 > nonASCII || mixed*20 > words || innerCaps*50 > cyr {
		return 0, false
	}
	score = float64(frequent) / float64(cyr)
	return score, score >= 0.5
}

// isRussian reports whether r is a letter of the Russian alphabet.
func isRussian(r rune) bool {
	return r >= 'А' && r <= 'я' || r == 'Ё' || r == 'ё'
}
