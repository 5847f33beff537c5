package qa

import (
	"slices"
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
)

// titleFormats are the formatting types that English gives to titles of
// books, papers and newspapers; Russian writes such titles in «…» and
// Chinese in 《…》 instead.
var titleFormats = map[string]bool{"italic": true, "i": true, "em": true, "emphasis": true, "x-italic": true}

// codeKind names what an inline code of type typ (XLIFF ctype, or type
// and subType as interchange reads them) stands for, for messages: "a
// note reference", "a field", "formatting"; false when the type says
// nothing a reader would know.
func codeKind(typ string) (Phrase, bool) {
	kind := func(key, english string) (Phrase, bool) { return phrase("qa.tags.kind."+key, english), true }
	switch strings.TrimPrefix(strings.ToLower(typ), "x-") {
	case "footnote", "endnote", "note", "noteref":
		return kind("note", "a note reference")
	case "field", "number":
		return kind("field", "a field")
	case "bold", "italic", "underlined", "b", "i", "u", "strong", "em", "emphasis", "span", "sup", "sub",
		"superscript", "subscript", "font", "color", "strike", "fmt":
		return kind("formatting", "formatting")
	case "code":
		return kind("code", "program code")
	case "link":
		return kind("link", "a link")
	case "image":
		return kind("image", "an image")
	case "lb":
		return kind("line_break", "a line break")
	case "pb":
		return kind("page_break", "a page break")
	case "math":
		return kind("formula", "a formula")
	case "anchor", "bookmark":
		return kind("bookmark", "a bookmark")
	}
	return Phrase{}, false
}

// codeKey is what checkTags counts: one side of a pair of codes, or a
// standalone code, by its id as the file writes it.
type codeKey struct {
	kind interchange.RunKind
	id   string
}

// codeName names a code for a message: "code 2 (a note reference)", "the
// start of code 1 (formatting)"; whole names a pair as one code.
func codeName(k codeKey, typ string, whole bool) Phrase {
	key, english := "qa.tags.code", "code %s"
	switch {
	case whole || k.kind == interchange.Standalone:
	case k.kind == interchange.Open:
		key, english = "qa.tags.start", "the start of code %s"
	default:
		key, english = "qa.tags.end", "the end of code %s"
	}
	if kind, ok := codeKind(typ); ok {
		return phrase(key+"_kind", english+" (%s)", k.id, kind)
	}
	return phrase(key, english, k.id)
}

// times says n times in words for the small counts messages have.
func times(n int) Phrase {
	switch n {
	case 1:
		return phrase("qa.tags.once", "once")
	case 2:
		return phrase("qa.tags.twice", "twice")
	}
	return phrase("qa.tags.times", "%d times", n)
}

// checkTags compares inline codes by kind and id; their order may change.
// A span of italics the translation leaves out is no finding when the
// translation marks a title with «…» or 《…》 as its language does. The
// codes whose ids are in skip (pairs that the source opens in one segment
// and closes in another) are left to the check of the whole unit. Each
// finding names what happened to which code, by its id as in the file and
// its kind: missing, repeated, or under an id the source does not have.
func checkTags(src, tgt interchange.Content, to string, skip map[string]bool, add addFunc) {
	count := map[codeKey]int{}
	types := map[string]string{}
	var order []codeKey
	note := func(r interchange.Run, d int) {
		if skip[r.ID] {
			return
		}
		k := codeKey{r.Kind, r.ID}
		if _, ok := count[k]; !ok {
			order = append(order, k)
		}
		count[k] += d
		if _, ok := types[r.ID]; !ok || types[r.ID] == "" {
			types[r.ID] = strings.ToLower(r.Type)
		}
	}
	srcCount := map[codeKey]int{}
	for _, r := range src.Codes() {
		note(r, 1)
		srcCount[codeKey{r.Kind, r.ID}]++
	}
	for _, r := range tgt.Codes() {
		note(r, -1)
	}
	plain := tgt.Plain()
	titles := to == "ru" && strings.Contains(plain, "«") || to == "zh" && strings.Contains(plain, "《")
	other := func(k codeKey) (codeKey, bool) {
		switch k.kind {
		case interchange.Open:
			return codeKey{interchange.Close, k.id}, true
		case interchange.Close:
			return codeKey{interchange.Open, k.id}, true
		}
		return k, false
	}
	var problems []Phrase
	done := map[codeKey]bool{}
	for _, k := range order {
		n := count[k]
		if n == 0 || done[k] {
			continue
		}
		done[k] = true
		pair, paired := other(k)
		whole := paired && count[pair] == n
		if whole {
			done[pair] = true
		}
		if n > 0 && titles && whole && titleFormats[types[k.id]] {
			continue
		}
		name := codeName(k, types[k.id], whole)
		inSrc := srcCount[k]
		inTgt := inSrc - n
		switch {
		case n > 0 && inTgt == 0:
			// A code the translation gives another id, of the same kind.
			if e, ok := renamed(k, order, count, types, done); ok {
				problems = append(problems, phrase("qa.tags.renamed", "%s has the id %s in the translation, which the source does not have", name, e.id))
				continue
			}
			problems = append(problems, phrase("qa.tags.missing", "%s is missing", name))
		case n > 0:
			problems = append(problems, phrase("qa.tags.fewer", "%s is in the translation %s, in the source %s", name, times(inTgt), times(inSrc)))
		case inSrc == 0:
			problems = append(problems, phrase("qa.tags.extra", "%s is not in the source", name))
		case inSrc == 1 && inTgt == 2:
			problems = append(problems, phrase("qa.tags.repeated", "%s is repeated", name))
		default:
			problems = append(problems, phrase("qa.tags.more", "%s is repeated: %s in the translation, %s in the source", name, times(inTgt), times(inSrc)))
		}
	}
	if len(problems) > 0 {
		add("tags", Error, phrase("qa.tags.problems", "inline codes: %s", joined("qa.tags.and", "; ", problems)))
	}
}

