package segment

import (
	"archive/zip"
	"html"
	"os"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/shareddata"
)

// omegatJar is where Debian's omegat package installs OmegaT.
const omegatJar = "/usr/share/omegat/OmegaT.jar"

// readOmegaTRules reads OmegaT's default SRX rules out of its jar, or skips.
func readOmegaTRules(t *testing.T) *SRX {
	t.Helper()
	if _, err := os.Stat(omegatJar); err != nil {
		t.Skipf("%s not found (Debian package omegat): no OmegaT rules to compare with", omegatJar)
	}
	zr, err := zip.OpenReader(omegatJar)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := zr.Open("org/omegat/core/segmentation/defaultRules.srx")
	if err != nil {
		t.Skipf("no default rules in %s: %v", omegatJar, err)
	}
	defer f.Close()
	s, err := ReadSRX(f, "defaultRules.srx")
	if err != nil {
		t.Fatalf("OmegaT's own SRX file does not load: %v", err)
	}
	return s
}

// TestEvalAgainstOmegaT runs OmegaT's default segmentation rules (through
// tandem's SRX engine) and tandem's rules on the same UD sentences and
// prints both scores side by side; tandem's must not be worse.
func TestEvalAgainstOmegaT(t *testing.T) {
	srx := readOmegaTRules(t)
	for _, c := range []struct{ lang, tag, file, sep string }{
		{"zh", "zh-CN", "ud/zh_gsdsimp-dev.sentences.txt", ""},
		{"ru", "ru-RU", "ud/ru_gsd-dev.sentences.txt", " "},
	} {
		lines := readLines(t, shareddata.Path(t, c.file))
		for i := range lines {
			lines[i] = html.UnescapeString(lines[i])
		}
		omegat, err := srx.ForLanguage(c.tag)
		if err != nil {
			t.Fatal(err)
		}
		o, _ := evalBoundaries(omegat, lines, c.sep, 0)
		ours, _ := evalBoundaries(MustFor(c.lang), lines, c.sep, 0)
		t.Logf("%s boundary F1: tandem %.4f (P %.4f R %.4f), OmegaT default rules %.4f (P %.4f R %.4f), ratio %.3f",
			c.lang, ours.f1(), ours.precision(), ours.recall(), o.f1(), o.precision(), o.recall(), ours.f1()/o.f1())
		if ours.f1() < o.f1() {
			t.Errorf("%s: tandem's rules (F1 %.4f) do worse than OmegaT's (%.4f)", c.lang, ours.f1(), o.f1())
		}
	}
}

// TestHardCasesAgainstOmegaT counts the golden cases (the collected hard
// cases and the prose written for the rules) each rule set gets right.
func TestHardCasesAgainstOmegaT(t *testing.T) {
	srx := readOmegaTRules(t)
	_, cases := readGoldenFile(t, "testdata/hard.txt")
	_, prose := readGoldenFile(t, "testdata/prose.txt")
	cases = append(cases, prose...)
	ours, theirs := map[string]int{}, map[string]int{}
	total := map[string]int{}
	for _, c := range cases {
		total[c.lang]++
		want := strings.Join(c.want, "\n")
		if strings.Join(Strings(MustFor(c.lang), c.text), "\n") == want {
			ours[c.lang]++
		}
		sp, err := srx.ForLanguage(c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(Strings(sp, c.text), "\n") == want {
			theirs[c.lang]++
		}
	}
	for _, l := range Languages {
		t.Logf("%s golden cases right (hard.txt, prose.txt): tandem %d of %d, OmegaT default rules %d", l, ours[l], total[l], theirs[l])
		if ours[l] < theirs[l] {
			t.Errorf("%s: OmegaT's rules get more hard cases right", l)
		}
	}
}
