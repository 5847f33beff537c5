package typeset

import (
	"os"
	"testing"

	"github.com/tandemforum/tandem/internal/book/booktest"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/typst"
)

func TestDev(t *testing.T) {
	dir, _ := typst.FindDir()
	c, err := typst.New(typst.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cat, _ := i18n.Load()
	ts := New(c, cat)
	for _, l := range []string{"zh", "ru"} {
		b := booktest.Book(l)
		out, err := ts.Build(b, Options{})
		if err != nil {
			for p, s := range ts.sources(b) {
				os.WriteFile("/tmp/ts/"+l+p[1:], []byte(s), 0o644)
			}
			t.Fatal(err)
		}
		os.WriteFile("/tmp/ts/"+l+".pdf", out.PDF, 0o644)
		t.Logf("%s: %d pages %+v", l, out.Pages, out.PageMap)
	}
}
