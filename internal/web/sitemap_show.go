package web

import (
	"encoding/xml"
	"errors"
	"net/http"
	"time"

	"github.com/tandemforum/tandem/internal/edition"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
)

// sitemapShow serves /sitemap.xml (sitemaps.org 0.9): every public page, once
// per language, each with its alternates in the other languages and the
// English page as x-default, as the pages' own <link rel=alternate> give
// them. A page's lastmod is the latest date its content carries (a post's
// publication, a forum's end, a collection's release) that is not in the
// future; a page whose content carries none has no lastmod.
func (s *Server) sitemapShow(w http.ResponseWriter, r *http.Request) {
	ix, err := s.forums.Index(r.Context())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	now := s.clock()
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

	// Released editions only: before its release an edition is not here.
	es, err := edition.PublicList(r.Context(), s.db, now)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var released []time.Time
	for _, e := range es {
		released = append(released, e.ReleaseAt)
	}
	if len(es) > 0 {
		add("/editions", released...)
	}
	for _, e := range es {
		b, err := edition.WebBook(r.Context(), s.db, s.blobs, e.ID)
		if errors.Is(err, errkind.NotFound) {
			continue
		}
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		add("/editions/"+e.Slug, e.ReleaseAt)
		for _, c := range b.Chapters {
			add("/editions/"+e.Slug+"/"+c.ID, e.ReleaseAt)
		}
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
