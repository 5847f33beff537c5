package upload_test

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
	"github.com/tandemforum/tandem/internal/upload"
)

// instance is an upload service on a test database, served by httptest,
// with the web server's way of finding the caller: a bearer token, or
// nobody, in the language of Accept-Language.
type instance struct {
	t       *testing.T
	db      *store.DB
	fx      *fixture
	svc     *upload.Service
	srv     *httptest.Server
	blobs   blob.Store
	staging string
	cfg     upload.Config
	queue   *jobs.Queue
	// completed are the uploads OnComplete was called with, in
	// transactions that committed; failHook makes its next calls fail.
	mu        sync.Mutex
	completed []upload.Upload
	calls     int
	failHook  int
}

func newInstance(t *testing.T, db *store.DB, maxSize int64) *instance {
	t.Helper()
	dir := t.TempDir()
	blobs, err := blob.NewDir(filepath.Join(dir, "files"))
	if err != nil {
		t.Fatal(err)
	}
	in := &instance{t: t, db: db, fx: seed(t, db), blobs: blobs, staging: filepath.Join(dir, "uploads")}
	in.cfg = upload.Config{DB: db, Blobs: blobs, Dir: in.staging, MaxSize: maxSize,
		OnComplete: func(ctx context.Context, tx *store.Tx, u upload.Upload) error {
			in.mu.Lock()
			defer in.mu.Unlock()
			in.calls++
			if in.failHook > 0 {
				in.failHook--
				return errors.New("video processing out of reach")
			}
			// What the hook writes commits with the upload's record, as
			// video processing's queued work does.
			if _, err := tx.Exec(ctx, `INSERT INTO hook_calls (upload_id) VALUES (?)`, u.ID); err != nil {
				return err
			}
			in.completed = append(in.completed, u)
			return nil
		}}
	if _, err := db.Exec(context.Background(), `CREATE TABLE hook_calls (upload_id BIGINT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	in.restart()
	return in
}

// restart makes a new service on the same folder and database, as a
// restarted server has: nothing in memory.
func (in *instance) restart() {
	t := in.t
	svc, err := upload.New(in.cfg)
	if err != nil {
		t.Fatal(err)
	}
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	accts := &account.Store{DB: in.db}
	auth := func(r *http.Request) (upload.Caller, error) {
		c := upload.Caller{T: catalog.Printer(i18n.Negotiate(r.Header.Get("Accept-Language")))}
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			a, err := accts.ByAPIToken(r.Context(), tok)
			if err != nil {
				if lang := account.RefusalLang(err); lang != "" {
					c.T = catalog.Printer(lang)
				}
				return c, err
			}
			c.Account, c.T = a, catalog.Printer(a.Lang)
			// A request that carries the cookie "page" stands for one
			// from the office's page, signed in by its session.
			_, err = r.Cookie("page")
			c.Page = err == nil
		}
		return c, nil
	}
	if in.srv != nil {
		in.srv.Close()
	}
	in.stopQueue()
	in.svc = svc
	in.srv = httptest.NewServer(svc.Handler(auth))
	t.Cleanup(in.srv.Close)
}

// startQueue works the service's jobs (the finishing of received
// uploads) until restart or the test's end.
func (in *instance) startQueue() {
	t := in.t
	ws := jobs.NewWorkers()
	upload.Register(ws, in.svc)
	q, err := jobs.Open(context.Background(), in.db, jobs.Config{Workers: ws, Concurrency: 1, Backoff: 50 * time.Millisecond, PollInterval: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	in.queue = q
	t.Cleanup(in.stopQueue)
}

func (in *instance) stopQueue() {
	if in.queue == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	in.queue.Stop(ctx)
	in.queue.Close()
	in.queue = nil
}

// stored waits until the upload at url is stored (its finishing job has
// run) and returns it.
func (in *instance) stored(url string) *upload.Upload {
	in.t.Helper()
	if in.queue == nil {
		in.startQueue()
	}
	id := url[strings.LastIndex(url, "/")+1:]
	deadline := time.Now().Add(30 * time.Second)
	for {
		u, err := upload.ByTusID(context.Background(), in.db, id)
		if err != nil {
			in.t.Fatal(err)
		}
		if u.Complete() {
			return u
		}
		if time.Now().After(deadline) {
			in.t.Fatalf("upload %s still %s 30 s after its last byte", id, u.State)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// hooked returns how many times OnComplete's writes for upload u were
// committed.
func (in *instance) hooked(u *upload.Upload) int {
	in.t.Helper()
	var n int
	if err := in.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM hook_calls WHERE upload_id = ?`, u.ID).Scan(&n); err != nil {
		in.t.Fatal(err)
	}
	return n
}

func metadata(kv ...string) string {
	var parts []string
	for i := 0; i < len(kv); i += 2 {
		parts = append(parts, kv[i]+" "+base64.StdEncoding.EncodeToString([]byte(kv[i+1])))
	}
	return strings.Join(parts, ",")
}

