package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/store/storetest"
)

// FuzzRequests sends the site requests with arbitrary paths, query strings
// and language headers: whatever comes in, the answer is a page, a redirect
// or a 4xx, never a 500 or a panic.
func FuzzRequests(f *testing.F) {
	for _, seed := range []struct{ path, query, accept, cookie string }{
		{"/", "", "ru-RU,ru;q=0.9", ""},
		{"/en/news", "page=2", "", "lang=zh"},
		{"/zh/forums/treaty-20-forum/programme", "", "zh-CN", ""},
		{"/ru/forums/treaty-20-forum/speeches/wang-yi-video-address", "x=%zz", "", ""},
		{"/en/news/%ff", "page=-1", "*;q=abc", "lang=%00"},
		{"/media/../../etc/passwd", "", "", ""},
		{"/assets/site.css", "", "en;q=1.0.0", ""},
	} {
		f.Add(seed.path, seed.query, seed.accept, seed.cookie)
	}
	db := storetest.SQLite(f)
	h := demoHandler(f, db, true)
	f.Fuzz(func(t *testing.T, path, query, accept, cookie string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.URL.Path = "/" + strings.TrimPrefix(path, "/")
		req.URL.RawQuery = query
		req.Header.Set("Accept-Language", accept)
		req.Header.Set("Cookie", cookie)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 {
			t.Fatalf("GET %q ?%q: %d\n%s", req.URL.Path, query, w.Code, w.Body.String())
		}
		if w.Code == http.StatusOK && w.Body.Len() == 0 && !strings.HasPrefix(req.URL.Path, "/media/") {
			t.Fatalf("GET %q: empty 200", req.URL.Path)
		}
	})
}
