package cli

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tandemforum/tandem/internal/align"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/segment"
)

// runAlign links the sentences of a translation to those of its original:
//
//	tandem align --from zh --to ru [--terms FILE] [--tmx OUT.tmx] SOURCE TARGET
//
// SOURCE and TARGET hold one segment a line; a blank line in both ends a
// paragraph, and paragraphs are aligned in order. It prints one link a line
// as vecalign does: [i,j]:[k], 0-based line numbers.
func runAlign(ctx context.Context, env *Env, args []string) error {
	fs := env.newFlags("align", "align --from LANG --to LANG [--terms FILE.tbx|FILE.tsv] [--tmx OUT.tmx] SOURCE TARGET")
	from := fs.String("from", "", "language of SOURCE: zh, ru or en")
	to := fs.String("to", "", "language of TARGET")
	terms := fs.String("terms", "", "a termbase (TBX) or glossary (TSV) whose terms anchor the alignment")
	tmxOut := fs.String("tmx", "", "also write the aligned pairs to this TMX file")
	if err := parseInterspersed(fs, args); err != nil {
		return err
	}
	if *from == "" || *to == "" {
		return fmt.Errorf("%w: --from and --to are required", errUsage)
	}
	if fs.NArg() != 2 {
		return fmt.Errorf("%w: want SOURCE and TARGET", errUsage)
	}
	src, err := readLinesFile(fs.Arg(0))
	if err != nil {
		return err
	}
	tgt, err := readLinesFile(fs.Arg(1))
	if err != nil {
		return err
	}
	opt := align.Options{From: *from, To: *to, Hard: paragraphAnchors(src, tgt)}
	if *terms != "" {
		tb, err := readTerms(*terms, *from, *to)
		if err != nil {
			return err
		}
		printWarnings(env, tb.Warnings)
		for _, c := range tb.Entries {
			for _, s := range c.In(*from) {
				for _, t := range c.In(*to) {
					opt.Terms = append(opt.Terms, align.Term{Source: s.Text, Target: t.Text})
				}
			}
		}
	}
	beads := align.Align(src, tgt, opt)
	w := bufio.NewWriter(env.Stdout)
	for _, b := range beads {
		fmt.Fprintln(w, b)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if *tmxOut == "" {
		return nil
	}
	tm := &interchange.TMX{SrcLang: *from}
	joiner := func(lang string) string {
		if strings.HasPrefix(lang, "zh") || strings.HasPrefix(lang, "ja") {
			return ""
		}
		return " "
	}
	for _, b := range beads {
		if len(b.Src) == 0 || len(b.Tgt) == 0 {
			continue
		}
		var s, t []string
		for _, i := range b.Src {
			s = append(s, src[i])
		}
		for _, j := range b.Tgt {
			t = append(t, tgt[j])
		}
		st, tt := strings.Join(s, joiner(*from)), strings.Join(t, joiner(*to))
		if strings.TrimSpace(st) == "" || strings.TrimSpace(tt) == "" {
			continue
		}
		tm.Units = append(tm.Units, interchange.TU{
			Variants: []interchange.TUV{{Lang: *from, Seg: interchange.PlainText(st)}, {Lang: *to, Seg: interchange.PlainText(tt)}},
			Props:    map[string]string{"x-alignment": b.String()},
		})
	}
	var buf bytes.Buffer
	if err := interchange.WriteTMX(&buf, tm); err != nil {
		return err
	}
	return os.WriteFile(*tmxOut, buf.Bytes(), 0o644)
}

// readLinesFile reads a file of one segment a line, checking its encoding.
func readLinesFile(name string) ([]string, error) {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	if err := segment.CheckText(b, name); err != nil {
		return nil, err
	}
	s := strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	if s == "" {
		return nil, nil
	}
	lines := strings.Split(s, "\n")
	lines[0] = strings.TrimPrefix(lines[0], "\ufeff")
	return lines, nil
}

// paragraphAnchors pairs the blank lines of both files when they have as
// many: each blank line and the line after it start a link on both sides.
func paragraphAnchors(src, tgt []string) [][2]int {
	blanks := func(ls []string) []int {
		var out []int
		for i, l := range ls {
			if strings.TrimSpace(l) == "" {
				out = append(out, i)
			}
		}
		return out
	}
	bs, bt := blanks(src), blanks(tgt)
	if len(bs) == 0 || len(bs) != len(bt) {
		return nil
	}
	var out [][2]int
	for k := range bs {
		out = append(out, [2]int{bs[k], bt[k]}, [2]int{bs[k] + 1, bt[k] + 1})
	}
	return out
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

// parseInterspersed parses flags that may come before or after the
// positional arguments ("SOURCE TARGET --tmx OUT.tmx").
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := parse(fs, args); err != nil {
			return err
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	return fs.Parse(append([]string{"--"}, pos...))
}
