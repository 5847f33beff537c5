package docx

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/doc"
)

// Numbering from labels. A translated document knows its headings'
// numbers and its items' labels only as text ("Article 3.", "第三条",
// "2.1."). For Word to go on numbering them (an article added in Word
// renumbers the ones after it), the writer finds the numbering levels
// that show those labels: for each level a w:lvlText ("Article %1.",
// "%1.%2."), a number format and a start, checked against every label by
// counting as Word counts. Only when no such levels give the labels
// (translations that differ from item to item) are the labels written as
// they are, each by a level of its own with no number.

// numItem is one numbered paragraph, in document order: its level
// (w:ilvl, 0–8) and the label it must show.
type numItem struct {
	lvl   int
	label string
	// starts are the levels' numbers from this item on (w:startOverride
	// of the list it is the first paragraph of: a list the source
	// restarts), nil when it continues counting.
	starts map[int]int
}

// planLevel is a level of a numbering definition planned from labels.
type planLevel struct {
	used   bool
	start  int
	format string // w:numFmt
	text   string // w:lvlText
	// legal shows the numbers of the levels above in digits (w:isLgl),
	// as "1.2." under "第一条".
	legal bool
	kept  bool // the template's level, not planned (levelHint.keep)
}

// levelHint is what the template says of a level, tried first: its
// number format (as the translation writes it) and its start. A kept
// level is not planned: it shows text in format from start, as the
// template has it (a level whose labels the translation did not change);
// with fixedStart the level's start is the template's, not the first
// label's (lists, whose counting is the template's).
type levelHint struct {
	format     string
	start      int
	keep       bool
	text       string
	fixedStart bool
}

// planFormats are the number formats labels are tried in, after the
// template's: digits, Roman numerals, Latin and Russian letters, Chinese
// counting.
var planFormats = []string{"decimal", "upperRoman", "lowerRoman", "upperLetter", "lowerLetter",
	"russianUpper", "russianLower", "chineseCounting", "chineseCountingThousand", "decimalZero"}

// planNumbering finds levels whose numbers, counted as Word counts them
// over items (a level starts again after a use of a level above it),
// show every item's label. Levels are planned from the top down, each
// from its first label: which of the label's numbers is the level's own,
// in which format, and which of the others are numbers of the levels
// above. It reports false when no levels give all the labels.
func planNumbering(items []numItem, hints [9]levelHint) ([9]planLevel, bool) {
	var plan [9]planLevel
	for _, it := range items {
		if it.lvl < 0 || it.lvl > 8 || (strings.TrimSpace(it.label) == "" && !hints[it.lvl].keep) {
			return plan, false
		}
		plan[it.lvl].used = true
	}
	for L := 0; L < 9; L++ {
		if h := hints[L]; h.keep {
			plan[L] = planLevel{used: plan[L].used, start: h.start, format: h.format, text: h.text, kept: true}
		}
	}
	for L := 0; L < 9; L++ {
		if !plan[L].used || plan[L].kept {
			continue
		}
		if !planLevelOf(items, &plan, L, hints[L]) {
			return plan, false
		}
	}
	return plan, true
}

