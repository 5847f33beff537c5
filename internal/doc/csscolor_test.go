package doc

import "testing"

// TestStyleOfHTML reads the looks HTML from Word, browsers' editors and
// tandem's writers gives text: colours in every CSS syntax, Word's
// highlights, <mark>, and the noise that is no look.
func TestStyleOfHTML(t *testing.T) {
	for _, tc := range []struct {
		element, style string
		want           *Style
	}{
		{"span", "color:#C00000", &Style{Color: "C00000"}},
		{"span", "color: #c00", &Style{Color: "CC0000"}},
		{"span", "color:red", &Style{Color: "FF0000"}},
		{"span", "color:navy", &Style{Color: "000080"}},
		{"span", "COLOR: RebeccaPurple !important", &Style{Color: "663399"}},
		{"span", "color:rgb(255,0,0)", &Style{Color: "FF0000"}},
		{"span", "color:rgb(100% 50% 0%)", &Style{Color: "FF8000"}},
		{"span", "color:rgba(0, 128, 0, 0.5)", &Style{Color: "008000"}},
		{"span", "color:rgba(0,128,0,0)", nil},
		{"span", "color:rgb(0 128 0 / 0%)", nil},
		{"span", "color:#00800000", nil},
		{"span", "color:#0808", &Style{Color: "008800"}},
		{"span", "color:black", nil},
		{"span", "color:rgb(0,0,0)", nil},
		{"span", "color:windowtext", nil},
		{"span", "color:auto", nil},
		{"span", "color:inherit", nil},
		{"span", "color:currentColor", nil},
		{"span", "color:blurple", nil},
		{"span", "background:yellow;mso-highlight:yellow", &Style{Highlight: "yellow"}},
		{"span", "background:lime;mso-highlight:lime", &Style{Highlight: "green"}},
		{"span", "background:navy;mso-highlight:navy", &Style{Highlight: "darkBlue"}},
		{"span", "mso-highlight:darkCyan", &Style{Highlight: "darkCyan"}},
		{"span", "background:silver;mso-highlight:silver", &Style{Highlight: "lightGray"}},
		{"span", "background-color:yellow", &Style{Highlight: "yellow"}},
		{"span", "background:aqua", &Style{Highlight: "cyan"}},
		{"span", "background-color:#FFFF00", &Style{Shading: "FFFF00"}},
		{"span", "background:#FFF2CC url(x.png) no-repeat", &Style{Shading: "FFF2CC"}},
		{"span", "background: rgb(255, 242, 204)", &Style{Shading: "FFF2CC"}},
		{"span", "background-color:wheat", &Style{Shading: "F5DEB3"}},
		{"span", "background:white", nil},
		{"span", "background:transparent", nil},
		{"span", "background-color:rgba(255,255,0,0)", nil},
		{"span", "color:#000;background:#fff", nil},
		{"span", "color:red;background:yellow", &Style{Color: "FF0000", Highlight: "yellow"}},
		{"mark", "", &Style{Highlight: "yellow"}},
		{"mark", "background-color:#00FF00", &Style{Highlight: "green"}},
		{"mark", "background-color:lime", &Style{Highlight: "green"}},
	} {
		got := StyleOfHTML(tc.element, tc.style, "")
		if !SameStyle(got, tc.want) {
			t.Errorf("StyleOfHTML(%q, %q) = %+v, want %+v", tc.element, tc.style, got, tc.want)
		}
	}
}

// TestStyleOfFont reads <font color>, which browsers read with or
// without "#".
func TestStyleOfFont(t *testing.T) {
	for _, tc := range []struct {
		color, style string
		want         *Style
	}{
		{"red", "", &Style{Color: "FF0000"}},
		{"#00ff00", "", &Style{Color: "00FF00"}},
		{"0000ff", "", &Style{Color: "0000FF"}},
		{"black", "", nil},
		{"", "background:yellow", &Style{Highlight: "yellow"}},
		{"", "", nil},
	} {
		if got := StyleOfFont(tc.color, tc.style); !SameStyle(got, tc.want) {
			t.Errorf("StyleOfFont(%q, %q) = %+v, want %+v", tc.color, tc.style, got, tc.want)
		}
	}
}

// TestNamedColors checks the table of CSS colour names: all 148 of them,
// each six hex digits.
func TestNamedColors(t *testing.T) {
	if len(cssNamedColors) != 148 {
		t.Errorf("%d named colours, want 148", len(cssNamedColors))
	}
	for name, hex := range cssNamedColors {
		if HexColor(hex) != hex {
			t.Errorf("%s is %q", name, hex)
		}
	}
}
