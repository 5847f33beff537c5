package subtitle

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
)

// A Message is an error or a warning about a subtitle file or track: its
// catalog key (locales/subtitle.{lang}.json) and arguments, and where it
// is — a cue (its number and times) or a line of the file. String writes
// it in English, Text in a printer's language.
//
// An argument is a string (written as it is), an int (a count, written as
// the language writes numbers; a message that is plural in the catalog
// takes its count first), Seconds or a LangName.
type Message struct {
	Key  string
	Args []any
	// Warning is true for what a person may leave as it is (a cue shown
	// briefly, a long line), false for an error that keeps the file from
	// being taken.
	Warning bool
	// Cue is the cue's number (from 1), or 0 when the message is about the
	// file or a line of it; Start and End are the cue's times.
	Cue        int
	Start, End int64
	// Line is the line of the file (from 1), or 0.
	Line    int
	english string
}

// Seconds is a duration in milliseconds, written as seconds with one
// decimal ("0.8" in English and Chinese, "0,8" in Russian).
type Seconds int64

func (s Seconds) in(lang string) string {
	v := strconv.FormatFloat(float64(s)/1000, 'f', 1, 64)
	if lang == "ru" {
		v = strings.Replace(v, ".", ",", 1)
	}
	return v
}

// LangName is a language's tag ("zh") as an argument of a message, which
// writes the language's name in the reader's language ("китайский").
type LangName string

// englishNames are the names of the site's languages in English.
var englishNames = map[LangName]string{"zh": "Chinese", "ru": "Russian", "en": "English"}

func (l LangName) in(t *i18n.Printer) string {
	if t == nil {
		if n, ok := englishNames[LangName(lang.Base(string(l)))]; ok {
			return n
		}
		return string(l)
	}
	return t.T("lang.name." + lang.Base(string(l)))
}

func (m Message) where() string {
	switch {
	case m.Cue > 0:
		return fmt.Sprintf("cue %d (%s–%s): ", m.Cue, Timestamp(m.Start, '.'), Timestamp(m.End, '.'))
	case m.Line > 0:
		return fmt.Sprintf("line %d: ", m.Line)
	}
	return ""
}

// String writes the message in English, with where it is.
func (m Message) String() string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case Seconds:
			args[i] = v.in("en")
		case LangName:
			args[i] = v.in(nil)
		default:
			args[i] = a
		}
	}
	return m.where() + fmt.Sprintf(m.english, args...)
}

// Text writes the message in the printer's language, with the cue's
// number and times or the file's line. A key the catalog lacks comes back
// as the key itself, as i18n.Printer.T does.
func (m Message) Text(t *i18n.Printer) string {
	args := make([]any, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case Seconds:
			args[i] = v.in(t.Lang())
		case LangName:
			args[i] = v.in(t)
		default:
			args[i] = a
		}
	}
	var body string
	if _, plural := t.Has(m.Key); plural && len(args) > 0 {
		n, _ := args[0].(int)
		body = t.N(m.Key, n, args[1:]...)
	} else {
		body = t.T(m.Key, args...)
	}
	switch {
	case m.Cue > 0:
		return t.T("subtitle.at.cue", m.Cue, Timestamp(m.Start, '.')+"–"+Timestamp(m.End, '.'), body)
	case m.Line > 0:
		return t.T("subtitle.at.line", m.Line, body)
	}
	return body
}

// cueMessage returns the error (or warning) of key about cue c.
func cueMessage(c Cue, warning bool, key, english string, args ...any) Message {
	return Message{Key: key, Args: args, Warning: warning, Cue: c.Index, Start: c.Start, End: c.End, english: english}
}

// lineMessage returns the error of key about line n of the file.
func lineMessage(n int, key, english string, args ...any) Message {
	return Message{Key: key, Args: args, Line: n, english: english}
}

// Errors is the errors that keep a file from being read, in the order of
// the file.
type Errors []Message

func (e Errors) Error() string {
	s := make([]string, len(e))
	for i, m := range e {
		s[i] = m.String()
	}
	return strings.Join(s, "; ")
}

// HasErrors reports whether ms holds an error, not only warnings.
func HasErrors(ms []Message) bool {
	for _, m := range ms {
		if !m.Warning {
			return true
		}
	}
	return false
}

// Shown is how many messages of one kind (one key) a list for people
// shows; Texts counts the rest.
const Shown = 20

// Texts writes ms in the printer's language (Text) for a list a person
// reads: of each kind of message (its key), the first Shown in their
// places, then, after the last of them, how many more of that kind there
// are. A file with thousands of cues past the end of the video says so in
// a few lines, not in thousands.
func Texts(t *i18n.Printer, ms []Message) []string {
	count := map[string]int{}
	for _, m := range ms {
		count[m.Key]++
	}
	seen := map[string]int{}
	var out []string
	for _, m := range ms {
		seen[m.Key]++
		switch n := seen[m.Key]; {
		case n < Shown || n == Shown && count[m.Key] == Shown:
			out = append(out, m.Text(t))
		case n == Shown:
			more := "subtitle.more"
			switch {
			case m.Cue > 0:
				more = "subtitle.more.cues"
			case m.Line > 0:
				more = "subtitle.more.lines"
			}
			out = append(out, m.Text(t), t.N(more, count[m.Key]-Shown))
		}
	}
	return out
}
