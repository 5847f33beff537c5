package interchange

import (
	"fmt"
	"io"
	"strconv"
	"strings"
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
	Version          string // "1.2" or "2.1" (2.0 and 2.2 are read too)
	SrcLang, TgtLang string
	Files            []XFile
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
}

// Segment is one sentence of a unit.
type Segment struct {
	ID             string
	Source, Target Content
	State          State
	// Line and Col locate the segment in the file it was read from, for
	// messages about it; they are zero for segments built in memory.
	Line, Col int
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
	nsXLIFF12 = "urn:oasis:names:tc:xliff:document:1.2"
	nsXLIFF2  = "urn:oasis:names:tc:xliff:document:2.0"
)

// ReadXLIFF reads an XLIFF 1.2 or 2.x file. name is used in errors.
func ReadXLIFF(r io.Reader, name string) (*XLIFF, error) {
	root, err := parseTree(r, name)
	if err != nil {
		return nil, err
	}
	if root.name != "xliff" {
		return nil, errAt(name, root, "root element <%s>, want <xliff>", root.name)
	}
	version := root.attrValue("version")
	switch {
	case version == "1.2" || (version == "" && root.space == nsXLIFF12):
		return readXLIFF12(root, name)
	case strings.HasPrefix(version, "2."):
		return readXLIFF2(root, name, version)
	case version == "":
		return nil, errAt(name, root, "<xliff> without version")
	}
	return nil, errAt(name, root, "XLIFF version %q is not supported (1.2 and 2.x are)", version)
}

func readXLIFF12(root *node, name string) (*XLIFF, error) {
	x := &XLIFF{Version: "1.2"}
	for _, f := range root.elements("file") {
		src, tgt := f.attrValue("source-language"), f.attrValue("target-language")
		if src == "" {
			return nil, errAt(name, f, "<file> without source-language")
		}
		if x.SrcLang == "" {
			x.SrcLang, x.TgtLang = src, tgt
		}
		xf := XFile{ID: f.attrValue("original"), Original: f.attrValue("original")}
		body := f.first("body")
		if body == nil {
			return nil, errAt(name, f, "<file> without <body>")
		}
		ids := map[string]bool{}
		if err := walkBody12(body, name, &xf, ids); err != nil {
			return nil, err
		}
		x.Files = append(x.Files, xf)
	}
	if len(x.Files) == 0 {
		return nil, errAt(name, root, "no <file> in the XLIFF document")
	}
	return x, nil
}

// walkBody12 reads trans-units. A group whose children are all trans-units
// is one unit (paragraph) with a segment per trans-unit, as tandem writes
// it; a trans-unit elsewhere is a unit of its own, split into segments by
// its seg-source when it has one.
func walkBody12(n *node, name string, xf *XFile, ids map[string]bool) error {
	for _, c := range n.children {
		switch c.name {
		case "group":
			tus := c.elements("trans-unit")
			if len(tus) > 0 && len(tus) == len(c.elements("group"))+len(tus) && c.attrValue("id") != "" {
				u := Unit{ID: c.attrValue("id")}
				for _, tu := range tus {
					segs, notes, err := readTransUnit(tu, name, ids)
					if err != nil {
						return err
					}
					for _, s := range segs {
						if len(segs) == 1 {
							s.ID = tu.attrValue("id")
						}
						u.Segments = append(u.Segments, s)
					}
					u.Notes = append(u.Notes, notes...)
				}
				xf.Units = append(xf.Units, u)
				continue
			}
			if err := walkBody12(c, name, xf, ids); err != nil {
				return err
			}
		case "trans-unit":
			segs, notes, err := readTransUnit(c, name, ids)
			if err != nil {
				return err
			}
			xf.Units = append(xf.Units, Unit{ID: c.attrValue("id"), Segments: segs, Notes: notes})
		}
	}
	return nil
}

