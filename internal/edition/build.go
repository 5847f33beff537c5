package edition

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/book"
	"github.com/tandemforum/tandem/internal/errkind"
	"github.com/tandemforum/tandem/internal/store"
)

// Renderers turn a book into the files of its formats. The program wires
// the real ones (internal/epub, internal/typeset); a nil renderer makes a
// build of its format fail with ErrNoRenderer.
type Renderers struct {
	// EPUB writes the book as an EPUB 3 file.
	EPUB func(ctx context.Context, b *book.Book) ([]byte, error)
	// PDF typesets the book as a print PDF and returns where its pages
	// begin, which the EPUB's page list and the web reader show.
	PDF func(ctx context.Context, b *book.Book) ([]byte, *book.PageMap, error)
	// PDFA typesets the book as the PDF's archival variant, PDF/A-2a
	// (book.PDFA); nil makes none, and an edition has no PDF/A.
	PDFA func(ctx context.Context, b *book.Book) ([]byte, error)
	// Version names the renderers' code (the program's version): it is
	// part of every format's fingerprint, so that new renderers rebuild.
	Version string
}

// ErrNoRenderer is a build of a format the program has no renderer for.
// It is of kind errkind.Invalid.
var ErrNoRenderer = fmt.Errorf("edition: no renderer for this format in this program: %w", errkind.Invalid)

// Press builds editions and moves them to their release: what the build
// job, the office and `tandem edition` share.
type Press struct {
	DB        *store.DB
	Blobs     blob.Store
	Renderers Renderers
	// BaseURL is the public site's address without a trailing slash; a
	// book's URL is its web reader's path under it.
	BaseURL string
	// DepositorEmail is where Crossref sends the report of a deposit
	// (Crossref); empty is tandem@ the base URL's host, as mail is sent.
	DepositorEmail string
	// Log receives the details of a failed build job, which the office
	// only names (BuildFailure); nil is slog.Default().
	Log *slog.Logger
}

// File is the file a build made of one format.
type File struct {
	Format book.Format
	// Fingerprint is the hash of the inputs the file was made from, 64 hex
	// digits.
	Fingerprint string
	// SHA256 is the file's own hash, 64 hex digits; it names the file in
	// the blob store (Key).
	SHA256  string
	Size    int64
	BuiltAt time.Time
	// Reused is set when the build found the inputs unchanged and kept the
	// file it had.
	Reused bool
}

// Ext is the file name extension of format f: the web reader's build is
// the book as JSON, which the public site reads; the PDF/A is a PDF.
func Ext(f book.Format) string {
	switch f {
	case book.Web:
		return "json"
	case book.PDFA:
		return "pdf"
	default:
		return string(f)
	}
}

// Key returns the blob key of a built file.
func (f *File) Key() string { return "edition/" + f.SHA256 + "." + Ext(f.Format) }

// pageMapKey is the blob key of the page map of the PDF whose hash is sum.
func pageMapKey(sum string) string { return "edition/" + sum + ".pagemap.json" }

// Progress is how far a build has got: Done of Total units, one per
// chapter and format, and the format being built.
type Progress struct {
	Format      book.Format
	Done, Total int
}

// buildOrder is the order a build makes the formats in: the PDF first, for
// the page map the EPUB and the web reader show, and its archival variant
// after it while the typesetter has the book's sources.
var buildOrder = []book.Format{book.PDF, book.PDFA, book.EPUB, book.Web}

// makes reports whether the press makes file f for edition e: the formats
// the edition is published in, and the PDF/A of one in PDF when the press
// has a renderer for it.
//
// The PDF/A is derived, not approved: it is typeset from the same inputs
// as the PDF (its fingerprint hashes the same book and renderers), so the
// hosts' approval of the proofs covers it without naming its bytes, and a
// build of it alone never withdraws an approval (ProofsFingerprint leaves
// it out). Its own bytes differ from the PDF's only in what PDF/A asks of
// the file (identification, colour profile), not in the pages.
func (p *Press) makes(e *Edition, f book.Format) bool {
	if f == book.PDFA {
		return e.Has(book.PDF) && p.Renderers.PDFA != nil
	}
	return e.Has(f)
}

