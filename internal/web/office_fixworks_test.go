package web_test

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestContributionStaffHeading: the table of translators and reviewers on
// a contribution's page is headed by the language translated into, not
// the original's, in each language of the office.
func TestContributionStaffHeading(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newManuscriptFixture(t, db)
		want := map[string]string{"ru": "Перевод на", "zh": "译入语言", "en": "Translation into"}
		for l, b := range map[string]*browser{"ru": fx.author, "zh": fx.orgCASS, "en": fx.editor} {
			_, d := b.get(fx.path(""))
			th := d.Find("table.staff thead th").First()
			if th.Length() == 0 {
				t.Fatalf("%s: no staff table", l)
			}
			if got := strings.TrimSpace(th.Text()); got != want[l] {
				t.Errorf("%s: staff table's first heading %q, want %q", l, got, want[l])
			}
		}
	})
}
