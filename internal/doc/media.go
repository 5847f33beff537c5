package doc

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/tandemforum/tandem/internal/svg"
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
	"image/x-icon": ".ico", "image/vnd.ms-photo": ".wdp",
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
// data: URI, a package's part name or a file's extension; "" when
// unknown), is an image of at most max bytes, and makes its media entry.
// The bytes decide the type (a PNG declared as JPEG is a PNG, an SVG
// named red.png is an SVG); bytes that are no image tandem knows are
// refused with an error wrapping ErrNotImage whatever they declare. SVG
// images are kept as svg.Clean makes them.
func ImageMedia(data []byte, declared string, max int) (Media, error) {
	if len(data) > max {
		return Media{}, fmt.Errorf("%d bytes, more than %d MiB", len(data), max>>20)
	}
	if len(data) == 0 {
		return Media{}, fmt.Errorf("%w: no bytes", ErrNotImage)
	}
	typ := sniffImage(data)
	if typ == "" {
		sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(data))
		if sniffed != "text/plain" && sniffed != "text/xml" {
			return Media{}, notImage(sniffed, declared)
		}
		clean, err := svg.Clean(data)
		if err != nil {
			if strings.Contains(strings.ToLower(declared), "svg") || looksSVG(data) {
				return Media{}, fmt.Errorf("%w: %w", ErrNotImage, err)
			}
			return Media{}, notImage(sniffed, declared)
		}
		data, typ = clean, "image/svg+xml"
	}
	return NewMedia(data, typ), nil
}

// notImage is the error of bytes of media type sniffed that are not an
// image.
func notImage(sniffed, declared string) error {
	if strings.HasPrefix(declared, "image/") {
		return fmt.Errorf("%w: %s, not the %s its name says", ErrNotImage, sniffed, declared)
	}
	return fmt.Errorf("%w: %s", ErrNotImage, sniffed)
}

// looksSVG reports whether bytes seem meant as an SVG image, so that the
// reason svg.Clean refuses them is the one to give.
func looksSVG(data []byte) bool {
	return bytes.Contains(bytes.ToLower(data[:min(len(data), 4096)]), []byte("<svg"))
}

// sniffImage returns the media type of the raster or metafile image the
// bytes begin as, or "": the types http.DetectContentType knows and those
// of office documents it does not (TIFF, EMF, WMF, AVIF, JPEG XR).
func sniffImage(data []byte) string {
	switch {
	case len(data) >= 44 && bytes.Equal(data[:4], []byte{1, 0, 0, 0}) && string(data[40:44]) == " EMF":
		return "image/emf"
	case bytes.HasPrefix(data, []byte{0xd7, 0xcd, 0xc6, 0x9a}),
		len(data) >= 18 && (data[0] == 1 || data[0] == 2) && data[1] == 0 && data[2] == 9 && data[3] == 0:
		return "image/wmf"
	case bytes.HasPrefix(data, []byte("II*\x00")), bytes.HasPrefix(data, []byte("MM\x00*")):
		return "image/tiff"
	case bytes.HasPrefix(data, []byte("II\xbc")):
		return "image/vnd.ms-photo"
	case len(data) >= 12 && string(data[4:8]) == "ftyp" && (string(data[8:12]) == "avif" || string(data[8:12]) == "avis"):
		return "image/avif"
	}
	sniffed, _, _ := mime.ParseMediaType(http.DetectContentType(data))
	if strings.HasPrefix(sniffed, "image/") {
		return sniffed
	}
	return ""
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
