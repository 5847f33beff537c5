package web

import (
	"slices"
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
	sessions, err := s.forums.Programme(rq.Context(), fv.Forum.ID)
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
	c.line("PRODID", "-//tandem//forum programme//"+strings.ToUpper(l))
	c.line("CALSCALE", "GREGORIAN")
	c.line("METHOD", "PUBLISH")
	c.line("X-WR-CALNAME", icalText(textIn(f.Title, l)))
	c.line("X-WR-TIMEZONE", f.TimeZone)
	venue := textIn(f.Venue, l)
	if venue == "" && f.Online {
		venue = rq.T.T("forum.online")
	}
	stamp := now.UTC().Format(icalTime)
	event := func(uid, parent string, title lang.Text, start, end time.Time, desc []string, path string) {
		shown := shownText(title, l)
		c.line("BEGIN", "VEVENT")
		c.line("UID", uid)
		c.line("DTSTAMP", stamp)
		c.line("DTSTART", start.UTC().Format(icalTime))
		c.line("DTEND", end.UTC().Format(icalTime))
		c.line("SUMMARY;LANGUAGE="+shown.Lang, icalText(shown.Value))
		if d := strings.Join(slices.DeleteFunc(desc, func(s string) bool { return s == "" }), "\n\n"); d != "" {
			c.line("DESCRIPTION", icalText(d))
		}
		if venue != "" {
			c.line("LOCATION", icalText(venue))
		}
		if parent != "" {
			c.line("RELATED-TO;RELTYPE=PARENT", parent)
		}
		c.line("URL", s.abs("/"+l+path))
		c.line("END", "VEVENT")
	}
	for _, ss := range sessions {
		sessionUID := "session-" + strconv.FormatInt(ss.ID, 10) + "@" + s.base.Host
		event(sessionUID, "", ss.Title, ss.StartsAt, ss.EndsAt, []string{textIn(ss.Room, l)}, fv.sessionPath(ss))
		for _, sp := range ss.Speeches {
			var desc []string
			if sp.Speaker != nil {
				desc = append(desc, rq.T.Apposition(personName(sp.Speaker.Names, l).Value, textIn(sp.Speaker.Position, l)))
			}
			desc = append(desc, textIn(ss.Title, l), textIn(sp.Summary, l))
			event("speech-"+strconv.FormatInt(sp.ID, 10)+"@"+s.base.Host, sessionUID, sp.Title, sp.StartsAt, sp.EndsAt, desc, fv.speechPath(sp))
		}
	}
	c.line("END", "VCALENDAR")
	return c.b.String()
}

// icalTime is the form of a UTC DATE-TIME value (RFC 5545, 3.3.5).
const icalTime = "20060102T150405Z"

// icalText escapes a TEXT value (RFC 5545, 3.3.11), without the control
// characters that RFC 5545 forbids in it and without break hints.
func icalText(s string) string {
	return icalEscaper.Replace(flat(s))
}

var icalEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

type icalWriter struct {
	b strings.Builder
}

// line writes one content line, folded so that no line is longer than 75
// octets, never inside a UTF-8 sequence (RFC 5545, 3.1).
func (w *icalWriter) line(name, value string) {
	s := name + ":" + value
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}
