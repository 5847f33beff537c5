package interchange

import (
	"strings"
	"testing"
)

// TestCloseGaps removes the marks of dropped codes: the space on both
// sides of one collapses to one, and none is left before a closing mark
// or at either end; spans take no room, a standalone code keeps its side.
func TestCloseGaps(t *testing.T) {
	g := Run{Kind: Gap}
	sa := Run{Kind: Standalone, ID: "1"}
	op, cl := Run{Kind: Open, ID: "2"}, Run{Kind: Close, ID: "2"}
	txt := func(s string) Run { return Run{Kind: Text, Text: s} }
	tests := []struct {
		name string
		in   Content
		want string
	}{
		{"doubled space", Content{txt("run "), sa, txt(" "), g, txt(" and")}, "run {1/} and"},
		{"between words", Content{txt("run "), g, txt(" and")}, "run and"},
		{"before a full stop", Content{txt("the end "), g, txt(".")}, "the end."},
		{"before a Chinese comma", Content{txt("结束 "), g, txt("，然后")}, "结束，然后"},
		{"at the end", Content{txt("the end "), g}, "the end"},
		{"at the start", Content{g, txt(" the start")}, "the start"},
		{"across a span", Content{txt("a "), g, op, txt(" b"), cl}, "a {2}b{/2}"},
		{"against a standalone code", Content{sa, g, txt(" b")}, "{1/} b"},
		{"no space", Content{txt("a"), g, txt("b")}, "ab"},
		{"before a dash", Content{txt("a "), g, txt(" — b")}, "a — b"},
		{"two gaps", Content{txt("a "), g, txt(" "), g, txt(" b")}, "a b"},
	}
	for _, tc := range tests {
		if got := tagged(CloseGaps(tc.in)); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}

// tagged writes content with its codes as {N}, {/N} and {N/}.
func tagged(c Content) string {
	var b strings.Builder
	for _, r := range c {
		switch r.Kind {
		case Text:
			b.WriteString(r.Text)
		case Open:
			b.WriteString("{" + r.ID + "}")
		case Close:
			b.WriteString("{/" + r.ID + "}")
		case Standalone:
			b.WriteString("{" + r.ID + "/}")
		}
	}
	return b.String()
}
