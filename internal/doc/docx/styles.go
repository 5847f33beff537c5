package docx

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// Marks a run can carry, as bits.
const (
	mEmph uint16 = 1 << iota
	mStrong
	mUnderline
	mStrike
	mSup
	mSub
	mSmallCaps
	mHidden
	mCaps // w:caps: letters shown as capitals
)

// runProps are the run properties tandem keeps: marks (set says which are
// defined at this level, val their values) and languages.
type runProps struct {
	set, val uint16
	lang     string // w:lang w:val: the language of Latin and Cyrillic text
	eaLang   string // w:lang w:eastAsia: the language of CJK text
	// font is the run's font for Latin text (w:rFonts w:ascii, else
	// w:hAnsi), which tells symbol fonts apart; fontSet says it is given
	// at this level.
	font    string
	fontSet bool
}

func (r *runProps) mark(bit uint16, on bool) {
	r.set |= bit
	if on {
		r.val |= bit
	} else {
		r.val &^= bit
	}
}

// under fills what r leaves undefined from base.
func (r runProps) under(base runProps) runProps {
	r.val = r.val&r.set | base.val&base.set&^r.set
	r.set |= base.set
	if r.lang == "" {
		r.lang = base.lang
	}
	if r.eaLang == "" {
		r.eaLang = base.eaLang
	}
	if !r.fontSet {
		r.font, r.fontSet = base.font, base.fontSet
	}
	return r
}

// style is one entry of styles.xml.
type style struct {
	typ, name, basedOn string
	outline            int // 0–8 for headings, 9 for body text, -1 when unset
	numID, ilvl        int
	hasNum             bool
	rpr                runProps
}

// paraStyle is what a paragraph style means for the model, with its
// inheritance resolved.
type paraStyle struct {
	heading     int // 0 when not a heading
	quote       bool
	caption     bool
	title       bool // the style is or is based on Title
	toc         bool // an entry of a table of contents or of figures
	numID, ilvl int
	hasNum      bool
	rpr         runProps // for languages only
}

type styles struct {
	byID        map[string]*style
	defaultPara string
	defaults    runProps
	paraCache   map[string]paraStyle
	charCache   map[string]runProps
}

func newStyles() *styles {
	return &styles{byID: map[string]*style{}, paraCache: map[string]paraStyle{}, charCache: map[string]runProps{}}
}

func (p *pkg) readStyles(name string) (*styles, error) {
	st := newStyles()
	err := p.eachChild(name, func(x *xmlPart, s xml.StartElement) error {
		switch wname(s.Name) {
		case "docDefaults":
			return x.children(func(s xml.StartElement) error {
				if wname(s.Name) != "rPrDefault" {
					return x.skip()
				}
				return x.children(func(s xml.StartElement) error {
					if wname(s.Name) != "rPr" {
						return x.skip()
					}
					r, err := readRunProps(x)
					st.defaults = r.rpr
					return err
				})
			})
		case "style":
			sty := &style{typ: attr(s, "type"), outline: -1}
			id := attr(s, "styleId")
			if attr(s, "default") == "1" || attr(s, "default") == "true" {
				if sty.typ == "paragraph" {
					st.defaultPara = id
				}
			}
			err := x.children(func(c xml.StartElement) error {
				switch wname(c.Name) {
				case "name":
					sty.name = strings.ToLower(attr(c, "val"))
				case "basedOn":
					sty.basedOn = attr(c, "val")
				case "pPr":
					pp, err := readParaProps(x)
					if err != nil {
						return err
					}
					sty.outline = pp.outline
					sty.numID, sty.ilvl, sty.hasNum = pp.numID, pp.ilvl, pp.hasNum
					return nil
				case "rPr":
					r, err := readRunProps(x)
					sty.rpr = r.rpr
					return err
				}
				return x.skip()
			})
			if err != nil {
				return err
			}
			if id != "" {
				st.byID[id] = sty
			}
			return nil
		}
		return x.skip()
	})
	return st, err
}

// para resolves a paragraph style.
func (st *styles) para(id string) paraStyle {
	if id == "" {
		id = st.defaultPara
	}
	if ps, ok := st.paraCache[id]; ok {
		return ps
	}
	var ps paraStyle
	outline := -1
	numSet := false
	var rpr runProps
	seen := map[string]bool{}
	for cur := id; cur != "" && !seen[cur]; {
		seen[cur] = true
		s := st.byID[cur]
		if s == nil {
			break
		}
		if outline < 0 && s.outline >= 0 {
			outline = s.outline
		}
		if !numSet && s.hasNum {
			numSet = true
			ps.numID, ps.ilvl, ps.hasNum = s.numID, s.ilvl, s.numID != 0
		}
		rpr = rpr.under(s.rpr)
		switch name := s.name; {
		case outline < 0 && strings.HasPrefix(name, "heading "):
			if n, err := strconv.Atoi(name[len("heading "):]); err == nil && n >= 1 && n <= 9 {
				outline = n - 1
			}
		case name == "title":
			ps.title = true
			if outline < 0 {
				outline = 0
			}
		case name == "quote" || name == "intense quote" || name == "block text" || name == "quotations":
			ps.quote = true
		case name == "caption":
			ps.caption = true
		case isTOCStyle(name):
			ps.toc = true
		}
		cur = s.basedOn
	}
	if outline >= 0 && outline <= 8 {
		ps.heading = outline + 1
	}
	ps.rpr = rpr
	st.paraCache[id] = ps
	return ps
}

