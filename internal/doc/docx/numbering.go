package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// numLevel is one level of a numbering definition.
type numLevel struct {
	start  int
	format string // w:numFmt: decimal, bullet, lowerLetter, …
	text   string // w:lvlText: "%1.%2."
	legal  bool   // w:isLgl: show all levels as decimal
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
	l := &numLevel{start: 1, format: "decimal"}
	err := x.children(func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "start":
			l.start, _ = strconv.Atoi(attr(s, "val"))
		case "numFmt":
			l.format = attr(s, "val")
		case "lvlText":
			l.text = attr(s, "val")
		case "isLgl":
			l.legal = onOff(s)
		}
		return x.skip()
	})
	return l, err
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
		if l := nb.level(numID, i); l != nil {
			c[i] = l.start - 1
		}
	}
	l := nb.level(numID, ilvl)
	if l == nil || l.format == "bullet" || l.format == "none" {
		return c[ilvl], ""
	}
	var b strings.Builder
	t := l.text
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			i++
			fm := "decimal"
			if kl := nb.level(numID, k); kl != nil && !l.legal {
				fm = kl.format
			}
			n := c[k]
			if k > ilvl {
				n = 0
			}
			b.WriteString(formatNumber(n, fm))
			continue
		}
		b.WriteByte(t[i])
	}
	return c[ilvl], b.String()
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
// list-style-type that matches its format.
func (l *numLevel) css() (ordered bool, style string) {
	if l == nil {
		return false, ""
	}
	switch l.format {
	case "bullet", "none":
		return false, ""
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
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional", "ideographDigital":
		return true, "cjk-ideographic"
	}
	return true, ""
}

func formatNumber(n int, format string) string {
	switch format {
	case "lowerLetter", "upperLetter", "russianLower", "russianUpper":
		alpha := []rune("abcdefghijklmnopqrstuvwxyz")
		if strings.HasPrefix(format, "russian") {
			alpha = []rune("абвгдежзиклмнопрстуфхцчшщэюя")
		}
		if n <= 0 {
			return strconv.Itoa(n)
		}
		// Word repeats the letter: a … z, aa … zz.
		s := strings.Repeat(string(alpha[(n-1)%len(alpha)]), (n-1)/len(alpha)+1)
		if strings.HasPrefix(format, "upper") || format == "russianUpper" {
			s = strings.ToUpper(s)
		}
		return s
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "chineseCounting", "chineseCountingThousand", "ideographTraditional", "ideographDigital", "chineseLegalSimplified":
		return chinese(n)
	case "bullet", "none":
		return ""
	}
	return strconv.Itoa(n)
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

func chinese(n int) string {
	digits := []rune("〇一二三四五六七八九")
	if n <= 0 || n >= 100 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return string(digits[n])
	}
	s := ""
	if n/10 > 1 {
		s = string(digits[n/10])
	}
	s += "十"
	if n%10 != 0 {
		s += string(digits[n%10])
	}
	return s
}
