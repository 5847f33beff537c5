package qa

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/i18n"
)

// A Phrase is a message, or a part of one, in words: its catalog key
// (locales/qa.{lang}.json), its arguments, and its English text as a
// format for fmt.Sprintf, which String writes. Finding.Message is the
// String of a finding's phrase; Text writes the same in another language.
//
// An argument is one of:
//   - a string, written as it is: text quoted from a segment (with
//     strconv.Quote), a unit's id, a language tag;
//   - an int, a count, written as the language writes numbers; a phrase
//     whose message is plural in the catalog takes its count first;
//   - a Decimal;
//   - a Phrase, written in the language in turn.
type Phrase struct {
	Key     string
	Args    []any
	english string
}

// phrase returns the phrase of key, written in English by the format
// english with args.
func phrase(key, english string, args ...any) Phrase {
	return Phrase{Key: key, Args: args, english: english}
}

// String writes the phrase in English, as the command line shows it.
func (p Phrase) String() string { return fmt.Sprintf(p.english, p.Args...) }

// Text writes the phrase in the printer's language. A key the catalog
// lacks comes back as the key itself, as i18n.Printer.T does.
func (p Phrase) Text(t *i18n.Printer) string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		switch v := a.(type) {
		case Phrase:
			args[i] = v.Text(t)
		case Decimal:
			args[i] = v.in(t.Lang())
		default:
			args[i] = a
		}
	}
	if _, plural := t.Has(p.Key); plural && len(args) > 0 {
		if n, ok := args[0].(int); ok {
			return t.N(p.Key, n, args[1:]...)
		}
	}
	return t.T(p.Key, args...)
}

// A Decimal is a ratio written with one decimal: "2.5" in English and
// Chinese, "2,5" in Russian. English messages format it with %.1f.
type Decimal float64

func (d Decimal) in(lang string) string {
	s := strconv.FormatFloat(float64(d), 'f', 1, 64)
	if lang == "ru" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// joined returns the phrases ps as one, each pair joined by the phrase of
// key, written in English by sep: "a; b; c" for "%s; %s".
func joined(key, sep string, ps []Phrase) Phrase {
	if len(ps) == 0 {
		return Phrase{}
	}
	out := ps[0]
	for _, p := range ps[1:] {
		out = phrase(key, "%s"+sep+"%s", out, p)
	}
	return out
}

// Text writes the finding's message in the printer's language; the
// English text is Message.
func (f Finding) Text(t *i18n.Printer) string {
	if f.Key == "" {
		return f.Message
	}
	return Phrase{Key: f.Key, Args: f.Args}.Text(t)
}
