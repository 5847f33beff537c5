package web_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// lockedBuffer is a log the server writes to from its connections'
// goroutines while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// slowBody gives n bytes, then blocks until its request is cancelled, as
// a browser's PATCH when the organiser presses Pause.
type slowBody struct {
	n    int
	ctx  context.Context
	sent chan struct{}
}

func (s *slowBody) Read(p []byte) (int, error) {
	if s.n > 0 {
		k := min(len(p), s.n)
		s.n -= k
		return k, nil
	}
	select {
	case <-s.sent:
	default:
		close(s.sent)
	}
	<-s.ctx.Done()
	return 0, s.ctx.Err()
}

// TestPausedUploadLogsNoWarning: pausing an upload (the browser aborts
// its PATCH mid-body) leaves the server's log without a superfluous
// WriteHeader warning, with the session middleware and the request log
// around tusd.
func TestPausedUploadLogsNoWarning(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		var logBuf lockedBuffer
		o.srv.Config.ErrorLog = log.New(&logBuf, "", 0)
		o.account("ed@upload.example", "Editor", "en", false, "cass:editor")
		b := o.browser()
		b.signIn("ed@upload.example")
		const size = 4 << 20
		resp, body := tusCreateSized(t, b, "", videoSpeechID(t, db), size)
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %q", resp.StatusCode, body)
		}
		loc := resp.Header.Get("Location")
		for range 3 {
			ctx, cancel := context.WithCancel(context.Background())
			sb := &slowBody{n: 256 << 10, ctx: ctx, sent: make(chan struct{})}
			head, _ := http.NewRequest("HEAD", loc, nil)
			head.Header.Set("Tus-Resumable", "1.0.0")
			hr, err := b.c.Do(head)
			if err != nil {
				t.Fatal(err)
			}
			hr.Body.Close()
			req, _ := http.NewRequestWithContext(ctx, "PATCH", loc, sb)
			req.Header.Set("Tus-Resumable", "1.0.0")
			req.Header.Set("Content-Type", "application/offset+octet-stream")
			req.Header.Set("Upload-Offset", hr.Header.Get("Upload-Offset"))
			done := make(chan struct{})
			go func() {
				defer close(done)
				if r, err := b.c.Do(req); err == nil {
					io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}
			}()
			<-sb.sent
			time.Sleep(100 * time.Millisecond)
			cancel()
			<-done
			time.Sleep(200 * time.Millisecond)
		}
		if l := logBuf.String(); strings.Contains(l, "superfluous") {
			t.Errorf("the server logged after a paused upload:\n%s", l)
		}
	})
}

// tusCreateSized is tusCreate for a file of size bytes.
func tusCreateSized(t *testing.T, b *browser, token string, id int64, size int64) (*http.Response, string) {
	t.Helper()
	return tusCreateWith(t, b, token, map[string]string{
		"Upload-Length":   fmt.Sprint(size),
		"Upload-Metadata": tusMeta("filename", "video.mp4", "filetype", "video/mp4", "item", fmt.Sprint(id)),
	})
}

// TestAPITokensOnlyForUploaders: a translator's account page offers no
// API token, and a token form sent anyway is refused in their language;
// an editor who made a token and then became a translator finds it
// refused at use, with the page saying why.
func TestAPITokensOnlyForUploaders(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		o.account("tr@upload.example", "Translator", "ru", false, "cass:translator")
		b := o.browser()
		b.signIn("tr@upload.example")
		_, doc := b.get("/office/account")
		if doc.Find(`form[action="/office/account/tokens"]`).Length() != 0 || doc.Find("#tokens-h").Length() != 0 {
			t.Error("a translator's account page offers API tokens")
		}
		resp, doc := b.post("/office/account/tokens", url.Values{"token-name": {"laptop"}})
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(doc.Find("#tokens-h").Parent().Text(), "API-токены могут быть только у администраторов") {
			t.Errorf("a translator's token form: %d, %q", resp.StatusCode, doc.Find("#tokens-h").Parent().Text())
		}
		var n int
		if err := db.QueryRow(context.Background(), `SELECT COUNT(*) FROM api_tokens`).Scan(&n); err != nil || n != 0 {
			t.Errorf("%d tokens made (%v)", n, err)
		}

		ed := o.account("ed@upload.example", "Editor", "en", false, "cass:editor")
		e := o.browser()
		e.signIn("ed@upload.example")
		_, doc = e.post("/office/account/tokens", url.Values{"token-name": {"camera"}})
		token := strings.TrimSpace(doc.Find("#new-token code").Text())
		if token == "" {
			t.Fatal("an editor got no token")
		}
		if _, err := db.Exec(context.Background(), `UPDATE memberships SET role = 'translator' WHERE account_id = ?`, ed.ID); err != nil {
			t.Fatal(err)
		}
		if resp, body := tusCreate(t, o.browser(), token, videoSpeechID(t, db)); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Only admins, and organisers and editors") {
			t.Errorf("the token of an editor become translator: %d %q", resp.StatusCode, body)
		}
		_, doc = e.get("/office/account")
		if !strings.Contains(doc.Find("#tokens-unusable").Text(), "no longer work") || doc.Find(`form[action="/office/account/tokens"]`).Length() != 0 {
			t.Errorf("the former editor's account page: %q", doc.Find("#tokens-h").Parent().Text())
		}
	})
}

