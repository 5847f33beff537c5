package web

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/tandemforum/tandem/internal/i18n"
)

// routes lists every URL the server answers, each to GET (and so to HEAD).
// Pages exist once per language, under the language's prefix. In front of
// them, canonical sends a path with a trailing slash to its address without
// one and refuses other methods with 405; what no route takes is a 404 in
// the reader's language.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.languageChoose)
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /assets/{name}", s.assetFile)
	mux.HandleFunc("GET /media/{key...}", s.mediaFile)
	mux.HandleFunc("GET /sitemap.xml", s.sitemapShow)
	mux.HandleFunc("GET /robots.txt", s.robotsShow)

	for _, l := range i18n.Languages {
		page := func(pattern string, fn pageFunc, params ...string) {
			mux.Handle("GET /"+l+pattern, s.page(l, fn, params...))
		}
		// The home page's address has a trailing slash.
		mux.HandleFunc("GET /"+l, func(w http.ResponseWriter, r *http.Request) {
			target := "/" + l + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
		})
		page("/{$}", s.homeShow)
		page("/forums", s.forumsList, "page")
		page("/forums/{forum}", s.forumShow)
		page("/forums/{forum}/programme", s.programmeShow)
		page("/forums/{forum}/programme.ics", s.programmeCalendar)
		page("/forums/{forum}/speakers", s.speakersList)
		page("/forums/{forum}/speeches/{speech}", s.speechShow)
		page("/people/{person}", s.personShow)
		page("/news", s.newsList, "page")
		page("/news.atom", s.newsFeed)
		page("/news/{post}", s.newsShow)
		page("/partners", s.partnersList)
		page("/partners/{partner}", s.partnerShow)
		page("/partners/{partner}/mark.svg", s.partnerMarkSVG)
	}

	mux.HandleFunc("/", s.notFound)
	return s.canonical(mux)
}

// allowed is the Allow header of every route: each answers GET, and so HEAD.
var allowed = []string{"GET, HEAD"}

// canonical stands in front of mux so that every resource has one address
// and one method:
//   - GET or HEAD of a path that a route takes once its trailing slash,
//     doubled slashes or dot segments are gone is sent there in one
//     permanent redirect, query kept (/en/forums/ → /en/forums,
//     /en//forums → /en/forums); the home pages are the only addresses
//     with a trailing slash (/en/) and keep it;
//   - any other method on such a path is refused with 405 Method Not
//     Allowed, an Allow header and a page in the language of the path's
//     prefix, or else in the reader's;
//   - anything else goes to mux, whose fallback is a 404 page.
func (s *Server) canonical(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.EscapedPath()
		get := r.Method == http.MethodGet || r.Method == http.MethodHead
		if get && !strings.HasSuffix(p, "/") && !strings.Contains(p, "//") && !strings.Contains(p, "/.") {
			// Already an address, or none: mux serves it or says 404.
			mux.ServeHTTP(w, r)
			return
		}
		target, ok := canonicalPath(mux, r, p)
		switch {
		case get:
			if ok && target != p {
				if r.URL.RawQuery != "" {
					target += "?" + r.URL.RawQuery
				}
				http.Redirect(w, r, target, http.StatusMovedPermanently)
				return
			}
			mux.ServeHTTP(w, r)
		case ok:
			w.Header()["Allow"] = allowed
			s.renderErrorIn(w, r, s.pathLanguage(r), errMethodNotAllowed)
		default:
			s.notFound(w, r)
		}
	})
}

// canonicalPath returns the address of the resource at the escaped path p
// (p itself when it is one), and whether a route of mux takes it.
func canonicalPath(mux *http.ServeMux, r *http.Request, p string) (string, bool) {
	if !strings.HasPrefix(p, "/") {
		return "", false
	}
	clean := path.Clean(p)
	if home := strings.TrimSuffix(clean, "/") + "/"; strings.HasSuffix(route(mux, r, home), "/{$}") {
		return home, true
	}
	if pattern := route(mux, r, clean); pattern != "" && pattern != "/" {
		return clean, true
	}
	return "", false
}

// route returns the pattern of the route of mux that takes GET of the
// escaped path p, or "" when none does.
func route(mux *http.ServeMux, r *http.Request, p string) string {
	u, err := url.Parse(p)
	if err != nil {
		return ""
	}
	_, pattern := mux.Handler(&http.Request{Method: http.MethodGet, URL: u, Host: r.Host})
	return pattern
}
