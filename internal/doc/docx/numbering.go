package docx

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// numLevel is one level of a numbering definition.
type numLevel struct {
	start   int
	format  string // w:numFmt: decimal, bullet, lowerLetter, …; for custom formats see customFormat
	text    string // w:lvlText: "%1.%2.", in font
	font    string // the font of the label (w:rPr w:rFonts), for symbol fonts
	legal   bool   // w:isLgl: show all levels as decimal
	restart int    // w:lvlRestart: restart after this level (1-based) is used; 0 never; -1 unset
}

type numbering struct {
	abstract map[int]*[9]*numLevel
	nums     map[int]numDef
	counters map[int]*[9]int // per abstract numbering, as Word counts
	used     map[int]bool    // numIds seen, for their start overrides
}

type numDef struct {
	abstract  int
	overrides map[int]*numLevel // a whole level replaced
	starts    map[int]int       // w:startOverride per level
}

func (p *pkg) readNumbering(name string) (*numbering, error) {
	nb := &numbering{abstract: map[int]*[9]*numLevel{}, nums: map[int]numDef{}, counters: map[int]*[9]int{}, used: map[int]bool{}}
	err := p.eachChild(name, func(x *xmlPart, s xml.StartElement) error {
		switch wname(s.Name) {
		case "abstractNum":
			id, _ := strconv.Atoi(attr(s, "abstractNumId"))
			levels := new([9]*numLevel)
			nb.abstract[id] = levels
			return x.children(func(s xml.StartElement) error {
				if wname(s.Name) != "lvl" {
					return x.skip()
				}
				i, _ := strconv.Atoi(attr(s, "ilvl"))
				l, err := readLevel(x)
				if i >= 0 && i < 9 {
					levels[i] = l
				}
				return err
			})
		case "num":
			id, _ := strconv.Atoi(attr(s, "numId"))
			def := numDef{overrides: map[int]*numLevel{}, starts: map[int]int{}}
			err := x.children(func(s xml.StartElement) error {
				switch wname(s.Name) {
				case "abstractNumId":
					def.abstract, _ = strconv.Atoi(attr(s, "val"))
				case "lvlOverride":
					i, _ := strconv.Atoi(attr(s, "ilvl"))
					return x.children(func(c xml.StartElement) error {
						switch wname(c.Name) {
						case "startOverride":
							def.starts[i], _ = strconv.Atoi(attr(c, "val"))
						case "lvl":
							l, err := readLevel(x)
							def.overrides[i] = l
							return err
						}
						return x.skip()
					})
				}
				return x.skip()
			})
			nb.nums[id] = def
			return err
		}
		return x.skip()
	})
	return nb, err
}

func readLevel(x *xmlPart) (*numLevel, error) {
	l := &numLevel{start: 1, format: "decimal", restart: -1}
	// customDone says a custom format of an mc:Choice was understood, so
	// the mc:Fallback's plainer format is not needed.
	customDone := false
	var visit func(s xml.StartElement) error
	visit = func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "start":
			l.start, _ = strconv.Atoi(attr(s, "val"))
		case "numFmt":
			f := attr(s, "val")
			if f == "custom" {
				if c := customFormat(attr(s, "format")); c != "" {
					l.format, customDone = c, true
				}
			} else if !customDone {
				l.format = f
			}
		case "lvlText":
			l.text = attr(s, "val")
		case "isLgl":
			l.legal = onOff(s)
		case "lvlRestart":
			l.restart, _ = strconv.Atoi(attr(s, "val"))
		case "rPr":
			r, err := readRunProps(x)
			l.font = r.rpr.font
			return err
		default:
			if isAlternate(s) {
				return x.children(func(c xml.StartElement) error {
					if c.Name.Space == nsMC && (c.Name.Local == "Choice" || c.Name.Local == "Fallback") {
						return x.children(visit)
					}
					return x.skip()
				})
			}
		}
		return x.skip()
	}
	err := x.children(visit)
	if l.start < 0 {
		l.start = 0
	}
	return l, err
}

// customFormat turns a custom number format of Word 2010 (w14, given as
// examples: "001, 002, 003, ...", "α, β, γ, ...") into a format name
// formatNumber knows, or "" when it is not one of those.
func customFormat(f string) string {
	items := strings.Split(f, ",")
	if len(items) < 2 {
		return ""
	}
	first, second := strings.TrimSpace(items[0]), strings.TrimSpace(items[1])
	switch {
	case first == "α" && second == "β":
		return "greekLower"
	case first == "Α" && second == "Β":
		return "greekUpper"
	case len(first) >= 2 && strings.Trim(first, "0") == "1" && strings.HasSuffix(first, "1"):
		return "decimalZero" + strconv.Itoa(len(first))
	}
	return ""
}