// Files returns the files last built of edition id, by format.
func Files(ctx context.Context, q store.Querier, id int64) (map[book.Format]*File, error) {
	fs, err := store.All(ctx, q, func(sc store.Scanner) (*File, error) {
		f := &File{}
		return f, sc.Scan(&f.Format, &f.Fingerprint, &f.SHA256, &f.Size, &f.BuiltAt)
	}, `SELECT format, fingerprint, sha256, size, built_at FROM edition_files WHERE edition_id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("files of edition %d: %w", id, err)
	}
	out := make(map[book.Format]*File, len(fs))
	for _, f := range fs {
		out[f.Format] = f
	}
	return out, nil
}

// ProofsFingerprint is the hash of the files of every format of e, which a
// host's approval of the proofs names; "" while a format has no file.
func ProofsFingerprint(e *Edition, files map[book.Format]*File) string {
	h := sha256.New()
	for _, f := range book.Formats {
		if !e.Has(f) {
			continue
		}
		file := files[f]
		if file == nil {
			return ""
		}
		fmt.Fprintf(h, "%s %s\n", f, file.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// fingerprint is the hash of what format f of b is made from: the book
// (with the page map for the EPUB and the web reader, without it for the
// PDF, which makes it) and the renderers' version.
func (p *Press) fingerprint(f book.Format, b *book.Book) (string, error) {
	c := *b
	if f == book.PDF || f == book.PDFA {
		c.PageMap = nil
	}
	data, err := json.Marshal(&c)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n", f, p.Renderers.Version)
	h.Write(data)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// book loads edition e's book with its absolute URL and its chapters'.
func (p *Press) book(ctx context.Context, e *Edition) (*book.Book, error) {
	b, err := load(ctx, p.DB, p.Blobs, e)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(p.BaseURL, "/")
	b.URL = base + b.URL
	for i := range b.Chapters {
		b.Chapters[i].URL = base + b.Chapters[i].URL
	}
	return b, nil
}

// Build makes the files of edition id in the formats only (every format of
// the edition when only is empty), rendering a format only when its inputs'
// fingerprint differs from its last file's, keeps each file in the blob
// store under its hash, and returns them in build order. progress, when
// not nil, is told where the build stands before each format and at the
// end. When the edition's proofs (every format's file) change, the hosts'
// approvals of the old ones no longer count: an approved or scheduled
// edition is taken back to proofs. A released edition is not rebuilt
// (a *StateError).
func (p *Press) Build(ctx context.Context, id int64, only []book.Format, by Actor, progress func(Progress)) ([]*File, error) {
	e, err := Get(ctx, p.DB, id)
	if err != nil {
		return nil, err
	}
	if e.State == Released {
		return nil, &StateError{From: Released, To: Proofs, Key: "edition.build.released"}
	}
	var formats []book.Format
	for _, f := range buildOrder {
		if p.makes(e, f) && (len(only) == 0 || slices.Contains(only, f)) {
			formats = append(formats, f)
		}
	}
	for _, f := range only {
		if !p.makes(e, f) {
			return nil, Invalid{{Field: "format", Key: "edition.invalid.build_format", Args: []any{string(f)}}}
		}
	}
	b, err := p.book(ctx, e)
	if err != nil {
		return nil, err
	}
	old, err := Files(ctx, p.DB, id)
	if err != nil {
		return nil, err
	}
	if f := old[book.PDF]; f != nil {
		// The page map of the PDF the other formats will show, unless
		// the PDF is rebuilt below.
		data, err := readBlob(ctx, p.Blobs, pageMapKey(f.SHA256))
		if err == nil {
			b.PageMap = &book.PageMap{}
			if err := json.Unmarshal(data, b.PageMap); err != nil {
				return nil, fmt.Errorf("edition %s: page map: %w", e.Slug, err)
			}
		}
	}
	if slices.Contains(formats, book.PDFA) && !slices.Contains(formats, book.PDF) {
		// The PDF/A stands on its PDF's approval: it is made only
		// from the inputs the PDF was.
		fp, err := p.fingerprint(book.PDF, b)
		if err != nil {
			return nil, err
		}
		if f := old[book.PDF]; f == nil || f.Fingerprint != fp {
			return nil, Invalid{{Field: "format", Key: "edition.invalid.pdfa_stale"}}
		}
	}
	total := len(formats) * max(len(b.Chapters), 1)
	step := max(len(b.Chapters), 1)
	tell := func(f book.Format, done int) {
		if progress != nil {
			progress(Progress{Format: f, Done: done, Total: total})
		}
	}
	var out []*File
	for i, f := range formats {
		tell(f, i*step)
		fp, err := p.fingerprint(f, b)
		if err != nil {
			return nil, err
		}
		if o := old[f]; o != nil && o.Fingerprint == fp {
			o.Reused = true
			out = append(out, o)
			continue
		}
		data, pages, err := p.render(ctx, f, b)
		if err != nil {
			return nil, fmt.Errorf("edition %s: build %s: %w", e.Slug, f, err)
		}
		sum := sha256.Sum256(data)
		file := &File{Format: f, Fingerprint: fp, SHA256: hex.EncodeToString(sum[:]), Size: int64(len(data)), BuiltAt: time.Now().UTC().Truncate(time.Microsecond)}
		if _, err := p.Blobs.Put(ctx, file.Key(), bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("edition %s: keep %s: %w", e.Slug, f, err)
		}
		if f == book.PDF {
			b.PageMap = pages
			pm, err := json.Marshal(pages)
			if err != nil {
				return nil, err
			}
			if _, err := p.Blobs.Put(ctx, pageMapKey(file.SHA256), bytes.NewReader(pm)); err != nil {
				return nil, fmt.Errorf("edition %s: keep page map: %w", e.Slug, err)
			}
		}
		out = append(out, file)
	}
	tell("", total)
	err = p.DB.Transact(ctx, func(tx *store.Tx) error { return p.recordBuild(ctx, tx, id, out, by) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// render makes format f of b.
func (p *Press) render(ctx context.Context, f book.Format, b *book.Book) ([]byte, *book.PageMap, error) {
	switch f {
	case book.PDF:
		if p.Renderers.PDF == nil {
			return nil, nil, ErrNoRenderer
		}
		data, pages, err := p.Renderers.PDF(ctx, b)
		if err == nil && pages == nil {
			pages = &book.PageMap{}
		}
		return data, pages, err
	case book.EPUB:
		if p.Renderers.EPUB == nil {
			return nil, nil, ErrNoRenderer
		}
		data, err := p.Renderers.EPUB(ctx, b)
		return data, nil, err
	case book.PDFA:
		if p.Renderers.PDFA == nil {
			return nil, nil, ErrNoRenderer
		}
		data, err := p.Renderers.PDFA(ctx, b)
		return data, nil, err
	case book.Web:
		data, err := json.Marshal(b)
		return data, nil, err
	}
	return nil, nil, fmt.Errorf("format %q: %w", f, errkind.Invalid)
}

// recordBuild stores the files of a build of edition id and moves its
// state: a first complete build makes a draft proofs; new bytes take an
// approved or scheduled edition back to proofs.
func (p *Press) recordBuild(ctx context.Context, tx *store.Tx, id int64, files []*File, by Actor) error {
	e, err := Get(ctx, tx, id)
	if err != nil {
		return err
	}
	before, err := Files(ctx, tx, id)
	if err != nil {
		return err
	}
	oldFP := ProofsFingerprint(e, before)
	after := map[book.Format]*File{}
	for k, v := range before {
		after[k] = v
	}
	built := map[string]any{}
	for _, f := range files {
		after[f.Format] = f
		if f.Reused {
			continue
		}
		built[string(f.Format)] = f.SHA256
		if _, err := tx.Exec(ctx, `DELETE FROM edition_files WHERE edition_id = ? AND format = ?`, id, f.Format); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO edition_files (edition_id, format, fingerprint, sha256, size, built_at) VALUES (?, ?, ?, ?, ?, ?)`,
			id, f.Format, f.Fingerprint, f.SHA256, f.Size, f.BuiltAt); err != nil {
			return fmt.Errorf("edition %d file %s: %w", id, f.Format, err)
		}
	}
	if len(built) > 0 {
		if err := record(ctx, tx, by, "edition.build", id, nil, built, ""); err != nil {
			return err
		}
	}
	newFP := ProofsFingerprint(e, after)
	switch {
	case newFP == "":
	case e.State == Draft:
		return setState(ctx, tx, id, Draft, Proofs, by, "proofs built")
	case newFP != oldFP && (e.State == Approved || e.State == Scheduled):
		return setState(ctx, tx, id, e.State, Proofs, by, "rebuilt with different bytes: the approvals of the proofs no longer count")
	}
	return nil
}