// planLevelOf plans level L of plan, the levels above it being planned.
func planLevelOf(items []numItem, plan *[9]planLevel, L int, hint levelHint) bool {
	first := -1
	same := true
	for i, it := range items {
		if it.lvl != L {
			continue
		}
		if first < 0 {
			first = i
		} else if it.label != items[first].label {
			same = false
		}
	}
	label := items[first].label
	formats := []string{}
	if hint.format != "" && hint.format != "bullet" && hint.format != "none" {
		formats = append(formats, hint.format)
	}
	for _, f := range planFormats {
		if f != hint.format {
			formats = append(formats, f)
		}
	}
	// The numbers of the levels above as the first label shows them.
	upper := counters(items, plan, first)
	for _, f := range formats {
		toks := numberTokens(label, f)
		for ti := len(toks) - 1; ti >= 0; ti-- {
			own := toks[ti]
			for from, legal := range upperModes(L, f) {
				text, ok := plannedText(label, own, L, upper, plan, from, legal)
				if !ok {
					continue
				}
				plan[L].start, plan[L].format, plan[L].text, plan[L].legal = own.value, f, text, legal
				if hint.fixedStart {
					plan[L].start = hint.start
				}
				if checkLevel(items, plan, L) {
					if f == "chineseCounting" && maxCount(items, plan, L) >= 100 {
						// Numbers from a hundred up are written in
						// full (一百一十) by chineseCountingThousand.
						plan[L].format = "chineseCountingThousand"
						if !checkLevel(items, plan, L) {
							plan[L].format = f
						}
					}
					return true
				}
			}
		}
	}
	if same && !strings.Contains(label, "%") {
		// A level with no number: every paragraph shows the same text.
		plan[L].start, plan[L].format, plan[L].text = 1, "none", label
		return checkLevel(items, plan, L)
	}
	return false
}

// numToken is a number found in a label: its bytes and its value.
type numToken struct {
	from, to, value int
}

// numberTokens finds the numbers written in format in label: whole
// numbers, not part of a longer one or of a word ("i" of "Article" is no
// Roman numeral).
func numberTokens(label, format string) []numToken {
	inNumber := numberRunes(format)
	var out []numToken
	for i := 0; i < len(label); {
		r, n := utf8.DecodeRuneInString(label[i:])
		if !inNumber(r) {
			i += n
			continue
		}
		j := i
		for j < len(label) {
			r, n := utf8.DecodeRuneInString(label[j:])
			if !inNumber(r) {
				break
			}
			j += n
		}
		if v, ok := numberValue(label[i:j], format); ok {
			out = append(out, numToken{i, j, v})
		} else if strings.HasPrefix(format, "chinese") {
			// Han numerals run into the words around them: 第十二条.
			out = append(out, hanNumbers(label, i, j, format)...)
		}
		i = j
	}
	return out
}

// numberRunes tells the characters a number in format is written with,
// and those that would make it part of a word.
func numberRunes(format string) func(rune) bool {
	switch format {
	case "decimal", "decimalZero":
		return func(r rune) bool { return r >= '0' && r <= '9' }
	case "chineseCounting", "chineseCountingThousand":
		return func(r rune) bool { return unicode.Is(unicode.Han, r) || r == '〇' }
	}
	return func(r rune) bool { return unicode.IsLetter(r) && !unicode.Is(unicode.Han, r) }
}

// numberValue reads s as a whole number in format.
func numberValue(s, format string) (int, bool) {
	if format == "decimal" || format == "decimalZero" {
		v, err := strconv.Atoi(s)
		return v, err == nil && formatNumber(v, format) == s
	}
	rs := []rune(s)
	switch format {
	case "upperRoman", "lowerRoman":
		if strings.Trim(strings.ToUpper(s), "IVXLCDM") != "" {
			return 0, false
		}
	case "upperLetter", "lowerLetter", "russianUpper", "russianLower":
		if len(rs) > 30 || strings.Trim(s, string(rs[0])) != "" {
			return 0, false
		}
	}
	for v := 1; v <= 3999; v++ {
		if formatNumber(v, format) == s {
			return v, true
		}
	}
	return 0, false
}

// hanNumbers finds the Chinese numbers in a run of Han characters
// label[i:j]: the longest runs of numerals that read as a number.
func hanNumbers(label string, i, j int, format string) []numToken {
	var out []numToken
	for k := i; k < j; {
		r, n := utf8.DecodeRuneInString(label[k:])
		if !strings.ContainsRune(hanNumerals, r) {
			k += n
			continue
		}
		e := k
		for e < j {
			r, n := utf8.DecodeRuneInString(label[e:])
			if !strings.ContainsRune(hanNumerals, r) {
				break
			}
			e += n
		}
		if v, ok := numberValue(label[k:e], format); ok {
			out = append(out, numToken{k, e, v})
		}
		k = e
	}
	return out
}

