package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/app"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/store"
)

const editionUsage = `Usage:
  tandem edition build [--format web|epub|pdf] [-o FILE] SLUG
  tandem edition list
  tandem edition onix [--sent TIME] SLUG
  tandem edition crossref [--sent TIME] [--depositor NAME] [--depositor-email ADDRESS] SLUG

build makes the files of edition SLUG as the office's build button does,
reusing each format whose inputs did not change, and prints one line per
format: format, SHA-256, size in bytes, built or reused. With -o it also
writes the file of --format (or of the edition's only format) to FILE.
list prints one line per edition, tab-separated: slug, languages joined
with "+", state, release time in RFC 3339 (- when none is set), and the
ISBNs as format:isbn, comma-separated (- when none).
onix writes the ONIX 3.0 message of edition SLUG and of the other
released editions of its collection that have an ISBN and a release date.
crossref writes the Crossref 5.4.0 deposit of the DOIs of edition SLUG,
of its chapters and of the collection's other released editions under its
prefix. Both write to standard output, dated --sent (RFC 3339; default
now, and never later), and refuse, with exit status 1, an edition that is
not released yet (nothing of an edition leaves tandem before its release)
or lacks what the format needs.
`

// runEdition builds and lists editions of the Collected Works:
//
//	tandem edition build [--format web|epub|pdf] [-o FILE] SLUG
//	tandem edition list
//	tandem edition onix [--sent TIME] SLUG
//	tandem edition crossref [--sent TIME] [--depositor NAME] [--depositor-email ADDRESS] SLUG
func runEdition(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("%w: want 'build', 'list', 'onix' or 'crossref'", errUsage)
	}
	switch args[0] {
	case "build":
		return inSubcommand("edition build", runEditionBuild(ctx, env, args[1:]))
	case "list":
		return inSubcommand("edition list", runEditionList(ctx, env, args[1:]))
	case "onix", "crossref":
		return inSubcommand("edition "+args[0], runEditionExport(ctx, env, args[0], args[1:]))
	case "-h", "--help", "help":
		fmt.Fprint(env.Stderr, editionUsage)
		return nil
	}
	return fmt.Errorf("%w: unknown subcommand %q (want 'build', 'list', 'onix' or 'crossref')", errUsage, args[0])
}

