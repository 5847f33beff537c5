package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/upload"
	"github.com/tandemforum/tandem/internal/web"
)

// newUploadOffice is the demo's office with the resumable upload endpoint.
func newUploadOffice(t *testing.T, db *store.DB) *office {
	t.Helper()
	dir := t.TempDir()
	blobs, err := blob.NewDir(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	svc, err := upload.New(upload.Config{DB: db, Blobs: blobs, Dir: filepath.Join(dir, "uploads")})
	if err != nil {
		t.Fatal(err)
	}
	// The finishing jobs of received uploads run as in the program.
	ws := jobs.NewWorkers()
	upload.Register(ws, svc)
	q, err := jobs.Open(t.Context(), db, jobs.Config{Workers: ws, Concurrency: 1, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(t.Context()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(ctx)
		q.Close()
	})
	return newOfficeWith(t, db, func(c *web.Config) { c.Uploads = svc })
}

// tusCreate asks the office for an upload of a 1000-byte video for the
// programme item id, with the browser's cookies and, when token is not
// empty, a bearer token.
func tusCreate(t *testing.T, b *browser, token string, id int64) (*http.Response, string) {
	t.Helper()
	return tusCreateWith(t, b, token, map[string]string{
		"Upload-Length":   "1000",
		"Upload-Metadata": tusMeta("filename", "video.mp4", "filetype", "video/mp4", "item", fmt.Sprint(id)),
	})
}

// tusMeta writes an Upload-Metadata header of key, value pairs.
func tusMeta(kv ...string) string {
	var parts []string
	for i := 0; i+1 < len(kv); i += 2 {
		parts = append(parts, kv[i]+" "+base64.StdEncoding.EncodeToString([]byte(kv[i+1])))
	}
	return strings.Join(parts, ",")
}

// tusCreateWith sends a tus creation request with the headers given (an
// empty value leaves the header out).
func tusCreateWith(t *testing.T, b *browser, token string, headers map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", b.o.srv.URL+"/api/uploads/", nil)
	req.Header.Set("Tus-Resumable", "1.0.0")
	for k, v := range headers {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := b.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body bytes.Buffer
	body.ReadFrom(resp.Body)
	return resp, strings.TrimSpace(body.String())
}

func videoSpeechID(t *testing.T, db *store.DB) int64 {
	t.Helper()
	var id int64
	if err := db.QueryRow(context.Background(), `SELECT id FROM speeches WHERE slug = 'wang-yi-video-address'`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestAPITokensInTheOffice: an organiser makes an API token on the account
// page, sees it once, uploads with it, sees when it was last used, and
// revokes it, after which it is refused; a name left empty comes back
// with its error.
func TestAPITokensInTheOffice(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		o.account("org@upload.example", "Organiser", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@upload.example")

		resp, doc := b.post("/office/account/tokens", url.Values{"token-name": {"  "}})
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(doc, "token-name"), "Name the token") {
			t.Fatalf("empty name: %d, error %q", resp.StatusCode, fieldError(doc, "token-name"))
		}
		resp, doc = b.post("/office/account/tokens", url.Values{"token-name": {"camera laptop"}})
		token := strings.TrimSpace(doc.Find("#new-token code").Text())
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(token, "tdm_") || len(token) < 40 {
			t.Fatalf("new token: %d, shown %q", resp.StatusCode, token)
		}
		_, doc = b.get("/office/account")
		if doc.Find("#new-token").Length() != 0 || strings.Contains(doc.Text(), token) {
			t.Error("the token is shown again on the account page")
		}
		row := doc.Find("#tokens tbody tr")
		if row.Length() != 1 || !strings.Contains(row.Text(), "camera laptop") || !strings.Contains(row.Text(), "never") {
			t.Errorf("token list: %q", row.Text())
		}
		// When it was made, to the minute.
		if created := row.Find("td").Eq(1).Text(); !regexp.MustCompile(`^\d{1,2} \w+ \d{4} \d\d:\d\d$`).MatchString(created) {
			t.Errorf("the token's creation shows as %q, want its date and time", created)
		}
		// A second active token of the same name (letter case aside) is
		// refused: the list could not tell them apart.
		resp, doc = b.post("/office/account/tokens", url.Values{"token-name": {"Camera Laptop"}})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(fieldError(doc, "token-name"), "You have an active token of this name already.") {
			t.Errorf("a second token of the same name: %d, error %q", resp.StatusCode, fieldError(doc, "token-name"))
		}

		program := o.browser() // no session: the token alone
		if resp, body := tusCreate(t, program, token, videoSpeechID(t, db)); resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload with the token: %d %q", resp.StatusCode, body)
		}
		_, doc = b.get("/office/account")
		if text := doc.Find("#tokens tbody tr").Text(); strings.Contains(text, "never") {
			t.Errorf("after use the token list still says never used: %q", text)
		}
		form := doc.Find("#tokens form")
		action, _ := form.Attr("action")
		resp, _ = b.post(action, url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("revoke: %d", resp.StatusCode)
		}
		_, doc = b.get("/office/account")
		if !strings.Contains(doc.Find(".notice, .flash").Text(), "revoked") || !regexp.MustCompile(`revoked \d{1,2} \w+ \d{4} \d\d:\d\d`).MatchString(doc.Find("#tokens").Text()) {
			t.Errorf("after revoking: notice %q, list %q; want it to say when it was revoked", doc.Find(".notice, .flash").Text(), doc.Find("#tokens").Text())
		}
		if resp, body := tusCreate(t, program, token, videoSpeechID(t, db)); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "revoked") {
			t.Errorf("upload with the revoked token: %d %q", resp.StatusCode, body)
		}
	})
}

// TestUploadWithTheOfficeSession: the office's own page uploads with its
// login session, which the browser sends to /api/uploads/ too; a visitor
// gets a sentence in their language, not a sign-in page; the programme
// form offers the upload on the video items.
func TestUploadWithTheOfficeSession(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		o.account("ed@upload.example", "Editor", "ru", false, "cass:editor")
		b := o.browser()
		b.signIn("ed@upload.example")
		id := videoSpeechID(t, db)
		if resp, body := tusCreate(t, b, "", id); resp.StatusCode != http.StatusCreated {
			t.Fatalf("upload with the session: %d %q", resp.StatusCode, body)
		}
		visitor := o.browser()
		if resp, body := tusCreate(t, visitor, "", id); resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Sign in to the office") {
			t.Errorf("visitor: %d %q", resp.StatusCode, body)
		}

		var forumID int64
		if err := db.QueryRow(context.Background(), `SELECT forum_id FROM speeches WHERE id = ?`, id).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		_, doc := b.get(fmt.Sprintf("/office/forums/%d/programme", forumID))
		sections := doc.Find(".video-upload")
		if sections.Length() != 2 {
			t.Fatalf("%d video upload sections on the programme form, want the demo's 2 video addresses", sections.Length())
		}
		if item, _ := sections.First().Attr("data-item"); item != fmt.Sprint(id) && !strings.Contains(doc.Find(fmt.Sprintf(`.video-upload[data-item="%d"]`, id)).Text(), "Видеофайл") {
			t.Errorf("no upload section for item %d", id)
		}
		if doc.Find(`script[src*="tus.min"]`).Length() == 1 {
			if doc.Find(".video-upload input[type=file]").Length() != 2 || doc.Find(".video-upload [data-upload-pause]").Length() != 2 {
				t.Error("the upload sections lack their file input or pause button")
			}
		} else if !strings.Contains(sections.Text(), "npm") {
			t.Error("without the bundled tus-js-client the form does not say why there is no upload")
		}
	})
}

