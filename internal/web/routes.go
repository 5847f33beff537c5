package web

import (
	"net/http"

	"github.com/tandemforum/tandem/internal/i18n"
)

// routes lists every URL the server answers. Pages exist once per language,
// under the language's prefix; any other prefix is a 404 in the reader's
// language.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.chooseLanguage)
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /assets/{name}", s.assetFile)
	mux.HandleFunc("GET /media/{key...}", s.mediaFile)
	mux.HandleFunc("GET /sitemap.xml", s.sitemap)
	mux.HandleFunc("GET /robots.txt", s.robots)

	for _, l := range i18n.Languages {
		page := func(pattern string, fn pageFunc, params ...string) {
			mux.Handle("GET /"+l+pattern, s.page(l, fn, params...))
		}
		mux.Handle("GET /"+l, http.RedirectHandler("/"+l+"/", http.StatusMovedPermanently))
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
	return mux
}
