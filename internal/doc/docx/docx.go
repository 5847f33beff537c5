// Package docx reads Word documents (Office Open XML, .docx) into tandem's
// document model. It reads the package itself with archive/zip and
// encoding/xml, bounding everything a hostile file could use to exhaust
// memory or time: the number of entries, the uncompressed size of the whole
// and of each part and image, and the nesting depth of the XML.
package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// Limits bound what Read accepts. The zero value of a field means its
// default.
type Limits struct {
	// MaxTotal bounds the uncompressed size of all entries together.
	MaxTotal int64
	// MaxEntries bounds the number of entries in the archive.
	MaxEntries int
	// MaxPart bounds the uncompressed size of one XML part.
	MaxPart int64
	// MaxImage bounds the size of one embedded image.
	MaxImage int64
	// MaxDepth bounds the nesting depth of XML elements.
	MaxDepth int
}

// DefaultLimits are generous for any manuscript: a 300-page book with
// images is well under them.
var DefaultLimits = Limits{
	MaxTotal:   512 << 20,
	MaxEntries: 5000,
	MaxPart:    128 << 20,
	MaxImage:   64 << 20,
	MaxDepth:   200,
}

func (l Limits) withDefaults() Limits {
	if l.MaxTotal <= 0 {
		l.MaxTotal = DefaultLimits.MaxTotal
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = DefaultLimits.MaxEntries
	}
	if l.MaxPart <= 0 {
		l.MaxPart = DefaultLimits.MaxPart
	}
	if l.MaxImage <= 0 {
		l.MaxImage = DefaultLimits.MaxImage
	}
	if l.MaxDepth <= 0 {
		l.MaxDepth = DefaultLimits.MaxDepth
	}
	return l
}

// Errors a caller may want to tell apart. Every error Read returns says
// what is wrong in words; these are wrapped inside.
var (
	ErrNotDOCX   = errors.New("not a DOCX file")
	ErrTooLarge  = errors.New("too large")
	ErrUnsafe    = errors.New("unsafe content")
	ErrMalformed = errors.New("malformed")
	// ErrUnsupported is content tandem cannot read, such as an embedded
	// RTF document.
	ErrUnsupported = errors.New("unsupported content")
)

// ReadFile reads the DOCX file at name. Errors begin with the file name.
func ReadFile(name string, lim Limits) (*doc.Document, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	d, err := Read(f, st.Size(), lim)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return d, nil
}

// Read reads a DOCX package of the given size.
func Read(r io.ReaderAt, size int64, lim Limits) (*doc.Document, error) {
	return read(r, size, lim, 0)
}

// read reads a package that is embedded nesting deep in others.
func read(r io.ReaderAt, size int64, lim Limits, nesting int) (*doc.Document, error) {
	lim = lim.withDefaults()
	var magic [8]byte
	n, _ := r.ReadAt(magic[:], 0)
	if n >= 8 && bytes.Equal(magic[:], []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}) {
		return nil, fmt.Errorf("%w: this is an old Word 97–2003 (.doc) or an encrypted file; save it as .docx", ErrNotDOCX)
	}
	if n < 4 || string(magic[:2]) != "PK" {
		return nil, fmt.Errorf("%w: not a ZIP archive", ErrNotDOCX)
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, fmt.Errorf("%w: broken ZIP archive: %v", ErrNotDOCX, err)
	}
	pkg, err := openPackage(zr, lim)
	if err != nil {
		return nil, err
	}
	pkg.nesting = nesting
	return pkg.read()
}

// pkg is an opened DOCX package.
type pkg struct {
	lim   Limits
	files map[string]*zip.File
	read_ int64 // uncompressed bytes read so far
	// types are the content types of [Content_Types].xml, by part name and
	// by "*.ext", read when first needed.
	types map[string]string
	// nesting is how deep this package is embedded in others (0 for the
	// file itself).
	nesting int
}

