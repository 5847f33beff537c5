package translate

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strings"
	"testing"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
)

// The namespaces the conformance checks look for.
const (
	nsXLIFF2  = "urn:oasis:names:tc:xliff:document:2.0"
	nsMatches = "urn:oasis:names:tc:xliff:matches:2.0"
)

// xnode is an element of an XML file as the conformance checks below need
// it: name, namespace, attributes and children.
type xnode struct {
	space, name string
	attrs       map[string]string
	kids        []*xnode
}

func parseXML(t *testing.T, data []byte) *xnode {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &xnode{}
	stack := []*xnode{root}
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &xnode{space: tok.Name.Space, name: tok.Name.Local, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				key := a.Name.Local
				if a.Name.Space != "" && a.Name.Space != "xmlns" && a.Name.Local != "xmlns" {
					key = a.Name.Space + " " + a.Name.Local
				}
				n.attrs[key] = a.Value
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	if len(root.kids) != 1 {
		t.Fatalf("not one root element:\n%s", data)
	}
	return root.kids[0]
}

func (n *xnode) walk(fn func(*xnode)) {
	fn(n)
	for _, k := range n.kids {
		k.walk(fn)
	}
}

// xliff2Problems lists what in an XLIFF 2.0 or 2.1 file breaks a rule of
// the core specification or of its matches module that an XML schema
// cannot check: identifiers shared by a unit's segments, annotations and
// codes; the reserved subType values and the type they need; references
// to original data, to a start code and to the span a match is for;
// isolated codes in matches; the order of a unit's children; state and
// subState.
func xliff2Problems(root *xnode, version string) []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if root.name != "xliff" || root.space != nsXLIFF2 {
		bad("root <%s> in %q, want <xliff> in %s", root.name, root.space, nsXLIFF2)
	}
	if root.attrs["version"] != version {
		bad("version %q, want %q", root.attrs["version"], version)
	}
	if root.attrs["srcLang"] == "" {
		bad("no srcLang")
	}
	types := map[string]bool{"fmt": true, "ui": true, "quote": true, "link": true, "image": true, "other": true}
	reserved := map[string]string{"xlf:b": "fmt", "xlf:i": "fmt", "xlf:u": "fmt", "xlf:lb": "fmt", "xlf:pb": "fmt", "xlf:var": "ui"}
	inline := map[string]bool{"pc": true, "sc": true, "ec": true, "ph": true, "mrk": true, "sm": true, "em": true, "cp": true}
	checkCode := func(unit string, c *xnode, data map[string]bool) {
		typ, sub := c.attrs["type"], c.attrs["subType"]
		if c.name == "mrk" {
			return
		}
		if typ != "" && !types[typ] {
			bad("unit %s: <%s> type %q is not one of XLIFF 2's", unit, c.name, typ)
		}
		if sub != "" {
			if typ == "" {
				bad("unit %s: <%s> has subType %q without type", unit, c.name, sub)
			}
			if want, ok := reserved[sub]; ok && typ != want {
				bad("unit %s: <%s> subType %s wants type %s, has %q", unit, c.name, sub, want, typ)
			}
			if !strings.Contains(sub, ":") {
				bad("unit %s: <%s> subType %q has no prefix", unit, c.name, sub)
			}
		}
		for _, a := range []string{"dataRef", "dataRefStart", "dataRefEnd"} {
			if v, ok := c.attrs[a]; ok && !data[v] {
				bad("unit %s: <%s %s=%q> names no <data>", unit, c.name, a, v)
			}
		}
	}
	// content checks one <source> or <target>: codes, and ids against
	// those of its side (ids), and ec against sc. isolated says whether
	// a start or end code without its partner here must say so.
	content := func(unit string, n *xnode, ids map[string]bool, data map[string]bool, isolated bool) {
		starts := map[string]bool{}
		ends := map[string]bool{}
		n.walk(func(c *xnode) {
			if c == n || !inline[c.name] {
				if c != n && c.space == nsXLIFF2 && !inline[c.name] {
					bad("unit %s: <%s> inside <%s>", unit, c.name, n.name)
				}
				return
			}
			checkCode(unit, c, data)
			if id := c.attrs["id"]; id != "" && c.name != "ec" && c.name != "em" {
				if ids[id] {
					bad("unit %s: id %q used twice", unit, id)
				}
				ids[id] = true
			}
			switch c.name {
			case "sc":
				starts[c.attrs["id"]] = true
			case "ec":
				if ref := c.attrs["startRef"]; ref != "" {
					ends[ref] = true
				} else if c.attrs["isolated"] != "yes" {
					bad("unit %s: <ec> without startRef is not isolated", unit)
				}
			}
		})
		if isolated {
			for id := range starts {
				if !ends[id] {
					for _, c := range findAll(n, "sc") {
						if c.attrs["id"] == id && c.attrs["isolated"] != "yes" {
							bad("unit %s: <sc id=%q> ends outside the match but is not isolated", unit, id)
						}
					}
				}
			}
			for id := range ends {
				if !starts[id] {
					bad("unit %s: <ec startRef=%q> in a match without its <sc>", unit, id)
				}
			}
		}
	}
	for _, file := range root.kids {
		for _, unit := range findAll(file, "unit") {
			uid := unit.attrs["id"]
			data := map[string]bool{}
			for _, od := range findAll(unit, "originalData") {
				for _, d := range od.kids {
					data[d.attrs["id"]] = true
				}
			}
			// The order of a unit's children: modules, notes,
			// originalData, segments.
			rank := map[string]int{"notes": 1, "originalData": 2, "segment": 3, "ignorable": 3}
			last := 0
			for _, k := range unit.kids {
				r := rank[k.name]
				if k.space != nsXLIFF2 {
					r = 0
				}
				if r < last {
					bad("unit %s: <%s> after what must follow it", uid, k.name)
				}
				last = r
			}
			srcIDs, tgtIDs := map[string]bool{}, map[string]bool{}
			starts, ends := map[string]bool{}, map[string]bool{}
			for _, seg := range unit.kids {
				if seg.name != "segment" && seg.name != "ignorable" {
					continue
				}
				if id := seg.attrs["id"]; id != "" {
					if srcIDs[id] {
						bad("unit %s: segment id %q is also the id of another segment, code or annotation", uid, id)
					}
					srcIDs[id] = true
				}
				st, sub := seg.attrs["state"], seg.attrs["subState"]
				switch st {
				case "", "initial", "translated", "reviewed", "final":
				default:
					bad("unit %s: state %q", uid, st)
				}
				if sub != "" && (st == "" || !strings.Contains(sub, ":")) {
					bad("unit %s: subState %q with state %q", uid, sub, st)
				}
				for _, k := range seg.kids {
					switch k.name {
					case "source":
						content(uid, k, srcIDs, data, false)
					case "target":
						content(uid, k, tgtIDs, data, false)
					}
					for _, c := range findAll(k, "sc") {
						starts[k.name+" "+c.attrs["id"]] = true
					}
					for _, c := range findAll(k, "ec") {
						ends[k.name+" "+c.attrs["startRef"]] = true
					}
				}
			}
			for e := range ends {
				if !starts[e] && !strings.HasSuffix(e, " ") {
					bad("unit %s: <ec startRef> %q with no <sc> in the unit", uid, e)
				}
			}
			// Target ids are those of the source's codes.
			for id := range tgtIDs {
				if !srcIDs[id] {
					bad("unit %s: target code id %q is not in the source", uid, id)
				}
			}
			for _, m := range unit.kids {
				if m.space != nsMatches {
					continue
				}
				if m.name != "matches" {
					bad("unit %s: <mtc:%s>", uid, m.name)
					continue
				}
				if len(m.kids) == 0 {
					bad("unit %s: <mtc:matches> without <mtc:match>", uid)
				}
				for _, match := range m.kids {
					ref, ok := strings.CutPrefix(match.attrs["ref"], "#")
					if !ok || !srcIDs[ref] {
						bad("unit %s: <mtc:match ref=%q> points at nothing in the unit", uid, match.attrs["ref"])
					}
					for _, a := range []string{"similarity", "matchQuality", "matchSuitability"} {
						if v, ok := match.attrs[a]; ok {
							var f float64
							if _, err := fmt.Sscan(v, &f); err != nil || f < 0 || f > 100 {
								bad("unit %s: match %s=%q is not a number from 0 to 100", uid, a, v)
							}
						}
					}
					if typ := match.attrs["type"]; typ != "" && !map[string]bool{"am": true, "mt": true, "icm": true, "idm": true, "tb": true, "tm": true, "other": true}[typ] {
						bad("unit %s: match type %q", uid, typ)
					}
					names := []string{}
					for _, k := range match.kids {
						names = append(names, k.name)
						if k.name == "source" || k.name == "target" {
							content(uid, k, map[string]bool{}, data, true)
						}
					}
					if n := strings.Join(names, " "); !strings.HasSuffix(n, "source target") {
						bad("unit %s: match holds %q, want source and target", uid, n)
					}
				}
			}
		}
	}
	return out
}