// TestUploadDiscoveryAndDownloadThroughTheOffice: through the server's
// whole chain, OPTIONS answers tus discovery without a session; an
// upload's bytes go to its hosts' editors, not to their translators nor to
// other partners' organisers, and the programme form links the file only
// for those who may fetch it.
func TestUploadDiscoveryAndDownloadThroughTheOffice(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		req, _ := http.NewRequest("OPTIONS", o.srv.URL+"/api/uploads/", nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Tus-Version") != "1.0.0" || resp.Header.Get("Tus-Max-Size") != fmt.Sprint(8<<30) || resp.Header.Get("Tus-Extension") == "" {
			t.Errorf("OPTIONS without a session: %d, %v", resp.StatusCode, resp.Header)
		}

		o.account("ed@upload.example", "Editor", "en", false, "cass:editor")
		o.account("tr@upload.example", "Translator", "zh", false, "cass:translator")
		if _, err := db.Exec(context.Background(), `INSERT INTO partners (slug, name, short_name, country) VALUES ('outsider', '{"en":"Outsider"}', '{"en":"Outsider"}', 'RU')`); err != nil {
			t.Fatal(err)
		}
		o.account("org@outsider.example", "Other", "en", false, "outsider:organiser")
		ed := o.browser()
		ed.signIn("ed@upload.example")
		id := videoSpeechID(t, db)
		data := bytes.Repeat([]byte("tandem"), 200)
		resp, body := tusCreateWith(t, ed, "", map[string]string{
			"Upload-Length":   fmt.Sprint(len(data)),
			"Upload-Metadata": tusMeta("filename", "speech.mp4", "filetype", "video/mp4", "item", fmt.Sprint(id)),
		})
		if resp.StatusCode != http.StatusCreated {
			t.Fatalf("create: %d %q", resp.StatusCode, body)
		}
		loc := resp.Header.Get("Location")
		patch, _ := http.NewRequest("PATCH", loc, bytes.NewReader(data))
		patch.Header.Set("Tus-Resumable", "1.0.0")
		patch.Header.Set("Content-Type", "application/offset+octet-stream")
		patch.Header.Set("Upload-Offset", "0")
		if resp, err := ed.c.Do(patch); err != nil || resp.StatusCode != http.StatusNoContent {
			t.Fatalf("patch: %v %v", resp, err)
		}
		path := strings.TrimPrefix(loc, o.srv.URL)
		if resp, got := ed.do("GET", path, nil); resp.StatusCode != http.StatusOK || got != string(data) {
			t.Errorf("the editor's GET: %d, %d bytes", resp.StatusCode, len(got))
		}
		tr := o.browser()
		tr.signIn("tr@upload.example")
		if resp, got := tr.do("GET", path, nil); resp.StatusCode != http.StatusForbidden || strings.Contains(got, "tandemtandem") || !strings.Contains(got, "您的角色无权下载") {
			t.Errorf("the translator's GET: %d %q", resp.StatusCode, got)
		}
		other := o.browser()
		other.signIn("org@outsider.example")
		if resp, got := other.do("GET", path, nil); resp.StatusCode != http.StatusNotFound || strings.Contains(got, "tandemtandem") {
			t.Errorf("another partner's organiser's GET: %d %q", resp.StatusCode, got)
		}
		var forumID int64
		if err := db.QueryRow(context.Background(), `SELECT forum_id FROM speeches WHERE id = ?`, id).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		form := fmt.Sprintf("/office/forums/%d/programme", forumID)
		sel := fmt.Sprintf(`.video-upload[data-item="%d"] .upload-done`, id)
		if _, doc := ed.get(form); doc.Find(sel+` a[href="`+path+`"]`).Length() != 1 {
			t.Errorf("the editor's programme form does not link the upload: %q", doc.Find(sel).Text())
		}
		if _, doc := tr.get(form); doc.Find(sel+" a").Length() != 0 || !strings.Contains(doc.Find(sel).Text(), "speech.mp4") {
			t.Errorf("the translator's programme form: links %d, text %q", doc.Find(sel+" a").Length(), doc.Find(sel).Text())
		}
	})
}

