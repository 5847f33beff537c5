package web

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/forum"
)

// programmeCalendar serves the programme as an iCalendar file (RFC 5545):
// one VEVENT per programme item (see programmeItems), times in UTC, lines
// folded at 75 octets and ended with CRLF.
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
	stamp := now.UTC().Format("20060102T150405Z")
	for _, it := range programmeItems(sessions) {
		ss, sp := it.Session, it.Speech
		var desc []string
		c.line("BEGIN", "VEVENT")
		if sp != nil {
			title := shownText(sp.Title, l)
			c.line("UID", "speech-"+strconv.FormatInt(sp.ID, 10)+"@"+s.base.Host)
			c.line("DTSTAMP", stamp)
			c.line("DTSTART", sp.StartsAt.UTC().Format("20060102T150405Z"))
			c.line("DTEND", sp.EndsAt.UTC().Format("20060102T150405Z"))
			c.line("SUMMARY;LANGUAGE="+title.Lang, icalText(title.Value))
			if sp.Speaker != nil {
				desc = append(desc, rq.T.Apposition(personName(sp.Speaker.Names, l).Value, textIn(sp.Speaker.Position, l)))
			}
			desc = append(desc, textIn(ss.Title, l), textIn(sp.Summary, l))
		} else {
			title := shownText(ss.Title, l)
			c.line("UID", "session-"+strconv.FormatInt(ss.ID, 10)+"@"+s.base.Host)
			c.line("DTSTAMP", stamp)
			c.line("DTSTART", ss.StartsAt.UTC().Format("20060102T150405Z"))
			c.line("DTEND", ss.EndsAt.UTC().Format("20060102T150405Z"))
			c.line("SUMMARY;LANGUAGE="+title.Lang, icalText(title.Value))
			desc = append(desc, textIn(ss.Room, l))
		}
		if d := strings.Join(slices.DeleteFunc(desc, func(s string) bool { return s == "" }), "\n\n"); d != "" {
			c.line("DESCRIPTION", icalText(d))
		}
		if venue != "" {
			c.line("LOCATION", icalText(venue))
		}
		c.line("URL", s.abs("/"+l+it.path(fv)))
		c.line("END", "VEVENT")
	}
	c.line("END", "VCALENDAR")
	return c.b.String()
}

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
