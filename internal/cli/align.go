package cli

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/i18n"

	"github.com/tandemforum/tandem/internal/align"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/segment"
	"github.com/tandemforum/tandem/internal/textenc"
)

// alignSynopsis is the usage line and the description of the input that
// `tandem align -h` prints.
const alignSynopsis = `align --from LANG --to LANG [--split[=false]] [--terms FILE.tbx|FILE.tsv] [--tmx OUT.tmx] SOURCE TARGET

SOURCE and TARGET are text files (UTF-8 or UTF-16; GB 18030 and
Windows-1251 are read with a warning), an original and its translation.
Each holds either one segment (sentence) a line, as 'tandem segment'
writes, or one paragraph a line; a blank line ends a paragraph, and when
both have as many paragraphs they are aligned in pairs, in order. Lines
holding several sentences on average (paragraphs) are split into sentences
with the rules of 'tandem segment' (--split, said on standard error);
--split=false aligns the lines as given.

Prints one link a line as vecalign does: [i,j]:[k], the numbers of the
segments of SOURCE and TARGET that translate each other; [i]:[] or []:[k]
is a segment without a partner. Segments are numbered from 0 and blank
lines are not segments: a number counts the lines with text (or, after
splitting, their sentences), so it is the same whether 'tandem segment'
split the text first or --split did. --tmx also writes the aligned text.
Control characters, which TMX cannot carry, are removed with a warning.`

// runAlign links the sentences of a translation to those of its original:
//
//	tandem align --from zh --to ru [--split[=false]] [--terms FILE] [--tmx OUT.tmx] SOURCE TARGET
//
// See alignSynopsis for the input and output.
func runAlign(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("align", alignSynopsis)
	fromFlag := fs.String("from", "", "language of SOURCE: zh, ru or en")
	toFlag := fs.String("to", "", "language of TARGET: zh, ru or en, not the language of SOURCE")
	var split splitFlag
	fs.Var(&split, "split", "split lines into sentences first (default: when lines hold several sentences)")
	terms := fs.String("terms", "", "a termbase (TBX) or glossary (TSV) whose terms anchor the alignment")
	tmxOut := fs.String("tmx", "", "also write the aligned pairs to this TMX file")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *fromFlag == "" || *toFlag == "" {
		return fmt.Errorf("%w: --from and --to are required", errUsage)
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("%w: want SOURCE and TARGET", errUsage)
	}
	from, to, err := lang.CheckPair(*fromFlag, *toFlag)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	src, err := readLinesFile(env, fs.Arg(0))
	if err != nil {
		return err
	}
	tgt, err := readLinesFile(env, fs.Arg(1))
	if err != nil {
		return err
	}
	in := alignInput{src: src, tgt: tgt, from: from, to: to, names: [2]string{fs.Arg(0), fs.Arg(1)}}
	if err := in.prepare(split); err != nil {
		return err
	}
	for _, note := range in.notes {
		fmt.Fprintf(env.Stderr, "tandem align: %s\n", note)
	}
	src, tgt = in.src, in.tgt
	opt := align.Options{From: from, To: to, Hard: in.hard}
	if *terms != "" {
		tb, err := readTerms(*terms, from, to)
		if err != nil {
			return err
		}
		printWarnings(env, pairWarnings(tb.Warnings, from, to))
		for _, c := range tb.Entries {
			for _, s := range c.In(from) {
				for _, t := range c.In(to) {
					opt.Terms = append(opt.Terms, align.Term{Source: s.Text, Target: t.Text})
				}
			}
		}
		if len(opt.Terms) == 0 {
			return fmt.Errorf("%s: no entry has terms in both %s and %s, so the termbase cannot anchor this alignment", *terms, from, to)
		}
	}
	beads := align.Align(src, tgt, opt)
	paired := 0
	w := bufio.NewWriter(env.Stdout)
	for _, b := range beads {
		fmt.Fprintln(w, b)
		if len(b.Src) > 0 && len(b.Tgt) > 0 {
			paired++
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if paired == 0 {
		fmt.Fprintf(env.Stderr, "tandem align: no segment of %s found a partner in %s: are they a text and its translation?\n", fs.Arg(0), fs.Arg(1))
	}
	if *tmxOut == "" {
		return nil
	}
	tm := align.TMX(beads, src, tgt, from, to)
	var buf bytes.Buffer
	if err := interchange.WriteTMX(&buf, tm, toolVersion()); err != nil {
		return err
	}
	return os.WriteFile(*tmxOut, buf.Bytes(), 0o644)
}

// splitFlag is the value of --split: not given (decided from the text),
// true or false.
type splitFlag struct{ set, on bool }

func (f *splitFlag) String() string {
	if f == nil || !f.set {
		return "auto"
	}
	return strconv.FormatBool(f.on)
}

func (f *splitFlag) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false, got %q", s)
	}
	f.set, f.on = true, v
	return nil
}

func (f *splitFlag) IsBoolFlag() bool { return true }

// alignInput is what align reads: the lines of both files, then (after
// prepare) the segments to align, without blank lines, the paragraph
// anchors, and notes for the user about what was decided.
type alignInput struct {
	src, tgt []string
	from, to string
	names    [2]string
	hard     [][2]int
	notes    []string
}

// paragraphLine is the average number of sentences a line at which align
// takes the lines of a file for paragraphs and splits them. Translators
// merge or split a sentence now and then (a tenth of the lines at most), so
// a file of one sentence a line stays well below it; a file of paragraphs,
// headings included, lies well above.
const paragraphLine = 1.5

