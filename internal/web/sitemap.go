package web

import (
	"encoding/xml"
	"time"
)

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

// urlSet is a sitemap (sitemaps.org 0.9), as sitemapShow writes it, with
// the alternates of each page (xhtml:link); the types below are its parts.
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
