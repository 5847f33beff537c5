package web

import (
	"slices"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/works"
)

// A contribution's translated document carries the contribution's title,
// abstract, keywords and authors in the translation's language, and none
// of the original's: a reader of the Chinese download must not meet a
// Russian abstract presented as Chinese.
func TestFillContributionMetadata(t *testing.T) {
	c := &works.Contribution{Lang: "ru",
		Title:    lang.New("ru", map[string]string{"ru": "Договор", "zh": "条约"}),
		Abstract: lang.New("ru", map[string]string{"ru": "О договоре.", "zh": "关于条约。"}),
		Keywords: map[string][]string{"ru": {"договор"}, "zh": {"条约", "睦邻"}},
		Authors: []works.Author{{Names: lang.Names{Source: "ru", Values: map[string]lang.Name{
			"ru": {Family: "Примеров", Given: "Демьян"}, "zh": {Family: "普里梅罗夫", Given: "杰米扬"}}}}},
	}
	d := &doc.Document{Lang: "zh", Title: "Договор"}
	fillContributionMetadata(d, c, "zh")
	if d.Title != "条约" || d.Abstract != "关于条约。" || !slices.Equal(d.Keywords, []string{"条约", "睦邻"}) || len(d.Authors) != 1 || d.Authors[0] == "" {
		t.Errorf("zh metadata %+v", d)
	}
	// No English abstract yet: the English document has none rather than
	// another language's.
	d = &doc.Document{Lang: "en", Title: "Treaty"}
	fillContributionMetadata(d, c, "en")
	if d.Title != "Treaty" || d.Abstract != "" || d.Keywords != nil || d.Authors != nil {
		t.Errorf("en metadata %+v", d)
	}
}