// hanNumerals are the characters of numbers in Chinese counting.
const hanNumerals = "〇零一二三四五六七八九十百千"

// upperMode is a way a level's text may show the numbers of the levels
// above: those from level from down, each in its own format or, legal,
// all in digits (w:isLgl).
type upperMode struct {
	from  int
	legal bool
}

// upperModes are the ways level L, numbered in format, is tried: the
// most levels above first ("%1.%2.%3.", then "%2.%3.", then "%3."), each
// in their own formats and then in digits when L counts in digits.
func upperModes(L int, format string) func(yield func(int, bool) bool) {
	return func(yield func(int, bool) bool) {
		for from := 0; from <= L; from++ {
			if !yield(from, false) {
				return
			}
			if from < L && (format == "decimal" || format == "decimalZero") && !yield(from, true) {
				return
			}
		}
	}
}

// plannedText makes the w:lvlText of level L from its first label: own
// becomes %L+1 and the numbers of the levels from from to L-1 (upper, as
// counted at that label), in their own formats or, legal, in digits,
// their placeholders. Every one of those numbers must be found, in
// order, before or after own: a level text that left one as it is would
// show the number of the first label's parent under every other parent
// ("1.%2." under 第二条). It reports false when one is missing or when
// the text left would hold a "%", which Word would read as a
// placeholder.
func plannedText(label string, own numToken, L int, upper [9]int, plan *[9]planLevel, from int, legal bool) (string, bool) {
	type repl struct {
		from, to int
		ph       string
	}
	repls := []repl{{own.from, own.to, "%" + strconv.Itoa(L+1)}}
	pos := 0
	for k := from; k < L; k++ {
		if !plan[k].used || plan[k].format == "none" || plan[k].format == "bullet" {
			continue
		}
		format := plan[k].format
		if legal {
			format = "decimal"
		}
		found := false
		for _, t := range numberTokens(label, format) {
			if t.from >= pos && t.value == upper[k] && (t.to <= own.from || t.from >= own.to) {
				repls = append(repls, repl{t.from, t.to, "%" + strconv.Itoa(k+1)})
				pos = t.to
				found = true
				break
			}
		}
		if !found {
			return "", false
		}
	}
	var b strings.Builder
	at := 0
	for at < len(label) {
		var hit *repl
		for i := range repls {
			if repls[i].from == at {
				hit = &repls[i]
			}
		}
		if hit != nil {
			b.WriteString(hit.ph)
			at = hit.to
			continue
		}
		if label[at] == '%' {
			return "", false
		}
		b.WriteByte(label[at])
		at++
	}
	return b.String(), true
}

// count simulates Word's counters over items, the levels' starts taken
// from plan, and calls fn with the counters at each item.
func count(items []numItem, plan *[9]planLevel, fn func(i int, c *[9]int)) {
	var c [9]int
	var set [9]bool
	for i, it := range items {
		for lvl, v := range it.starts {
			if lvl >= 0 && lvl < 9 {
				c[lvl], set[lvl] = v-1, true
			}
		}
		if set[it.lvl] {
			c[it.lvl]++
		} else {
			c[it.lvl], set[it.lvl] = plan[it.lvl].start, true
		}
		for j := it.lvl + 1; j < 9; j++ {
			set[j] = false
		}
		for j := 0; j < it.lvl; j++ {
			if !set[j] {
				c[j] = plan[j].start // a level above never used shows its start
			}
		}
		fn(i, &c)
	}
}

// counters returns the counters at item i.
func counters(items []numItem, plan *[9]planLevel, i int) [9]int {
	var out [9]int
	count(items[:i+1], plan, func(k int, c *[9]int) {
		if k == i {
			out = *c
		}
	})
	return out
}

