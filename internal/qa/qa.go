// Package qa checks translated segments for what a reviewer would catch:
// numbers that differ once normalised (2401亿 is 240,1 млрд), sentence
// counts, inline tags, end punctuation and quotation marks, punctuation of
// the wrong width, untranslated text, spacing, length and terminology. It
// knows the conventions of zh, ru and en, so that correct translations
// raise no alarm.
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
	"github.com/tandemforum/tandem/internal/segment"
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
	Message       string
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
// another.
func NewChecker(from, to string, terms *interchange.Termbase) (*Checker, error) {
	c := &Checker{From: from, To: to, Terms: terms, from: baseLang(from), to: baseLang(to)}
	var err error
	if c.segF, err = segment.For(from); err != nil {
		return nil, err
	}
	if c.segT, err = segment.For(to); err != nil {
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
	if c.from == c.to {
		return 1, true
	}
	return 0, false
}

// Segment checks one translated segment.
func (c *Checker) Segment(src, tgt interchange.Content) []Finding {
	var out []Finding
	add := func(check string, sev Severity, format string, args ...any) {
		out = append(out, Finding{Check: check, Severity: sev, Message: fmt.Sprintf(format, args...)})
	}
	s, t := src.Plain(), tgt.Plain()
	if strings.TrimSpace(t) == "" {
		if strings.TrimSpace(s) != "" {
			add("untranslated", Error, "the segment has no translation")
		}
		return out
	}
	if t == s && c.from != c.to && hasWords(s, c.from) {
		add("untranslated", Error, "the translation is the source text")
		return out
	}
	c.checkNumbers(s, t, add)
	c.checkSentences(s, t, add)
	checkTags(src, tgt, add)
	c.checkEndPunctuation(s, t, add)
	c.checkQuotes(s, t, add)
	c.checkWidth(t, add)
	checkSpaces(s, t, add)
	c.checkLength(s, t, add)
	c.checkTerms(s, t, add)
	return out
}

type addFunc func(check string, sev Severity, format string, args ...any)

// hasWords reports whether s has text that needs translating: Han
// characters in Chinese, a Cyrillic word in Russian, a lower-case word of
// three letters or more in English. Names, acronyms and numbers ("COVID-19")
// may stay as they are.
func hasWords(s, lang string) bool {
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		c, _ := utf8.DecodeRuneInString(w)
		switch {
		case lang == "zh" && unicode.Is(unicode.Han, c):
			return true
		case lang == "ru" && unicode.Is(unicode.Cyrillic, c) && utf8.RuneCountInString(w) >= 2:
			return true
		case lang != "zh" && lang != "ru" && utf8.RuneCountInString(w) >= 3 && strings.ToUpper(w) != w:
			return true
		}
	}
	return false
}

func (c *Checker) checkNumbers(s, t string, add addFunc) {
	src, tgt := Numbers(s, c.from), Numbers(t, c.to)
	used := make([]bool, len(tgt))
	var missing []string
	for _, n := range src {
		if n.Spelled {
			continue
		}
		found := false
		for k, m := range tgt {
			if !used[k] && m.Value == n.Value {
				used[k], found = true, true
				break
			}
		}
		if !found {
			missing = append(missing, n.Text)
		}
	}
	var extra []string
	for k, m := range tgt {
		if used[k] || m.Spelled {
			continue
		}
		// A number the source spells out ("两国", "two") may be written
		// with digits in the translation.
		if slices.ContainsFunc(src, func(n Number) bool { return n.Spelled && n.Value == m.Value }) {
			continue
		}
		extra = append(extra, m.Text)
	}
	if len(missing) > 0 {
		add("numbers", Error, "%s in the source not found in the translation", quoteList(missing))
	}
	if len(extra) > 0 {
		add("numbers", Error, "%s in the translation not found in the source", quoteList(extra))
	}
}

func quoteList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

func (c *Checker) checkSentences(s, t string, add addFunc) {
	ns, nt := len(c.segF.Split(s)), len(c.segT.Split(t))
	if ns != nt {
		add("sentences", Error, "%d sentences in the source, %d in the translation", ns, nt)
	}
}

// checkTags compares inline codes by kind and id; their order may change.
func checkTags(src, tgt interchange.Content, add addFunc) {
	key := func(r interchange.Run) string {
		kind := map[interchange.RunKind]string{interchange.Open: "start", interchange.Close: "end", interchange.Standalone: "code"}[r.Kind]
		return kind + " " + r.ID
	}
	count := map[string]int{}
	for _, r := range src.Codes() {
		count[key(r)]++
	}
	for _, r := range tgt.Codes() {
		count[key(r)]--
	}
	var missing, extra []string
	for k, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, k)
		}
		for ; n < 0; n++ {
			extra = append(extra, k)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	if len(missing) > 0 {
		add("tags", Error, "inline codes missing in the translation: %s", strings.Join(missing, ", "))
	}
	if len(extra) > 0 {
		add("tags", Error, "inline codes not in the source: %s", strings.Join(extra, ", "))
	}
}

