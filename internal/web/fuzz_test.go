package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
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

// FuzzRouting sends the site requests with arbitrary methods and paths: the
// answer is never a 500; a redirect leads in one step to an address that is
// served as it is (no second redirect); a refused method names the allowed
// ones.
func FuzzRouting(f *testing.F) {
	for _, seed := range []struct{ method, path string }{
		{"GET", "/en/forums/"}, {"HEAD", "/ru//news/"}, {"POST", "/en/"}, {"DELETE", "/zh/forums/treaty-20-forum/programme.ics/"},
		{"GET", "/en/./partners/../news"}, {"PUT", "/nope"}, {"GET", "/media/x/"}, {"OPTIONS", "/"}, {"GET", "/en"}, {"GET", "/%2F/"},
	} {
		f.Add(seed.method, seed.path)
	}
	db := storetest.SQLite(f)
	h := demoHandler(f, db, true)
	serve := func(method, path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", "/", nil)
		req.Method = method
		req.URL.Path = path
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	f.Fuzz(func(t *testing.T, method, path string) {
		if method == "" || strings.ContainsAny(method, " \t\r\n()<>@,;:\\\"/[]?={}") {
			return // not a token: no client sends it
		}
		path = "/" + strings.TrimPrefix(path, "/")
		w := serve(method, path)
		switch {
		case w.Code >= 500:
			t.Fatalf("%s %q: %d\n%s", method, path, w.Code, w.Body.String())
		case w.Code == http.StatusMethodNotAllowed && w.Header().Get("Allow") != "GET, HEAD":
			t.Fatalf("%s %q: 405 with Allow %q", method, path, w.Header().Get("Allow"))
		case w.Code == http.StatusMovedPermanently && (method == "GET" || method == "HEAD"):
			loc := w.Header().Get("Location")
			u, err := url.Parse(loc)
			if err != nil {
				t.Fatalf("%s %q: Location %q: %v", method, path, loc, err)
			}
			if again := serve(method, u.Path); again.Code == http.StatusMovedPermanently || again.Code >= 500 {
				t.Fatalf("%s %q → %q → %d %q", method, path, loc, again.Code, again.Header().Get("Location"))
			}
		}
	})
}
