package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// mathNode is a formula in TeX between $ and $ (inline) or $$ and $$
// (display), as pandoc and GitHub read them.
type mathNode struct {
	ast.BaseInline
	tex     string
	display bool
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

// mathExtension adds mathParser to a goldmark parser, before the other
// inline parsers so that TeX is not read as emphasis.
func mathExtension() parser.Option {
	return parser.WithInlineParsers(util.Prioritized(mathParser{}, 50))
}