func readTransUnit(tu *node, name string, ids map[string]bool) ([]Segment, []string, error) {
	id := tu.attrValue("id")
	if id == "" {
		return nil, nil, errAt(name, tu, "<trans-unit> without id")
	}
	if ids[id] {
		return nil, nil, errAt(name, tu, "trans-unit id %q used twice in the file", id)
	}
	ids[id] = true
	srcEl := tu.first("source")
	if srcEl == nil {
		return nil, nil, errAt(name, tu, "trans-unit %q has no <source>", id)
	}
	var notes []string
	for _, n := range tu.elements("note") {
		notes = append(notes, n.innerText())
	}
	tgtEl := tu.first("target")
	state := New
	if tgtEl != nil {
		state = state12(tgtEl.attrValue("state"), tu.attrValue("approved") == "yes")
	}
	// Segmented: <seg-source> and <target> hold <mrk mtype="seg">.
	if ss := tu.first("seg-source"); ss != nil {
		srcSegs := segMarks(ss)
		if len(srcSegs) > 0 {
			tgtSegs := map[string]*node{}
			if tgtEl != nil {
				for _, m := range segMarks(tgtEl) {
					tgtSegs[m.attrValue("mid")] = m
				}
			}
			var out []Segment
			defer func() {
				for i := range out {
					out[i].State = settleNew(out[i])
				}
			}()
			for _, m := range srcSegs {
				s := Segment{ID: m.attrValue("mid"), State: state, Line: m.line, Col: m.col}
				var err error
				if s.Source, err = content12(m, name); err != nil {
					return nil, nil, err
				}
				if t := tgtSegs[s.ID]; t != nil {
					if s.Target, err = content12(t, name); err != nil {
						return nil, nil, err
					}
				}
				out = append(out, s)
			}
			return out, notes, nil
		}
	}
	s := Segment{ID: id, State: state, Line: tu.line, Col: tu.col}
	var err error
	if s.Source, err = content12(srcEl, name); err != nil {
		return nil, nil, err
	}
	if tgtEl != nil {
		if s.Target, err = content12(tgtEl, name); err != nil {
			return nil, nil, err
		}
	}
	s.State = settleNew(s)
	return []Segment{s}, notes, nil
}