// renamed finds the code that stands in the translation for the missing
// code k under another id: of the same run kind and type, not in the
// source, once. It marks it done.
func renamed(k codeKey, order []codeKey, count map[codeKey]int, types map[string]string, done map[codeKey]bool) (codeKey, bool) {
	if count[k] != 1 {
		return k, false
	}
	i := slices.IndexFunc(order, func(e codeKey) bool {
		return !done[e] && e.kind == k.kind && count[e] == -1 && types[e.id] == types[k.id]
	})
	if i < 0 {
		return k, false
	}
	e := order[i]
	done[e] = true
	if pair, ok := map[interchange.RunKind]interchange.RunKind{interchange.Open: interchange.Close, interchange.Close: interchange.Open}[e.kind]; ok {
		done[codeKey{pair, e.id}] = true
	}
	return e, true
}

// spanningPairs returns the ids of the pairs of codes that the source of
// a unit opens in one segment and closes in another: a translator may
// move such a pair into one segment, so they are checked over the whole
// unit, not per segment.
func spanningPairs(u interchange.Unit) map[string]bool {
	out := map[string]bool{}
	for _, s := range u.Segments {
		open := map[string]int{}
		for _, r := range s.Source.Codes() {
			switch r.Kind {
			case interchange.Open:
				open[r.ID]++
			case interchange.Close:
				if open[r.ID] == 0 {
					out[r.ID] = true
				} else {
					open[r.ID]--
				}
			}
		}
		for id, n := range open {
			if n > 0 {
				out[id] = true
			}
		}
	}
	return out
}

// checkSpanningPairs checks, over the whole unit, the pairs of codes that
// span segments in the source: the translation has each start and end as
// often as the source, and no end before its start.
func checkSpanningPairs(u interchange.Unit, ids map[string]bool, targets []interchange.Content, add addFunc) {
	var src, tgt interchange.Content
	for i, s := range u.Segments {
		src = append(src, s.Source...)
		tgt = append(tgt, targets[i]...)
	}
	keep := func(c interchange.Content) interchange.Content {
		return slices.DeleteFunc(slices.Clone(c), func(r interchange.Run) bool {
			return r.Kind != interchange.Open && r.Kind != interchange.Close || !ids[r.ID]
		})
	}
	checkTags(keep(src), keep(tgt), "", nil, add)
	open := map[string]int{}
	var early []Phrase
	for _, r := range keep(tgt) {
		switch r.Kind {
		case interchange.Open:
			open[r.ID]++
		case interchange.Close:
			if open[r.ID] == 0 {
				early = append(early, codeName(codeKey{r.Kind, r.ID}, r.Type, false))
			} else {
				open[r.ID]--
			}
		}
	}
	if len(early) > 0 {
		// In the order of their English names, as the command line
		// has always listed them.
		slices.SortFunc(early, func(a, b Phrase) int { return strings.Compare(a.String(), b.String()) })
		early = slices.CompactFunc(early, func(a, b Phrase) bool { return a.String() == b.String() })
		add("tags", Error, phrase("qa.tags.early", "inline codes: %s comes before its start", joined("qa.tags.list", ", ", early)))
	}
}
