// Package qa checks translated segments for what a reviewer would catch:
// numbers that differ once read by value (package numeral: 2401亿 is 240,1
// млрд, 二十 is двадцать, 650 pounds is about 300 кг, 18.06.2021 is
// 2021年6月18日, 10 p.m. is 22:00, the list label 二、 is "2." and （三） is
// "в)") or differ in
// sign, per mille or currency, sentence counts, inline tags, end
// punctuation and quotation marks, punctuation of the wrong width,
// untranslated text, spacing (double spaces, spaces before a stop or
// beside a Chinese mark or after a Chinese list label, a space missing
// after a comma or around an inline code), changed web and e-mail
// addresses, length and
// terminology. It
// knows the conventions of zh, ru and en, so that correct translations
// raise no alarm: a check that cries wolf is worse than none. An error is
// what a translation must not be delivered with; a warning is worth a
// look.
package qa

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/segment"
	"golang.org/x/text/unicode/norm"
)

// Severity says whether a finding blocks delivery.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// A Finding is one problem in one segment.
type Finding struct {
	Unit, Segment string
	Check         string // short name: numbers, sentences, tags, …
	Severity      Severity
	// Message says what is wrong, in English, as `tandem qa` prints it.
	Message string
	// Key and Args are the same message for the catalog
	// (locales/qa.{lang}.json), as Text writes it in the reader's
	// language: Key is "qa.<check>.<what>", Args as a Phrase's.
	Key  string
	Args []any
}

func (f Finding) String() string {
	id := f.Unit
	if f.Segment != "" && f.Segment != f.Unit {
		id += "/" + f.Segment
	}
	return fmt.Sprintf("%s\t%s\t%s: %s", id, f.Check, f.Severity, f.Message)
}

// Checker runs the checks for one language pair.
type Checker struct {
	From, To string
	// Terms is the term list; nil skips the terminology check.
	Terms *interchange.Termbase
	from  string
	to    string
	segF  *segment.Rules
	segT  *segment.Rules
}

// NewChecker returns a checker for translations from one language into
// another: BCP 47 tags of zh, ru or en ("zh-CN", "ru"), checked with
// lang.CheckPair, so that a tag that is malformed, of a language tandem
// does not treat, or the same on both sides is an error.
func NewChecker(from, to string, terms *interchange.Termbase) (*Checker, error) {
	from, to, err := lang.CheckPair(from, to)
	if err != nil {
		return nil, err
	}
	c := &Checker{From: from, To: to, Terms: terms, from: lang.Base(from), to: lang.Base(to)}
	if c.segF, err = segment.Shared(from); err != nil {
		return nil, err
	}
	if c.segT, err = segment.Shared(to); err != nil {
		return nil, err
	}
	return c, nil
}

// lengthNorms is the median ratio of target to source characters (without
// spaces) per pair, measured on the NTREX news translations; 98% of
// segments fall within a factor of two of it.
var lengthNorms = map[[2]string]float64{
	{"zh", "ru"}: 2.86, {"zh", "en"}: 2.49, {"ru", "en"}: 0.88,
}

func (c *Checker) lengthNorm() (float64, bool) {
	if r, ok := lengthNorms[[2]string{c.from, c.to}]; ok {
		return r, true
	}
	if r, ok := lengthNorms[[2]string{c.to, c.from}]; ok {
		return 1 / r, true
	}
	return 0, false
}

// objectMark stands, in the text the checks read, for an inline code
// that occupies a place of its own: a field (a cross-reference, a page
// number), a footnote mark, an image, a line break, a bookmark. It is
// U+FFFC, the object replacement character, as in the translation memory.
const objectMark = '\uFFFC'

