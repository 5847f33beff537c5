package interchange

import (
	"errors"
	"fmt"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/textenc"
)

// A Warning is something odd in a file that a reader read anyway: what it
// skipped or assumed, and where. Readers return them with what they read
// (XLIFF.Warnings, TMX.Warnings, Termbase.Warnings) and translate.ApplyTranslation
// with what it applied; commands print each on a line of its own.
type Warning struct {
	File string
	// Line is the 1-based line of the element the warning is about, or 0
	// when it is about the whole file.
	Line int
	Msg  string
	// Lang is the language (a BCP 47 tag) of the terms the warning is
	// about, when it is about one language's ("" otherwise): a command
	// that uses two languages of a termbase may leave out the warnings
	// about the others.
	Lang string
}

// String formats the warning as commands print it: "FILE:LINE: warning:
// MESSAGE" ("FILE: warning: MESSAGE" without a line).
func (w Warning) String() string {
	if w.Line <= 0 {
		return fmt.Sprintf("%s: warning: %s", w.File, w.Msg)
	}
	return fmt.Sprintf("%s:%d: warning: %s", w.File, w.Line, w.Msg)
}

// writtenTag returns a language tag to be written in canonical form ("" for
// ""), or an error naming what it tags when it is not BCP 47: writers never
// write a tag unchecked.
func writtenTag(what, tag string) (string, error) {
	if tag == "" {
		return "", nil
	}
	t, err := lang.ParseTag(tag)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	return t, nil
}

// reading is the state a reader keeps for one file: its name for messages
// and the warnings found so far.
type reading struct {
	file     string
	warnings []Warning
}

func (rd *reading) warnLine(line int, format string, args ...any) {
	rd.warnings = append(rd.warnings, Warning{File: rd.file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// warnLang records a warning at node n about the terms of one language.
func (rd *reading) warnLang(n *node, tag, format string, args ...any) {
	rd.warnings = append(rd.warnings, Warning{File: rd.file, Line: n.line, Msg: fmt.Sprintf(format, args...), Lang: tag})
}

// warn records a warning at node n.
func (rd *reading) warn(n *node, format string, args ...any) {
	rd.warnLine(n.line, format, args...)
}

// withoutControls returns s without the control characters that no
// document may hold (lang.IsControl: C0 controls but tab, line feed and
// carriage return, DEL, C1 controls), which a translation file can carry
// (XML 1.0 allows DEL and the C1 controls, a TSV file anything) and
// writers would put out raw. Each text that had some is a warning at line,
// naming the text's place (what: `unit "p-1"`) and the characters.
func (rd *reading) withoutControls(line int, what, s string) string {
	if !strings.ContainsFunc(s, lang.IsControl) {
		return s
	}
	var found []string
	seen := map[rune]bool{}
	out := strings.Map(func(r rune) rune {
		if !lang.IsControl(r) {
			return r
		}
		if !seen[r] {
			seen[r] = true
			found = append(found, fmt.Sprintf("U+%04X", r))
		}
		return -1
	}, s)
	rd.warnLine(line, "%s: control character %s, which no document can hold: dropped", what, strings.Join(found, ", "))
	return out
}

// errAt returns an error at node n.
func (rd *reading) errAt(n *node, format string, args ...any) error {
	return errAt(rd.file, n, format, args...)
}

// decodeError turns an error of package textenc into an *Error for file,
// naming what a file that is not text is instead of what: "this is a PDF
// document, not a TMX file".
func decodeError(file, what string, err error) error {
	var e *textenc.Error
	if !errors.As(err, &e) {
		return fmt.Errorf("%s: %w", file, err)
	}
	msg := e.Msg
	if e.Found != "" && e.Found != "a binary file" {
		msg = fmt.Sprintf("this is %s, not %s", e.Found, what)
	}
	return &Error{File: file, Line: e.Line, Col: e.Col, Msg: msg}
}

// excerpt quotes the start of a piece of text found where it should not
// be.
func excerpt(s string) string { return textenc.Excerpt(s) }
