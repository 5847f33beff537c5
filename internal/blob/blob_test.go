package blob

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestDirRoundTrip(t *testing.T) {
	ctx := context.Background()
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.Put(ctx, "media/1/original.jpg", strings.NewReader("first")); err != nil {
		t.Fatal(err)
	}
	n, err := d.Put(ctx, "media/1/original.jpg", strings.NewReader("second"))
	if err != nil || n != 6 {
		t.Fatalf("Put = %d, %v; want 6, nil", n, err)
	}
	o, err := d.Open(ctx, "media/1/original.jpg")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(o)
	o.Close()
	if string(b) != "second" || o.Size != 6 {
		t.Errorf("read %q (size %d), want the replaced content", b, o.Size)
	}
	if err := d.Delete(ctx, "media/1/original.jpg"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Open(ctx, "media/1/original.jpg"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Open after Delete: %v, want ErrNotFound", err)
	}
	if err := d.Delete(ctx, "media/1/original.jpg"); err != nil {
		t.Errorf("deleting a missing key: %v", err)
	}
}

func TestDirRefusesMalformedKeys(t *testing.T) {
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"", "/etc/passwd", "../x", "a/../../x", "a//b", ".hidden", "A.jpg", "a/b/", "a\\b", "a b"} {
		if _, err := d.Put(context.Background(), key, strings.NewReader("x")); err == nil {
			t.Errorf("Put(%q) succeeded, want an error", key)
		}
		if _, err := d.Open(context.Background(), key); err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("Open(%q) = %v, want a malformed-key error", key, err)
		}
	}
}