// textOf returns the text of c as the checks read it: each standalone code,
// and each pair of codes with nothing between them (a link around nothing,
// an empty bold span), is one objectMark where it stands, so that no check
// reads the words or marks on either side of a code as one ("см. <ph/>."
// is not "см. ." with a space before the stop, "<ph/> (с. <ph/>)" has no
// double space). The codes of a span of formatting around text are
// nothing: they show nothing, and may fall inside a word ("<b>Mos</b>cow").
func textOf(c interchange.Content) string {
	var b strings.Builder
	for i, r := range c {
		switch r.Kind {
		case interchange.Text:
			b.WriteString(r.Text)
		case interchange.Standalone:
			b.WriteRune(objectMark)
		case interchange.Open:
			if i+1 < len(c) && c[i+1].Kind == interchange.Close && c[i+1].ID == r.ID {
				b.WriteRune(objectMark)
			}
		}
	}
	return b.String()
}

// isObject reports whether r is an objectMark.
func isObject(r rune) bool { return r == objectMark }

// Segment checks one translated segment.
func (c *Checker) Segment(src, tgt interchange.Content) []Finding {
	return c.segment(src, tgt, segmentContext{})
}

// segmentContext is what File knows of a segment beyond its text.
type segmentContext struct {
	// spanning holds the ids of the pairs of codes that the source opens
	// in one segment and closes in another, checked over the unit.
	spanning map[string]bool
	// headingNumber is set for the unit that holds a heading's number
	// alone (its id ends in ".number").
	headingNumber bool
	// heading is set for the units of a title or a heading: the
	// document's title ("title"), a heading block ("h-…") and its number.
	heading bool
}

func (c *Checker) segment(src, tgt interchange.Content, ctx segmentContext) []Finding {
	var out []Finding
	add := func(check string, sev Severity, p Phrase) {
		out = append(out, finding(check, sev, p))
	}
	if strings.TrimSpace(tgt.Plain()) == "" {
		if strings.TrimSpace(src.Plain()) != "" {
			add("untranslated", Error, phrase("qa.untranslated.empty", "the segment has no translation"))
		}
		return out
	}
	s, t := textOf(src), textOf(tgt)
	if t == s && c.from != c.to && hasWords(s, c.from) {
		add("untranslated", Error, phrase("qa.untranslated.source", "the translation is the source text"))
		return out
	}
	if ctx.headingNumber || labelOnly(s) || labelOnly(t) {
		c.checkNumbers(lastLevel(s), lastLevel(t), add)
	} else {
		c.checkNumbers(s, t, add)
	}
	c.checkSentences(s, t, add)
	checkTags(src, tgt, c.to, ctx.spanning, add)
	c.checkEndPunctuation(s, t, add)
	c.checkQuotes(s, t, add)
	c.checkWidth(t, add)
	c.checkSpaces(s, t, add)
	c.checkGlued(src, tgt, s, t, add)
	c.checkAddresses(s, t, add)
	c.checkLength(s, t, ctx.heading, add)
	c.checkTerms(s, t, add)
	return out
}

// addFunc records a finding of a check.
type addFunc func(check string, sev Severity, p Phrase)

func finding(check string, sev Severity, p Phrase) Finding {
	return Finding{Check: check, Severity: sev, Message: p.String(), Key: p.Key, Args: p.Args}
}

// hasWords reports whether s has text that needs translating: Han
// characters in Chinese, a Cyrillic word in Russian, a lower-case word of
// three letters or more in English. Names, acronyms and numbers ("COVID-19",
// "Huawei Technologies Co., Ltd.") and web and e-mail addresses may stay as
// they are.
func hasWords(s, lang string) bool {
	for _, field := range strings.Fields(withoutAddresses(s)) {
		for _, w := range strings.FieldsFunc(field, func(r rune) bool { return !unicode.IsLetter(r) }) {
			c, _ := utf8.DecodeRuneInString(w)
			switch {
			case lang == "zh" && unicode.Is(unicode.Han, c):
				return true
			case lang == "ru" && unicode.Is(unicode.Cyrillic, c) && utf8.RuneCountInString(w) >= 2:
				return true
			case lang != "zh" && lang != "ru" && utf8.RuneCountInString(w) >= 3 && unicode.IsLower(c):
				return true
			}
		}
	}
	return false
}

// baseLang returns the language of a BCP 47 tag, in lower case: "zh" of
// "zh-CN".
func baseLang(lang string) string {
	lang = strings.ToLower(lang)
	if k := strings.IndexAny(lang, "-_"); k > 0 {
		lang = lang[:k]
	}
	return lang
}

