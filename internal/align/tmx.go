package align

import (
	"strings"

	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
)

// TMX makes a translation memory of the links in beads between segments
// src (in language from) and tgt (in to): one unit per bead with segments
// on both sides, its segments joined as the language writes sentences
// (without a space in Chinese, with one otherwise), and the bead itself in
// the unit's x-alignment property so that a reviewer can find it again.
// Beads with a side empty, or only white space, give no unit.
func TMX(beads []Bead, src, tgt []string, from, to string) *interchange.TMX {
	tm := &interchange.TMX{SrcLang: from}
	joiner := func(tag string) string {
		if lang.Base(tag) == "zh" {
			return ""
		}
		return " "
	}
	for _, b := range beads {
		if len(b.Src) == 0 || len(b.Tgt) == 0 {
			continue
		}
		var s, t []string
		for _, i := range b.Src {
			s = append(s, src[i])
		}
		for _, j := range b.Tgt {
			t = append(t, tgt[j])
		}
		st, tt := strings.Join(s, joiner(from)), strings.Join(t, joiner(to))
		if strings.TrimSpace(st) == "" || strings.TrimSpace(tt) == "" {
			continue
		}
		tm.Units = append(tm.Units, interchange.TU{
			Variants: []interchange.TUV{{Lang: from, Seg: interchange.PlainText(st)}, {Lang: to, Seg: interchange.PlainText(tt)}},
			Props:    map[string]string{"x-alignment": b.String()},
		})
	}
	return tm
}
