package segment

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/textenc"
)

// Kind says when an abbreviation may end a sentence.
type Kind int

const (
	// Never: the abbreviation never ends a sentence ("проф. Иванов").
	Never Kind = iota
	// AfterNumber: after a number it ends a sentence before a capital
	// letter ("в 2023 г. Следующая"); elsewhere it never does ("г. Москва").
	AfterNumber
	// MayEnd: it ends a sentence before a capital letter only ("и т. д. В").
	MayEnd
	// Unit: a unit of measure that the language writes without a stop
	// ("5 км", "3 кг"), so a stop after it is the sentence's own: after a
	// number, or for a unit of two letters or more anywhere, it ends the
	// sentence before a capital letter ("Расстояние 5 км. Дорога плохая").
	Unit
	// Postfix: it follows what it names or qualifies ("Московская обл.",
	// "Невский просп.", "Baker St.", "9 a.m."), so it may end a sentence,
	// but only before a capitalised word that begins sentences, a starter
	// or a function word ("…Московской обл. Там тихо", "at 9 a.m. The
	// talks"); before a name it goes on ("ул. Мира", "St. Louis", "9 a.m.
	// Moscow time").
	Postfix
)

var kindNames = map[string]Kind{"never": Never, "number": AfterNumber, "end": MayEnd, "unit": Unit, "post": Postfix}

