package epub

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/book/booktest"
)

// samples are the sample books every test checks: Chinese, Russian and
// the parallel zh-ru edition.
var samples = [][]string{{"zh"}, {"ru"}, {"zh", "ru"}}

// withPages gives b a page map as the PDF build fills it: a page opening
// each chapter and one beginning at the chapter's third block.
func withPages(b *book.Book) *book.Book {
	pm := &book.PageMap{Source: b.ISBN[book.PDF]}
	pm.Pages = append(pm.Pages, book.PageStart{Label: "i"})
	n := 1
	for _, c := range b.Chapters {
		d := c.Text[b.Lang()]
		pm.Pages = append(pm.Pages, book.PageStart{Label: itoa(n), Chapter: c.ID})
		pm.Pages = append(pm.Pages, book.PageStart{Label: itoa(n + 1), Chapter: c.ID, Block: d.Blocks[2].ID})
		n += 2
	}
	b.PageMap = pm
	return b
}

func itoa(n int) string {
	s := ""
	for ; n > 0; n /= 10 {
		s = string(rune('0'+n%10)) + s
	}
	return s
}

// TestValid checks each sample book's EPUB, with and without a page map,
// with EPUBCheck (no error, no warning) and DAISY Ace (no critical or
// serious violation).
func TestValid(t *testing.T) {
	cases := []struct {
		langs []string
		paged bool
	}{{[]string{"zh"}, false}, {[]string{"ru"}, false}, {[]string{"zh", "ru"}, false}, {[]string{"zh", "ru"}, true}}
	for _, tc := range cases {
		name := strings.Join(tc.langs, "-")
		if tc.paged {
			name += "-paged"
		}
		t.Run(name, func(t *testing.T) {
			b := booktest.Book(tc.langs...)
			if tc.paged {
				withPages(b)
			}
			data, err := Write(b)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), name+".epub")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, p := range epubcheck(t, path) {
				t.Errorf("epubcheck: %s", p)
			}
			for _, v := range ace(t, path) {
				if v.Impact == "critical" || v.Impact == "serious" {
					t.Errorf("ace: %s %s: %s", v.Impact, v.Rule, v.Where)
				} else {
					t.Logf("ace: %s %s: %s", v.Impact, v.Rule, v.Where)
				}
			}
		})
	}
}
