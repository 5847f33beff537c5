package docx

import (
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// numBuilder adds numbering definitions for lists that do not come from
// the template: one abstract definition and one list (w:num) per list, so
// that every list counts on its own.
type numBuilder struct {
	root             *xnode // the template's numbering part, or nil
	nextAbs, nextNum int
	abstracts, nums  []string
}

func newNumBuilder(root *xnode) *numBuilder {
	nb := &numBuilder{root: root}
	if root != nil {
		for _, e := range root.elems() {
			switch {
			case e.isW("abstractNum"):
				if n, err := strconv.Atoi(e.attr("abstractNumId")); err == nil && n >= nb.nextAbs {
					nb.nextAbs = n + 1
				}
			case e.isW("num"):
				if n, err := strconv.Atoi(e.attr("numId")); err == nil && n >= nb.nextNum {
					nb.nextNum = n + 1
				}
			}
		}
	}
	nb.nextNum = max(nb.nextNum, 1)
	return nb
}

// wordFormats maps the model's CSS list-style-type to Word's number
// formats.
var wordFormats = map[string]string{
	"": "decimal", "decimal": "decimal", "lower-alpha": "lowerLetter", "lower-latin": "lowerLetter",
	"upper-alpha": "upperLetter", "upper-latin": "upperLetter", "lower-roman": "lowerRoman",
	"upper-roman": "upperRoman", "decimal-leading-zero": "decimalZero", "cyrillic-lower": "russianLower",
	"cyrillic-upper": "russianUpper", "cjk-ideographic": "chineseCounting", "cjk-decimal": "decimal",
	"simp-chinese-informal": "chineseCounting",
}

var bullets = []string{"•", "◦", "▪"}

// list defines the numbering of a list written at nesting depth depth
// and returns its numId.
func (nb *numBuilder) list(l *doc.List, depth int) int {
	abs, num := nb.nextAbs, nb.nextNum
	nb.nextAbs++
	nb.nextNum++
	fmtName := "bullet"
	if l.Ordered {
		fmtName = wordFormats[l.Style]
		if fmtName == "" {
			fmtName = "decimal"
		}
	}
	text := levelText(fmtName, depth)
	if p, ok := labelPattern(l, fmtName, depth); ok {
		text = p
	}
	var x xb
	x.open("w:abstractNum", "w:abstractNumId", strconv.Itoa(abs))
	x.empty("w:multiLevelType", "w:val", "hybridMultilevel")
	for lvl := 0; lvl < 9; lvl++ {
		f, t, start := fmtName, levelText(fmtName, lvl), 1
		if lvl == depth {
			t = text
			if l.Ordered && l.Start > 0 {
				start = l.Start
			}
		}
		x.open("w:lvl", "w:ilvl", strconv.Itoa(lvl))
		x.empty("w:start", "w:val", strconv.Itoa(start))
		x.empty("w:numFmt", "w:val", f)
		x.empty("w:lvlText", "w:val", t)
		x.empty("w:lvlJc", "w:val", "left")
		x.open("w:pPr")
		x.empty("w:ind", "w:left", strconv.Itoa(720*(lvl+1)), "w:hanging", "360")
		x.close("w:pPr")
		x.close("w:lvl")
	}
	x.close("w:abstractNum")
	nb.abstracts = append(nb.abstracts, x.String())
	x.Reset()
	x.open("w:num", "w:numId", strconv.Itoa(num))
	x.empty("w:abstractNumId", "w:val", strconv.Itoa(abs))
	x.close("w:num")
	nb.nums = append(nb.nums, x.String())
	return num
}

// levelText is the label of a level: its number and a full stop (an
// ideographic comma for Chinese numbers), or a bullet.
func levelText(format string, lvl int) string {
	switch format {
	case "bullet":
		return bullets[lvl%len(bullets)]
	case "chineseCounting":
		return "%" + strconv.Itoa(lvl+1) + "、"
	}
	return "%" + strconv.Itoa(lvl+1) + "."
}

// labelPattern derives the label text of a level from items' labels as
// the source wrote them ("Статья 3." → "Статья %1."); a bullet list takes
// its first label as its bullet.
func labelPattern(l *doc.List, format string, lvl int) (string, bool) {
	for k, it := range l.Items {
		if it.Label == "" {
			continue
		}
		if format == "bullet" {
			return it.Label, true
		}
		start := l.Start
		if start <= 0 {
			start = 1
		}
		num := formatNumber(start+k, format)
		if i := strings.Index(it.Label, num); i >= 0 && num != "" {
			return it.Label[:i] + "%" + strconv.Itoa(lvl+1) + it.Label[i+len(num):], true
		}
		return "", false
	}
	return "", false
}

// numberingXML writes the template's numbering part (or a new one) with
// the added definitions: abstract definitions before the first list, lists
// at the end, as the schema orders them.
func (nb *numBuilder) numberingXML() []byte {
	var x xb
	x.WriteString(xmlDecl)
	x.WriteString("<w:numbering" + rootNamespaces() + ">")
	absDone := false
	writeAbs := func() {
		if !absDone {
			for _, s := range nb.abstracts {
				x.WriteString(s)
			}
			absDone = true
		}
	}
	if nb.root != nil {
		for _, k := range nb.root.kids {
			if k.isW("num") || k.isW("numIdMacAtCleanup") {
				writeAbs()
			}
			if k.isW("numIdMacAtCleanup") {
				for _, s := range nb.nums {
					x.WriteString(s)
				}
				nb.nums = nil
			}
			x.writeCanon(k)
		}
	}
	writeAbs()
	for _, s := range nb.nums {
		x.WriteString(s)
	}
	x.WriteString("</w:numbering>")
	return x.Bytes()
}
