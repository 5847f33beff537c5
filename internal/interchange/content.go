// Package interchange reads and writes the files tandem exchanges with
// desktop CAT tools: XLIFF 1.2, 2.0 and 2.1 (texts to translate), TMX 1.4b
// (translation memories; TMX 1.1 is read too), TBX (termbases: v2 martif
// written, v2 and v3 read) and plain TSV glossaries. Readers take files as
// other tools write them (a byte-order mark, UTF-16, white space before the
// declaration) and refuse, with line and column, only what is not of their
// format or not well-formed; an odd element in a good file is skipped or
// read as best it can be, with a Warning naming its line.
package interchange

import (
	"strings"
	"unicode/utf8"
)

// RunKind says what a run of segment content is.
type RunKind int

const (
	// Text is plain text.
	Text RunKind = iota
	// Open starts a span of formatting (bold, a link); a Close with the
	// same ID ends it.
	Open
	// Close ends the span opened by the Open with the same ID.
	Close
	// Standalone is a code on its own: a line break, an image, a
	// footnote mark, a variable.
	Standalone
)

// Gap marks, in content being read or checked, the place of a code that
// was dropped; CloseGaps takes it out again, with the white space the code
// leaves doubled. Finished content (what readers return, what writers
// take) never holds one.
const Gap RunKind = -1

// A Run is one piece of segment content: text, or an inline code.
type Run struct {
	Kind RunKind
	Text string // for Text
	ID   string // for codes; an Open and its Close share it
	// Type names the formatting, such as "bold", "italic", "link",
	// "footnote" (XLIFF ctype and type, TMX type).
	Type string
	// Code is the original native code the run stands for, when the
	// format carries it (XLIFF 1.2 bpt/ept/ph, 2.x originalData, TMX).
	Code string
	// Disp is what a tool shows in place of a standalone code when that
	// is not its native code: the value a field last showed ("5" for
	// PAGEREF _Ref1 \h). XLIFF 2 writes it as disp, XLIFF 1.2 as
	// equiv-text.
	Disp string
}

// Content is a segment's text with its inline codes.
type Content []Run

// PlainText returns the text without codes.
func PlainText(s string) Content {
	if s == "" {
		return nil
	}
	return Content{{Kind: Text, Text: s}}
}

// Plain returns the text of c without its codes.
func (c Content) Plain() string {
	var b strings.Builder
	for _, r := range c {
		if r.Kind == Text {
			b.WriteString(r.Text)
		}
	}
	return b.String()
}

// Codes returns the inline codes of c, in order.
func (c Content) Codes() []Run {
	var out []Run
	for _, r := range c {
		if r.Kind != Text {
			out = append(out, r)
		}
	}
	return out
}

// IsEmpty reports whether c has neither text nor codes.
func (c Content) IsEmpty() bool {
	for _, r := range c {
		if r.Kind != Text || r.Text != "" {
			return false
		}
	}
	return true
}

// AppendText adds text to c, merging it with a text run before it.
func (c Content) AppendText(s string) Content {
	if s == "" {
		return c
	}
	if n := len(c); n > 0 && c[n-1].Kind == Text {
		c[n-1].Text += s
		return c
	}
	return append(c, Run{Kind: Text, Text: s})
}

// Pairs reports, for each Open in c, whether its Close follows within the
// same nesting level, so that writers can use a paired element (XLIFF g,
// pc) for it; others are written as separate start and end codes.
func (c Content) Pairs() map[int]int {
	out := map[int]int{}
	var stack []int
	for i, r := range c {
		switch r.Kind {
		case Open:
			stack = append(stack, i)
		case Close:
			if n := len(stack); n > 0 && c[stack[n-1]].ID == r.ID {
				out[stack[n-1]] = i
				stack = stack[:n-1]
			} else {
				// Overlapping or unmatched: nothing outside can pair.
				stack = stack[:0]
			}
		}
	}
	return out
}

// fillCloseTypes gives each Close the Type of its Open, which formats such
// as XLIFF 1.2 <ept> do not repeat.
func (c Content) fillCloseTypes() Content {
	open := map[string]string{}
	for i, r := range c {
		switch r.Kind {
		case Open:
			open[r.ID] = r.Type
		case Close:
			if r.Type == "" {
				c[i].Type = open[r.ID]
			}
		}
	}
	return c
}

// gapSpace is the white space CloseGaps collapses.
const gapSpace = " \t\n\u00a0\u3000"

// closingMarks are the punctuation marks that follow a word without a
// space: "word." not "word .".
const closingMarks = ".,;:!?…)]}»”’%。，、；：！？）」』】〉》"

// CloseGaps removes the Gap marks of c and the white space a dropped code
// leaves doubled around its place: "run {code} {code} and" without the
// repeat is "run {code} and", not "run {code}  and", and "word {code}."
// without the code is "word.", as is a space left at either end. The text
// on each side is the nearest text run, past the opening and closing codes
// of spans (which take no room) but not past a standalone code.
func CloseGaps(c Content) Content {
	// side returns the index of the nearest text run from i in direction
	// step, -1 at the end of c, -2 at a standalone code.
	side := func(i, step int) int {
		for j := i + step; j >= 0 && j < len(c); j += step {
			switch c[j].Kind {
			case Text:
				if c[j].Text != "" {
					return j
				}
			case Standalone:
				return -2
			}
		}
		return -1
	}
	found := false
	for i, r := range c {
		if r.Kind != Gap {
			continue
		}
		found = true
		li, ri := side(i, -1), side(i, 1)
		leftSpace := li >= 0 && strings.ContainsRune(gapSpace, lastRune(c[li].Text))
		if ri >= 0 && strings.ContainsRune(gapSpace, firstRune(c[ri].Text)) && (leftSpace || li == -1) {
			c[ri].Text = strings.TrimLeft(c[ri].Text, gapSpace)
			if c[ri].Text == "" {
				ri = side(ri, 1)
			}
		}
		if leftSpace && (ri == -1 || ri >= 0 && strings.ContainsRune(closingMarks, firstRune(c[ri].Text))) {
			c[li].Text = strings.TrimRight(c[li].Text, gapSpace)
		}
	}
	if !found {
		return c
	}
	out := make(Content, 0, len(c))
	for _, r := range c {
		switch {
		case r.Kind == Gap:
		case r.Kind == Text:
			out = out.AppendText(r.Text)
		default:
			out = append(out, r)
		}
	}
	return out
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}
