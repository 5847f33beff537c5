package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestOfficeListsShowDrafts: once a published partner's profile is edited,
// the partners list names it as its draft has it and says that a draft is
// in progress while the public sees the version last published; asking to
// publish shows "awaiting approval".
func TestOfficeListsShowDrafts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newOffice(t, db)
		o.account("org@cass.example", "Org", "en", false, "cass:organiser")
		cass := o.partnerID("cass")
		b := o.browser()
		b.signIn("org@cass.example")
		row := func() (name, state, hint string) {
			t.Helper()
			_, doc := b.get("/office/partners")
			tr := doc.Find(fmt.Sprintf(`a[href="/office/partners/%d"]`, cass)).Closest("tr")
			return strings.TrimSpace(tr.Find("a").First().Text()), strings.TrimSpace(tr.Find(".list-state").Text()), strings.TrimSpace(tr.Find(".hint").Text())
		}
		if name, state, hint := row(); !strings.Contains(name, "Chinese Academy") || state != "Published" || hint != "" {
			t.Fatalf("before any edit: %q %q %q", name, state, hint)
		}
		path := fmt.Sprintf("/office/partners/%d", cass)
		_, doc := b.get(path)
		v := formValues(t, doc, "form.content-form")
		v.Set("name.en", "Chinese Academy of Social Sciences (renamed)")
		if resp, _ := b.post(path, v); resp.StatusCode != 303 {
			t.Fatalf("save: %d", resp.StatusCode)
		}
		name, state, hint := row()
		if name != "Chinese Academy of Social Sciences (renamed)" || state != "Draft" || !strings.Contains(hint, "last published") {
			t.Errorf("after a save: %q %q %q; want the draft's name, Draft, and that the public sees the last version", name, state, hint)
		}
		_, doc = b.get("/office/approvals/partner/" + fmt.Sprint(cass))
		if resp, _ := b.post("/office/approvals/partner/"+fmt.Sprint(cass)+"/submit", formValues(t, doc, `form[action$="/submit"]`)); resp.StatusCode != 303 {
			t.Fatalf("ask to publish: %d", resp.StatusCode)
		}
		if _, state, _ := row(); state != "Awaiting approval" {
			t.Errorf("after asking to publish: %q", state)
		}
	})
}
