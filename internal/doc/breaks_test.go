package doc

import "testing"

// TestBreakOf checks how an HTML <br> tells a page or column break from a
// new line, as tandem writes it and as Word's web pages do.
func TestBreakOf(t *testing.T) {
	for _, tc := range []struct{ class, style, want string }{
		{"", "", ""},
		{"page-break", "", BreakPage},
		{"x Column-Break", "", BreakColumn},
		{"", "page-break-before:always", BreakPage},
		{"", "mso-special-character:line-break; page-break-before: always", BreakPage},
		{"", "break-after: column", BreakColumn},
		{"", "page-break-before:auto", ""},
		{"", "color:red", ""},
	} {
		if got := BreakOf(tc.class, tc.style); got != tc.want {
			t.Errorf("BreakOf(%q, %q) = %q, want %q", tc.class, tc.style, got, tc.want)
		}
	}
}

// TestWriteBreaks checks that every writer keeps the words on either side
// of a page or column break apart, and says which break it is.
func TestWriteBreaks(t *testing.T) {
	d := &Document{Blocks: []Block{{Type: Paragraph, Inlines: []Inline{
		text("до"), {Type: LineBreak, Break: BreakPage}, text("после"), {Type: LineBreak, Break: BreakColumn}, text("ещё"), {Type: LineBreak}, text("конец")}}}}
	if got := PlainText(d.Blocks[0].Inlines); got != "до\nпосле\nещё\nконец" {
		t.Errorf("PlainText = %q, want the words on lines of their own", got)
	}
	checkOut(t, "HTML", htmlOf(t, d, HTMLOptions{}),
		[]string{`до<br class="page-break">после<br class="column-break">ещё<br>конец`}, []string{"допосле"})
	checkOut(t, "Markdown", mdOf(t, d, MarkdownOptions{}),
		[]string{`до<br class="page-break">после<br class="column-break">ещё\` + "\nконец"}, nil)
}
