package translate

import (
	"reflect"
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/segment"
)

// TestSplitContentMixedScripts: a Chinese document's paragraph that quotes
// Russian and English sentences, in runs of their own and typed without a
// space between them, is exported as one unit a sentence, each split by
// the rules of its script, whatever the document's language; a quotation's
// source after a dash stays with it.
func TestSplitContentMixedScripts(t *testing.T) {
	c := interchange.Content{
		{Kind: interchange.Text, Text: "会谈结束。Путин сказал: «Хорошо!» Все засмеялись."},
		{Kind: interchange.Open, ID: "1"},
		{Kind: interchange.Text, Text: "The statement was signed."},
		{Kind: interchange.Close, ID: "1"},
		{Kind: interchange.Text, Text: "“合作共赢。”——习近平"},
	}
	want := []string{"会谈结束。", "Путин сказал: «Хорошо!»", "Все засмеялись.", "{1}The statement was signed.{/1}", "“合作共赢。”——习近平"}
	for _, lang := range segment.Languages {
		var got []string
		for _, s := range splitContent(c, segment.MustFor(lang)) {
			got = append(got, showRuns(s))
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", lang, got, want)
		}
	}
}

// showRuns writes content with its codes as {N} and {/N}.
func showRuns(c interchange.Content) string {
	s := ""
	for _, r := range c {
		switch r.Kind {
		case interchange.Text:
			s += r.Text
		case interchange.Close:
			s += "{/" + r.ID + "}"
		default:
			s += "{" + r.ID + "}"
		}
	}
	return s
}
