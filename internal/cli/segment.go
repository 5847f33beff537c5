package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/segment"
	"github.com/tandemforum/tandem/internal/textenc"
)

// runSegment splits text into sentences, one a line:
//
//	tandem segment --lang zh|ru|en [--rules FILE] [--srx FILE] [FILE]
func runSegment(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("segment", "segment --lang zh|ru|en [--rules FILE] [--srx FILE] [FILE]\n\nReads text (standard input without FILE) and writes one sentence a line; a blank line always ends a sentence.")
	langFlag := fs.String("lang", "", "language of the text: zh, ru or en")
	rules := fs.String("rules", "", "a file of extra rules, one a line: \"never|number|end ABBREVIATION\", \"starters Word...\", \"function-words word...\", \"date-words word...\", \"pair ABBREVIATION Word\"")
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
	w := bufio.NewWriter(env.Stdout)
	for _, s := range segment.Strings(sp, string(text)) {
		// One segment a line: line breaks inside a sentence become
		// spaces, or nothing between Chinese characters.
		w.WriteString(segment.OneLine(s))
		w.WriteByte('\n')
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
