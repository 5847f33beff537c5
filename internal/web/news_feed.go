package web

import (
	"encoding/xml"
	"strings"
	"time"
)

// newsFeed serves the latest news as an Atom feed (RFC 4287) in the reader's
// language.
func (s *Server) newsFeed(rq *request) (result, error) {
	posts, _, err := rq.Forums.News(rq.Context(), 20, 0)
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
	for i, n := range posts {
		if i == 0 {
			feed.Updated = n.PublishedAt.UTC().Format(time.RFC3339)
		}
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
		feed.Entries = append(feed.Entries, e)
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return result{}, err
	}
	return result{contentType: "application/atom+xml; charset=utf-8", body: append([]byte(xml.Header), out...)}, nil
}
