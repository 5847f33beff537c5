package tm

import (
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
)

// Leverage counts what PreTranslate did.
type Leverage struct {
	// Segments is how many segments had no translation and were looked up.
	Segments int
	// Exact is how many of them got a translation from an exact match.
	Exact int
	// Fuzzy is how many got fuzzy matches to choose from, and no
	// translation.
	Fuzzy int
}

// PreTranslate looks up, in m, every segment of x that has no translation
// yet (state new), as CAT tools do before handing a file to a translator;
// m translates x's source language into its target language.
//
// A segment whose source is a unit's source (the same text after Unicode
// normalisation and white space, with the same inline codes in the same
// places) gets that unit's translation as its target, with the segment's
// own codes in it, state translated and PreTranslated set; the best unit
// wins, the newest of equals (see Lookup), and other translations of the
// same source are kept as matches of 100. Any other segment gets the
// units scoring min percent or more (at least Threshold, at most
// MaxMatches) as its Matches; a unit of the same text with other codes
// scores 99. Each match's Origin is its unit's.
func PreTranslate(x *interchange.XLIFF, m *Memory, min int) Leverage {
	var lv Leverage
	for fi := range x.Files {
		for ui := range x.Files[fi].Units {
			for si := range x.Files[fi].Units[ui].Segments {
				s := &x.Files[fi].Units[ui].Segments[si]
				if s.State != interchange.New || s.Source.IsEmpty() {
					continue
				}
				lv.Segments++
				switch leverage(s, m, min) {
				case interchange.Translated:
					lv.Exact++
				case interchange.Draft:
					lv.Fuzzy++
				}
			}
		}
	}
	return lv
}

// leverage pre-translates one segment and says what it got: Translated
// for an exact match, Draft for fuzzy matches only, New for nothing.
func leverage(s *interchange.Segment, m *Memory, min int) interchange.State {
	shape := normalize(codeShape(s.Source))
	var exact bool
	seen := map[string]bool{}
	for _, mt := range m.Lookup(s.Source.Plain(), "") {
		src, tgt := mt.SourceSeg, mt.TargetSeg
		if src == nil {
			src, tgt = interchange.PlainText(mt.Source), interchange.PlainText(mt.Target)
		}
		score := mt.Score
		if mt.Exact {
			score = 100
			if normalize(codeShape(src)) != shape {
				score = 99
			} else if t, ok := withCodesOf(s.Source, src, tgt); ok && !exact {
				s.Target, s.State, s.PreTranslated = t, interchange.Translated, true
				exact = true
				seen[tgt.Plain()] = true
				continue
			}
		}
		key := src.Plain() + "\x00" + tgt.Plain()
		if score < min || seen[key] || (score == 100 && seen[tgt.Plain()]) {
			continue
		}
		seen[key] = true
		ms, mt2 := renumber(src, tgt)
		s.Matches = append(s.Matches, interchange.Match{Source: ms, Target: mt2, Score: score, Origin: mt.Origin})
	}
	switch {
	case exact:
		return interchange.Translated
	case len(s.Matches) > 0:
		return interchange.Draft
	}
	return interchange.New
}

// Private-use characters stand for inline codes in the text a source's
// shape is compared by, one for each kind of code.
const (
	shapeOpen       = '\uE000'
	shapeClose      = '\uE001'
	shapeStandalone = '\uE002'
)

// codeShape is c's text with a character in place of each inline code,
// telling the kind of code, so that two sources of the same text compare
// equal only with the same codes in the same places.
func codeShape(c interchange.Content) string {
	var b strings.Builder
	for _, r := range c {
		switch r.Kind {
		case interchange.Text:
			b.WriteString(r.Text)
		case interchange.Open:
			b.WriteRune(shapeOpen)
		case interchange.Close:
			b.WriteRune(shapeClose)
		case interchange.Standalone:
			b.WriteRune(shapeStandalone)
		}
	}
	return b.String()
}

// codeKeys names each inline code of c by its kind, its id and how many
// codes of that kind and id came before it, so that a translation's codes
// find the source's they stand for even when ids are missing or repeated.
func codeKeys(c interchange.Content) []string {
	count := map[string]int{}
	var out []string
	for _, r := range c {
		if r.Kind == interchange.Text {
			continue
		}
		k := strconv.Itoa(int(r.Kind)) + "\x00" + r.ID
		out = append(out, k+"\x00"+strconv.Itoa(count[k]))
		count[k]++
	}
	return out
}

// withCodesOf returns tgt, the translation of src, with each of its codes
// replaced by the code of seg that stands where src has it; seg and src
// have the same shape. It fails when a code of tgt is not one of src's.
func withCodesOf(seg, src, tgt interchange.Content) (interchange.Content, bool) {
	segCodes := seg.Codes()
	at := map[string]int{}
	for i, k := range codeKeys(src) {
		at[k] = i
	}
	keys := codeKeys(tgt)
	out := make(interchange.Content, 0, len(tgt))
	n := 0
	for _, r := range tgt {
		if r.Kind == interchange.Text {
			out = append(out, r)
			continue
		}
		i, ok := at[keys[n]]
		n++
		if !ok || i >= len(segCodes) {
			return nil, false
		}
		c := segCodes[i]
		out = append(out, interchange.Run{Kind: r.Kind, ID: c.ID, Type: c.Type, Code: c.Code})
	}
	return out, true
}

// renumber gives the codes of a match's source and translation ids of
// their own ("tm1", "tm2", …), an opening and closing code one id, so that
// they are not taken for the segment's codes of the same number; a code
// without id gets one for itself.
func renumber(src, tgt interchange.Content) (interchange.Content, interchange.Content) {
	ids := map[string]string{}
	n := 0
	fresh := func(id string) string {
		if v, ok := ids[id]; ok && id != "" {
			return v
		}
		n++
		v := "tm" + strconv.Itoa(n)
		if id != "" {
			ids[id] = v
		}
		return v
	}
	conv := func(c interchange.Content) interchange.Content {
		out := make(interchange.Content, len(c))
		for i, r := range c {
			if r.Kind != interchange.Text {
				r.ID = fresh(r.ID)
			}
			out[i] = r
		}
		return out
	}
	return conv(src), conv(tgt)
}
