package doc

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestCodeSpan writes code as Markdown code spans that CommonMark reads
// back as the same text: more backticks than the code holds in a row,
// and a space inside them where the code begins or ends with a backtick
// or with a space on both sides.
func TestCodeSpan(t *testing.T) {
	for _, tc := range []struct{ code, want string }{
		{"rm -rf /", "`rm -rf /`"},
		{"a `b` c", "``a `b` c``"},
		{"``", "``` `` ```"},
		{"`x", "`` `x ``"},
		{" x ", "`  x  `"},
		{"  ", "`  `"},
		{"a\nb", "`a b`"},
	} {
		if got := codeSpan(tc.code); got != tc.want {
			t.Errorf("codeSpan(%q) = %q, want %q", tc.code, got, tc.want)
		}
	}
}

// TestCodeFence chooses a fence no line of the code can close.
func TestCodeFence(t *testing.T) {
	for _, tc := range []struct{ text, info, want string }{
		{"x := 1", "go", "```"},
		{"```\ninside\n```", "md", "````"},
		{"  `````", "", "``````"},
		{"a ``` b", "", "```"},
		{"x", "a`b", "~~~"},
	} {
		if got := codeFence(tc.text, tc.info); got != tc.want {
			t.Errorf("codeFence(%q, %q) = %q, want %q", tc.text, tc.info, got, tc.want)
		}
	}
}

// TestCodeOf sets the text of marks as code, leaving the marks around it.
func TestCodeOf(t *testing.T) {
	in := []Inline{{Type: Text, Text: "a"}, {Type: Strong, Content: []Inline{{Type: Text, Text: "b"}}}, {Type: LineBreak}, {Type: Text, Text: "c"}}
	got, _ := json.Marshal(CodeOf(in))
	want := `[{"type":"code","text":"a"},{"type":"strong","content":[{"type":"code","text":"b"}]},{"type":"linebreak"},{"type":"code","text":"c"}]`
	if string(got) != want {
		t.Errorf("CodeOf = %s, want %s", got, want)
	}
}

// TestMergeCodeStyles joins adjacent code only when it is in the same
// style, so that code set in two styles in a row keeps both.
func TestMergeCodeStyles(t *testing.T) {
	a, b := &Style{Name: "Verbatim Char"}, &Style{Name: "HTML Code"}
	in := []Inline{{Type: Code, Text: "x", Style: a}, {Type: Code, Text: "y", Style: &Style{Name: "Verbatim Char"}},
		{Type: Code, Text: "z", Style: b}, {Type: Code, Text: "w"}, {Type: Code, Text: "v"}}
	got, _ := json.Marshal(MergeText(in))
	want := `[{"type":"code","text":"xy","style":{"name":"Verbatim Char"}},{"type":"code","text":"z","style":{"name":"HTML Code"}},{"type":"code","text":"wv"}]`
	if string(got) != want {
		t.Errorf("MergeText = %s, want %s", got, want)
	}
}

// TestWriteCode writes code and code blocks as HTML <code> and <pre>,
// Markdown code spans and fences and JSON, keeping every space and line.
func TestWriteCode(t *testing.T) {
	listing := "func main() {\n\tfmt.Println(\"<hi>\")\n\n    x := `\n  ```\n`\n}"
	d := &Document{Version: Version, Lang: "en", Blocks: []Block{
		{ID: "p-1", Type: Paragraph, Inlines: []Inline{{Type: Text, Text: "Run "}, {Type: Code, Text: "a `b` <c>"}, {Type: Text, Text: " now."}}},
		{ID: "c-1", Type: CodeBlock, Code: &Listing{Language: "go", Text: listing}},
	}}
	var h, m, j bytes.Buffer
	if err := WriteHTML(&h, d, HTMLOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteMarkdown(&m, d); err != nil {
		t.Fatal(err)
	}
	if err := json.NewEncoder(&j).Encode(d); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Run <code>a `b` &lt;c&gt;</code> now.",
		"<pre id=\"c-1\"><code class=\"language-go\">func main() {\n\tfmt.Println(\"&lt;hi&gt;\")\n\n    x := `\n  ```\n`\n}</code></pre>",
	} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %s:\n%s", want, h.String())
		}
	}
	for _, want := range []string{"Run ``a `b` <c>`` now.", "````go\n" + listing + "\n````\n"} {
		if !strings.Contains(m.String(), want) {
			t.Errorf("Markdown lacks %s:\n%s", want, m.String())
		}
	}
	for _, want := range []string{`{"type":"code","text":"a ` + "`b`" + ` \u003cc\u003e"}`, `"code":{"language":"go","text":"func main() {\n\tfmt.Println`} {
		if !strings.Contains(j.String(), want) {
			t.Errorf("JSON lacks %s:\n%s", want, j.String())
		}
	}
}
