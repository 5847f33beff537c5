package segment

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dlclark/regexp2/v2"

	"github.com/tandemforum/tandem/internal/textenc"
)

// SRX holds segmentation rules read from an SRX 2.0 file, the format OmegaT,
// Okapi and Trados share. Its rules are Java regular expressions with
// look-ahead and look-behind, which Go's regexp cannot run; they run on
// regexp2's backtracking engine instead.
type SRX struct {
	Cascade bool
	// Warnings lists what ReadSRX assumed, one line each, "FILE:LINE:
	// warning: MESSAGE": a declaration the byte-order mark contradicts.
	Warnings []string
	rules    map[string][]srxRule // by languagerulename
	maps     []srxMap
}

type srxRule struct {
	Break         bool
	Before, After string
	re            *regexp2.Regexp // (?<=Before)(?=After)
}

type srxMap struct {
	pattern *regexp.Regexp
	rule    string
}

// srxMatchTimeout bounds one rule's scan of one text, so that a
// pathological expression in a user's file cannot hang the program.
const srxMatchTimeout = 2 * time.Second

// ReadSRX parses an SRX 2.0 document, in any encoding textenc.DecodeXML
// reads (UTF-8 or UTF-16 with or without a byte-order mark, or what its
// declaration names). A file that is not an SRX document (not XML, text
// before or after the root element, another root element) is refused.
// Errors carry the file name, line and column.
func ReadSRX(r io.Reader, name string) (*SRX, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	text, err := textenc.DecodeXML(data)
	if err != nil {
		var e *textenc.Error
		if errors.As(err, &e) && e.Found != "" && e.Found != "a binary file" {
			return nil, fmt.Errorf("%s:%d:%d: this is %s, not an SRX rule file", name, e.Line, e.Col, e.Found)
		}
		return nil, textenc.InFile(name, err)
	}
	d := xml.NewDecoder(bytes.NewReader(text.Bytes))
	// Cascading is the default when the header does not say (OmegaT's
	// own rules rely on it).
	s := &SRX{rules: map[string][]srxRule{}, Cascade: true}
	for _, w := range text.Warnings {
		s.Warnings = append(s.Warnings, name+":1: warning: "+w)
	}
	fail := func(line, col int, format string, args ...any) error {
		return fmt.Errorf("%s:%d:%d: %s", name, line, col, fmt.Sprintf(format, args...))
	}
	var (
		stack    []string
		ruleName string
		cur      *srxRule
		rule     strings.Builder
		sawRoot  bool
		ruleLine int
		ruleCol  int
	)
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				l, c := d.InputPos()
				return nil, fail(l, c, "%s", se.Msg)
			}
			return nil, fail(line, col, "%v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			el := t.Name.Local
			parent := ""
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			} else if sawRoot {
				return nil, fail(line, col, "a second root element <%s> after the end of <srx>", el)
			} else if el != "srx" {
				return nil, fail(line, col, "root element <%s>, want <srx>: this is not an SRX rule file", el)
			}
			stack = append(stack, el)
			switch el {
			case "srx":
				if parent != "" {
					return nil, fail(line, col, "nested <srx>")
				}
				sawRoot = true
				if v := attr(t, "version"); v != "2.0" {
					return nil, fail(line, col, "SRX version %q, want 2.0", v)
				}
			case "header":
				s.Cascade = attr(t, "cascade") != "no"
			case "languagerule":
				ruleName = attr(t, "languagerulename")
				if ruleName == "" {
					return nil, fail(line, col, "<languagerule> without languagerulename")
				}
				if _, dup := s.rules[ruleName]; dup {
					return nil, fail(line, col, "language rule %q defined twice", ruleName)
				}
				s.rules[ruleName] = nil
			case "rule":
				if parent != "languagerule" {
					return nil, fail(line, col, "<rule> outside <languagerule>")
				}
				cur = &srxRule{Break: attr(t, "break") != "no"}
				ruleLine, ruleCol = line, col
			case "beforebreak", "afterbreak":
				if cur == nil {
					return nil, fail(line, col, "<%s> outside <rule>", el)
				}
				rule.Reset()
			case "languagemap":
				pat, rn := attr(t, "languagepattern"), attr(t, "languagerulename")
				// Language tags are case-insensitive: OmegaT writes "ZH.*" and
				// tandem says "zh-CN".
				re, err := regexp.Compile("(?i)^(?:" + pat + ")$")
				if err != nil {
					return nil, fail(line, col, "languagepattern %q: %v", pat, err)
				}
				s.maps = append(s.maps, srxMap{re, rn})
			}
		case xml.CharData:
			if n := len(stack); n > 0 && (stack[n-1] == "beforebreak" || stack[n-1] == "afterbreak") {
				rule.Write(t)
			} else if n == 0 && sawRoot && len(bytes.TrimSpace(t)) > 0 {
				// DecodeXML has refused text before the root.
				for _, c := range t[:len(t)-len(bytes.TrimLeft(t, " \t\r\n"))] {
					if c == '\n' {
						line, col = line+1, 1
					} else {
						col++
					}
				}
				return nil, fail(line, col, "%s after the end of the root element <srx>", textenc.Excerpt(string(t)))
			}
		case xml.EndElement:
			el := t.Name.Local
			stack = stack[:len(stack)-1]
			switch el {
			case "beforebreak":
				cur.Before = rule.String()
			case "afterbreak":
				cur.After = rule.String()
			case "rule":
				pattern := "(?<=" + cur.Before + ")(?=" + cur.After + ")"
				re, err := regexp2.Compile(pattern, regexp2.None)
				if err != nil {
					return nil, fail(ruleLine, ruleCol, "rule %q / %q: %v", cur.Before, cur.After, err)
				}
				re.MatchTimeout = srxMatchTimeout
				cur.re = re
				s.rules[ruleName] = append(s.rules[ruleName], *cur)
				cur = nil
			}
		}
	}
	for _, m := range s.maps {
		if _, ok := s.rules[m.rule]; !ok {
			return nil, fmt.Errorf("%s: languagemap names unknown rule %q", name, m.rule)
		}
	}
	return s, nil
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// ForLanguage returns a Splitter applying the SRX rules that map to lang:
// with cascade, the rules of every matching map in order, else those of the
// first.
func (s *SRX) ForLanguage(lang string) (Splitter, error) {
	var rules []srxRule
	for _, m := range s.maps {
		if !m.pattern.MatchString(lang) {
			continue
		}
		rules = append(rules, s.rules[m.rule]...)
		if !s.Cascade {
			break
		}
	}
	if len(rules) == 0 {
		return nil, fmt.Errorf("srx: no rules map to language %q", lang)
	}
	return &srxSplitter{rules: rules}, nil
}

