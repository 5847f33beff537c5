package doc

import "strings"

// CodeOf returns ins set as code, as a reader reads an element of code
// (<code>, <kbd>) around them: each text becomes a Code inline of that
// text, and the marks, breaks and other leaves stay around and between
// them, so that <code><b>x</b></code> is a Strong around a Code. ins is
// not changed.
func CodeOf(ins []Inline) []Inline {
	out := make([]Inline, 0, len(ins))
	for _, in := range ins {
		switch {
		case in.Type == Text:
			in.Type = Code
		case in.Type.IsMark():
			in.Content = CodeOf(in.Content)
		}
		out = append(out, in)
	}
	return MergeText(out)
}

// CodeLanguage returns the programming language an HTML class attribute
// names the way Markdown converters and highlighters write it
// ("language-go", "lang-go"), or "".
func CodeLanguage(class string) string {
	for _, c := range strings.Fields(class) {
		for _, prefix := range []string{"language-", "lang-"} {
			if l, ok := strings.CutPrefix(c, prefix); ok && l != "" {
				return l
			}
		}
	}
	return ""
}

// codeSpan writes s as a Markdown code span: between runs of backticks
// one longer than the longest run in s, with a space inside each when s
// begins or ends with a backtick, or begins and ends with a space (which
// CommonMark would strip), and line ends made spaces, as CommonMark reads
// them.
func codeSpan(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	fence := strings.Repeat("`", longestRun(s, '`')+1)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") ||
		(strings.HasPrefix(s, " ") && strings.HasSuffix(s, " ") && strings.Trim(s, " ") != "") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// codeFence returns the fence of a Markdown code block of text: at
// least three backticks, one more than any run of backticks at the start
// of a line of text (which could close it), or tildes when the info
// string holds a backtick, which a backtick fence's may not.
func codeFence(text, info string) string {
	c := byte('`')
	if strings.Contains(info, "`") {
		c = '~'
	}
	n := 3
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimLeft(line, " ")
		k := 0
		for k < len(line) && line[k] == c {
			k++
		}
		n = max(n, k+1)
	}
	return strings.Repeat(string(c), n)
}

// longestRun returns the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	most, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			most = max(most, n)
		} else {
			n = 0
		}
	}
	return most
}
