package web

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
)

//go:embed templates/*.html templates/office/*.html
var templateFiles embed.FS

// views holds one parsed template per page, each made of the layout, the
// shared partials and the page's own file.
type views struct {
	pages map[string]*template.Template
}

// readInArg is the argument of the read-in template: the page, the
// control's label key and its links.
type readInArg struct {
	P     *pageData
	Key   string
	Links []readInLink
}

// templateFuncs are the functions every template, public or office, may
// call.
func templateFuncs(as *assets) template.FuncMap {
	return template.FuncMap{
		"asset": as.url,
		// hasAsset reports whether a static file is there: one bundled at
		// build time (tools/tus) may be missing from a build without npm.
		"hasAsset": func(name string) bool { _, err := as.url(name); return err == nil },
		"paras":    paragraphs,
		"in":       func(t time.Time, loc *time.Location) time.Time { return t.In(loc) },
		"srcset":   srcset,
		"mediaURL": func(key string) string { return "/media/" + key },
		"sameDay": func(a, b time.Time) bool {
			return a.Year() == b.Year() && a.YearDay() == b.YearDay()
		},
		"ml":           ml,
		"nm":           nm,
		"otherNames":   otherNames,
		"hosts":        hosts,
		"newsItem":     newsItem,
		"person":       person,
		"pluralForms":  pluralForms,
		"provenance":   provenance,
		"videoArg":     func(d *pageData, v *speechVideo) speechVideoArg { return speechVideoArg{d, v} },
		"figure":       figure,
		"body":         body,
		"thumb":        thumb,
		"mark":         mark,
		"markOf":       markOf,
		"pagerNav":     pagerNav,
		"hostNames":    hostNames,
		"langName":     langName,
		"langNames":    langNames,
		"editionLangs": editionLangs,
		"bookName":     func(p book.Person, l string) bookName { return bookName{p, l} },
		"editionItems": func(d *pageData, items []editionItem) editionList { return editionList{d, items} },
		"countryName":  countryName,
		"siteHost":     siteHost,
		"typeset":      typeset,
		"typesetTitle": typesetTitle,
		"typesetProse": typesetProse,
		"label":        label,
		"flat":         flat,
		"speechHref":   speechHref,
		// punct is the punctuation of a language, for templates that join
		// names, places and labels: {{(punct $l).Enum}}.
		"punct": i18n.PunctOf,
		"readIn": func(p *pageData, key string, links []readInLink) readInArg {
			return readInArg{P: p, Key: key, Links: links}
		},
	}
}

func loadViews(as *assets) (*views, error) {
	base := template.New("layout").Funcs(templateFuncs(as))
	shared, err := fs.Glob(templateFiles, "templates/_*.html")
	if err != nil {
		return nil, err
	}
	if _, err := base.ParseFS(templateFiles, shared...); err != nil {
		return nil, fmt.Errorf("templates: %w", err)
	}
	pages, err := fs.Glob(templateFiles, "templates/[a-z]*.html")
	if err != nil {
		return nil, err
	}
	vs := &views{pages: map[string]*template.Template{}}
	for _, p := range pages {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if _, err := t.ParseFS(templateFiles, p); err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		vs.pages[strings.TrimSuffix(path.Base(p), ".html")] = t
	}
	for _, need := range []string{"error", "home", "forums", "forum", "programme", "speakers", "speech", "person", "news", "news_post", "partners", "partner", "editions", "edition", "edition_chapter"} {
		if vs.pages[need] == nil {
			return nil, fmt.Errorf("templates: no view %q", need)
		}
	}
	return vs, nil
}

func (vs *views) render(w io.Writer, name string, data *pageData) error {
	t, ok := vs.pages[name]
	if !ok {
		return fmt.Errorf("no view %q", name)
	}
	return t.ExecuteTemplate(w, "_layout.html", data)
}

// shown is a multilingual text as one reader sees it.
type shown struct {
	Value string
	// Lang is the language Value is written in.
	Lang string
	// Fallback is true when the reader's language was missing and Value is
	// the source text instead.
	Fallback bool
}

// shownText picks the value of t for a reader of language l.
func shownText(t lang.Text, l string) shown {
	v, written := t.In(l)
	return shown{Value: plain(v), Lang: written, Fallback: written != l}
}

// paragraphs splits a text into its paragraphs at blank lines.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// srcset lists an image's files for the srcset attribute, each with the
// width of its own bytes: the renditions, then the original when it is a
// raster image.
func srcset(im *media.Image) string {
	var parts []string
	for _, r := range im.Renditions {
		parts = append(parts, fmt.Sprintf("/media/%s %dw", r.BlobKey, r.Width))
	}
	if !im.Vector() {
		parts = append(parts, fmt.Sprintf("/media/%s %dw", im.BlobKey, im.Width))
	}
	return strings.Join(parts, ", ")
}

// speechHref is the link to the speech slug of the forum whose public path
// after the language is forumPath ("/forums/treaty-20"): its public page,
// or in a programme's preview the speech's preview.
func speechHref(p *pageData, forumPath, slug string) string {
	if p.SpeechPreview != "" {
		return p.SpeechPreview + slug
	}
	return "/" + p.Lang + forumPath + "/speeches/" + slug
}
