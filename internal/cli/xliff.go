package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
)

// runXLIFF exchanges documents with desktop CAT tools:
//
//	tandem xliff export --from zh --to ru [--xliff 1.2|2.1] FILE
//	tandem xliff import [--to html|markdown|docx] [-o OUT] SOURCE TRANSLATED.xlf
func runXLIFF(ctx context.Context, env *Env, args []string) error {
	const usage = "Usage:\n  tandem xliff export --from LANG --to LANG [--xliff 1.2|2.1] FILE.docx|FILE.md\n  tandem xliff import [--to html|markdown|docx] [-o OUT] SOURCE TRANSLATED.xlf\n"
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'export' or 'import'", errUsage)
	}
	switch args[0] {
	case "export":
		return inSubcommand("xliff export", runXLIFFExport(env, args[1:]))
	case "import":
		return inSubcommand("xliff import", runXLIFFImport(env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, usage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'export' or 'import')", errUsage, args[0])
}

func runXLIFFExport(env *Env, args []string) error {
	fs := env.newFlags("xliff export", "xliff export --from LANG --to LANG [--xliff 1.2|2.1] FILE.docx|FILE.md\n\nWrites an XLIFF file for translating the document to standard output: a unit per paragraph, a segment per sentence, the targets pre-filled with the source (as OmegaT needs).")
	from := fs.String("from", "", "language of the document (zh, ru, en)")
	to := fs.String("to", "", "language to translate into")
	version := fs.String("xliff", "1.2", "XLIFF version: 1.2 (OmegaT, Trados, memoQ) or 2.1")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return fmt.Errorf("%w: --from and --to are required", errUsage)
	}
	if *version != "1.2" && *version != "2.1" {
		return fmt.Errorf("%w: --xliff %q: want 1.2 or 2.1", errUsage, *version)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one FILE", errUsage)
	}
	src, tgt, err := lang.CheckPair(*from, *to)
	if err != nil {
		return fmt.Errorf("--from %s --to %s: %w", *from, *to, err)
	}
	d, err := readManuscript(fs.Arg(0), src)
	if err != nil {
		return err
	}
	printDocWarnings(env, fs.Arg(0), d)
	if d.Lang != "" && lang.Base(d.Lang) != lang.Base(src) {
		fmt.Fprintf(env.Stderr, "%s: warning: the document is marked as %s, but --from says %s: segmented as %s\n", fs.Arg(0), d.Lang, src, src)
	}
	x, err := interchange.FromDocument(d, filepath.Base(fs.Arg(0)), src, tgt)
	if err != nil {
		return err
	}
	if len(x.Units()) == 0 {
		return fmt.Errorf("%s: the document has no text to translate", fs.Arg(0))
	}
	x.Version = *version
	w := bufio.NewWriter(env.Stdout)
	if err := interchange.WriteXLIFF(w, x); err != nil {
		return err
	}
	return w.Flush()
}

func runXLIFFImport(env *Env, args []string) error {
	fs := env.newFlags("xliff import", "xliff import [--to html|markdown|docx] [-o OUT] SOURCE TRANSLATED.xlf\n\nWrites the translated document, with the structure and formatting of SOURCE, to standard output or OUT.\nA DOCX keeps the styles, numbering, page setup, headers and footers of a DOCX SOURCE.")
	to := fs.String("to", "html", "output format: html, markdown or docx")
	out := fs.String("o", "", "write to this file instead of standard output (needed for docx on a terminal)")
	lang := fs.String("lang", "", "language of a Markdown SOURCE (the XLIFF file says it too)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to != "html" && *to != "markdown" && *to != "md" && *to != "docx" {
		return fmt.Errorf("%w: --to %q: want html, markdown or docx", errUsage, *to)
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("%w: want SOURCE and TRANSLATED.xlf", errUsage)
	}
	f, err := os.Open(fs.Arg(1))
	if err != nil {
		return err
	}
	defer f.Close()
	d, err := readTranslated(env, fs.Arg(0), f, fs.Arg(1), *lang)
	if err != nil {
		return err
	}
	if *to == "docx" || *out != "" {
		return writeTranslation(env, *to, *out, fs.Arg(0), d)
	}
	w := bufio.NewWriter(env.Stdout)
	switch *to {
	case "markdown", "md":
		err = doc.WriteMarkdown(w, d)
	default:
		err = doc.WriteHTML(w, d, doc.HTMLOptions{Standalone: true, Title: filepath.Base(fs.Arg(0))})
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

// readTranslated reads the XLIFF file xlf (called xlfName) and applies its
// translations to the manuscript source, whose language is lang or, when
// that is empty, the file's source language. It prints the warnings of
// both steps on standard error, and refuses a file that translates
// nothing.
func readTranslated(env *Env, source string, xlf io.Reader, xlfName, srcLang string) (*doc.Document, error) {
	x, err := interchange.ReadXLIFF(xlf, xlfName)
	if err != nil {
		return nil, err
	}
	printWarnings(env, x.Warnings)
	if srcLang == "" {
		srcLang = x.SrcLang
	} else if srcLang, err = lang.ParseTag(srcLang); err != nil {
		return nil, fmt.Errorf("%w: --lang: %v", errUsage, err)
	}
	d, err := readManuscript(source, srcLang)
	if err != nil {
		return nil, err
	}
	printDocWarnings(env, source, d)
	res, err := interchange.ApplyTranslation(d, x)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", xlfName, err)
	}
	printWarnings(env, res.Warnings)
	if len(res.Kept) > 0 {
		fmt.Fprintf(env.Stderr, "%s: warning: %s not translated, kept in the source language: %s\n", xlfName, countNoun(len(res.Kept), "unit"), shortList(res.Kept))
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(env.Stderr, "%s: warning: %s of %s not in the file (was it made from another version?), kept in the source language: %s\n", xlfName, countNoun(len(res.Missing), "text"), source, shortList(res.Missing))
	}
	if res.Translated == 0 {
		return nil, fmt.Errorf("%s: no unit of the file is translated: nothing to import into %s", xlfName, source)
	}
	return d, nil
}

// printWarnings writes warnings about files read to standard error, one a
// line: "FILE:LINE: warning: MESSAGE".
func printWarnings(env *Env, ws []interchange.Warning) {
	for _, w := range ws {
		fmt.Fprintln(env.Stderr, w)
	}
}

func shortList(ids []string) string {
	if len(ids) > 5 {
		return strings.Join(ids[:5], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}