func segMarks(n *node) []*node {
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

// state12 maps an XLIFF 1.2 target state to ours.
func state12(s string, approved bool) State {
	switch s {
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
	}
	// needs-translation, needs-review-*, needs-adaptation, needs-l10n, x-…
	return Draft
}

// content12 reads the inline content of an XLIFF 1.2 element.
func content12(n *node, name string) (Content, error) {
	var c Content
	var walk func(n *node) error
	walk = func(n *node) error {
		for _, ch := range n.children {
			id := ch.attrValue("id")
			switch ch.name {
			case "":
				c = c.appendText(ch.text)
			case "g":
				c = append(c, Run{Kind: Open, ID: id, Type: strings.TrimPrefix(ch.attrValue("ctype"), "x-")})
				if err := walk(ch); err != nil {
					return err
				}
				c = append(c, Run{Kind: Close, ID: id, Type: strings.TrimPrefix(ch.attrValue("ctype"), "x-")})
			case "x":
				c = append(c, Run{Kind: Standalone, ID: id, Type: strings.TrimPrefix(ch.attrValue("ctype"), "x-")})
			case "bx":
				c = append(c, Run{Kind: Open, ID: firstNonEmpty(ch.attrValue("rid"), id), Type: strings.TrimPrefix(ch.attrValue("ctype"), "x-")})
			case "ex":
				c = append(c, Run{Kind: Close, ID: firstNonEmpty(ch.attrValue("rid"), id)})
			case "bpt":
				c = append(c, Run{Kind: Open, ID: firstNonEmpty(ch.attrValue("rid"), id), Type: strings.TrimPrefix(ch.attrValue("ctype"), "x-"), Code: ch.innerText()})
			case "ept":
				c = append(c, Run{Kind: Close, ID: firstNonEmpty(ch.attrValue("rid"), id), Code: ch.innerText()})
			case "ph":
				c = append(c, Run{Kind: Standalone, ID: id, Type: strings.TrimPrefix(ch.attrValue("ctype"), "x-"), Code: ch.innerText()})
			case "it":
				k := Open
				if ch.attrValue("pos") == "close" {
					k = Close
				}
				c = append(c, Run{Kind: k, ID: id, Type: strings.TrimPrefix(ch.attrValue("ctype"), "x-"), Code: ch.innerText()})
			case "mrk", "sub":
				if err := walk(ch); err != nil {
					return err
				}
			default:
				return errAt(name, ch, "unknown inline element <%s>", ch.name)
			}
			if ch.name != "" && ch.name != "mrk" && ch.name != "sub" && id == "" && ch.attrValue("rid") == "" {
				return errAt(name, ch, "inline <%s> without id", ch.name)
			}
		}
		return nil
	}
	err := walk(n)
	return c.fillCloseTypes(), err
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func readXLIFF2(root *node, name, version string) (*XLIFF, error) {
	x := &XLIFF{Version: version, SrcLang: root.attrValue("srcLang"), TgtLang: root.attrValue("trgLang")}
	if x.SrcLang == "" {
		return nil, errAt(name, root, "<xliff> without srcLang")
	}
	for _, f := range root.elements("file") {
		xf := XFile{ID: f.attrValue("id"), Original: f.attrValue("original")}
		if xf.ID == "" {
			return nil, errAt(name, f, "<file> without id")
		}
		ids := map[string]bool{}
		var walk func(n *node) error
		walk = func(n *node) error {
			for _, c := range n.children {
				switch c.name {
				case "group":
					if err := walk(c); err != nil {
						return err
					}
				case "unit":
					u, err := readUnit2(c, name, ids)
					if err != nil {
						return err
					}
					xf.Units = append(xf.Units, u)
				}
			}
			return nil
		}
		if err := walk(f); err != nil {
			return nil, err
		}
		x.Files = append(x.Files, xf)
	}
	if len(x.Files) == 0 {
		return nil, errAt(name, root, "no <file> in the XLIFF document")
	}
	return x, nil
}

func readUnit2(un *node, name string, ids map[string]bool) (Unit, error) {
	u := Unit{ID: un.attrValue("id")}
	if u.ID == "" {
		return u, errAt(name, un, "<unit> without id")
	}
	if ids[u.ID] {
		return u, errAt(name, un, "unit id %q used twice in the file", u.ID)
	}
	ids[u.ID] = true
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
	for _, sg := range un.elements("segment") {
		s := Segment{ID: sg.attrValue("id"), Line: sg.line, Col: sg.col}
		src := sg.first("source")
		if src == nil {
			return u, errAt(name, sg, "segment in unit %q has no <source>", u.ID)
		}
		var err error
		if s.Source, err = content2(src, name, data); err != nil {
			return u, err
		}
		if t := sg.first("target"); t != nil {
			if s.Target, err = content2(t, name, data); err != nil {
				return u, err
			}
		}
		s.State = state2(sg.attrValue("state"), sg.attrValue("subState"), s.Target.IsEmpty())
		if s.State == Draft && sg.attrValue("subState") == "" {
			// initial with a target: pre-filled (New) or begun (Draft).
			s.State = settleNew(Segment{Source: s.Source, Target: s.Target, State: New})
		}
		u.Segments = append(u.Segments, s)
	}
	if len(u.Segments) == 0 {
		return u, errAt(name, un, "unit %q has no <segment>", u.ID)
	}
	return u, nil
}

func state2(s, sub string, emptyTarget bool) State {
	switch s {
	case "translated":
		return Translated
	case "reviewed":
		return Reviewed
	case "final":
		return Final
	}
	if sub == "tandem:draft" || !emptyTarget {
		return Draft
	}
	return New
}

// content2 reads the inline content of an XLIFF 2 element; data holds the
// unit's originalData by id.
func content2(n *node, name string, data map[string]string) (Content, error) {
	var c Content
	var walk func(n *node) error
	walk = func(n *node) error {
		for _, ch := range n.children {
			id := ch.attrValue("id")
			switch ch.name {
			case "":
				c = c.appendText(ch.text)
			case "pc":
				c = append(c, Run{Kind: Open, ID: id, Type: typeFrom2(ch.attrValue("type"), ch.attrValue("subType")), Code: data[ch.attrValue("dataRefStart")]})
				if err := walk(ch); err != nil {
					return err
				}
				c = append(c, Run{Kind: Close, ID: id, Type: typeFrom2(ch.attrValue("type"), ch.attrValue("subType")), Code: data[ch.attrValue("dataRefEnd")]})
			case "sc":
				c = append(c, Run{Kind: Open, ID: id, Type: typeFrom2(ch.attrValue("type"), ch.attrValue("subType")), Code: data[ch.attrValue("dataRef")]})
			case "ec":
				c = append(c, Run{Kind: Close, ID: firstNonEmpty(ch.attrValue("startRef"), id), Type: typeFrom2(ch.attrValue("type"), ch.attrValue("subType")), Code: data[ch.attrValue("dataRef")]})
			case "ph":
				c = append(c, Run{Kind: Standalone, ID: id, Type: typeFrom2(ch.attrValue("type"), ch.attrValue("subType")), Code: data[ch.attrValue("dataRef")]})
			case "mrk":
				if err := walk(ch); err != nil {
					return err
				}
			case "sm", "em":
				// Annotation markers carry no text.
			case "cp":
				hex := ch.attrValue("hex")
				v, err := strconv.ParseUint(hex, 16, 32)
				if err != nil {
					return errAt(name, ch, "<cp hex=%q> is not a hexadecimal code point", hex)
				}
				c = c.appendText(string(rune(v)))
				continue
			default:
				return errAt(name, ch, "unknown inline element <%s>", ch.name)
			}
			if (ch.name == "pc" || ch.name == "sc" || ch.name == "ph") && id == "" {
				return errAt(name, ch, "inline <%s> without id", ch.name)
			}
			if ch.name == "ec" && id == "" && ch.attrValue("startRef") == "" {
				return errAt(name, ch, "inline <ec> without startRef or id")
			}
		}
		return nil
	}
	err := walk(n)
	return c.fillCloseTypes(), err
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

// WriteXLIFF writes x as XLIFF 1.2 or 2.1, by x.Version. Segments without
// a target get the source as target and state new (XLIFF 1.2) or initial
// (2.1), so that OmegaT, which translates the target, finds them.
func WriteXLIFF(w io.Writer, x *XLIFF) error {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	switch x.Version {
	case "1.2", "":
		writeXLIFF12(&b, x)
	case "2.0", "2.1", "2.2":
		writeXLIFF2(&b, x)
	default:
		return fmt.Errorf("write XLIFF: version %q is not supported (1.2 or 2.1)", x.Version)
	}
	_, err := io.WriteString(w, b.String())
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
				tgt, state := s.Target, state12Name(s.State)
				if s.State == New || tgt.IsEmpty() {
					tgt, state = s.Source, "new"
				}
				fmt.Fprintf(b, "          <target xml:space=\"preserve\" state=\"%s\">%s</target>\n", state, inline12(tgt))
				for _, n := range u.Notes {
					if si == 0 {
						b.WriteString("          <note>" + escText(n) + "</note>\n")
					}
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
	pairs := c.pairs()
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
				fmt.Fprintf(&b, "<ph%s>%s</ph>", attrs("id", r.ID, "ctype", ctype12(r.Type)), escText(r.Code))
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
	fmt.Fprintf(b, "<xliff xmlns=\"%s\" version=\"%s\"%s>\n", nsXLIFF2, firstNonEmpty(x.Version, "2.1"), attrs("srcLang", x.SrcLang, "trgLang", x.TgtLang))
	for fi, f := range x.Files {
		fmt.Fprintf(b, "  <file%s>\n", attrs("id", firstNonEmpty(f.ID, "f"+strconv.Itoa(fi+1)), "original", f.Original))
		units := ids{}
		for ui, u := range f.Units {
			uid := units.unique(firstNonEmpty(u.ID, "u"+strconv.Itoa(ui+1)))
			fmt.Fprintf(b, "    <unit%s>\n", attrs("id", uid))
			if len(u.Notes) > 0 {
				b.WriteString("      <notes>\n")
				for _, n := range u.Notes {
					b.WriteString("        <note>" + escText(n) + "</note>\n")
				}
				b.WriteString("      </notes>\n")
			}
			data := map[string]string{}
			var segs strings.Builder
			for si, s := range u.Segments {
				sid := firstNonEmpty(s.ID, strconv.Itoa(si+1))
				state, sub := "initial", ""
				switch s.State {
				case Draft:
					sub = "tandem:draft"
				case Translated:
					state = "translated"
				case Reviewed:
					state = "reviewed"
				case Final:
					state = "final"
				}
				fmt.Fprintf(&segs, "      <segment%s>\n", attrs("id", sid, "state", state, "subState", sub))
				segs.WriteString("        <source xml:space=\"preserve\">" + inline2(s.Source, sid, data) + "</source>\n")
				tgt := s.Target
				if s.State == New || tgt.IsEmpty() {
					tgt = s.Source
				}
				segs.WriteString("        <target xml:space=\"preserve\">" + inline2(tgt, sid, data) + "</target>\n")
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

// inline2 writes content as XLIFF 2: paired codes as <pc>, others as
// <sc>/<ec> and <ph>; native codes go to data, keyed by segment and code.
func inline2(c Content, sid string, data map[string]string) string {
	var b strings.Builder
	pairs := c.pairs()
	closeAt := map[int]bool{}
	for _, cl := range pairs {
		closeAt[cl] = true
	}
	ref := func(r Run, suffix string) string {
		if r.Code == "" {
			return ""
		}
		k := "d" + sid + "-" + r.ID + suffix
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
				fmt.Fprintf(&b, "<sc%s/>", attrs("id", r.ID, "type", type2(r.Type), "subType", subType2(r.Type), "dataRef", ref(r, "s")))
			}
		case Close:
			if closeAt[i] {
				b.WriteString("</pc>")
			} else {
				fmt.Fprintf(&b, "<ec%s/>", attrs("startRef", r.ID, "dataRef", ref(r, "e")))
			}
		case Standalone:
			fmt.Fprintf(&b, "<ph%s/>", attrs("id", r.ID, "type", type2(r.Type), "subType", subType2(r.Type), "dataRef", ref(r, "")))
		}
	}
	return b.String()
}

// type2 maps a formatting name to XLIFF 2's type attribute, whose values
// are fixed; the name itself goes to subType.
func type2(t string) string {
	switch t {
	case "":
		return ""
	case "image", "lb", "pb":
		return "other"
	case "link":
		return "link"
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
