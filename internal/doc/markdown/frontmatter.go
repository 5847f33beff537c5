package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// ErrFrontMatter is wrapped by Read for front matter that is not valid
// YAML.
var ErrFrontMatter = errors.New("bad front matter")

// frontMatter is the metadata a Markdown file gives in YAML between ---
// lines at its start, as pandoc, Jekyll and Hugo read it.
type frontMatter struct {
	title   string
	authors []string
	lang    string
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// splitFrontMatter takes YAML front matter off the start of src: a line
// "---", a YAML mapping, and a line "---" or "...". It returns the rest of
// the source with the front matter's lines left empty, so that line
// numbers stay, and whether there was front matter. A block between ---
// lines that is not a mapping is Markdown (a rule and a heading); one
// that is not YAML at all is an error naming its line.
func splitFrontMatter(src []byte) ([]byte, *frontMatter, error) {
	first, _, ok := bytes.Cut(src, []byte("\n"))
	if !ok || strings.TrimRight(string(first), " \t\r") != "---" {
		return src, nil, nil
	}
	var body []byte
	end := -1
	for off := len(first) + 1; off < len(src); {
		line, _, _ := bytes.Cut(src[off:], []byte("\n"))
		if t := strings.TrimRight(string(line), " \t\r"); t == "---" || t == "..." {
			body = src[len(first)+1 : off]
			end = off + len(line)
			break
		}
		off += len(line) + 1
	}
	if end < 0 {
		return src, nil, nil
	}
	var n yaml.Node
	if err := yaml.Unmarshal(body, &n); err != nil {
		msg := err.Error()
		line := 0
		if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = msg[len(m[0]):]
		}
		msg = strings.TrimPrefix(msg, "yaml: ")
		if line > 0 {
			return nil, nil, fmt.Errorf("line %d: %w: %s", line+1, ErrFrontMatter, msg)
		}
		return nil, nil, fmt.Errorf("%w: %s", ErrFrontMatter, msg)
	}
	if n.Kind != yaml.DocumentNode || len(n.Content) != 1 || n.Content[0].Kind != yaml.MappingNode {
		return src, nil, nil // two rules, or a rule and a heading: Markdown
	}
	fm := &frontMatter{}
	m := n.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i].Value, m.Content[i+1]
		switch strings.ToLower(key) {
		case "title":
			fm.title = strings.Join(strings.Fields(scalar(val)), " ")
		case "author", "authors":
			fm.authors = append(fm.authors, names(val)...)
		case "lang", "language":
			fm.lang = strings.TrimSpace(scalar(val))
		}
	}
	out := make([]byte, 0, len(src))
	out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(src[:end], []byte("\n")))...)
	out = append(out, src[end:]...)
	return out, fm, nil
}

func scalar(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return ""
}

// names reads authors: a name, a list of names, or a list of mappings
// with a name (pandoc's form).
func names(n *yaml.Node) []string {
	var out []string
	add := func(s string) {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			out = append(out, s)
		}
	}
	switch n.Kind {
	case yaml.ScalarNode:
		add(n.Value)
	case yaml.SequenceNode:
		for _, k := range n.Content {
			switch k.Kind {
			case yaml.ScalarNode:
				add(k.Value)
			case yaml.MappingNode:
				for i := 0; i+1 < len(k.Content); i += 2 {
					if strings.EqualFold(k.Content[i].Value, "name") {
						add(scalar(k.Content[i+1]))
					}
				}
			}
		}
	}
	return out
}