// checkLevel reports whether the planned level L shows the label of
// every item at L.
func checkLevel(items []numItem, plan *[9]planLevel, L int) bool {
	ok := true
	count(items, plan, func(i int, c *[9]int) {
		if ok && items[i].lvl == L && showLevel(plan, L, c) != items[i].label {
			ok = false
		}
	})
	return ok
}

// maxCount is the largest number level L shows.
func maxCount(items []numItem, plan *[9]planLevel, L int) int {
	m := 0
	count(items, plan, func(i int, c *[9]int) {
		if items[i].lvl == L {
			m = max(m, c[L])
		}
	})
	return m
}

// showLevel is what level L of plan shows with counters c.
func showLevel(plan *[9]planLevel, L int, c *[9]int) string {
	t := plan[L].text
	var b strings.Builder
	for i := 0; i < len(t); i++ {
		if t[i] == '%' && i+1 < len(t) && t[i+1] >= '1' && t[i+1] <= '9' {
			k := int(t[i+1] - '1')
			i++
			if k <= L {
				format := plan[k].format
				if plan[L].legal && format != "none" {
					format = "decimal"
				}
				b.WriteString(formatNumber(c[k], format))
			}
			continue
		}
		b.WriteByte(t[i])
	}
	return b.String()
}

// headingGroup is the numbered headings of one numbering definition of
// the template (or, for key -1, those numbered by the writer), in order.
type headingGroup struct {
	numID   int // a numId of the template's definition; 0 for the writer's own
	items   []numItem
	blocks  []*doc.Block
	changed bool // a heading's number differs from the source's
}

// planHeadings plans, once, the numbering of the document's numbered
// headings whose numbers the document changed (translated) or that the
// template does not number: per definition of the template, a copy
// whose levels show the new numbers ("Article %1."), and for the others
// one definition of the writer's; see planNumbering. The headings of a
// definition it cannot plan show their numbers as text
// (numBuilder.heading).
func (pw *pkgWriter) planHeadings() {
	if pw.headNums != nil {
		return
	}
	pw.headNums = map[*doc.Block][2]int{}
	groups := map[int]*headingGroup{}
	var keys []int
	add := func(key, numID, ilvl int, b *doc.Block, changed bool) {
		g := groups[key]
		if g == nil {
			g = &headingGroup{numID: numID}
			groups[key] = g
			keys = append(keys, key)
		}
		g.items = append(g.items, numItem{lvl: ilvl, label: b.Number})
		g.blocks = append(g.blocks, b)
		g.changed = g.changed || changed
	}
	body := &doc.Document{Blocks: pw.d.Blocks}
	body.Walk(func(b *doc.Block) {
		if b.Type != doc.Heading {
			return
		}
		level := min(max(b.Level, 1), 9)
		if src := pw.src(b.ID); src != nil {
			sb := pw.t.srcBlocks[b.ID]
			if numID, ilvl := pw.headingNumbering(src.ppr); numID != 0 && sb != nil {
				add(pw.t.nb.group(numID), numID, ilvl, b, b.Number != sb.Number)
			} else if sb != nil && b.Number != sb.Number && b.Number != "" {
				add(-1, 0, level-1, b, true)
			}
			return
		}
		if b.Number != "" && !pw.st.para(pw.headingStyle(level)).hasNum {
			add(-1, 0, level-1, b, true)
		}
	})
	lang := pw.numberLang()
	for _, key := range keys {
		g := groups[key]
		if !g.changed {
			continue
		}
		var hints [9]levelHint
		if g.numID != 0 {
			for i := range hints {
				if l := pw.t.nb.level(g.numID, i); l != nil {
					hints[i] = levelHint{format: numFmtIn(l.format, lang), start: l.start}
				}
			}
		}
		plan, ok := planNumbering(g.items, hints)
		if !ok {
			// Numbers that follow no pattern: each shown as it is,
			// those the document kept too, since the template's
			// numbering would count them without the others.
			for _, b := range g.blocks {
				if b.Number != "" {
					lvl := min(max(b.Level, 1), 9) - 1
					pw.headNums[b] = [2]int{pw.num.heading(lvl, b.Number), lvl}
				}
			}
			continue
		}
		var def *planDef
		if g.numID != 0 {
			def = pw.num.copyPlanned(g.numID, plan)
		}
		if def == nil {
			def = pw.num.planned(plan)
		}
		base := make([]int, len(g.items))
		id := pw.num.num(def.abs, "")
		for i := range base {
			base[i] = id
		}
		for i, id := range pw.num.planNums(def, g.items, base) {
			pw.headNums[g.blocks[i]] = [2]int{id, g.items[i].lvl}
		}
	}
}

