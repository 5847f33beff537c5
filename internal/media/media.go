// Package media keeps uploaded images with their multilingual captions and
// credits, and the scaled renditions that pages offer through srcset.
package media

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // decodes PNG uploads
	"io"
	"strings"
	"time"

	"golang.org/x/image/draw"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/svg"
	"github.com/tandemforum/tandem/internal/textenc"
)

// Limits on what an image upload may be.
const (
	MaxImageBytes  = 40 << 20
	MaxImagePixels = 60_000_000
)

// RenditionWidths are the widths, in pixels, that pages offer for raster images.
var RenditionWidths = []int{480, 960, 1440, 1920}

// ErrNotFound is returned for a key that names no image.
var ErrNotFound = store.ErrNotFound

// ErrUnsupported is returned for a file that is not an image tandem takes.
var ErrUnsupported = errors.New("not a JPEG, PNG or SVG image")

// ErrTooLarge is returned for an image over the limits.
var ErrTooLarge = errors.New("image too large")

// Image is a stored image and what pages need to show it.
type Image struct {
	ID          int64
	ContentType string
	BlobKey     string
	Width       int
	Height      int
	Alt         lang.Text
	Caption     lang.Text
	Credit      lang.Text
	// Illustration marks a generated or drawn image; pages say so.
	Illustration bool
	Rights       string
	// PartnerID is the partner whose team uploaded the image and edits
	// its texts; 0 for none (an image from before owners, or an admin's).
	PartnerID  int64
	Renditions []Rendition
}

// Rendition is a scaled copy of an image. Load returns an image's renditions
// narrowest first.
type Rendition struct {
	Width, Height int
	ContentType   string
	BlobKey       string
}

// Vector reports whether the image scales by itself (SVG).
func (im *Image) Vector() bool { return im.ContentType == "image/svg+xml" }

// File is one stored file of an image, the original or a rendition, with the
// size in pixels that its own bytes decode to. Whatever a page or its
// metadata says about a file's size (width and height attributes, srcset
// descriptors, JSON-LD, Open Graph) comes from the File it links to.
type File struct {
	BlobKey     string
	ContentType string
	Width       int
	Height      int
}

// Original returns the uploaded file itself.
func (im *Image) Original() File {
	return File{BlobKey: im.BlobKey, ContentType: im.ContentType, Width: im.Width, Height: im.Height}
}

// Smallest returns the smallest rendition, or the original when there is
// none (an SVG, or an image narrower than every rendition width).
func (im *Image) Smallest() File {
	if len(im.Renditions) == 0 {
		return im.Original()
	}
	return im.Renditions[0].File()
}

// Largest returns the largest rendition, or the original when there is
// none: the file to offer where one file stands for the image (JSON-LD,
// Open Graph), lighter than a large original.
func (im *Image) Largest() File {
	if len(im.Renditions) == 0 {
		return im.Original()
	}
	return im.Renditions[len(im.Renditions)-1].File()
}

// File returns the rendition as a File.
func (r Rendition) File() File {
	return File{BlobKey: r.BlobKey, ContentType: r.ContentType, Width: r.Width, Height: r.Height}
}

// Meta is what an uploader says about an image.
type Meta struct {
	Alt, Caption, Credit lang.Text
	Illustration         bool
	Rights               string
}

// Store keeps images in the database and their files in a blob store.
type Store struct {
	DB    *store.DB
	Blobs blob.Store
}

