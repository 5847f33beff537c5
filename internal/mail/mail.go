// Package mail sends tandem's e-mail: invitations, password resets and
// notices, each in its recipient's language.
//
// Sending is a durable job: a caller queues a message with Enqueue in the
// transaction that makes it necessary, and a worker delivers it through
// SMTP, retrying with exponential backoff while the server answers 4xx
// and giving up at once on a 5xx. Without an SMTP server the message is
// written to an outbox folder (Outbox) that an admin reads in the office,
// so that a fresh install works with no mail server at all.
package mail

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"

	"github.com/tandemforum/tandem/internal/jobs"
	"github.com/tandemforum/tandem/internal/store"
)

// Address is a mailbox: an e-mail address and the name shown with it.
type Address struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email"`
}

// mailAddress returns a's mailbox with its address checked (one bare
// address) and its name kept apart, so that the header is written by
// net/mail's Address.String, which quotes or encodes any name: quotes,
// backslashes, angle brackets and line breaks included. Pasting the name
// into a "Name" <address> string to parse it again fails on a name like
// Bob\ and would let a name smuggle in another address.
func (a Address) mailAddress() (*netmail.Address, error) {
	p, err := netmail.ParseAddress(a.Email)
	if err != nil || p.Name != "" || p.Address != strings.TrimSpace(a.Email) {
		return nil, fmt.Errorf("to %q: not one e-mail address", a.Email)
	}
	return &netmail.Address{Name: a.Name, Address: p.Address}, nil
}

// Message is one e-mail to one recipient, written in the recipient's
// language.
type Message struct {
	To Address `json:"to"`
	// Lang is the language of the text, "zh", "ru" or "en"; it becomes
	// the Content-Language header.
	Lang    string `json:"lang"`
	Subject string `json:"subject"`
	// Text is the plain-text body; HTML, when set, is an alternative
	// rendering of the same text.
	Text string `json:"text"`
	HTML string `json:"html,omitempty"`
}

// Config says how a Mailer delivers.
type Config struct {
	// SMTP is the server's URL: smtp://user:pass@host:port (STARTTLS
	// when the server offers it; port 587 by default) or smtps://…
	// (TLS from the start; port 465 by default). Empty means the outbox.
	SMTP string
	// From is the sender's address ("tandem@forum.example"), with a
	// display name or without ("Forum <tandem@forum.example>").
	From string
	// Outbox is the folder messages go to when SMTP is empty.
	Outbox string
	// Logger receives a line for each message given up; nil discards.
	Logger *slog.Logger
}

// Mailer delivers messages, through SMTP or to the outbox.
type Mailer struct {
	from   string
	domain string // of from, for Message-IDs
	client *gomail.Client
	outbox *Outbox
	log    *slog.Logger
}

// New returns a mailer for cfg. It fails on an SMTP URL it cannot use or a
// From that is not an address; it does not connect yet.
func New(cfg Config) (*Mailer, error) {
	// RFC 5322's forms: a bare address or one with a display name
	// ("Forum <forum@example.org>"); the Message-ID takes the address's
	// domain.
	addr, err := netmail.ParseAddress(cfg.From)
	at := -1
	if err == nil {
		at = strings.LastIndexByte(addr.Address, '@')
	}
	if at <= 0 || at == len(addr.Address)-1 {
		return nil, fmt.Errorf("mail from %q: want an address like tandem@forum.example or Forum <tandem@forum.example>", cfg.From)
	}
	m := &Mailer{from: cfg.From, domain: addr.Address[at+1:], log: cfg.Logger}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	if cfg.SMTP == "" {
		m.outbox = NewOutbox(cfg.Outbox)
		return m, nil
	}
	c, err := smtpClient(cfg.SMTP)
	if err != nil {
		return nil, err
	}
	m.client = c
	return m, nil
}

// smtpClient makes a client for an smtp:// or smtps:// URL.
func smtpClient(raw string) (*gomail.Client, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("smtp URL: %w", err)
	}
	shown := u.Redacted()
	var opts []gomail.Option
	port := 587
	switch u.Scheme {
	case "smtp":
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case "smtps":
		port = 465
		opts = append(opts, gomail.WithSSL())
	default:
		return nil, fmt.Errorf("smtp URL %s: want smtp:// or smtps://", shown)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("smtp URL %s: no host", shown)
	}
	if p := u.Port(); p != "" {
		port, err = strconv.Atoi(p)
		if err != nil || port <= 0 || port > 65535 {
			return nil, fmt.Errorf("smtp URL %s: bad port", shown)
		}
	}
	opts = append(opts, gomail.WithPort(port), gomail.WithTimeout(30*time.Second))
	if u.User != nil && u.User.Username() != "" {
		pass, _ := u.User.Password()
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(u.User.Username()), gomail.WithPassword(pass))
	}
	c, err := gomail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp URL %s: %w", shown, err)
	}
	return c, nil
}

