package qa

import (
	"testing"

	"github.com/tandemforum/tandem/internal/interchange"
)

// TestLengthOfTitlesAndShortSegments: a title or heading, or a short
// segment, may stray further from the usual length ratio than a sentence
// (中俄能源合作 for a 47-character Russian title), but not without bound.
func TestLengthOfTitlesAndShortSegments(t *testing.T) {
	unit := func(id, src, tgt string) *interchange.XLIFF {
		return &interchange.XLIFF{Files: []interchange.XFile{{Units: []interchange.Unit{{ID: id, Segments: []interchange.Segment{
			{ID: "s1", Source: interchange.PlainText(src), Target: interchange.PlainText(tgt), State: interchange.Translated}}}}}}}
	}
	long := "Российско-китайское сотрудничество в энергетике развивается быстро, и объём торговли нефтью и газом растёт."
	tests := []struct {
		from, to, id, src, tgt, want string
	}{
		{"ru", "zh", "title", "Российско-китайское сотрудничество в энергетике", "中俄能源合作", ""},
		{"ru", "zh", "h-oxbgxbkj", "Российско-китайское сотрудничество в энергетике и торговле", "中俄能源合作", ""},
		{"ru", "zh", "p-1", "Российско-китайское сотрудничество в энергетике", "中俄能源合作", ""},
		// Beyond a factor of four, a title is likely cut short.
		{"ru", "zh", "title", "Российско-китайское сотрудничество в энергетике", "中俄", "length"},
		// A sentence keeps the bounds of 2.5.
		{"ru", "zh", "p-1", long, "中俄能源合作发展迅速。", "length"},
		{"ru", "zh", "p-1", long, "中俄能源合作发展迅速，石油和天然气贸易额不断增长。", ""},
	}
	for _, tt := range tests {
		fs := mustChecker(t, tt.from, tt.to, nil).File(unit(tt.id, tt.src, tt.tgt))
		if got := checks(fs); got != tt.want {
			t.Errorf("%s %q → %q: checks %q, want %q (%v)", tt.id, tt.src, tt.tgt, got, tt.want, fs)
		}
	}
}