// Add reads an image from r, keeps the original and records it with meta.
// It makes no renditions: Upload queues the job that makes them, and
// MakeRenditions makes them at once. q is the database or a transaction;
// the file is written before the row, so a failed transaction leaves only
// an unreferenced file behind, never a row without its file. An SVG is
// kept as svg.Clean leaves it: without scripts, event handlers and links
// out. A file that is not a JPEG, PNG or SVG image is ErrUnsupported; one
// over MaxImageBytes or MaxImagePixels is ErrTooLarge.
func (s *Store) Add(ctx context.Context, q store.Querier, r io.Reader, meta Meta) (*Image, error) {
	if err := meta.Validate(); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read image: %w", err)
	}
	if len(data) > MaxImageBytes {
		return nil, fmt.Errorf("%w: over %d MB", ErrTooLarge, MaxImageBytes>>20)
	}
	im := &Image{Alt: meta.Alt, Caption: meta.Caption, Credit: meta.Credit, Illustration: meta.Illustration, Rights: meta.Rights}
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG")), bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		cfg, format, err := decodeConfig(data)
		if err != nil {
			return nil, err
		}
		// The whole image is decoded once here, so that a file whose
		// header is fine but whose pixels are not is refused at upload
		// rather than by the renditions job.
		if _, _, err := image.Decode(bytes.NewReader(data)); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
		}
		im.ContentType = "image/" + format
		im.Width, im.Height = cfg.Width, cfg.Height
	default:
		text, err := decodeSVG(data)
		if err != nil {
			return nil, err
		}
		// Scripts, handlers and links out are left out rather than
		// refused, so that an SVG exported with them is still taken;
		// what svgSize then reads is the image as it is served.
		data, err = svg.Clean(text)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
		}
		w, h, err := svgSize(data)
		if err != nil {
			return nil, err
		}
		im.ContentType = "image/svg+xml"
		im.Width, im.Height = w, h
	}

	key := fmt.Sprintf("media/%d-%s/original%s", time.Now().UnixNano(), shortHash(data), extension(im.ContentType))
	if _, err := s.Blobs.Put(ctx, key, bytes.NewReader(data)); err != nil {
		return nil, err
	}
	im.BlobKey = key
	id, err := store.InsertID(ctx, q, `INSERT INTO media (kind, blob_key, content_type, width, height, alt, caption, credit, illustration, rights, created_at)
		VALUES ('image', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		im.BlobKey, im.ContentType, im.Width, im.Height, im.Alt, im.Caption, im.Credit, im.Illustration, im.Rights, time.Now().UTC())
	if err != nil {
		return nil, fmt.Errorf("record image: %w", err)
	}
	im.ID = id
	return im, nil
}

// decodeConfig reads a raster image's format and size, refusing one over
// MaxImagePixels before its pixels are decoded.
func decodeConfig(data []byte) (image.Config, string, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return cfg, "", fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	if cfg.Width*cfg.Height > MaxImagePixels || cfg.Width <= 0 || cfg.Height <= 0 {
		return cfg, "", fmt.Errorf("%w: %d×%d pixels", ErrTooLarge, cfg.Width, cfg.Height)
	}
	return cfg, format, nil
}

// Validate checks that no text of the metadata holds a control character;
// an error names the field.
func (m Meta) Validate() error {
	for _, f := range []struct {
		name string
		t    lang.Text
	}{{"alt", m.Alt}, {"caption", m.Caption}, {"credit", m.Credit}} {
		if err := f.t.Validate(); err != nil {
			return fmt.Errorf("image %s: %w", f.name, err)
		}
	}
	if err := lang.CheckPlain(m.Rights); err != nil {
		return fmt.Errorf("image rights: %w", err)
	}
	return nil
}

// MakeRenditions makes the renditions of the raster image id, one per
// RenditionWidths narrower than the original, as JPEG, and records them
// through q in place of any it had: running it again (a retried job) gives
// the same files under the same keys. An SVG gets none. It marks the
// public site as changed, so that cached pages offer the new files. An id
// that names no image is ErrNotFound.
func (s *Store) MakeRenditions(ctx context.Context, q store.Querier, id int64) (*Image, error) {
	ims, err := Load(ctx, q, []int64{id})
	if err != nil {
		return nil, err
	}
	im := ims[id]
	if im == nil {
		return nil, fmt.Errorf("renditions of image %d: %w", id, ErrNotFound)
	}
	if im.Vector() {
		return im, nil
	}
	obj, err := s.Blobs.Open(ctx, im.BlobKey)
	if err != nil {
		return nil, fmt.Errorf("renditions of image %d: %w", id, err)
	}
	data, err := io.ReadAll(io.LimitReader(obj, MaxImageBytes+1))
	obj.Close()
	if err != nil {
		return nil, fmt.Errorf("renditions of image %d: %w", id, err)
	}
	if _, _, err := decodeConfig(data); err != nil {
		return nil, fmt.Errorf("renditions of image %d: %w", id, err)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("renditions of image %d: %w: %v", id, ErrUnsupported, err)
	}
	var out []Rendition
	var sizes []int
	for _, w := range RenditionWidths {
		if w >= im.Width {
			break
		}
		h := (im.Height*w + im.Width/2) / im.Width
		dst := image.NewRGBA(image.Rect(0, 0, w, h))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 85}); err != nil {
			return nil, err
		}
		rkey := strings.Replace(im.BlobKey, "original", fmt.Sprintf("w%d", w), 1)
		rkey = strings.TrimSuffix(rkey, extension(im.ContentType)) + ".jpg"
		sizes = append(sizes, buf.Len())
		if _, err := s.Blobs.Put(ctx, rkey, &buf); err != nil {
			return nil, err
		}
		out = append(out, Rendition{Width: w, Height: h, ContentType: "image/jpeg", BlobKey: rkey})
	}
	if _, err := q.Exec(ctx, `DELETE FROM media_renditions WHERE media_id = ?`, id); err != nil {
		return nil, fmt.Errorf("renditions of image %d: %w", id, err)
	}
	for i, r := range out {
		if _, err := q.Exec(ctx, `INSERT INTO media_renditions (media_id, width, height, content_type, blob_key, bytes) VALUES (?, ?, ?, ?, ?, ?)`,
			id, r.Width, r.Height, r.ContentType, r.BlobKey, sizes[i]); err != nil {
			return nil, fmt.Errorf("record rendition: %w", err)
		}
	}
	if err := touchSite(ctx, q); err != nil {
		return nil, err
	}
	im.Renditions = out
	return im, nil
}

// touchSite records that what the public site shows changed, as
// forum.Touch does (forum uses this package, so it cannot be called from
// here).
func touchSite(ctx context.Context, q store.Querier) error {
	if _, err := q.Exec(ctx, `UPDATE site_state SET version = version + 1 WHERE id = 1`); err != nil {
		return fmt.Errorf("mark the site changed: %w", err)
	}
	return nil
}

// UpdateMeta replaces what is said about image id (alt text, caption,
// credit, illustration, rights) and marks the public site as changed. An
// id that names no image is ErrNotFound.
func UpdateMeta(ctx context.Context, q store.Querier, id int64, meta Meta) error {
	if err := meta.Validate(); err != nil {
		return err
	}
	res, err := q.Exec(ctx, `UPDATE media SET alt = ?, caption = ?, credit = ?, illustration = ?, rights = ? WHERE id = ?`,
		meta.Alt, meta.Caption, meta.Credit, meta.Illustration, meta.Rights, id)
	if err != nil {
		return fmt.Errorf("update image %d: %w", id, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("update image %d: %w", id, err)
	} else if n == 0 {
		return fmt.Errorf("update image %d: %w", id, ErrNotFound)
	}
	return touchSite(ctx, q)
}

// SetPartner gives image id to the partner partnerID (0: to none), whose
// team then edits its texts. An id that names no image is ErrNotFound.
func SetPartner(ctx context.Context, q store.Querier, id, partnerID int64) error {
	var owner any
	if partnerID != 0 {
		owner = partnerID
	}
	res, err := q.Exec(ctx, `UPDATE media SET partner_id = ? WHERE id = ?`, owner, id)
	if err != nil {
		return fmt.Errorf("give image %d to partner %d: %w", id, partnerID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("give image %d to partner %d: %w", id, partnerID, err)
	} else if n == 0 {
		return fmt.Errorf("give image %d to partner %d: %w", id, partnerID, ErrNotFound)
	}
	return nil
}

// List returns a page of the library's images, newest first, with their
// renditions, and how many images there are in all; three queries.
func List(ctx context.Context, q store.Querier, limit, offset int) ([]*Image, int, error) {
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM media WHERE kind = 'image'`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count images: %w", err)
	}
	ids, err := store.All(ctx, q, func(sc store.Scanner) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	}, `SELECT id FROM media WHERE kind = 'image' ORDER BY id DESC LIMIT ? OFFSET ?`, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("list images: %w", err)
	}
	byID, err := Load(ctx, q, ids)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*Image, 0, len(ids))
	for _, id := range ids {
		if im := byID[id]; im != nil {
			out = append(out, im)
		}
	}
	return out, total, nil
}

