package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/doc"
)

const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// escapeCases returns texts with every ASCII punctuation character in
// every position: alone, at the start and end, inside a word, next to
// spaces, doubled and tripled, and next to every other one.
func escapeCases() []string {
	var out []string
	for _, p := range asciiPunct {
		c := string(p)
		for _, form := range []string{"%s", "%sa", "a%s", "a%sb", "a %s b", "a%s b", "a %sb", "%s a", "a %s",
			"%s%s", "%s%s%s", "a %s%s b", "x%s%s%sy", "%s%sword%s%s", "1%s 2", "1%s", "%s1", "%s %s %s",
			"<%sx>", "&%samp;", "[x]%s(y)", "%s[x](y)", "file%sname%sv2", "a %s b %s c"} {
			out = append(out, strings.ReplaceAll(form, "%s", c))
		}
		for _, q := range asciiPunct {
			out = append(out, c+string(q), "a"+c+string(q)+"b", c+string(q)+" x "+string(q)+c)
		}
	}
	return append(out,
		"The file_name_v2 costs 5 * 3 [approx.] and a < b.",
		`Use \<b\> and 2 \* 3`, `a\`, `\\`, `C:\temp\new`, "&amp; &#x4E2D; &#20013; &copy;", "&nosuch; & x;y",
		"<b>not bold</b>", "<!-- not a comment -->", "<https://example.org>", "[^1] is no note", "[label]: /url",
		"![not](an image)", "$5 and $10", "$x$ is no formula", "$$x$$", "~~not struck~~", "**not strong**",
		"_not emphasis_", "__init__", "snake_case_name", "* * *", "- - -", "_ _ _", "---", "===", "# not a heading",
		"#hashtag", "1. not a list", "1) not a list", "2021. A year", "1.5 million", "+ not a list", "> not a quote",
		"| a | b |", "|---|---|", ":--- | ---:", "a | b", "C #", "C ##", "C#", "heading {#id}", "{.class}",
		"```not code```", "~~~", "`x`", "a  b", "tab\there", "中文_测试_文本", "naïve_café", "&#0; &#xD800;",
		"a\\*b", "\\_", "end\\", "x <", "x &", "x [", "x ]", "x !", "emph *", "* emph")
}

// roundTrip writes a document with one text in many places (a paragraph,
// a heading, a table cell, a link, emphasis, a list, an image's
// description and caption, a line after a hard break, a footnote, a
// highlight) as
// Markdown, reads it back and checks that every place has the same text
// and that writing it again gives the same bytes.
func roundTrip(t *testing.T, s string) {
	t.Helper()
	txt := func() []doc.Inline { return []doc.Inline{{Type: doc.Text, Text: s}} }
	para := func(ins ...doc.Inline) doc.Block { return doc.Block{Type: doc.Paragraph, Inlines: ins} }
	d := &doc.Document{Version: doc.Version, Lang: "en", Blocks: []doc.Block{
		para(txt()...),
		{Type: doc.Heading, Level: 2, Inlines: txt()},
		{Type: doc.TableBlock, Table: &doc.Table{Rows: []doc.Row{
			{Header: true, Cells: []doc.Cell{{Blocks: []doc.Block{para(doc.Inline{Type: doc.Text, Text: "h"})}}}},
			{Cells: []doc.Cell{{Blocks: []doc.Block{para(txt()...)}}}},
		}}},
		para(doc.Inline{Type: doc.Text, Text: "see "}, doc.Inline{Type: doc.Link, Href: "https://example.org/" + s, Content: txt()}, doc.Inline{Type: doc.Text, Text: " now"}),
		para(doc.Inline{Type: doc.Text, Text: "an "}, doc.Inline{Type: doc.Emph, Content: txt()}, doc.Inline{Type: doc.Text, Text: " word"}),
		para(append(append(txt(), doc.Inline{Type: doc.LineBreak}), txt()...)...),
		{Type: doc.ListBlock, List: &doc.List{Items: []doc.Item{{Blocks: []doc.Block{para(txt()...)}}}}},
		{Type: doc.FigureBlock, Figure: &doc.Figure{Src: "https://example.org/a.png", Alt: s, Caption: txt()}},
		para(append(txt(), doc.Inline{Type: doc.NoteRef, Note: "n1"})...),
		para(doc.Inline{Type: doc.Text, Text: "a "}, doc.Inline{Type: doc.Styled, Style: &doc.Style{Highlight: "yellow"}, Content: txt()}, doc.Inline{Type: doc.Text, Text: "!"}),
	}, Notes: []doc.Note{{ID: "n1", Type: doc.Footnote, Blocks: []doc.Block{para(txt()...)}}}}
	var w1 bytes.Buffer
	if err := doc.WriteMarkdown(&w1, d); err != nil {
		t.Fatal(err)
	}
	back, err := Read(w1.Bytes(), "en", Limits{})
	if err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	want := []string{
		"P[" + s + "]", "H[" + s + "]", "T[h|" + s + "]", "P[see L(https://example.org/" + s + ")[" + s + "] now]",
		"P[an E[" + s + "] word]", "P[" + s + "/" + s + "]", "L[P[" + s + "]]", "F(" + s + ")[" + s + "]", "P[" + s + "^]",
		"P[a styled{" + s + "}!]",
	}
	got := shapes(back.Blocks)
	for i := range want {
		if i >= len(got) || got[i] != want[i] {
			g := ""
			if i < len(got) {
				g = got[i]
			}
			t.Errorf("text %q, block %d: read back as %q, want %q; Markdown:\n%s", s, i, g, want[i], w1.Bytes())
			return
		}
	}
	if len(back.Notes) != 1 || shapes(back.Notes[0].Blocks)[0] != "P["+s+"]" {
		t.Errorf("text %q: the footnote reads back as %q; Markdown:\n%s", s, shapes(back.Notes[0].Blocks), w1.Bytes())
	}
	var w2 bytes.Buffer
	if err := doc.WriteMarkdown(&w2, back); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(w1.Bytes(), w2.Bytes()) {
		t.Errorf("text %q: written again, the Markdown changes:\n%s\n---\n%s", s, w1.Bytes(), w2.Bytes())
	}
}

// shapes describes blocks compactly: P[…] a paragraph, H[…] a heading,
// T[cell|cell] a table, L[…] a list, F(alt)[caption] a figure; inside,
// text as it is, E[…] emphasis, L(href)[…] a link, / a line break, ^ a
// note reference.
func shapes(bs []doc.Block) []string {
	var out []string
	for _, b := range bs {
		switch b.Type {
		case doc.Paragraph:
			out = append(out, "P["+inlineShape(b.Inlines)+"]")
		case doc.Heading:
			out = append(out, "H["+inlineShape(b.Inlines)+"]")
		case doc.TableBlock:
			var cells []string
			for _, r := range b.Table.Rows {
				for _, c := range r.Cells {
					cells = append(cells, strings.Join(shapesInner(c.Blocks), ""))
				}
			}
			out = append(out, "T["+strings.Join(cells, "|")+"]")
		case doc.ListBlock:
			var items []string
			for _, it := range b.List.Items {
				items = append(items, strings.Join(shapes(it.Blocks), ""))
			}
			out = append(out, "L["+strings.Join(items, ",")+"]")
		case doc.FigureBlock:
			out = append(out, "F("+b.Figure.Alt+")["+inlineShape(b.Figure.Caption)+"]")
		default:
			out = append(out, string(b.Type))
		}
	}
	return out
}

func shapesInner(bs []doc.Block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, inlineShape(b.Inlines))
	}
	return out
}

func inlineShape(ins []doc.Inline) string {
	var b strings.Builder
	for _, in := range ins {
		switch in.Type {
		case doc.Text:
			b.WriteString(in.Text)
		case doc.Emph:
			b.WriteString("E[" + inlineShape(in.Content) + "]")
		case doc.Link:
			b.WriteString("L(" + in.Href + ")[" + inlineShape(in.Content) + "]")
		case doc.LineBreak:
			b.WriteString("/")
		case doc.NoteRef:
			b.WriteString("^")
		default:
			fmt.Fprintf(&b, "%s{%s}", in.Type, inlineShape(in.Content))
		}
	}
	return b.String()
}

// TestEscapeRoundTrip checks that Markdown written by tandem reads back
// as the same text, whatever punctuation the text has and wherever, and
// that a second round trip writes the same bytes: text is escaped where it
// could be read as markup, and the reader undoes every escape.
func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range escapeCases() {
		roundTrip(t, s)
	}
}

// TestEscapeMinimal checks that the writer leaves alone punctuation that
// CommonMark would read as text anyway, so that Markdown written by
// tandem stays readable.
func TestEscapeMinimal(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"The file_name_v2 costs 5 * 3 [approx.] and a < b.", "The file_name_v2 costs 5 * 3 [approx.] and a < b."},
		{"Use <b> and 2*3", `Use \<b> and 2\*3`},
		{"a & b &amp; c", `a & b \&amp; c`},
		{"Hello! [see] (here)", "Hello! [see] (here)"},
		{"[x](y) and ![z]", `[x\](y) and ![z]`},
		{"_init_ and __x", `\_init\_ and \_\_x`},
		{"- item", `\- item`},
		{"1. one", `1\. one`},
		{"2021 was a year", "2021 was a year"},
		{"#tag and # sign", "#tag and # sign"},
		{"# title", `\# title`},
		{"$5 and $ 6", `\$5 and $ 6`},
		{`C:\dir\file`, `C:\dir\file`},
		{`a \* b`, `a \\\* b`},
	} {
		d := &doc.Document{Version: doc.Version, Blocks: []doc.Block{{Type: doc.Paragraph, Inlines: []doc.Inline{{Type: doc.Text, Text: tc.text}}}}}
		var b bytes.Buffer
		if err := doc.WriteMarkdown(&b, d); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSuffix(b.String(), "\n"); got != tc.want {
			t.Errorf("%q written as %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestUnescape checks that the reader undoes the escapes and character
// references CommonMark defines, in text, headings, table cells, link
// text, destinations and titles, and image descriptions, and leaves code
// spans as written.
func TestUnescape(t *testing.T) {
	d := read(t, "# A \\# \\*b\\* &amp; c\n\n"+
		"Use \\<b\\> and 2 \\* 3, &#x4E2D;&#25991; &copy; &nosuch; \\q [a\\]b](/x\\_y \"t\\\"&amp;\") `\\*code\\*`\n\n"+
		"| h |\n| --- |\n| a \\| b &lt; |\n\n![a \\[b\\]](/i&amp;.png \"c\\*\")\n")
	for _, tc := range []struct{ got, want string }{
		{doc.PlainText(d.Blocks[0].Inlines), "A # *b* & c"},
		{doc.PlainText(d.Blocks[1].Inlines), `Use <b> and 2 * 3, 中文 © &nosuch; \q a]b \*code\*`},
		{d.Blocks[1].Inlines[1].Href, "/x_y"},
		{doc.PlainText(d.Blocks[2].Table.Rows[1].Cells[0].Blocks[0].Inlines), "a | b <"},
		{d.Blocks[3].Figure.Alt, "a [b]"},
		{d.Blocks[3].Figure.Src, "/i&.png"},
		{doc.PlainText(d.Blocks[3].Figure.Caption), "c*"},
	} {
		if tc.got != tc.want {
			t.Errorf("read %q, want %q", tc.got, tc.want)
		}
	}
}

// FuzzEscapeRoundTrip checks the round trip of TestEscapeRoundTrip for any
// text that can stand in a paragraph: valid UTF-8, no control characters,
// not starting or ending with white space (which Markdown drops).
func FuzzEscapeRoundTrip(f *testing.F) {
	for _, s := range []string{"a_b", "5 * 3", "[x](y)", "&amp;", `\`, "<b>", "# x", "1. x", "$x$", "|-|"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if s == "" || !utf8.ValidString(s) || strings.TrimSpace(s) != s || strings.ContainsFunc(s, func(r rune) bool {
			return unicode.IsControl(r) || unicode.IsSpace(r) && r != ' ' || r == utf8.RuneError || unicode.Is(unicode.Cf, r)
		}) {
			t.Skip()
		}
		roundTrip(t, s)
	})
}
