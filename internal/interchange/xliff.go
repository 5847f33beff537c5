package interchange

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/lang"
)

// State is where a segment stands in tandem's translation workflow.
type State int

const (
	// New: not translated yet. Writers pre-fill the target with the
	// source, as OmegaT needs.
	New State = iota
	// Draft: translated in part, or to be revised.
	Draft
	// Translated: translated, not reviewed.
	Translated
	// Reviewed: checked by a reviewer.
	Reviewed
	// Final: approved for publication.
	Final
)

var stateNames = []string{"new", "draft", "translated", "reviewed", "final"}

func (s State) String() string {
	if s >= 0 && int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// ParseState reads a state name as String writes it.
func ParseState(s string) (State, error) {
	for i, n := range stateNames {
		if n == s {
			return State(i), nil
		}
	}
	return 0, fmt.Errorf("unknown state %q (want one of %s)", s, strings.Join(stateNames, ", "))
}

// XLIFF is a bilingual file: units (paragraphs) made of segments
// (sentences), each with a source and a target.
type XLIFF struct {
	// Name is the name the file was read under, for messages.
	Name             string
	Version          string // "1.2", "2.0" or "2.1" (2.2 is read too)
	SrcLang, TgtLang string
	Files            []XFile
	// Warnings lists what ReadXLIFF skipped or assumed in the file.
	Warnings []Warning
}

// XFile is one document of an XLIFF file.
type XFile struct {
	ID       string // XLIFF 2 file id; XLIFF 1.2 original
	Original string
	Units    []Unit
}

// Unit is one paragraph, heading or other block of the document.
type Unit struct {
	ID       string
	Segments []Segment
	Notes    []string
	// Line locates the unit in the file it was read from, for messages
	// about it; zero for units built in memory.
	Line int
}

// Segment is one sentence of a unit.
type Segment struct {
	ID             string
	Source, Target Content
	State          State
	// PreTranslated marks a target filled from a translation memory's
	// exact match, which no translator has seen yet: writers say so
	// (XLIFF 1.2 state needs-review-translation with state-qualifier
	// exact-match, XLIFF 2 state translated with subState
	// tandem:exact-match), so that CAT tools show it for review.
	PreTranslated bool
	// NoTranslate marks a segment the file says is not to be translated:
	// translate="no" on its XLIFF 1.2 trans-unit or group, or on its XLIFF
	// 2.x file, group, unit or segment (inherited, unless an inner
	// element says translate="yes"), or a source wholly inside
	// translate="no" markers (2.x <mrk>, <sm>/<em>; 1.2 <mrk
	// mtype="protected">). Its target, if any, is the source as it is.
	NoTranslate bool
	// Matches are translations proposed for the segment (fuzzy matches
	// from a translation memory), best first; writers put them in XLIFF
	// 1.2 <alt-trans> and XLIFF 2 <mtc:matches>.
	Matches []Match
	// Order is the place of the segment's target among the targets of
	// its unit, counted from 1, when a translator put the sentences of
	// the translation in another order than the source's (XLIFF 2
	// <target order>, XLIFF 1.2 the order of the target's <mrk
	// mtype="seg">); 0 keeps the segment's own place. A unit's orders
	// count only when they give every segment a place of its own
	// (Unit.TargetOrder).
	Order int
	// Line and Col locate the segment in the file it was read from, for
	// messages about it; they are zero for segments built in memory.
	Line, Col int
}

// TargetOrder returns the indices of u.Segments in the order their
// targets are read, by each segment's Order (its own place when 0); ok is
// false, and the order the segments', when the orders do not give every
// segment a place of its own from 1 to len(u.Segments).
func (u Unit) TargetOrder() (order []int, ok bool) {
	n := len(u.Segments)
	order = make([]int, n)
	for i := range order {
		order[i] = -1
	}
	for i, s := range u.Segments {
		p := s.Order
		if p == 0 {
			p = i + 1
		}
		if p < 1 || p > n || order[p-1] >= 0 {
			for i := range order {
				order[i] = i
			}
			return order, false
		}
		order[p-1] = i
	}
	return order, true
}

// Match is a translation proposed for a segment: a source like the
// segment's and its translation, as a translation memory holds them.
type Match struct {
	Source, Target Content
	// Score is how alike Source and the segment's source are, in percent
	// (100 for the same text), as CAT tools score fuzzy matches.
	Score int
	// Origin names where the match came from: a TMX file's name.
	Origin string
}

// Units returns every unit of every file.
func (x *XLIFF) Units() []Unit {
	var out []Unit
	for _, f := range x.Files {
		out = append(out, f.Units...)
	}
	return out
}

const (
	nsXLIFF11 = "urn:oasis:names:tc:xliff:document:1.1"
	nsXLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
	nsXLIFF2  = "urn:oasis:names:tc:xliff:document:2.0"
	// nsMatches is XLIFF 2's module for translation candidates.
	nsMatches = "urn:oasis:names:tc:xliff:matches:2.0"
)

// ReadXLIFF reads an XLIFF 1.2 or 2.x file (1.0 and 1.1 are read as 1.2).
// name is used in messages. A file that is not XLIFF, is not well-formed
// XML or lacks the source language everything depends on is refused with
// an *Error. Odd elements in an otherwise good file (a trans-unit without
// source, a repeated id, an unknown state or inline element, a control
// character in a text, as <cp> or a character reference) are skipped or
// read as best they can be, and listed in the result's Warnings.
func ReadXLIFF(r io.Reader, name string) (*XLIFF, error) {
	rd := &reading{file: name}
	root, err := rd.parseTree(r, formatXLIFF)
	if err != nil {
		return nil, err
	}
	version := root.attrValue("version")
	var x *XLIFF
	switch {
	case version == "1.2" || version == "1.1" || version == "1.0":
		x, err = readXLIFF12(rd, root, version)
	case strings.HasPrefix(version, "2."):
		x, err = readXLIFF2(rd, root, version)
	case version == "" && (root.space == nsXLIFF12 || root.space == nsXLIFF11):
		v := "1.2"
		if root.space == nsXLIFF11 {
			v = "1.1"
		}
		rd.warn(root, "<xliff> without version: read as %s, as its namespace says", v)
		x, err = readXLIFF12(rd, root, v)
	case version == "" && root.space == nsXLIFF2:
		rd.warn(root, "<xliff> without version: read as 2.0, as its namespace says")
		x, err = readXLIFF2(rd, root, "2.0")
	case version == "":
		return nil, rd.errAt(root, "<xliff> without version")
	default:
		return nil, rd.errAt(root, "XLIFF version %q is not supported (1.2 and 2.x are)", version)
	}
	if err != nil {
		return nil, err
	}
	x.Name, x.Warnings = name, rd.warnings
	return x, nil
}

// headerLang reads a language tag that a whole file depends on (its source
// and target languages) from attribute attr of n: "" when absent, an error
// when it is not a BCP 47 tag, the canonical tag otherwise.
func (rd *reading) headerLang(n *node, attr string) (string, error) {
	v := n.attrValue(attr)
	if v == "" {
		return "", nil
	}
	tag, err := lang.ParseTag(v)
	if err != nil {
		return "", rd.errAt(n, "%s: %v", attr, err)
	}
	return tag, nil
}

// sameLanguage reports whether two tags name the same language in the same
// script (lang.SameLanguage), an empty tag matching any.
func sameLanguage(a, b string) bool {
	return a == "" || b == "" || lang.SameLanguage(a, b)
}

// xliffReader reads the units of one <file>, keeping the identifiers seen
// (with the line where each was first used) to skip repeated ones.
type xliffReader struct {
	*reading
	transUnits map[string]int // XLIFF 1.2 trans-unit ids
	units      map[string]int // unit ids
}

func newXLIFFReader(rd *reading) *xliffReader {
	return &xliffReader{reading: rd, transUnits: map[string]int{}, units: map[string]int{}}
}

// newID records id of element n (what names the kind in messages) and
// reports whether it is new; a repeated one is a warning.
func (xr *xliffReader) newID(seen map[string]int, n *node, what, id string) bool {
	if first, ok := seen[id]; ok {
		xr.warn(n, "%s id %q used twice (first at line %d): the second is skipped", what, id, first)
		return false
	}
	seen[id] = n.line
	return true
}

func readXLIFF12(rd *reading, root *node, version string) (*XLIFF, error) {
	x := &XLIFF{Version: version}
	files := root.elements("file")
	if len(files) == 0 {
		return nil, rd.errAt(root, "no <file> in the XLIFF document")
	}
	named := false // whether any <file> names its source language
	for _, f := range files {
		named = named || f.attrValue("source-language") != ""
	}
	for _, f := range files {
		src, err := rd.headerLang(f, "source-language")
		if err != nil {
			return nil, err
		}
		tgt, err := rd.headerLang(f, "target-language")
		if err != nil {
			return nil, err
		}
		if src == "" {
			if !named {
				return nil, rd.errAt(f, "<file> without source-language")
			}
			rd.warn(f, "<file original=%q> without source-language: skipped", f.attrValue("original"))
			continue
		}
		if x.SrcLang == "" {
			x.SrcLang, x.TgtLang = src, tgt
		} else if !sameLanguage(src, x.SrcLang) || !sameLanguage(tgt, x.TgtLang) {
			rd.warn(f, "<file original=%q> is %s to %s, not %s to %s as the first <file>: skipped", f.attrValue("original"), src, tgt, x.SrcLang, x.TgtLang)
			continue
		} else if x.TgtLang == "" {
			x.TgtLang = tgt
		}
		body := f.first("body")
		if body == nil {
			rd.warn(f, "<file original=%q> without <body>: skipped", f.attrValue("original"))
			continue
		}
		xf := XFile{ID: f.attrValue("original"), Original: f.attrValue("original")}
		newXLIFFReader(rd).body12(body, &xf, false)
		x.Files = append(x.Files, xf)
	}
	if len(x.Files) == 0 {
		return nil, rd.errAt(root, "no <file> with a <body> in the XLIFF document")
	}
	return x, nil
}

// body12 reads trans-units. A group whose children are all trans-units is
// one unit (paragraph) with a segment per trans-unit, as tandem writes it;
// a trans-unit elsewhere is a unit of its own, split into segments by its
// seg-source when it has one. noTranslate is what the elements around n
// say of translate.
func (xr *xliffReader) body12(n *node, xf *XFile, noTranslate bool) {
	for _, c := range n.children {
		switch c.name {
		case "group":
			groupNo := translateNo(c, noTranslate)
			tus := c.elements("trans-unit")
			if len(tus) > 0 && len(c.elements("group")) == 0 && c.attrValue("id") != "" {
				u := Unit{ID: c.attrValue("id"), Line: c.line}
				if !xr.newID(xr.units, c, "unit", u.ID) {
					continue
				}
				for _, tu := range tus {
					segs, notes, ok := xr.transUnit(tu, groupNo)
					if !ok {
						continue
					}
					for _, s := range segs {
						if len(segs) == 1 {
							s.ID = tu.attrValue("id")
						}
						u.Segments = append(u.Segments, s)
					}
					u.Notes = append(u.Notes, notes...)
				}
				if len(u.Segments) > 0 {
					xf.Units = append(xf.Units, u)
				}
				continue
			}
			xr.body12(c, xf, groupNo)
		case "trans-unit":
			segs, notes, ok := xr.transUnit(c, noTranslate)
			if !ok {
				continue
			}
			id := c.attrValue("id")
			if !xr.newID(xr.units, c, "unit", id) {
				continue
			}
			xf.Units = append(xf.Units, Unit{ID: id, Segments: segs, Notes: notes, Line: c.line})
		}
	}
}

// translateNo returns what n's translate attribute says, as NoTranslate
// holds it: inherited when n has none.
func translateNo(n *node, inherited bool) bool {
	switch n.attrValue("translate") {
	case "no":
		return true
	case "yes":
		return false
	}
	return inherited
}

// protectedOnly reports whether all the text of n (a source) lies inside
// markers that say it is not to be translated: XLIFF 2.x <mrk
// translate="no"> or <sm translate="no"> up to its <em>, XLIFF 1.2 <mrk
// mtype="protected">.
func protectedOnly(n *node) bool {
	inside, outside := false, false
	open := map[string]bool{} // ids of <sm translate="no"> not yet ended
	var walk func(n *node, protected bool)
	walk = func(n *node, protected bool) {
		for _, c := range n.children {
			switch {
			case c.name == "":
				if strings.TrimSpace(c.text) != "" {
					if protected || len(open) > 0 {
						inside = true
					} else {
						outside = true
					}
				}
			case c.name == "mrk":
				walk(c, translateNo(c, protected) || c.attrValue("mtype") == "protected")
			case c.name == "sm" && c.attrValue("translate") == "no":
				open[c.attrValue("id")] = true
			case c.name == "em":
				delete(open, c.attrValue("startRef"))
			default:
				walk(c, protected)
			}
		}
	}
	walk(n, false)
	return inside && !outside
}

// transUnit reads a trans-unit's segments and notes; ok is false when it
// was skipped, with a warning. noTranslate is what the elements around it
// say of translate.
func (xr *xliffReader) transUnit(tu *node, noTranslate bool) (segs []Segment, notes []string, ok bool) {
	id := tu.attrValue("id")
	if id == "" {
		xr.warn(tu, "<trans-unit> without id: skipped")
		return nil, nil, false
	}
	if !xr.newID(xr.transUnits, tu, "trans-unit", id) {
		return nil, nil, false
	}
	srcEl := tu.first("source")
	if srcEl == nil {
		xr.warn(tu, "trans-unit %q has no <source>: skipped", id)
		return nil, nil, false
	}
	for _, n := range tu.elements("note") {
		notes = append(notes, n.innerText())
	}
	noTranslate = translateNo(tu, noTranslate)
	tgtEl := tu.first("target")
	state := New
	if tgtEl != nil {
		state = xr.state12(tgtEl, id, tu.attrValue("approved") == "yes")
	}
	// Segmented: <seg-source> and <target> hold <mrk mtype="seg">.
	if ss := tu.first("seg-source"); ss != nil {
		if srcSegs := segMarks(ss); len(srcSegs) > 0 {
			tgtSegs := map[string]*node{}
			if tgtEl != nil {
				for _, m := range segMarks(tgtEl) {
					tgtSegs[m.attrValue("mid")] = m
				}
			}
			used := map[string]bool{}
			for _, m := range srcSegs {
				s := Segment{ID: m.attrValue("mid"), State: state, Line: m.line, Col: m.col, NoTranslate: noTranslate || protectedOnly(m)}
				s.Source = xr.content12(m, id)
				if t := tgtSegs[s.ID]; t != nil && !used[s.ID] {
					s.Target = xr.content12(t, id)
				}
				used[s.ID] = true
				s.State = settleNew(s)
				segs = append(segs, s)
			}
			for _, m := range segMarks(tgtEl) {
				if mid := m.attrValue("mid"); !used[mid] {
					xr.warn(m, "trans-unit %q: target segment mid=%q has no source segment: skipped", id, mid)
				}
			}
			orderMarks(segs, segMarks(tgtEl))
			return segs, notes, true
		}
	}
	s := Segment{ID: id, State: state, Line: tu.line, Col: tu.col, NoTranslate: noTranslate || protectedOnly(srcEl)}
	s.Source = xr.content12(srcEl, id)
	if tgtEl != nil {
		s.Target = xr.content12(tgtEl, id)
	}
	s.State = settleNew(s)
	return []Segment{s}, notes, true
}

// orderMarks gives segs (read from a seg-source) the order of their
// targets' <mrk mtype="seg"> in the target, when the target has one for
// each segment, once, in another order.
func orderMarks(segs []Segment, marks []*node) {
	if len(marks) != len(segs) {
		return
	}
	place := map[string]int{}
	for i, m := range marks {
		place[m.attrValue("mid")] = i + 1
	}
	if len(place) != len(segs) {
		return
	}
	moved := false
	for i, s := range segs {
		if place[s.ID] == 0 {
			return
		}
		moved = moved || place[s.ID] != i+1
	}
	if !moved {
		return
	}
	for i := range segs {
		segs[i].Order = place[segs[i].ID]
	}
}

func segMarks(n *node) []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, c := range n.children {
		if c.name == "mrk" && c.attrValue("mtype") == "seg" {
			out = append(out, c)
		} else if c.name != "" {
			out = append(out, segMarks(c)...)
		}
	}
	return out
}

