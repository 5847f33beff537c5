package media_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

// TestAddSVGEncodings uploads one SVG image saved in the encodings editors
// use: each is taken with its size and stored as UTF-8; what is not an SVG
// image is refused saying what it is.
func TestAddSVGEncodings(t *testing.T) {
	db := storetest.SQLite(t)
	blobs, _ := blob.NewDir(t.TempDir())
	s := &media.Store{DB: db, Blobs: blobs}
	const svg = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><title>Договор · 条约</title><rect width="120" height="40"/></svg>`
	u16 := func(order unicode.Endianness, bom string) []byte {
		b, err := unicode.UTF16(order, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(strings.Replace(svg, "UTF-8", "UTF-16", 1)))
		if err != nil {
			t.Fatal(err)
		}
		return append([]byte(bom), b...)
	}
	latin1, err := charmap.ISO8859_1.NewEncoder().Bytes([]byte(`<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><title>Traité</title></svg>`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		data  []byte
		title string
	}{
		{"UTF-8", []byte(svg), "Договор · 条约"},
		{"UTF-8 with mark", []byte("\ufeff" + svg), "Договор · 条约"},
		{"UTF-16LE with mark", u16(unicode.LittleEndian, "\xff\xfe"), "Договор · 条约"},
		{"UTF-16BE with mark", u16(unicode.BigEndian, "\xfe\xff"), "Договор · 条约"},
		{"UTF-16LE without mark", u16(unicode.LittleEndian, ""), "Договор · 条约"},
		{"ISO-8859-1 declared", latin1, "Traité"},
	} {
		im, err := s.Add(context.Background(), db, bytes.NewReader(c.data), media.Meta{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if im.ContentType != "image/svg+xml" || im.Width != 120 || im.Height != 40 {
			t.Errorf("%s: %s %d×%d", c.name, im.ContentType, im.Width, im.Height)
		}
		obj, err := blobs.Open(context.Background(), im.BlobKey)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := io.ReadAll(obj)
		obj.Close()
		declared := regexp.MustCompile(`encoding="([^"]*)"`).FindStringSubmatch(string(stored))
		if !strings.Contains(string(stored), "<title>"+c.title+"</title>") || bytes.HasPrefix(stored, []byte("\ufeff")) || declared != nil && !strings.EqualFold(declared[1], "utf-8") {
			t.Errorf("%s: stored %q", c.name, stored)
		}
	}
	for _, c := range []struct{ name, data, want string }{
		{"junk before the root", "saved by tool X\n<svg width=\"1\" height=\"1\"/>", `"saved by tool X" before the root element <svg>`},
		{"a GIF", "GIF89a\x01\x00\x01\x00", "this is a GIF image"},
		{"a PDF", "%PDF-1.4\n", "this is a PDF document"},
		{"an HTML page", "<!DOCTYPE html><html><body><svg/></body></html>", "this is an HTML page"},
	} {
		_, err := s.Add(context.Background(), db, strings.NewReader(c.data), media.Meta{})
		if !errors.Is(err, media.ErrUnsupported) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want ErrUnsupported saying %q", c.name, err, c.want)
		}
	}
}