// endClass returns the kind of punctuation a text ends with, after closing
// quotes and brackets: "." "?" "!" "…" ":" ";" or "" for none, and the
// character itself.
func endClass(s string) (string, rune) {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	for {
		r, n := utf8.DecodeLastRuneInString(s)
		if n == 0 {
			return "", 0
		}
		if strings.ContainsRune("”’»」』）)]\"'》〉", r) {
			s = s[:len(s)-n]
			continue
		}
		switch r {
		case '.', '。', '．':
			if strings.HasSuffix(s, "...") {
				return "…", r
			}
			return ".", r
		case '?', '？':
			return "?", r
		case '!', '！':
			return "!", r
		case '…':
			return "…", r
		case ':', '：':
			return ":", r
		case ';', '；':
			return ";", r
		}
		return "", r
	}
}

// fullWidth reports whether punctuation r is a Chinese (full-width) mark.
func fullWidth(r rune) bool {
	return strings.ContainsRune("。，、；：？！（）“”‘’「」『』《》【】．", r)
}

func (c *Checker) checkEndPunctuation(s, t string, add addFunc) {
	sc, _ := endClass(s)
	tc, tr := endClass(t)
	if sc != tc {
		name := func(c string) string {
			if c == "" {
				return "no punctuation"
			}
			return strconv.Quote(c)
		}
		// "?!" and "!" and "…" against "." are different sentences types;
		// a question must stay a question.
		add("end-punctuation", Warning, "the source ends with %s, the translation with %s", name(sc), name(tc))
		return
	}
	if tc == "" || tc == "…" {
		return
	}
	if c.to == "zh" && !fullWidth(tr) {
		add("end-punctuation", Warning, "Chinese text should end with a full-width %q, not %q", fullWidthOf(tc), string(tr))
	}
	if c.to != "zh" && fullWidth(tr) {
		add("end-punctuation", Warning, "the translation ends with the Chinese mark %q", string(tr))
	}
}

func fullWidthOf(class string) string {
	return map[string]string{".": "。", "?": "？", "!": "！", ":": "：", ";": "；"}[class]
}

// quote marks by language: what opens a quotation.
func quoteOpeners(s string) (han, guillemet, curly, straight int) {
	for _, r := range s {
		switch r {
		case '「', '『':
			han++
		case '«', '„':
			guillemet++
		case '“':
			curly++
		case '"':
			straight++
		}
	}
	return
}

func (c *Checker) checkQuotes(s, t string, add addFunc) {
	sh, sg, sc, ss := quoteOpeners(s)
	th, tg, tc, ts := quoteOpeners(t)
	srcQuotes := sh+sg+sc+ss/2 > 0
	tgtQuotes := th+tg+tc+ts/2 > 0
	if srcQuotes && !tgtQuotes {
		add("quotes", Warning, "the source has a quotation, the translation has no quotation marks")
		return
	}
	switch c.to {
	case "ru":
		// «…» outside, „…“ inside; “…” alone is the English habit.
		if tg == 0 && (tc > 0 || ts > 0) {
			add("quotes", Warning, "Russian quotations take «…» (and „…“ inside them), not %s", firstOf(t, "“\""))
		}
	case "zh":
		if tg > 0 {
			add("quotes", Warning, "Chinese quotations take “…” or 「…」, not «…»")
		}
	case "en":
		if tg > 0 || th > 0 {
			add("quotes", Warning, "English quotations take “…” or \"…\", not «…» or 「…」")
		}
	}
}

func firstOf(s, set string) string {
	for _, r := range s {
		if strings.ContainsRune(set, r) {
			return string(r)
		}
	}
	return ""
}

// checkWidth flags ASCII punctuation between Chinese characters and
// full-width punctuation in Russian or English text.
func (c *Checker) checkWidth(t string, add addFunc) {
	if c.to == "zh" {
		rs := []rune(t)
		var bad []string
		for i, r := range rs {
			if !strings.ContainsRune(",.?!:;()", r) {
				continue
			}
			prevHan := i > 0 && unicode.Is(unicode.Han, rs[i-1])
			nextHan := i+1 < len(rs) && unicode.Is(unicode.Han, rs[i+1])
			// The final mark is the end-punctuation check's.
			if r == '(' && nextHan || r == ')' && prevHan || prevHan && nextHan && r != '(' {
				bad = append(bad, string(r))
			}
		}
		if len(bad) > 0 {
			add("punctuation-width", Warning, "ASCII punctuation %s in Chinese text; use full-width marks", quoteList(dedupe(bad)))
		}
		return
	}
	var bad []string
	for _, r := range t {
		if fullWidth(r) && r != '“' && r != '”' && r != '‘' && r != '’' {
			bad = append(bad, string(r))
		}
	}
	if len(bad) > 0 {
		add("punctuation-width", Warning, "full-width punctuation %s in %s text", quoteList(dedupe(bad)), langName(c.to))
	}
}

