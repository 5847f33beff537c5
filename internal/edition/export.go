package edition

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/crossref"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/i18n"
	"github.com/tandemforum/tandem/internal/mail"
	"github.com/tandemforum/tandem/internal/onix"
)

// Exports of an edition's metadata for the book trade and for DOI
// registration: the ONIX 3.0 message (internal/onix) and the Crossref
// deposit (internal/crossref). Both describe an edition together with the
// other editions of its collection, which they name as related products
// and as translations. They are the office's and the command line's; the
// public site offers neither. Before its release nothing of an edition
// leaves tandem: an export names only the editions the public may see at
// its date (PublicAt), and the export of an edition not yet released is
// refused. ONIX could announce a forthcoming edition, but tandem makes no
// pre-announcements: a scheduled edition's metadata would tell the book
// trade what its embargo keeps.

// ExportError is an export refused because an edition lacks what the
// format needs: Key is the i18n message key that says so, Args its
// arguments (the edition's slug first). It is of kind errkind.Invalid.
type ExportError struct {
	Key  string
	Args []any
}

func (e *ExportError) Error() string {
	return fmt.Sprintf("edition: export refused: %s %v", e.Key, e.Args)
}

// Unwrap returns errkind.Invalid.
func (e *ExportError) Unwrap() error { return errkind.Invalid }

// MessageKey gives the catalog message that says why, with its arguments.
func (e *ExportError) MessageKey() (string, []any) { return e.Key, e.Args }

// Depositor is who deposits DOIs with Crossref: the name and the address
// Crossref sends its report to. An empty Name is the publisher of record's
// name; an empty Email is the Press's DepositorEmail.
type Depositor struct {
	Name, Email string
}

// exportBooks returns the books of the editions to export: edition id
// first, then the other editions of its collection that include accepts
// (returns nil for), in the collection's order; or, when id is 0, every
// edition of collection that include accepts. Edition id itself must be
// accepted: include's error is returned. Each book has absolute
// URLs (the book's and its chapters') and its release time in the
// edition's own zone, as the exports give the calendar date there. An
// edition the public may not see at at is never exported: edition id
// is then refused with edition.export.unreleased, another left out.
func (p *Press) exportBooks(ctx context.Context, collection, id int64, at time.Time, include func(*Edition) error) ([]*book.Book, []*Edition, error) {
	es, err := OfCollection(ctx, p.DB, collection)
	if err != nil {
		return nil, nil, err
	}
	var picked []*Edition
	if id != 0 {
		i := slices.IndexFunc(es, func(e *Edition) bool { return e.ID == id })
		if i < 0 {
			return nil, nil, fmt.Errorf("edition %d of collection %d: %w", id, collection, ErrNotFound)
		}
		if err := released(es[i], at); err != nil {
			return nil, nil, err
		}
		if err := include(es[i]); err != nil {
			return nil, nil, err
		}
		picked = append(picked, es[i])
	}
	for _, e := range es {
		if e.ID != id && e.PublicAt(at) && include(e) == nil {
			picked = append(picked, e)
		}
	}
	if len(picked) == 0 {
		return nil, nil, &ExportError{Key: "edition.export.none"}
	}
	var books []*book.Book
	for _, e := range picked {
		b, err := p.book(ctx, e)
		if err != nil {
			return nil, nil, err
		}
		b.Released = e.ReleaseAt.In(e.Location())
		books = append(books, b)
	}
	return books, picked, nil
}

// released refuses an edition the public may not see at at.
func released(e *Edition, at time.Time) error {
	if e.PublicAt(at) {
		return nil
	}
	if e.ReleaseAt.IsZero() || e.State != Scheduled {
		return &ExportError{Key: "edition.export.unreleased", Args: []any{e.Slug}}
	}
	return &ExportError{Key: "edition.export.embargoed", Args: []any{e.Slug, e.ReleaseAt.In(e.Location()).Format("2006-01-02 15:04 MST")}}
}

// onixReady refuses an edition ONIX cannot list: one without an ISBN or
// without a release date.
func onixReady(e *Edition) error {
	if !slices.ContainsFunc(e.Formats, func(f book.Format) bool { return e.ISBN[f] != "" }) {
		return &ExportError{Key: "edition.export.no_isbn", Args: []any{e.Slug}}
	}
	if e.ReleaseAt.IsZero() {
		return &ExportError{Key: "edition.export.no_release", Args: []any{e.Slug}}
	}
	return nil
}

// ONIX writes to w the ONIX 3.0 message of edition id of collection: its
// products, then those of the other editions of the collection that have
// an ISBN and a release date and are released at sent, which its
// products name as related ones. With id 0 it is the message of every
// such edition of the collection.
// The sender is the publisher of record of the first edition, named in
// that edition's first language; sent is the message's time. It returns an
// *ExportError when edition id is not released at sent or has no ISBN or
// no release date (or, with id 0, when no released edition has both), and the *onix.Problem of what else ONIX
// refuses; cat gives the sample-data notes.
func (p *Press) ONIX(ctx context.Context, w io.Writer, cat *i18n.Catalog, collection, id int64, sent time.Time) error {
	books, _, err := p.exportBooks(ctx, collection, id, sent, onixReady)
	if err != nil {
		return err
	}
	first := books[0]
	return onix.Write(w, cat, onix.Header{Sender: first.Publisher.Name[first.Lang()], Sent: sent}, books)
}

