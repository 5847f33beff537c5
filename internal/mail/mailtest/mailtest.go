// Package mailtest runs a real SMTP server on loopback for tests, which
// records what it receives and can be told to refuse or stall.
package mailtest

import (
	"bytes"
	"encoding/base64"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Server is an SMTP server on 127.0.0.1, stopped when the test ends.
type Server struct {
	srv  *smtp.Server
	addr string

	mu       sync.Mutex
	received []Received
	refuse   []int // SMTP codes to answer the next DATA commands with
	stall    int   // DATA commands still to stall
	stalled  chan struct{}
	release  chan struct{}
	attempts int
}

// Received is a message the server accepted.
type Received struct {
	From string
	To   []string
	Data []byte
}

// Start starts a server for the test.
func Start(t testing.TB) *Server {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{addr: l.Addr().String(), stalled: make(chan struct{}, 16), release: make(chan struct{})}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{s: s}, nil }))
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout = 10 * time.Second
	s.srv.WriteTimeout = 10 * time.Second
	go s.srv.Serve(l)
	t.Cleanup(func() {
		close(s.release)
		s.srv.Close()
	})
	return s
}

// URL returns the server's address as tandem's --smtp takes it.
func (s *Server) URL() string { return "smtp://" + s.addr }

// Refuse makes the server answer the next DATA commands with these SMTP
// codes (451, 550, …), one each, before it accepts again.
func (s *Server) Refuse(codes ...int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = append(s.refuse, codes...)
}

// Stall makes the next DATA command read the message and then hang
// without an answer until the test ends; the message is not recorded. The
// channel receives when a DATA command has stalled.
func (s *Server) Stall() <-chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stall++
	return s.stalled
}

// Attempts reports how many DATA commands the server has seen.
func (s *Server) Attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.attempts
}

// Messages returns the messages accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Wait waits until n messages have been accepted and returns them; it
// fails the test after within.
func (s *Server) Wait(t testing.TB, n int, within time.Duration) []Received {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		if m := s.Messages(); len(m) >= n {
			return m
		}
		if time.Now().After(deadline) {
			t.Fatalf("SMTP server: %d messages after %s, want %d (%d attempts)", len(s.Messages()), within, n, s.Attempts())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

type session struct {
	s    *Server
	from string
	to   []string
}

func (c *session) Reset()        { c.from, c.to = "", nil }
func (c *session) Logout() error { return nil }
func (c *session) Mail(from string, _ *smtp.MailOptions) error {
	c.from = from
	return nil
}
func (c *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	c.to = append(c.to, to)
	return nil
}

func (c *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s := c.s
	s.mu.Lock()
	s.attempts++
	if s.stall > 0 {
		s.stall--
		s.mu.Unlock()
		s.stalled <- struct{}{}
		<-s.release
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "stalled"}
	}
	defer s.mu.Unlock()
	if len(s.refuse) > 0 {
		code := s.refuse[0]
		s.refuse = s.refuse[1:]
		return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode{code / 100, 0, 0}, Message: "refused by the test"}
	}
	s.received = append(s.received, Received{From: c.from, To: c.to, Data: b})
	return nil
}

// Parsed is a received message decoded as a reader sees it.
type Parsed struct {
	Header  mail.Header
	Subject string
	To      []*mail.Address
	// Text is the text/plain body, decoded from its transfer encoding,
	// with lines ending in \n.
	Text string
}

// Parse decodes a message: its subject from RFC 2047, its recipients, and
// its text/plain body (the first one, in a multipart message).
func Parse(data []byte) (*Parsed, error) {
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	p := &Parsed{Header: m.Header}
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		return nil, err
	}
	if p.To, err = m.Header.AddressList("To"); err != nil {
		return nil, err
	}
	p.Text, err = textPart(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body)
	return p, err
}

var errNoText = errors.New("no text/plain part")

func textPart(ctype, cte string, body io.Reader) (string, error) {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(mt, "multipart/") {
		return multipartText(params["boundary"], body)
	}
	if mt != "text/plain" {
		return "", errNoText
	}
	b, err := io.ReadAll(decoder(cte, body))
	return strings.ReplaceAll(string(b), "\r\n", "\n"), err
}

func multipartText(boundary string, body io.Reader) (string, error) {
	mr := multipart.NewReader(body, boundary)
	for {
		part, err := mr.NextRawPart()
		if err != nil {
			return "", errNoText
		}
		text, err := textPart(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part)
		if err == nil {
			return text, nil
		}
	}
}

func decoder(cte string, r io.Reader) io.Reader {
	switch strings.ToLower(cte) {
	case "quoted-printable":
		return quotedprintable.NewReader(r)
	case "base64":
		return base64.NewDecoder(base64.StdEncoding, r)
	}
	return r
}
