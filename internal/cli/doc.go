package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/doc/markdown"
)

// runDoc converts manuscripts and compares revisions:
//
//	tandem doc convert [--to html|markdown|json] [--lang TAG] FILE
//	tandem doc diff [--lang TAG] OLD NEW
func runDoc(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'convert' or 'diff'", errUsage)
	}
	switch args[0] {
	case "convert":
		return runDocConvert(env, args[1:])
	case "diff":
		return runDocDiff(env, args[1:])
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, "Usage:\n  tandem doc convert [--to html|markdown|json] [--lang TAG] FILE\n  tandem doc diff [--lang TAG] OLD NEW\n")
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'convert' or 'diff')", errUsage, args[0])
}

func runDocConvert(env *Env, args []string) error {
	fs := env.newFlags("doc convert", "doc convert [--to html|markdown|json] [--lang TAG] FILE")
	to := fs.String("to", "html", "output format: html, markdown or json")
	lang := fs.String("lang", "", "language of a Markdown file (DOCX files say their own)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one FILE", errUsage)
	}
	if *to != "html" && *to != "markdown" && *to != "md" && *to != "json" {
		return fmt.Errorf("%w: --to %q: want html, markdown or json", errUsage, *to)
	}
	d, err := readManuscript(fs.Arg(0), *lang)
	if err != nil {
		return err
	}
	switch *to {
	case "markdown", "md":
		return doc.WriteMarkdown(env.Stdout, d)
	case "json":
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return doc.WriteHTML(env.Stdout, d, doc.HTMLOptions{Standalone: true, Title: filepath.Base(fs.Arg(0))})
}

func runDocDiff(env *Env, args []string) error {
	fs := env.newFlags("doc diff", "doc diff [--lang TAG] OLD NEW")
	lang := fs.String("lang", "", "language of Markdown files")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("%w: want OLD and NEW", errUsage)
	}
	old, err := readManuscript(fs.Arg(0), *lang)
	if err != nil {
		return err
	}
	cur, err := readManuscript(fs.Arg(1), *lang)
	if err != nil {
		return err
	}
	title := filepath.Base(fs.Arg(0)) + " → " + filepath.Base(fs.Arg(1))
	return doc.WriteDiffHTML(env.Stdout, doc.Diff(old, cur), doc.HTMLOptions{Standalone: true, Title: title})
}

// readManuscript reads a .docx or Markdown file, telling them apart by
// content first and by name second.
func readManuscript(name, lang string) (*doc.Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 8)
	n, _ := f.Read(head)
	f.Close()
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || ext == ".docx":
		return docx.ReadFile(name, docx.Limits{})
	case ext == ".md" || ext == ".markdown" || ext == ".txt" || ext == "":
		return markdown.ReadFile(name, lang, markdown.Limits{})
	}
	return nil, fmt.Errorf("%s: unknown format %q (want .docx or .md)", name, ext)
}
