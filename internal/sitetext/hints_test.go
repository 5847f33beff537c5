package sitetext

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/lang"
)

// TestSourcesWithoutBreakHints: the break hints a short text or a partner's
// name stores to guide line breaks (lang.BreakHint) are no part of the
// text to translate: the document the segments come from has none, and a
// value compares the same with or without them.
func TestSourcesWithoutBreakHints(t *testing.T) {
	hinted := "中国\u200b社会科学院"
	ts := &Texts{List: []Text{{ID: "partner-1-name", Value: lang.New("zh", map[string]string{"zh": hinted})}}}
	d := ts.Document("zh")
	if len(d.Blocks) != 1 {
		t.Fatalf("%d blocks", len(d.Blocks))
	}
	if got := doc.BlockText(&d.Blocks[0]); strings.ContainsRune(got, lang.BreakHint) || got != "中国社会科学院" {
		t.Errorf("segment source %q keeps the break hint", got)
	}
	if normal(hinted) != "中国社会科学院" {
		t.Errorf("normal form %q", normal(hinted))
	}
}