func dedupe(xs []string) []string {
	slices.Sort(xs)
	return slices.Compact(xs)
}

func langName(l string) string {
	return map[string]string{"ru": "Russian", "en": "English", "zh": "Chinese"}[l]
}

func checkSpaces(s, t string, add addFunc) {
	if strings.Contains(t, "  ") && !strings.Contains(s, "  ") {
		add("spaces", Warning, "double space in the translation")
	}
	lead := func(x string) bool { return x != strings.TrimLeftFunc(x, unicode.IsSpace) }
	trail := func(x string) bool { return x != strings.TrimRightFunc(x, unicode.IsSpace) }
	if lead(s) != lead(t) {
		add("spaces", Warning, "leading whitespace differs from the source")
	}
	if trail(s) != trail(t) {
		add("spaces", Warning, "trailing whitespace differs from the source")
	}
}

func (c *Checker) checkLength(s, t string, add addFunc) {
	norm, ok := c.lengthNorm()
	if !ok {
		return
	}
	count := func(x string) float64 {
		n := 0
		for _, r := range x {
			if !unicode.IsSpace(r) {
				n++
			}
		}
		return float64(n)
	}
	ls, lt := count(s), count(t)
	if ls < 10 && lt < 10*norm {
		return
	}
	ratio := lt / math.Max(ls, 1)
	if ratio > norm*2.5 || ratio < norm/2.5 {
		add("length", Warning, "the translation is %.1f times as long as the source; %.1f is usual for %s→%s", ratio, norm, c.from, c.to)
	}
}

// checkTerms expects, for each term of the list found in the source, one of
// its usable translations in the target, matched by stem so that every
// case form counts; it also flags deprecated and forbidden terms.
func (c *Checker) checkTerms(s, t string, add addFunc) {
	if c.Terms == nil {
		return
	}
	for _, concept := range c.Terms.Entries {
		var srcHit string
		for _, term := range concept.Terms {
			if baseLang(term.Lang) == c.from && term.Status != interchange.Forbidden && segment.ContainsTerm(s, term.Text, c.from) {
				srcHit = term.Text
				break
			}
		}
		for _, term := range concept.Terms {
			if baseLang(term.Lang) != c.to || (term.Status != interchange.Deprecated && term.Status != interchange.Forbidden) {
				continue
			}
			if segment.ContainsTerm(t, term.Text, c.to) {
				add("terminology", Error, "%q is a %s term", term.Text, term.Status)
			}
		}
		if srcHit == "" {
			continue
		}
		want := concept.In(c.To)
		if len(want) == 0 {
			continue
		}
		found := false
		for _, term := range want {
			if segment.ContainsTerm(t, term.Text, c.to) {
				found = true
				break
			}
		}
		if !found {
			add("terminology", Error, "%q should be translated as %q", srcHit, want[0].Text)
		}
	}
}

// File checks every translated segment of an XLIFF file, and the
// consistency of the whole: the same source translated differently, and
// different sources translated the same way. Segments in state new are
// reported as untranslated.
func (c *Checker) File(x *interchange.XLIFF) []Finding {
	var out []Finding
	type seen struct{ unit, seg, text string }
	bySource := map[string]seen{}
	byTarget := map[string]seen{}
	for _, u := range x.Units() {
		for _, s := range u.Segments {
			tgt := s.Target
			if s.State == interchange.New {
				tgt = nil
			}
			for _, f := range c.Segment(s.Source, tgt) {
				f.Unit, f.Segment = u.ID, s.ID
				out = append(out, f)
			}
			src, t := strings.TrimSpace(s.Source.Plain()), strings.TrimSpace(tgt.Plain())
			if t == "" || src == "" {
				continue
			}
			if prev, ok := bySource[src]; ok && prev.text != t {
				out = append(out, Finding{Unit: u.ID, Segment: s.ID, Check: "consistency", Severity: Warning,
					Message: fmt.Sprintf("the same source is translated differently in %s", prev.unit)})
			} else if !ok {
				bySource[src] = seen{u.ID, s.ID, t}
			}
			if prev, ok := byTarget[t]; ok && prev.text != src {
				out = append(out, Finding{Unit: u.ID, Segment: s.ID, Check: "consistency", Severity: Warning,
					Message: fmt.Sprintf("the same translation stands for a different source in %s", prev.unit)})
			} else if !ok {
				byTarget[t] = seen{u.ID, s.ID, src}
			}
		}
	}
	return out
}

// HasError reports whether any finding is an error.
func HasError(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Severity == Error })
}
