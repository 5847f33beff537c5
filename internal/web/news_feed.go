package web

import (
	"encoding/xml"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/edition"
)

// feedSize is how many entries the feed holds: the latest news and
// released editions together.
const feedSize = 20

// newsFeed serves the latest news and the latest released editions, newest
// first, as an Atom feed (RFC 4287) in the reader's language. An edition
// enters it at its release time (by the server's clock), not before.
func (s *Server) newsFeed(rq *request) (result, error) {
	posts, _, err := rq.Forums.News(rq.Context(), feedSize, 0)
	if err != nil {
		return result{}, err
	}
	editions, err := s.releasedEditions(rq.Context(), 0, feedSize)
	if err != nil {
		return result{}, err
	}
	brand, err := s.brand(rq.Context(), rq.Forums, rq.Lang)
	if err != nil {
		return result{}, err
	}
	l := rq.Lang
	brandLine := flat(strings.Join(brand, " · "))
	feed := atomFeed{
		Lang:  l,
		Title: rq.T.T("news.title") + " — " + brandLine,
		ID:    s.abs("/" + l + "/news"),
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.abs("/" + l + "/news.atom")},
			{Rel: "alternate", Type: "text/html", Href: s.abs("/" + l + "/news")},
		},
		Author:  atomPerson{Name: brandLine},
		Updated: time.Unix(0, 0).UTC().Format(time.RFC3339),
	}
	type dated struct {
		at time.Time
		e  atomEntry
	}
	var entries []dated
	for _, n := range posts {
		title, titleLang := n.Title.In(l)
		summary, summaryLang := n.Summary.In(l)
		body, bodyLang := n.Body.In(l)
		title, summary, body = flat(title), flat(summary), flat(body)
		var html strings.Builder
		for _, p := range paragraphs(body) {
			html.WriteString("<p>")
			xml.EscapeText(&html, []byte(p))
			html.WriteString("</p>\n")
		}
		url := s.abs("/" + l + "/news/" + n.Slug)
		e := atomEntry{
			Title:     atomText{Lang: titleLang, Text: title},
			ID:        url,
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: url}},
			Published: n.PublishedAt.UTC().Format(time.RFC3339),
			Updated:   n.PublishedAt.UTC().Format(time.RFC3339),
		}
		if summary != "" {
			e.Summary = &atomText{Lang: summaryLang, Text: summary}
		}
		if body != "" {
			e.Content = &atomText{Lang: bodyLang, Type: "html", Text: html.String()}
		}
		entries = append(entries, dated{n.PublishedAt, e})
	}
	for _, ed := range editions {
		url := s.abs("/" + l + "/editions/" + ed.E.Slug)
		langs := editionLangsIn(rq.T, ed.E.Langs)
		at := ed.E.ReleaseAt.UTC().Format(time.RFC3339)
		entries = append(entries, dated{ed.E.ReleaseAt, atomEntry{
			Title:     atomText{Lang: l, Type: "html", Text: feedTitle(rq.T.T("editions.feed_title", "\x00", langs), ed.Title, ed.Lang)},
			ID:        s.abs(edition.Path(ed.E.Langs[0], ed.E.Slug)),
			Links:     []atomLink{{Rel: "alternate", Type: "text/html", Href: url}},
			Published: at,
			Updated:   at,
			Summary:   &atomText{Lang: l, Text: rq.T.T("editions.feed_summary", langs)},
		}})
	}
	slices.SortStableFunc(entries, func(a, b dated) int { return b.at.Compare(a.at) })
	if len(entries) > feedSize {
		entries = entries[:feedSize]
	}
	for i, x := range entries {
		if i == 0 {
			feed.Updated = x.at.UTC().Format(time.RFC3339)
		}
		feed.Entries = append(feed.Entries, x.e)
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return result{}, err
	}
	return result{contentType: "application/atom+xml; charset=utf-8", body: append([]byte(xml.Header), out...)}, nil
}

// feedTitle is an HTML title from msg, in which the title of a book,
// title, in its language l stands for the NUL character: marked with its
// language when the reader's differs, as an edition's title in the feed
// of another language is.
func feedTitle(msg, title, l string) string {
	before, after, _ := strings.Cut(msg, "\x00")
	var b strings.Builder
	xml.EscapeText(&b, []byte(before))
	b.WriteString(`<span lang="` + l + `">`)
	xml.EscapeText(&b, []byte(title))
	b.WriteString("</span>")
	xml.EscapeText(&b, []byte(after))
	return b.String()
}
