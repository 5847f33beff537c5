package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
)

const editionUsage = `Usage:
  tandem edition build [--format web|epub|pdf] [-o FILE] SLUG
  tandem edition list

build makes the files of edition SLUG as the office's build button does,
reusing each format whose inputs did not change, and prints one line per
format: format, SHA-256, size in bytes, built or reused. With -o it also
writes the file of --format (or of the edition's only format) to FILE.
list prints one line per edition, tab-separated: slug, languages joined
with "+", state, release time in RFC 3339 (- when none is set), and the
ISBNs as format:isbn, comma-separated (- when none).
`

// runEdition builds and lists editions of the Collected Works:
//
//	tandem edition build [--format web|epub|pdf] [-o FILE] SLUG
//	tandem edition list
func runEdition(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'build' or 'list'", errUsage)
	}
	switch args[0] {
	case "build":
		return inSubcommand("edition build", runEditionBuild(ctx, env, args[1:]))
	case "list":
		return inSubcommand("edition list", runEditionList(ctx, env, args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, editionUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'build' or 'list')", errUsage, args[0])
}

func runEditionBuild(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("edition build", "edition build [--format web|epub|pdf] [-o FILE] SLUG\n\n"+
		"Builds the files of edition SLUG, reusing each format whose inputs did not change, and prints\n"+
		"one line per format: format, SHA-256, size in bytes, built or reused.")
	var cfg config
	cfg.register(fs, env)
	format := fs.String("format", "", "build only this `format`: web, epub or pdf")
	out := fs.String("o", "", "write the built file of --format to `FILE`")
	baseURL := fs.String("base-url", env.Getenv("TANDEM_BASE_URL"), "public `URL` of the site, which the files name as the book's address (env TANDEM_BASE_URL)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one edition SLUG", errUsage)
	}
	var only []book.Format
	if *format != "" {
		if !slices.Contains(book.Formats, book.Format(*format)) {
			return fmt.Errorf("%w: --format %q: want web, epub or pdf", errUsage, *format)
		}
		only = []book.Format{book.Format(*format)}
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	db.Close()
	db, blobs, err := cfg.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	e, err := edition.BySlug(ctx, db, fs.Arg(0))
	if errors.Is(err, edition.ErrNotFound) {
		return fmt.Errorf("no edition %q (tandem edition list shows them)", fs.Arg(0))
	}
	if err != nil {
		return err
	}
	if *out != "" && len(only) == 0 {
		if len(e.Formats) != 1 {
			return fmt.Errorf("%w: -o needs --format: edition %s has %d formats", errUsage, e.Slug, len(e.Formats))
		}
		only = e.Formats
	}
	press := &edition.Press{DB: db, Blobs: blobs, Renderers: app.Renderers(toolVersion()), BaseURL: strings.TrimRight(*baseURL, "/")}
	defer app.CloseRenderers()
	files, err := press.Build(ctx, e.ID, only, edition.Actor{Name: commandActor()}, nil)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	for _, f := range files {
		how := "built"
		if f.Reused {
			how = "reused"
		}
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\n", f.Format, f.SHA256, f.Size, how)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if *out == "" {
		return nil
	}
	data, _, err := edition.Open(ctx, db, blobs, e.ID, only[0])
	if err != nil {
		return err
	}
	return os.WriteFile(*out, data, 0o644)
}

// commandActor names who runs a command in the event log: the system
// user, as tandem user's commands do.
func commandActor() string {
	if u := os.Getenv("USER"); u != "" {
		return "tandem edition (" + u + ")"
	}
	return "tandem edition"
}

func runEditionList(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("edition list", "edition list\n\n"+
		"Prints one line per edition, tab-separated: slug, languages joined with +, state,\n"+
		"release time in RFC 3339 (- when none), ISBNs as format:isbn, comma-separated (- when none).")
	var cfg config
	cfg.register(fs, env)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	db, err := cfg.openExisting(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	es, err := edition.All(ctx, db)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	for _, e := range es {
		fmt.Fprintln(w, listLine(e))
	}
	return w.Flush()
}

// listLine is an edition's line of `tandem edition list`.
func listLine(e *edition.Edition) string {
	release := "-"
	if !e.ReleaseAt.IsZero() {
		release = e.ReleaseAt.In(e.Location()).Format(time.RFC3339)
	}
	var isbns []string
	for _, f := range book.Formats {
		if n := e.ISBN[f]; n != "" {
			isbns = append(isbns, string(f)+":"+n)
		}
	}
	is := strings.Join(isbns, ",")
	if is == "" {
		is = "-"
	}
	return strings.Join([]string{e.Slug, strings.Join(e.Langs, "+"), string(e.State), release, is}, "\t")
}
