package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/docx"
	"github.com/tandemforum/tandem/internal/doc/htmldoc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	langtag "github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/textenc"
)

// runDoc converts manuscripts and compares revisions:
//
//	tandem doc convert [--to html|markdown|json] [--lang TAG] [--media DIR] FILE
//	tandem doc diff [--lang TAG] OLD NEW
//
// FILE is a .docx, Markdown (.md, .markdown, .txt), HTML (.html, .htm) or
// web archive (.mht, .mhtml) manuscript.
func runDoc(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'convert' or 'diff'", errUsage)
	}
	switch args[0] {
	case "convert":
		return inSubcommand("doc convert", runDocConvert(env, args[1:]))
	case "diff":
		return inSubcommand("doc diff", runDocDiff(env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, "Usage:\n  tandem doc convert [--to html|markdown|json] [--lang TAG] [--media DIR] FILE\n  tandem doc diff [--lang TAG] OLD NEW\n\n"+
			"FILE is a .docx, Markdown, HTML or .mht manuscript. Without --media, images are\n"+
			"embedded in the HTML or Markdown as data: URIs up to "+strconv.Itoa(maxEmbedded>>20)+" MiB in all; beyond that\n"+
			"they are left out (their descriptions kept) and a line on stderr says so. In JSON,\n"+
			"each entry of \"media\" has the image's path or data: URI as \"uri\".\n")
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'convert' or 'diff')", errUsage, args[0])
}

func runDocConvert(env *Env, args []string) error {
	fs := env.newFlags("doc convert", "doc convert [--to html|markdown|json] [--lang TAG] [--media DIR] FILE\n\n"+
		"FILE is a .docx, Markdown (.md), HTML (.html) or web archive (.mht) manuscript.\n"+mediaHelp+
		"\nIn JSON, each entry of \"media\" has the path or data: URI as \"uri\".")
	to := fs.String("to", "html", "output format: html, markdown or json")
	lang := fs.String("lang", "", "BCP 47 language of a Markdown or HTML file that does not say its own (DOCX files say theirs)")
	media := fs.String("media", "", "write the document's images into this folder and refer to them there")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkLang(*lang); err != nil {
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
	printDocWarnings(env, fs.Arg(0), d)
	o, err := placeMedia(env, "tandem doc", fs.Arg(0), d, *media)
	if err != nil {
		return err
	}
	if *to == "json" {
		// The JSON form names images by their media entries; the bytes
		// are where each entry's uri says, as in the other formats.
		for i := range d.Media {
			m := &d.Media[i]
			switch o.media {
			case doc.LinkMedia:
				m.URI = o.prefix + m.Name
			case doc.EmbedMedia:
				m.URI = doc.DataURI(m)
			}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
	}
	return writeText(env.Stdout, *to, fs.Arg(0), d, o)
}

// checkLang refuses a --lang that is not a BCP 47 tag.
func checkLang(tag string) error {
	if tag == "" {
		return nil
	}
	if _, err := langtag.ParseTag(tag); err != nil {
		return fmt.Errorf("%w: --lang %v", errUsage, err)
	}
	return nil
}

// printDocWarnings tells what the reader of a manuscript could not carry
// over, one line a warning: "FILE: warning: MESSAGE".
func printDocWarnings(env *Env, name string, d *doc.Document) {
	for _, w := range d.Warnings {
		fmt.Fprintf(env.Stderr, "%s: warning: %s\n", name, w)
	}
}

func runDocDiff(env *Env, args []string) error {
	fs := env.newFlags("doc diff", "doc diff [--lang TAG] OLD NEW")
	lang := fs.String("lang", "", "BCP 47 language of Markdown or HTML files that do not say their own")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkLang(*lang); err != nil {
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
	printDocWarnings(env, fs.Arg(0), old)
	printDocWarnings(env, fs.Arg(1), cur)
	title := filepath.Base(fs.Arg(0)) + " → " + filepath.Base(fs.Arg(1))
	return doc.WriteDiffHTML(env.Stdout, doc.Diff(old, cur), doc.HTMLOptions{Standalone: true, Title: title})
}

// readManuscript reads a .docx, Markdown, HTML or web archive file,
// telling them apart by content first and by name second. A file in which
// nothing is found to read is an error, not an empty document.
func readManuscript(name, lang string) (*doc.Document, error) {
	d, err := readAny(name, lang)
	if err != nil {
		return nil, err
	}
	if !d.HasContent() {
		return nil, fmt.Errorf("%s: %w in %s", name, doc.ErrNoContent, filepath.Base(name))
	}
	return d, nil
}

func readAny(name, lang string) (*doc.Document, error) {
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
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || ext == ".mht" || ext == ".mhtml":
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		var d *doc.Document
		if ext == ".mht" || ext == ".mhtml" {
			d, err = htmldoc.ParseMHT(src, htmldoc.Options{})
		} else {
			// Images the page names by a path are read from its folder.
			d, err = htmldoc.Parse(src, htmldoc.Options{Dir: filepath.Dir(name)})
		}
		if err != nil {
			return nil, textenc.InFile(name, err)
		}
		if d.Lang == "" {
			d.Lang = lang
		}
		htmldoc.Finish(d, lang)
		return d, nil
	}
	return nil, fmt.Errorf("%s: unknown format %q (want .docx, .md, .html or .mht)", name, ext)
}
