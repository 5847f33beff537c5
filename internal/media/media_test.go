package media_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/blob"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/media"
	"github.com/tandemforum/tandem/internal/store"
	"github.com/tandemforum/tandem/internal/store/storetest"
)

func pngOf(w, h int) []byte {
	im := image.NewRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		im.Set(x, x%h, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	png.Encode(&buf, im)
	return buf.Bytes()
}

func TestRenditionsMadeAfterAdd(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, _ := blob.NewDir(t.TempDir())
		s := &media.Store{DB: db, Blobs: blobs}
		caption := lang.New("ru", map[string]string{"ru": "Подпись", "zh": "图片说明"})
		added, err := s.Add(ctx, db, bytes.NewReader(pngOf(1000, 500)), media.Meta{Caption: caption, Illustration: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(added.Renditions) != 0 {
			t.Fatalf("Add made %d renditions in the request's path", len(added.Renditions))
		}
		im, err := s.MakeRenditions(ctx, db, added.ID)
		if err != nil {
			t.Fatal(err)
		}
		// Made again (a retried job), they are the same files.
		if im, err = s.MakeRenditions(ctx, db, added.ID); err != nil {
			t.Fatal(err)
		}
		if im.Width != 1000 || im.Height != 500 || im.ContentType != "image/png" {
			t.Errorf("image %dx%d %s", im.Width, im.Height, im.ContentType)
		}
		// 480 and 960 are narrower than the original; 1440 and 1920 are not.
		if len(im.Renditions) != 2 || im.Renditions[0].Width != 480 || im.Renditions[0].Height != 240 {
			t.Fatalf("renditions %+v", im.Renditions)
		}
		loaded, err := media.Load(ctx, db, []int64{im.ID, im.ID, 0, 999})
		if err != nil {
			t.Fatal(err)
		}
		got := loaded[im.ID]
		if len(loaded) != 1 || got == nil || len(got.Renditions) != 2 || !got.Illustration || got.Caption.Values["zh"] != "图片说明" {
			t.Fatalf("Load = %+v", loaded)
		}
		for _, key := range []string{got.BlobKey, got.Renditions[1].BlobKey} {
			obj, err := blobs.Open(ctx, key)
			if err != nil {
				t.Fatalf("file %s: %v", key, err)
			}
			obj.Close()
			ct, err := media.ByKey(ctx, db, key)
			if err != nil || ct == "" {
				t.Errorf("ByKey(%s) = %q, %v", key, ct, err)
			}
		}
		if _, err := media.ByKey(ctx, db, "media/none.png"); !errors.Is(err, media.ErrNotFound) {
			t.Errorf("ByKey of an unknown key: %v", err)
		}
	})
}

func TestAddRefusesBadImages(t *testing.T) {
	db := storetest.SQLite(t)
	blobs, _ := blob.NewDir(t.TempDir())
	s := &media.Store{DB: db, Blobs: blobs}
	huge := pngOf(1, 1)
	for _, c := range []struct {
		name string
		data []byte
		want error
	}{
		{"text", []byte("hello, not an image"), media.ErrUnsupported},
		{"truncated PNG", pngOf(100, 100)[:60], media.ErrUnsupported},
		{"SVG with a DTD", []byte(`<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg width="1" height="1">&x;</svg>`), media.ErrUnsupported},
		{"SVG without a size", []byte(`<svg xmlns="http://www.w3.org/2000/svg"></svg>`), media.ErrUnsupported},
		{"over the byte limit", append(huge, make([]byte, media.MaxImageBytes)...), media.ErrTooLarge},
		{"over the pixel limit", pngHeader(100000, 100000), media.ErrTooLarge},
	} {
		_, err := s.Add(context.Background(), db, bytes.NewReader(c.data), media.Meta{})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	var n int
	db.QueryRow(context.Background(), `SELECT COUNT(*) FROM media`).Scan(&n)
	if n != 0 {
		t.Errorf("%d images recorded from bad input", n)
	}
}

// pngHeader returns the start of a PNG file that claims the given size.
func pngHeader(w, h int) []byte {
	b := pngOf(1, 1)
	// IHDR's width and height sit at bytes 16–23, its CRC at 29–32.
	binary.BigEndian.PutUint32(b[16:], uint32(w))
	binary.BigEndian.PutUint32(b[20:], uint32(h))
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b[:strings.Index(string(b), "IDAT")]
}

// TestFilesClaimTheSizeTheirBytesDecodeTo checks that the size each File of an
// image reports is the size of the bytes stored under its key, for odd
// aspect ratios where rounding could make them differ.
func TestFilesClaimTheSizeTheirBytesDecodeTo(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	blobs, _ := blob.NewDir(t.TempDir())
	s := &media.Store{DB: db, Blobs: blobs}
	for _, size := range [][2]int{{1600, 900}, {1000, 333}, {481, 1000}, {1441, 1001}, {300, 200}} {
		added, err := s.Add(ctx, db, bytes.NewReader(pngOf(size[0], size[1])), media.Meta{})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.MakeRenditions(ctx, db, added.ID); err != nil {
			t.Fatal(err)
		}
		loaded, err := media.Load(ctx, db, []int64{added.ID})
		if err != nil {
			t.Fatal(err)
		}
		im := loaded[added.ID]
		files := []media.File{im.Original(), im.Smallest(), im.Largest()}
		for _, r := range im.Renditions {
			files = append(files, r.File())
		}
		for _, f := range files {
			obj, err := blobs.Open(ctx, f.BlobKey)
			if err != nil {
				t.Fatal(err)
			}
			cfg, _, err := image.DecodeConfig(obj)
			obj.Close()
			if err != nil {
				t.Fatalf("%s: %v", f.BlobKey, err)
			}
			if cfg.Width != f.Width || cfg.Height != f.Height {
				t.Errorf("%d×%d image: %s claims %d×%d, its bytes are %d×%d", size[0], size[1], f.BlobKey, f.Width, f.Height, cfg.Width, cfg.Height)
			}
		}
		if lg := im.Largest(); len(im.Renditions) > 0 && lg.Width != im.Renditions[len(im.Renditions)-1].Width {
			t.Errorf("Largest is %d wide, not the widest rendition", lg.Width)
		}
		if len(im.Renditions) == 0 && (im.Largest() != im.Original() || im.Smallest() != im.Original()) {
			t.Errorf("%d×%d image without renditions: Largest or Smallest is not the original", size[0], size[1])
		}
	}
}

func TestAddRefusesControlCharactersInMetadata(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	blobs, _ := blob.NewDir(t.TempDir())
	s := &media.Store{DB: db, Blobs: blobs}
	bad := lang.New("en", map[string]string{"en": "caption\x1b[0m"})
	for name, meta := range map[string]media.Meta{
		"alt":     {Alt: bad},
		"caption": {Caption: bad},
		"credit":  {Credit: bad},
		"rights":  {Rights: "CC\x00BY"},
	} {
		_, err := s.Add(ctx, db, bytes.NewReader(pngOf(10, 10)), meta)
		if err == nil || !errors.Is(err, lang.ErrControl) || !strings.Contains(err.Error(), name) {
			t.Errorf("%s with a control character: %v, want an error naming it", name, err)
		}
	}
}

// TestSVGUploadCleaned uploads an SVG with a script and a handler of its
// own, links and animations that lead to one, and references to files
// elsewhere: the stored image keeps the drawing without them, as
// manuscripts' drawings are kept (package svg).
func TestSVGUploadCleaned(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	blobs, _ := blob.NewDir(t.TempDir())
	s := &media.Store{DB: db, Blobs: blobs}
	up := `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="20" height="10" onload="alert(3)">` +
		`<script>alert(4)</script>` +
		`<a xlink:href="javascript:alert(1)"><rect width="5" height="5"/></a>` +
		`<a><set attributeName="href" to="javascript:alert(2)"/><text>x</text></a>` +
		`<image href="https://example.org/track.png" width="1" height="1"/><circle r="2"/></svg>`
	im, err := s.Add(ctx, db, strings.NewReader(up), media.Meta{})
	if err != nil {
		t.Fatal(err)
	}
	obj, err := blobs.Open(ctx, im.BlobKey)
	if err != nil {
		t.Fatal(err)
	}
	defer obj.Close()
	var stored bytes.Buffer
	stored.ReadFrom(obj)
	got := stored.String()
	for _, bad := range []string{"javascript", "alert", "<set", "example.org"} {
		if strings.Contains(got, bad) {
			t.Errorf("the stored SVG keeps %q: %s", bad, got)
		}
	}
	if !strings.Contains(got, `<circle r="2">`) || im.Width != 20 || im.Height != 10 {
		t.Errorf("the drawing is not kept: %dx%d %s", im.Width, im.Height, got)
	}
}

// TestUploadQueuesRenditions checks that an upload records the original
// and, in the same transaction, the job that makes its renditions; a
// transaction rolled back leaves neither.
func TestUploadQueuesRenditions(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, _ := blob.NewDir(t.TempDir())
		s := &media.Store{DB: db, Blobs: blobs}
		jobsOf := func() int {
			var n int
			if err := db.QueryRow(ctx, `SELECT COUNT(*) FROM river_job WHERE kind = 'media.renditions'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		rollback := errors.New("rolled back")
		err := db.Transact(ctx, func(tx *store.Tx) error {
			if _, err := s.Upload(ctx, tx, bytes.NewReader(pngOf(1000, 500)), media.Meta{}); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) || jobsOf() != 0 {
			t.Fatalf("rolled-back upload: %v, %d jobs", err, jobsOf())
		}
		var im *media.Image
		if err := db.Transact(ctx, func(tx *store.Tx) (err error) {
			im, err = s.Upload(ctx, tx, bytes.NewReader(pngOf(1000, 500)), media.Meta{})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		loaded, err := media.Load(ctx, db, []int64{im.ID})
		if err != nil || loaded[im.ID] == nil || len(loaded[im.ID].Renditions) != 0 {
			t.Fatalf("uploaded image: %+v, %v", loaded[im.ID], err)
		}
		if jobsOf() != 1 {
			t.Errorf("%d renditions jobs queued, want 1", jobsOf())
		}
	})
}

func TestUpdateMetaAndList(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		blobs, _ := blob.NewDir(t.TempDir())
		s := &media.Store{DB: db, Blobs: blobs}
		var ids []int64
		for i := 0; i < 3; i++ {
			im, err := s.Add(ctx, db, bytes.NewReader(pngOf(10+i, 10)), media.Meta{})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, im.ID)
		}
		credit := lang.New("zh", map[string]string{"zh": "摄影：新华社"})
		if err := media.UpdateMeta(ctx, db, ids[0], media.Meta{Credit: credit, Rights: "CC BY"}); err != nil {
			t.Fatal(err)
		}
		if err := media.UpdateMeta(ctx, db, 99999, media.Meta{}); !errors.Is(err, media.ErrNotFound) {
			t.Errorf("UpdateMeta of no image: %v", err)
		}
		page, total, err := media.List(ctx, db, 2, 1)
		if err != nil {
			t.Fatal(err)
		}
		if total != 3 || len(page) != 2 || page[0].ID != ids[1] || page[1].ID != ids[0] {
			t.Fatalf("List(2, 1) = %d of %d", len(page), total)
		}
		if page[1].Credit.Values["zh"] != "摄影：新华社" || page[1].Rights != "CC BY" {
			t.Errorf("updated meta: %+v", page[1])
		}
	})
}
