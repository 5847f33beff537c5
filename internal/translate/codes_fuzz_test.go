package translate

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

// FuzzCheckCodes feeds CheckCodes targets as a client could send them (the
// JSON of stored content) against a source with a span and a standalone
// code: it never panics, and a target it accepts has exactly the source's
// codes, each as the source has it, a span's start before its end, and the
// target's text.
func FuzzCheckCodes(f *testing.F) {
	src := interchange.Content{{Kind: interchange.Text, Text: "Он "}, {Kind: interchange.Open, ID: "1", Type: "bold"},
		{Kind: interchange.Text, Text: "определил"}, {Kind: interchange.Close, ID: "1", Type: "bold"},
		{Kind: interchange.Text, Text: " основы."}, {Kind: interchange.Standalone, ID: "2", Type: "footnote", Code: "1"}}
	f.Add(encodeContent(src))
	f.Add(`[{"t":"它"},{"k":1,"id":"1"},{"t":"确定了"},{"k":2,"id":"1"},{"k":3,"id":"2"}]`)
	f.Add(`[{"k":2,"id":"1"},{"k":1,"id":"1"},{"k":3,"id":"2"}]`)
	f.Add(`[{"k":-1,"id":"1"},{"k":7},{"t":""}]`)
	f.Fuzz(func(t *testing.T, data string) {
		var rs []run
		if json.Unmarshal([]byte(data), &rs) != nil {
			return
		}
		tgt, err := decodeContent(data)
		if err != nil {
			return
		}
		out, err := CheckCodes(src, tgt)
		if err != nil {
			return
		}
		if !slices.Equal(sortedCodes(out), sortedCodes(src)) {
			t.Fatalf("accepted %q with codes %v; the source has %v", data, sortedCodes(out), sortedCodes(src))
		}
		if out.Plain() != tgt.Plain() {
			t.Fatalf("text %q became %q", tgt.Plain(), out.Plain())
		}
		opened := map[string]bool{}
		for _, r := range out {
			switch r.Kind {
			case interchange.Open:
				opened[r.ID] = true
			case interchange.Close:
				if !opened[r.ID] {
					t.Fatalf("accepted %q: span %s ends before it starts", data, r.ID)
				}
			}
		}
	})
}

func sortedCodes(c interchange.Content) []string {
	var out []string
	for _, r := range c.Codes() {
		b, _ := json.Marshal(r)
		out = append(out, string(b))
	}
	slices.Sort(out)
	return out
}
