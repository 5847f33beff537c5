package qa

import (
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/segment"
)

// A termHit is where a term of the list stands in a text, in words
// (segment.Words: each Han character is a word).
type termHit struct {
	concept  int
	term     interchange.Term
	from, to int
}

// stems returns the words of text reduced to their stems.
func stems(text, lang string) []string {
	ws := segment.Words(text)
	for k := range ws {
		ws[k] = segment.Stem(ws[k], lang)
	}
	return ws
}

// findTerm returns where term stands in words (already stemmed).
func findTerm(words []string, term, lang string) [][2]int {
	tw := stems(term, lang)
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
	words := stems(text, lang)
	var all []termHit
	for k, concept := range c.Terms.Entries {
		for _, term := range concept.Terms {
			if baseLang(term.Lang) != lang || !keep(term) {
				continue
			}
			for _, sp := range findTerm(words, term.Text, lang) {
				all = append(all, termHit{k, term, sp[0], sp[1]})
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
			add("terminology", Error, "%q is a %s term", h.term.Text, h.term.Status)
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
		add("terminology", Error, "%q should be translated as %q", h.term.Text, want[0].Text)
	}
}