// String returns the name of the kind as written in rule files.
func (k Kind) String() string {
	for n, v := range kindNames {
		if v == k {
			return n
		}
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Abbreviation is one entry of a language's abbreviation list.
type Abbreviation struct {
	Text string // as written, e.g. "т. е."
	Kind Kind
}

// Rules are the sentence rules of one language. The zero value is not
// usable; get rules with For and extend them with Add or Read.
type Rules struct {
	Lang string
	cjk  bool
	// abbrevs maps an abbreviation's compact form (lower case, no spaces)
	// to its entry.
	abbrevs map[string]Abbreviation
	maxLen  int // longest compact form, in runes
	// wordFinal holds letters that end full words but never abbreviations.
	wordFinal string
	// starters are capitalised words that only start sentences: after
	// an initial or an abbreviation that may end a sentence, one of them
	// begins the next. Without a stop they make no break.
	starters map[string]bool
	// openers are capitalised words that begin a sentence even where no
	// stop ends the one before (see openerBreaks); only for languages
	// whose titles are quoted, not capitalised word by word.
	openers map[string]bool
	// labels are the words of caption and heading labels, lower case,
	// with an abbreviation's stop ("таблица", "рис.", "表"): before a
	// number, a letter and a number ("Приложение А") or a placeholder, and
	// a stop, they begin a line that is one segment with its title (see
	// headingLabel).
	labels map[string]bool
	// ordinals are the caption and heading labels of the rules that wrap
	// their number, a prefix and a counter ("第…条": 第一条, 第3章), as
	// written in a "labels" line with "…" for the number.
	ordinals [][2]string
	// function holds words of closed classes (prepositions, pronouns,
	// conjunctions, articles), lower case: capitalised after a stop, they
	// begin a sentence, for they are never a surname after an initial.
	function map[string]bool
	// dateWords are the lower-case words of a date or time phrase before a
	// number: prepositions, months, parts of a period ("в ночь на 16 июля").
	dateWords map[string]bool
	// speechVerbs are the lower-case verbs of a reporting clause ("said",
	// "спросила"): after a quoted question or exclamation, a capitalised
	// name or pronoun and one of them continue the sentence ("Why?" Anna
	// asked).
	speechVerbs map[string]bool
	// pairs holds, per abbreviation (compact form), the words that it is
	// never parted from ("долл. США").
	pairs map[string]map[string]bool
	// endings hold, per lower-case word ending, the case a capitalised
	// word with that ending is read in after an abbreviation that follows
	// a number (see continues): oblique ("в 1147 г. Юрием"), nominative
	// (overriding a shorter oblique ending: "Совнарком", "Объём"), or
	// oblique only when the next word is oblique too ("Государственной
	// Думой", but "Большой театр"). The longest ending wins.
	endings   map[string]wordCase
	endingMax int // longest ending, in runes
	// adverbEndings are lower-case endings of adverbs that look like an
	// adjective in an oblique case ("недорого", "строго"): such a word
	// that makes a sentence on its own ("Недорого.") is no complement of
	// the sentence before (see continues).
	adverbEndings []string
	// refDesignations are the lower-case designations of a bibliographic
	// reference before a number, with their stop ("т.", "вып.", "№",
	// "vol.", "pp."); pageUnits the words after a number of pages ("с.",
	// "p."); pubCities the cities of publication written short before a
	// colon ("м.", "спб."). With them a fragment that is only a year, a
	// number or pages ("2002.", "№ 6.", "С. 3–8.") goes on with the
	// reference before it (see referenceBreaks). editionWords are the
	// lower-case words of an edition statement besides its ordinal
	// ("изд.", "перераб.", "и"; "ed.", "rev.", "and"): "2-е изд., перераб.
	// и доп." and "2nd ed." are elements of a reference too.
	refDesignations, pageUnits, pubCities, editionWords map[string]bool
	// Warnings lists what Read assumed in the rule files it read, one
	// line each, "FILE: warning: MESSAGE": an encoding guessed for a
	// file that is not UTF-8.
	Warnings []string
}

//go:embed rules/*.txt
var builtin embed.FS

// Languages lists the languages with built-in rules.
var Languages = []string{"en", "ru", "zh"}

// For returns a fresh copy of the built-in rules for lang ("zh", "ru",
// "en"; a region such as "zh-CN" is ignored).
func For(lang string) (*Rules, error) {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "-_"); i > 0 {
		base = base[:i]
	}
	r := &Rules{Lang: base, abbrevs: map[string]Abbreviation{}}
	switch base {
	case "zh", "ja":
		r.cjk = true
		base = "zh"
	case "ru", "en":
	default:
		return nil, fmt.Errorf("segment: no rules for language %q (have %s)", lang, strings.Join(Languages, ", "))
	}
	f, err := builtin.Open("rules/" + base + ".txt")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := r.Read(f, "rules/"+base+".txt"); err != nil {
		return nil, err
	}
	return r, nil
}

// shared holds the rules Shared has read, by language as given.
var shared sync.Map // string → *Rules

// Shared returns the built-in rules for lang as For does, read once per
// process and shared by every caller, for those that only split text (the
// QA checks of each workbench save, the aligner): the rules must not be
// changed with Add or Read. Split on them is safe from several goroutines
// at once, since splitting only reads the rules.
func Shared(lang string) (*Rules, error) {
	if r, ok := shared.Load(lang); ok {
		return r.(*Rules), nil
	}
	r, err := For(lang)
	if err != nil {
		return nil, err
	}
	got, _ := shared.LoadOrStore(lang, r)
	return got.(*Rules), nil
}

// MustFor is For for the built-in languages; it panics on others.
func MustFor(lang string) *Rules {
	r, err := For(lang)
	if err != nil {
		panic(err)
	}
	return r
}

// Add adds or replaces an abbreviation. It rejects text that is not an
// abbreviation ending in a full stop.
func (r *Rules) Add(a Abbreviation) error {
	key := compact(a.Text)
	if !strings.HasSuffix(key, ".") || key == "." {
		return fmt.Errorf("abbreviation %q must end with a full stop", a.Text)
	}
	for _, c := range key {
		if unicode.IsControl(c) {
			return fmt.Errorf("abbreviation %q has a control character", a.Text)
		}
	}
	if a.Kind < Never || a.Kind > Postfix {
		return fmt.Errorf("abbreviation %q: unknown kind %d", a.Text, a.Kind)
	}
	r.abbrevs[key] = a
	if n := utf8.RuneCountInString(key); n > r.maxLen {
		r.maxLen = n
	}
	return nil
}

// Abbreviations returns the rules' abbreviations sorted by text.
func (r *Rules) Abbreviations() []Abbreviation {
	out := make([]Abbreviation, 0, len(r.abbrevs))
	for _, a := range r.abbrevs {
		out = append(out, a)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Text < out[j].Text })
	return out
}