// TestAttachedVideoShownAsSuch: a video item whose video was attached on
// the server (tandem video attach, the demo), with no upload, shows its
// video's real state on the programme form, and its upload section does
// not say that no video was uploaded.
func TestAttachedVideoShownAsSuch(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		o := newUploadOffice(t, db)
		id := videoSpeechID(t, db)
		now := time.Now().UTC()
		if _, err := db.Exec(ctx, `INSERT INTO videos (speech_id, original_key, state, illustration, created_at, updated_at) VALUES (?, 'videos/originals/demo.mp4', 'ready', ?, ?, ?)`, id, true, now, now); err != nil {
			t.Fatal(err)
		}
		o.account("org@upload.example", "Organiser", "en", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@upload.example")
		var forumID int64
		if err := db.QueryRow(ctx, `SELECT forum_id FROM speeches WHERE id = ?`, id).Scan(&forumID); err != nil {
			t.Fatal(err)
		}
		_, doc := b.get(fmt.Sprintf("/office/forums/%d/programme", forumID))
		up := doc.Find(fmt.Sprintf(`.video-upload[data-item="%d"]`, id))
		// The list names it, with its state, as it names uploaded files.
		row := up.Find(`li.upload-file[data-state="awaiting"]`)
		if text := up.Text(); strings.Contains(text, "No video has been uploaded") || row.Length() != 1 || !strings.Contains(row.Text(), "attached on the server") {
			t.Errorf("the upload section of an item with an attached video says %q", strings.Join(strings.Fields(text), " "))
		}
		if st, _ := doc.Find(fmt.Sprintf("#video-%d", id)).Attr("data-state"); st != "ready" {
			t.Errorf("the item's video status is %q, want ready", st)
		}
	})
}

// TestRefusedTokenInItsAccountsLanguage: a token that is known but no
// longer works (revoked, or its holder lost the role) is refused in its
// account's language, whatever the program's Accept-Language; an unknown
// token, which names nobody, in the reader's.
func TestRefusedTokenInItsAccountsLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		o := newUploadOffice(t, db)
		org := o.account("org@upload.example", "Organiser", "ru", false, "cass:organiser")
		b := o.browser()
		b.signIn("org@upload.example")
		_, doc := b.post("/office/account/tokens", url.Values{"token-name": {"laptop"}})
		token := strings.TrimSpace(doc.Find("#new-token code").Text())
		if token == "" {
			t.Fatal("the organiser got no token")
		}
		item := videoSpeechID(t, db)
		ask := func(token string) (*http.Response, string) {
			return tusCreateWith(t, o.browser(), token, map[string]string{
				"Upload-Length":   "1000",
				"Upload-Metadata": tusMeta("filename", "video.mp4", "item", fmt.Sprint(item)),
				"Accept-Language": "zh",
			})
		}
		check := func(what string, resp *http.Response, body string, status int, lang, says string) {
			t.Helper()
			if resp.StatusCode != status || resp.Header.Get("Content-Language") != lang || !strings.Contains(body, says) {
				t.Errorf("%s: %d %s %q, want %d %s saying %q", what, resp.StatusCode, resp.Header.Get("Content-Language"), body, status, lang, says)
			}
		}
		resp, body := ask("tdm_unknown")
		check("an unknown token", resp, body, http.StatusUnauthorized, "zh", "API 令牌无效或已被撤销。")

		if _, err := db.Exec(context.Background(), `UPDATE memberships SET role = 'translator' WHERE account_id = ?`, org.ID); err != nil {
			t.Fatal(err)
		}
		resp, body = ask(token)
		check("the token of an organiser become translator", resp, body, http.StatusForbidden, "ru", "API-токены могут быть только у администраторов")

		if _, err := db.Exec(context.Background(), `UPDATE api_tokens SET revoked_at = ?`, time.Now().UTC()); err != nil {
			t.Fatal(err)
		}
		resp, body = ask(token)
		check("a revoked token", resp, body, http.StatusUnauthorized, "ru", "API-токен недействителен или отозван.")

		// The cross-origin refusal, before any token is read, speaks
		// the same language.
		resp, body = tusCreateWith(t, o.browser(), token, map[string]string{"Accept-Language": "zh", "Sec-Fetch-Site": "cross-site", "Origin": "https://elsewhere.example"})
		if resp.StatusCode != http.StatusForbidden || resp.Header.Get("Content-Language") != "ru" || !strings.Contains(body, "У вас нет прав") {
			t.Errorf("a cross-origin request with a revoked token: %d %q", resp.StatusCode, body)
		}
	})
}
