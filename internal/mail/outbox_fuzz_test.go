package mail_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/mail"
)

// A name from a URL never makes Read open a file outside the outbox.
func FuzzOutboxRead(f *testing.F) {
	for _, s := range []string{"20260315T091502.123456789Z-42.eml", "../secret", "20260315T091502.123456789Z-../../secret.eml", ".new-1", ""} {
		f.Add(s)
	}
	root := f.TempDir()
	out := filepath.Join(root, "outbox")
	if err := os.MkdirAll(out, 0o750); err != nil {
		f.Fatal(err)
	}
	os.WriteFile(filepath.Join(root, "secret"), []byte("secret"), 0o600)
	o := mail.NewOutbox(out)
	f.Fuzz(func(t *testing.T, name string) {
		b, err := o.Read(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Read(%q) = %q, %v; want not found in an empty outbox", name, b, err)
		}
		if strings.Contains(string(b), "secret") {
			t.Errorf("Read(%q) read outside the outbox", name)
		}
	})
}