// Stale returns the formats of edition e whose file is missing or was made
// from other inputs than the edition's book has now.
func (p *Press) Stale(ctx context.Context, e *Edition) ([]book.Format, error) {
	b, err := p.book(ctx, e)
	if err != nil {
		return nil, err
	}
	files, err := Files(ctx, p.DB, e.ID)
	if err != nil {
		return nil, err
	}
	if f := files[book.PDF]; f != nil {
		if data, err := readBlob(ctx, p.Blobs, pageMapKey(f.SHA256)); err == nil {
			b.PageMap = &book.PageMap{}
			if err := json.Unmarshal(data, b.PageMap); err != nil {
				return nil, err
			}
		}
	}
	var stale []book.Format
	for _, f := range buildOrder {
		if !p.makes(e, f) {
			continue
		}
		fp, err := p.fingerprint(f, b)
		if err != nil {
			return nil, err
		}
		if files[f] == nil || files[f].Fingerprint != fp {
			stale = append(stale, f)
		}
	}
	return stale, nil
}

// Open returns the bytes of edition id's file of format f, or ErrNotFound
// when none is built.
func Open(ctx context.Context, q store.Querier, blobs blob.Store, id int64, f book.Format) ([]byte, *File, error) {
	files, err := Files(ctx, q, id)
	if err != nil {
		return nil, nil, err
	}
	file := files[f]
	if file == nil {
		return nil, nil, ErrNotFound
	}
	data, err := readBlob(ctx, blobs, file.Key())
	if err != nil {
		return nil, nil, fmt.Errorf("edition %d %s: %w", id, f, err)
	}
	return data, file, nil
}

// WebBook returns the book that edition id's last web build holds, as the
// public reader shows it, or ErrNotFound when none is built.
func WebBook(ctx context.Context, q store.Querier, blobs blob.Store, id int64) (*book.Book, error) {
	data, _, err := Open(ctx, q, blobs, id, book.Web)
	if err != nil {
		return nil, err
	}
	b := &book.Book{}
	if err := json.Unmarshal(data, b); err != nil {
		return nil, fmt.Errorf("edition %d web book: %w", id, err)
	}
	return b, nil
}
