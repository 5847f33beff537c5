package media

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
)

// TestMonogram checks that a monogram writes the short name it is given, in
// rows that stay inside the tile, with its language declared, and nothing a
// page must not serve from its own origin.
func TestMonogram(t *testing.T) {
	tests := []struct {
		text, tag string
		rows      []string
	}{
		{"CASS", "en-GB", []string{"CASS"}},
		{"КАОН", "ru-RU", []string{"КАОН"}},
		{"РСМД", "ru-RU", []string{"РСМД"}},
		{"社科院", "zh-CN", []string{"社科院"}},
		{"中国社科院", "zh-CN", []string{"中国社", "科院"}},
		{"俄国际事务委员会", "zh-CN", []string{"俄国际", "事务委", "员会"}},
		{"俄罗斯国际事务委员会", "zh-CN", []string{"俄罗斯国", "际事务", "委员会"}},
		{"Российский совет по международным делам", "ru-RU", []string{"Российский совет по международным делам"}},
		{"R&D <Lab>", "en-GB", []string{"R&D <Lab>"}},
	}
	for _, tt := range tests {
		svg := Monogram(tt.text, tt.tag, "#2f6f75")
		for _, bad := range []string{"<script", "<!", "<foreignObject", " on", "href", "url("} {
			if strings.Contains(string(svg), bad) {
				t.Errorf("%s: monogram contains %q", tt.text, bad)
			}
		}
		w, h, err := svgSize(svg)
		if err != nil || w != MonogramSize || h != MonogramSize {
			t.Errorf("%s: size %d×%d, %v", tt.text, w, h, err)
		}
		var doc struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			G    struct {
				Size  string `xml:"font-size,attr"`
				Texts []struct {
					Length string `xml:"textLength,attr"`
					Y      string `xml:"y,attr"`
					Text   string `xml:",chardata"`
				} `xml:"text"`
			} `xml:"g"`
		}
		if err := xml.Unmarshal(svg, &doc); err != nil {
			t.Fatalf("%s: %v\n%s", tt.text, err, svg)
		}
		var rows []string
		size, _ := strconv.ParseFloat(doc.G.Size, 64)
		for _, tx := range doc.G.Texts {
			rows = append(rows, tx.Text)
			length, _ := strconv.ParseFloat(tx.Length, 64)
			y, _ := strconv.ParseFloat(tx.Y, 64)
			if length <= 0 || length > monogramBox {
				t.Errorf("%s: row %q is %.1f px long, the box is %d", tt.text, tx.Text, length, monogramBox)
			}
			if y-size/2 < 28 || y+size/2 > MonogramSize-28 {
				t.Errorf("%s: row %q at y=%.1f, size %.1f, leaves the box", tt.text, tx.Text, y, size)
			}
		}
		if strings.Join(rows, "|") != strings.Join(tt.rows, "|") {
			t.Errorf("%s: rows %q, want %q", tt.text, rows, tt.rows)
		}
		if doc.Lang != tt.tag {
			t.Errorf("%s: xml:lang %q, want %q", tt.text, doc.Lang, tt.tag)
		}
	}
}
