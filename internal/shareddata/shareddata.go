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

// Dir returns the shared data folder: $TANDEM_SHARED_DATA when set, else
// the first shared/data folder beside the repository or beside one of the
// folders above it (so a git worktree kept in a subfolder finds it too). It
// returns the path looked for first and false when there is none.
func Dir() (string, bool) {
	if d := os.Getenv("TANDEM_SHARED_DATA"); d != "" {
		_, err := os.Stat(d)
		return d, err == nil
	}
	_, file, _, _ := runtime.Caller(0)
	repo := filepath.Clean(filepath.Join(filepath.Dir(file), "..", ".."))
	first := filepath.Join(filepath.Dir(repo), "shared", "data")
	for dir := filepath.Dir(repo); ; dir = filepath.Dir(dir) {
		cand := filepath.Join(dir, "shared", "data")
		if fi, err := os.Stat(cand); err == nil && fi.IsDir() {
			return cand, true
		}
		if filepath.Dir(dir) == dir {
			return first, false
		}
	}
}

// Path returns the path of rel under the shared data folder (see Dir),
// skipping the test when it does not exist. When the whole folder is
// missing, as in a fresh clone on its own, every such test skips with the
// same message, so that a summary of skipped tests shows them together.
func Path(t testing.TB, rel string) string {
	t.Helper()
	dir, ok := Dir()
	if !ok {
		t.Skipf("no shared data: %s not found; evaluations on real text need ../shared next to the repository (or TANDEM_SHARED_DATA)", dir)
	}
	p := filepath.Join(dir, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found (%v)", rel, err)
	}
	return p
}
