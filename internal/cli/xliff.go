package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/translate"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/tm"
)

// runXLIFF exchanges documents with desktop CAT tools:
//
//	tandem xliff export --from zh --to ru [--xliff 1.2|2.0|2.1] [--tm MEMORY.tmx]… FILE
//	tandem xliff import [--to html|markdown|docx] [-o OUT] [--media DIR] SOURCE TRANSLATED.xlf
func runXLIFF(ctx context.Context, env *Env, args []string) error {
	const usage = "Usage:\n  tandem xliff export --from LANG --to LANG [--xliff 1.2|2.0|2.1] [--tm MEMORY.tmx]… FILE.docx|FILE.md\n  tandem xliff import [--to html|markdown|docx] [-o OUT] [--media DIR] SOURCE TRANSLATED.xlf\n"
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
	fs := env.newFlags("xliff export", "xliff export --from LANG --to LANG [--xliff 1.2|2.0|2.1] [--tm MEMORY.tmx]… [--tm-min 75] FILE.docx|FILE.md\n\n"+
		"Writes an XLIFF file for translating the document to standard output: a unit per paragraph, a segment per sentence,\n"+
		"the targets pre-filled with the source (as OmegaT needs). With --tm, a segment whose source a memory holds (the\n"+
		"same text and inline codes) gets the memory's translation, marked for review; the others get the memory's fuzzy\n"+
		"matches from --tm-min percent up (XLIFF 1.2 alt-trans, XLIFF 2 matches module); a line on stderr counts them.")
	from := fs.String("from", "", "language of the document (zh, ru, en)")
	to := fs.String("to", "", "language to translate into")
	version := fs.String("xliff", "1.2", "XLIFF version: 1.2 (OmegaT, Trados, memoQ), 2.0 or 2.1")
	var memories fileList
	fs.Var(&memories, "tm", "a translation memory (TMX) to pre-translate from; give it again for more")
	tmMin := fs.Int("tm-min", 75, "lowest score, in percent, of a fuzzy match offered from --tm ("+strconv.Itoa(tm.Threshold)+" to 100)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return fmt.Errorf("%w: --from and --to are required", errUsage)
	}
	if *tmMin < tm.Threshold || *tmMin > 100 {
		return fmt.Errorf("%w: --tm-min %d: want a score from %d to 100", errUsage, *tmMin, tm.Threshold)
	}
	if *version != "1.2" && *version != "2.0" && *version != "2.1" {
		return fmt.Errorf("%w: --xliff %q: want 1.2, 2.0 or 2.1", errUsage, *version)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one FILE", errUsage)
	}
	src, tgt, err := lang.CheckPair(*from, *to)
	if err != nil {
		return fmt.Errorf("--from %s --to %s: %w", *from, *to, err)
	}
	d, err := readManuscriptIn(env, fs.Arg(0), src, "--from says")
	if err != nil {
		return err
	}
	x, err := translate.FromDocument(d, filepath.Base(fs.Arg(0)), src, tgt)
	if err != nil {
		return err
	}
	if len(x.Units()) == 0 {
		return fmt.Errorf("%s: the document has no text to translate", fs.Arg(0))
	}
	x.Version = *version
	if len(memories) > 0 {
		mem, err := readMemories(env, memories, src, tgt)
		if err != nil {
			return err
		}
		lv := tm.PreTranslate(x, mem, *tmMin)
		fmt.Fprintf(env.Stderr, "tandem xliff export: translation memory of %s: %d exact, %d fuzzy of %s\n",
			i18n.Count(mem.Len(), "unit", "units"), lv.Exact, lv.Fuzzy, i18n.Count(lv.Segments, "segment", "segments"))
	}
	w := bufio.NewWriter(env.Stdout)
	if err := interchange.WriteXLIFF(w, x); err != nil {
		return err
	}
	return w.Flush()
}

