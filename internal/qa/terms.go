package qa

import (
	"slices"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/segment"
)

// A termHit is where a term of the list stands in a text, in words
// (segment.Words: each Han character is a word) and in bytes.
type termHit struct {
	concept    int
	term       interchange.Term
	from, to   int // words
	start, end int // bytes
}

// stems returns the words of text reduced to their stems, and where each
// stands in text.
func stems(text, lang string) ([]string, [][2]int) {
	spans := segment.WordSpans(text)
	ws := make([]string, len(spans))
	for k, sp := range spans {
		ws[k] = segment.Stem(strings.ToLower(text[sp[0]:sp[1]]), lang)
	}
	return ws, spans
}

// findTerm returns where term stands in words (already stemmed).
func findTerm(words []string, term, lang string) [][2]int {
	tw, _ := stems(term, lang)
	if len(tw) == 0 {
		return nil
	}
	var out [][2]int
outer:
	for i := 0; i+len(tw) <= len(words); i++ {
		for k := range tw {
			if words[i+k] != tw[k] {
				continue outer
			}
		}
		out = append(out, [2]int{i, i + len(tw)})
	}
	return out
}

// hits returns where the terms of lang that keep(term) accepts stand in
// text. With longest, a hit inside a longer hit of another concept does
// not count: in 上海合作组织 (the SCO) the term 合作 (cooperation) is not
// used.
func (c *Checker) hits(text, lang string, keep func(interchange.Term) bool, longest bool) []termHit {
	return termHits(c.Terms, text, lang, keep, longest)
}

func termHits(tb *interchange.Termbase, text, lang string, keep func(interchange.Term) bool, longest bool) []termHit {
	words, spans := stems(text, lang)
	var all []termHit
	for k, concept := range tb.Entries {
		for _, term := range concept.Terms {
			if baseLang(term.Lang) != lang || !keep(term) {
				continue
			}
			for _, sp := range findTerm(words, term.Text, lang) {
				all = append(all, termHit{k, term, sp[0], sp[1], spans[sp[0]][0], spans[sp[1]-1][1]})
			}
		}
	}
	if !longest {
		return all
	}
	var out []termHit
	for _, h := range all {
		inside := false
		for _, o := range all {
			if o.concept != h.concept && o.from <= h.from && h.to <= o.to && o.to-o.from > h.to-h.from {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, h)
		}
	}
	return out
}

// TermUse is a term of a termbase found in a text.
type TermUse struct {
	Concept    int // the index of its concept in the termbase's Entries
	Term       interchange.Term
	Start, End int // where it stands in the text, in bytes
}

// FindTerms returns the uses in text, written in language tag, of the
// termbase's terms that are not forbidden, in the order they stand, as the
// terminology check finds them: words compared by stem (Russian case
// forms, English inflections, any letter case), Chinese character by
// character, and a term inside a longer term of another concept not
// counted.
func FindTerms(tb *interchange.Termbase, text, tag string) []TermUse {
	if tb == nil {
		return nil
	}
	notForbidden := func(term interchange.Term) bool { return term.Status != interchange.Forbidden }
	hs := termHits(tb, text, baseLang(tag), notForbidden, true)
	slices.SortStableFunc(hs, func(a, b termHit) int {
		if a.start != b.start {
			return a.start - b.start
		}
		return b.end - a.end
	})
	out := make([]TermUse, len(hs))
	for k, h := range hs {
		out[k] = TermUse{Concept: h.concept, Term: h.term, Start: h.start, End: h.end}
	}
	return out
}

// checkTerms expects, for each concept of the term list used in the
// source, one of its usable translations in the target, matched by stem so
// that every case form counts. It flags deprecated and forbidden terms in
// the target, unless they are, or are part of, a usable term there of a
// concept the source uses: the term list may deprecate "договор" for 协定
// (agreement) and prefer it for 条约 (treaty), and it is a word of
// "Договор о добрососедстве".
func (c *Checker) checkTerms(s, t string, add addFunc) {
	if c.Terms == nil {
		return
	}
	usable := func(term interchange.Term) bool {
		return term.Status != interchange.Deprecated && term.Status != interchange.Forbidden
	}
	anyTerm := func(interchange.Term) bool { return true }
	notForbidden := func(term interchange.Term) bool { return term.Status != interchange.Forbidden }

	inSource := map[int]bool{}
	for _, h := range c.hits(s, c.from, notForbidden, false) {
		inSource[h.concept] = true
	}
	inTarget := map[int]bool{}
	good := c.hits(t, c.to, usable, false)
	for _, h := range good {
		inTarget[h.concept] = true
	}
	for _, h := range c.hits(t, c.to, anyTerm, true) {
		if usable(h.term) {
			continue
		}
		covered := false
		for _, g := range good {
			if inSource[g.concept] && g.from <= h.from && h.to <= g.to {
				covered = true
				break
			}
		}
		if !covered {
			add("terminology", Error, phrase("qa.terminology."+string(h.term.Status), "%s is a "+string(h.term.Status)+" term", strconv.Quote(h.term.Text)))
		}
	}
	seen := map[int]bool{}
	for _, h := range c.hits(s, c.from, notForbidden, true) {
		if seen[h.concept] || inTarget[h.concept] {
			continue
		}
		seen[h.concept] = true
		want := c.Terms.Entries[h.concept].In(c.To)
		if len(want) == 0 {
			continue
		}
		add("terminology", Error, phrase("qa.terminology.expected", "\"%s\" should be translated as \"%s\"", h.term.Text, want[0].Text))
	}
}