// isTOCStyle reports whether a style's built-in name is that of an entry
// of a table of contents: Word's "toc 1" to "toc 9" and "table of
// figures", LibreOffice's "Contents 1" to "Contents 10" and "Figure Index
// 1".
func isTOCStyle(name string) bool {
	for _, prefix := range []string{"toc ", "contents ", "figure index "} {
		if n, ok := strings.CutPrefix(name, prefix); ok {
			_, err := strconv.Atoi(n)
			return err == nil
		}
	}
	return name == "table of figures"
}

// char resolves a character style's run properties.
func (st *styles) char(id string) runProps {
	if id == "" {
		return runProps{}
	}
	if r, ok := st.charCache[id]; ok {
		return r
	}
	var r runProps
	seen := map[string]bool{}
	for cur := id; cur != "" && !seen[cur]; {
		seen[cur] = true
		s := st.byID[cur]
		if s == nil {
			break
		}
		r = r.under(s.rpr)
		cur = s.basedOn
	}
	st.charCache[id] = r
	return r
}

// paraProps are the paragraph properties tandem keeps.
type paraProps struct {
	style       string
	outline     int
	numID, ilvl int
	hasNum      bool
	markDeleted bool // the paragraph mark is a tracked deletion or move away
	section     bool // a section ends with this paragraph
}

// readParaProps reads a w:pPr element whose start was just read.
func readParaProps(x *xmlPart) (paraProps, error) {
	pp := paraProps{outline: -1}
	err := x.children(func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "pStyle":
			pp.style = attr(s, "val")
		case "outlineLvl":
			if n, err := strconv.Atoi(attr(s, "val")); err == nil {
				pp.outline = n
			}
		case "numPr":
			pp.hasNum = true
			return x.children(func(c xml.StartElement) error {
				switch wname(c.Name) {
				case "numId":
					pp.numID, _ = strconv.Atoi(attr(c, "val"))
				case "ilvl":
					pp.ilvl, _ = strconv.Atoi(attr(c, "val"))
				}
				return x.skip()
			})
		case "rPr":
			r, err := readRunProps(x)
			pp.markDeleted = r.deleted
			return err
		case "sectPr":
			pp.section = true
		}
		return x.skip()
	})
	if pp.ilvl < 0 || pp.ilvl > 8 {
		pp.ilvl = 0
	}
	return pp, err
}

// runPr is a run's direct properties.
type runPr struct {
	rpr     runProps
	style   string
	deleted bool // (in a paragraph mark's properties) the mark was deleted or moved away
}

// readRunProps reads a w:rPr element whose start was just read. Recorded
// earlier formatting (w:rPrChange) is passed over: tandem takes the text as
// it is now.
func readRunProps(x *xmlPart) (runPr, error) {
	var r runPr
	err := x.children(func(s xml.StartElement) error {
		switch wname(s.Name) {
		case "i":
			r.rpr.mark(mEmph, onOff(s))
		case "b":
			r.rpr.mark(mStrong, onOff(s))
		case "u":
			r.rpr.mark(mUnderline, attr(s, "val") != "none" && attr(s, "val") != "0")
		case "strike", "dstrike":
			r.rpr.mark(mStrike, onOff(s))
		case "smallCaps":
			r.rpr.mark(mSmallCaps, onOff(s))
		case "caps":
			r.rpr.mark(mCaps, onOff(s))
		case "vanish", "webHidden":
			// Text hidden on screen, or in a web page (the page numbers
			// of a table of contents), is not part of the text read.
			r.rpr.mark(mHidden, onOff(s))
		case "vertAlign":
			v := attr(s, "val")
			r.rpr.mark(mSup, v == "superscript")
			r.rpr.mark(mSub, v == "subscript")
		case "lang":
			r.rpr.lang = attr(s, "val")
			r.rpr.eaLang = attr(s, "eastAsia")
		case "rFonts":
			font := attr(s, "ascii")
			if font == "" {
				font = attr(s, "hAnsi")
			}
			if font != "" {
				r.rpr.font, r.rpr.fontSet = font, true
			}
		case "rStyle":
			r.style = attr(s, "val")
		case "del", "moveFrom":
			r.deleted = true
		}
		return x.skip()
	})
	return r, err
}