// prepare refuses a side without text, splits the lines into sentences when
// split says so or, unset, when either side holds paragraphs, drops the
// blank lines, and pairs the paragraphs of both sides as hard anchors: the
// first segments of the k-th paragraph of each side begin a link together.
func (in *alignInput) prepare(split splitFlag) error {
	if in.names[0] == "" {
		in.names = [2]string{"SOURCE", "TARGET"}
	}
	for k, side := range [][]string{in.src, in.tgt} {
		if len(side) == 0 {
			return fmt.Errorf("%s is empty: there is nothing to align", in.names[k])
		}
		if blankLines(side) == len(side) {
			return fmt.Errorf("%s has only blank lines: there is nothing to align", in.names[k])
		}
	}
	sf, err := segment.For(in.from)
	if err != nil {
		return err
	}
	st, err := segment.For(in.to)
	if err != nil {
		return err
	}
	if !split.set {
		ms, mt := sentencesALine(sf, in.src), sentencesALine(st, in.tgt)
		name, mean := in.names[0], ms
		if mt > ms {
			name, mean = in.names[1], mt
		}
		if mean >= paragraphLine {
			split.on = true
			in.notes = append(in.notes, fmt.Sprintf("the lines of %s hold %.1f sentences on average, so both files were split into sentences and the links number sentences (--split=false aligns lines as given; --tmx writes the aligned text)", name, mean))
		}
	}
	var ps, pt []int
	in.src, ps = segmentsOf(sf, in.src, split.on)
	in.tgt, pt = segmentsOf(st, in.tgt, split.on)
	for k, side := range [][]string{in.src, in.tgt} {
		if len(side) == 0 {
			return fmt.Errorf("%s has no sentence: there is nothing to align", in.names[k])
		}
	}
	switch {
	case len(ps) != len(pt):
		in.notes = append(in.notes, fmt.Sprintf("%s has %s and %s %d: paragraphs are not paired; the texts are aligned as one", in.names[0], i18n.Count(len(ps)+1, "paragraph", "paragraphs"), in.names[1], len(pt)+1))
	default:
		for k := range ps {
			in.hard = append(in.hard, [2]int{ps[k], pt[k]})
		}
	}
	return nil
}

// blankLines counts the blank lines of a side.
func blankLines(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			n++
		}
	}
	return n
}

// sentencesALine returns the average number of sentences of the lines that
// are not blank.
func sentencesALine(sp segment.Splitter, lines []string) float64 {
	n, sum := 0, 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n++
		sum += len(sp.Split(l))
	}
	if n == 0 {
		return 0
	}
	return float64(sum) / float64(n)
}

// segmentsOf returns the segments of a side: its lines with text or, when
// split, their sentences; and the number of the first segment of each
// paragraph but the first (a paragraph begins after blank lines that text
// comes before).
func segmentsOf(sp segment.Splitter, lines []string, split bool) (segs []string, paragraphs []int) {
	blank := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			blank = true
			continue
		}
		if blank && len(segs) > 0 {
			paragraphs = append(paragraphs, len(segs))
		}
		blank = false
		if !split {
			segs = append(segs, l)
			continue
		}
		for _, s := range segment.Strings(sp, l) {
			segs = append(segs, segment.OneLine(s))
		}
	}
	return segs, paragraphs
}

// readLinesFile reads a file of one segment a line, decoding it with
// textenc and saying on standard error how it was read when its encoding
// was guessed, and where control characters were removed.
func readLinesFile(env *Env, name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	lines, warnings, err := parseLines(b, name)
	for _, w := range warnings {
		fmt.Fprintln(env.Stderr, w)
	}
	return lines, err
}

// parseLines splits text into lines after reading it with textenc.Decode
// (UTF-8, UTF-16 or a legacy encoding of Chinese or Russian, with
// warnings) and removing the control characters TMX cannot carry (see
// dropControls, with warnings); a byte-order mark, CR LF line ends and a
// final line break are dropped. Warnings are whole lines, "NAME: warning:
// ..." or "NAME:LINE:COL: warning: ...".
func parseLines(b []byte, name string) (lines, warnings []string, err error) {
	t, err := textenc.Decode(b)
	if err != nil {
		return nil, nil, textenc.InFile(name, err)
	}
	for _, w := range t.Warnings {
		warnings = append(warnings, name+": warning: "+w)
	}
	text, dropped := dropControls(name, string(t.Bytes))
	warnings = append(warnings, dropped...)
	s := strings.TrimSuffix(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if s == "" {
		return nil, warnings, nil
	}
	return strings.Split(s, "\n"), warnings, nil
}

// pairWarnings returns the warnings of a termbase reader without those
// about terms of languages other than from and to, which a command
// working on that pair does not use: a termbase of many languages may
// hold dozens of empty German terms.
func pairWarnings(ws []interchange.Warning, from, to string) []interchange.Warning {
	return slices.DeleteFunc(slices.Clone(ws), func(w interchange.Warning) bool {
		return w.Lang != "" && lang.Base(w.Lang) != lang.Base(from) && lang.Base(w.Lang) != lang.Base(to)
	})
}

// readTerms reads a TBX termbase or, for a .tsv or .txt file, a glossary.
func readTerms(name, from, to string) (*interchange.Termbase, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tsv", ".txt", ".utf8", ".tab":
		return interchange.ReadTSV(f, name, from, to)
	}
	return interchange.ReadTBX(f, name)
}
