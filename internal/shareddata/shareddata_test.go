package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirFromEnvironment(t *testing.T) {
	d := filepath.Join(t.TempDir(), "data")
	if err := os.Mkdir(d, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TANDEM_SHARED_DATA", d)
	if got, ok := Dir(); !ok || got != d {
		t.Errorf("Dir() = %q, %v; want %q, true", got, ok, d)
	}
	t.Setenv("TANDEM_SHARED_DATA", filepath.Join(d, "missing"))
	if _, ok := Dir(); ok {
		t.Error("Dir() found a folder that does not exist")
	}
}