func openPackage(zr *zip.Reader, lim Limits) (*pkg, error) {
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("%w: %d entries in the archive (at most %d)", ErrTooLarge, len(zr.File), lim.MaxEntries)
	}
	p := &pkg{lim: lim, files: make(map[string]*zip.File, len(zr.File))}
	var total uint64
	for _, f := range zr.File {
		name := f.Name
		if err := checkName(name); err != nil {
			return nil, err
		}
		key := strings.ToLower(name)
		if _, dup := p.files[key]; dup {
			return nil, fmt.Errorf("%w: entry %q occurs twice in the archive", ErrMalformed, name)
		}
		p.files[key] = f
		total += f.UncompressedSize64
		if total > uint64(lim.MaxTotal) {
			return nil, fmt.Errorf("%w: the archive unpacks to more than %d MiB (a zip bomb?)", ErrTooLarge, lim.MaxTotal>>20)
		}
	}
	return p, nil
}

// checkName refuses entry names that would escape a folder if unpacked.
func checkName(name string) error {
	bad := name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") ||
		strings.ContainsRune(name, 0) || (len(name) > 1 && name[1] == ':')
	for _, seg := range strings.Split(name, "/") {
		if seg == ".." {
			bad = true
		}
	}
	if bad {
		return fmt.Errorf("%w: entry name %q points outside the archive", ErrUnsafe, name)
	}
	return nil
}

func (p *pkg) has(name string) bool {
	_, ok := p.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	return ok
}

// open opens a part for reading, bounded by max and by what is left of the
// total.
func (p *pkg) open(name string, max int64) (io.ReadCloser, error) {
	f, ok := p.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
	if !ok {
		return nil, fmt.Errorf("%w: part %s is missing", ErrMalformed, name)
	}
	if f.UncompressedSize64 > uint64(max) {
		return nil, fmt.Errorf("%w: part %s unpacks to %d MiB (at most %d MiB)", ErrTooLarge, name, f.UncompressedSize64>>20, max>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: part %s: %v", ErrMalformed, name, err)
	}
	return &boundedReader{rc: rc, p: p, name: name, left: max}, nil
}

// boundedReader stops a part that unpacks to more than it declared or than
// the limits allow.
type boundedReader struct {
	rc   io.ReadCloser
	p    *pkg
	name string
	left int64
}

func (b *boundedReader) Read(buf []byte) (int, error) {
	n, err := b.rc.Read(buf)
	b.left -= int64(n)
	b.p.read_ += int64(n)
	if b.left < 0 {
		return n, fmt.Errorf("%w: part %s unpacks to more than allowed (a zip bomb?)", ErrTooLarge, b.name)
	}
	if b.p.read_ > b.p.lim.MaxTotal {
		return n, fmt.Errorf("%w: the archive unpacks to more than %d MiB (a zip bomb?)", ErrTooLarge, b.p.lim.MaxTotal>>20)
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("%w: part %s: %v", ErrMalformed, b.name, err)
	}
	return n, err
}

func (b *boundedReader) Close() error { return b.rc.Close() }

// readAll reads a whole part (an image).
func (p *pkg) readAll(name string, max int64) ([]byte, error) {
	rc, err := p.open(name, max)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// media reads an image part and returns its media entry, named by
// content; bytes that are not an image are refused with an error wrapping
// doc.ErrNotImage (doc.ImageMedia decides the type from the bytes and
// cleans SVG).
func (p *pkg) media(name string) (doc.Media, error) {
	data, err := p.readAll(name, p.lim.MaxImage)
	if err != nil {
		return doc.Media{}, err
	}
	return doc.ImageMedia(data, mediaTypes[strings.ToLower(path.Ext(name))], len(data))
}

var mediaTypes = map[string]string{
	".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
	".bmp": "image/bmp", ".tif": "image/tiff", ".tiff": "image/tiff", ".svg": "image/svg+xml",
	".webp": "image/webp", ".emf": "image/emf", ".wmf": "image/wmf",
}
