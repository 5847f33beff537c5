package doc

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// MaxEmbedded bounds, in bytes, the images a document carries as data:
// URIs: the writers' callers embed up to this much in all, and the readers
// take a data: image up to this size, so that what tandem writes it can
// read back.
const MaxEmbedded = 8 << 20

// mediaExt gives the file extension of each image type a reader keeps.
var mediaExt = map[string]string{
	"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif", "image/svg+xml": ".svg",
	"image/webp": ".webp", "image/bmp": ".bmp", "image/tiff": ".tif", "image/emf": ".emf",
	"image/wmf": ".wmf", "image/x-emf": ".emf", "image/x-wmf": ".wmf", "image/avif": ".avif",
}

// NewMedia makes the media entry of an image's bytes of media type typ
// ("image/png"), named by its content as every reader names images
// ("3f2a…c1.png"), so that the same image has the same name wherever it
// comes from.
func NewMedia(data []byte, typ string) Media {
	ext := mediaExt[typ]
	if ext == "" {
		ext = ".bin"
	}
	sum := sha256.Sum256(data)
	return Media{Name: hex.EncodeToString(sum[:8]) + ext, Type: typ, Size: len(data), Data: data}
}

// ErrNotImage is wrapped by ImageMedia for bytes that are not an image.
var ErrNotImage = errors.New("not an image")

// ImageMedia checks that data, declared as of media type declared (from a
// data: URI or a file's extension; "" when unknown), is an image of at
// most max bytes, and makes its media entry. The bytes decide the type
// when they show one (a PNG declared as JPEG is a PNG); bytes that read
// as a page or a program are refused whatever they declare.
func ImageMedia(data []byte, declared string, max int) (Media, error) {
	if len(data) > max {
		return Media{}, fmt.Errorf("%d bytes, more than %d MiB", len(data), max>>20)
	}
	if len(data) == 0 {
		return Media{}, fmt.Errorf("%w: no bytes", ErrNotImage)
	}
	typ := strings.ToLower(declared)
	sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(data))
	switch {
	case strings.HasPrefix(sniffed, "image/"):
		typ = sniffed
	case !strings.HasPrefix(typ, "image/"):
		return Media{}, fmt.Errorf("%w: %s", ErrNotImage, sniffed)
	case sniffed != "text/plain" && sniffed != "text/xml" && sniffed != "application/octet-stream":
		// SVG reads as text or XML, EMF and WMF as bytes; anything else
		// the bytes name (a page, a PDF, an archive) is not the image
		// the type says.
		return Media{}, fmt.Errorf("%w: %s declared as %s", ErrNotImage, sniffed, typ)
	}
	return NewMedia(data, typ), nil
}

// DataMedia reads a data: URI holding an image ("data:image/png;base64,…")
// into a media entry, refusing what is not an image and images of more
// than MaxEmbedded bytes.
func DataMedia(uri string) (Media, error) {
	rest, ok := strings.CutPrefix(strings.TrimSpace(uri), "data:")
	if !ok {
		rest, ok = strings.CutPrefix(strings.TrimSpace(uri), "DATA:")
	}
	head, payload, found := strings.Cut(rest, ",")
	if !ok || !found {
		return Media{}, fmt.Errorf("not a data: URI")
	}
	typ, b64 := head, false
	if t, ok := strings.CutSuffix(strings.ToLower(head), ";base64"); ok {
		typ, b64 = t, true
	}
	if mt, _, err := mime.ParseMediaType(typ); err == nil {
		typ = mt
	} else {
		typ = ""
	}
	// A data: URI of MaxEmbedded bytes is a third larger in base64.
	if len(payload) > MaxEmbedded/3*4+4096 {
		return Media{}, fmt.Errorf("more than %d MiB", MaxEmbedded>>20)
	}
	var data []byte
	if b64 {
		clean := strings.Map(func(r rune) rune {
			if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
				return -1
			}
			return r
		}, payload)
		var err error
		if data, err = base64.StdEncoding.DecodeString(clean); err != nil {
			if data, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(clean, "=")); err != nil {
				return Media{}, fmt.Errorf("bad base64: %v", err)
			}
		}
	} else {
		s, err := url.PathUnescape(payload)
		if err != nil {
			return Media{}, fmt.Errorf("bad data: URI: %v", err)
		}
		data = []byte(s)
	}
	return ImageMedia(data, typ, MaxEmbedded)
}
