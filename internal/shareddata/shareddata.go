// Package shareddata finds the real text kept in ../shared/data beside the
// repository, for evaluations, benchmarks and integration tests. Tests that
// need it skip with a message when it is absent.
package shareddata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Path returns the path of rel under ../shared/data, skipping the test when
// it does not exist. When the whole folder is missing, as in a fresh clone
// on its own, every such test skips with the same message, so that a
// summary of skipped tests shows them together.
func Path(t testing.TB, rel string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	dir := filepath.Clean(filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data"))
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no shared data: %s not found; evaluations on real text need ../shared next to the repository", dir)
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found (%v)", rel, err)
	}
	return p
}
