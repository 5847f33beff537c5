package web

import (
	"net/url"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
)

// The template functions below take the page (for its language and printer)
// and a value, and return what a partial template renders.

// mlText is a multilingual text as one reader sees it, with the notice to
// show when it is not in the reader's language.
type mlText struct {
	shown
	Notice string
}

func ml(d *pageData, t lang.Text) mlText {
	sh := shownText(t, d.Lang)
	m := mlText{shown: sh}
	if sh.Fallback && sh.Value != "" {
		m.Notice = d.T.T("translation.missing", d.T.T("lang.name."+sh.Lang))
	}
	return m
}

func nm(d *pageData, ns lang.Names) mlText {
	return mlText{shown: personName(ns, d.Lang)}
}

// otherNames returns a person's name as written in the other languages of the
// site where it differs, e.g. 王毅 on the English page of Wang Yi.
func otherNames(d *pageData, ns lang.Names) []shown {
	cur := personName(ns, d.Lang)
	seen := map[string]bool{cur.Value: true}
	var out []shown
	for _, l := range []string{ns.Source, "zh", "ru", "en"} {
		n, ok := ns.Values[l]
		if !ok {
			continue
		}
		full := n.Full(l)
		if seen[full] {
			continue
		}
		seen[full] = true
		out = append(out, shown{Value: full, Lang: l})
	}
	return out
}

type hostsArg struct {
	Page  *pageData
	Lang  string
	Hosts []*forum.Partner
}

func hosts(d *pageData, f *forum.Forum) hostsArg {
	return hostsArg{Page: d, Lang: d.Lang, Hosts: f.Hosts}
}

type newsArg struct {
	Page *pageData
	Post *forum.NewsPost
}

func newsItem(d *pageData, n *forum.NewsPost) newsArg { return newsArg{d, n} }

type personArg struct {
	Page   *pageData
	Person *forum.Person
}

func person(d *pageData, p *forum.Person) personArg { return personArg{d, p} }

type figureArg struct {
	Page  *pageData
	Image *media.Image
}

func figure(d *pageData, im *media.Image) figureArg { return figureArg{d, im} }

// thumb returns the key of an image's smallest rendition.
func thumb(im *media.Image) string {
	if len(im.Renditions) > 0 {
		return im.Renditions[0].BlobKey
	}
	return im.BlobKey
}

func langName(d *pageData, l string) string {
	return d.T.T("lang.name." + l)
}

func langNames(d *pageData, ls []string) string {
	names := make([]string, len(ls))
	for i, l := range ls {
		names[i] = langName(d, l)
	}
	return d.T.List(names)
}

func countryName(d *pageData, code string) string {
	return d.T.T("country." + code)
}

// siteHost returns the host of a URL for display.
func siteHost(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.Host == "" {
		return s
	}
	return u.Host
}
