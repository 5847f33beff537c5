package web

import (
	"encoding/json"
	"html/template"
	"time"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
)

// The functions here describe pages to search engines as schema.org JSON-LD.
// encoding/json escapes <, > and &, so the result is safe inside a script
// element.

type ld = map[string]any

func marshalLD(v ld) template.JS {
	v["@context"] = "https://schema.org"
	b, err := json.Marshal(flatLD(v))
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// textIn returns the value of t a reader of language l sees, as plain text.
func textIn(t lang.Text, l string) string {
	v, _ := t.In(l)
	return plain(v)
}

func (s *Server) organization(l string, p *forum.Partner) ld {
	o := ld{
		"@type": "Organization",
		"name":  textIn(p.Name, l),
		"url":   s.abs("/" + l + "/partners/" + p.Slug),
	}
	if short := textIn(p.ShortName, l); short != "" && short != o["name"] {
		o["alternateName"] = short
	}
	if p.Website != "" {
		o["sameAs"] = p.Website
	}
	if p.Logo != nil {
		// Only an uploaded logo is the organisation's own; a drawn
		// monogram is not claimed as one.
		o["logo"] = s.abs("/media/" + p.Logo.BlobKey)
	}
	return o
}

func (s *Server) person(l string, p *forum.Person) ld {
	n, written := p.Names.In(l)
	o := ld{
		"@type":      "Person",
		"name":       n.Full(written),
		"familyName": n.Family,
		"givenName":  n.Given,
		"url":        s.abs("/" + l + "/people/" + p.Slug),
	}
	var others []string
	for _, other := range []string{"zh", "ru", "en"} {
		if on, ok := p.Names.Values[other]; ok && other != written {
			if full := on.Full(other); full != n.Full(written) {
				others = append(others, full)
			}
		}
	}
	if len(others) > 0 {
		o["alternateName"] = others
	}
	if job := textIn(p.Position, l); job != "" {
		o["jobTitle"] = job
	}
	if p.Partner != nil {
		o["affiliation"] = s.organization(l, p.Partner)
	} else if aff := textIn(p.Affiliation, l); aff != "" {
		o["affiliation"] = ld{"@type": "Organization", "name": aff}
	}
	return o
}

func ldTime(t time.Time, loc *time.Location) string {
	return t.In(loc).Format(time.RFC3339)
}

// eventLD describes a forum as an Event whose sub-events are the items of
// its programme: each session an Event, with its speeches as its own
// sub-events, as the calendar gives them (programmeCalendar).
func (s *Server) eventLD(l string, fv *forumView, sessions []*forum.Session) template.JS {
	f := fv.Forum
	ev := s.forumEvent(l, fv)
	var subs []ld
	for _, ss := range sessions {
		se := s.sessionEvent(l, fv, ss)
		var speeches []ld
		for _, sp := range ss.Speeches {
			speeches = append(speeches, s.speechEvent(l, fv, sp))
		}
		if len(speeches) > 0 {
			se["subEvent"] = speeches
		}
		subs = append(subs, se)
	}
	if len(subs) > 0 {
		ev["subEvent"] = subs
	}
	if d := textIn(f.Summary, l); d != "" {
		ev["description"] = d
	}
	return marshalLD(ev)
}

// sessionEvent describes one session of a forum's programme.
func (s *Server) sessionEvent(l string, fv *forumView, ss *forum.Session) ld {
	ev := ld{
		"@type":     "Event",
		"name":      textIn(ss.Title, l),
		"url":       s.abs("/" + l + fv.sessionPath(ss)),
		"startDate": ldTime(ss.StartsAt, fv.Loc),
		"endDate":   ldTime(ss.EndsAt, fv.Loc),
	}
	if room := textIn(ss.Room, l); room != "" {
		ev["location"] = ld{"@type": "Place", "name": room}
	}
	return ev
}

func (s *Server) forumEvent(l string, fv *forumView) ld {
	f := fv.Forum
	ev := ld{
		"@type":       "Event",
		"name":        textIn(f.Title, l),
		"url":         s.abs("/" + l + fv.Path),
		"startDate":   ldTime(f.StartsAt, fv.Loc),
		"endDate":     ldTime(f.EndsAt, fv.Loc),
		"eventStatus": "https://schema.org/EventScheduled",
		"inLanguage":  f.Languages,
	}
	if theme := textIn(f.Theme, l); theme != "" {
		ev["about"] = theme
	}
	var organizers []ld
	for _, h := range f.Hosts {
		organizers = append(organizers, s.organization(l, h))
	}
	ev["organizer"] = organizers
	venue := textIn(f.Venue, l)
	switch {
	case f.Online && venue != "":
		ev["eventAttendanceMode"] = "https://schema.org/MixedEventAttendanceMode"
	case f.Online:
		ev["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
	default:
		ev["eventAttendanceMode"] = "https://schema.org/OfflineEventAttendanceMode"
	}
	var locations []ld
	if venue != "" {
		locations = append(locations, ld{"@type": "Place", "name": venue})
	}
	if f.Online || venue == "" {
		locations = append(locations, ld{"@type": "VirtualLocation", "url": s.abs("/" + l + fv.Path)})
	}
	ev["location"] = locations
	return ev
}

func (s *Server) speechEvent(l string, fv *forumView, sp *forum.Speech) ld {
	ev := ld{
		"@type":      "Event",
		"name":       textIn(sp.Title, l),
		"url":        s.abs("/" + l + fv.speechPath(sp)),
		"startDate":  ldTime(sp.StartsAt, fv.Loc),
		"endDate":    ldTime(sp.EndsAt, fv.Loc),
		"inLanguage": sp.OriginalLang,
	}
	if sp.Speaker != nil {
		ev["performer"] = s.person(l, sp.Speaker)
	}
	if sp.Delivery == forum.Video || sp.Delivery == forum.RemoteLive {
		ev["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
	}
	return ev
}

// speechLD describes a speech as an Event, part of its session's Event,
// itself part of the forum's; a speech with a video ready to play is
// recorded in it (a VideoObject).
func (s *Server) speechLD(l string, fv *forumView, ss *forum.Session, sp *forum.Speech, sv *speechVideo) template.JS {
	ev := s.speechEvent(l, fv, sp)
	if d := textIn(sp.Summary, l); d != "" {
		ev["description"] = d
	}
	session := s.sessionEvent(l, fv, ss)
	session["superEvent"] = s.forumEvent(l, fv)
	ev["superEvent"] = session
	if sv != nil {
		ev["recordedIn"] = s.videoLD(l, sp, sv)
	}
	return marshalLD(ev)
}

func (s *Server) personLD(l string, p *forum.Person) template.JS {
	return marshalLD(s.person(l, p))
}

func (s *Server) organizationLD(l string, p *forum.Partner) template.JS {
	o := s.organization(l, p)
	if d := textIn(p.Description, l); d != "" {
		o["description"] = d
	}
	return marshalLD(o)
}

func (s *Server) newsLD(l string, n *forum.NewsPost) template.JS {
	title, titleLang := n.Title.In(l)
	a := ld{
		"@type":            "NewsArticle",
		"headline":         title,
		"inLanguage":       titleLang,
		"datePublished":    n.PublishedAt.Format(time.RFC3339),
		"url":              s.abs("/" + l + "/news/" + n.Slug),
		"mainEntityOfPage": s.abs("/" + l + "/news/" + n.Slug),
	}
	if d := textIn(n.Summary, l); d != "" {
		a["description"] = d
	}
	if d := textIn(n.Dateline, l); d != "" {
		a["dateline"] = d
	}
	if src := textIn(n.Source, l); src != "" {
		a["sourceOrganization"] = ld{"@type": "Organization", "name": src}
	}
	// The lead image first, then those in the text, each with what the
	// post says of it.
	var images []any
	imageLD := func(im *media.Image, caption, credit lang.Text) {
		f := im.Largest()
		o := ld{"@type": "ImageObject", "url": s.abs("/media/" + f.BlobKey), "width": f.Width, "height": f.Height}
		if c := textIn(caption, l); c != "" {
			o["caption"] = c
		}
		if c := textIn(credit, l); c != "" {
			o["creditText"] = c
		}
		images = append(images, o)
	}
	if n.LeadImage != nil {
		imageLD(n.LeadImage, n.LeadCaption, n.LeadCredit)
	}
	for _, fg := range n.Figures {
		if fg.Image != nil {
			imageLD(fg.Image, fg.Caption, fg.Credit)
		}
	}
	switch len(images) {
	case 0:
	case 1:
		a["image"] = images[0]
	default:
		a["image"] = images
	}
	if n.Forum != nil {
		a["about"] = ld{"@type": "Event", "name": textIn(n.Forum.Title, l), "url": s.abs("/" + l + "/forums/" + n.Forum.Slug)}
	}
	return marshalLD(a)
}

func (s *Server) websiteLD(l string, partners []*forum.Partner) template.JS {
	w := ld{
		"@type":      "WebSite",
		"url":        s.abs("/" + l + "/"),
		"inLanguage": l,
	}
	var pubs []ld
	for _, p := range partners {
		pubs = append(pubs, s.organization(l, p))
	}
	if len(pubs) > 0 {
		w["publisher"] = pubs
	}
	return marshalLD(w)
}
