package cli

import (
	"bufio"
	"context"
	"fmt"
	"github.com/tandemforum/tandem/internal/i18n"
	"os"
	"slices"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/qa"
)

// runQA checks the translations in an XLIFF file:
//
//	tandem qa [--terms FILE.tbx|FILE.tsv] FILE.xlf
//
// It prints one finding a line (unit id, check, message) and exits with
// status 1 when it found an error. A termbase must have at least one entry
// with terms in both languages of the file; a TSV glossary's columns are
// the file's source and target, unless its first line names their
// languages.
func runQA(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("qa", "qa [--terms FILE.tbx|FILE.tsv] FILE.xlf")
	terms := fs.String("terms", "", "a termbase (TBX) or glossary (TSV: source and target terms, or columns in the languages a first line names, such as \"zh<TAB>en\") to check terminology against")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one XLIFF FILE", errUsage)
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	x, err := interchange.ReadXLIFF(f, fs.Arg(0))
	if err != nil {
		return err
	}
	printWarnings(env, x.Warnings)
	if x.TgtLang == "" {
		return fmt.Errorf("%s: the file names no target language", fs.Arg(0))
	}
	if _, _, err := lang.CheckPair(x.SrcLang, x.TgtLang); err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	var tb *interchange.Termbase
	if *terms != "" {
		if tb, err = readTerms(*terms, x.SrcLang, x.TgtLang); err != nil {
			return err
		}
		printWarnings(env, pairWarnings(tb.Warnings, x.SrcLang, x.TgtLang))
		// A termbase with no entry in both languages would check nothing
		// and pass every file: refuse it, as align does.
		if !slices.ContainsFunc(tb.Entries, func(c interchange.Concept) bool {
			return len(c.In(x.SrcLang)) > 0 && len(c.In(x.TgtLang)) > 0
		}) {
			return fmt.Errorf("%s: no entry has terms in both %s and %s, so the termbase cannot check this translation", *terms, x.SrcLang, x.TgtLang)
		}
	}
	c, err := qa.NewChecker(x.SrcLang, x.TgtLang, tb)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	findings := c.File(x)
	w := bufio.NewWriter(env.Stdout)
	errors := 0
	for _, fd := range findings {
		fmt.Fprintln(w, fd)
		if fd.Severity == qa.Error {
			errors++
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if errors > 0 {
		return fmt.Errorf("%s: %s, %s", fs.Arg(0), i18n.Count(errors, "error", "errors"), i18n.Count(len(findings)-errors, "warning", "warnings"))
	}
	return nil
}