func runXLIFFImport(env *Env, args []string) error {
	fs := env.newFlags("xliff import", "xliff import [--to html|markdown|docx] [-o OUT] [--media DIR] SOURCE TRANSLATED.xlf\n\n"+
		"Writes the translated document, with the structure and formatting of SOURCE, to standard output or OUT.\n"+
		"A DOCX keeps the styles, numbering, page setup, headers and footers of a DOCX SOURCE.\n"+
		"HTML and Markdown: "+mediaHelp)
	to := fs.String("to", "html", "output format: html, markdown or docx")
	out := fs.String("o", "", "write to this file instead of standard output (needed for docx on a terminal)")
	lang := fs.String("lang", "", "language of a Markdown SOURCE (the XLIFF file says it too)")
	media := fs.String("media", "", "write the document's images into this folder and refer to them there (html, markdown)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to != "html" && *to != "markdown" && *to != "md" && *to != "docx" {
		return fmt.Errorf("%w: --to %q: want html, markdown or docx", errUsage, *to)
	}
	if *media != "" && *to == "docx" {
		return fmt.Errorf("%w: --media is for html and markdown: a DOCX holds its images", errUsage)
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
	return writeTranslation(env, *to, *out, *media, fs.Arg(0), d)
}

// fileList is a flag that may be given several times, each a file name.
type fileList []string

func (l *fileList) String() string { return strings.Join(*l, ", ") }

func (l *fileList) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// readMemories reads TMX files into one translation memory from src into
// tgt, printing what each reader skipped; a file with no unit in both
// languages gets a warning line that names the languages it has.
func readMemories(env *Env, names []string, src, tgt string) (*tm.Memory, error) {
	mem := tm.New(src, tgt)
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		t, err := interchange.ReadTMX(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		printWarnings(env, t.Warnings)
		if mem.AddTMX(t, filepath.Base(name)) == 0 {
			var langs []string
			seen := map[string]bool{}
			for _, u := range t.Units {
				for _, v := range u.Variants {
					if !seen[v.Lang] {
						seen[v.Lang] = true
						langs = append(langs, v.Lang)
					}
				}
			}
			has := "no units"
			if len(langs) > 0 {
				has = "units in " + shortList(langs)
			}
			fmt.Fprintf(env.Stderr, "%s: warning: no unit has text in both %s and %s (the memory has %s): nothing to pre-translate from\n", name, src, tgt, has)
		}
	}
	return mem, nil
}

// readTranslated reads the XLIFF file xlf (called xlfName) and applies its
// translations to the manuscript source, whose language is lang or, when
// that is empty, the file's source language. It prints the warnings of
// both steps on standard error, and refuses a file in which no segment
// is translated; one translated in part is imported, its untranslated
// sentences kept in the source language.
func readTranslated(env *Env, source string, xlf io.Reader, xlfName, srcLang string) (*doc.Document, error) {
	x, err := interchange.ReadXLIFF(xlf, xlfName)
	if err != nil {
		return nil, err
	}
	printWarnings(env, x.Warnings)
	told := "the XLIFF file translates from"
	if srcLang == "" {
		srcLang = x.SrcLang
	} else if srcLang, err = lang.ParseTag(srcLang); err != nil {
		return nil, fmt.Errorf("%w: --lang: %v", errUsage, err)
	} else {
		told = "--lang says"
	}
	d, err := readManuscriptIn(env, source, srcLang, told)
	if err != nil {
		return nil, err
	}
	res, err := translate.ApplyTranslation(d, x)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", xlfName, err)
	}
	printWarnings(env, res.Warnings)
	if len(res.Partial) > 0 {
		fmt.Fprintf(env.Stderr, "%s: warning: %s translated in part, the other sentences kept in the source language: %s\n", xlfName, i18n.Count(len(res.Partial), "unit", "units"), shortList(res.Partial))
	}
	if len(res.Kept) > 0 {
		fmt.Fprintf(env.Stderr, "%s: warning: %s not translated, kept in the source language: %s\n", xlfName, i18n.Count(len(res.Kept), "unit", "units"), shortList(res.Kept))
	}
	if len(res.Missing) > 0 {
		fmt.Fprintf(env.Stderr, "%s: warning: %s of %s not in the file (was it made from another version?), kept in the source language: %s\n", xlfName, i18n.Count(len(res.Missing), "text", "texts"), source, shortList(res.Missing))
	}
	if res.Translated == 0 && len(res.Partial) == 0 {
		return nil, fmt.Errorf("%s: no segment of the file is translated: nothing to import into %s", xlfName, source)
	}
	return d, nil
}

// readManuscriptIn reads the manuscript name, which the command was told
// is in the language want, and prints the reader's warnings. A manuscript
// that declares its language (a DOCX's w:lang, Markdown front matter's
// lang, an HTML page's lang) is checked against want, with the same rule
// for every format: one in another language or script gets a warning line
// saying what told ("--from says") and is taken as in want; one that
// declares none is in want. A language its text is not mostly written in
// is not a declaration: readers take the language of the few words a text
// marks (a Russian name in a Chinese essay) for the document's when
// nothing else is marked.
func readManuscriptIn(env *Env, name, want, told string) (*doc.Document, error) {
	d, err := readManuscript(name, "")
	if err != nil {
		return nil, err
	}
	if d.Lang != "" && !writtenIn(d, d.Lang) {
		// Read again as in want, so that the marked words stay marked.
		if d, err = readManuscript(name, want); err != nil {
			return nil, err
		}
		d.Lang = ""
	}
	printDocWarnings(env, name, d)
	switch {
	case d.Lang == "":
		d.Lang = want
		doc.SettleLang(d, want)
	case !lang.SameLanguage(d.Lang, want):
		fmt.Fprintf(env.Stderr, "%s: warning: the document is marked as %s, but %s %s: taken as %s\n", name, d.Lang, told, want, want)
		d.Lang = want
	}
	return d, nil
}

// writtenIn reports whether most letters of d are in the script of the
// language tag (Han for any Chinese), or d has no Han, Cyrillic or Latin
// letters to tell.
func writtenIn(d *doc.Document, tag string) bool {
	counts := map[string]int{}
	count := func(ins []doc.Inline) {
		doc.WalkInlines(ins, func(in *doc.Inline) {
			if in.Type == doc.Code {
				return // code is in no natural language
			}
			for _, r := range in.Text {
				switch {
				case unicode.Is(unicode.Han, r):
					counts["Hani"]++
				case unicode.Is(unicode.Cyrillic, r):
					counts["Cyrl"]++
				case unicode.Is(unicode.Latin, r):
					counts["Latn"]++
				}
			}
		})
	}
	d.Walk(func(b *doc.Block) {
		count(b.Inlines)
		if b.Figure != nil {
			count(b.Figure.Caption)
		}
	})
	most, n := "", 0
	for s, c := range counts {
		if c > n || (c == n && s < most) {
			most, n = s, c
		}
	}
	script := lang.Script(tag)
	if script == "Hans" || script == "Hant" {
		script = "Hani"
	}
	return most == "" || most == script
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