// settleNew tells a segment that is new in the file's terms from one that
// was translated without its state being updated, as OmegaT leaves them
// (state="new" on every target it translated): a target other than the
// source is a draft.
func settleNew(s Segment) State {
	if s.State != New || s.Target.IsEmpty() || s.Target.Plain() == s.Source.Plain() {
		return s.State
	}
	return Draft
}

// state12 maps the state of an XLIFF 1.2 target to ours. XLIFF 1.2's
// needs-* states are drafts; user-defined x- states too. Any other value
// is read as a draft with a warning.
func (xr *xliffReader) state12(tgt *node, unit string, approved bool) State {
	switch s := tgt.attrValue("state"); s {
	case "new", "":
		if approved {
			return Reviewed
		}
		return New
	case "translated":
		if approved {
			return Reviewed
		}
		return Translated
	case "signed-off":
		return Reviewed
	case "final":
		return Final
	case "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation", "needs-review-adaptation", "needs-review-l10n":
		return Draft
	default:
		if !strings.HasPrefix(s, "x-") {
			xr.warn(tgt, "trans-unit %q: unknown target state %q: read as a draft", unit, s)
		}
		return Draft
	}
}

// content12 reads the inline content of an XLIFF 1.2 element of the
// trans-unit called unit. An inline code without id is dropped and an
// unknown element is read for its text, with a warning.
func (xr *xliffReader) content12(n *node, unit string) Content {
	var c Content
	var walk func(n *node)
	// walkText reads an element dropped for its text; one that had none
	// leaves a gap.
	walkText := func(n *node) {
		before := len(c.Plain())
		walk(n)
		if len(c.Plain()) == before {
			c = append(c, Run{Kind: Gap})
		}
	}
	walk = func(n *node) {
		for _, ch := range n.children {
			if ch.name == "" {
				c = c.AppendText(xr.withoutControls(ch.line, fmt.Sprintf("trans-unit %q", unit), ch.text))
				continue
			}
			id := firstNonEmpty(ch.attrValue("rid"), ch.attrValue("id"))
			typ := strings.TrimPrefix(ch.attrValue("ctype"), "x-")
			switch ch.name {
			case "g", "x", "bx", "ex", "bpt", "ept", "ph", "it":
				if id == "" {
					if ch.name == "g" {
						xr.warn(ch, "trans-unit %q: <g> without id: its formatting is dropped, its text kept", unit)
						walk(ch)
					} else {
						xr.warn(ch, "trans-unit %q: inline <%s> without id: dropped", unit, ch.name)
						c = append(c, Run{Kind: Gap})
					}
					continue
				}
			}
			switch ch.name {
			case "g":
				c = append(c, Run{Kind: Open, ID: id, Type: typ})
				walk(ch)
				c = append(c, Run{Kind: Close, ID: id, Type: typ})
			case "x":
				c = append(c, Run{Kind: Standalone, ID: id, Type: typ})
			case "bx":
				c = append(c, Run{Kind: Open, ID: id, Type: typ})
			case "ex":
				c = append(c, Run{Kind: Close, ID: id})
			case "bpt":
				c = append(c, Run{Kind: Open, ID: id, Type: typ, Code: ch.innerText()})
			case "ept":
				c = append(c, Run{Kind: Close, ID: id, Code: ch.innerText()})
			case "ph":
				c = append(c, Run{Kind: Standalone, ID: id, Type: typ, Code: ch.innerText(), Disp: ch.attrValue("equiv-text")})
			case "it":
				k := Open
				if ch.attrValue("pos") == "close" {
					k = Close
				}
				c = append(c, Run{Kind: k, ID: id, Type: typ, Code: ch.innerText()})
			case "mrk", "sub":
				walk(ch)
			default:
				xr.warn(ch, "trans-unit %q: unknown inline element <%s>: its text kept, the element dropped", unit, ch.name)
				walkText(ch)
			}
		}
	}
	walk(n)
	return CloseGaps(c).fillCloseTypes()
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func readXLIFF2(rd *reading, root *node, version string) (*XLIFF, error) {
	src, err := rd.headerLang(root, "srcLang")
	if err != nil {
		return nil, err
	}
	tgt, err := rd.headerLang(root, "trgLang")
	if err != nil {
		return nil, err
	}
	if src == "" {
		return nil, rd.errAt(root, "<xliff> without srcLang")
	}
	x := &XLIFF{Version: version, SrcLang: src, TgtLang: tgt}
	files := root.elements("file")
	if len(files) == 0 {
		return nil, rd.errAt(root, "no <file> in the XLIFF document")
	}
	fileIDs := ids{}
	for fi, f := range files {
		xf := XFile{ID: f.attrValue("id"), Original: f.attrValue("original")}
		if xf.ID == "" {
			xf.ID = fileIDs.unique("f" + strconv.Itoa(fi+1))
			rd.warn(f, "<file> without id: called %q", xf.ID)
		} else {
			fileIDs[xf.ID] = true
		}
		xr := newXLIFFReader(rd)
		var walk func(n *node, noTranslate bool)
		walk = func(n *node, noTranslate bool) {
			for _, c := range n.children {
				switch c.name {
				case "group":
					walk(c, translateNo(c, noTranslate))
				case "unit":
					if u, ok := xr.unit2(c, translateNo(c, noTranslate)); ok {
						xf.Units = append(xf.Units, u)
					}
				}
			}
		}
		walk(f, translateNo(f, false))
		x.Files = append(x.Files, xf)
	}
	return x, nil
}

// unit2 reads an XLIFF 2 unit; ok is false when it was skipped, with a
// warning. noTranslate is what the unit and the elements around it say
// of translate.
func (xr *xliffReader) unit2(un *node, noTranslate bool) (u Unit, ok bool) {
	u = Unit{ID: un.attrValue("id"), Line: un.line}
	if u.ID == "" {
		xr.warn(un, "<unit> without id: skipped")
		return u, false
	}
	if !xr.newID(xr.units, un, "unit", u.ID) {
		return u, false
	}
	data := map[string]string{}
	if od := un.first("originalData"); od != nil {
		for _, d := range od.elements("data") {
			data[d.attrValue("id")] = d.innerText()
		}
	}
	if notes := un.first("notes"); notes != nil {
		for _, n := range notes.elements("note") {
			u.Notes = append(u.Notes, n.innerText())
		}
	}
	segs := un.elements("segment")
	if len(segs) == 0 {
		xr.warn(un, "unit %q has no <segment>: skipped", u.ID)
		return u, false
	}
	places := xr.targetPlaces(un, u.ID)
	for _, sg := range segs {
		s := Segment{ID: sg.attrValue("id"), Line: sg.line, Col: sg.col, Order: places[sg]}
		src := sg.first("source")
		if src == nil {
			xr.warn(sg, "unit %q: <segment> without <source>: skipped", u.ID)
			continue
		}
		s.NoTranslate = translateNo(sg, noTranslate) || protectedOnly(src)
		s.Source = xr.content2(src, u.ID, data)
		if t := sg.first("target"); t != nil {
			s.Target = xr.content2(t, u.ID, data)
		}
		s.State = xr.state2(sg, u.ID, s.Target.IsEmpty())
		if s.State == Draft && sg.attrValue("subState") == "" {
			// initial with a target: pre-filled (New) or begun (Draft).
			s.State = settleNew(Segment{Source: s.Source, Target: s.Target, State: New})
		}
		u.Segments = append(u.Segments, s)
	}
	if places != nil {
		rankOrders(u.Segments)
	}
	return u, len(u.Segments) > 0
}

// targetPlaces reads where the targets of an XLIFF 2 unit go: each
// <segment> and <ignorable> has a place, 1 to n in the order they come,
// and its target goes to the place its order attribute names (its own
// when it has none). It returns the place of each segment's target, or
// nil when the targets are in the sources' order. Orders that are not
// numbers from 1 to n, or give two targets one place, are a warning:
// the targets are read in the sources' order.
func (xr *xliffReader) targetPlaces(un *node, unit string) map[*node]int {
	var parts []*node
	for _, c := range un.children {
		if c.name == "segment" || c.name == "ignorable" {
			parts = append(parts, c)
		}
	}
	places := map[*node]int{}
	taken := map[int]bool{}
	moved := false
	for i, p := range parts {
		place := i + 1
		if t := p.first("target"); t != nil && t.attrValue("order") != "" {
			v, err := strconv.Atoi(t.attrValue("order"))
			if err != nil || v < 1 || v > len(parts) || taken[v] {
				what := "is not a place from 1 to " + strconv.Itoa(len(parts))
				if err == nil && taken[v] {
					what = "is another target's place too"
				}
				xr.warn(t, "unit %q: <target order=%q> %s: the unit's targets are read in the order of their sources", unit, t.attrValue("order"), what)
				return nil
			}
			place = v
		}
		if taken[place] {
			xr.warn(p, "unit %q: the target of <%s> has no order, and another target is given its place %d: the unit's targets are read in the order of their sources", unit, p.name, place)
			return nil
		}
		taken[place] = true
		moved = moved || place != i+1
		places[p] = place
	}
	if !moved {
		return nil
	}
	return places
}

// rankOrders turns the places of segs' targets among the places of a
// unit's segments and ignorables (which tandem does not keep) into their
// places among the segments alone, 1 to len(segs).
func rankOrders(segs []Segment) {
	for i := range segs {
		rank := 1
		for j := range segs {
			if segs[j].Order < segs[i].Order {
				rank++
			}
		}
		segs[i].Order = rank
	}
}

// state2 maps the state of an XLIFF 2 segment to ours; an unknown value
// is read as initial, with a warning.
func (xr *xliffReader) state2(sg *node, unit string, emptyTarget bool) State {
	switch s := sg.attrValue("state"); s {
	case "translated":
		return Translated
	case "reviewed":
		return Reviewed
	case "final":
		return Final
	case "initial", "":
	default:
		xr.warn(sg, "unit %q: unknown segment state %q: read as initial", unit, s)
	}
	if sg.attrValue("subState") == "tandem:draft" || !emptyTarget {
		return Draft
	}
	return New
}

// content2 reads the inline content of an XLIFF 2 element of the unit
// called unit; data holds the unit's originalData by id. A code without
// id is dropped and an unknown element is read for its text, with a
// warning.
func (xr *xliffReader) content2(n *node, unit string, data map[string]string) Content {
	var c Content
	var walk func(n *node)
	// walkText reads an element dropped for its text; one that had none
	// leaves a gap.
	walkText := func(n *node) {
		before := len(c.Plain())
		walk(n)
		if len(c.Plain()) == before {
			c = append(c, Run{Kind: Gap})
		}
	}
	walk = func(n *node) {
		for _, ch := range n.children {
			if ch.name == "" {
				c = c.AppendText(xr.withoutControls(ch.line, fmt.Sprintf("unit %q", unit), ch.text))
				continue
			}
			id := ch.attrValue("id")
			typ := typeFrom2(ch.attrValue("type"), ch.attrValue("subType"))
			switch ch.name {
			case "pc":
				if id == "" {
					xr.warn(ch, "unit %q: <pc> without id: its formatting is dropped, its text kept", unit)
					walk(ch)
					continue
				}
				c = append(c, Run{Kind: Open, ID: id, Type: typ, Code: data[ch.attrValue("dataRefStart")]})
				walk(ch)
				c = append(c, Run{Kind: Close, ID: id, Type: typ, Code: data[ch.attrValue("dataRefEnd")]})
			case "sc", "ph":
				if id == "" {
					xr.warn(ch, "unit %q: inline <%s> without id: dropped", unit, ch.name)
					c = append(c, Run{Kind: Gap})
					continue
				}
				k := Open
				if ch.name == "ph" {
					k = Standalone
				}
				r := Run{Kind: k, ID: id, Type: typ, Code: data[ch.attrValue("dataRef")]}
				if k == Standalone && ch.attrValue("disp") != r.Code {
					r.Disp = ch.attrValue("disp")
				}
				c = append(c, r)
			case "ec":
				ref := firstNonEmpty(ch.attrValue("startRef"), id)
				if ref == "" {
					xr.warn(ch, "unit %q: inline <ec> without startRef or id: dropped", unit)
					c = append(c, Run{Kind: Gap})
					continue
				}
				c = append(c, Run{Kind: Close, ID: ref, Type: typ, Code: data[ch.attrValue("dataRef")]})
			case "mrk":
				walk(ch)
			case "sm", "em":
				// Annotation markers carry no text.
			case "cp":
				hex := ch.attrValue("hex")
				v, err := strconv.ParseUint(hex, 16, 32)
				switch {
				case err != nil || v > 0x10ffff:
					xr.warn(ch, "unit %q: <cp hex=%q> is not a hexadecimal code point: dropped", unit, hex)
					c = append(c, Run{Kind: Gap})
					continue
				case lang.IsControl(rune(v)):
					xr.warn(ch, "unit %q: <cp hex=%q> is a control character, which no document can hold: dropped", unit, hex)
					c = append(c, Run{Kind: Gap})
					continue
				case v >= 0xd800 && v <= 0xdfff || v&0xfffe == 0xfffe:
					xr.warn(ch, "unit %q: <cp hex=%q> is not a character (a surrogate or a noncharacter): dropped", unit, hex)
					c = append(c, Run{Kind: Gap})
					continue
				}
				c = c.AppendText(string(rune(v)))
			default:
				xr.warn(ch, "trans-unit %q: unknown inline element <%s>: its text kept, the element dropped", unit, ch.name)
				walkText(ch)
			}
		}
	}
	walk(n)
	return CloseGaps(c).fillCloseTypes()
}

// ids hands out identifiers unique within a file: a repeated one gets a
// suffix, since readers refuse duplicates (a 1.2 file may name a group and
// a trans-unit alike, and both become units).
type ids map[string]bool

func (s ids) unique(id string) string {
	out := id
	for n := 2; s[out]; n++ {
		out = id + "-" + strconv.Itoa(n)
	}
	s[out] = true
	return out
}

// WriteXLIFF writes x as XLIFF 1.2, 2.0 or 2.1, by x.Version (1.2 when
// empty), with its language tags in canonical form; a tag that is not BCP
// 47, or another version, is an error. Segments without a target get the
// source as target and state new (XLIFF 1.2) or initial (2.x), so that
// OmegaT, which translates the target, finds them. 2.0 and 2.1 files are
// the same but for their version: tandem writes nothing of 2.1 that 2.0
// lacks (core elements and the matches module, in the 2.0 namespace).
func WriteXLIFF(w io.Writer, x *XLIFF) error {
	src, err := writtenTag("write XLIFF: source language", x.SrcLang)
	if err != nil {
		return err
	}
	tgt, err := writtenTag("write XLIFF: target language", x.TgtLang)
	if err != nil {
		return err
	}
	cx := *x
	cx.SrcLang, cx.TgtLang = src, tgt
	if len(cx.Files) == 0 {
		// A <file> is required, even with nothing in it.
		cx.Files = []XFile{{}}
	}
	x = &cx
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	switch x.Version {
	case "1.2", "1.1", "1.0", "":
		writeXLIFF12(&b, x)
	case "2.0", "2.1":
		writeXLIFF2(&b, x)
	default:
		return fmt.Errorf("write XLIFF: version %q is not supported (1.2, 2.0 or 2.1)", x.Version)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

func writeXLIFF12(b *strings.Builder, x *XLIFF) {
	fmt.Fprintf(b, "<xliff version=\"1.2\" xmlns=\"%s\">\n", nsXLIFF12)
	for fi, f := range x.Files {
		orig := firstNonEmpty(f.Original, f.ID, "file"+strconv.Itoa(fi+1))
		fmt.Fprintf(b, "  <file%s datatype=\"plaintext\">\n    <body>\n", attrs("original", orig, "source-language", x.SrcLang, "target-language", x.TgtLang))
		groups, units := ids{}, ids{}
		for ui, u := range f.Units {
			uid := groups.unique(firstNonEmpty(u.ID, "u"+strconv.Itoa(ui+1)))
			fmt.Fprintf(b, "      <group%s>\n", attrs("id", uid))
			for si, s := range u.Segments {
				sid := units.unique(uid + "-" + firstNonEmpty(s.ID, strconv.Itoa(si+1)))
				approved := ""
				if s.State == Reviewed || s.State == Final {
					approved = "yes"
				}
				fmt.Fprintf(b, "        <trans-unit%s>\n", attrs("id", sid, "approved", approved))
				b.WriteString("          <source xml:space=\"preserve\">" + inline12(s.Source) + "</source>\n")
				tgt, state, qualifier := s.Target, state12Name(s.State), ""
				if s.State == New || tgt.IsEmpty() {
					tgt, state = s.Source, "new"
				} else if s.PreTranslated {
					state, qualifier = "needs-review-translation", "exact-match"
				}
				fmt.Fprintf(b, "          <target xml:space=\"preserve\"%s>%s</target>\n", attrs("state", state, "state-qualifier", qualifier), inline12(tgt))
				for _, n := range u.Notes {
					if si == 0 {
						b.WriteString("          <note>" + escText(n) + "</note>\n")
					}
				}
				for _, m := range s.Matches {
					fmt.Fprintf(b, "          <alt-trans%s>\n", attrs("match-quality", strconv.Itoa(m.Score), "origin", m.Origin))
					b.WriteString("            <source xml:space=\"preserve\">" + inline12(m.Source) + "</source>\n")
					b.WriteString("            <target xml:space=\"preserve\">" + inline12(m.Target) + "</target>\n")
					b.WriteString("          </alt-trans>\n")
				}
				b.WriteString("        </trans-unit>\n")
			}
			b.WriteString("      </group>\n")
		}
		b.WriteString("    </body>\n  </file>\n")
	}
	b.WriteString("</xliff>\n")
}

func state12Name(s State) string {
	switch s {
	case Draft:
		return "needs-translation"
	case Translated:
		return "translated"
	case Reviewed:
		return "signed-off"
	case Final:
		return "final"
	}
	return "new"
}

// inline12 writes content as XLIFF 1.2: paired codes as <g> (or
// <bpt>/<ept> when they carry native code), others as <bx>/<ex>, <x> or <ph>.
func inline12(c Content) string {
	var b strings.Builder
	pairs := c.Pairs()
	closeAt := map[int]bool{}
	for open, cl := range pairs {
		if c[open].Code == "" && c[cl].Code == "" {
			closeAt[cl] = true
		}
	}
	for i, r := range c {
		switch r.Kind {
		case Text:
			b.WriteString(escText(r.Text))
		case Open:
			if cl, ok := pairs[i]; ok && closeAt[cl] {
				fmt.Fprintf(&b, "<g%s>", attrs("id", r.ID, "ctype", ctype12(r.Type)))
			} else if r.Code != "" {
				fmt.Fprintf(&b, "<bpt%s>%s</bpt>", attrs("id", r.ID, "ctype", ctype12(r.Type)), escText(r.Code))
			} else {
				fmt.Fprintf(&b, "<bx%s/>", attrs("id", r.ID, "ctype", ctype12(r.Type)))
			}
		case Close:
			if closeAt[i] {
				b.WriteString("</g>")
			} else if r.Code != "" {
				fmt.Fprintf(&b, "<ept%s>%s</ept>", attrs("id", r.ID), escText(r.Code))
			} else {
				fmt.Fprintf(&b, "<ex%s/>", attrs("id", r.ID))
			}
		case Standalone:
			if r.Code != "" {
				fmt.Fprintf(&b, "<ph%s>%s</ph>", attrs("id", r.ID, "ctype", ctype12(r.Type), "equiv-text", r.Disp), escText(r.Code))
			} else {
				fmt.Fprintf(&b, "<x%s/>", attrs("id", r.ID, "ctype", ctype12(r.Type)))
			}
		}
	}
	return b.String()
}

// ctype12 writes our formatting names in XLIFF 1.2's ctype vocabulary,
// which prefixes user-defined values with x-.
func ctype12(t string) string {
	switch t {
	case "", "bold", "italic", "underlined", "link", "lb", "image", "pb":
		return t
	}
	if strings.HasPrefix(t, "x-") {
		return t
	}
	return "x-" + t
}

func writeXLIFF2(b *strings.Builder, x *XLIFF) {
	mtc := ""
	for _, u := range x.Units() {
		for _, s := range u.Segments {
			if len(s.Matches) > 0 {
				mtc = nsMatches
			}
		}
	}
	fmt.Fprintf(b, "<xliff xmlns=\"%s\"%s version=\"%s\"%s>\n", nsXLIFF2, attrs("xmlns:mtc", mtc), firstNonEmpty(x.Version, "2.1"), attrs("srcLang", x.SrcLang, "trgLang", x.TgtLang))
	for fi, f := range x.Files {
		fmt.Fprintf(b, "  <file%s>\n", attrs("id", firstNonEmpty(f.ID, "f"+strconv.Itoa(fi+1)), "original", f.Original))
		units := ids{}
		for ui, u := range f.Units {
			uid := units.unique(firstNonEmpty(u.ID, "u"+strconv.Itoa(ui+1)))
			fmt.Fprintf(b, "    <unit%s>\n", attrs("id", uid))
			// Matches come first in a unit; each points at the segment
			// it is for through an annotation around its source.
			var matches strings.Builder
			for si, s := range u.Segments {
				for _, m := range s.Matches {
					fmt.Fprintf(&matches, "        <mtc:match%s>\n", attrs("ref", "#m"+strconv.Itoa(si+1), "type", "tm", "similarity", strconv.Itoa(m.Score), "origin", m.Origin))
					matches.WriteString("          <source xml:space=\"preserve\">" + inline2(m.Source, "", nil, codeEnds(m.Source)) + "</source>\n")
					matches.WriteString("          <target xml:space=\"preserve\">" + inline2(m.Target, "", nil, codeEnds(m.Target)) + "</target>\n")
					matches.WriteString("        </mtc:match>\n")
				}
			}
			if matches.Len() > 0 {
				b.WriteString("      <mtc:matches>\n" + matches.String() + "      </mtc:matches>\n")
			}
			if len(u.Notes) > 0 {
				b.WriteString("      <notes>\n")
				for _, n := range u.Notes {
					b.WriteString("        <note>" + escText(n) + "</note>\n")
				}
				b.WriteString("      </notes>\n")
			}
			data := map[string]string{}
			// Start and end codes may stand in different segments of a
			// unit; one whose partner is on neither side of the unit (a
			// translation that dropped a start code) is isolated.
			var srcAll, tgtAll Content
			targets := make([]Content, len(u.Segments))
			for si, s := range u.Segments {
				targets[si] = s.Target
				if s.State == New || s.Target.IsEmpty() {
					targets[si] = s.Source
				}
				srcAll = append(srcAll, s.Source...)
				tgtAll = append(tgtAll, targets[si]...)
			}
			// Targets in another order than their sources say so; orders
			// that do not place each target once are not written.
			targetOrder, valid := u.TargetOrder()
			places := make([]int, len(u.Segments))
			reordered := false
			for k, si := range targetOrder {
				places[si] = k + 1
				reordered = reordered || valid && k != si
			}
			var segs strings.Builder
			for si, s := range u.Segments {
				// Segments share the identifiers of a unit with its
				// inline codes, which are numbered from 1: "s1" cannot
				// be one of them.
				n := strconv.Itoa(si + 1)
				sid := "s" + n
				state, sub := "initial", ""
				switch s.State {
				case Draft:
					sub = "tandem:draft"
				case Translated:
					state = "translated"
					if s.PreTranslated {
						sub = "tandem:exact-match"
					}
				case Reviewed:
					state = "reviewed"
				case Final:
					state = "final"
				}
				fmt.Fprintf(&segs, "      <segment%s>\n", attrs("id", sid, "state", state, "subState", sub))
				src := inline2(s.Source, n, data, codeEnds(srcAll))
				if len(s.Matches) > 0 {
					src = `<mrk id="m` + n + `" type="mtc:match">` + src + "</mrk>"
				}
				segs.WriteString("        <source xml:space=\"preserve\">" + src + "</source>\n")
				order := ""
				if reordered {
					order = strconv.Itoa(places[si])
				}
				segs.WriteString("        <target xml:space=\"preserve\"" + attrs("order", order) + ">" + inline2(targets[si], n, data, codeEnds(tgtAll)) + "</target>\n")
				segs.WriteString("      </segment>\n")
			}
			if len(data) > 0 {
				b.WriteString("      <originalData>\n")
				for _, k := range sortedKeys(data) {
					fmt.Fprintf(b, "        <data%s>%s</data>\n", attrs("id", k), escText(data[k]))
				}
				b.WriteString("      </originalData>\n")
			}
			b.WriteString(segs.String())
			b.WriteString("    </unit>\n")
		}
		b.WriteString("  </file>\n")
	}
	b.WriteString("</xliff>\n")
}

// codeEnds records the start codes of c by id, and the end codes under
// id+"\x00close", to tell which start or end code has its partner.
func codeEnds(c Content) map[string]bool {
	ends := map[string]bool{}
	for _, r := range c {
		switch r.Kind {
		case Open:
			ends[r.ID] = true
		case Close:
			ends[r.ID+"\x00close"] = true
		}
	}
	return ends
}

// inline2 writes content as XLIFF 2: paired codes as <pc>, others as
// <sc>/<ec> and <ph>; native codes go to data, keyed by the segment's
// number seg and the code, or are left out when data is nil (a match's
// content). ends are the code ends of the content c belongs to (the same
// side of its unit, see codeEnds): a start or end code whose partner is
// not there is isolated.
func inline2(c Content, seg string, data map[string]string, ends map[string]bool) string {
	var b strings.Builder
	pairs := c.Pairs()
	closeAt := map[int]bool{}
	for _, cl := range pairs {
		closeAt[cl] = true
	}
	ref := func(r Run, suffix string) string {
		if r.Code == "" || data == nil {
			return ""
		}
		k := "d" + seg + "-" + r.ID + suffix
		data[k] = r.Code
		return k
	}
	for i, r := range c {
		switch r.Kind {
		case Text:
			b.WriteString(escText(r.Text))
		case Open:
			if cl, ok := pairs[i]; ok {
				fmt.Fprintf(&b, "<pc%s>", attrs("id", r.ID, "type", type2(r.Type), "subType", subType2(r.Type), "dataRefStart", ref(r, "s"), "dataRefEnd", ref(c[cl], "e")))
			} else {
				fmt.Fprintf(&b, "<sc%s/>", attrs("id", r.ID, "isolated", isolated(!ends[r.ID+"\x00close"]), "type", type2(r.Type), "subType", subType2(r.Type), "dataRef", ref(r, "s")))
			}
		case Close:
			switch {
			case closeAt[i]:
				b.WriteString("</pc>")
			case !ends[r.ID]:
				fmt.Fprintf(&b, "<ec%s/>", attrs("id", r.ID, "isolated", "yes", "type", type2(r.Type), "subType", subType2(r.Type)))
			default:
				fmt.Fprintf(&b, "<ec%s/>", attrs("startRef", r.ID, "dataRef", ref(r, "e")))
			}
		case Standalone:
			// Codes that stand for content (a formula, a link target, a
			// note reference) may be moved but neither deleted nor
			// copied: tools that know canDelete and canCopy enforce it,
			// the others still show the code as a tag the translator
			// cannot edit. disp shows a formula's TeX, a note's mark,
			// a field's value or the text of code in its place.
			can, disp := "", r.Disp
			if protectedTypes[r.Type] {
				can = "no"
			}
			if disp == "" && !strings.Contains(r.Code, "<") {
				disp = r.Code
			}
			fmt.Fprintf(&b, "<ph%s/>", attrs("id", r.ID, "type", type2(r.Type), "subType", subType2(r.Type), "canCopy", can, "canDelete", can, "dataRef", ref(r, ""), "disp", disp))
		}
	}
	return b.String()
}

func isolated(yes bool) string {
	if yes {
		return "yes"
	}
	return ""
}

// type2 maps a formatting name to XLIFF 2's type attribute, whose values
// are fixed (fmt, ui, quote, link, image, other); the name itself goes to
// subType. Line and page breaks are fmt, as their reserved subTypes xlf:lb
// and xlf:pb require.
func type2(t string) string {
	switch t {
	case "":
		return ""
	case "image", "link":
		return t
	case "math", "anchor", "footnote", "number", "field", "code":
		return "other"
	}
	return "fmt"
}

var xlfSubTypes = map[string]string{"bold": "xlf:b", "italic": "xlf:i", "underlined": "xlf:u", "lb": "xlf:lb", "pb": "xlf:pb"}

func subType2(t string) string {
	switch t {
	case "", "link":
		return ""
	}
	if v, ok := xlfSubTypes[t]; ok {
		return v
	}
	return "tandem:" + t
}

// typeFrom2 reads back the formatting name written by type2 and subType2.
func typeFrom2(typ, sub string) string {
	for k, v := range xlfSubTypes {
		if v == sub {
			return k
		}
	}
	if rest, ok := strings.CutPrefix(sub, "tandem:"); ok {
		return rest
	}
	if typ == "fmt" || typ == "other" {
		return ""
	}
	return typ
}

func sortedKeys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// protectedTypes are the standalone codes that stand for content of the
// document rather than formatting: a formula, a link target, a note
// reference, an image, the number in a list item's label, text set as
// code. Writers ask CAT tools not to delete or copy them
// (XLIFF 2 canDelete and canCopy), and import warns when one is lost.
var protectedTypes = map[string]bool{"math": true, "anchor": true, "footnote": true, "image": true, "number": true, "field": true, "code": true}
