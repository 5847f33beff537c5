package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/segment"
	"github.com/tandemforum/tandem/internal/textenc"
)

// segmentSynopsis is the usage line and the description of the input and
// output that `tandem segment -h` prints.
const segmentSynopsis = `segment --lang zh|ru|en [--rules FILE] [--srx FILE] [FILE]

Reads text (standard input without FILE) and writes one sentence a line.
With the built-in rules a sentence ends only at an end mark (. ! ? … 。！？)
or at a blank line, which ends a paragraph, or, in Russian, before a
capitalised connective ("Однако", "Несмотря") after a lower-case word, where
a heading without a stop runs into the text, or at the end of a heading or
caption line whose title has no stop ("Статья 1. Общие положения",
"Таблица {1}. Товарооборот", "表1。贸易额", one segment each); a line
break inside a sentence becomes a space (none between two Chinese
characters), and spaces within a line are kept, one for each run.
Paragraphs are written with one blank line between them, so 'tandem align
--split=false' pairs them as the text did. Sentences are numbered from 0 by
their lines, blank lines not counted: the numbers the links of 'tandem
align' give. Control characters, which TMX and XML 1.0 cannot carry, are
removed with a warning (FILE:LINE:COL) on standard error.`

// runSegment splits text into sentences, one a line, paragraphs apart:
//
//	tandem segment --lang zh|ru|en [--rules FILE] [--srx FILE] [FILE]
func runSegment(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("segment", segmentSynopsis)
	langFlag := fs.String("lang", "", "language of the text: zh, ru or en")
	rules := fs.String("rules", "", "a file of extra rules, one a line: \"never|number|end|unit|post ABBREVIATION\", \"starters Word...\", \"function-words word...\", \"date-words word...\", \"speech-verbs word...\", \"oblique-endings|nominative-endings|agreeing-endings ending...\", \"pair ABBREVIATION Word...\", \"labels Word...\", \"references|page-units|publisher-cities|editions Word...\"")
	srx := fs.String("srx", "", "segment with the rules of this SRX 2.0 file instead")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *langFlag == "" {
		return fmt.Errorf("%w: --lang is required", errUsage)
	}
	if fs.NArg() > 1 {
		return fmt.Errorf("%w: want at most one FILE", errUsage)
	}
	tag, _, err := lang.ParseWorked(*langFlag)
	if err != nil {
		return fmt.Errorf("%w: --lang %v", errUsage, err)
	}
	sp, err := splitterFor(env, tag, *rules, *srx)
	if err != nil {
		return err
	}
	name, text, err := readTextInput(env, fs.Arg(0))
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(text)) == "" {
		return fmt.Errorf("%s is empty or blank: there is no text to segment", name)
	}
	clean, warnings := dropControls(name, string(text))
	for _, w := range warnings {
		fmt.Fprintln(env.Stderr, w)
	}
	w := bufio.NewWriter(env.Stdout)
	for k, para := range segment.Paragraphs(sp, clean) {
		if k > 0 {
			w.WriteByte('\n')
		}
		for _, s := range para {
			// One segment a line: line breaks inside a sentence become
			// spaces, or nothing between Chinese characters.
			w.WriteString(segment.OneLine(s))
			w.WriteByte('\n')
		}
	}
	return w.Flush()
}

// splitterFor returns the built-in rules of lang, extended by a rule file,
// or the rules of an SRX file; what reading the file assumed goes to
// standard error.
func splitterFor(env *Env, lang, rulesFile, srxFile string) (segment.Splitter, error) {
	if srxFile != "" {
		f, err := os.Open(srxFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		s, err := segment.ReadSRX(f, srxFile)
		if err != nil {
			return nil, err
		}
		for _, w := range s.Warnings {
			fmt.Fprintln(env.Stderr, w)
		}
		return s.ForLanguage(lang)
	}
	r, err := segment.For(lang)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errUsage, err)
	}
	if rulesFile != "" {
		f, err := os.Open(rulesFile)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		if err := r.Read(f, rulesFile); err != nil {
			return nil, err
		}
		for _, w := range r.Warnings {
			fmt.Fprintln(env.Stderr, w)
		}
	}
	return r, nil
}

// readTextInput reads the named file, or standard input when name is empty
// or "-", as text in UTF-8 (by textenc.Decode: UTF-16 and the legacy
// encodings of Chinese and Russian are read too, the latter with a warning
// on standard error); it returns the name to use in messages.
func readTextInput(env *Env, name string) (string, []byte, error) {
	var b []byte
	var err error
	if name == "" || name == "-" {
		name = "standard input"
		b, err = io.ReadAll(env.Stdin)
	} else {
		b, err = os.ReadFile(name)
	}
	if err != nil {
		return name, nil, err
	}
	t, err := textenc.Decode(b)
	if err != nil {
		return name, nil, textenc.InFile(name, err)
	}
	for _, w := range t.Warnings {
		fmt.Fprintf(env.Stderr, "%s: warning: %s\n", name, w)
	}
	return name, t.Bytes, nil
}

// maxControlWarnings bounds the warnings about control characters, one a
// line, that a file gets; the rest are counted in one more line.
const maxControlWarnings = 10

// dropControls removes from text, read from the file name, the control
// characters, which are no text: the C0 controls but tab, line feed and
// carriage return, and the noncharacters U+FFFE and U+FFFF, which XML 1.0,
// and so TMX and XLIFF, cannot carry; DEL and the C1 controls, which it
// discourages (they are mostly Windows-1252 text misread as Latin-1). Those that are white space (vertical
// tab, form feed, next line) become a space, so that words stay apart. It
// returns the text and a warning for each line that held any,
// "NAME:LINE:COL: warning: ..." at the first of them, at most
// maxControlWarnings and a count of the rest.
func dropControls(name, text string) (string, []string) {
	if strings.IndexFunc(text, isXMLControl) < 0 {
		return text, nil
	}
	var b strings.Builder
	var warnings []string
	more := 0
	for n, line := range strings.SplitAfter(text, "\n") {
		col := 0
		first, count := rune(0), 0
		for i, c := range line {
			if !isXMLControl(c) {
				b.WriteRune(c)
				continue
			}
			if count == 0 {
				first, col = c, utf8.RuneCountInString(line[:i])+1
			}
			count++
			if unicode.IsSpace(c) {
				b.WriteByte(' ')
			}
		}
		switch {
		case count == 0:
		case len(warnings) == maxControlWarnings:
			more++
		default:
			what := fmt.Sprintf("control character U+%04X removed", first)
			if unicode.IsSpace(first) {
				what = fmt.Sprintf("control character U+%04X replaced by a space", first)
			}
			if count > 1 {
				what += fmt.Sprintf(", and %d more on the line", count-1)
			}
			why := "TMX and XML 1.0 cannot carry it"
			if first >= 0x7f && first <= 0x9f {
				why = "it is no text, and XML 1.0 discourages it"
			}
			warnings = append(warnings, fmt.Sprintf("%s:%d:%d: warning: %s: %s", name, n+1, col, what, why))
		}
	}
	if more > 0 {
		warnings = append(warnings, fmt.Sprintf("%s: warning: control characters removed from %d more lines", name, more))
	}
	return b.String(), warnings
}

// isXMLControl reports whether c is a control character XML 1.0 cannot
// carry or discourages (see dropControls); NUL aside, for textenc refuses
// text with NUL bytes.
func isXMLControl(c rune) bool {
	switch {
	case c == '\t' || c == '\n' || c == '\r':
		return false
	case c < 0x20, c >= 0x7f && c <= 0x9f, c == 0xfffe, c == 0xffff:
		return true
	}
	return false
}
