//go:build ignore

// testsummary reads `go test -json` on standard input and writes what `go
// test` writes without -json (a line per package, the output of each
// failing test and of each build that failed), then the tests that were
// skipped, grouped by the reason they gave, and a closing count:
//
//	tests: 812 passed, 0 failed, 7 skipped
//
// A skipped test is an evaluation or an integration test that did not run
// (no ../shared data, no PostgreSQL, no Chromium, no OmegaT): `go test`
// alone says nothing of them. A test that skips without a reason is shown
// as such. It exits 1 when a test or a build failed. scripts/test.sh runs
// it as `go test -json ./... | go run scripts/testsummary.go`.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
)

// event is one line of `go test -json` (see `go doc test2json`).
type event struct {
	Action     string
	Package    string
	Test       string
	Output     string
	ImportPath string
}

// logPrefix is the file:line a test log line begins with.
var logPrefix = regexp.MustCompile(`^\s*[\w.-]+\.go:\d+: `)

func main() {
	type key struct{ pkg, test string }
	pending := map[key][]string{} // output of tests still running
	parents := map[key]bool{}     // tests that ran subtests
	skipped := map[string][]key{} // reason → tests
	var passed, failed, buildFailed int
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for in.Scan() {
		line := in.Text()
		var e event
		if !strings.HasPrefix(line, "{") || json.Unmarshal([]byte(line), &e) != nil {
			fmt.Fprintln(out, line) // the go command's own messages
			continue
		}
		k := key{e.Package, e.Test}
		leaf := func() bool { return !parents[k] }
		switch e.Action {
		case "build-output":
			fmt.Fprint(out, e.Output)
		case "build-fail":
			buildFailed++
		case "run":
			if i := strings.LastIndex(e.Test, "/"); i > 0 {
				parents[key{e.Package, e.Test[:i]}] = true
			}
		case "output":
			if e.Test == "" {
				if e.Output != "PASS\n" && e.Output != "FAIL\n" {
					fmt.Fprint(out, e.Output)
				}
				continue
			}
			if t := strings.TrimSpace(e.Output); !strings.HasPrefix(t, "=== ") {
				pending[k] = append(pending[k], e.Output)
			}
		case "pass":
			if e.Test != "" && leaf() {
				passed++
			}
			delete(pending, k)
		case "skip":
			if e.Test == "" {
				continue
			}
			var reason []string
			for _, l := range pending[k] {
				if t := strings.TrimSpace(l); t != "" && !strings.HasPrefix(t, "--- SKIP") {
					reason = append(reason, logPrefix.ReplaceAllString(t, ""))
				}
			}
			r := strings.Join(reason, " ")
			if r == "" {
				r = "(the test gave no reason)"
			}
			skipped[r] = append(skipped[r], k)
			delete(pending, k)
		case "fail":
			if e.Test != "" {
				if leaf() {
					failed++
				}
				// `go test -json` gives the log before the "--- FAIL"
				// line; `go test` prints it after.
				lines := pending[k]
				if i := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(strings.TrimSpace(l), "--- FAIL") }); i > 0 {
					lines = append(append([]string{lines[i]}, lines[:i]...), lines[i+1:]...)
				}
				for _, l := range lines {
					fmt.Fprint(out, l)
				}
				delete(pending, k)
				continue
			}
			// A test binary that crashed or timed out leaves its running
			// tests without an end: their output tells why.
			for pk, lines := range pending {
				if pk.pkg == e.Package {
					for _, l := range lines {
						fmt.Fprint(out, l)
					}
					delete(pending, pk)
				}
			}
		}
		out.Flush()
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(out, "testsummary:", err)
		failed++
	}

	n := 0
	reasons := make([]string, 0, len(skipped))
	for r, ts := range skipped {
		reasons = append(reasons, r)
		n += len(ts)
	}
	if n > 0 {
		slices.SortFunc(reasons, func(a, b string) int {
			return cmp.Or(cmp.Compare(len(skipped[b]), len(skipped[a])), cmp.Compare(a, b))
		})
		fmt.Fprintf(out, "\n== skipped: %d tests did not run\n", n)
		for _, r := range reasons {
			fmt.Fprintf(out, "%d × %s\n", len(skipped[r]), r)
			byPkg := map[string][]string{}
			var pkgs []string
			for _, k := range skipped[r] {
				if byPkg[k.pkg] == nil {
					pkgs = append(pkgs, k.pkg)
				}
				byPkg[k.pkg] = append(byPkg[k.pkg], k.test)
			}
			slices.Sort(pkgs)
			for _, p := range pkgs {
				tests := byPkg[p]
				if len(tests) > 4 {
					tests = append(tests[:4:4], fmt.Sprintf("and %d more", len(byPkg[p])-4))
				}
				fmt.Fprintf(out, "    %s: %s\n", shortPackage(p), strings.Join(tests, ", "))
			}
		}
	}
	fmt.Fprintf(out, "\ntests: %d passed, %d failed, %d skipped\n", passed, failed, n)
	if buildFailed > 0 {
		fmt.Fprintf(out, "builds: %d failed\n", buildFailed)
	}
	out.Flush()
	if failed > 0 || buildFailed > 0 {
		os.Exit(1)
	}
}

// shortPackage drops the module path: internal/qa.
func shortPackage(p string) string {
	if i := strings.Index(p, "/internal/"); i >= 0 {
		return p[i+1:]
	}
	return p
}
