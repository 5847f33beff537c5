package mail

import (
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Outbox is the folder where messages go when there is no SMTP server:
// one RFC 5322 .eml file per message, named by its date and job id
// ("20260315T091502.123456789Z-42.eml") so that names sort by time.
type Outbox struct{ dir string }

// NewOutbox returns the outbox in dir, which is made on the first write.
func NewOutbox(dir string) *Outbox { return &Outbox{dir: dir} }

const nameTime = "20060102T150405.000000000Z"

// write stores g as the message id, replacing an earlier write of the same
// id. The file appears whole or not at all.
func (o *Outbox) write(id string, date time.Time, g *gomail.Msg) error {
	if err := os.MkdirAll(o.dir, 0o750); err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	f, err := os.CreateTemp(o.dir, ".new-*")
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	defer os.Remove(f.Name())
	_, err = g.WriteTo(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(o.dir, date.UTC().Format(nameTime)+"-"+id+".eml"))
	}
	if err != nil {
		return fmt.Errorf("outbox: %w", err)
	}
	return nil
}

// Entry is one message in the outbox, as a list shows it.
type Entry struct {
	// Name is the file's name, for Read.
	Name string
	Date time.Time
	// To is the recipient, as written in the To header.
	To string
	// Subject is decoded from its RFC 2047 form.
	Subject string
}

// List returns the outbox's messages, oldest first. An outbox never
// written to is empty.
func (o *Outbox) List() ([]Entry, error) {
	des, err := os.ReadDir(o.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	var out []Entry
	for _, de := range des {
		name := de.Name()
		if !validName(name) {
			continue
		}
		e, err := o.entry(name)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

func (o *Outbox) entry(name string) (Entry, error) {
	f, err := os.Open(filepath.Join(o.dir, name))
	if err != nil {
		return Entry{}, fmt.Errorf("outbox: %w", err)
	}
	defer f.Close()
	e := Entry{Name: name}
	e.Date, _ = time.Parse(nameTime, name[:strings.IndexByte(name, '-')])
	m, err := mail.ReadMessage(f)
	if err != nil {
		return Entry{}, fmt.Errorf("outbox %s: %w", name, err)
	}
	dec := new(mime.WordDecoder)
	e.To, _ = dec.DecodeHeader(m.Header.Get("To"))
	if e.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		e.Subject = m.Header.Get("Subject")
	}
	return e, nil
}

// Read returns the message file name as written (RFC 5322 bytes). It
// refuses a name that is not an outbox file, such as one with a path.
func (o *Outbox) Read(name string) ([]byte, error) {
	if !validName(name) {
		return nil, fmt.Errorf("outbox %q: %w", name, fs.ErrNotExist)
	}
	b, err := os.ReadFile(filepath.Join(o.dir, name))
	if err != nil {
		return nil, fmt.Errorf("outbox: %w", err)
	}
	return b, nil
}

// validName reports whether name is an outbox file's: a date, a dash, an
// id of digits, ".eml".
func validName(name string) bool {
	stamp, rest, ok := strings.Cut(name, "-")
	if !ok || len(stamp) != len(nameTime) {
		return false
	}
	if _, err := time.Parse(nameTime, stamp); err != nil {
		return false
	}
	id, ok := strings.CutSuffix(rest, ".eml")
	if !ok || id == "" {
		return false
	}
	return strings.Trim(id, "0123456789") == ""
}
