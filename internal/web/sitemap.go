package web

import (
	"encoding/xml"
	"net/http"
	"time"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/media"
)

// sitemap serves /sitemap.xml (sitemaps.org 0.9): every public page, once
// per language, each with its alternates in the other languages and the
// English page as x-default, as the pages' own <link rel=alternate> give
// them. A page's lastmod is the latest date its content carries (a post's
// publication, a forum's end, a collection's release) that is not in the
// future; a page whose content carries none has no lastmod.
func (s *Server) sitemap(w http.ResponseWriter, r *http.Request) {
	ix, err := s.forums.Index(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	now := time.Now()
	set := urlSet{XHTML: "http://www.w3.org/1999/xhtml"}
	add := func(path string, dates ...time.Time) {
		var lastmod string
		if t := latest(now, dates...); !t.IsZero() {
			lastmod = t.UTC().Format(time.RFC3339)
		}
		var links []xhtmlLink
		for _, l := range i18n.Languages {
			links = append(links, xhtmlLink{Rel: "alternate", Hreflang: l, Href: s.abs("/" + l + path)})
		}
		links = append(links, xhtmlLink{Rel: "alternate", Hreflang: "x-default", Href: s.abs("/en" + path)})
		for _, l := range i18n.Languages {
			set.URLs = append(set.URLs, sitemapURL{Loc: s.abs("/" + l + path), Lastmod: lastmod, Links: links})
		}
	}

	forumDates := map[int64][]time.Time{}
	var all []time.Time
	for _, f := range ix.Forums {
		forumDates[f.ID] = append(forumDates[f.ID], f.EndsAt)
	}
	for _, c := range ix.Collections {
		forumDates[c.ForumID] = append(forumDates[c.ForumID], c.ReleasedAt)
	}
	for _, n := range ix.News {
		if n.ForumID != 0 {
			forumDates[n.ForumID] = append(forumDates[n.ForumID], n.PublishedAt)
		}
		all = append(all, n.PublishedAt)
	}
	partnerDates := map[int64][]time.Time{}
	for _, f := range ix.Forums {
		all = append(all, forumDates[f.ID]...)
		for _, h := range f.Hosts {
			partnerDates[h.ID] = append(partnerDates[h.ID], f.EndsAt)
		}
	}

	add("/", all...)
	listPages("/forums", len(ix.Forums), forumsPerPage, func(path string, from, to int) {
		var ds []time.Time
		for _, f := range ix.Forums[from:to] {
			ds = append(ds, f.EndsAt)
		}
		add(path, ds...)
	})
	slugs := map[int64]string{}
	for _, f := range ix.Forums {
		slugs[f.ID] = f.Slug
		p := "/forums/" + f.Slug
		add(p, forumDates[f.ID]...)
		add(p+"/programme", f.EndsAt)
		add(p+"/speakers", f.EndsAt)
	}
	for _, sp := range ix.Speeches {
		add("/forums/"+slugs[sp.ForumID]+"/speeches/"+sp.Slug, sp.EndsAt)
	}
	for _, p := range ix.People {
		add("/people/"+p.Slug, p.LastSpeechAt)
	}
	listPages("/news", len(ix.News), newsPerPage, func(path string, from, to int) {
		var ds []time.Time
		for _, n := range ix.News[from:to] {
			ds = append(ds, n.PublishedAt)
		}
		add(path, ds...)
	})
	for _, n := range ix.News {
		add("/news/"+n.Slug, n.PublishedAt)
	}
	var partnersAll []time.Time
	for _, p := range ix.Partners {
		partnersAll = append(partnersAll, partnerDates[p.ID]...)
	}
	add("/partners", partnersAll...)
	for _, p := range ix.Partners {
		add("/partners/"+p.Slug, partnerDates[p.ID]...)
	}

	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Write([]byte(xml.Header))
	w.Write([]byte(plain(string(out))))
}

// listPages calls page for each page of a paginated list of n items, perPage
// to a page, with the page's path and the range of items on it. An empty
// list has its first page.
func listPages(path string, n, perPage int, page func(path string, from, to int)) {
	pg := pager{Path: path}
	for i := 0; i == 0 || i*perPage < n; i++ {
		page(pg.URL(i+1), i*perPage, min(n, (i+1)*perPage))
	}
}

// latest returns the latest of dates that is not after now, or the zero
// time when there is none.
func latest(now time.Time, dates ...time.Time) time.Time {
	var out time.Time
	for _, d := range dates {
		if !d.After(now) && d.After(out) {
			out = d
		}
	}
	return out
}

type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string      `xml:"loc"`
	Lastmod string      `xml:"lastmod,omitempty"`
	Links   []xhtmlLink `xml:"xhtml:link"`
}

type xhtmlLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// robots serves /robots.txt: every page may be crawled, and the sitemap is
// at the site's public address.
func (s *Server) robots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write([]byte("User-agent: *\nAllow: /\n\nSitemap: " + s.abs("/sitemap.xml") + "\n"))
}

// partnerMarkSVG serves the monogram a page shows for a partner without an
// uploaded logo: its short name in the page's language, on a colour of its
// own.
func (s *Server) partnerMarkSVG(rq *request) (result, error) {
	p, err := s.forums.PartnerBySlug(rq.Context(), rq.PathValue("partner"))
	if err != nil {
		return result{}, err
	}
	colour := markColours[int((p.ID-1)%int64(len(markColours)))]
	short := shownText(p.ShortName, rq.Lang)
	return result{
		contentType: "image/svg+xml",
		body:        media.Monogram(short.Value, i18n.Locale(short.Lang), colour),
	}, nil
}

// markColours are the tiles of generated marks, one per partner in turn;
// white on each has a contrast ratio above 4.5:1.
var markColours = []string{"#2f6f75", "#4a4f8c", "#8a4b2a", "#5b6b2f", "#7a3b6b", "#2f5a8a"}
