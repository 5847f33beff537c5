package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestAdminRevokesAnyToken: an administrator sees on the accounts list
// how many tokens an organiser holds, opens them, revokes one; the token
// stops working at once, the owner sees it revoked on their own page, and
// the event log names the administrator.
func TestAdminRevokesAnyToken(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		org := o.account("org@tokens.example", "Organiser", "ru", false, "cass:organiser")
		o.account("admin@tokens.example", "Admin", "en", true)
		owner := o.browser()
		owner.signIn("org@tokens.example")
		_, doc := owner.post("/office/account/tokens", url.Values{"token-name": {"camera laptop"}})
		token := strings.TrimSpace(doc.Find("#new-token code").Text())
		if token == "" {
			t.Fatal("no token made")
		}
		admin := o.browser()
		admin.signIn("admin@tokens.example")
		_, doc = admin.get("/office/accounts")
		link := doc.Find(fmt.Sprintf(`a[href="/office/accounts/%d/tokens"]`, org.ID))
		if link.Length() != 1 || strings.TrimSpace(link.Text()) != "1 working" {
			t.Fatalf("accounts list: link to the organiser's tokens %q (%d)", link.Text(), link.Length())
		}
		resp, doc := admin.get(fmt.Sprintf("/office/accounts/%d/tokens", org.ID))
		row := doc.Find("#tokens tbody tr")
		if resp.StatusCode != http.StatusOK || row.Length() != 1 || !strings.Contains(row.Text(), "camera laptop") {
			t.Fatalf("tokens page: %d, rows %q", resp.StatusCode, row.Text())
		}
		action, _ := row.Find("form").Attr("action")
		if resp, _ := admin.post(action, url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", resp.StatusCode)
		}
		_, doc = admin.get(fmt.Sprintf("/office/accounts/%d/tokens", org.ID))
		if !strings.Contains(doc.Find("#tokens").Text(), "revoked") || doc.Find("#tokens form").Length() != 0 {
			t.Errorf("after revoking: %q", doc.Find("#tokens").Text())
		}
		if resp, body := tusCreate(t, o.browser(), token, videoSpeechID(t, db)); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("upload with the revoked token: %d %q", resp.StatusCode, body)
		}
		_, doc = owner.get("/office/account")
		if !strings.Contains(doc.Find("#tokens").Text(), "отозван") {
			t.Errorf("the owner's page does not show the token revoked: %q", doc.Find("#tokens").Text())
		}
		var actor string
		err := db.QueryRow(context.Background(), `SELECT actor_name FROM events WHERE action = 'account.apitoken.revoke' AND subject = ?`, fmt.Sprintf("account:%d", org.ID)).Scan(&actor)
		if err != nil || actor != "Admin" {
			t.Errorf("revoke event by %q (%v), want the administrator", actor, err)
		}
		// A token number under another account is not found.
		if resp, _ := admin.post(strings.Replace(action, fmt.Sprintf("/accounts/%d/", org.ID), fmt.Sprintf("/accounts/%d/", org.ID+1), 1), url.Values{}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("revoke through another account: %d, want 404", resp.StatusCode)
		}
	})
}
