package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tandemforum/tandem/internal/doc"
)

// ErrFrontMatter is wrapped by Read for front matter that is not valid
// YAML.
var ErrFrontMatter = errors.New("bad front matter")

// frontMatter is the metadata a Markdown file gives in YAML between ---
// lines at its start, as pandoc, Jekyll and Hugo read it.
type frontMatter struct {
	title    string
	authors  []string
	lang     string
	abstract string
	keywords []string
	date     string
	// ignored are the keys the model has no room for, in their order.
	ignored []string
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): `)

// splitFrontMatter takes YAML front matter off the start of src: a line
// "---", a YAML mapping, and a line "---" or "...". It returns the rest of
// the source with the front matter's lines left empty, so that line
// numbers stay, and the front matter or nil when there was none. A block
// between --- lines that holds nothing (or only comments) is empty front
// matter; one that is not a mapping is Markdown (a rule and a heading);
// one that is not YAML at all is an error naming its line.
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
	fm := &frontMatter{}
	switch {
	case n.Kind == 0:
		// Nothing but blank lines and comments: empty front matter, as
		// Jekyll's "---" and "---" ask for processing without metadata.
	case n.Kind != yaml.DocumentNode || len(n.Content) != 1 || n.Content[0].Kind != yaml.MappingNode:
		return src, nil, nil // two rules around a paragraph, or a rule and a heading: Markdown
	default:
		fm.read(n.Content[0])
	}
	out := make([]byte, 0, len(src))
	out = append(out, bytes.Repeat([]byte("\n"), bytes.Count(src[:end], []byte("\n")))...)
	out = append(out, src[end:]...)
	return out, fm, nil
}

// read takes the metadata the model keeps from the mapping m and names
// the keys it does not keep.
func (fm *frontMatter) read(m *yaml.Node) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		key, val := m.Content[i].Value, m.Content[i+1]
		switch strings.ToLower(key) {
		case "title":
			fm.title = strings.Join(strings.Fields(scalar(val)), " ")
		case "author", "authors":
			fm.authors = append(fm.authors, names(val)...)
		case "lang", "language":
			fm.lang = strings.TrimSpace(scalar(val))
		case "abstract", "description":
			if a := strings.TrimSpace(paragraphs(val)); a != "" && fm.abstract == "" {
				fm.abstract = a
			}
		case "keywords", "tags":
			fm.keywords = append(fm.keywords, keywords(val)...)
		case "date":
			fm.date = strings.TrimSpace(scalar(val))
		default:
			fm.ignored = append(fm.ignored, key)
		}
	}
}

// paragraphs reads a scalar, or a list of paragraphs joined by blank lines.
func paragraphs(n *yaml.Node) string {
	if n.Kind != yaml.SequenceNode {
		return scalar(n)
	}
	var parts []string
	for _, k := range n.Content {
		if s := strings.TrimSpace(scalar(k)); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, "\n\n")
}

// keywords reads a list of keywords, or one string of them separated by
// commas or semicolons (of any script: "，" "；" "、" too).
func keywords(n *yaml.Node) []string {
	var out []string
	switch n.Kind {
	case yaml.ScalarNode:
		out = doc.SplitKeywords(n.Value)
	case yaml.SequenceNode:
		for _, k := range n.Content {
			if s := strings.Join(strings.Fields(scalar(k)), " "); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
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
