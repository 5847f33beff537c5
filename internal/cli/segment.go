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
	sp, err := splitterFor(tag, *rules, *srx)
	if err != nil {
		return err
	}
	name, text, err := readTextInput(env, fs.Arg(0))
	if err != nil {
		return err
	}
	if err := segment.CheckText(text, name); err != nil {
		return err
	}
	if strings.TrimSpace(strings.TrimPrefix(string(text), "\ufeff")) == "" {
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
// or the rules of an SRX file.
func splitterFor(lang, rulesFile, srxFile string) (segment.Splitter, error) {
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
	}
	return r, nil
}

// readTextInput reads the named file, or standard input when name is empty or
// "-"; it returns the name to use in messages.
func readTextInput(env *Env, name string) (string, []byte, error) {
	if name == "" || name == "-" {
		b, err := io.ReadAll(env.Stdin)
		return "standard input", b, err
	}
	b, err := os.ReadFile(name)
	return name, b, err
}
