package web_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestOfficeDashboardByRole: only those who may approve see what awaits
// approval (an editor approves speeches' videos and subtitles); a returned change is shown to the organiser who asked to
// publish it and to the editor who saved it, with who returned it and
// when.
func TestOfficeDashboardByRole(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		fx := newApprovalFixture(t, db)
		editor := fx.o.account("ed@cass.example", "Ed Editor", "en", false, "cass:editor")
		v := fx.saveTheme(t, editor, "ru", "Тема редактора")
		ed, cass, riac, rev := fx.signIn(editor), fx.signIn(fx.cass), fx.signIn(fx.riac), fx.signIn(fx.rev)
		for _, c := range []struct {
			who      string
			b        *browser
			awaiting bool
		}{{"editor", ed, true}, {"reviewer", rev, false}, {"organiser", riac, true}} {
			_, doc := c.b.get("/office/")
			if got := doc.Find("#awaiting").Length() == 1; got != c.awaiting {
				t.Errorf("%s's dashboard shows what awaits approval: %v, want %v", c.who, got, c.awaiting)
			}
		}
		if resp, _ := cass.post(fx.path("submit"), url.Values{"version": {strconv.Itoa(v)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("submit: %d", resp.StatusCode)
		}
		if resp, _ := riac.post(fx.path("return"), url.Values{"version": {strconv.Itoa(v)}, "comment": {"Уточните тему"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("return: %d", resp.StatusCode)
		}
		for _, c := range []struct {
			who string
			b   *browser
		}{{"editor who saved it", ed}, {"organiser who asked", cass}} {
			_, doc := c.b.get("/office/")
			item := doc.Find(`section[aria-labelledby="returned"] li`)
			if item.Find(`a[href="`+fx.path("")+`"]`).Length() != 1 || !strings.Contains(item.Text(), "Уточните тему") {
				t.Errorf("the %s does not see the returned change: %q", c.who, text(doc, "main"))
			}
			if hint := item.Find(".hint").Text(); !strings.Contains(hint, "Иван Иванов") {
				t.Errorf("the %s is not told who returned it: %q", c.who, hint)
			}
		}
		if _, doc := ed.get("/office/"); !strings.Contains(doc.Find(`section[aria-labelledby="returned"] .hint`).Text(), "returned by Иван Иванов (") {
			t.Errorf("the returned line in English: %q", doc.Find(`section[aria-labelledby="returned"] .hint`).Text())
		}
	})
}
