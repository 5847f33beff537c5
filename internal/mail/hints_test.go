package mail_test

import (
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/mail"
)

// TestComposeWithoutBreakHints: a partner's name with the break hints the
// site stores in it (U+200B) reaches the plain-text mail without them.
func TestComposeWithoutBreakHints(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	p := catalog.Printer("zh")
	name := "中国\u200b社会科学院"
	msg := mail.Compose(p, mail.Letter{To: mail.Address{Name: "王芳", Email: "w@example.org"},
		Subject: p.T("office.team.mail.invite.subject", name),
		Body:    []string{p.T("office.team.mail.invite.body", "Анна", name, "editor")}})
	for what, s := range map[string]string{"subject": msg.Subject, "text": msg.Text} {
		if strings.ContainsRune(s, '\u200b') || !strings.Contains(s, "中国社会科学院") {
			t.Errorf("%s keeps the break hint: %q", what, s)
		}
	}
}
