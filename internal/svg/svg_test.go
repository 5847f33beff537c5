package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// wellFormed reports why data is not well-formed XML, or "".
func wellFormed(data []byte) string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return ""
		} else if err != nil {
			return err.Error()
		}
	}
}

// TestClean cleans hostile SVG images: what would run a script or
// fetch something when the image is opened by itself is gone, the drawing
// stays, and the result is well-formed XML; a DTD or entities, and XML
// that is not SVG, are refused.
func TestClean(t *testing.T) {
	const svgOpen = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">`
	for _, tc := range []struct {
		name, in string
		keep     []string // in the cleaned image
		gone     []string // not in it
	}{
		{"script", svgOpen + `<script>alert(1)</script><script xlink:href="https://evil.example/x.js"/><rect width="1" height="1"/></svg>`, []string{`<rect width="1" height="1">`}, []string{"script", "alert", "evil"}},
		{"XHTML script", svgOpen + `<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script><script xmlns="http://www.w3.org/1999/xhtml">alert(2)</script><circle r="1"/></svg>`, []string{"<circle"}, []string{"script", "alert"}},
		{"handlers", svgOpen + `<rect onclick="alert(1)" ONLOAD="alert(2)" onmouseover = "x()" width="2"/></svg>`, []string{`<rect width="2">`}, []string{"alert", "on", "x()"}},
		{"javascript links", svgOpen + `<a href=" JaVa&#x09;Script:alert(1)"><text>a</text></a><a xlink:href="javascript:alert(2)"><text>b</text></a><a href="#t"><text id="t">c</text></a></svg>`, []string{`<a href="#t">`, `<text>a</text>`}, []string{"alert", "avascript"}},
		{"javascript anywhere", svgOpen + `<rect width="1" data-x="javascript:alert(1)" fill="vbscript:x"/></svg>`, []string{`<rect width="1">`}, []string{"alert", "vbscript"}},
		{"animate href", svgOpen + `<a><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a><a><set attributeName="xlink:href" to="https://evil.example"/></a><animate attributeName=" href " to="#a"/></svg>`, []string{"<text>x</text>"}, []string{"animate", "<set", "alert", "evil"}},
		{"animate handler", svgOpen + `<rect width="1"><set attributeName="onbegin" to="alert(1)"/><animateTransform attributeName="transform" type="rotate" from="0" to="javascript:alert(2)"/><animateMotion path="M0 0" values="javascript:x"/><animate attributeName="x" from="0" to="5" dur="1s"/></rect></svg>`, []string{`<animate attributeName="x" from="0" to="5" dur="1s">`}, []string{"alert", "<set", "animateTransform", "animateMotion", "javascript"}},
		{"foreignObject", svgOpen + `<foreignObject width="5" height="5"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/></body></foreignObject><rect width="3"/></svg>`, []string{`<rect width="3">`}, []string{"foreignObject", "iframe", "evil", "body"}},
		{"outside references", svgOpen + `<image href="https://evil.example/a.png" width="1"/><image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="2"/><image href="data:image/svg+xml,%3Csvg%20onload=alert(1)%3E"/><use xlink:href="other.svg#x"/><use href="#r"/><rect id="r" width="4"/></svg>`, []string{`<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="2">`, `<use href="#r">`, `xmlns:xlink="http://www.w3.org/1999/xlink"`}, []string{"evil", "other.svg", "svg+xml", "alert"}},
		{"styles that fetch", svgOpen + `<style>@import url(https://evil.example/a.css);</style><style>rect{fill:url(#g)}</style><rect style="fill:url(https://evil.example/p.png)" width="5"/><rect style="fill:url('#g')" fill="url(&quot;https://evil.example/f&quot;)" width="6"/><rect style="background:u\72l(https://evil.example)" width="7"/><circle filter="url(#f)" r="1"/></svg>`, []string{`<style>rect{fill:url(#g)}</style>`, `<rect width="5">`, `<rect style="fill:url(&#39;#g&#39;)" width="6">`, `<rect width="7">`, `<circle filter="url(#f)" r="1">`}, []string{"evil", "@import", `\72`}},
		{"comments and instructions", `<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/s.css"?><!-- hi -->` + svgOpen + `<!-- <script>alert(1)</script> --><title>T &amp; U</title><text><![CDATA[a < b]]></text></svg>`, []string{`<title>T &amp; U</title>`, `<text>a &lt; b</text>`}, []string{"evil", "alert", "<!--", "<?"}},
		{"other namespaces", `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ink="http://www.inkscape.org/namespaces/inkscape" ink:version="1" width="1"><ink:namedview/><metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata><rect xml:space="preserve" width="1"/></svg>`, []string{`<metadata></metadata>`, `<rect xml:space="preserve" width="1">`}, []string{"ink", "rdf"}},
		{"prefixed SVG", `<s:svg xmlns:s="http://www.w3.org/2000/svg" width="1"><s:rect width="2"/></s:svg>`, []string{`<svg xmlns="http://www.w3.org/2000/svg" width="1"><rect width="2"></rect></svg>`}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out, err := Clean([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			s := string(out)
			if why := wellFormed(out); why != "" {
				t.Fatalf("not well-formed (%s): %s", why, s)
			}
			if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg"`) {
				t.Errorf("no SVG root with its namespace: %s", s)
			}
			for _, k := range tc.keep {
				if !strings.Contains(s, k) {
					t.Errorf("lost %s: %s", k, s)
				}
			}
			for _, g := range tc.gone {
				if strings.Contains(strings.ToLower(s), strings.ToLower(g)) {
					t.Errorf("keeps %q: %s", g, s)
				}
			}
		})
	}
	for _, bad := range []string{
		`<!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>`,
		`<!DOCTYPE svg SYSTEM "https://evil.example/svg.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><text>&nbsp;</text></svg>`,
		`<html><body><svg/></body></html>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><rect></svg></rect>`,
		`<svg xmlns="http://www.w3.org/2000/svg"/><svg onload="x()"/>`,
		`<x:svg xmlns:x="urn:other"/>`,
		`plain text`,
		strings.Repeat(`<g>`, 300),
	} {
		if out, err := Clean([]byte(bad)); err == nil || !errors.Is(err, ErrNotSVG) {
			t.Errorf("%.60s: %v, %s; want refused as not SVG", bad, err, out)
		}
	}
}

// FuzzClean checks that whatever Clean keeps is well-formed XML
// that it keeps as it is when cleaned again.
func FuzzClean(f *testing.F) {
	f.Add(`<svg xmlns="http://www.w3.org/2000/svg" onload="x()"><script>y()</script><a href="javascript:z"><text>t</text></a></svg>`)
	f.Add(`<svg><style>a{fill:url(#g)}</style><set attributeName="href" to="javascript:x"/><rect style="fill:url(http://e/)"/></svg>`)
	f.Add(`<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:g><![CDATA[a<b]]></s:g></s:svg>`)
	f.Fuzz(func(t *testing.T, in string) {
		out, err := Clean([]byte(in))
		if err != nil {
			return
		}
		if why := wellFormed(out); why != "" {
			t.Fatalf("not well-formed (%s): %s", why, out)
		}
		again, err := Clean(out)
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("cleaned again: %v\n%s\n%s", err, out, again)
		}
	})
}
