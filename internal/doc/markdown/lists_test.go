package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
)

// TestListsRoundTrip writes ordered lists into Markdown and reads them
// back: each stays ordered, with its start, its style and its items'
// labels, and no label is typed into an item's text; the HTML of the
// result shows the labels the source's HTML shows. Lists numbered in
// plain numbers stay Markdown lists.
func TestListsRoundTrip(t *testing.T) {
	para := func(s string) doc.Block {
		return doc.Block{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: s}}}
	}
	n := 0
	list := func(style string, start int, labels ...string) *doc.List {
		l := &doc.List{Ordered: true, Style: style, Start: start}
		for _, lab := range labels {
			n++
			l.Items = append(l.Items, doc.Item{Label: lab, Blocks: []doc.Block{para("Пункт " + itoa(n) + ".")}})
		}
		return l
	}
	nested := list("", 1, "1)", "2)")
	nested.Items[0].Blocks = append(nested.Items[0].Blocks, doc.Block{Type: doc.ListBlock, List: list("cyrillic-lower", 1, "а)", "б)")})
	cases := []struct {
		name     string
		list     *doc.List
		markdown string // what the Markdown holds
	}{
		{"decimal from three", list("", 3, "", ""), "\n3. Пункт "},
		{"decimal with parentheses", list("", 1, "1)", "2)"), "\n1) Пункт "},
		{"lower letters", list("lower-alpha", 1, "", ""), `style="list-style-type:lower-alpha"`},
		{"upper letters from four", list("upper-alpha", 4, "", ""), `start="4"`},
		{"roman numerals", list("upper-roman", 1, "", ""), `style="list-style-type:upper-roman"`},
		{"chinese counting", list("cjk-ideographic", 1, "", ""), `style="list-style-type:cjk-ideographic"`},
		{"russian letters", list("cyrillic-lower", 1, "а)", "б)"), `<span class="label">а)</span>`},
		{"articles", list("", 1, "Статья 1.", "Статья 2."), `<span class="label">Статья 1.</span>`},
		{"nested", nested, `<span class="label">б)</span>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := &doc.Document{Version: doc.Version, Lang: "ru", Blocks: []doc.Block{{Type: doc.ListBlock, List: c.list}}}
			doc.AssignIDs(d)
			var md bytes.Buffer
			if err := doc.WriteMarkdown(&md, d); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(md.String(), c.markdown) {
				t.Errorf("the Markdown lacks %s:\n%s", c.markdown, md.String())
			}
			back, err := Read(md.Bytes(), "ru", Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(back.Blocks) != 1 || back.Blocks[0].List == nil {
				t.Fatalf("read back %+v from\n%s", back.Blocks, md.String())
			}
			if got, want := shape(back.Blocks[0].List), shape(c.list); got != want {
				t.Errorf("read back\n%s\nwant\n%s\nfrom\n%s", got, want, md.String())
			}
			var h1, h2 bytes.Buffer
			doc.WriteHTML(&h1, d, doc.HTMLOptions{})
			doc.WriteHTML(&h2, back, doc.HTMLOptions{})
			if a, b := listHTML(h1.String()), listHTML(h2.String()); a != b {
				t.Errorf("HTML of the read-back list\n%s\nwant\n%s", b, a)
			}
		})
	}
}

// shape is a list as the round trip must keep it: kind, start, style,
// and each item's label and text.
func shape(l *doc.List) string {
	var b strings.Builder
	start := l.Start
	if l.Ordered && start == 0 {
		start = 1
	}
	b.WriteString("ordered=" + map[bool]string{true: "yes", false: "no"}[l.Ordered] + " start=" + itoa(start) + " style=" + l.Style + "\n")
	for _, it := range l.Items {
		b.WriteString("item [" + it.Label + "]")
		for i := range it.Blocks {
			if it.Blocks[i].List != nil {
				b.WriteString("\n  " + strings.ReplaceAll(shape(it.Blocks[i].List), "\n", "\n  "))
				continue
			}
			b.WriteString(" " + doc.BlockText(&it.Blocks[i]))
		}
		b.WriteString("\n")
	}
	return b.String()
}

// listHTML is the <ol> of an HTML page without its identifiers, which
// Markdown does not keep.
func listHTML(page string) string {
	i, j := strings.Index(page, "<ol"), strings.LastIndex(page, "</ol>")
	if i < 0 || j < i {
		return ""
	}
	return regexp.MustCompile(` id="[^"]*"`).ReplaceAllString(page[i:j], "")
}

func itoa(n int) string { return strconv.Itoa(n) }
