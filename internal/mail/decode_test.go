package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tandemforum/tandem/internal/mail"
)

// What tandem writes to its outbox reads back as it was written: Chinese
// and Cyrillic in the headers and the text.
func TestDecode(t *testing.T) {
	dir := t.TempDir()
	m, err := mail.New(mail.Config{From: "tandem@forum.example", Outbox: dir})
	if err != nil {
		t.Fatal(err)
	}
	for i, msg := range []mail.Message{
		{To: mail.Address{Name: "Иван Петров", Email: "ivan@riac.example"}, Lang: "ru", Subject: "Приглашение в команду РСМД",
			Text: "Уважаемый Иван,\n\nhttps://forum.example/office/invitations/abc\n"},
		{To: mail.Address{Name: "王伟", Email: "wang@cass.example"}, Lang: "zh", Subject: "邀请您加入中国社会科学院团队",
			Text: "王伟，您好：\n\n" + strings.Repeat("长行", 100) + "\n", HTML: "<p>王伟</p>"},
	} {
		id := string(rune('1' + i))
		if err := m.Send(context.Background(), id, time.Date(2026, 3, 1, 9, i, 0, 0, time.UTC), msg); err != nil {
			t.Fatal(err)
		}
		list, err := mail.NewOutbox(dir).List()
		if err != nil {
			t.Fatal(err)
		}
		b, err := mail.NewOutbox(dir).Read(list[i].Name)
		if err != nil {
			t.Fatal(err)
		}
		d, err := mail.Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		if d.Subject != msg.Subject || d.Text != msg.Text || d.Lang != msg.Lang {
			t.Errorf("decoded subject %q lang %q text %q; want %q %q %q", d.Subject, d.Lang, d.Text, msg.Subject, msg.Lang, msg.Text)
		}
		if !strings.Contains(d.To, msg.To.Name) || !strings.Contains(d.To, msg.To.Email) || !strings.Contains(d.From, "tandem@forum.example") {
			t.Errorf("decoded From %q To %q", d.From, d.To)
		}
	}
	if _, err := mail.Decode([]byte("not a message")); err == nil {
		t.Error("Decode of a text without headers succeeded")
	}
}

// Decode never panics and returns valid UTF-8 text for any input.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"Subject: =?UTF-8?q?=D0=9F=D1=80=D0=B8?=\r\n\r\nbody\r\n",
		"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n5LitCg==\r\n--b--\r\n",
		"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\nContent-Type: multipart/mixed; boundary=a\r\n\r\n--a--\r\n",
		"Content-Transfer-Encoding: quoted-printable\r\n\r\n=E4=B8=AD=\r\n",
		"Subject: =?bogus?x?zz?=\r\n\r\n\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := mail.Decode(data)
		if err != nil {
			return
		}
		if !utf8Valid(d.Text) {
			t.Errorf("Decode(%q).Text = %q, not UTF-8", data, d.Text)
		}
	})
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "") == s }
