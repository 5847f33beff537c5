package mail_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/mail/mailtest"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// startQueue starts a queue that sends mail through m, retrying after
// 20 ms, 40 ms, …
func startQueue(t *testing.T, db *store.DB, m *mail.Mailer) *jobs.Queue {
	t.Helper()
	ws := jobs.NewWorkers()
	mail.Register(ws, m)
	q, err := jobs.Open(context.Background(), db, jobs.Config{Workers: ws, Concurrency: 2, Backoff: 20 * time.Millisecond, PollInterval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := q.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		q.Stop(ctx)
		q.Close()
	})
	return q
}

func enqueue(t *testing.T, db *store.DB, msg mail.Message) int64 {
	t.Helper()
	var id int64
	err := db.Transact(context.Background(), func(tx *store.Tx) error {
		var err error
		id, err = mail.Enqueue(context.Background(), tx, msg)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func waitJob(t *testing.T, q *jobs.Queue, id int64) *jobs.Row {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		row, err := q.Job(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if row.FinalizedAt != nil {
			return row
		}
		if time.Now().After(deadline) {
			t.Fatalf("job %d still %s (attempt %d)", id, row.State, row.Attempt)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A message in Chinese or Russian crosses a real SMTP server, arrives with
// its subject and body intact, and its link can be followed.
func TestSendThroughSMTP(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "invitation "+r.URL.Query().Get("token"))
	}))
	t.Cleanup(site.Close)
	tests := []struct {
		lang, name, subject, para, greeting string
	}{
		{"zh", "王小明", "邀请您加入“中俄智库论坛”编辑团队", "中国社会科学院邀请您参与论文集的编辑工作。", "王小明，您好："},
		{"ru", "Иван Петрович Сидоров", "Приглашение в редакцию сборника «Двадцать лет Договора»", "РСМД приглашает вас к работе над сборником трудов форума.", "Здравствуйте, Иван Петрович Сидоров!"},
		// Names that must be quoted or encoded in the To header, not
		// pasted into it: they once failed the job ("failed to parse
		// mail address") and left the invitation pending.
		{"en", `Bob\`, "Invitation to the “Forum”", "Join us.", `Dear Bob\,`},
		{"en", `"><img src=x onerror=alert(1)>`, "Invitation to the “Forum”", "Join us.", `Dear "><img src=x onerror=alert(1)>,`},
		{"en", `O'Brien, "Jr." <boss@evil.example>`, "Invitation to the “Forum”", "Join us.", `Dear O'Brien, "Jr." <boss@evil.example>,`},
		{"ru", `Пётр "Петя" \ Иванов`, "Приглашение", "Присоединяйтесь.", `Здравствуйте, Пётр "Петя" \ Иванов!`},
	}
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		smtpd := mailtest.Start(t)
		m, err := mail.New(mail.Config{SMTP: smtpd.URL(), From: mail.DefaultFrom("https://forum.example/")})
		if err != nil {
			t.Fatal(err)
		}
		q := startQueue(t, db, m)
		for i, tt := range tests {
			tag := fmt.Sprintf("%s%d", tt.lang, i)
			link := site.URL + "/" + tt.lang + "/office/invitation?token=a%2Fb+c_" + tag
			msg := mail.Compose(catalog.Printer(tt.lang), mail.Letter{
				To:      mail.Address{Name: tt.name, Email: "guest-" + tag + "@example.org"},
				Subject: tt.subject, Body: []string{tt.para}, Link: link,
			})
			id := enqueue(t, db, msg)
			if row := waitJob(t, q, id); row.State != rivertype.JobStateCompleted {
				t.Fatalf("%s: job %s, errors %v", tt.lang, row.State, row.Errors)
			}
			got := smtpd.Wait(t, i+1, 5*time.Second)[i]
			if got.From != "tandem@forum.example" || len(got.To) != 1 || got.To[0] != msg.To.Email {
				t.Errorf("%s: envelope from %q to %v", tt.lang, got.From, got.To)
			}
			p, err := mailtest.Parse(got.Data)
			if err != nil {
				t.Fatalf("%s: %v\n%s", tt.lang, err, got.Data)
			}
			if raw := p.Header.Get("Subject"); !strings.HasPrefix(raw, "=?UTF-8?") {
				t.Errorf("%s: raw subject %q is not RFC 2047 encoded", tt.lang, raw)
			}
			if p.Subject != tt.subject {
				t.Errorf("%s: subject %q, want %q", tt.lang, p.Subject, tt.subject)
			}
			if len(p.To) != 1 || p.To[0].Name != tt.name || p.To[0].Address != msg.To.Email {
				t.Errorf("%s: to %v, want the name %q", tt.lang, p.To, tt.name)
			}
			if p.Header.Get("Content-Language") != tt.lang {
				t.Errorf("%s: Content-Language %q", tt.lang, p.Header.Get("Content-Language"))
			}
			for _, want := range []string{tt.greeting, tt.para, catalog.Printer(tt.lang).T("mail.signature")} {
				if !strings.Contains(p.Text, want) {
					t.Errorf("%s: body lacks %q:\n%s", tt.lang, want, p.Text)
				}
			}
			var followed string
			for _, line := range strings.Split(p.Text, "\n") {
				if strings.HasPrefix(line, "http") {
					followed = strings.TrimSpace(line)
				}
			}
			if followed != link {
				t.Fatalf("%s: link in the body %q, want %q", tt.lang, followed, link)
			}
			resp, err := http.Get(followed)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if want := "invitation a/b c_" + tag; string(b) != want {
				t.Errorf("%s: following the link gave %q, want %q", tt.lang, b, want)
			}
		}
	})
}

// Without SMTP the message lands in the outbox as an .eml file that reads
// back with its subject.
func TestOutbox(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		dir := filepath.Join(t.TempDir(), "outbox")
		m, err := mail.New(mail.Config{From: "tandem@forum.example", Outbox: dir})
		if err != nil {
			t.Fatal(err)
		}
		q := startQueue(t, db, m)
		out := mail.NewOutbox(dir)
		if list, err := out.List(); err != nil || len(list) != 0 {
			t.Fatalf("empty outbox lists %v, %v", list, err)
		}
		subjects := []string{"Сброс пароля", "重置密码"}
		for _, s := range subjects {
			id := enqueue(t, db, mail.Message{To: mail.Address{Email: "a@example.org"}, Lang: "ru", Subject: s, Text: "Текст письма\n"})
			if row := waitJob(t, q, id); row.State != rivertype.JobStateCompleted {
				t.Fatalf("job %s, errors %v", row.State, row.Errors)
			}
		}
		list, err := out.List()
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 || list[0].Subject != subjects[0] || list[1].Subject != subjects[1] || list[0].To != "<a@example.org>" {
			t.Fatalf("outbox lists %+v, want the two subjects oldest first", list)
		}
		if !list[0].Date.Before(list[1].Date) || time.Since(list[0].Date) > time.Minute {
			t.Errorf("dates %v, %v: want recent, in order", list[0].Date, list[1].Date)
		}
		b, err := out.Read(list[0].Name)
		if err != nil {
			t.Fatal(err)
		}
		p, err := mailtest.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		if p.Subject != subjects[0] || p.Text != "Текст письма\n" {
			t.Errorf("read back subject %q, text %q", p.Subject, p.Text)
		}
		for _, bad := range []string{"../tandem.db", list[0].Name + "/..", ".new-1", "x.eml", "/etc/passwd"} {
			if _, err := out.Read(bad); err == nil {
				t.Errorf("Read(%q) succeeded", bad)
			}
		}
	})
}

// A server that answers 4xx twice gets the message on the third attempt,
// once; a 5xx ends the job at once.
func TestRetries(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		t.Parallel()
		smtpd := mailtest.Start(t)
		m, err := mail.New(mail.Config{SMTP: smtpd.URL(), From: "tandem@forum.example"})
		if err != nil {
			t.Fatal(err)
		}
		q := startQueue(t, db, m)
		msg := mail.Message{To: mail.Address{Email: "b@example.org"}, Lang: "en", Subject: "Reset", Text: "Hello"}

		smtpd.Refuse(451, 452)
		id := enqueue(t, db, msg)
		row := waitJob(t, q, id)
		if row.State != rivertype.JobStateCompleted || row.Attempt != 3 {
			t.Errorf("after 451, 452: job %s on attempt %d, want completed on 3", row.State, row.Attempt)
		}
		if n := len(smtpd.Messages()); n != 1 || smtpd.Attempts() != 3 {
			t.Errorf("after 451, 452: %d delivered in %d attempts, want 1 in 3", n, smtpd.Attempts())
		}

		smtpd.Refuse(550)
		id = enqueue(t, db, msg)
		row = waitJob(t, q, id)
		time.Sleep(200 * time.Millisecond) // a retry would come within 20 ms
		if row.State != rivertype.JobStateCancelled || row.Attempt != 1 || smtpd.Attempts() != 4 {
			t.Errorf("after 550: job %s on attempt %d, %d attempts in all; want cancelled after 1 more (4)", row.State, row.Attempt, smtpd.Attempts())
		}
		if n := len(smtpd.Messages()); n != 1 {
			t.Errorf("after 550: %d delivered in all, want still 1", n)
		}
	})
}

func TestNewRefusesBadConfig(t *testing.T) {
	for _, cfg := range []mail.Config{
		{SMTP: "http://mail.example", From: "tandem@forum.example"},
		{SMTP: "smtp://", From: "tandem@forum.example"},
		{SMTP: "smtp://mail.example:99999", From: "tandem@forum.example"},
		{From: "tandem"},
	} {
		if _, err := mail.New(cfg); err == nil {
			t.Errorf("New(%+v) succeeded", cfg)
		}
	}
	if _, err := mail.New(mail.Config{SMTP: "smtps://u:p@mail.example", From: "a@b.example"}); err != nil {
		t.Errorf("smtps with user: %v", err)
	}
	if got := mail.DefaultFrom("http://localhost:8080"); got != "tandem@localhost" {
		t.Errorf("DefaultFrom = %q", got)
	}
}

// TestNoDoubledStopAfterDates composes the invitation letter as the office
// does, in every language, and prints the other messages that take a date:
// a Russian date ends with "г.", so a message must not put its own full
// stop right after one ("до 7 декабря 2026 г..").
func TestNoDoubledStopAfterDates(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	expires := time.Date(2026, 12, 7, 15, 0, 0, 0, time.UTC)
	for _, lang := range i18n.Languages {
		p := catalog.Printer(lang)
		date := p.Date(expires)
		msg := mail.Compose(p, mail.Letter{
			To:      mail.Address{Name: "Пётр", Email: "petr@example.org"},
			Subject: p.T("office.team.mail.invite.subject", "CASS"),
			Body: []string{p.T("office.team.mail.invite.body", "Анна", "CASS", "editor"),
				p.T("office.team.mail.invite.expires", date)},
			Link: "https://forum.example/office/invitations/t",
		})
		if !strings.Contains(msg.Text, date) {
			t.Errorf("%s: the invitation does not give the date %q:\n%s", lang, date, msg.Text)
		}
		texts := map[string]string{
			"invitation": msg.Text,
			"office.forum.programme.zone": p.T("office.forum.programme.zone", "MSK",
				p.DateRange(expires, expires.AddDate(0, 0, 2))),
			"approval.state.scheduled": p.T("approval.state.scheduled", date),
			"office.team.expires":      p.T("office.team.expires", date),
		}
		for name, text := range texts {
			if strings.Contains(text, "..") || strings.Contains(text, ".。") {
				t.Errorf("%s: %s doubles the full stop after the date:\n%s", lang, name, text)
			}
		}
	}
}

// A sender with a display name is accepted, and the Message-ID takes only
// the address's domain.
func TestFromWithDisplayName(t *testing.T) {
	for _, from := range []string{"Forum <forum@example.org>", `"Forum, Inc." <forum@example.org>`, "forum@example.org"} {
		dir := t.TempDir()
		m, err := mail.New(mail.Config{From: from, Outbox: dir})
		if err != nil {
			t.Fatalf("New(From %q): %v", from, err)
		}
		if err := m.Send(t.Context(), "7", time.Now(), mail.Message{To: mail.Address{Email: "a@example.org"}, Subject: "Hi", Text: "Hi\n"}); err != nil {
			t.Fatal(err)
		}
		out := mail.NewOutbox(dir)
		list, err := out.List()
		if err != nil || len(list) != 1 {
			t.Fatalf("outbox %v, %v", list, err)
		}
		b, err := out.Read(list[0].Name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "Message-ID: <tandem.7@example.org>\r\n") || !strings.Contains(string(b), "forum@example.org>") {
			t.Errorf("From %q:\n%s", from, b)
		}
	}
	if _, err := mail.New(mail.Config{From: "Forum <forum>"}); err == nil {
		t.Error("a display name with no domain in the address was accepted")
	}
}
