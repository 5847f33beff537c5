package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mathNode is a formula in TeX between $ and $ (inline) or $$ and $$
// (display), as pandoc and GitHub read them, or a MathML <math> element
// on one line (mathml), as tandem writes a formula that has no TeX.
type mathNode struct {
	ast.BaseInline
	tex     string
	display bool
	mathml  string
}

var kindMath = ast.NewNodeKind("Math")

func (n *mathNode) Kind() ast.NodeKind { return kindMath }

func (n *mathNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"tex": n.tex}, nil)
}

// mathParser finds formulas on one line. An opening $ must be followed by
// a non-space and a closing $ preceded by one and not followed by a digit,
// so that "$5 and $10" stays text.
type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if len(line) < 2 || line[0] != '$' {
		return nil
	}
	display := line[1] == '$'
	open := 1
	if display {
		open = 2
	}
	if len(line) <= open || line[open] == ' ' || line[open] == '\t' || line[open] == '\n' {
		return nil
	}
	for i := open; i < len(line); i++ {
		switch line[i] {
		case '\\':
			i++
			continue
		case '\n':
			return nil
		case '$':
		default:
			continue
		}
		if display {
			if i+1 >= len(line) || line[i+1] != '$' {
				continue
			}
		} else if line[i-1] == ' ' || line[i-1] == '\t' || (i+1 < len(line) && line[i+1] >= '0' && line[i+1] <= '9') {
			continue
		}
		tex := string(bytes.TrimSpace(line[open:i]))
		if tex == "" {
			return nil
		}
		block.Advance(i + open)
		return &mathNode{tex: tex, display: display}
	}
	return nil
}

// mathMLParser finds a <math> element and its end on one line, before
// goldmark's raw HTML parser takes its tags one by one.
type mathMLParser struct{}

func (mathMLParser) Trigger() []byte { return []byte{'<'} }

func (mathMLParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	// Lower case for ASCII only, so that offsets stay those of line.
	lower := make([]byte, len(line))
	for i, c := range line {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	if !bytes.HasPrefix(lower, []byte("<math")) || len(line) < 6 || !bytes.ContainsRune([]byte(" \t\n/>"), rune(line[5])) {
		return nil
	}
	end := bytes.Index(lower, []byte("</math>"))
	if end < 0 {
		return nil
	}
	end += len("</math>")
	block.Advance(end)
	return &mathNode{mathml: string(line[:end])}
}

// mathExtension adds mathParser and mathMLParser to a goldmark parser,
// before the other inline parsers so that TeX is not read as emphasis nor
// MathML as tags to drop.
func mathExtension() parser.Option {
	return parser.WithInlineParsers(util.Prioritized(mathParser{}, 50), util.Prioritized(mathMLParser{}, 50))
}
