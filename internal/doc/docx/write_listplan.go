package docx

import (
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
)

// Lists of the template with new labels. Word counts the paragraphs of
// one abstract numbering definition together: a level starts again when
// a level above it of the SAME definition is used. A list whose labels
// the translation changed ("а)" to "a)") is numbered by a copy of the
// template's definition; were its sub-lists, whose labels did not change
// ("1.", "2."), left on the template's definition, they would count on
// from one parent to the next (a) 1. 2. b) 3. 4.). So every list of a
// definition moves together: one copy of the definition numbers all its
// lists, its relabelled levels planned from the labels (see
// planNumbering), the others as the template has them, with a list
// (w:num) over the copy for each of the template's, restarts
// (w:startOverride) kept.

// listEntry is an item of a list of the template, in document order.
type listEntry struct {
	l     *doc.List
	numID int // the template's list its paragraph is on
	ilvl  int
}

// listGroup is the lists of one abstract numbering definition of the
// template, their items in document order.
type listGroup struct {
	numID     int // the template's list of the first item
	entries   []listEntry
	changed   [9]bool   // levels with a list whose labels the document changed
	restyled  [9]string // a level's new number format, by the lists' style
	conflicts bool      // two lists of a level restyled differently
}

// planLists plans, once, the numbering of the body's lists of the
// template: for each abstract definition one of whose lists has new
// labels, the numIds of the items of all its lists (pw.listNums). When
// no levels give the labels, each numbered item shows its label as
// text, by a list of its own, and bulleted items stay on the template's
// lists.
func (pw *pkgWriter) planLists() {
	if pw.listNums != nil {
		return
	}
	pw.listNums = map[*doc.List][]int{}
	groups := map[int]*listGroup{}
	var keys []int
	var visit func(bs []doc.Block)
	visit = func(bs []doc.Block) {
		for i := range bs {
			b := &bs[i]
			visit(b.Blocks)
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for j := range r.Cells {
						visit(r.Cells[j].Blocks)
					}
				}
			}
			if b.Type != doc.ListBlock || b.List == nil {
				continue
			}
			l := b.List
			ref, numID, ilvl := pw.templateList(l)
			var g *listGroup
			if ref != nil {
				key := pw.t.nb.group(numID)
				if g = groups[key]; g == nil {
					g = &listGroup{numID: numID}
					groups[key] = g
					keys = append(keys, key)
				}
				changed := pw.labelsChanged(l, b.ID)
				g.changed[ilvl] = g.changed[ilvl] || changed
				if sb := pw.t.srcBlocks[b.ID]; changed && l.Ordered && sb.List.Style != l.Style && wordFormats[l.Style] != "" {
					// The document numbers the list in another style
					// than the source (第一条 for Статья 1.); a style
					// the target's language gives every list is the
					// template's, localized (localizeNumbers).
					f := wordFormats[l.Style]
					g.conflicts = g.conflicts || (g.restyled[ilvl] != "" && g.restyled[ilvl] != f)
					g.changed[ilvl], g.restyled[ilvl] = true, f
				}
			}
			for k := range l.Items {
				if g != nil {
					g.entries = append(g.entries, listEntry{l: l, numID: pw.itemNumID(&l.Items[k], numID), ilvl: ilvl})
				}
				visit(l.Items[k].Blocks)
			}
		}
	}
	visit(pw.d.Blocks)
	for _, key := range keys {
		g := groups[key]
		for _, c := range g.changed {
			if c {
				pw.planListGroup(g)
				break
			}
		}
	}
}

