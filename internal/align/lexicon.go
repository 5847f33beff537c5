package align

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/segment"
)

//go:embed lexicon/general.tsv
var generalLexicon []byte

// lexiconLangs are the columns of the lexicon file.
var lexiconLangs = []string{"zh", "ru", "en"}

// A lexicon maps words of several languages to the concepts they name, so
// that a segment and its translation share an anchor for each concept both
// mention.
type lexicon struct {
	// byLang[lang] finds the phrases of a language: by first rune for
	// Chinese, by first stem for the others.
	byLang map[string]map[string][]phrase
	// zh finds Chinese phrases by their first character.
	zh map[rune][]phrase
	// has[lang][concept] is true when the concept has words in lang.
	has map[string][]bool
}

type phrase struct {
	parts   []string // stems (or, for Chinese, the whole word)
	concept int
}

// parseLexicon reads the lexicon format of lexicon/general.tsv.
func parseLexicon(b []byte) (*lexicon, error) {
	lx := &lexicon{byLang: map[string]map[string][]phrase{}, zh: map[rune][]phrase{}, has: map[string][]bool{}}
	for _, l := range lexiconLangs {
		lx.byLang[l] = map[string][]phrase{}
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	line, concept := 0, 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		cells := strings.Split(t, "\t")
		if len(cells) != len(lexiconLangs) {
			return nil, fmt.Errorf("lexicon:%d: %d cells, want %d", line, len(cells), len(lexiconLangs))
		}
		for k, lang := range lexiconLangs {
			lx.has[lang] = append(lx.has[lang], false)
			if cells[k] == "-" {
				continue
			}
			for _, alt := range strings.Split(cells[k], "|") {
				alt = strings.TrimSpace(alt)
				if alt == "" {
					continue
				}
				var p phrase
				p.concept = concept
				if lang == "zh" {
					p.parts = []string{alt}
					r, _ := utf8.DecodeRuneInString(alt)
					lx.zh[r] = append(lx.zh[r], p)
				} else {
					for _, w := range segment.Words(alt) {
						p.parts = append(p.parts, segment.Stem(w, lang))
					}
					if len(p.parts) == 0 {
						continue
					}
					lx.byLang[lang][p.parts[0]] = append(lx.byLang[lang][p.parts[0]], p)
				}
				lx.has[lang][concept] = true
			}
		}
		concept++
	}
	return lx, sc.Err()
}

var builtinLexicon = func() *lexicon {
	lx, err := parseLexicon(generalLexicon)
	if err != nil {
		panic(err)
	}
	return lx
}()

// concepts returns the concepts that s (in lang) mentions and that have
// words in the other language too, each once. stems caches the stems of
// words already seen.
func (lx *lexicon) concepts(s, lang, other string, stems map[string]string) []int {
	lang, other = baseLang(lang), baseLang(other)
	index, ok := lx.byLang[lang]
	if !ok || lx.has[other] == nil {
		return nil
	}
	seen := map[int]bool{}
	var out []int
	add := func(c int) {
		if !seen[c] && lx.has[other][c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	if lang == "zh" {
		for i, r := range s {
			for _, p := range lx.zh[r] {
				if strings.HasPrefix(s[i:], p.parts[0]) {
					add(p.concept)
				}
			}
		}
		return out
	}
	words := segment.Words(s)
	ws := make([]string, len(words))
	for i, w := range words {
		st, ok := stems[w]
		if !ok {
			st = segment.Stem(w, lang)
			stems[w] = st
		}
		ws[i] = st
	}
	for i, st := range ws {
	next:
		for _, p := range index[st] {
			if i+len(p.parts) > len(ws) {
				continue
			}
			for k := 1; k < len(p.parts); k++ {
				if ws[i+k] != p.parts[k] {
					continue next
				}
			}
			add(p.concept)
		}
	}
	return out
}

func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if k := strings.IndexAny(lang, "-_"); k > 0 {
		lang = lang[:k]
	}
	return lang
}