// level returns the definition of level ilvl of list numID, or nil.
func (nb *numbering) level(numID, ilvl int) *numLevel {
	def, ok := nb.nums[numID]
	if !ok {
		return nil
	}
	if l := def.overrides[ilvl]; l != nil {
		return l
	}
	levels := nb.abstract[def.abstract]
	if levels == nil || ilvl < 0 || ilvl > 8 || levels[ilvl] == nil {
		return nil
	}
	l := *levels[ilvl]
	if s, ok := def.starts[ilvl]; ok {
		l.start = s
	}
	return &l
}

// next counts one more paragraph at level ilvl of list numID and returns
// its number and its label as the list would show it ("2.1.").
func (nb *numbering) next(numID, ilvl int) (value int, label string) {
	key := nb.group(numID)
	c := nb.counters[key]
	if c == nil {
		c = new([9]int)
		for i := range c {
			if l := nb.level(numID, i); l != nil {
				c[i] = l.start - 1
			}
		}
		nb.counters[key] = c
	}
	if !nb.used[numID] {
		// A list restarted in Word is a new w:num over the same abstract
		// numbering with a start override; the override applies from its
		// first paragraph.
		nb.used[numID] = true
		for i, s := range nb.nums[numID].starts {
			if i >= 0 && i < 9 {
				c[i] = s - 1
			}
		}
	}
	c[ilvl]++
	for i := ilvl + 1; i < 9; i++ {
		l := nb.level(numID, i)
		if l == nil {
			continue
		}
		// A deeper level starts again when this one is used, unless its
		// w:lvlRestart names a level above this one, or 0 (never).
		if l.restart < 0 || (l.restart > 0 && ilvl <= l.restart-1) {
			c[i] = l.start - 1
		}
	}
	l := nb.level(numID, ilvl)
	if l == nil || l.format == "bullet" {
		return c[ilvl], ""
	}
	var b strings.Builder
	t := l.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			i++
			if k > ilvl {
				continue // a level below this one has no number here
			}
			fm, n := "decimal", c[k]
			if kl := nb.level(numID, k); kl != nil {
				if !l.legal || kl.format == "none" || kl.format == "bullet" {
					fm = kl.format
				}
				if k < ilvl && n < kl.start {
					n = kl.start // a level above that was never used shows its start
				}
			}
			b.WriteString(formatNumber(n, fm))
			continue
		}
		b.WriteByte(t[i])
	}
	label = b.String()
	if table := symbolFont(l.font); table != nil {
		label, _ = mapSymbols(table, label)
	}
	return c[ilvl], label
}

// group returns the abstract numbering a list uses: paragraphs of lists
// over the same abstract numbering count on from each other.
func (nb *numbering) group(numID int) int {
	if def, ok := nb.nums[numID]; ok {
		return def.abstract
	}
	return -1 - numID
}

// css reports whether a level shows numbers, and the CSS
// list-style-type that shows them as Word does; "" when CSS has none (the
// items then carry their labels).
func (l *numLevel) css() (ordered bool, style string) {
	if l == nil {
		return false, ""
	}
	switch l.format {
	case "bullet", "none":
		return false, ""
	case "decimal":
		return true, "" // the default of an ordered list
	case "lowerLetter":
		return true, "lower-alpha"
	case "upperLetter":
		return true, "upper-alpha"
	case "lowerRoman":
		return true, "lower-roman"
	case "upperRoman":
		return true, "upper-roman"
	case "decimalZero":
		return true, "decimal-leading-zero"
	case "russianLower":
		return true, "cyrillic-lower"
	case "russianUpper":
		return true, "cyrillic-upper"
	case "greekLower":
		return true, "lower-greek"
	case "chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting":
		// LibreOffice saves Chinese counting as Taiwanese in a
		// document whose East Asian language is not Chinese.
		return true, "cjk-ideographic"
	case "ideographTraditional":
		return true, "cjk-heavenly-stem"
	case "ideographZodiac":
		return true, "cjk-earthly-branch"
	}
	return true, ""
}