// Read adds the abbreviations of a rule file: one "KIND ABBREVIATION" a
// line, KIND being never, number, end, unit or post (see Kind); blank lines and
// lines starting with # are skipped. A line "word-final LETTERS" lists the
// letters that end full words but never abbreviations; a line "starters
// WORD..." lists capitalised words that begin sentences, so that after an
// initial or an abbreviation that may end one they begin the next ("Пушкин
// А.С. Однако"); a line "openers WORD..." lists capitalised words that
// begin a sentence even with no stop before them, after a lower-case word
// or a colon (for Russian, whose titles are quoted: "…пять направлений:
// Однако, автор"). Lines
// "oblique-endings", "nominative-endings" and "agreeing-endings", each with
// lower-case ENDING..., say how a capitalised word after a number and an
// abbreviation such as "г." is read: one in an oblique case continues the
// sentence ("в 1147 г. Юрием Долгоруким"), others begin a new one ("в 2001
// г. Россия"). A line "adverb-endings ENDING..." lists endings of adverbs
// that look like such an oblique word: one that makes a sentence on its
// own begins a new one ("Цена 5 руб. Недорого."). A line "labels WORD..."
// lists the words of caption and heading labels ("Таблица Рис. §", "表 图"):
// such a word, a number, a letter and a number or a placeholder, a stop and
// a title without a stop of its own make one segment at the start of a
// line ("Приложение А. Формы", "Таблица {1}. Товарооборот", "表1。贸易额"),
// and the stop after the number ends no sentence when a title with a stop
// of its own follows on the line ("Рис. 2. Схема. Источник: ФТС."). With a
// space, a colon or a dash in place of the stop ("Таблица 1 Товарооборот",
// "表1：贸易额", "Рисунок 1 — Схема") such a line is one segment too when the
// line before it ends a sentence and the line after it begins one. A
// label with "…" in it wraps its number, a prefix and a counter ("第…条"
// for 第一条, 第3条).
// A line "function-words WORD..." lists
// lower-case words of closed classes (prepositions, pronouns, articles) that,
// capitalised after an initial or an abbreviation, begin a new sentence
// ("Иванов И. И. В ней"). A line "date-words WORD..." lists the lower-case
// words of a date or time phrase that may open a sentence ("в ночь на 16
// июля 2001 г. Россия"). A line "speech-verbs word..." lists the lower-case
// verbs of a reporting clause: after a quoted question or exclamation, one
// or two capitalised words and one of them continue the sentence ("Why?"
// Anna asked; «Кто там?» — Маша спросила). A line "pair ABBREVIATION WORD..." keeps
// the abbreviation and any of the words after it in one sentence ("pair
// долл. США"); a lower-case word may follow a name of one or two
// capitalised words ("pair a.m. time": "9 a.m. Moscow time"). Lines
// "references WORD...", "page-units WORD..." and "publisher-cities
// WORD..." list, for bibliographic references, the designations before a
// number ("№ Т. Vol. Pp."), the words after a number of pages ("с. p.")
// and the cities of publication written short before a colon ("М. СПб."):
// a fragment after a stop on the same line that is only such elements or
// a year ("2002. № 6. С. 3–8.", "М.: Наука") goes on with the reference
// before it. The file is read by textenc.Decode: UTF-8 or UTF-16 with or
// without a byte-order mark, or Russian or Chinese in a legacy encoding
// (with a line in Warnings). name is used in error messages, which give
// the line and column.
func (r *Rules) Read(rd io.Reader, name string) error {
	data, err := io.ReadAll(rd)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	decoded, err := textenc.Decode(data)
	if err != nil {
		return textenc.InFile(name, err)
	}
	for _, w := range decoded.Warnings {
		r.Warnings = append(r.Warnings, name+": warning: "+w)
	}
	sc := bufio.NewScanner(bytes.NewReader(decoded.Bytes))
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		t := strings.TrimSpace(text)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		kw, abbr, ok := strings.Cut(t, " ")
		col := strings.Index(text, t) + 1
		if kw == "word-final" && ok {
			r.wordFinal = strings.ToLower(strings.TrimSpace(abbr))
			continue
		}
		if (kw == "starters" || kw == "openers") && ok {
			set := &r.starters
			if kw == "openers" {
				set = &r.openers
			}
			if *set == nil {
				*set = map[string]bool{}
			}
			for _, w := range strings.Fields(abbr) {
				if utf8.RuneCountInString(w) < 2 || !unicode.IsUpper(firstRune(w)) {
					return fmt.Errorf("%s:%d:%d: %s %q must be a capitalised word of two letters or more", name, line, col, strings.TrimSuffix(kw, "s"), w)
				}
				(*set)[w] = true
			}
			continue
		}
		if kw == "labels" && ok {
			if r.labels == nil {
				r.labels = map[string]bool{}
			}
			for _, w := range strings.Fields(abbr) {
				if pre, post, ok := strings.Cut(w, "…"); ok && labelWord(pre) && labelWord(post) && pre != "§" && post != "§" {
					r.ordinals = append(r.ordinals, [2]string{pre, post})
					continue
				}
				if !labelWord(w) {
					return fmt.Errorf("%s:%d:%d: label %q must be a capitalised word, possibly with a full stop, §, or a prefix and a counter around \"…\" (第…条)", name, line, col, w)
				}
				r.labels[strings.ToLower(w)] = true
			}
			continue
		}
		if kw == "adverb-endings" && ok {
			for _, e := range strings.Fields(abbr) {
				if !lowerWord(e) {
					return fmt.Errorf("%s:%d:%d: %s %q must be lower-case letters", name, line, col, kw, e)
				}
				r.adverbEndings = append(r.adverbEndings, e)
			}
			continue
		}
		if wc, isEnding := endingLines[kw]; isEnding && ok {
			if r.endings == nil {
				r.endings = map[string]wordCase{}
			}
			for _, e := range strings.Fields(abbr) {
				if !lowerWord(e) {
					return fmt.Errorf("%s:%d:%d: %s %q must be lower-case letters", name, line, col, kw, e)
				}
				r.endings[e] = wc
				r.endingMax = max(r.endingMax, utf8.RuneCountInString(e))
			}
			continue
		}
		if (kw == "references" || kw == "page-units" || kw == "publisher-cities" || kw == "editions") && ok {
			set := &r.refDesignations
			switch kw {
			case "page-units":
				set = &r.pageUnits
			case "publisher-cities":
				set = &r.pubCities
			case "editions":
				set = &r.editionWords
			}
			if *set == nil {
				*set = map[string]bool{}
			}
			for _, w := range strings.Fields(abbr) {
				if !unicode.IsLetter(firstRune(w)) && w != "№" && w != "§" {
					return fmt.Errorf("%s:%d:%d: %s %q must be a word, possibly with a full stop, № or §", name, line, col, kw, w)
				}
				(*set)[strings.ToLower(w)] = true
			}
			continue
		}
		if (kw == "function-words" || kw == "date-words" || kw == "speech-verbs") && ok {
			set := &r.function
			switch kw {
			case "date-words":
				set = &r.dateWords
			case "speech-verbs":
				set = &r.speechVerbs
			}
			if *set == nil {
				*set = map[string]bool{}
			}
			for _, w := range strings.Fields(abbr) {
				if !lowerWord(w) {
					return fmt.Errorf("%s:%d:%d: %s %q must be a word of lower-case letters", name, line, col, kw, w)
				}
				(*set)[w] = true
			}
			continue
		}
		if kw == "pair" && ok {
			// The abbreviation runs to the last word with a stop ("et
			// al."), the words follow it.
			f := strings.Fields(abbr)
			last := -1
			for k, w := range f {
				if strings.HasSuffix(w, ".") {
					last = k
				}
			}
			key := compact(strings.Join(f[:last+1], " "))
			if last < 0 || last == len(f)-1 || key == "." {
				return fmt.Errorf("%s:%d:%d: want \"pair ABBREVIATION. WORD...\", got %q", name, line, col, t)
			}
			if r.pairs == nil {
				r.pairs = map[string]map[string]bool{}
			}
			if r.pairs[key] == nil {
				r.pairs[key] = map[string]bool{}
			}
			for _, word := range f[last+1:] {
				if strings.ContainsRune(word, '.') {
					return fmt.Errorf("%s:%d:%d: want \"pair ABBREVIATION. WORD...\", got %q", name, line, col, t)
				}
				r.pairs[key][word] = true
			}
			continue
		}
		kind, known := kindNames[kw]
		if !ok || !known {
			return fmt.Errorf("%s:%d:%d: want \"never|number|end|unit|post ABBREVIATION\", got %q", name, line, col, t)
		}
		if err := r.Add(Abbreviation{Text: strings.TrimSpace(abbr), Kind: kind}); err != nil {
			return fmt.Errorf("%s:%d:%d: %v", name, line, col+len(kw)+1, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return nil
}

// labelWord reports whether w can be a caption or heading label of a rule
// file: letters, capitalised if their script has case, and possibly a full
// stop after them ("Рис."); or "§".
func labelWord(w string) bool {
	if w == "§" {
		return true
	}
	w = strings.TrimSuffix(w, ".")
	for _, c := range w {
		if !unicode.IsLetter(c) {
			return false
		}
	}
	c := firstRune(w)
	return w != "" && (unicode.IsUpper(c) || !unicode.IsLower(c))
}

// wordCase is how a word's ending reads its case (see Rules.endings).
type wordCase int

const (
	oblique wordCase = iota + 1
	nominative
	agreeing
)

// endingLines maps the keywords of rule-file lines of word endings to the
// case they read.
var endingLines = map[string]wordCase{"oblique-endings": oblique, "nominative-endings": nominative, "agreeing-endings": agreeing}

// lowerWord reports whether w is a word of lower-case letters.
func lowerWord(w string) bool {
	for _, c := range w {
		if !unicode.IsLetter(c) || unicode.IsUpper(c) {
			return false
		}
	}
	return w != ""
}

// compact lower-cases s and removes its spaces: "Т. е." → "т.е.".
func compact(s string) string {
	var b strings.Builder
	for _, c := range s {
		if isSpace(c) {
			continue
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}

type matchedAbbrev struct {
	Abbreviation
	matched string // the text matched at the end of the sentence
}

// abbreviation finds the longest abbreviation that the sentence ends with,
// starting at a word boundary.
func (r *Rules) abbreviation(sentence string) (matchedAbbrev, bool) {
	// Walk back collecting non-space runes, up to the longest entry.
	var rev []rune
	var starts []int // byte offset in sentence of each collected rune
	i := len(sentence)
	for i > 0 && len(rev) < r.maxLen {
		c, n := utf8.DecodeLastRuneInString(sentence[:i])
		i -= n
		if isSpace(c) {
			continue
		}
		rev = append(rev, unicode.ToLower(c))
		starts = append(starts, i)
	}
	var best matchedAbbrev
	found := false
	var key []rune
	for k := range rev {
		key = append([]rune{rev[k]}, key...)
		a, ok := r.abbrevs[string(key)]
		if !ok {
			continue
		}
		start := starts[k]
		if start > 0 {
			prev, n := utf8.DecodeLastRuneInString(sentence[:start])
			if unicode.IsLetter(prev) || unicode.IsDigit(prev) {
				continue
			}
			// "А.С.": the "С." of a longer run of letters and stops
			// without spaces, which the list lacks, is no abbreviation.
			if before, _ := utf8.DecodeLastRuneInString(sentence[:start-n]); prev == '.' && unicode.IsLetter(before) {
				continue
			}
		}
		best = matchedAbbrev{a, sentence[start:]}
		found = true
	}
	return best, found
}
