package translate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/doc/markdown"
	"github.com/tandemforum/tandem/internal/interchange"
)

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
	segs[0].Target, segs[0].State, segs[0].Order = target("Примечание: данные таможни.", segs[0].Source), interchange.Translated, 2
	segs[1].Target, segs[1].State, segs[1].Order = target("См. {1}Росстат{/1}.", segs[1].Source), interchange.Translated, 1
	uid := x.Files[0].Units[0].ID

	x.Version = "2.0"
	var out bytes.Buffer
	if err := interchange.WriteXLIFF(&out, x); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<target xml:space="preserve" order="2">Примечание`, `<target xml:space="preserve" order="1">См.`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("XLIFF 2 lacks %s:\n%s", want, out.String())
		}
	}
	x2, err := interchange.ReadXLIFF(bytes.NewReader(out.Bytes()), "a.xlf")
	if err != nil {
		t.Fatal(err)
	}
	if got := x2.Units()[0].Segments; got[0].Order != 2 || got[1].Order != 1 || len(x2.Warnings) > 0 {
		t.Errorf("read back orders %d, %d, warnings %v", got[0].Order, got[1].Order, x2.Warnings)
	}

	// The two sources as XLIFF 1.2 writes them.
	src := func(k int) string {
		return []string{"注：数据来源于海关总署。", `见<g id="1" ctype="bold">统计局</g>。`}[k]
	}
	x12 := `<xliff version="1.2"><file source-language="zh" target-language="ru" original="a.md"><body>
<trans-unit id="` + uid + `"><source>` + src(0) + src(1) + `</source>
<seg-source><mrk mtype="seg" mid="1">` + src(0) + `</mrk><mrk mtype="seg" mid="2">` + src(1) + `</mrk></seg-source>
<target state="translated"><mrk mtype="seg" mid="2">См. <g id="1" ctype="bold">Росстат</g>.</mrk> <mrk mtype="seg" mid="1">Примечание: данные таможни.</mrk></target>
</trans-unit></body></file></xliff>`
	for _, in := range []struct {
		name string
		data []byte
	}{{"XLIFF 2", out.Bytes()}, {"XLIFF 1.2", []byte(x12)}} {
		x, err := interchange.ReadXLIFF(bytes.NewReader(in.data), "a.xlf")
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
			segs[k].Target, segs[k].State, segs[k].Order = target(tc.tgts[k], segs[k].Source), interchange.Translated, tc.orders[k]
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
