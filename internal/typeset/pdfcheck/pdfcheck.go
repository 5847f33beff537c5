// Package pdfcheck checks print PDFs in tests with Poppler's pdffonts and
// qpdf: every font embedded as a subset, the document tagged and its
// language set. A test is skipped with a message when a tool is missing.
package pdfcheck

import (
	"bytes"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

func need(t testing.TB, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not installed (scripts/setup.sh test installs it): not run", name)
	}
}

// Fonts returns pdffonts' rows of the fonts of the PDF at path that are
// not embedded as subsets; it fails the test when the PDF has no font.
func Fonts(t testing.TB, path string) []string {
	t.Helper()
	need(t, "pdffonts")
	out, err := exec.Command("pdffonts", path).Output()
	if err != nil {
		t.Fatalf("pdffonts %s: %v", path, err)
	}
	rows := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(rows) < 3 {
		t.Fatalf("%s has no fonts:\n%s", path, out)
	}
	var bad []string
	for _, r := range rows[2:] {
		f := strings.Fields(r)
		// name type... encoding emb sub uni object ID
		if len(f) < 6 || f[len(f)-5] != "yes" || f[len(f)-4] != "yes" {
			bad = append(bad, r)
		}
	}
	return bad
}

// catalogue finds the catalogue in qpdf's QDF output, as a dictionary
// that begins with its type or (the second form) names it on a later line.
var catalogue = []*regexp.Regexp{
	regexp.MustCompile(`(?s)<<\s*/Type /Catalog.*?>>\s*endobj`),
	regexp.MustCompile(`(?s)obj\s*<<[^\n]*\n(?:[^\n]*\n)*?[^\n]*/Type /Catalog(?:[^\n]*\n)*?>>`),
}

// Tagged returns what the catalogue of the PDF at path lacks of a tagged
// PDF in language lang: "/StructTreeRoot", "/MarkInfo", "/Lang (lang".
func Tagged(t testing.TB, path, lang string) []string {
	t.Helper()
	need(t, "qpdf")
	qdf, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, "-").Output()
	if err != nil {
		t.Fatalf("qpdf %s: %v", path, err)
	}
	var cat []byte
	for _, re := range catalogue {
		if cat = re.Find(qdf); cat != nil {
			break
		}
	}
	var missing []string
	for _, want := range []string{"/StructTreeRoot", "/MarkInfo", "/Lang (" + lang} {
		if !bytes.Contains(cat, []byte(want)) {
			missing = append(missing, want)
		}
	}
	return missing
}
