package web

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/tandemforum/tandem/internal/approval"
	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/i18n"
)

// request is what a page handler knows about the request it answers.
type request struct {
	*http.Request
	Lang  string
	T     *i18n.Printer
	Query url.Values // only the parameters the route accepts
	// Forums is the store the page reads: the public's, or for a preview
	// one bound to the transaction that holds the draft applied.
	Forums *forum.Store
	// Preview, when set, is the office path of the preview this page is
	// rendered for (/office/preview/forum/3), without the language: the
	// page is marked as a preview, noindex, and its language switcher
	// stays in the preview.
	Preview string
	// PreviewPath is the rest of the public path after the language that
	// the preview's own path keeps ("/speeches/opening" for a speech of a
	// programme's preview), so that the language switcher stays on it.
	PreviewPath string
}

// result is a rendered response: HTML, a feed or a calendar.
type result struct {
	contentType string
	body        []byte
	// disposition, when set, is the Content-Disposition header of a file
	// to be saved rather than shown (attachment; filename=…).
	disposition string
}

// pageFunc is a handler of the public site: it reads what it shows and
// renders it, or returns an error whose kind (errkind) gives the page's
// status.
type pageFunc func(rq *request) (result, error)

// publicPage is the adapter of the public site: it checks the language
// prefix and the query string, remembers the reader's language, serves from
// the cache of rendered pages when it can, and renders errors as pages in
// the reader's language. l is the page's language; params names the query
// parameters the page accepts, others are ignored.
func (s *Server) publicPage(l string, fn pageFunc, params ...string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := url.Values{}
		if r.URL.RawQuery != "" {
			raw, err := url.ParseQuery(r.URL.RawQuery)
			if err != nil {
				s.renderErrorIn(w, r, l, badRequest("query %q: %v", r.URL.RawQuery, err))
				return
			}
			for _, p := range params {
				if v, ok := raw[p]; ok {
					q[p] = v
				}
			}
		}
		rememberLanguage(w, r, l)
		key := r.URL.Path
		if len(q) > 0 {
			key += "?" + q.Encode()
		}
		e, version := s.cache.get(r.Context(), key)
		if e != nil {
			e.write(w, r)
			return
		}
		rq := &request{Request: r, Lang: l, T: s.catalog.Printer(l), Query: q, Forums: s.forums}
		res, err := fn(rq)
		if err != nil {
			s.renderErrorIn(w, r, l, err)
			return
		}
		e = newEntry(res)
		s.cache.put(key, version, e)
		e.write(w, r)
	})
}

// pageData is what the layout template gets; Main is the page's own data.
type pageData struct {
	Lang string
	// Locale is the BCP 47 tag of the locale the page is written in
	// (i18n.Locale), for its lang attribute.
	Locale      string
	T           *i18n.Printer
	Title       string
	Description string
	Canonical   string
	Alternates  []alternate
	XDefault    string
	OGType      string
	OGImage     *ogImage
	JSONLD      template.JS
	Section     string
	NoIndex     bool
	// Preview marks a page rendered from a draft for the office: it shows
	// a banner saying so.
	Preview bool
	// SpeechPreview, in a programme's preview, is the office path that a
	// speech's slug completes to show the speech as the draft has it;
	// empty elsewhere, where speeches link to their public pages.
	SpeechPreview string
	Feed          string
	Calendar      string
	Brand         []string
	// ForumNav, on the pages of one forum, leads to its overview, programme
	// and speakers.
	ForumNav *forumNav
	Main     any
}

// ogImage is the image that stands for a page in Open Graph, with the size of
// the very file its URL names.
type ogImage struct {
	URL           string
	Width, Height int
	Alt           string
}

// alternate is the same page in one language.
type alternate struct {
	Lang     string
	Label    string
	Path     string
	URL      string
	OGLocale string
	Current  bool
}

// ogLocales are the Open Graph locales of the site's languages.
// They are the locales of i18n.Locale, written with an underscore.
var ogLocales = func() map[string]string {
	m := map[string]string{}
	for _, l := range i18n.Languages {
		m[l] = strings.ReplaceAll(i18n.Locale(l), "-", "_")
	}
	return m
}()

// alternates returns the page at path (after the language prefix) in every
// language, in the order the switcher shows them.
func (s *Server) alternates(current, path string) []alternate {
	out := make([]alternate, 0, len(i18n.Languages))
	for _, l := range i18n.Languages {
		p := "/" + l + path
		out = append(out, alternate{
			Lang:     l,
			Label:    s.catalog.Printer(l).T("lang.self." + l),
			Path:     p,
			URL:      s.abs(p),
			OGLocale: ogLocales[l],
			Current:  l == current,
		})
	}
	return out
}

// abs returns the absolute URL of a path of this site.
func (s *Server) abs(path string) string {
	return s.base.String() + path
}

// html renders a page of the site. path is the page's path after the language
// prefix; it gives the canonical URL and the switcher's targets.
func (s *Server) html(rq *request, view, path string, d *pageData) (result, error) {
	if err := s.fill(rq.Context(), rq.Forums, rq.Lang, rq.T, path, d); err != nil {
		return result{}, err
	}
	if rq.Preview != "" {
		d.Preview, d.NoIndex = true, true
		for i := range d.Alternates {
			d.Alternates[i].Path = rq.Preview + "/" + d.Alternates[i].Lang + rq.PreviewPath
		}
		if strings.HasPrefix(rq.Preview, officePrefix+"/preview/"+string(approval.KindProgramme)+"/") {
			d.SpeechPreview = rq.Preview + "/" + rq.Lang + "/speeches/"
		}
	}
	var buf bytes.Buffer
	if err := s.views.render(&buf, view, d); err != nil {
		return result{}, fmt.Errorf("render %s: %w", view, err)
	}
	return result{contentType: "text/html; charset=utf-8", body: []byte(plain(buf.String()))}, nil
}

// fill sets what the layout of every page needs, error pages included: the
// language and locale, the canonical URL and the switcher's targets for
// path, the feed, and the partners' names that head the page, read through
// fs. When the partners cannot be read it returns the error together with
// the names read last, so that an error page still carries them.
func (s *Server) fill(ctx context.Context, fs *forum.Store, l string, t *i18n.Printer, path string, d *pageData) error {
	d.Lang = l
	d.Locale = i18n.Locale(l)
	d.T = t
	d.Canonical = s.abs("/" + l + path)
	d.Alternates = s.alternates(l, path)
	d.XDefault = s.abs("/en" + path)
	if d.OGType == "" {
		d.OGType = "website"
	}
	d.Feed = "/" + l + "/news.atom"
	brand, err := s.brand(ctx, fs, l)
	d.Brand = brand
	return err
}

// brand returns the short names of the partners, in the order they joined,
// which head every page. When the database cannot be read it returns the
// names it read last in that language, with the error. Names read through
// another store than the public's (a preview's) are not kept.
func (s *Server) brand(ctx context.Context, fs *forum.Store, l string) ([]string, error) {
	ps, err := fs.Partners(ctx)
	if err != nil {
		last, _ := s.lastBrand.Load().(map[string][]string)
		return last[l], err
	}
	names := map[string][]string{}
	for _, lang := range i18n.Languages {
		for _, p := range ps {
			v, _ := p.ShortName.In(lang)
			names[lang] = append(names[lang], plain(v))
		}
	}
	if fs == s.forums {
		s.lastBrand.Store(names)
	}
	return names[l], nil
}
