package web

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"regexp"
	"strings"

	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/mail"
)

// outboxMessage is one message of the outbox as its recipient would read
// it.
type outboxMessage struct {
	*mail.Decoded
	// Body is the text with its links made clickable, escaped.
	Body template.HTML
}

// outboxShow answers GET /office/outbox/{name} (admins): one message,
// its headers decoded and its text with clickable links.
func (s *Server) outboxShow(w http.ResponseWriter, rq *officeRequest) error {
	name := rq.PathValue("name")
	if s.outbox == nil {
		return fmt.Errorf("outbox %q: no outbox: %w", name, errkind.NotFound)
	}
	b, err := s.outbox.Read(name)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("outbox %q: %w", name, errkind.NotFound)
	}
	if err != nil {
		return err
	}
	d, err := mail.Decode(b)
	if err != nil {
		return err
	}
	return s.officeRender(w, rq, "outbox_message", "outbox", d.Subject, &outboxMessage{Decoded: d, Body: linkify(d.Text)})
}

// textLink is a web address in a mail's text.
var textLink = regexp.MustCompile(`https?://[^\s<>"]+`)

// linkify escapes text and makes each http(s) address in it a link.
func linkify(text string) template.HTML {
	var b strings.Builder
	last := 0
	for _, m := range textLink.FindAllStringIndex(text, -1) {
		b.WriteString(template.HTMLEscapeString(text[last:m[0]]))
		u := strings.TrimRight(text[m[0]:m[1]], ".,;:)")
		esc := template.HTMLEscapeString(u)
		b.WriteString(`<a href="` + esc + `">` + esc + `</a>`)
		last = m[0] + len(u)
	}
	b.WriteString(template.HTMLEscapeString(text[last:]))
	return template.HTML(b.String())
}
