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
// it does not exist.
func Path(t testing.TB, rel string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	p := filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("shared data %s not found (%v): this test needs ../shared next to the repository", rel, err)
	}
	return p
}
