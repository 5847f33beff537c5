package docx

import (
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// numBuilder adds numbering definitions for lists that do not come from
// the template: one abstract definition and one list (w:num) per list, so
// that every list counts on its own, and a w:num more for each item whose
// label no pattern gives.
type numBuilder struct {
	root             *xnode // the template's numbering part, or nil
	nextAbs, nextNum int
	abstracts, nums  []string
	headingAbs       int // the definition numbered headings share, or -1
}

func newNumBuilder(root *xnode) *numBuilder {
	nb := &numBuilder{root: root, headingAbs: -1}
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
	"simp-chinese-informal": "chineseCounting", "cjk-heavenly-stem": "ideographTraditional",
	"cjk-earthly-branch": "ideographZodiac", "lower-greek": "greekLower",
}

var bullets = []string{"•", "◦", "▪"}

// numFmt writes a level's number format. Word has no Greek letters of its
// own: since Word 2010 a custom format gives them, with decimal numbers
// for older readers.
func numFmt(x *xb, format string) {
	if format == "greekLower" {
		x.WriteString(`<mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="α, β, γ, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent>`)
		return
	}
	x.empty("w:numFmt", "w:val", format)
}

// level writes one w:lvl.
func level(x *xb, ilvl, start int, format, text string) {
	x.open("w:lvl", "w:ilvl", strconv.Itoa(ilvl))
	x.empty("w:start", "w:val", strconv.Itoa(start))
	numFmt(x, format)
	if doc.EndsFullWidth(text) {
		x.empty("w:suff", "w:val", "nothing")
	}
	x.empty("w:lvlText", "w:val", text)
	x.empty("w:lvlJc", "w:val", "left")
	x.open("w:pPr")
	x.empty("w:ind", "w:left", strconv.Itoa(720*(ilvl+1)), "w:hanging", "360")
	x.close("w:pPr")
	x.close("w:lvl")
}

// list defines the numbering of a list written at nesting depth depth and
// returns the numId of each of its items. Labels the source wrote
// ("Статья 3.", "(iv)") become the level's text when one pattern gives
// them all ("Статья %1."); otherwise each labelled item gets its own
// w:num whose level shows its label as it is.
func (nb *numBuilder) list(l *doc.List, depth int) []int {
	abs := nb.nextAbs
	nb.nextAbs++
	format := "bullet"
	start := 1
	if l.Ordered {
		if format = wordFormats[l.Style]; format == "" {
			format = "decimal"
		}
		if l.Start > 0 {
			start = l.Start
		}
	}
	labelled := 0
	for _, it := range l.Items {
		if it.Label != "" {
			labelled++
		}
	}
	text := levelText(format, depth)
	literal := false
	if labelled > 0 {
		if p, ok := labelPattern(l, format, depth, start); ok && labelled == len(l.Items) {
			text = p
			if !l.Ordered {
				format = "none"
			}
		} else {
			literal = true
		}
	}
	var x xb
	x.open("w:abstractNum", "w:abstractNumId", strconv.Itoa(abs))
	x.empty("w:multiLevelType", "w:val", "hybridMultilevel")
	for lvl := 0; lvl < 9; lvl++ {
		if lvl == depth {
			level(&x, lvl, start, format, text)
		} else {
			level(&x, lvl, 1, format, levelText(format, lvl))
		}
	}
	x.close("w:abstractNum")
	nb.abstracts = append(nb.abstracts, x.String())
	base := nb.num(abs, "")
	ids := make([]int, len(l.Items))
	for k, it := range l.Items {
		ids[k] = base
		if literal && it.Label != "" {
			f := format
			if !l.Ordered {
				f = "none"
			}
			var o xb
			o.open("w:lvlOverride", "w:ilvl", strconv.Itoa(depth))
			level(&o, depth, start+k, f, strings.ReplaceAll(it.Label, "%", "％"))
			o.close("w:lvlOverride")
			ids[k] = nb.num(abs, o.String())
		}
	}
	return ids
}

// heading returns a numId that shows number, as the source numbered it,
// before a heading of the given level: a level of its own that shows the
// number as text, since the headings' numbers need not follow one
// pattern.
func (nb *numBuilder) heading(lvl int, number string) int {
	if nb.headingAbs < 0 {
		nb.headingAbs = nb.nextAbs
		nb.nextAbs++
		var x xb
		x.open("w:abstractNum", "w:abstractNumId", strconv.Itoa(nb.headingAbs))
		x.empty("w:multiLevelType", "w:val", "multilevel")
		for i := 0; i < 9; i++ {
			x.open("w:lvl", "w:ilvl", strconv.Itoa(i))
			x.empty("w:start", "w:val", "1")
			x.empty("w:numFmt", "w:val", "none")
			x.empty("w:suff", "w:val", "space")
			x.empty("w:lvlText", "w:val", "")
			x.empty("w:lvlJc", "w:val", "left")
			x.close("w:lvl")
		}
		x.close("w:abstractNum")
		nb.abstracts = append(nb.abstracts, x.String())
	}
	var o xb
	o.open("w:lvlOverride", "w:ilvl", strconv.Itoa(lvl))
	o.open("w:lvl", "w:ilvl", strconv.Itoa(lvl))
	o.empty("w:start", "w:val", "1")
	o.empty("w:numFmt", "w:val", "none")
	o.empty("w:suff", "w:val", suffix(number, "space"))
	o.empty("w:lvlText", "w:val", strings.ReplaceAll(number, "%", "％"))
	o.empty("w:lvlJc", "w:val", "left")
	o.close("w:lvl")
	o.close("w:lvlOverride")
	return nb.num(nb.headingAbs, o.String())
}

// num adds a w:num over an abstract definition, with level overrides.
func (nb *numBuilder) num(abs int, overrides string) int {
	id := nb.nextNum
	nb.nextNum++
	var x xb
	x.open("w:num", "w:numId", strconv.Itoa(id))
	x.empty("w:abstractNumId", "w:val", strconv.Itoa(abs))
	x.WriteString(overrides)
	x.close("w:num")
	nb.nums = append(nb.nums, x.String())
	return id
}

// levelText is the label of a level: its number and a full stop (an
// ideographic comma for Chinese numbers), or a bullet.
func levelText(format string, lvl int) string {
	switch format {
	case "bullet":
		return bullets[lvl%len(bullets)]
	case "chineseCounting", "ideographTraditional", "ideographZodiac":
		return "%" + strconv.Itoa(lvl+1) + "、"
	}
	return "%" + strconv.Itoa(lvl+1) + "."
}

// labelPattern derives a level's text from the items' labels: the first
// label with its number replaced by the level's placeholder ("Статья 3."
// → "Статья %1."), if that pattern gives every label; for a list without
// numbers, the label itself if every item has the same.
func labelPattern(l *doc.List, format string, lvl, start int) (string, bool) {
	var pattern string
	found := false
	for k, it := range l.Items {
		if it.Label == "" {
			continue
		}
		if !l.Ordered {
			if found && it.Label != pattern {
				return "", false
			}
			pattern, found = it.Label, true
			continue
		}
		num := formatNumber(start+k, format)
		if !found {
			i := strings.Index(it.Label, num)
			if i < 0 || num == "" || strings.Contains(it.Label, "%") {
				return "", false
			}
			pattern, found = it.Label[:i]+"%"+strconv.Itoa(lvl+1)+it.Label[i+len(num):], true
		}
		if strings.Replace(pattern, "%"+strconv.Itoa(lvl+1), num, 1) != it.Label {
			return "", false
		}
	}
	return pattern, found
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

// relabel defines the numbering of a list of the template whose labels
// the document changed (translated: "Статья 1." → "第1条"): a copy of the
// template's definition that numId uses, counting on its own from the
// list's start, whose level ilvl shows the pattern of the new labels
// ("第%1条") where one pattern gives them all, and otherwise one w:num per
// labelled item whose level shows its label as it is; restyled, when not
// "", is the level's new number format (format, in which the labels are
// read). The other levels
// and the level's indents, fonts and alignment stay the template's. It
// returns the numId of each item, or nil when the template's definition
// cannot be found (the caller then numbers the list as its own).
func (nb *numBuilder) relabel(l *doc.List, numID, ilvl int, format, restyled string) []int {
	abs, lvls := nb.templateDef(numID)
	if abs == nil || lvls[ilvl] == nil {
		return nil
	}
	start := max(l.Start, 1)
	if !l.Ordered {
		start = 1
	}
	labelled := 0
	for _, it := range l.Items {
		if it.Label != "" {
			labelled++
		}
	}
	text, literal := "", false
	if p, ok := labelPattern(l, format, ilvl, start); ok && labelled == len(l.Items) {
		text = p
	} else if labelled > 0 {
		literal = true
	}
	id := nb.nextAbs
	nb.nextAbs++
	var x xb
	x.open("w:abstractNum", "w:abstractNumId", strconv.Itoa(id))
	for _, k := range abs.elems() {
		switch {
		case k.isW("nsid"), k.isW("tmpl"), k.isW("styleLink"), k.isW("name"):
		case k.isW("lvl"):
			i, _ := strconv.Atoi(k.attr("ilvl"))
			if i == ilvl {
				copyLevel(&x, lvls[i], i, start, text, restyled, false)
			} else {
				copyLevel(&x, lvls[i], i, -1, "", "", false)
			}
		default:
			x.writeCanon(k)
		}
	}
	x.close("w:abstractNum")
	nb.abstracts = append(nb.abstracts, x.String())
	base := nb.num(id, "")
	ids := make([]int, len(l.Items))
	for k, it := range l.Items {
		ids[k] = base
		if literal && it.Label != "" {
			var o xb
			o.open("w:lvlOverride", "w:ilvl", strconv.Itoa(ilvl))
			copyLevel(&o, lvls[ilvl], ilvl, start+k, strings.ReplaceAll(it.Label, "%", "％"), "none", false)
			o.close("w:lvlOverride")
			ids[k] = nb.num(id, o.String())
		}
	}
	return ids
}

// templateDef returns the template's abstract definition that list numID
// uses and its levels by number, those the list overrides in their place;
// nil when the template has none or links it to a numbering style.
func (nb *numBuilder) templateDef(numID int) (*xnode, map[int]*xnode) {
	if nb.root == nil {
		return nil, nil
	}
	var num, abs *xnode
	for _, e := range nb.root.elems() {
		if e.isW("num") && e.attr("numId") == strconv.Itoa(numID) {
			num = e
		}
	}
	if num == nil || num.child(nsW, "abstractNumId") == nil {
		return nil, nil
	}
	absID := num.child(nsW, "abstractNumId").attr("val")
	for _, e := range nb.root.elems() {
		if e.isW("abstractNum") && e.attr("abstractNumId") == absID {
			abs = e
		}
	}
	if abs == nil || abs.child(nsW, "numStyleLink") != nil {
		return nil, nil
	}
	lvls := map[int]*xnode{}
	for _, k := range abs.elems() {
		if k.isW("lvl") {
			if i, err := strconv.Atoi(k.attr("ilvl")); err == nil {
				lvls[i] = k
			}
		}
	}
	for _, o := range num.elems() {
		if o.isW("lvlOverride") {
			if i, err := strconv.Atoi(o.attr("ilvl")); err == nil && o.child(nsW, "lvl") != nil {
				lvls[i] = o.child(nsW, "lvl")
			}
		}
	}
	return abs, lvls
}

// planDef is a numbering definition the writer made from a plan: its
// abstract definition's id, the plan, and the template's levels it
// copies (nil for a definition of the writer's own).
type planDef struct {
	abs  int
	plan [9]planLevel
	tmpl map[int]*xnode
}

// copyPlanned defines a copy of the template's definition that list
// numID uses, whose planned levels show the plan's numbers (format, text,
// start) with the template's indents, fonts and alignment, its kept and
// unused levels as the template has them; nil when the template's
// definition cannot be found.
func (nb *numBuilder) copyPlanned(numID int, plan [9]planLevel) *planDef {
	abs, lvls := nb.templateDef(numID)
	if abs == nil {
		return nil
	}
	for i, p := range plan {
		if p.used && lvls[i] == nil {
			return nil
		}
	}
	d := &planDef{abs: nb.nextAbs, plan: plan, tmpl: lvls}
	nb.nextAbs++
	var x xb
	x.open("w:abstractNum", "w:abstractNumId", strconv.Itoa(d.abs))
	for _, k := range abs.elems() {
		switch {
		case k.isW("nsid"), k.isW("tmpl"), k.isW("styleLink"), k.isW("name"):
		case k.isW("lvl"):
			i, _ := strconv.Atoi(k.attr("ilvl"))
			if i >= 0 && i < 9 {
				nb.planLevel(&x, d, i, plan[i].text)
			}
		default:
			x.writeCanon(k)
		}
	}
	x.close("w:abstractNum")
	nb.abstracts = append(nb.abstracts, x.String())
	return d
}

// planned defines numbering of the writer's own for numbered headings,
// its levels those of plan (unplanned levels show nothing), each number
// followed by a space.
func (nb *numBuilder) planned(plan [9]planLevel) *planDef {
	d := &planDef{abs: nb.nextAbs, plan: plan}
	nb.nextAbs++
	var x xb
	x.open("w:abstractNum", "w:abstractNumId", strconv.Itoa(d.abs))
	x.empty("w:multiLevelType", "w:val", "multilevel")
	for i, p := range plan {
		nb.planLevel(&x, d, i, p.text)
	}
	x.close("w:abstractNum")
	nb.abstracts = append(nb.abstracts, x.String())
	return d
}

// planLevel writes level L of d as a w:lvl whose text is text: a copy of
// the template's level, or the writer's own.
func (nb *numBuilder) planLevel(x *xb, d *planDef, L int, text string) {
	p := d.plan[L]
	if d.tmpl != nil {
		if !p.used || p.kept {
			copyLevel(x, d.tmpl[L], L, -1, "", "", false)
		} else {
			copyLevel(x, d.tmpl[L], L, p.start, text, p.format, p.legal)
		}
		return
	}
	if !p.used {
		p = planLevel{start: 1, format: "none"}
	}
	x.open("w:lvl", "w:ilvl", strconv.Itoa(L))
	x.empty("w:start", "w:val", strconv.Itoa(p.start))
	numFmt(x, p.format)
	if p.legal {
		x.empty("w:isLgl")
	}
	x.empty("w:suff", "w:val", suffix(text, "space"))
	x.empty("w:lvlText", "w:val", text)
	x.empty("w:lvlJc", "w:val", "left")
	x.close("w:lvl")
}

// suffix is the w:suff of a level whose label is text: nothing after a
// label that ends with a full-width mark, which Chinese sets against its
// text (一、主要内容, see doc.LabelSpace), else other.
func suffix(text, other string) string {
	if doc.EndsFullWidth(text) {
		return "nothing"
	}
	return other
}

// levelOverride returns a w:lvlOverride of level L of d whose level shows
// text, the numbers of the levels above it shows each in its own format
// (no w:isLgl).
func (nb *numBuilder) levelOverride(d *planDef, L int, text string) string {
	own := *d
	own.plan[L].legal = false
	var o xb
	o.open("w:lvlOverride", "w:ilvl", strconv.Itoa(L))
	nb.planLevel(&o, &own, L, text)
	o.close("w:lvlOverride")
	return o.String()
}

// startOverrides returns the w:lvlOverride elements of the template's
// list numID that restart levels (w:startOverride), and false when the
// list also replaces a level (w:lvl), which a copy of its abstract
// definition would not show.
func (nb *numBuilder) startOverrides(numID int) (string, bool) {
	if nb.root == nil {
		return "", true
	}
	var x xb
	for _, e := range nb.root.elems() {
		if !e.isW("num") || e.attr("numId") != strconv.Itoa(numID) {
			continue
		}
		for _, o := range e.elems() {
			if !o.isW("lvlOverride") {
				continue
			}
			if o.child(nsW, "lvl") != nil {
				return "", false
			}
			if so := o.child(nsW, "startOverride"); so != nil {
				x.open("w:lvlOverride", "w:ilvl", o.attr("ilvl"))
				x.empty("w:startOverride", "w:val", so.attr("val"))
				x.close("w:lvlOverride")
			}
		}
	}
	return x.String(), true
}

// copyLevel writes a w:lvl of the template as level ilvl, with its start
// (unless start < 0), level text (unless text is "") and number format
// (unless format is "") replaced; "none" makes the text the label
// itself, with no number. A level whose numbers are replaced counts as
// Word counts by default (no w:lvlRestart, no w:isLgl), as the plan
// assumes, unless legal (w:isLgl: the levels above in digits); a copy is
// linked to no paragraph style (w:pStyle), which stays with the
// template's definition.
func copyLevel(x *xb, lvl *xnode, ilvl, start int, text, format string, legal bool) {
	x.open("w:lvl", "w:ilvl", strconv.Itoa(ilvl))
	if start >= 0 {
		x.empty("w:start", "w:val", strconv.Itoa(start))
	}
	replaced := format != "" || text != ""
	textDone := text == ""
	// A label of the writer's that ends with a full-width mark is set
	// against its text, whatever the template's level did.
	closeLabel := doc.EndsFullWidth(text)
	fmtDone := format == ""
	for _, k := range lvl.elems() {
		isFmt := k.isW("numFmt") || k.is(nsMC, "AlternateContent")
		if !fmtDone && !k.isW("start") {
			// w:numFmt comes right after w:start.
			numFmt(x, format)
			fmtDone = true
		}
		if legal && !k.isW("start") && !isFmt && !k.isW("lvlRestart") && !k.isW("pStyle") && !k.isW("isLgl") {
			x.empty("w:isLgl")
			legal = false
		}
		switch {
		case k.isW("start") && start >= 0:
		case k.isW("pStyle"):
		case replaced && (k.isW("lvlRestart") || k.isW("isLgl")):
		case format != "" && isFmt:
		case k.isW("suff") && closeLabel:
		case k.isW("lvlText") && text != "":
			if closeLabel {
				x.empty("w:suff", "w:val", "nothing")
			}
			x.empty("w:lvlText", "w:val", text)
			textDone = true
		case !textDone && (k.isW("lvlPicBulletId") || k.isW("legacy") || k.isW("lvlJc") || k.isW("pPr") || k.isW("rPr")):
			if closeLabel {
				x.empty("w:suff", "w:val", "nothing")
			}
			x.empty("w:lvlText", "w:val", text)
			textDone = true
			x.writeCanon(k)
		default:
			x.writeCanon(k)
		}
	}
	if !fmtDone {
		numFmt(x, format)
	}
	if legal {
		x.empty("w:isLgl")
	}
	if !textDone {
		if closeLabel {
			x.empty("w:suff", "w:val", "nothing")
		}
		x.empty("w:lvlText", "w:val", text)
	}
	x.close("w:lvl")
}