func findAll(n *xnode, name string) []*xnode {
	var out []*xnode
	n.walk(func(c *xnode) {
		if c.name == name && c != n {
			out = append(out, c)
		}
	})
	return out
}

// codesDocument has a code of every kind tandem writes: spans, one across
// two sentences, a line break, an image, a link, a formula, an anchor and
// a note reference.
func codesDocument() *doc.Document {
	d := mathDocument()
	text := func(s string) doc.Inline { return doc.Inline{Type: doc.Text, Text: s} }
	d.Blocks = append(d.Blocks, doc.Block{ID: "p-4", Type: doc.Paragraph, Inlines: []doc.Inline{
		text("第一句"), {Type: doc.Strong, Content: []doc.Inline{text("很重要。第二句")}}, text("在这里"),
		{Type: doc.LineBreak}, text("换行了。"), {Type: doc.Image, Src: "a.png", Alt: "图"}, text("图在前面。"),
	}})
	return d
}

// TestXLIFF2Conformance writes a document with every kind of code as XLIFF
// 2.0 and 2.1 and checks the rules of the specification on the file.
func TestXLIFF2Conformance(t *testing.T) {
	for _, v := range []string{"2.0", "2.1"} {
		x, err := FromDocument(codesDocument(), "f.docx", "zh", "ru")
		if err != nil {
			t.Fatal(err)
		}
		x.Version = v
		// One segment translated, so targets differ from sources.
		var u *interchange.Unit
		for i := range x.Files[0].Units {
			if x.Files[0].Units[i].ID == "p-4" {
				u = &x.Files[0].Units[i]
			}
		}
		u.Segments[0].Target = translateKeepingCodes(u.Segments[0].Source, "Первое очень важно.")
		u.Segments[0].State, u.Segments[0].PreTranslated = interchange.Translated, true
		// Matches from a memory, with codes of their own, one left open.
		u.Segments[1].Matches = []interchange.Match{
			{Source: interchange.Content{{Kind: interchange.Text, Text: "第二句"}, {Kind: interchange.Close, ID: "tm1", Type: "bold"}, {Kind: interchange.Text, Text: "在那里"}, {Kind: interchange.Standalone, ID: "tm2", Type: "lb"}},
				Target: interchange.Content{{Kind: interchange.Text, Text: "Второе"}, {Kind: interchange.Close, ID: "tm1", Type: "bold"}, {Kind: interchange.Text, Text: " там"}, {Kind: interchange.Standalone, ID: "tm2", Type: "lb"}}, Score: 85, Origin: "memory.tmx"},
			{Source: interchange.Content{{Kind: interchange.Open, ID: "tm1", Type: "bold"}, {Kind: interchange.Text, Text: "第二"}}, Target: interchange.PlainText("Второе"), Score: 75, Origin: "memory.tmx"},
		}
		var buf bytes.Buffer
		if err := interchange.WriteXLIFF(&buf, x); err != nil {
			t.Fatal(err)
		}
		for _, p := range xliff2Problems(parseXML(t, buf.Bytes()), v) {
			t.Errorf("%s: %s", v, p)
		}
		for _, want := range []string{`xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"`, `<mtc:match ref="#m2" type="tm" similarity="85" origin="memory.tmx">`,
			`<segment id="s1" state="translated" subState="tandem:exact-match">`, `<source xml:space="preserve"><mrk id="m2" type="mtc:match">`} {
			if !strings.Contains(buf.String(), want) {
				t.Errorf("%s: the file lacks %s", v, want)
			}
		}
		if t.Failed() {
			t.Logf("%s", buf.String())
		}
		// It reads back whole.
		y, err := interchange.ReadXLIFF(bytes.NewReader(buf.Bytes()), "f.xlf")
		if err != nil || y.Version != v || len(y.Warnings) != 0 || len(y.Units()) != len(x.Units()) {
			t.Errorf("%s read back: %v, version %q, warnings %v", v, err, y.Version, y.Warnings)
		}
	}
	// The checks find what they are for.
	broken := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh"><file id="f"><unit id="u">
<segment id="1"><source><ph id="1" type="other" subType="xlf:lb"/><ph id="2" dataRef="d9"/></source></segment></unit></file></xliff>`
	got := strings.Join(xliff2Problems(parseXML(t, []byte(broken)), "2.0"), "\n")
	broken = strings.Replace(broken, `<unit id="u">`, `<unit id="u"><mtc:matches xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"><mtc:match ref="#m9"><source><sc id="1"/>a</source><target>b</target></mtc:match></mtc:matches>`, 1)
	got = strings.Join(xliff2Problems(parseXML(t, []byte(broken)), "2.0"), "\n")
	for _, want := range []string{`id "1" used twice`, "subType xlf:lb wants type fmt", `dataRef="d9"> names no <data>`, `<mtc:match ref="#m9"> points at nothing`, `<sc id="1"> ends outside the match but is not isolated`} {
		if !strings.Contains(got, want) {
			t.Errorf("the checks miss %q in a broken file; they found:\n%s", want, got)
		}
	}
	var buf bytes.Buffer
	if err := interchange.WriteXLIFF(&buf, &interchange.XLIFF{Version: "2.2", SrcLang: "zh", TgtLang: "ru"}); err == nil || !strings.Contains(err.Error(), `version "2.2" is not supported (1.2, 2.0 or 2.1)`) {
		t.Errorf("2.2, whose namespace differs: %v", err)
	}
}
