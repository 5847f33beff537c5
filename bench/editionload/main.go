// Command editionload is bench/edition.sh's measuring program. It reads
// War and Peace volume 1 (the RusLit plain text, see ../shared/data/ruslit/
// SOURCE.md) into a *book.Book of its 65 chapters with the translator's
// notes. Its EPUB part (-part epub) builds the EPUB with tandem's writer,
// has pandoc make an EPUB of the same text written as Markdown, and prints
// both times and their ratio, then the time of a rebuild after a
// one-sentence edit in one chapter. Its PDF part (-part pdf, pdf.go)
// measures tandem's typesetter against Typst alone (typst-alone.js, which
// must lie beside the program or in bench/editionload below the working
// directory) compiling the same generated sources, then the warm rebuild.
//
//	go run ./bench/editionload -text FILE [-pandoc pandoc] [-runs 5] [-o tandem.epub]
//	go run ./bench/editionload -part pdf -text FILE [-typst tools/typst] [-runs 3] [-o tandem.pdf]
//
// It prints "name value unit" lines that edition.sh reads.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/epub"
	"github.com/tandemforum/tandem/internal/typst"
)

func main() {
	text := flag.String("text", "", "the RusLit text of War and Peace volume 1")
	pandoc := flag.String("pandoc", "pandoc", "the pandoc program")
	runs := flag.Int("runs", 5, "builds to take the median of")
	keep := flag.String("o", "", "also write tandem's EPUB to this file")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the builds to this file")
	part := flag.String("part", "epub", "epub, pdf, or typeset-once (one cold PDF build, which the pdf part measures)")
	typstDir := flag.String("typst", "", "tools/typst with its node_modules; found above the working directory when empty")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "editionload:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var err error
	if *typstDir == "" && *part != "epub" {
		*typstDir, err = typst.FindDir()
	}
	if err == nil {
		switch *part {
		case "epub":
			err = run(*text, *pandoc, *runs, *keep)
		case "pdf":
			err = runPDF(*text, *typstDir, *runs, *keep)
		case "typeset-once":
			err = typesetOnce(*text, *typstDir, *keep)
		default:
			err = fmt.Errorf("unknown part %q", *part)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "editionload:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

func run(path, pandoc string, runs int, keep string) error {
	src, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	start := time.Now()
	b, err := readNovel(string(src))
	if err != nil {
		return err
	}
	fmt.Printf("read %.1f ms (%d chapters, %d notes, %d bytes)\n", ms(time.Since(start)), len(b.Chapters), countNotes(b), len(src))

	var full []time.Duration
	var size int
	for range runs {
		t := time.Now()
		data, err := epub.Write(b)
		if err != nil {
			return err
		}
		full = append(full, time.Since(t))
		size = len(data)
	}
	tandem := median(full)
	fmt.Printf("tandem_epub %.1f ms (%d bytes)\n", ms(tandem), size)
	if keep != "" {
		data, err := epub.Write(b)
		if err != nil {
			return err
		}
		if err := os.WriteFile(keep, data, 0o644); err != nil {
			return err
		}
	}

	dir, err := os.MkdirTemp("", "editionload")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	md := filepath.Join(dir, "voina-i-mir.md")
	if err := os.WriteFile(md, []byte(markdown(b)), 0o644); err != nil {
		return err
	}
	var pd []time.Duration
	for range max(1, runs/2) {
		t := time.Now()
		cmd := exec.Command(pandoc, "-f", "markdown", "-t", "epub3", "--metadata", "lang=ru",
			"-o", filepath.Join(dir, "pandoc.epub"), md)
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("pandoc: %v\n%s", err, out)
		}
		pd = append(pd, time.Since(t))
	}
	p := median(pd)
	fmt.Printf("pandoc_epub %.1f ms\n", ms(p))
	fmt.Printf("epub_ratio %.1f x\n", float64(p)/float64(tandem))

	// The rebuild: a Writer that built the book rebuilds it after one
	// sentence changed in one chapter, a different chapter each time.
	w := epub.NewWriter()
	if _, err := w.Write(b); err != nil {
		return err
	}
	var re []time.Duration
	for i := range runs {
		c := &b.Chapters[(i*17+5)%len(b.Chapters)]
		d := c.Text["ru"]
		bl := &d.Blocks[len(d.Blocks)/2]
		bl.Inlines = append(bl.Inlines, doc.Inline{Type: doc.Text, Text: " Правка номер " + strconv.Itoa(i+1) + "."})
		t := time.Now()
		if _, err := w.Write(b); err != nil {
			return err
		}
		re = append(re, time.Since(t))
	}
	fmt.Printf("epub_rebuild %.1f ms\n", ms(median(re)))
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func countNotes(b *book.Book) int {
	n := 0
	for _, c := range b.Chapters {
		n += len(c.Text["ru"].Notes)
	}
	return n
}

var (
	roman   = regexp.MustCompile(`^[IVXLC]+$`)
	noteRef = regexp.MustCompile(`\[(\d+)\]`)
	number  = regexp.MustCompile(`^\d+$`)
)

// readNovel reads the RusLit text: a heading block, "Часть …" lines that
// open the parts, a Roman numeral alone on a line for each chapter, one
// paragraph a line, and after "Примечания" the notes, each a number on a
// line of its own followed by its text. Markers "[n]" call note n.
func readNovel(src string) (*book.Book, error) {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(src))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, strings.TrimSpace(sc.Text()))
	}
	notes := map[string][]string{}
	end := len(lines)
	for i, l := range lines {
		if l == "Примечания" {
			end = i
			current := ""
			for _, n := range lines[i+1:] {
				switch {
				case n == "":
				case number.MatchString(n):
					current = n
				case current != "":
					notes[current] = append(notes[current], html.UnescapeString(n))
				}
			}
			break
		}
	}
	b := &book.Book{Slug: "voina-i-mir-1", Langs: []string{"ru"},
		Title:    book.Local{"ru": "Война и мир. Том 1"},
		Editors:  nil,
		Released: time.Date(1869, 1, 1, 0, 0, 0, 0, time.UTC), Modified: time.Date(2021, 5, 28, 16, 0, 0, 0, time.UTC),
		URL:       "https://forum.example/ru/editions/voina-i-mir-1",
		Publisher: book.Publisher{Name: book.Local{"ru": "Собрание сочинений в двадцати двух томах"}},
		Layout:    book.Layout{Width: 148, Height: 210, Notes: book.PerChapter},
	}
	author := book.Person{Name: book.Local{"ru": "Лев Николаевич Толстой"}, SortName: book.Local{"ru": "Толстой, Лев Николаевич"}}
	part := ""
	var c *book.Chapter
	var d *doc.Document
	for _, l := range lines[:end] {
		switch {
		case l == "":
		case strings.HasPrefix(l, "Часть "):
			part = l
		case roman.MatchString(l) && part != "":
			n := len(b.Chapters) + 1
			b.Chapters = append(b.Chapters, book.Chapter{ID: "ch" + strconv.Itoa(n), Original: "ru",
				Title: book.Local{"ru": part + ". " + l}, Authors: []book.Person{author},
				Text: map[string]*doc.Document{}})
			c = &b.Chapters[n-1]
			d = &doc.Document{Version: doc.Version, Lang: "ru", Title: c.Title["ru"]}
			d.Blocks = append(d.Blocks, doc.Block{ID: "h", Type: doc.Heading, Level: 1,
				Inlines: []doc.Inline{{Type: doc.Text, Text: d.Title}}})
			c.Text["ru"] = d
		case d != nil:
			var ins []doc.Inline
			rest := html.UnescapeString(l)
			for {
				loc := noteRef.FindStringSubmatchIndex(rest)
				if loc == nil {
					break
				}
				num := rest[loc[2]:loc[3]]
				if rest[:loc[0]] != "" {
					ins = append(ins, doc.Inline{Type: doc.Text, Text: rest[:loc[0]]})
				}
				if text, ok := notes[num]; ok {
					id := "n" + num
					ins = append(ins, doc.Inline{Type: doc.NoteRef, Note: id})
					note := doc.Note{ID: id, Type: doc.Footnote}
					for j, p := range text {
						note.Blocks = append(note.Blocks, doc.Block{ID: id + "p" + strconv.Itoa(j+1), Type: doc.Paragraph,
							Inlines: []doc.Inline{{Type: doc.Text, Text: p}}})
					}
					d.Notes = append(d.Notes, note)
				}
				rest = rest[loc[1]:]
			}
			if rest != "" {
				ins = append(ins, doc.Inline{Type: doc.Text, Text: rest})
			}
			d.Blocks = append(d.Blocks, doc.Block{ID: "p" + strconv.Itoa(len(d.Blocks)), Type: doc.Paragraph, Inlines: ins})
		}
	}
	if len(b.Chapters) == 0 {
		return nil, fmt.Errorf("no chapters found: not the RusLit text")
	}
	return b, nil
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "#", `\#`, "`", "\\`", "^", `\^`, "~", `\~`, "|", `\|`)

// markdown writes the book as pandoc's Markdown: a level-1 heading per
// chapter, its paragraphs, and its notes as footnotes.
func markdown(b *book.Book) string {
	var sb strings.Builder
	sb.WriteString("---\ntitle: \"" + b.Title["ru"] + "\"\nauthor: \"Лев Николаевич Толстой\"\n---\n\n")
	for _, c := range b.Chapters {
		d := c.Text["ru"]
		sb.WriteString("# " + c.Title["ru"] + "\n\n")
		for _, bl := range d.Blocks[1:] {
			for _, in := range bl.Inlines {
				switch in.Type {
				case doc.Text:
					sb.WriteString(mdEscaper.Replace(in.Text))
				case doc.NoteRef:
					sb.WriteString("[^" + in.Note + "]")
				}
			}
			sb.WriteString("\n\n")
		}
		for _, n := range d.Notes {
			sb.WriteString("[^" + n.ID + "]: ")
			for j, bl := range n.Blocks {
				if j > 0 {
					sb.WriteString("\n\n    ")
				}
				sb.WriteString(mdEscaper.Replace(doc.PlainText(bl.Inlines)))
			}
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}