func isHan(c rune) bool { return unicode.Is(unicode.Han, c) }

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// hasLetter reports whether s has a letter of any script.
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

// checkSentences compares the sentences of source and translation.
// Boundaries a segmenter may or may not make (after "г.", an initial, a
// unit; inside quotation marks) count either way, so the check does not
// depend on how the segmenter decides them. A translation may split a
// sentence at its clauses, and may join sentences with a semicolon, or in
// Chinese with a comma; both pass. Beyond that, professional translators
// still join and split sentences (three in a hundred of the NTREX news
// sentences from Chinese into Russian), so a difference is a warning; it
// is an error when the translation is also less than half its usual
// length, where a sentence has likely been left out.
func (c *Checker) checkSentences(s, t string, add addFunc) {
	// A source mostly in the target's script (a Russian quotation kept
	// in a Chinese text) is cut by the rules of that language.
	segF, from := c.segF, c.from
	if inScript(s, c.to) > 0.5 {
		segF, from = c.segT, c.to
	}
	cs, ct := countSentences(segF, s, from), countSentences(c.segT, t, c.to)
	// A list label whose number is a code, （<ph/>）, is one item however
	// each language writes it (б.<ph/>.), though it has no word.
	one := sentenceCount{1, 1, 1, 1}
	if codesAndMarks(s) {
		cs = one
	}
	if codesAndMarks(t) {
		ct = one
	}
	counts := phrase("qa.sentences.count", "%d sentences in the source, %d in the translation", cs.n, ct.n)
	if cs.n == 1 {
		counts.english = "%d sentence in the source, %d in the translation"
	}
	switch {
	case cs.min > ct.joined:
		sev := Warning
		if c.relLength(s, t) < 0.5 {
			sev = Error
		}
		add("sentences", sev, counts)
	case ct.min > cs.split:
		add("sentences", Warning, counts)
	}
}

// codesAndMarks reports whether s has inline codes and, besides them,
// no letter or digit: a list label whose number is a code, （<ph/>）.
func codesAndMarks(s string) bool {
	return strings.ContainsRune(s, objectMark) && strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0
}