// planListGroup numbers the lists of g: by a copy of the template's
// definition whose relabelled levels show the new labels, or else each
// numbered item by its label as text.
func (pw *pkgWriter) planListGroup(g *listGroup) {
	lang := pw.numberLang()
	for L := range g.changed {
		// A level that shows the number of a relabelled level above it
		// ("%1.%2." under "第%1条") is planned too: its own labels say
		// how it shows that number now (1.1., in digits).
		if l := pw.t.nb.level(g.numID, L); l != nil && !g.changed[L] {
			for k := 0; k < L; k++ {
				if g.changed[k] && strings.Contains(l.text, "%"+strconv.Itoa(k+1)) {
					g.changed[L] = true
				}
			}
		}
	}
	var hints [9]levelHint
	for i := range hints {
		l := pw.t.nb.level(g.numID, i)
		if l == nil {
			continue
		}
		hints[i] = levelHint{format: numFmtIn(l.format, lang), start: l.start, text: l.text, keep: !g.changed[i], fixedStart: true}
		if g.restyled[i] != "" {
			hints[i].format = g.restyled[i]
		}
	}
	items := make([]numItem, len(g.entries))
	seen := map[int]bool{}
	overrides := map[int]string{}
	planned := !g.conflicts
	k := map[*doc.List]int{}
	for i, e := range g.entries {
		items[i] = numItem{lvl: e.ilvl, label: shownLabel(e.l, k[e.l])}
		k[e.l]++
		if !seen[e.numID] {
			seen[e.numID] = true
			o, ok := pw.num.startOverrides(e.numID)
			planned = planned && ok
			overrides[e.numID] = o
			if def, ok := pw.t.nb.nums[e.numID]; ok && len(def.starts) > 0 {
				items[i].starts = def.starts
			}
		}
	}
	var def *planDef
	if plan, ok := planNumbering(items, hints); ok && planned {
		def = pw.num.copyPlanned(g.numID, plan)
	}
	ids := make([]int, len(items))
	if def != nil {
		lists := map[int]int{}
		for i, e := range g.entries {
			if _, ok := lists[e.numID]; !ok {
				lists[e.numID] = pw.num.num(def.abs, overrides[e.numID])
			}
			ids[i] = lists[e.numID]
		}
		ids = pw.num.planNums(def, items, ids)
	} else {
		for i, e := range g.entries {
			ids[i] = e.numID
			if e.l.Ordered {
				ids[i] = pw.num.literal(e.numID, e.ilvl, items[i].label)
			}
		}
	}
	for i, e := range g.entries {
		pw.listNums[e.l] = append(pw.listNums[e.l], ids[i])
	}
}

// shownLabel is the label item k of l shows: its own, or the number the
// list's style gives it.
func shownLabel(l *doc.List, k int) string {
	if it := l.Items[k]; it.Label != "" || !l.Ordered {
		return it.Label
	}
	return doc.ListMarker(l.Style, max(l.Start, 1)+k)
}

// itemNumID returns the template's list the item's paragraph is on, or
// numID when it has none (an item the document added).
func (pw *pkgWriter) itemNumID(it *doc.Item, numID int) int {
	for bi := range it.Blocks {
		b := &it.Blocks[bi]
		if b.Type != doc.Paragraph {
			continue
		}
		if src := pw.src(b.ID); src != nil {
			if id, _ := pw.numberingOf(src.ppr); id != 0 && pw.t.nb.group(id) == pw.t.nb.group(numID) {
				return id
			}
		}
		break
	}
	return numID
}

// templateList finds the template paragraph properties a list's items
// take their numbering from: those of its first item that comes from the
// template and is numbered there, with their numId and level.
func (pw *pkgWriter) templateList(l *doc.List) (ref *xnode, numID, ilvl int) {
	for _, it := range l.Items {
		for bi := range it.Blocks {
			b := &it.Blocks[bi]
			if b.Type != doc.Paragraph {
				continue
			}
			if src := pw.src(b.ID); src != nil && pw.hasNumbering(src.ppr) {
				numID, ilvl = pw.numberingOf(src.ppr)
				return src.ppr, numID, ilvl
			}
			break
		}
	}
	return nil, 0, 0
}

// literal returns a list over the template's definition of list numID
// whose level ilvl shows label as text, with no number; numID itself
// when the definition cannot be found.
func (nb *numBuilder) literal(numID, ilvl int, label string) int {
	abs, lvls := nb.templateDef(numID)
	if abs == nil || lvls[ilvl] == nil {
		return numID
	}
	absID, _ := strconv.Atoi(abs.attr("abstractNumId"))
	var o xb
	o.open("w:lvlOverride", "w:ilvl", strconv.Itoa(ilvl))
	copyLevel(&o, lvls[ilvl], ilvl, 1, strings.ReplaceAll(label, "%", "％"), "none", false)
	o.close("w:lvlOverride")
	return nb.num(absID, o.String())
}