// DefaultFrom returns the sender's address for a site at baseURL:
// tandem@ its host ("tandem@localhost" when there is none).
func DefaultFrom(baseURL string) string {
	host := "localhost"
	if u, err := url.Parse(baseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	if ip := net.ParseIP(host); ip != nil {
		host = "[" + host + "]"
	}
	return "tandem@" + host
}

// compose builds the RFC 5322 message: subject and names encoded per RFC
// 2047, bodies as UTF-8 quoted-printable. id names the message for good
// (a job's id), so that a retried delivery carries the same Message-ID.
func (m *Mailer) compose(id string, date time.Time, msg Message) (*gomail.Msg, error) {
	g := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := g.From(m.from); err != nil {
		return nil, fmt.Errorf("from %q: %w", m.from, err)
	}
	to, err := msg.To.mailAddress()
	if err != nil {
		return nil, err
	}
	g.ToMailAddress(to)
	g.Subject(msg.Subject)
	g.SetMessageIDWithValue("tandem." + id + "@" + m.domain)
	g.SetDateWithValue(date)
	if msg.Lang != "" {
		g.SetGenHeader(gomail.HeaderContentLang, msg.Lang)
	}
	g.SetBodyString(gomail.TypeTextPlain, msg.Text)
	if msg.HTML != "" {
		g.AddAlternativeString(gomail.TypeTextHTML, msg.HTML)
	}
	return g, nil
}

// ErrPermanent marks a delivery the server refused for good (SMTP 5xx):
// retrying will not help.
var ErrPermanent = errors.New("refused for good")

// Send delivers msg now. id names it for good (a job's id: the outbox
// file and the Message-ID derive from it, so a second delivery of the same
// id is recognisable, and in the outbox replaces the first); date is the
// message's date. A server's 5xx answer comes back wrapping ErrPermanent.
func (m *Mailer) Send(ctx context.Context, id string, date time.Time, msg Message) error {
	g, err := m.compose(id, date, msg)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrPermanent, err)
	}
	if m.outbox != nil {
		return m.outbox.write(id, date, g)
	}
	err = m.client.DialAndSendWithContext(ctx, g)
	var se *gomail.SendError
	if errors.As(err, &se) && se.ErrorCode() >= 500 && se.ErrorCode() < 600 {
		return fmt.Errorf("send mail to %s: %w: %w", msg.To.Email, ErrPermanent, err)
	}
	if err != nil {
		return fmt.Errorf("send mail to %s: %w", msg.To.Email, err)
	}
	return nil
}

// SendArgs is the job that sends one message.
type SendArgs struct {
	Message Message `json:"message"`
}

// Kind names the job.
func (SendArgs) Kind() string { return "mail.send" }

// InsertOpts gives a message 15 attempts: with the queue's backoff of
// 10 s doubling up to 6 h, the last is about a day and a half after the
// first.
func (SendArgs) InsertOpts() jobs.InsertOpts { return jobs.InsertOpts{MaxAttempts: 15} }

// Enqueue queues msg for sending when tx commits. It returns the job's id.
func Enqueue(ctx context.Context, tx *store.Tx, msg Message) (int64, error) {
	if msg.To.Email == "" {
		return 0, errors.New("enqueue mail: no recipient")
	}
	res, err := jobs.InsertTx(ctx, tx, SendArgs{Message: msg}, nil)
	if err != nil {
		return 0, fmt.Errorf("enqueue mail to %s: %w", msg.To.Email, err)
	}
	return res.Job.ID, nil
}

// Register adds the worker that sends queued messages through m.
func Register(ws *jobs.Workers, m *Mailer) {
	jobs.Register(ws, &worker{m: m})
}

type worker struct {
	jobs.WorkerDefaults[SendArgs]
	m *Mailer
}

func (w *worker) Work(ctx context.Context, job *jobs.Job[SendArgs]) error {
	err := w.m.Send(ctx, strconv.FormatInt(job.ID, 10), job.CreatedAt, job.Args.Message)
	if errors.Is(err, ErrPermanent) {
		w.m.log.ErrorContext(ctx, "mail given up", slog.Int64("job", job.ID),
			slog.String("to", job.Args.Message.To.Email), slog.Int("attempt", job.Attempt), slog.String("error", err.Error()))
		return jobs.Cancel(err)
	}
	return err
}
