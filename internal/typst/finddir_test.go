package typst

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A command run from outside the checkout finds tools/typst beside or
// above its program (bin/tandem → ../tools/typst), or where
// TANDEM_TYPST_DIR says; without either, the error says what to set.
func TestFindDirOutsideTheCheckout(t *testing.T) {
	root := t.TempDir()
	tools := filepath.Join(root, "tools", "typst")
	if err := os.MkdirAll(tools, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(tools, "server.js"), []byte("//"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(root, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := dirAbove(filepath.Join(root, "bin")); got != tools {
		t.Errorf("dirAbove(bin) = %q, want %q", got, tools)
	}

	elsewhere := t.TempDir()
	t.Chdir(elsewhere)
	t.Setenv("TANDEM_TYPST_DIR", "")
	if _, err := FindDir(); err == nil || !strings.Contains(err.Error(), "TANDEM_TYPST_DIR") {
		t.Errorf("FindDir from %s (the test program is in no checkout) = %v, want an error naming TANDEM_TYPST_DIR", elsewhere, err)
	}

	t.Setenv("TANDEM_TYPST_DIR", tools)
	if got, err := FindDir(); err != nil || got != tools {
		t.Errorf("FindDir with TANDEM_TYPST_DIR = %q, %v; want %q", got, err, tools)
	}
	t.Setenv("TANDEM_TYPST_DIR", elsewhere)
	if _, err := FindDir(); err == nil || !strings.Contains(err.Error(), "server.js") {
		t.Errorf("FindDir with TANDEM_TYPST_DIR of a folder without server.js = %v, want an error", err)
	}
}