// b64 is s in standard base64, a value of Upload-Metadata.
func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// do sends a tus request with the token of the account named who ("" for
// none).
func (in *instance) do(method, url, who string, header map[string]string, body []byte) (*http.Response, string) {
	in.t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		in.t.Fatal(err)
	}
	req.Header.Set("Tus-Resumable", "1.0.0")
	if who != "" {
		tok := in.fx.tokens[who]
		if tok == "" {
			tok = who // a token as given
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		in.t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, strings.TrimSpace(string(b))
}

// create asks for an upload of size bytes for item and returns its URL.
func (in *instance) create(who string, size int64, item int64) string {
	in.t.Helper()
	resp, body := in.do("POST", in.srv.URL+upload.BasePath, who, map[string]string{
		"Upload-Length":   strconv.FormatInt(size, 10),
		"Upload-Metadata": metadata("filename", "Обращение 致辞.mp4", "filetype", "video/mp4", "item", fmt.Sprint(item)),
	}, nil)
	if resp.StatusCode != http.StatusCreated {
		in.t.Fatalf("create: %d %q", resp.StatusCode, body)
	}
	loc := resp.Header.Get("Location")
	if !strings.HasPrefix(loc, in.srv.URL+upload.BasePath) {
		in.t.Fatalf("create: Location %q", loc)
	}
	return loc
}

func (in *instance) patch(who, url string, offset int64, chunk []byte) *http.Response {
	in.t.Helper()
	resp, body := in.do("PATCH", url, who, map[string]string{
		"Upload-Offset": strconv.FormatInt(offset, 10), "Content-Type": "application/offset+octet-stream"}, chunk)
	if resp.StatusCode != http.StatusNoContent {
		in.t.Fatalf("patch at %d: %d %q", offset, resp.StatusCode, body)
	}
	return resp
}

func (in *instance) count(where string) int {
	in.t.Helper()
	var n int
	if err := in.db.QueryRow(context.Background(), `SELECT COUNT(*) FROM uploads WHERE `+where).Scan(&n); err != nil {
		in.t.Fatal(err)
	}
	return n
}

// stagingFiles lists the staging folder but for lock files, which a
// finished request leaves for no one.
func (in *instance) stagingFiles() []string {
	es, _ := os.ReadDir(in.staging)
	var names []string
	for _, e := range es {
		if !strings.HasSuffix(e.Name(), ".lock") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

func randomBytes(n int, seed uint64) []byte {
	b := make([]byte, n)
	rand.NewChaCha8([32]byte{byte(seed)}).Read(b)
	return b
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// TestUploadInTwoPartsEndsInBlobStore: an organiser's upload sent in two
// PATCH requests, with a HEAD between them as a client resuming asks, is
// received with the last one; its finishing job puts it in the blob store
// with the SHA-256 of the whole file, leaves nothing in the staging
// folder and hands it to OnComplete once; its bytes come back to those
// who may see the programme item and to nobody else.
func TestUploadInTwoPartsEndsInBlobStore(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 0)
		data := randomBytes(3<<20+17, 1)
		url := in.create("organiser", int64(len(data)), in.fx.video)
		in.patch("organiser", url, 0, data[:1<<20])
		resp, _ := in.do("HEAD", url, "organiser", nil, nil)
		if got := resp.Header.Get("Upload-Offset"); got != strconv.Itoa(1<<20) {
			t.Fatalf("HEAD after the first part: Upload-Offset %q, want %d", got, 1<<20)
		}
		if n := in.count("completed_at IS NOT NULL"); n != 0 {
			t.Errorf("%d completed uploads before the last byte", n)
		}
		in.patch("organiser", url, 1<<20, data[1<<20:])
		want := hexSum(data)
		u := in.stored(url)
		if !u.Complete() || u.SHA256 != want || u.Size != int64(len(data)) || u.Filename != "Обращение 致辞.mp4" || u.SpeechID != in.fx.video || u.AccountID != in.fx.organiser.ID {
			t.Errorf("upload recorded as %+v", u)
		}
		obj, err := in.blobs.Open(context.Background(), u.BlobKey)
		if err != nil {
			t.Fatalf("blob %q: %v", u.BlobKey, err)
		}
		stored, _ := io.ReadAll(obj)
		obj.Close()
		if !bytes.Equal(stored, data) {
			t.Errorf("the blob store holds %d bytes that differ from the %d sent", len(stored), len(data))
		}
		if files := in.stagingFiles(); len(files) != 0 {
			t.Errorf("staging folder after completion: %v", files)
		}
		if len(in.completed) != 1 || in.completed[0].ID != u.ID || in.completed[0].SHA256 != want || in.completed[0].BlobKey != u.BlobKey || in.hooked(u) != 1 {
			t.Errorf("OnComplete got %+v, committed %d times", in.completed, in.hooked(u))
		}
		// A client that asks again after completion is told it is done.
		resp, _ = in.do("HEAD", url, "organiser", nil, nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Upload-Offset") != strconv.Itoa(len(data)) {
			t.Errorf("HEAD after completion: %d, offset %q", resp.StatusCode, resp.Header.Get("Upload-Offset"))
		}
		for _, who := range []string{"organiser", "editor", "admin"} {
			resp, _ := in.do("GET", url, who, nil, nil)
			if resp.StatusCode != http.StatusOK || resp.ContentLength != int64(len(data)) {
				t.Errorf("GET by the %s: %d, %d bytes", who, resp.StatusCode, resp.ContentLength)
			}
		}
		if resp, body := in.do("GET", url, "reviewer", nil, nil); resp.StatusCode != http.StatusForbidden || len(body) > 1000 {
			t.Errorf("GET by the reviewer: %d, %d bytes; want 403 and no file", resp.StatusCode, len(body))
		}
		req, _ := http.NewRequest("GET", url, nil)
		req.Header.Set("Authorization", "Bearer "+in.fx.tokens["editor"])
		got, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		back, _ := io.ReadAll(got.Body)
		got.Body.Close()
		if !bytes.Equal(back, data) {
			t.Errorf("GET gave back %d bytes that differ from the %d sent", len(back), len(data))
		}
		if cd := got.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename*=utf-8''") {
			t.Errorf("Content-Disposition %q does not carry the Cyrillic and Chinese name", cd)
		}
		resp, body := in.do("GET", url, "stranger", nil, nil)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "没有这项上传") {
			t.Errorf("GET by another partner's editor: %d %q, want 404 in Chinese", resp.StatusCode, body)
		}
	})
}

