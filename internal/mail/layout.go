package mail

import (
	"strings"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/lang"
)

// Letter is the standard shape of tandem's mail, filled in by a caller in
// the recipient's language: a greeting by name, paragraphs, a link to
// follow, and the signature.
type Letter struct {
	To      Address
	Subject string
	// Body is the paragraphs, already in the printer's language.
	Body []string
	// Link is an absolute URL the recipient should open, or empty.
	Link string
}

// Compose writes l as a message in p's language: the greeting
// (mail.greeting), the paragraphs, the link on a line of its own after
// mail.link, the signature (mail.signature) and the note that replies
// are not read (mail.automatic). The break hints (lang.BreakHint) titles
// and partners' names store for the site's line breaks are left out of
// the plain text, which a reader copies from.
func Compose(p *i18n.Printer, l Letter) Message {
	var b strings.Builder
	if l.To.Name != "" {
		b.WriteString(p.T("mail.greeting", l.To.Name))
	} else {
		b.WriteString(p.T("mail.greeting.anonymous"))
	}
	b.WriteString("\n\n")
	for _, para := range l.Body {
		b.WriteString(para)
		b.WriteString("\n\n")
	}
	if l.Link != "" {
		b.WriteString(p.T("mail.link"))
		b.WriteString("\n")
		b.WriteString(l.Link)
		b.WriteString("\n\n")
	}
	b.WriteString("-- \n")
	b.WriteString(p.T("mail.signature"))
	b.WriteString("\n")
	b.WriteString(p.T("mail.automatic"))
	b.WriteString("\n")
	return Message{To: l.To, Lang: p.Lang(), Subject: lang.WithoutBreakHints(l.Subject), Text: lang.WithoutBreakHints(b.String())}
}
