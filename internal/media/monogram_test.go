package media

import (
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/lang"
)

// TestMonogram checks that a monogram writes the short name it is given, in
// rows that stay inside the tile, with its language declared, and nothing a
// page must not serve from its own origin. A name breaks only at its spaces
// and at the break hints stored in it (U+200B), never inside a Chinese word
// the server has no dictionary to find; without either it stays on one line.
func TestMonogram(t *testing.T) {
	tests := []struct {
		text, tag string
		rows      []string
	}{
		{"CASS", "en-GB", []string{"CASS"}},
		{"КАОН", "ru-RU", []string{"КАОН"}},
		{"РСМД", "ru-RU", []string{"РСМД"}},
		{"社科院", "zh-CN", []string{"社科院"}},
		// Chinese names without hints: one line, however long.
		{"中国社科院", "zh-CN", []string{"中国社科院"}},
		{"俄国际事务委员会", "zh-CN", []string{"俄国际事务委员会"}},
		{"俄罗斯国际事务委员会", "zh-CN", []string{"俄罗斯国际事务委员会"}},
		// With hints: broken there, onto the lines that make the largest
		// letters.
		{"中国\u200b社科院", "zh-CN", []string{"中国", "社科院"}},
		{"俄罗斯\u200b国际事务\u200b委员会", "zh-CN", []string{"俄罗斯", "国际事务", "委员会"}},
		{"上海\u200b国际问题\u200b研究院", "zh-CN", []string{"上海", "国际问题", "研究院"}},
		{"\u200b社科院\u200b", "zh-CN", []string{"社科院"}},
		// A hint is not used where one line gives larger letters.
		{"中\u200b国", "zh-CN", []string{"中国"}},
		// Spaces are places to break; no-break spaces are not.
		{"Российский совет по международным делам", "ru-RU", []string{"Российский", "совет по", "международным", "делам"}},
		{"Совет\u00a0РФ", "ru-RU", []string{"Совет\u00a0РФ"}},
		{"R&D <Lab>", "en-GB", []string{"R&D", "<Lab>"}},
		{"  Two   Spaces ", "en-GB", []string{"Two", "Spaces"}},
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

// FuzzMonogram draws arbitrary names: the SVG is well-formed, its lines hold
// the name's words whole and in order (a line breaks only between two words,
// where the name has a space or a break hint), and none leaves the box.
func FuzzMonogram(f *testing.F) {
	for _, s := range []string{"RIAC", "中国\u200b社科院", "俄罗斯\u200b国际事务\u200b委员会", "Российский совет по международным делам",
		"a\u00a0b c", "\u200b \u200b", "", "<&>\"'", "x\u200b\u200by  z", "\xff\xfe", "a\ufffeb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		if !utf8.ValidString(name) || lang.CheckPlain(name) != nil {
			return // the writers refuse such names
		}
		svg := Monogram(name, "zh-CN", "#2f6f75")
		var doc struct {
			G struct {
				Texts []struct {
					Length string `xml:"textLength,attr"`
					Text   string `xml:",chardata"`
				} `xml:"text"`
			} `xml:"g"`
		}
		if err := xml.Unmarshal(svg, &doc); err != nil {
			t.Fatalf("%q: %v\n%s", name, err, svg)
		}
		words := monogramWords(name)
		for i := range words {
			words[i].text = strings.Map(xmlChar, words[i].text)
		}
		var lines []string
		for _, tx := range doc.G.Texts {
			lines = append(lines, tx.Text)
			if l, _ := strconv.ParseFloat(tx.Length, 64); l > monogramBox+0.05 {
				t.Errorf("%q: line %q is %.1f px long", name, tx.Text, l)
			}
		}
		// Rebuild the lines from the words: each line must start at a word
		// and end with one.
		i := 0
		for _, line := range lines {
			if i >= len(words) {
				t.Fatalf("%q: more lines than words: %q", name, lines)
			}
			got := words[i].text
			i++
			for got != line && i < len(words) && len(got) < len(line) {
				got += words[i].before + words[i].text
				i++
			}
			if got != line {
				t.Fatalf("%q: line %q is not whole words (words %q)", name, line, words)
			}
		}
		if i != len(words) {
			t.Errorf("%q: lines %q leave out words of %q", name, lines, words)
		}
		if strings.ContainsRune(string(svg), lang.BreakHint) {
			t.Errorf("%q: the break hint is drawn", name)
		}
	})
}

// xmlChar returns r as XML text carries it: U+FFFD for a character XML 1.0
// does not allow.
func xmlChar(r rune) rune {
	if r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF {
		return r
	}
	return '\uFFFD'
}