// TestUploadRefusals: what may not be uploaded is refused at creation
// with a sentence in the caller's language, and nothing of it is left: no
// row, no staging file.
func TestUploadRefusals(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 100<<20)
		okMeta := metadata("filename", "speech.mp4", "filetype", "video/mp4", "item", fmt.Sprint(in.fx.video))
		revoked := in.fx.tokens["admin"]
		toks, _ := (&account.Store{DB: db}).APITokens(context.Background(), in.fx.admin.ID)
		if err := (&account.Store{DB: db}).RevokeAPIToken(context.Background(), in.fx.admin.ID, toks[0].ID); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name, who, lang, size, meta string
			status                      int
			says                        string
		}{
			{"nobody", "", "zh", "1000", okMeta, 401, "请先登录办公室"},
			{"nobody in Russian", "", "ru", "1000", okMeta, 401, "войдите в офис"},
			{"a bad token", "tdm_not-a-token", "en", "1000", okMeta, 401, "The API token is invalid or has been revoked."},
			{"a revoked token, in its account's language", revoked, "ru", "1000", okMeta, 401, "The API token is invalid or has been revoked."},
			{"a reviewer with a token from an editor's days", "reviewer", "zh", "1000", okMeta, 403, "Only admins, and organisers and editors of a partner's team"},
			{"another partner's editor", "stranger", "en", "1000", okMeta, 404, "该议程项目不存在"},
			{"over the limit", "organiser", "en", strconv.Itoa(101 << 20), okMeta, 413, "Размер файла — 101,0\u00a0МиБ, а предел — 100,0\u00a0МиБ."},
			{"a byte over the limit", "organiser", "en", strconv.Itoa(100<<20 + 1), okMeta, 413, "Размер файла — 104\u00a0857\u00a0601\u00a0байт, а предел — 104\u00a0857\u00a0600\u00a0байт."},
			{"over the limit in English", "editor", "en", strconv.Itoa(150 << 20), okMeta, 413, "The file is 150.0\u00a0MiB; the limit is 100.0\u00a0MiB."},
			{"zero bytes", "organiser", "en", "0", okMeta, 422, "Файл пуст (0 байт)."},
			{"no size", "organiser", "en", "", okMeta, 400, "Размер файла нужно указать в начале загрузки, в заголовке Upload-Length."},
			{"a negative size", "stranger", "en", "-5", okMeta, 400, "Upload-Length 头必须是文件的字节数，即不小于0的整数，“-5”不是。"},
			{"a size that is no number", "organiser", "en", "12k", okMeta, 400, "Заголовок Upload-Length должен содержать размер файла в байтах — целое число не меньше 0, а «12k» им не является."},
			{"a fractional size", "editor", "ru", "1.5", okMeta, 400, "The Upload-Length header must be the file's size in bytes, a whole number of 0 or more; “1.5” is not."},
			{"a report", "organiser", "en", "1000", metadata("filename", "speech.mp4", "filetype", "video/mp4", "item", fmt.Sprint(in.fx.report)), 422, "представлен не в видеозаписи"},
			{"no item", "organiser", "en", "1000", metadata("filename", "speech.mp4", "filetype", "video/mp4"), 422, "ключ «item» в Upload-Metadata должен содержать номер пункта"},
			{"an item that is no number", "stranger", "en", "1000", metadata("filename", "speech.mp4", "filetype", "video/mp4", "item", "abc"), 422, "Upload-Metadata 中的键“item”必须是议程项目的编号，“abc”不是。"},
			{"a negative item", "editor", "ru", "1000", metadata("filename", "speech.mp4", "filetype", "video/mp4", "item", "-2"), 422, "The Upload-Metadata key “item” must be a programme item's number; “-2” is not."},
			{"an empty item", "organiser", "en", "1000", metadata("filename", "speech.mp4", "filetype", "video/mp4", "item", ""), 422, "ключ «item» в Upload-Metadata должен содержать номер пункта"},
			{"a text file without a type", "organiser", "en", "1000", metadata("filename", "notes.txt", "item", fmt.Sprint(in.fx.video)), 422, "«notes.txt» — не видеофайл."},
			{"no name", "organiser", "en", "1000", metadata("filetype", "video/mp4", "item", fmt.Sprint(in.fx.video)), 422, "В загрузке не указано имя файла: ключа «filename» в Upload-Metadata нет"},
			{"a blank name", "organiser", "en", "1000", metadata("filename", "  ", "filetype", "video/mp4", "item", fmt.Sprint(in.fx.video)), 422, "В загрузке не указано имя файла: ключа «filename» в Upload-Metadata нет"},
			{"a long name", "organiser", "en", "1000", metadata("filename", strings.Repeat("я", 252)+".mp4", "filetype", "video/mp4", "item", fmt.Sprint(in.fx.video)), 422, "Имя файла слишком длинное (символов: 256, допускается не более 255). Переименуйте файл и выберите его снова."},
			{"a control character", "organiser", "en", "1000", metadata("filename", "a\x00b.mp4", "filetype", "video/mp4", "item", fmt.Sprint(in.fx.video)), 422, "В имени файла есть недопустимые знаки"},
			{"a slash", "organiser", "en", "1000", metadata("filename", "../b.mp4", "filetype", "video/mp4", "item", fmt.Sprint(in.fx.video)), 422, "В имени файла есть недопустимые знаки"},
			{"a name not in base64", "organiser", "en", "1000", "filename !!!,filetype " + b64("video/mp4") + ",item " + b64(fmt.Sprint(in.fx.video)), 400, "Значение ключа «filename» в Upload-Metadata — не правильный base64."},
			{"a type not in base64", "editor", "ru", "1000", "filename " + b64("a.mp4") + ",filetype video/mp4,item " + b64(fmt.Sprint(in.fx.video)), 400, "The Upload-Metadata value of the key “filetype” is not valid base64."},
			{"an item not in base64", "editor", "ru", "1000", "filename " + b64("a.mp4") + ",item 4%2", 400, "The Upload-Metadata value of the key “item” is not valid base64."},
			{"a text type with a video's name", "editor", "ru", "1000", metadata("filename", "speech.mp4", "filetype", "text/plain", "item", fmt.Sprint(in.fx.video)), 422, "“speech.mp4” is not a video: its type is text/plain. Upload an MP4, MOV, WebM or MKV video."},
			{"an image type", "editor", "ru", "1000", metadata("filename", "speech.mov", "filetype", "image/png", "item", fmt.Sprint(in.fx.video)), 422, "“speech.mov” is not a video: its type is image/png."},
			{"a PDF", "editor", "ru", "1000", metadata("filename", "speech.mkv", "filetype", "application/pdf; x=1", "item", fmt.Sprint(in.fx.video)), 422, "“speech.mkv” is not a video: its type is application/pdf."},
		} {
			h := map[string]string{"Upload-Metadata": c.meta, "Accept-Language": c.lang}
			if c.size != "" {
				h["Upload-Length"] = c.size
			}
			resp, body := in.do("POST", in.srv.URL+upload.BasePath, c.who, h, nil)
			if resp.StatusCode != c.status || !strings.Contains(body, c.says) || strings.Contains(body, "%!") {
				t.Errorf("%s: %d %q, want %d saying %q", c.name, resp.StatusCode, body, c.status, c.says)
			}
		}
		// A program (curl) that leaves out Tus-Resumable is told which
		// header it lacks, not to reload a page.
		resp, body := in.do("POST", in.srv.URL+upload.BasePath, "editor", map[string]string{"Upload-Metadata": okMeta, "Upload-Length": "1000", "Tus-Resumable": ""}, nil)
		if resp.StatusCode != http.StatusPreconditionFailed || !strings.Contains(body, "The request lacks the header “Tus-Resumable: 1.0.0”") {
			t.Errorf("no Tus-Resumable: %d %q", resp.StatusCode, body)
		}
		if n := in.count("1 = 1"); n != 0 {
			t.Errorf("%d uploads recorded after refusals", n)
		}
		if files := in.stagingFiles(); len(files) != 0 {
			t.Errorf("staging folder after refusals: %v", files)
		}
		// Someone else's upload cannot be continued, nor looked into.
		url := in.create("organiser", 1000, in.fx.video)
		resp, body = in.do("PATCH", url, "editor", map[string]string{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}, []byte("x"))
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Another account started this upload") {
			t.Errorf("PATCH of another's upload: %d %q", resp.StatusCode, body)
		}
		// An upload created for one item is not continued, nor looked
		// into, by a client that goes on for another: the office's
		// widget of item 1 cannot complete item 2's upload.
		other := fmt.Sprint(in.fx.video + 1)
		for _, m := range []string{"HEAD", "PATCH", "DELETE"} {
			resp, body = in.do(m, url, "organiser", map[string]string{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream", upload.ItemHeader: other}, []byte("x"))
			if resp.StatusCode != http.StatusUnprocessableEntity || m != "HEAD" && !strings.Contains(body, "Эта загрузка начата для видео другого пункта программы (№ "+fmt.Sprint(in.fx.video)+")") {
				t.Errorf("%s for another item: %d %q", m, resp.StatusCode, body)
			}
		}
		resp, body = in.do("PATCH", url, "organiser", map[string]string{"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream", upload.ItemHeader: fmt.Sprint(in.fx.video)}, []byte("x"))
		if resp.StatusCode != http.StatusNoContent {
			t.Errorf("PATCH for its own item: %d %q", resp.StatusCode, body)
		}
		resp, body = in.do("GET", url, "organiser", nil, nil)
		if resp.StatusCode != http.StatusNotFound || !strings.Contains(body, "ещё не завершена") {
			t.Errorf("GET of an unfinished upload: %d %q", resp.StatusCode, body)
		}
		resp, _ = in.do("HEAD", in.srv.URL+upload.BasePath+strings.Repeat("0", 32), "organiser", nil, nil)
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("HEAD of an unknown upload: %d", resp.StatusCode)
		}
	})
}

