// Package spreadcheck finds, in tests, where internal/typeset placed each
// block of a parallel edition, and checks that the two languages of every
// pair begin on one spread. internal/typeset's tests and the demo's use it.
package spreadcheck

import (
	"encoding/json"
	"testing"

	"github.com/tandemforum/tandem/internal/typst"
)

// Placed is a mark the typesetter leaves in its page map: a chapter's
// opening or a block's start (Kind "chapter" or "block"), in language
// Lang, on physical page Page (from 1).
type Placed struct {
	Kind, Chapter, Block, Lang string
	Page                       int
}

// Placements queries compiler c for the marks of the book it built last
// (typeset.Typesetter.Build with c), in document order.
func Placements(t testing.TB, c *typst.Compiler) []Placed {
	t.Helper()
	r, err := c.Compile(typst.Build{Main: "/main.typ", Queries: []typst.Query{{Selector: "<tandem-pagemap>", Field: "value"}}})
	if err != nil {
		t.Fatal(err)
	}
	var ms [][]Placed
	if err := json.Unmarshal(r.Queries[0], &ms); err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 {
		t.Fatal("the typeset book has no page map")
	}
	return ms[0]
}

// Spreads checks that each block pair of the chapters starts on one
// spread, verso's language on the verso (an even page) and recto's on the
// recto after it, and returns the number of pairs.
func Spreads(t testing.TB, ms []Placed, verso, recto string) int {
	t.Helper()
	at := map[string]map[string]int{}
	for _, m := range ms {
		if m.Kind != "block" {
			continue
		}
		k := m.Chapter + "/" + m.Block
		if at[k] == nil {
			at[k] = map[string]int{}
		}
		if _, ok := at[k][m.Lang]; ok {
			t.Errorf("block %s set twice in %s", k, m.Lang)
		}
		at[k][m.Lang] = m.Page
	}
	n := 0
	for k, p := range at {
		v, okv := p[verso]
		r, okr := p[recto]
		if !okv || !okr {
			t.Errorf("block %s is not on both sides: %v", k, p)
			continue
		}
		n++
		if v%2 != 0 || r != v+1 {
			t.Errorf("pair %s starts on page %d (%s) and %d (%s), not on one spread", k, v, verso, r, recto)
		}
	}
	return n
}