func dedupe(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

func langName(l string) string {
	return map[string]string{"ru": "Russian", "en": "English", "zh": "Chinese"}[l]
}

// checkLength compares the lengths of source and translation with the
// usual ratio of the pair. What both sides write alike (numbers, names and
// addresses in Latin script) is left out of both counts: a long address in
// a short Chinese sentence would otherwise make any translation look short.
// A long segment may stray from the usual ratio by a factor of 2.5 (98 %
// of the NTREX sentences stay within 2); a short one, or a title or
// heading, by a factor of 4, since one word's rendering weighs more in it
// and titles are condensed by convention ("Российско-китайское
// сотрудничество в энергетике" is 中俄能源合作).
func (c *Checker) checkLength(s, t string, heading bool, add addFunc) {
	norm, ok := c.lengthNorm()
	if !ok {
		return
	}
	// A very short source gives no ratio to trust at all: one
	// abbreviation (国内生产总值 is ВВП) or one term explained (一带一路)
	// doubles or halves it. Fifteen Chinese characters are about forty
	// Russian or English ones, twenty about fifty.
	short, long := 40, 50
	if c.from == "zh" {
		short, long = 15, 20
	}
	n := c.lengthCount(s, t)
	if n < short || inScript(s, c.to) > 0.5 {
		return
	}
	tolerance := 2.5
	if heading || n < long {
		tolerance = 4
	}
	ratio := c.relLength(s, t) * norm
	if ratio > norm*tolerance || ratio < norm/tolerance {
		add("length", Warning, phrase("qa.length.ratio", "the translation is %.1f times as long as the source; %.1f is usual for %s→%s", Decimal(ratio), Decimal(norm), c.from, c.to))
	}
}

// isHeadingUnit reports whether a unit, by the identifier tandem gives it
// (see interchange's documentTexts), holds a title or a heading: the
// document's title ("title", "title.2") or a heading block ("h-oxbgxbkj",
// "h-oxbgxbkj-2") with its parts.
func isHeadingUnit(id string) bool {
	return id == "title" || strings.HasPrefix(id, "title.") || strings.HasPrefix(id, "h-")
}

// inScript returns the share of the letters of s that are in the script
// of lang (Han for zh, Cyrillic for ru, Latin otherwise): a source
// mostly in the target's script (a Russian quotation in a Chinese text)
// is kept, not translated, and has no usual length ratio.
func inScript(s, lang string) float64 {
	script := unicode.Latin
	switch lang {
	case "zh":
		script = unicode.Han
	case "ru":
		script = unicode.Cyrillic
	}
	letters, in := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(script, r) {
				in++
			}
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(in) / float64(letters)
}

// lengthCount counts the characters of x other than spaces and inline
// codes, leaving out
// its web and e-mail addresses, which are not translated, and what it
// shares with y (numbers, names in Latin script).
func (c *Checker) lengthCount(x, y string) int {
	x, y = withoutAddresses(x), withoutAddresses(y)
	shared := sharedTokens(x, y)
	n := 0
	for _, f := range asciiRuns(x) {
		if shared[f.text] {
			n -= utf8.RuneCountInString(f.text)
		}
	}
	for _, r := range x {
		if !unicode.IsSpace(r) && !isObject(r) {
			n++
		}
	}
	return n
}

// relLength is the length of t against the length of s, as a share of the
// usual ratio of the pair: 1 for a translation of the usual length.
func (c *Checker) relLength(s, t string) float64 {
	norm, ok := c.lengthNorm()
	if !ok {
		return 1
	}
	return float64(c.lengthCount(t, s)) / math.Max(float64(c.lengthCount(s, t)), 1) / norm
}

type run struct{ text string }

// asciiRuns returns the runs of printable ASCII other than spaces: numbers,
// words in Latin script, addresses.
func asciiRuns(s string) []run {
	var out []run
	start := -1
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] > ' ' && s[i] < 0x7f {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = append(out, run{strings.TrimRight(s[start:i], ".,;:!?)")})
			start = -1
		}
	}
	return out
}

// sharedTokens returns the ASCII runs that both texts have.
func sharedTokens(s, t string) map[string]bool {
	inS := map[string]bool{}
	for _, r := range asciiRuns(s) {
		inS[r.text] = true
	}
	out := map[string]bool{}
	for _, r := range asciiRuns(t) {
		if inS[r.text] && r.text != "" {
			out[r.text] = true
		}
	}
	return out
}

