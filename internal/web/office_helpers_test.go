package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/tandemforum/tandem/internal/account"
	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/demo"
	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/web"
)

// testPassword is the password of every account the office tests make.
const testPassword = "correct horse battery staple"

// office is the demo site with its office, served on a test server whose
// address is the site's base URL, so that the office trusts its origin.
type office struct {
	t     *testing.T
	db    *store.DB
	blobs blob.Store
	srv   *httptest.Server
	accts *account.Store
	// web is the server behind srv, for tests that run its jobs.
	web *web.Server
}

// newOffice loads the demo into db and serves it.
func newOffice(t *testing.T, db *store.DB) *office {
	t.Helper()
	return newOfficeWith(t, db, nil)
}

// newOfficeWith is newOffice with a server configured by set (nil: as
// newOffice).
func newOfficeWith(t *testing.T, db *store.DB, set func(*web.Config)) *office {
	t.Helper()
	blobs, err := blob.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(context.Background(), db, blobs); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Start()
	t.Cleanup(ts.Close)
	cfg := web.Config{DB: db, Blobs: blobs, BaseURL: ts.URL, NoCache: true, Logger: discardLogger()}
	// The server's sender of mail, which a site on 127.0.0.1 must be
	// given for Crossref's reports.
	cfg.Press = &edition.Press{DB: db, Blobs: blobs, BaseURL: ts.URL, DepositorEmail: "editions@forum.example"}
	if set != nil {
		set(&cfg)
	}
	srv, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts.Config.Handler = srv.Handler()
	return &office{t: t, db: db, blobs: blobs, srv: ts, accts: &account.Store{DB: db}, web: srv}
}

// account makes an account with testPassword and the memberships given as
// "partner-slug:role" ("cass:organiser").
func (o *office) account(email, name, lang string, admin bool, memberships ...string) *account.Account {
	o.t.Helper()
	ctx := context.Background()
	a, err := o.accts.Create(ctx, account.NewAccount{Email: email, Name: name, Lang: lang, Password: testPassword, Admin: admin})
	if err != nil {
		o.t.Fatal(err)
	}
	for _, m := range memberships {
		slug, role, _ := strings.Cut(m, ":")
		var pid int64
		if err := o.db.QueryRow(ctx, `SELECT id FROM partners WHERE slug = ?`, slug).Scan(&pid); err != nil {
			o.t.Fatalf("partner %s: %v", slug, err)
		}
		if err := o.accts.Grant(ctx, a.ID, pid, account.Role(role)); err != nil {
			o.t.Fatal(err)
		}
	}
	a, err = o.accts.ByID(ctx, a.ID)
	if err != nil {
		o.t.Fatal(err)
	}
	return a
}

// browser is one visitor of the office, with its own cookies; it does not
// follow redirects, so that tests see them.
type browser struct {
	o *office
	c *http.Client
}

func (o *office) browser() *browser {
	jar, err := cookiejar.New(nil)
	if err != nil {
		o.t.Fatal(err)
	}
	return &browser{o: o, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request and returns the response with its body read.
func (b *browser) do(method, path string, form url.Values, header ...string) (*http.Response, string) {
	b.o.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, b.o.srv.URL+path, body)
	if err != nil {
		b.o.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := b.c.Do(req)
	if err != nil {
		b.o.t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		b.o.t.Fatal(err)
	}
	// A message printed with the wrong arguments shows as "%!(EXTRA ...)"
	// or "%!s(MISSING)"; no page may show one.
	if i := strings.Index(string(data), "%!"); i >= 0 {
		b.o.t.Errorf("%s %s: the page shows a misprinted message: %q", method, path, string(data[i:min(len(data), i+60)]))
	}
	return resp, string(data)
}

// get fetches path and returns the response and its parsed page.
func (b *browser) get(path string, header ...string) (*http.Response, *goquery.Document) {
	b.o.t.Helper()
	resp, body := b.do("GET", path, nil, header...)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		b.o.t.Fatal(err)
	}
	return resp, doc
}

// post sends a form to path and returns the response and its parsed page.
func (b *browser) post(path string, form url.Values, header ...string) (*http.Response, *goquery.Document) {
	b.o.t.Helper()
	resp, body := b.do("POST", path, form, header...)
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		b.o.t.Fatal(err)
	}
	return resp, doc
}

// signIn signs in with testPassword and fails the test unless the office
// lets the account in.
func (b *browser) signIn(email string) {
	b.o.t.Helper()
	resp, doc := b.post("/office/signin", url.Values{"email": {email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusSeeOther {
		b.o.t.Fatalf("sign in as %s: status %d, want 303; message %q", email, resp.StatusCode, strings.TrimSpace(doc.Find(".form-error").Text()))
	}
}

// cookie returns the value of the browser's cookie name for the office.
func (b *browser) cookie(name string) string {
	u, _ := url.Parse(b.o.srv.URL + "/office/")
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}