// crossrefReady refuses an edition Crossref cannot register: one without
// a DOI prefix or without a release date.
func crossrefReady(e *Edition) error {
	if e.DOIPrefix == "" {
		return &ExportError{Key: "edition.export.no_doi_prefix", Args: []any{e.Slug}}
	}
	if e.ReleaseAt.IsZero() {
		return &ExportError{Key: "edition.export.no_release", Args: []any{e.Slug}}
	}
	return nil
}

// Crossref writes to w the Crossref 5.4.0 deposit that registers the DOIs
// of edition id of collection and of its chapters, with those of the
// collection's other editions under the same DOI prefix that are
// released at at; with id 0, those of every edition of the collection
// released at at with a DOI prefix, which must then share one prefix.
// Translation relations name only the editions deposited. Book
// DOIs are PREFIX/SLUG and chapter DOIs PREFIX/SLUG.chN (Load), which
// resolve to the web reader's pages. The registrant is the publisher of
// record of the first edition, and so is the depositor unless d names
// one; at is the deposit's timestamp and names the batch
// (tandem-SLUG-yyyymmddThhmmss, SLUG the first edition's, or the
// collection's ID with id 0). It returns an *ExportError when edition id
// is not released at at or has no DOI prefix or release date (with id 0,
// when no released edition has both,
// or when they have different prefixes) or when there is no depositor
// address (see depositorEmail), and the *crossref.Problem of
// what else Crossref refuses; cat gives the sample-data comment.
func (p *Press) Crossref(ctx context.Context, w io.Writer, cat *i18n.Catalog, collection, id int64, d Depositor, at time.Time) error {
	var prefix string
	if id != 0 {
		e, err := Get(ctx, p.DB, id)
		if err != nil {
			return err
		}
		if err := released(e, at); err != nil {
			return err
		}
		if err := crossrefReady(e); err != nil {
			return err
		}
		prefix = e.DOIPrefix
	}
	books, picked, err := p.exportBooks(ctx, collection, id, at, func(e *Edition) error {
		if err := crossrefReady(e); err != nil {
			return err
		}
		if prefix != "" && e.DOIPrefix != prefix {
			return &ExportError{Key: "edition.export.other_prefix", Args: []any{e.Slug, prefix}}
		}
		return nil
	})
	if err != nil {
		return err
	}
	prefix = picked[0].DOIPrefix
	for _, e := range picked[1:] {
		if e.DOIPrefix != prefix {
			return &ExportError{Key: "edition.export.prefixes", Args: []any{picked[0].Slug, prefix, e.Slug, e.DOIPrefix}}
		}
	}
	first := books[0]
	registrant := first.Publisher.Name[first.Lang()]
	if d.Name == "" {
		d.Name = registrant
	}
	if d.Email == "" {
		d.Email = p.depositorEmail()
	}
	if d.Email == "" {
		return &ExportError{Key: "edition.export.no_depositor_email"}
	}
	name := first.Slug
	if id == 0 {
		name = fmt.Sprintf("collection%d", collection)
	}
	h := crossref.Head{
		BatchID:    "tandem-" + name + "-" + at.UTC().Format("20060102T150405"),
		Timestamp:  at,
		Depositor:  d.Name,
		Email:      d.Email,
		Registrant: registrant,
		Prefix:     prefix,
	}
	return crossref.Write(w, cat, h, books)
}

// depositorEmail is Press.DepositorEmail, or the program's default sender
// of mail at the site's host when that host is a public domain name; ""
// for a site on a loopback, local or numeric address, whose default sender
// (tandem@[127.0.0.1], tandem@localhost) can receive no report.
func (p *Press) depositorEmail() string {
	if p.DepositorEmail != "" {
		return p.DepositorEmail
	}
	u, err := url.Parse(p.BaseURL)
	if err != nil {
		return ""
	}
	host := strings.ToLower(u.Hostname())
	if host == "" || net.ParseIP(host) != nil || !strings.Contains(host, ".") ||
		host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".local") {
		return ""
	}
	return mail.DefaultFrom(p.BaseURL)
}

// ExportName is the file name of an export of edition slug (or of the
// collection's editions, slug "" and its ID) in format "onix" or
// "crossref": "cw-zh.onix.xml", "collection-3.crossref.xml".
func ExportName(slug string, collection int64, format string) string {
	if slug == "" {
		slug = fmt.Sprintf("collection-%d", collection)
	}
	return strings.Join([]string{slug, format, "xml"}, ".")
}