// headingNumbering returns the numbering (numId and level) of a heading
// paragraph of the template, directly or through its style.
func (pw *pkgWriter) headingNumbering(n *xnode) (numID, ilvl int) {
	return pw.paraNumbering(n, true)
}

// Numbers in digits under Chinese counting. Word shows "1.1." under
// "第一条" from one definition: level 1 counts in Chinese ("第%1条"),
// level 2 shows "%1.%2." with w:isLgl, which writes the numbers of the
// levels above in digits. LibreOffice before 24.2 ignores w:isLgl and
// shows "一.1.". So that both show "1.1.", and the numbers still count
// (a point added in Word renumbers the points after it), the levels that
// would need w:isLgl show the numbers of the Chinese-counted levels above
// them as text, per parent: the headings under "第二条" are a list of
// their own over the same definition whose level 2 shows "2.%2."; its
// points start again at 1 because "第二条" is of the same definition
// (Word) and because the list is new (LibreOffice). What is lost is that
// an article added in Word before "第二条" leaves "2." in the points
// below it as it is.

// digitParents returns the levels of plan whose numbers a level below
// shows in digits though they count otherwise (the "第%1条" above
// "%1.%2." with w:isLgl), and the first level below all of them, the
// first whose paragraphs get a list per parent; below is 0 when there
// are none, or when a level that shows them lies above another of them
// (a plan left to w:isLgl alone).
func digitParents(plan *[9]planLevel) (refs [9]bool, below int) {
	var shows [9]bool
	for L, p := range plan {
		if !p.used || !p.legal || p.kept {
			continue
		}
		for k := 0; k < L; k++ {
			if plan[k].used && plan[k].format != "decimal" && strings.Contains(p.text, "%"+strconv.Itoa(k+1)) {
				refs[k], shows[L] = true, true
				below = max(below, k+1)
			}
		}
	}
	for L := 0; L < below; L++ {
		if shows[L] {
			return refs, 0
		}
	}
	return refs, below
}

// planNums returns the numId of each of the items numbered by the
// planned definition d: base[i], a list over d, except for items at or
// below the levels that show the numbers of levels above them in digits
// (see digitParents), which go, per base list and numbers of those levels,
// on a list over d whose levels show those numbers as text.
func (nb *numBuilder) planNums(d *planDef, items []numItem, base []int) []int {
	ids := append([]int(nil), base...)
	refs, below := digitParents(&d.plan)
	if below == 0 {
		return ids
	}
	lists := map[string]int{}
	count(items, &d.plan, func(i int, c *[9]int) {
		if items[i].lvl < below {
			return
		}
		key := strconv.Itoa(base[i])
		for k := range refs {
			if refs[k] {
				key += "." + strconv.Itoa(c[k])
			}
		}
		if id, ok := lists[key]; ok {
			ids[i] = id
			return
		}
		var overrides strings.Builder
		for L := below; L < 9; L++ {
			p := d.plan[L]
			if !p.used || !p.legal || p.kept {
				continue
			}
			text := p.text
			for k := range refs {
				if refs[k] {
					text = strings.ReplaceAll(text, "%"+strconv.Itoa(k+1), strconv.Itoa(c[k]))
				}
			}
			overrides.WriteString(nb.levelOverride(d, L, text))
		}
		id := nb.num(d.abs, overrides.String())
		lists[key], ids[i] = id, id
	})
	return ids
}
