package htmldoc

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/textproto"
	"path"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// ErrNotArchive is wrapped by ParseMHT for input that is not a web archive
// holding an HTML page.
var ErrNotArchive = errors.New("not a web archive (MHT) with an HTML page")

// maxParts bounds the parts of a web archive.
const maxParts = 2000

// mhtPart is one decoded part of a web archive.
type mhtPart struct {
	contentType string
	location    string
	id          string
	body        []byte
}

// ParseMHT reads a web archive (MHT: a MIME message, multipart/related,
// as Word and browsers save a page "as a single file") into a document
// without identifiers: its HTML page, with the images the archive holds.
func ParseMHT(src []byte, opt Options) (*doc.Document, error) {
	if opt.MaxSize <= 0 {
		opt.MaxSize = 16 << 20
	}
	if len(src) > 4*opt.MaxSize {
		return nil, fmt.Errorf("%w: %d bytes of web archive (at most %d)", ErrTooLarge, len(src), 4*opt.MaxSize)
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(bytes.TrimLeft(src, "\r\n\t \uFEFF"))))
	header, err := tp.ReadMIMEHeader()
	if err != nil && len(header) == 0 {
		return nil, fmt.Errorf("%w: no MIME header: %v", ErrNotArchive, err)
	}
	mediaType, params, err := mime.ParseMediaType(header.Get("Content-Type"))
	if err != nil {
		return nil, fmt.Errorf("%w: Content-Type %q: %v", ErrNotArchive, header.Get("Content-Type"), err)
	}
	var parts []mhtPart
	if strings.HasPrefix(mediaType, "multipart/") {
		if params["boundary"] == "" {
			return nil, fmt.Errorf("%w: multipart without a boundary", ErrNotArchive)
		}
		mr := multipart.NewReader(tp.R, params["boundary"])
		total := 0
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, fmt.Errorf("%w: %v", ErrNotArchive, err)
			}
			if len(parts) >= maxParts {
				return nil, fmt.Errorf("%w: more than %d parts in the web archive", ErrTooLarge, maxParts)
			}
			part, err := decodePart(p.Header, p, opt.MaxSize-total)
			if err != nil {
				return nil, err
			}
			total += len(part.body)
			parts = append(parts, part)
		}
	} else {
		part, err := decodePart(header, tp.R, opt.MaxSize)
		if err != nil {
			return nil, err
		}
		parts = append(parts, part)
	}
	root := -1
	if start := strings.Trim(params["start"], "<>"); start != "" {
		for i, p := range parts {
			if p.id == start {
				root = i
			}
		}
	}
	for i, p := range parts {
		if root < 0 && strings.HasPrefix(p.contentType, "text/html") {
			root = i
		}
	}
	if root < 0 {
		return nil, fmt.Errorf("%w: none of its %d parts is text/html", ErrNotArchive, len(parts))
	}
	page := parts[root]
	opt.ContentType = page.contentType
	opt.Image = func(src string) (doc.Media, error) {
		for _, p := range parts {
			if !strings.HasPrefix(p.contentType, "image/") || src == "" {
				continue
			}
			cid, isCID := strings.CutPrefix(src, "cid:")
			if (isCID && p.id == cid) || p.location == src || (p.location != "" && path.Base(p.location) == path.Base(src)) {
				return media(p)
			}
		}
		return doc.Media{}, ErrNoPart
	}
	return Parse(page.body, opt)
}

// decodePart reads one part's body, undoing its transfer encoding, up to
// max bytes.
func decodePart(h textproto.MIMEHeader, r io.Reader, max int) (mhtPart, error) {
	p := mhtPart{
		contentType: strings.ToLower(strings.TrimSpace(h.Get("Content-Type"))),
		location:    strings.TrimSpace(h.Get("Content-Location")),
		id:          strings.Trim(strings.TrimSpace(h.Get("Content-Id")), "<>"),
	}
	if p.contentType == "" {
		p.contentType = "text/plain"
	}
	switch strings.ToLower(strings.TrimSpace(h.Get("Content-Transfer-Encoding"))) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, &lineSkipper{r: r})
	}
	if max < 0 {
		max = 0
	}
	body, err := io.ReadAll(io.LimitReader(r, int64(max)+1))
	if err != nil {
		return p, fmt.Errorf("%w: part %q: %v", ErrNotArchive, p.location, err)
	}
	if len(body) > max {
		return p, fmt.Errorf("%w: the web archive unpacks to more than %d bytes", ErrTooLarge, max)
	}
	p.body = body
	return p, nil
}

// lineSkipper drops the line breaks base64 bodies are wrapped with.
type lineSkipper struct{ r io.Reader }

func (l *lineSkipper) Read(b []byte) (int, error) {
	n, err := l.r.Read(b)
	k := 0
	for _, c := range b[:n] {
		if c != '\r' && c != '\n' && c != ' ' && c != '\t' {
			b[k] = c
			k++
		}
	}
	return k, err
}

// media makes a media entry of an image part, named by its content like
// the other readers' images, or refuses a part whose bytes are not an
// image (doc.ImageMedia, which also cleans SVG).
func media(p mhtPart) (doc.Media, error) {
	typ, _, _ := mime.ParseMediaType(p.contentType)
	return doc.ImageMedia(p.body, typ, maxImageFile)
}