// File checks every translated segment of an XLIFF file, and the
// consistency of the whole: the same source translated differently, and
// different sources translated by the same sentence (a translation pasted
// twice). Texts are compared after NFKC and with runs of spaces as one, so
// that a no-break space or a full-width comma is no difference; short
// translations may stand for several sources (是 and 对 are both "Да";
// 中俄关系 and 俄中关系 are both "российско-китайские отношения").
// Segments in state new are reported as untranslated, but for those
// whose source has no letter (a number, a time, codes alone) and reads
// alike in the target language, which are their own translation.
// Segments the file
// marks not to be translated (translate="no") are not checked, but for a
// warning when their target is not their source.
func (c *Checker) File(x *interchange.XLIFF) []Finding {
	var out []Finding
	type seen struct{ unit, seg, text string }
	bySource := map[string]seen{}
	byTarget := map[string]seen{}
	for _, u := range x.Units() {
		ctx := segmentContext{spanning: spanningPairs(u), headingNumber: strings.HasSuffix(u.ID, ".number")}
		ctx.heading = ctx.headingNumber || isHeadingUnit(u.ID)
		targets := make([]interchange.Content, len(u.Segments))
		complete := true
		for i, s := range u.Segments {
			targets[i] = s.Target
			if s.NoTranslate {
				if t := comparable(textOf(s.Target)); t != "" && t != comparable(textOf(s.Source)) {
					f := finding("translate-no", Warning, phrase("qa.translate_no.changed", `the file marks the segment not to be translated (translate="no"), but its target differs from the source`))
					f.Unit, f.Segment = u.ID, s.ID
					out = append(out, f)
				}
				continue
			}
			tgt := s.Target
			if s.State == interchange.New {
				tgt = nil
				if !hasLetter(textOf(s.Source)) && len(c.Segment(s.Source, s.Source)) == 0 {
					// A number, a time or a code alone ("2001",
					// "15:30") is its own translation, if the target
					// language reads it alike ("10,7" is not 10.7
					// in English).
					tgt = s.Source
				}
			}
			targets[i] = tgt
			complete = complete && (strings.TrimSpace(tgt.Plain()) != "" || strings.TrimSpace(s.Source.Plain()) == "")
			for _, f := range c.segment(s.Source, tgt, ctx) {
				f.Unit, f.Segment = u.ID, s.ID
				out = append(out, f)
			}
			src, t := comparable(textOf(s.Source)), comparable(textOf(tgt))
			if t == "" || src == "" {
				continue
			}
			if prev, ok := bySource[src]; ok && prev.text != t {
				f := finding("consistency", Warning, phrase("qa.consistency.source", "the same source is translated differently in %s", prev.unit))
				f.Unit, f.Segment = u.ID, s.ID
				out = append(out, f)
			} else if !ok {
				bySource[src] = seen{u.ID, s.ID, t}
			}
			if !sentenceLike(t, c.to) {
				continue
			}
			if prev, ok := byTarget[t]; ok && prev.text != src {
				f := finding("consistency", Warning, phrase("qa.consistency.target", "the same translation stands for a different source in %s", prev.unit))
				f.Unit, f.Segment = u.ID, s.ID
				out = append(out, f)
			} else if !ok {
				byTarget[t] = seen{u.ID, s.ID, src}
			}
		}
		// Pairs of codes that span segments are checked once the unit is
		// read, unless a segment is left untranslated, which is its own
		// finding.
		if len(ctx.spanning) > 0 && complete {
			checkSpanningPairs(u, ctx.spanning, targets, func(check string, sev Severity, p Phrase) {
				f := finding(check, sev, p)
				f.Unit = u.ID
				out = append(out, f)
			})
		}
	}
	return out
}

// lastLevel returns the last level of a heading number of several
// levels, "1.1." → "1.", which is the number of the heading the source
// numbers by itself: a document whose Chinese headings count （一） under
// 一、 may be numbered 1.1. in its translation. Other text is returned as
// it is.
func lastLevel(t string) string {
	core := strings.TrimRight(strings.TrimSpace(t), ".．)")
	parts := strings.FieldsFunc(core, func(r rune) bool { return r == '.' || r == '．' })
	if len(parts) < 2 || strings.Count(core, ".")+strings.Count(core, "．") != len(parts)-1 {
		return t
	}
	for _, p := range parts {
		if p == "" || strings.IndexFunc(p, func(r rune) bool { return !(r >= '0' && r <= '9') && !isObject(r) }) >= 0 {
			return t
		}
	}
	return parts[len(parts)-1] + "."
}

// comparable returns s as File compares it: NFKC, with a space only where
// it parts two words of an alphabetic script, so that "1 000" and "1000",
// "开幕，代表" and "开幕, 代表" are the same.
func comparable(s string) string {
	rs := []rune(norm.NFKC.String(strings.TrimSpace(s)))
	var b strings.Builder
	word := func(r rune) bool { return unicode.IsLetter(r) && !isHan(r) }
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if prev, next := rs[i-1], rs[j]; word(prev) && (word(next) || unicode.IsDigit(next)) || unicode.IsDigit(prev) && word(next) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// sentenceLike reports whether s is long enough that two sources are
// unlikely to share it as their translation: four words, or eight Chinese
// characters.
func sentenceLike(s, lang string) bool {
	if lang == "zh" {
		return utf8.RuneCountInString(s) >= 8
	}
	return len(strings.Fields(s)) >= 4
}

// HasError reports whether any finding is an error.
func HasError(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}