// TestUploadResumedAfterRestart: an upload whose server restarted between
// two parts (its running checksum lost) still completes with the SHA-256
// of the whole file, read from the staging file.
func TestUploadResumedAfterRestart(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 0)
		data := randomBytes(2<<20, 2)
		url := in.create("organiser", int64(len(data)), in.fx.video)
		in.patch("organiser", url, 0, data[:700000])
		in.restart()
		url = in.srv.URL + url[strings.Index(url, upload.BasePath):]
		resp, _ := in.do("HEAD", url, "organiser", nil, nil)
		if resp.Header.Get("Upload-Offset") != "700000" {
			t.Fatalf("HEAD after restart: offset %q", resp.Header.Get("Upload-Offset"))
		}
		in.patch("organiser", url, 700000, data[700000:])
		if got := in.stored(url).SHA256; got != hexSum(data) {
			t.Errorf("SHA-256 after a restart %q, want %q", got, hexSum(data))
		}
	})
}

// TestCleanupRemovesAbandonedUploads: an unfinished upload untouched for
// longer than AbandonAfter goes, files and row; one still growing, a
// stored one and a received one whose finishing job has not run stay;
// one whose bytes all arrived but whose row still says receiving (the
// server stopped before recording it) is received and finished.
func TestCleanupRemovesAbandonedUploads(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 0)
		old := in.create("organiser", 5000, in.fx.video)
		in.patch("organiser", old, 0, randomBytes(1000, 3))
		done := in.create("organiser", 100, in.fx.video)
		in.patch("organiser", done, 0, randomBytes(100, 4))
		in.stored(done)
		in.stopQueue() // the next one's finishing job waits
		received := in.create("organiser", 100, in.fx.video)
		in.patch("organiser", received, 0, randomBytes(100, 6))
		growing := in.create("organiser", 5000, in.fx.video)
		in.patch("organiser", growing, 0, randomBytes(1000, 5))
		// All its bytes arrived, but the server stopped before it recorded
		// so: its row still says receiving.
		unrecorded := in.create("organiser", 100, in.fx.video)
		in.patch("organiser", unrecorded, 0, randomBytes(100, 7))
		if _, err := db.Exec(context.Background(), `UPDATE uploads SET state = 'receiving', received_at = NULL WHERE tus_id = ?`, unrecorded[strings.LastIndex(unrecorded, "/")+1:]); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(context.Background(), `DELETE FROM river_job WHERE kind = 'upload.finish' AND CAST(args AS TEXT) LIKE ?`, "%"+unrecorded[strings.LastIndex(unrecorded, "/")+1:]+"%"); err != nil {
			t.Fatal(err)
		}
		// A day and an hour later, the growing one got a byte an hour ago.
		later := time.Now().Add(25 * time.Hour)
		in.cfg.Now = func() time.Time { return later }
		in.restart()
		id := func(u string) string { return u[strings.LastIndex(u, "/")+1:] }
		if err := os.Chtimes(filepath.Join(in.staging, id(growing)), later.Add(-time.Hour), later.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
		n, err := in.svc.Cleanup(context.Background())
		if err != nil || n != 1 {
			t.Fatalf("Cleanup: %d, %v; want 1 removed", n, err)
		}
		if _, err := upload.ByTusID(context.Background(), db, id(old)); err == nil {
			t.Error("the abandoned upload is still recorded")
		}
		want := []string{id(growing), id(growing) + ".info", id(received), id(received) + ".info", id(unrecorded), id(unrecorded) + ".info"}
		sort.Strings(want)
		if files := in.stagingFiles(); strings.Join(files, " ") != strings.Join(want, " ") {
			t.Errorf("staging folder after clean-up: %v, want the growing and the received uploads' files %v", files, want)
		}
		if n := in.count("state = 'stored'"); n != 1 {
			t.Errorf("%d stored uploads after clean-up, want 1", n)
		}
		if n := in.count("state = 'received'"); n != 2 {
			t.Errorf("%d received uploads after clean-up, want the one waiting for its finishing job and the one unrecorded", n)
		}
		if u := in.stored(unrecorded); u.SHA256 == "" {
			t.Errorf("the unrecorded upload was stored as %+v", u)
		}
	})
}

