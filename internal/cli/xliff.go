package cli

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
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
		return runXLIFFExport(env, args[1:])
	case "import":
		return runXLIFFImport(env, args[1:])
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
	if err := parseInterspersed(fs, args); err != nil {
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
	d, err := readManuscript(fs.Arg(0), *from)
	if err != nil {
		return err
	}
	x, err := interchange.FromDocument(d, filepath.Base(fs.Arg(0)), *from, *to)
	if err != nil {
		return err
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
	if err := parseInterspersed(fs, args); err != nil {
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
	x, err := interchange.ReadXLIFF(f, fs.Arg(1))
	if err != nil {
		return err
	}
	srcLang := *lang
	if srcLang == "" {
		srcLang = x.SrcLang
	}
	d, err := readManuscript(fs.Arg(0), srcLang)
	if err != nil {
		return err
	}
	res, err := interchange.ApplyTranslation(d, x)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(1), err)
	}
	if len(res.Kept) > 0 {
		fmt.Fprintf(env.Stderr, "tandem xliff import: %d paragraphs not translated, kept in the source language: %s\n", len(res.Kept), shortList(res.Kept))
	}
	if len(res.Unknown) > 0 {
		fmt.Fprintf(env.Stderr, "tandem xliff import: %d units of %s are not in %s (was the XLIFF made from another version?): %s\n", len(res.Unknown), fs.Arg(1), fs.Arg(0), shortList(res.Unknown))
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

func shortList(ids []string) string {
	if len(ids) > 5 {
		return strings.Join(ids[:5], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}
