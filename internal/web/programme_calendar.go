package web

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
)

// programmeCalendar serves the programme as an iCalendar file (RFC 5545):
// every item of the programme is an event. Each session is a VEVENT, and
// each of its speeches a VEVENT of its own that names the session's as its
// parent (RELATED-TO;RELTYPE=PARENT), so that a calendar can show the
// session, the speeches, or both. Times are in UTC; lines are folded at 75
// octets and ended with CRLF.
func (s *Server) programmeCalendar(rq *request) (result, error) {
	fv, err := s.loadForum(rq)
	if err != nil {
		return result{}, err
	}
	sessions, err := rq.Forums.Programme(rq.Context(), fv.Forum.ID)
	if err != nil {
		return result{}, err
	}
	return result{
		contentType: "text/calendar; charset=utf-8",
		body:        []byte(s.calendar(rq, fv, sessions, time.Now())),
	}, nil
}

func (s *Server) calendar(rq *request, fv *forumView, sessions []*forum.Session, now time.Time) string {
	l := rq.Lang
	f := fv.Forum
	var c icalWriter
	c.line("BEGIN", "VCALENDAR")
	c.line("VERSION", "2.0")
	c.line("PRODID", s.prodID(l))
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	c.text("X-WR-CALNAME", shownText(f.Title, l))
	c.line("X-WR-TIMEZONE", f.TimeZone)
	venue := shownText(f.Venue, l)
	if venue.Value == "" && f.Online {
		venue = shown{Value: rq.T.T("forum.online"), Lang: l}
	}
	stamp := now.UTC().Format(icalTime)
	event := func(uid, parent string, title lang.Text, start, end time.Time, desc []shown, path string) {
		c.line("BEGIN", "VEVENT")
		c.line("UID", uid)
		c.line("DTSTAMP", stamp)
		c.line("DTSTART", start.UTC().Format(icalTime))
		c.line("DTEND", end.UTC().Format(icalTime))
		c.text("SUMMARY", shownText(title, l))
		c.text("DESCRIPTION", joinShown(desc, "\n\n"))
		c.text("LOCATION", venue)
		if parent != "" {
			c.line("RELATED-TO;RELTYPE=PARENT", parent)
		}
		c.line("URL", s.abs("/"+l+path))
		c.line("END", "VEVENT")
	}
	for _, ss := range sessions {
		sessionUID := "session-" + strconv.FormatInt(ss.ID, 10) + "@" + s.base.Host
		event(sessionUID, "", ss.Title, ss.StartsAt, ss.EndsAt, []shown{shownText(ss.Room, l)}, fv.sessionPath(ss))
		for _, sp := range ss.Speeches {
			var desc []shown
			if sp.Speaker != nil {
				name, position := personName(sp.Speaker.Names, l), shownText(sp.Speaker.Position, l)
				speaker := shown{Value: rq.T.Apposition(name.Value, position.Value), Lang: name.Lang}
				if position.Value != "" {
					speaker.Lang = position.Lang // the longer, and the words
				}
				desc = append(desc, speaker)
			}
			desc = append(desc, shownText(ss.Title, l), shownText(sp.Summary, l))
			event("speech-"+strconv.FormatInt(sp.ID, 10)+"@"+s.base.Host, sessionUID, sp.Title, sp.StartsAt, sp.EndsAt, desc, fv.speechPath(sp))
		}
	}
	c.line("END", "VCALENDAR")
	return c.b.String()
}

// prodID returns the calendar's PRODID (RFC 5545, 3.7.3): a formal public
// identifier naming tandem and its version (when the server was told it),
// and the language of the calendar's texts.
func (s *Server) prodID(l string) string {
	product := "forum programme"
	if s.version != "" {
		product = "tandem " + s.version + " " + product
	}
	return "-//tandem//" + icalText(product) + "//" + strings.ToUpper(l)
}

// joinShown joins the texts of parts that are not empty with sep, as one
// text in the language most of it is written in: the language of all of
// them, or, when some fell back to another, that of the longest.
func joinShown(parts []shown, sep string) shown {
	var out shown
	longest := -1
	var values []string
	for _, p := range parts {
		if p.Value == "" {
			continue
		}
		values = append(values, p.Value)
		if n := utf8.RuneCountInString(p.Value); n > longest {
			longest, out.Lang = n, p.Lang
		}
	}
	out.Value = strings.Join(values, sep)
	return out
}