// TestUploadURLBehindAProxy: with the site's public address configured,
// a new upload's URL is on it (https, behind a proxy that ends TLS), not
// on the plain-http address the request reached.
func TestUploadURLBehindAProxy(t *testing.T) {
	in := newInstance(t, storetest.SQLite(t), 0)
	in.cfg.BaseURL = "https://forum.example/"
	in.restart()
	resp, body := in.do("POST", in.srv.URL+upload.BasePath, "organiser", map[string]string{
		"Upload-Length":   "10",
		"Upload-Metadata": metadata("filename", "a.mp4", "item", fmt.Sprint(in.fx.video)),
	}, nil)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusCreated || !strings.HasPrefix(loc, "https://forum.example/api/uploads/") {
		t.Errorf("create: %d %q, Location %q", resp.StatusCode, body, loc)
	}
}

// TestUploadFinishedAfterRestart: the last PATCH is answered once the
// bytes are in the staging file, before any checksum; the server then
// stops as kill -9 stops it, before the finishing job ran (nothing in
// memory survives, the job does in the database). Until the job runs the
// upload shows as received and its bytes can be fetched from the staging
// file; after the restart the job stores the file in the blob store with
// its SHA-256 and OnComplete's writes commit exactly once, though the
// hook failed once on the way and the job ran again.
func TestUploadFinishedAfterRestart(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		in := newInstance(t, db, 0)
		data := randomBytes(5<<20+3, 8)
		url := in.create("organiser", int64(len(data)), in.fx.video)
		in.patch("organiser", url, 0, data[:2<<20])
		resp := in.patch("organiser", url, 2<<20, data[2<<20:])
		if resp.Header.Get("Upload-Offset") != strconv.Itoa(len(data)) {
			t.Errorf("last PATCH: offset %q", resp.Header.Get("Upload-Offset"))
		}
		id := url[strings.LastIndex(url, "/")+1:]
		u, err := upload.ByTusID(ctx, db, id)
		if err != nil {
			t.Fatal(err)
		}
		if u.State != upload.Received || u.SHA256 != "" || u.Complete() || u.ReceivedAt.IsZero() {
			t.Errorf("after the last response the upload is %+v, want received, checksum not yet read", u)
		}
		var queued int
		if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'upload.finish' AND state = 'available'`).Scan(&queued); err != nil || queued != 1 {
			t.Fatalf("%d finishing jobs queued (%v), want 1", queued, err)
		}

		in.restart() // kill -9: the job was queued, never run
		url = in.srv.URL + url[strings.Index(url, upload.BasePath):]
		resp, _ = in.do("HEAD", url, "organiser", nil, nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Upload-Offset") != strconv.Itoa(len(data)) {
			t.Errorf("HEAD before the job: %d, offset %q; want every byte", resp.StatusCode, resp.Header.Get("Upload-Offset"))
		}
		resp, body := in.do("GET", url, "editor", nil, nil)
		if resp.StatusCode != http.StatusOK || body != strings.TrimSpace(string(data)) || resp.Header.Get("Repr-Digest") != "" {
			t.Errorf("GET before the job: %d, %d bytes, Repr-Digest %q; want the file from the staging folder, no digest yet", resp.StatusCode, len(body), resp.Header.Get("Repr-Digest"))
		}
		if len(in.completed) != 0 || in.count("state = 'stored'") != 0 {
			t.Fatalf("stored before the job ran: %+v", in.completed)
		}

		in.failHook = 1 // video processing is out of reach at first
		u = in.stored(url)
		want := hexSum(data)
		if u.SHA256 != want || u.BlobKey != "uploads/"+id || u.CompletedAt.IsZero() {
			t.Errorf("stored as %+v, want SHA-256 %s", u, want)
		}
		obj, err := in.blobs.Open(ctx, u.BlobKey)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := io.ReadAll(obj)
		obj.Close()
		if !bytes.Equal(stored, data) {
			t.Errorf("the blob store holds %d bytes that differ from the %d sent", len(stored), len(data))
		}
		if files := in.stagingFiles(); len(files) != 0 {
			t.Errorf("staging folder after the job: %v", files)
		}
		// Another run of the job (one rescued from a worker that died
		// after its commit) and another restart change nothing.
		if err := in.svc.Finish(ctx, id); err != nil {
			t.Errorf("finishing again: %v", err)
		}
		in.restart()
		url = in.srv.URL + url[strings.Index(url, upload.BasePath):]
		in.startQueue()
		time.Sleep(300 * time.Millisecond)
		in.mu.Lock()
		calls, completed := in.calls, len(in.completed)
		in.mu.Unlock()
		if n := in.hooked(u); n != 1 || completed != 1 || calls != 2 {
			t.Errorf("OnComplete's writes committed %d times (%d calls, %d succeeded); want once, after one failure", n, calls, completed)
		}
		resp, _ = in.do("GET", url, "organiser", nil, nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Repr-Digest") == "" {
			t.Errorf("GET after the job: %d, Repr-Digest %q", resp.StatusCode, resp.Header.Get("Repr-Digest"))
		}
	})
}

// TestUploadFinishedAfterAMoveNotRecorded: a finishing job stopped after
// it moved the file into the blob store but before it recorded so is run
// again: it reads the checksum from the blob and records the upload once.
func TestUploadFinishedAfterAMoveNotRecorded(t *testing.T) {
	ctx := context.Background()
	in := newInstance(t, storetest.SQLite(t), 0)
	data := randomBytes(1<<20, 10)
	url := in.create("organiser", int64(len(data)), in.fx.video)
	in.patch("organiser", url, 0, data)
	id := url[strings.LastIndex(url, "/")+1:]
	if _, err := blob.PutFile(ctx, in.blobs, "uploads/"+id, filepath.Join(in.staging, id)); err != nil {
		t.Fatal(err)
	}
	in.restart()
	url = in.srv.URL + url[strings.Index(url, upload.BasePath):]
	u := in.stored(url)
	if u.SHA256 != hexSum(data) || in.hooked(u) != 1 {
		t.Errorf("stored as %+v, OnComplete committed %d times", u, in.hooked(u))
	}
	resp, body := in.do("GET", url, "organiser", nil, nil)
	if resp.StatusCode != http.StatusOK || body != strings.TrimSpace(string(data)) {
		t.Errorf("GET: %d, %d bytes", resp.StatusCode, len(body))
	}
}

// TestTusErrorsInTheCallersLanguage: the errors tusd itself answers (a
// part sent at the wrong offset, more bytes than the file has, a request
// without the tus version) reach the person as a sentence in their
// language, with tusd's status, never tusd's English text; a program
// (an API token's) is told what to send, not to reload a page or press
// Resume.
func TestTusErrorsInTheCallersLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 100<<20)
		url := in.create("organiser", 1000, in.fx.video)
		in.patch("organiser", url, 0, randomBytes(100, 1))
		octets := "application/offset+octet-stream"
		for _, c := range []struct {
			name   string
			header map[string]string
			body   []byte
			status int
			says   string
			// program is what a program is told instead, when it is
			// told something else.
			program string
		}{
			{"a mismatched offset", map[string]string{"Upload-Offset": "0", "Content-Type": octets}, randomBytes(10, 2), 409, "Сервер получил не столько байтов этого файла",
				"Upload-Offset в запросе не совпадает с тем, сколько файла сервер уже получил. Узнайте это запросом HEAD"},
			{"more than the file", map[string]string{"Upload-Offset": "100", "Content-Type": octets}, randomBytes(1000, 3), 413, "Отправлено больше байтов",
				"Отправлено больше байтов, чем размер файла, указанный при создании загрузки. Создайте новую загрузку."},
			{"no content type", map[string]string{"Upload-Offset": "100"}, randomBytes(10, 4), 400, "Браузер отправил запрос",
				"Сервер не может принять этот запрос: это не запрос tus 1.0, который принимает этот адрес (PATCH требует «Content-Type: application/offset+octet-stream» и Upload-Offset)."},
			{"a wrong content type", map[string]string{"Upload-Offset": "100", "Content-Type": "video/mp4"}, randomBytes(10, 4), 400, "Браузер отправил запрос",
				"Сервер не может принять этот запрос: это не запрос tus 1.0"},
			{"no tus version", map[string]string{"Upload-Offset": "100", "Content-Type": octets, "Tus-Resumable": "0.2.0"}, randomBytes(10, 5), 412, "В запросе нет заголовка «Tus-Resumable: 1.0.0»", ""},
			{"a negative offset", map[string]string{"Upload-Offset": "-5", "Content-Type": octets}, randomBytes(10, 6), 400, "Заголовок Upload-Offset должен содержать число байтов, которое сервер уже получил, — целое число не меньше 0, а «-5» им не является.", ""},
			{"an offset that is no number", map[string]string{"Upload-Offset": "abc", "Content-Type": octets}, randomBytes(10, 6), 400, "а «abc» им не является", ""},
			{"an item header that is no number", map[string]string{"Upload-Offset": "100", "Content-Type": octets, upload.ItemHeader: "abc"}, randomBytes(10, 6), 400, "Заголовок Tandem-Item должен содержать номер пункта программы, а «abc» им не является.", ""},
		} {
			page := map[string]string{"Cookie": "page=1"}
			for k, v := range c.header {
				page[k] = v
			}
			resp, body := in.do("PATCH", url, "organiser", page, c.body)
			if resp.StatusCode != c.status || !strings.Contains(body, c.says) || strings.Contains(body, "ERR_") {
				t.Errorf("%s: %d %q, want %d saying %q", c.name, resp.StatusCode, body, c.status, c.says)
			}
			want := cmp.Or(c.program, c.says)
			resp, body = in.do("PATCH", url, "organiser", c.header, c.body)
			if resp.StatusCode != c.status || !strings.Contains(body, want) || strings.Contains(body, "Браузер") || strings.Contains(body, "Перезагрузите") {
				t.Errorf("%s from a program: %d %q, want %d saying %q", c.name, resp.StatusCode, body, c.status, want)
			}
			if lang := resp.Header.Get("Content-Language"); lang != "ru" {
				t.Errorf("%s: Content-Language %q, want ru (the organiser's)", c.name, lang)
			}
		}
	})
}

// TestTusDiscoveryWithoutCredentials: OPTIONS (tus discovery, a CORS
// preflight) is answered with the protocol's headers without a session or
// token, while the other methods still need one.
func TestTusDiscoveryWithoutCredentials(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 100<<20)
		resp, _ := in.do("OPTIONS", in.srv.URL+upload.BasePath, "", nil, nil)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Tus-Version") != "1.0.0" ||
			!strings.Contains(resp.Header.Get("Tus-Extension"), "creation") || resp.Header.Get("Tus-Max-Size") != strconv.Itoa(100<<20) {
			t.Errorf("OPTIONS without credentials: %d, Tus-Version %q, Tus-Extension %q, Tus-Max-Size %q", resp.StatusCode,
				resp.Header.Get("Tus-Version"), resp.Header.Get("Tus-Extension"), resp.Header.Get("Tus-Max-Size"))
		}
		url := in.create("organiser", 1000, in.fx.video)
		for _, m := range []string{"POST", "HEAD", "PATCH", "GET", "DELETE"} {
			target := url
			if m == "POST" {
				target = in.srv.URL + upload.BasePath
			}
			resp, body := in.do(m, target, "", map[string]string{"Accept-Language": "en"}, nil)
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s without credentials: %d, want 401", m, resp.StatusCode)
			}
			// A GET fetches a file: it is told how to, not how to upload.
			if want := "to upload files"; m == "GET" {
				if want = "to download uploaded files"; !strings.Contains(body, want) {
					t.Errorf("GET without credentials: %q, want it to say %q", body, want)
				}
			} else if m != "HEAD" && !strings.Contains(body, want) {
				t.Errorf("%s without credentials: %q, want it to say %q", m, body, want)
			}
		}
	})
}

// TestCancelAnUnfinishedUpload: tus termination. The server advertises
// it; the account that started an upload cancels it with DELETE, after
// which nothing of it is left (record, staging files) and it is not
// found; another account may not cancel it; a complete upload is not
// cancelled but said to be complete, in the caller's language.
func TestCancelAnUnfinishedUpload(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 100<<20)
		resp, _ := in.do("OPTIONS", in.srv.URL+upload.BasePath, "", nil, nil)
		if !strings.Contains(resp.Header.Get("Tus-Extension"), "termination") {
			t.Errorf("Tus-Extension %q does not offer termination", resp.Header.Get("Tus-Extension"))
		}
		url := in.create("organiser", 1000, in.fx.video)
		in.patch("organiser", url, 0, randomBytes(400, 1))
		resp, body := in.do("DELETE", url, "editor", nil, nil)
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Another account started this upload") {
			t.Errorf("DELETE of another's upload: %d %q", resp.StatusCode, body)
		}
		if resp, body := in.do("DELETE", url, "organiser", nil, nil); resp.StatusCode != http.StatusNoContent {
			t.Fatalf("DELETE of one's own unfinished upload: %d %q", resp.StatusCode, body)
		}
		if n := in.count("1 = 1"); n != 0 {
			t.Errorf("%d uploads recorded after cancelling", n)
		}
		if files := in.stagingFiles(); len(files) != 0 {
			t.Errorf("staging folder after cancelling: %v", files)
		}
		if resp, _ := in.do("HEAD", url, "organiser", nil, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("HEAD of a cancelled upload: %d, want 404", resp.StatusCode)
		}

		data := randomBytes(1000, 2)
		url = in.create("organiser", 1000, in.fx.video)
		in.patch("organiser", url, 0, data)
		in.stored(url)
		resp, body = in.do("DELETE", url, "organiser", nil, nil)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "уже завершена, поэтому отменить её нельзя") {
			t.Errorf("DELETE of a complete upload: %d %q", resp.StatusCode, body)
		}
		if n := in.count("state = 'stored'"); n != 1 {
			t.Errorf("%d stored uploads after refusing to cancel one, want 1", n)
		}
	})
}

// TestInterruptEndsAnUploadAtOnce: a server that shuts down interrupts an
// upload whose client is still sending (and would keep the shutdown
// waiting): the PATCH is answered within a second, in the caller's
// language, the bytes received are kept, and the client resumes from
// there against the next server.
func TestInterruptEndsAnUploadAtOnce(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 100<<20)
		data := randomBytes(1000, 3)
		url := in.create("organiser", int64(len(data)), in.fx.video)
		body, feed := io.Pipe()
		defer feed.Close()
		type answer struct {
			status int
			text   string
		}
		answered := make(chan answer, 1)
		go func() {
			req, _ := http.NewRequest("PATCH", url, body)
			req.Header.Set("Tus-Resumable", "1.0.0")
			req.Header.Set("Upload-Offset", "0")
			req.Header.Set("Content-Type", "application/offset+octet-stream")
			req.Header.Set("Authorization", "Bearer "+in.fx.tokens["organiser"])
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				answered <- answer{0, err.Error()}
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			answered <- answer{resp.StatusCode, strings.TrimSpace(string(b))}
		}()
		if _, err := feed.Write(data[:400]); err != nil {
			t.Fatal(err)
		}
		// The 400 bytes are in the staging file before the interruption.
		deadline := time.Now().Add(5 * time.Second)
		for {
			if st, err := os.Stat(filepath.Join(in.staging, url[strings.LastIndex(url, "/")+1:])); err == nil && st.Size() == 400 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("the first bytes never reached the staging file")
			}
			time.Sleep(10 * time.Millisecond)
		}
		start := time.Now()
		in.svc.Interrupt()
		select {
		case a := <-answered:
			if a.status != http.StatusServiceUnavailable || !strings.Contains(a.text, "Сервер перезапускается") {
				t.Errorf("interrupted PATCH: %d %q, want 503 saying the server restarts", a.status, a.text)
			}
		case <-time.After(3 * time.Second):
			t.Fatal("the PATCH was not answered 3 s after the interruption")
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("the interrupted PATCH took %s to end", d)
		}
		in.restart()
		url = in.srv.URL + upload.BasePath + url[strings.LastIndex(url, "/")+1:]
		resp, _ := in.do("HEAD", url, "organiser", nil, nil)
		if resp.Header.Get("Upload-Offset") != "400" {
			t.Fatalf("after the restart the upload is at %q, want 400", resp.Header.Get("Upload-Offset"))
		}
		in.patch("organiser", url, 400, data[400:])
		if u := in.stored(url); u.SHA256 != hexSum(data) {
			t.Errorf("resumed upload's SHA-256 %s, want the whole file's", u.SHA256)
		}
	})
}

// TestUploadExpires: tus expiration. The server advertises it and tells a
// client, at creation and with each part, when its unfinished upload will
// be removed if nothing more comes (a day later by default, Cleanup's
// AbandonAfter); a complete upload does not expire.
func TestUploadExpires(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		in := newInstance(t, db, 100<<20)
		resp, _ := in.do("OPTIONS", in.srv.URL+upload.BasePath, "", nil, nil)
		if !strings.Contains(resp.Header.Get("Tus-Extension"), "expiration") {
			t.Errorf("Tus-Extension %q does not offer expiration", resp.Header.Get("Tus-Extension"))
		}
		inADay := func(what string, resp *http.Response) {
			t.Helper()
			at, err := http.ParseTime(resp.Header.Get("Upload-Expires"))
			if want := time.Now().Add(upload.DefaultAbandonAfter); err != nil || at.Before(want.Add(-time.Minute)) || at.After(want.Add(time.Minute)) {
				t.Errorf("%s: Upload-Expires %q, want about %s", what, resp.Header.Get("Upload-Expires"), want.UTC().Format(http.TimeFormat))
			}
		}
		resp, _ = in.do("POST", in.srv.URL+upload.BasePath, "organiser", map[string]string{
			"Upload-Length": "1000", "Upload-Metadata": metadata("filename", "a.mp4", "filetype", "video/mp4", "item", fmt.Sprint(in.fx.video))}, nil)
		inADay("creation", resp)
		url := resp.Header.Get("Location")
		data := randomBytes(1000, 4)
		inADay("a first part", in.patch("organiser", url, 0, data[:300]))
		resp, _ = in.do("HEAD", url, "organiser", nil, nil)
		inADay("HEAD", resp)
		if resp := in.patch("organiser", url, 300, data[300:]); resp.Header.Get("Upload-Expires") != "" {
			t.Errorf("the last part: Upload-Expires %q, want none", resp.Header.Get("Upload-Expires"))
		}
		if resp, _ := in.do("HEAD", url, "organiser", nil, nil); resp.Header.Get("Upload-Expires") != "" {
			t.Errorf("HEAD of a complete upload: Upload-Expires %q, want none", resp.Header.Get("Upload-Expires"))
		}
	})
}
