// Package epubcheck runs the checkers of EPUB files that tests use:
// Debian's EPUBCheck and DAISY Ace (tests/ace), skipping the test with a
// message when a tool is missing. internal/epub's tests and the demo's use
// it.
package epubcheck

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// EPUBCheck runs Debian's EPUBCheck on the file at path and returns its
// errors and warnings, one line each. It skips the test when EPUBCheck or
// Java is not installed (scripts/setup.sh test installs both).
func EPUBCheck(t testing.TB, path string) []string {
	t.Helper()
	java, err := exec.LookPath("java")
	if err != nil {
		t.Skip("java is not installed (scripts/setup.sh test installs it): EPUBCheck not run")
	}
	if _, err := os.Stat("/usr/bin/epubcheck"); err != nil {
		t.Skip("EPUBCheck is not installed (scripts/setup.sh test installs the Debian package epubcheck): not run")
	}
	out, err := exec.Command(java, "-jar", "/usr/bin/epubcheck", path).CombinedOutput()
	var problems []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "ERROR") || strings.HasPrefix(line, "WARNING") || strings.HasPrefix(line, "FATAL") {
			problems = append(problems, line)
		}
	}
	if err != nil && len(problems) == 0 {
		t.Fatalf("epubcheck: %v\n%s", err, out)
	}
	if len(problems) == 0 && !strings.Contains(string(out), "No errors or warnings detected") {
		t.Fatalf("epubcheck said neither its problems nor that it had none:\n%s", out)
	}
	return problems
}

// repoRoot is the folder of go.mod above the package.
func repoRoot(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package")
		}
		dir = parent
	}
}

// Violation is a rule DAISY Ace found broken.
type Violation struct {
	Impact, Rule, Where string
}

// Ace runs DAISY Ace (tests/ace, installed by scripts/setup.sh test with
// npm ci) with Debian's Chromium on the file at path and returns its
// violations. It skips the test when Ace, Node or Chromium is missing.
func Ace(t testing.TB, path string) []Violation {
	t.Helper()
	cli := filepath.Join(repoRoot(t), "tests", "ace", "node_modules", ".bin", "ace-cli")
	if _, err := os.Stat(cli); err != nil {
		t.Skip("DAISY Ace is not installed (scripts/setup.sh test runs npm ci in tests/ace): not run")
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed: DAISY Ace not run")
	}
	chromium := "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("Chromium is not installed (scripts/setup.sh test installs it): DAISY Ace not run")
	}
	dir := t.TempDir()
	cmd := exec.Command(cli, "--force", "--silent", "--outdir", dir, path)
	cmd.Env = append(os.Environ(), "PUPPETEER_EXECUTABLE_PATH="+chromium, "PUPPETEER_SKIP_DOWNLOAD=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ace: %v\n%s", err, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatalf("ace wrote no report: %v", err)
	}
	// earl:testSubject is an object in Ace's reports; read what is needed.
	var raw struct {
		Assertions []json.RawMessage `json:"assertions"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("ace report: %v", err)
	}
	var out []Violation
	for _, a := range raw.Assertions {
		var one struct {
			Subject struct {
				URL string `json:"url"`
			} `json:"earl:testSubject"`
			Assertions []struct {
				Test struct {
					Impact string `json:"earl:impact"`
					Title  string `json:"dct:title"`
				} `json:"earl:test"`
				Result struct {
					Description string `json:"dct:description"`
					Pointer     struct {
						CSS []string `json:"css"`
					} `json:"earl:pointer"`
				} `json:"earl:result"`
			} `json:"assertions"`
		}
		if err := json.Unmarshal(a, &one); err != nil {
			t.Fatalf("ace report: %v", err)
		}
		for _, v := range one.Assertions {
			out = append(out, Violation{Impact: v.Test.Impact, Rule: v.Test.Title,
				Where: one.Subject.URL + " " + strings.Join(v.Result.Pointer.CSS, ",") + ": " + v.Result.Description})
		}
	}
	return out
}
