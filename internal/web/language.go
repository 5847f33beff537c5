package web

import (
	"net/http"
	"strings"

	"github.com/tandemforum/tandem/internal/i18n"
)

// rememberLanguage keeps the language of the last page read in a cookie, so
// that / sends the reader back to it.
func rememberLanguage(w http.ResponseWriter, r *http.Request, l string) {
	if len(r.Header["Cookie"]) > 0 {
		if c, err := r.Cookie(langCookie); err == nil && c.Value == l {
			return
		}
	}
	w.Header()["Set-Cookie"] = langCookies[l]
}

// langCookies holds the Set-Cookie header that remembers each language.
var langCookies = func() map[string][]string {
	m := map[string][]string{}
	for _, l := range i18n.Languages {
		c := &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600, SameSite: http.SameSiteLaxMode, HttpOnly: true}
		m[l] = []string{c.String()}
	}
	return m
}()

const langCookie = "lang"

// readerLanguage picks the language for a request without a language in its
// path: the cookie, then Accept-Language.
func readerLanguage(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	return i18n.Negotiate(r.Header.Get("Accept-Language"))
}

// pathLanguage returns the language of the request's path prefix when it has
// one, and otherwise the reader's language.
func (s *Server) pathLanguage(r *http.Request) string {
	if first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/"); i18n.Supported(first) {
		return first
	}
	return readerLanguage(r)
}
