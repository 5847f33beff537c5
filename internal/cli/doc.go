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
//	tandem doc convert [--to html|markdown|json] [--lang TAG] [--media DIR] FILE
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
		fmt.Fprint(env.Stderr, "Usage:\n  tandem doc convert [--to html|markdown|json] [--lang TAG] [--media DIR] FILE\n  tandem doc diff [--lang TAG] OLD NEW\n")
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'convert' or 'diff')", errUsage, args[0])
}

func runDocConvert(env *Env, args []string) error {
	fs := env.newFlags("doc convert", "doc convert [--to html|markdown|json] [--lang TAG] [--media DIR] FILE")
	to := fs.String("to", "html", "output format: html, markdown or json")
	lang := fs.String("lang", "", "language of a Markdown file (DOCX files say their own)")
	media := fs.String("media", "", "write the document's images into this folder, for the HTML to show")
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
	prefix := "media/"
	if *media != "" {
		if err := os.MkdirAll(*media, 0o755); err != nil {
			return err
		}
		for _, m := range d.Media {
			// Media names are hex digits and an extension, safe as file names.
			if err := os.WriteFile(filepath.Join(*media, m.Name), m.Data, 0o644); err != nil {
				return err
			}
		}
		prefix = filepath.ToSlash(*media) + "/"
	}
	switch *to {
	case "markdown", "md":
		return doc.WriteMarkdown(env.Stdout, d)
	case "json":
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return doc.WriteHTML(env.Stdout, d, doc.HTMLOptions{Standalone: true, Title: filepath.Base(fs.Arg(0)), MediaPrefix: prefix})
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