// Load returns the images with the given ids, with their renditions, in two
// queries whatever their number. Missing ids are left out of the map.
func Load(ctx context.Context, q store.Querier, ids []int64) (map[int64]*Image, error) {
	out := map[int64]*Image{}
	ids = uniqueNonZero(ids)
	if len(ids) == 0 {
		return out, nil
	}
	in, args := store.In(ids)
	rows, err := q.Query(ctx, `SELECT id, content_type, blob_key, width, height, alt, caption, credit, illustration, rights, COALESCE(partner_id, 0)
		FROM media WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("load images: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		im := &Image{}
		if err := rows.Scan(&im.ID, &im.ContentType, &im.BlobKey, &im.Width, &im.Height, &im.Alt, &im.Caption, &im.Credit, &im.Illustration, &im.Rights, &im.PartnerID); err != nil {
			return nil, err
		}
		out[im.ID] = im
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rrows, err := q.Query(ctx, `SELECT media_id, width, height, content_type, blob_key FROM media_renditions WHERE media_id IN (`+in+`) ORDER BY media_id, width`, args...)
	if err != nil {
		return nil, fmt.Errorf("load renditions: %w", err)
	}
	defer rrows.Close()
	for rrows.Next() {
		var id int64
		var r Rendition
		if err := rrows.Scan(&id, &r.Width, &r.Height, &r.ContentType, &r.BlobKey); err != nil {
			return nil, err
		}
		if im := out[id]; im != nil {
			im.Renditions = append(im.Renditions, r)
		}
	}
	return out, rrows.Err()
}

// ByKey returns the content type of the original or rendition stored under
// key, or store.ErrNotFound when no image has that key.
func ByKey(ctx context.Context, q store.Querier, key string) (contentType string, err error) {
	err = q.QueryRow(ctx, `SELECT content_type FROM media WHERE blob_key = ?
		UNION ALL SELECT content_type FROM media_renditions WHERE blob_key = ?`, key, key).Scan(&contentType)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return contentType, err
}

func uniqueNonZero(ids []int64) []int64 {
	seen := map[int64]bool{}
	var out []int64
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

func extension(contentType string) string {
	switch contentType {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/svg+xml":
		return ".svg"
	}
	return ""
}

func shortHash(b []byte) string {
	var h uint32 = 2166136261
	for _, c := range b {
		h ^= uint32(c)
		h *= 16777619
	}
	return fmt.Sprintf("%08x", h)
}

// decodeSVG returns an upload that should be an SVG image as UTF-8 XML,
// from whatever encoding an editor saved it in (textenc.DecodeXML: UTF-16
// with or without a byte-order mark, or what its declaration names), so
// that what is stored and served is one encoding. Anything that is not
// XML is ErrUnsupported, saying what it is when that is known; svgSize
// refuses XML that is not SVG.
func decodeSVG(data []byte) ([]byte, error) {
	t, err := textenc.DecodeXML(data)
	if err != nil {
		var e *textenc.Error
		if errors.As(err, &e) && e.Found != "" {
			return nil, fmt.Errorf("%w: this is %s", ErrUnsupported, e.Found)
		}
		return nil, fmt.Errorf("%w: %v", ErrUnsupported, err)
	}
	return t.Bytes, nil
}

// svgSize reads the width and height of an SVG image from its root element
// (or its viewBox), refusing documents with a DTD or with scripts, which a
// page must never serve from its own origin.
func svgSize(data []byte) (w, h int, err error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	root := true
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, 0, fmt.Errorf("%w: malformed SVG: %v", ErrUnsupported, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return 0, 0, fmt.Errorf("%w: SVG with a DTD", ErrUnsupported)
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if name == "script" || name == "foreignobject" {
				return 0, 0, fmt.Errorf("%w: SVG with %s", ErrUnsupported, t.Name.Local)
			}
			for _, a := range t.Attr {
				if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
					return 0, 0, fmt.Errorf("%w: SVG with an event handler", ErrUnsupported)
				}
			}
			if root {
				root = false
				if name != "svg" {
					return 0, 0, ErrUnsupported
				}
				var vb string
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "width":
						fmt.Sscanf(a.Value, "%d", &w)
					case "height":
						fmt.Sscanf(a.Value, "%d", &h)
					case "viewBox":
						vb = a.Value
					}
				}
				if (w == 0 || h == 0) && vb != "" {
					var x, y float64
					var fw, fh float64
					fmt.Sscanf(strings.ReplaceAll(vb, ",", " "), "%g %g %g %g", &x, &y, &fw, &fh)
					w, h = int(fw), int(fh)
				}
			}
		}
	}
	if w <= 0 || h <= 0 {
		return 0, 0, fmt.Errorf("%w: SVG without a size", ErrUnsupported)
	}
	return w, h, nil
}
