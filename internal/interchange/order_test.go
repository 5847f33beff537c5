package interchange

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
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

// TestTargetOrderApplied imports a paragraph whose two sentences the
// translator swapped, from XLIFF 2 and from XLIFF 1.2 with a seg-source:
// the document reads them in the translation's order, and an XLIFF 2 file
// written from what was read keeps the order.
func TestTargetOrderApplied(t *testing.T) {
	const md = "注：数据来源于海关总署。见**统计局**。\n"
	d := readMD(t, md)
	x, err := FromDocument(d, "a.md", "zh", "ru")
	if err != nil {
		t.Fatal(err)
	}
	segs := x.Files[0].Units[0].Segments
	if len(segs) != 2 {
		t.Fatalf("want two segments, got %+v", segs)
	}
	segs[0].Target, segs[0].State, segs[0].Order = target("Примечание: данные таможни.", segs[0].Source), Translated, 2
	segs[1].Target, segs[1].State, segs[1].Order = target("См. {1}Росстат{/1}.", segs[1].Source), Translated, 1
	uid := x.Files[0].Units[0].ID

	x.Version = "2.0"
	var out bytes.Buffer
	if err := WriteXLIFF(&out, x); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<target xml:space="preserve" order="2">Примечание`, `<target xml:space="preserve" order="1">См.`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("XLIFF 2 lacks %s:\n%s", want, out.String())
		}
	}
	x2, err := ReadXLIFF(bytes.NewReader(out.Bytes()), "a.xlf")
	if err != nil {
		t.Fatal(err)
	}
	if got := x2.Units()[0].Segments; got[0].Order != 2 || got[1].Order != 1 || len(x2.Warnings) > 0 {
		t.Errorf("read back orders %d, %d, warnings %v", got[0].Order, got[1].Order, x2.Warnings)
	}

	src := func(k int) string { return inline12(segs[k].Source) }
	x12 := `<xliff version="1.2"><file source-language="zh" target-language="ru" original="a.md"><body>
<trans-unit id="` + uid + `"><source>` + src(0) + src(1) + `</source>
<seg-source><mrk mtype="seg" mid="1">` + src(0) + `</mrk><mrk mtype="seg" mid="2">` + src(1) + `</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="2">См. <g id="1" ctype="bold">Росстат</g>.</mrk> <mrk mtype="seg" mid="1">Примечание: данные таможни.</mrk></target>
</trans-unit></body></file></xliff>`
	for _, in := range []struct {
		name string
		data []byte
	}{{"XLIFF 2", out.Bytes()}, {"XLIFF 1.2", []byte(x12)}} {
		x, err := ReadXLIFF(bytes.NewReader(in.data), "a.xlf")
		if err != nil {
			t.Fatalf("%s: %v", in.name, err)
		}
		d := readMD(t, md)
		res, err := ApplyTranslation(d, x)
		if err != nil || res.Translated != 1 || len(res.Warnings) > 0 {
			t.Fatalf("%s: applied %+v, %v", in.name, res, err)
		}
		var got bytes.Buffer
		if err := doc.WriteMarkdown(&got, d); err != nil {
			t.Fatal(err)
		}
		if want := "См. **Росстат**. Примечание: данные таможни.\n"; !strings.HasSuffix(got.String(), "\n\n"+want) {
			t.Errorf("%s: document\n%q\nwant\n%q", in.name, got.String(), want)
		}
	}
}

// TestTargetOrderSpanningFormat imports reorderings of a paragraph whose
// bold opens in its first sentence and closes in its second: the targets
// cannot move without the bold spreading over text that never was bold,
// so the unit is read in the sources' order with a warning that says why.
// A translator who moved the pair into one sentence has a balanced unit in
// the new order, which is kept.
func TestTargetOrderSpanningFormat(t *testing.T) {
	const md = "Первое **предложение. Второе** предложение. Третье [ссылка](https://example.com/a) здесь.\n"
	tests := []struct {
		name    string
		tgts    [3]string // by segment, with the tags of target()
		orders  [3]int
		want    string
		warning string
	}{
		{"split pair moved", [3]string{"第一{1}句。", "第二{/1}句。", "第三{2}链接{/2}在此。"}, [3]int{2, 1, 3},
			"第一**句。第二**句。第三[链接](https://example.com/a)在此。", "the new order would break formatting that spans segments"},
		{"split pair moved to the end", [3]string{"第一{1}句。", "第二{/1}句。", "第三{2}链接{/2}在此。"}, [3]int{3, 1, 2},
			"第一**句。第二**句。第三[链接](https://example.com/a)在此。", "the new order would break formatting that spans segments"},
		{"pair in one segment", [3]string{"第一句。", "第二{1}句{/1}。", "第三{2}链接{/2}在此。"}, [3]int{2, 1, 3},
			"第二**句**。第一句。第三[链接](https://example.com/a)在此。", ""},
		{"a third sentence put inside the bold", [3]string{"第一{1}句。", "第二{/1}句。", "第三{2}链接{/2}在此。"}, [3]int{1, 3, 2},
			"第一**句。第二**句。第三[链接](https://example.com/a)在此。", "the new order would break formatting that spans segments"},
	}
	for _, tc := range tests {
		d, err := markdown.Read([]byte(md), "ru", markdown.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		x, err := FromDocument(d, "a.md", "ru", "zh")
		if err != nil {
			t.Fatal(err)
		}
		segs := x.Files[0].Units[0].Segments
		if len(segs) != 3 {
			t.Fatalf("want three segments, got %+v", segs)
		}
		for k := range segs {
			segs[k].Target, segs[k].State, segs[k].Order = target(tc.tgts[k], segs[k].Source), Translated, tc.orders[k]
		}
		res, err := ApplyTranslation(d, x)
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := doc.WriteMarkdown(&got, d); err != nil {
			t.Fatal(err)
		}
		if !strings.HasSuffix(got.String(), "\n\n"+tc.want+"\n") {
			t.Errorf("%s: document\n%q\nwant\n%q", tc.name, got.String(), tc.want)
		}
		switch {
		case tc.warning == "" && len(res.Warnings) > 0:
			t.Errorf("%s: unexpected warnings\n%s", tc.name, warningLines(res.Warnings))
		case tc.warning != "" && (len(res.Warnings) != 1 || !strings.Contains(res.Warnings[0].Msg, tc.warning) || !strings.Contains(res.Warnings[0].Msg, `unit "`+x.Files[0].Units[0].ID+`"`)):
			t.Errorf("%s: warnings\n%swant one naming the unit with %q", tc.name, warningLines(res.Warnings), tc.warning)
		}
	}
}