func runEditionBuild(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("edition build", "edition build [--format web|epub|pdf|pdfa] [-o FILE] SLUG\n\n"+
		"Builds the files of edition SLUG, reusing each format whose inputs did not change, and prints\n"+
		"one line per format: format, SHA-256, size in bytes, built or reused. An edition in PDF also\n"+
		"gets pdfa, the PDF's archival variant (PDF/A-2a), made from the same inputs. An approved,\n"+
		"scheduled or released edition is not built again (that would withdraw the hosts' approvals):\n"+
		"its approved files are given as they are, and -o writes the one of --format; only its PDF/A,\n"+
		"which no approval names, is built when missing or made from other inputs (not once released).")
	var cfg config
	cfg.register(fs, env)
	format := fs.String("format", "", "build only this `format`: web, epub, pdf or pdfa (the PDF/A)")
	out := fs.String("o", "", "write the built file of --format to `FILE`")
	baseURL := fs.String("base-url", env.Getenv("TANDEM_BASE_URL"), "public `URL` of the site, which the files name as the book's address; default the one tandem serve recorded (env TANDEM_BASE_URL)")
	typstDir := fs.String("typst-dir", env.Getenv("TANDEM_TYPST_DIR"), "`folder` of the Typst compiler (tools/typst of tandem's checkout); default found from the working folder or the program's (env TANDEM_TYPST_DIR)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one edition SLUG", errUsage)
	}
	if *typstDir != "" {
		app.SetTypstDir(*typstDir)
		defer app.SetTypstDir("")
	}
	var only []book.Format
	if *format != "" {
		if !slices.Contains(book.Formats, book.Format(*format)) && book.Format(*format) != book.PDFA {
			return fmt.Errorf("%w: --format %q: want web, epub, pdf or pdfa", errUsage, *format)
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
	var files []*edition.File
	// The PDF/A alone: no approval names it, so an approved or scheduled
	// edition's is built like a draft's (Press.Build reuses it when its
	// inputs are the approved PDF's).
	pdfaOnly := len(only) == 1 && only[0] == book.PDFA
	switch {
	case e.State == edition.Released || (!pdfaOnly && (e.State == edition.Approved || e.State == edition.Scheduled)):
		// The hosts approved these files: a build here would replace
		// them and withdraw the approvals (or, released, may not), so
		// the command gives the files as they are. The office rebuilds
		// an approved edition, withdrawing its approvals in the open.
		kept, err := edition.Files(ctx, db, e.ID)
		if err != nil {
			return err
		}
		want := only
		if len(want) == 0 {
			want = e.Formats
		}
		for _, f := range want {
			k := kept[f]
			if k == nil && !e.Builds(f) {
				return fmt.Errorf("%w: edition %s has no %s format (its formats: %s)", errUsage, e.Slug, f, formatList(e.Formats))
			}
			if k == nil {
				return fmt.Errorf("edition %s is %s and has no %s file; the office rebuilds it", e.Slug, e.State, f)
			}
			k.Reused = true
			files = append(files, k)
		}
		fmt.Fprintf(env.Stderr, "tandem edition build: %s is %s: its approved files are given as they are, not built again\n", e.Slug, e.State)
	default:
		for _, f := range only {
			if !e.Builds(f) {
				return fmt.Errorf("%w: edition %s has no %s format (its formats: %s)", errUsage, e.Slug, f, formatList(e.Formats))
			}
		}
		base, err := siteBaseURL(ctx, db, *baseURL)
		if err != nil {
			return err
		}
		press := &edition.Press{DB: db, Blobs: blobs, Renderers: app.Renderers(toolVersion()), BaseURL: base}
		defer app.CloseRenderers()
		if files, err = press.Build(ctx, e.ID, only, edition.Actor{Name: commandActor()}, nil); err != nil {
			return err
		}
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

// siteBaseURL is the site's public address for a build: flag (--base-url
// or TANDEM_BASE_URL) when given, else the one tandem serve recorded. The
// files name it, and a build under another address than the office's
// gives other bytes, which would void the hosts' approvals: without
// either, the build is refused.
func siteBaseURL(ctx context.Context, db *store.DB, flag string) (string, error) {
	base := strings.TrimRight(flag, "/")
	if base == "" {
		var err error
		if base, err = store.Setting(ctx, db, store.SettingBaseURL); err != nil {
			return "", err
		}
	}
	if base == "" {
		return "", fmt.Errorf("%w: the site's public address is not known: give --base-url or TANDEM_BASE_URL (the address tandem serve is given), or start tandem serve once, which records it; the files name it, and a build under another address than the office's would differ from its files", errUsage)
	}
	if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%w: --base-url %q: want the site's public address, such as https://forum.example.org", errUsage, base)
	}
	return base, nil
}

// formatList is an edition's formats, comma-separated.
func formatList(fs []book.Format) string {
	var out []string
	for _, f := range fs {
		out = append(out, string(f))
	}
	return strings.Join(out, ", ")
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

// runEditionExport writes the ONIX message (format "onix") or the Crossref
// deposit ("crossref") of an edition to standard output.
func runEditionExport(ctx context.Context, env *Env, format string, args []string) error {
	help := map[string]string{
		"onix": "edition onix [--sent TIME] SLUG\n\n" +
			"Writes the ONIX 3.0 message of released edition SLUG and of the other released editions of\n" +
			"its collection that have an ISBN and a release date; the sender is the publisher of record.",
		"crossref": "edition crossref [--sent TIME] [--depositor NAME] [--depositor-email ADDRESS] SLUG\n\n" +
			"Writes the Crossref 5.4.0 deposit of the DOIs of released edition SLUG and its chapters, and\n" +
			"of the collection's other released editions under its DOI prefix.",
	}
	fs := env.newFlags("edition "+format, help[format])
	var cfg config
	cfg.register(fs, env)
	sent := fs.String("sent", "", "the message's `time` in RFC 3339 (2021-06-02T09:30:00Z), for output that does not change; default now, and not later: an edition is exported only once released at that time")
	baseURL := fs.String("base-url", env.Getenv("TANDEM_BASE_URL"), "public `URL` of the site, under which the books and chapters are read, as tandem serve is given it; required (env TANDEM_BASE_URL)")
	var depositor edition.Depositor
	if format == "crossref" {
		fs.StringVar(&depositor.Name, "depositor", env.Getenv("TANDEM_CROSSREF_DEPOSITOR"), "depositor `name`; default the publisher of record (env TANDEM_CROSSREF_DEPOSITOR)")
		fs.StringVar(&depositor.Email, "depositor-email", orDefault(env.Getenv("TANDEM_CROSSREF_EMAIL"), env.Getenv("TANDEM_MAIL_FROM")),
			"`address` Crossref sends its report to; default the sender of mail, tandem@ the base URL's host when that is a public domain name (env TANDEM_CROSSREF_EMAIL, TANDEM_MAIL_FROM)")
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one edition SLUG", errUsage)
	}
	if *baseURL == "" {
		return fmt.Errorf("%w: the site's public address is not set: give --base-url or TANDEM_BASE_URL (the address tandem serve is given), under which the %s record names the books and chapters", errUsage, format)
	}
	if u, err := url.Parse(*baseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("%w: --base-url %q: want the site's public address, such as https://forum.example.org", errUsage, *baseURL)
	}
	at := time.Now()
	if *sent != "" {
		t, err := time.Parse(time.RFC3339, *sent)
		if err != nil {
			return fmt.Errorf("%w: --sent %q: want an RFC 3339 time such as 2021-06-02T09:30:00Z", errUsage, *sent)
		}
		// The export names the editions released at its date: a date to
		// come would let out what is still under embargo.
		if t.After(at) {
			return fmt.Errorf("%w: --sent %q is in the future: an export is dated now or earlier, and names only the editions released by then", errUsage, *sent)
		}
		at = t
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
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	press := &edition.Press{DB: db, Blobs: blobs, BaseURL: strings.TrimRight(*baseURL, "/")}
	var buf bytes.Buffer
	if format == "onix" {
		err = press.ONIX(ctx, &buf, cat, e.CollectionID, e.ID, at)
	} else {
		err = press.Crossref(ctx, &buf, cat, e.CollectionID, e.ID, depositor, at)
	}
	if err != nil {
		return explain(cat, err)
	}
	_, err = env.Stdout.Write(buf.Bytes())
	return err
}

// explain says an error that has a catalog message in English, the
// language of the command line; others are returned as they are.
func explain(cat *i18n.Catalog, err error) error {
	var m interface{ MessageKey() (string, []any) }
	if errors.As(err, &m) {
		key, args := m.MessageKey()
		return errors.New(cat.Printer("en").T(key, args...))
	}
	return err
}
