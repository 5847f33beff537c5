package segment

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

type goldenCase struct {
	lang, text string
	want       []string
}

// readGolden parses a golden file such as testdata/hard.txt (see its header
// for the format) and returns its comment header and cases.
func readGolden(t *testing.T, path string) (string, []goldenCase) {
	return readGoldenFile(t, path)
}

func readGoldenFile(t testing.TB, path string) (string, []goldenCase) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var header strings.Builder
	var cases []goldenCase
	var cur *goldenCase
	for i, line := range strings.Split(string(b), "\n") {
		switch {
		case cur == nil && strings.HasPrefix(line, "#"):
			header.WriteString(line + "\n")
		case strings.TrimSpace(line) == "":
			cur = nil
		case cur == nil:
			lang, text, ok := strings.Cut(line, "> ")
			if !ok {
				t.Fatalf("%s:%d: want \"LANG> TEXT\", got %q", path, i+1, line)
			}
			cases = append(cases, goldenCase{lang: lang, text: text})
			cur = &cases[len(cases)-1]
		default:
			cur.want = append(cur.want, line)
		}
	}
	return header.String(), cases
}

// TestGolden checks the hard cases collected in testdata/hard.txt and the
// sentences written for the rules in testdata/prose.txt.
func TestGolden(t *testing.T) {
	for _, path := range []string{"testdata/hard.txt", "testdata/prose.txt"} {
		t.Run(path, func(t *testing.T) {
			header, cases := readGolden(t, path)
			if len(cases) < 30 {
				t.Fatalf("only %d golden cases in %s", len(cases), path)
			}
			var out strings.Builder
			out.WriteString(header)
			for _, c := range cases {
				got := Strings(MustFor(c.lang), c.text)
				if !*update && strings.Join(got, "\n") != strings.Join(c.want, "\n") {
					t.Errorf("%s: %s\n got: %q\nwant: %q", c.lang, c.text, got, c.want)
				}
				out.WriteString("\n" + c.lang + "> " + c.text + "\n" + strings.Join(got, "\n") + "\n")
			}
			if *update {
				if err := os.WriteFile(path, []byte(out.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}
