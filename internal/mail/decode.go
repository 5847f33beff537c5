package mail

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"strings"
)

// Decoded is a message as a person reads it: its headers decoded from
// RFC 2047 and its text body decoded from its transfer encoding.
type Decoded struct {
	From, To, Subject, Date string
	// Lang is the Content-Language header, or empty.
	Lang string
	// Text is the first text/plain part, with lines ending in \n; empty
	// when the message has none.
	Text string
}

// maxDecodedText caps the text Decode returns, so that a huge file in the
// outbox cannot make a page of any size.
const maxDecodedText = 1 << 20

// Decode reads an RFC 5322 message, as Outbox.Read returns it. A header
// that is not valid RFC 2047 is returned as written; a message that is not
// RFC 5322 at all is an error.
func Decode(data []byte) (*Decoded, error) {
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decode mail: %w", err)
	}
	dec := new(mime.WordDecoder)
	header := func(name string) string {
		raw := m.Header.Get(name)
		if v, err := dec.DecodeHeader(raw); err == nil {
			return v
		}
		return raw
	}
	d := &Decoded{From: header("From"), To: header("To"), Subject: header("Subject"), Date: m.Header.Get("Date"),
		Lang: m.Header.Get("Content-Language")}
	ctype := m.Header.Get("Content-Type")
	if ctype == "" {
		ctype = "text/plain"
	}
	d.Text, _ = textPart(ctype, m.Header.Get("Content-Transfer-Encoding"), m.Body, 0)
	return d, nil
}

var errNoText = errors.New("no text/plain part")

// textPart returns the first text/plain part of a body of type ctype,
// looking at most a few multipart levels deep.
func textPart(ctype, cte string, body io.Reader, depth int) (string, error) {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return "", err
	}
	if strings.HasPrefix(mt, "multipart/") {
		if depth >= 4 || params["boundary"] == "" {
			return "", errNoText
		}
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if err != nil {
				return "", errNoText
			}
			text, err := textPart(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part, depth+1)
			if err == nil {
				return text, nil
			}
		}
	}
	if mt != "text/plain" {
		return "", errNoText
	}
	var r io.Reader = body
	switch strings.ToLower(strings.TrimSpace(cte)) {
	case "quoted-printable":
		r = quotedprintable.NewReader(body)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, body)
	}
	b, err := io.ReadAll(io.LimitReader(r, maxDecodedText))
	text := strings.ReplaceAll(string(b), "\r\n", "\n")
	// tandem writes UTF-8 only; bytes of another charset show as U+FFFD.
	return strings.ToValidUTF8(text, "\uFFFD"), err
}