// itemLabel returns the label an item of a list level keeps in the model:
// its label when the list's style would show something else.
func (l *numLevel) itemLabel(value int, label string) string {
	label = strings.TrimSpace(label)
	if l == nil || l.format == "bullet" || label == "" {
		return ""
	}
	ordered, style := l.css()
	if style == "" && l.format == "decimal" {
		style = "decimal"
	}
	if ordered && style != "" && label == doc.ListMarker(style, value) {
		return ""
	}
	return label
}

// formatNumber writes n in a w:numFmt format.
func formatNumber(n int, format string) string {
	switch format {
	case "lowerLetter", "upperLetter":
		return caseOf(doc.Alphabetic(n, "abcdefghijklmnopqrstuvwxyz"), format == "upperLetter")
	case "russianLower", "russianUpper":
		return caseOf(doc.Alphabetic(n, "абвгдежзиклмнопрстуфхцчшщэюя"), format == "russianUpper")
	case "greekLower", "greekUpper":
		return caseOf(doc.Alphabetic(n, "αβγδεζηθικλμνξοπρστυφχψω"), format == "greekUpper")
	case "lowerRoman", "upperRoman":
		return caseOf(doc.Roman(n), format == "upperRoman")
	case "chineseCounting", "taiwaneseCounting", "japaneseCounting":
		return doc.Chinese(n, "〇一二三四五六七八九", "十百千")
	case "chineseCountingThousand", "taiwaneseCountingThousand":
		return doc.Chinese(n, "零一二三四五六七八九", "十百千") // 一百零五
	case "chineseLegalSimplified":
		return doc.Chinese(n, "零壹贰叁肆伍陆柒捌玖", "拾佰仟")
	case "ideographLegalTraditional", "japaneseLegal":
		return doc.Chinese(n, "零壹貳參肆伍陸柒捌玖", "拾佰仟")
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		return mapDigits(n, "〇一二三四五六七八九")
	case "ideographTraditional", "ideographZodiac":
		return strings.TrimSuffix(doc.ListMarker(map[string]string{"ideographTraditional": "cjk-heavenly-stem", "ideographZodiac": "cjk-earthly-branch"}[format], n), "、")
	case "decimalFullWidth", "decimalFullWidth2":
		return mapDigits(n, "０１２３４５６７８９")
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		return enclosed(n, map[[2]int]rune{{1, 20}: '①', {21, 35}: '㉑', {36, 50}: '㊱'})
	case "decimalEnclosedParen":
		return enclosed(n, map[[2]int]rune{{1, 20}: '⑴'})
	case "decimalEnclosedFullstop":
		return enclosed(n, map[[2]int]rune{{1, 20}: '⒈'})
	case "ordinal":
		suffix := "th"
		if n%100 < 11 || n%100 > 13 {
			switch n % 10 {
			case 1:
				suffix = "st"
			case 2:
				suffix = "nd"
			case 3:
				suffix = "rd"
			}
		}
		return strconv.Itoa(n) + suffix
	case "numberInDash":
		return "- " + strconv.Itoa(n) + " -"
	case "chicago":
		if n <= 0 {
			return strconv.Itoa(n)
		}
		marks := []string{"*", "†", "‡", "§"}
		return strings.Repeat(marks[(n-1)%4], (n-1)/4+1)
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "bullet", "none":
		return ""
	}
	if w, ok := strings.CutPrefix(format, "decimalZero"); ok {
		if width, err := strconv.Atoi(w); err == nil && width < 10 {
			return fmt.Sprintf("%0*d", width, n)
		}
	}
	return strconv.Itoa(n)
}

// caseOf returns s in capitals when upper is true, in small letters
// otherwise.
func caseOf(s string, upper bool) string {
	if upper {
		return strings.ToUpper(s)
	}
	return strings.ToLower(s)
}

func mapDigits(n int, digits string) string {
	d := []rune(digits)
	var b strings.Builder
	for _, c := range strconv.Itoa(n) {
		if c >= '0' && c <= '9' {
			b.WriteRune(d[c-'0'])
		} else {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// enclosed writes n as an enclosed number from the ranges Unicode has,
// each mapping its first number to a character; outside them as digits.
func enclosed(n int, ranges map[[2]int]rune) string {
	for r, first := range ranges {
		if n >= r[0] && n <= r[1] {
			return string(first + rune(n-r[0]))
		}
	}
	return strconv.Itoa(n)
}
