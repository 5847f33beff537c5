package interchange

import (
	"strings"
	"testing"
)

// TestTargetOrder reads units whose translator put the sentences in
// another order, as XLIFF 2's <target order> and XLIFF 1.2's target
// <mrk mtype="seg"> allow: the targets are read in their order, counting
// the places of ignorables; orders that do not give each target a place
// of its own are a warning naming the unit, and the targets are read in
// the sources' order.
func TestTargetOrder(t *testing.T) {
	const head2 = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"zh\" trgLang=\"ru\"><file id=\"f\">\n"
	const tail2 = "\n</file></xliff>"
	seg := func(src, tgt, order string) string {
		if order != "" {
			order = ` order="` + order + `"`
		}
		return `<segment state="translated"><source>` + src + `</source><target` + order + `>` + tgt + `</target></segment>`
	}
	const ign = "<ignorable><source> </source><target> </target></ignorable>"
	tests := []struct {
		name, in string
		orders   []int // of the unit's segments as read
		warning  string
	}{
		{"swapped", seg("一。", "Б.", "2") + seg("二。", "А.", "1"), []int{2, 1}, ""},
		{"in place", seg("一。", "А.", "1") + seg("二。", "Б.", ""), []int{0, 0}, ""},
		{"ignorable between", seg("一。", "В.", "3") + ign + seg("二。", "А.", "1") + seg("三。", "Б.", "2"), []int{0, 0, 0}, `unit "u": <target order="2"> is another target's place too`},
		{"ignorable moved", seg("一。", "Б.", "3") + "<ignorable><source> </source><target order=\"2\"> </target></ignorable>" + seg("二。", "А.", "1"), []int{2, 1}, ""},
		{"duplicate", seg("一。", "А.", "1") + seg("二。", "Б.", "1"), []int{0, 0}, `unit "u": <target order="1"> is another target's place too`},
		{"out of range", seg("一。", "А.", "3") + seg("二。", "Б.", ""), []int{0, 0}, `unit "u": <target order="3"> is not a place from 1 to 2`},
		{"not a number", seg("一。", "А.", "first") + seg("二。", "Б.", ""), []int{0, 0}, `unit "u": <target order="first"> is not a place`},
		{"default taken", seg("一。", "А.", "2") + seg("二。", "Б.", ""), []int{0, 0}, `unit "u": the target of <segment> has no order, and another target is given its place 2`},
	}
	for _, tc := range tests {
		x, err := ReadXLIFF(strings.NewReader(head2+`<unit id="u">`+tc.in+"</unit>"+tail2), "t.xlf")
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		var got []int
		for _, s := range x.Units()[0].Segments {
			got = append(got, s.Order)
		}
		if tc.orders != nil && !equalInts(got, tc.orders) {
			t.Errorf("%s: orders %v, want %v", tc.name, got, tc.orders)
		}
		switch {
		case tc.warning == "" && len(x.Warnings) > 0:
			t.Errorf("%s: unexpected warnings\n%s", tc.name, warningLines(x.Warnings))
		case tc.warning != "" && (len(x.Warnings) != 1 || !strings.Contains(x.Warnings[0].Msg, tc.warning)):
			t.Errorf("%s: warnings\n%swant one with %q", tc.name, warningLines(x.Warnings), tc.warning)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