type srxSplitter struct {
	rules []srxRule
}

// Split applies the rules in order at every position where a break rule
// matches: the first rule that matches there decides. A rule that times out
// is treated as not matching.
func (sp *srxSplitter) Split(text string) []Span {
	var spans []Span
	for _, p := range paragraphs(text) {
		para := text[p.Start:p.End]
		matches := make([]map[int]bool, len(sp.rules))
		candidates := map[int]bool{}
		for i, r := range sp.rules {
			idx, err := r.re.FindAllStringIndex(para, -1)
			if err != nil {
				continue
			}
			matches[i] = make(map[int]bool, len(idx))
			for _, m := range idx {
				matches[i][m[0]] = true
				if r.Break {
					candidates[m[0]] = true
				}
			}
		}
		var breaks []int
		for pos := range candidates {
			if pos == 0 || pos >= len(para) {
				continue
			}
			for i, r := range sp.rules {
				if matches[i][pos] {
					if r.Break {
						breaks = append(breaks, pos)
					}
					break
				}
			}
		}
		sort.Ints(breaks)
		start := 0
		for _, b := range append(breaks, len(para)) {
			s, e := trim(para, start, b)
			if s < e && utf8.ValidString(para[s:e]) {
				spans = append(spans, Span{p.Start + s, p.Start + e})
			}
			start = b
		}
	}
	return spans
}