// TestReceivedUploadListedWhileFinishing: on the programme form an upload
// whose bytes have all arrived is listed at once, saying that its
// checksum is being computed, and a stored one with its SHA-256; one
// still receiving is not listed.
func TestReceivedUploadListedWhileFinishing(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newUploadOffice(t, db)
		a := o.account("ed@upload.example", "Editor", "ru", false, "cass:editor")
		b := o.browser()
		b.signIn("ed@upload.example")
		id := videoSpeechID(t, db)
		now := time.Now().UTC()
		sum := strings.Repeat("ab", 32)
		for _, u := range []struct{ tus, name, state, sha string }{
			{strings.Repeat("1", 32), "receiving.mp4", "receiving", ""},
			{strings.Repeat("2", 32), "received.mp4", "received", ""},
			{strings.Repeat("3", 32), "stored.mp4", "stored", sum},
		} {
			if _, err := db.Exec(ctx, `INSERT INTO uploads (tus_id, account_id, speech_id, filename, filetype, size, state, sha256, created_at, received_at) VALUES (?, ?, ?, ?, 'video/mp4', 1000, ?, ?, ?, ?)`,
				u.tus, a.ID, id, u.name, u.state, u.sha, now, now); err != nil {
				t.Fatal(err)
			}
		}
		var forumID int64
		if err := db.QueryRow(ctx, `SELECT forum_id FROM speeches WHERE id = ?`, id).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		_, doc := b.get(fmt.Sprintf("/office/forums/%d/programme", forumID))
		items := doc.Find(fmt.Sprintf(`.video-upload[data-item="%d"] .upload-done li`, id))
		var got []string
		items.Each(func(_ int, li *goquery.Selection) { got = append(got, strings.Join(strings.Fields(li.Text()), " ")) })
		if len(got) != 2 || !strings.Contains(strings.Join(got, "\n"), "received.mp4") || !strings.Contains(strings.Join(got, "\n"), "stored.mp4") {
			t.Fatalf("listed uploads: %q, want the received and the stored one", got)
		}
		for _, li := range got {
			switch {
			case strings.HasPrefix(li, "received.mp4") && !strings.Contains(li, "вычисляется контрольная сумма"):
				t.Errorf("the received upload is listed as %q, without saying its checksum is being computed", li)
			case strings.HasPrefix(li, "stored.mp4") && !strings.Contains(li, "SHA-256 "+sum):
				t.Errorf("the stored upload is listed as %q, without its SHA-256", li)
			}
		}
	})
}
