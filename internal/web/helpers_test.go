package web_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/forum"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
)

func discardLogger() *slog.Logger {
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// addSpeeches adds n speeches to the demo forum's first session, each by a
// speaker of its own.
func addSpeeches(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := context.Background()
	var forumID, sessionID int64
	var start time.Time
	if err := db.QueryRow(ctx, `SELECT s.forum_id, s.id, s.starts_at FROM sessions s JOIN forums f ON f.id = s.forum_id WHERE f.slug = ? ORDER BY s.starts_at LIMIT 1`, "treaty-20-forum").
		Scan(&forumID, &sessionID, &start); err != nil {
		t.Fatal(err)
	}
	var partnerID int64
	if err := db.QueryRow(ctx, `SELECT id FROM partners ORDER BY id LIMIT 1`).Scan(&partnerID); err != nil {
		t.Fatal(err)
	}
	err := db.Transact(ctx, func(tx *store.Tx) error {
		for i := 0; i < n; i++ {
			p := &forum.Person{
				Slug:      fmt.Sprintf("extra-speaker-%d", i),
				Names:     lang.Names{Source: "ru", Values: map[string]lang.Name{"ru": {Family: fmt.Sprintf("Петров-%d", i), Given: "Пётр"}}},
				PartnerID: partnerID,
				Position:  lang.New("ru", map[string]string{"ru": "научный сотрудник"}),
			}
			if err := forum.AddPerson(ctx, tx, p); err != nil {
				return err
			}
			at := start.Add(time.Duration(i) * time.Minute)
			sp := &forum.Speech{
				ForumID: forumID, SessionID: sessionID, Slug: fmt.Sprintf("extra-%d", i), SpeakerID: p.ID,
				Kind: forum.Remark, Delivery: forum.InPerson, OriginalLang: "ru",
				Title:    lang.New("ru", map[string]string{"ru": fmt.Sprintf("Выступление %d", i)}),
				StartsAt: at, EndsAt: at.Add(time.Minute),
			}
			if err := forum.AddSpeech(ctx, tx, sp); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// checkICalendar checks the form RFC 5545 asks of an iCalendar stream:
// CRLF line ends, lines of at most 75 octets folded without splitting a
// character, balanced components and the required properties.
func checkICalendar(t *testing.T, s string) {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Error("calendar does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF", i+1)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets long", i+1, len(line))
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 sequence: %q", i+1, line)
		}
	}
	var stack []string
	required := map[string][]string{"VCALENDAR": {"VERSION", "PRODID"}, "VEVENT": {"UID", "DTSTAMP", "DTSTART"}}
	seen := []map[string]bool{}
	for _, line := range unfold(s) {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			t.Errorf("content line without a colon: %q", line)
			continue
		}
		prop, _, _ := strings.Cut(name, ";")
		switch prop {
		case "BEGIN":
			stack = append(stack, value)
			seen = append(seen, map[string]bool{})
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			for _, r := range required[value] {
				if !seen[len(seen)-1][r] {
					t.Errorf("%s without %s", value, r)
				}
			}
			stack, seen = stack[:len(stack)-1], seen[:len(seen)-1]
		default:
			if len(seen) == 0 {
				t.Fatalf("property %s outside a component", prop)
			}
			seen[len(seen)-1][prop] = true
		}
	}
	if len(stack) != 0 {
		t.Errorf("unclosed components %v", stack)
	}
}

func unfold(s string) []string {
	s = strings.ReplaceAll(s, "\r\n ", "")
	s = strings.ReplaceAll(s, "\r\n\t", "")
	return strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
}

// parseICalendar returns each VEVENT's properties (name with parameters →
// value).
func parseICalendar(t *testing.T, s string) []map[string]string {
	var out []map[string]string
	var cur map[string]string
	for _, line := range unfold(s) {
		name, value, _ := strings.Cut(line, ":")
		switch {
		case line == "BEGIN:VEVENT":
			cur = map[string]string{}
		case line == "END:VEVENT":
			out = append(out, cur)
			cur = nil
		case cur != nil:
			cur[name] = value
		}
	}
	return out
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	Updated string   `xml:"updated"`
	Entries []struct {
		Title   string `xml:"title"`
		ID      string `xml:"id"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
	} `xml:"entry"`
}

func parseAtom(t *testing.T, r io.Reader) atomFeed {
	t.Helper()
	var f atomFeed
	if err := xml.NewDecoder(r).Decode(&f); err != nil {
		t.Fatalf("Atom feed: %v", err)
	}
	return f
}
