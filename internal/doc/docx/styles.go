package docx

import (
	"encoding/xml"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
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
	// mWebHidden: w:webHidden, text hidden in a web page: Word's tab and
	// page number of an entry of a table of contents, but LibreOffice's
	// whole entry.
	mWebHidden
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
	// highlight (an ST_HighlightColor name or "none"), color (RRGGBB
	// upper-case, or "auto") and fill (the w:shd fill, likewise) are the
	// run's look as set at this level; empty when not set.
	highlight, color, fill string
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
	if r.highlight == "" {
		r.highlight = base.highlight
	}
	if r.color == "" {
		r.color = base.color
	}
	if r.fill == "" {
		r.fill = base.fill
	}
	return r
}

// style is one entry of styles.xml.
type style struct {
	typ, name, basedOn string
	// label is the name as the style gives it; name is in lower case.
	label string
	// looks is set when the style's run properties set more than the
	// marks and languages the model says (a colour, a font, a size).
	looks       bool
	outline     int // 0–8 for headings, 9 for body text, -1 when unset
	numID, ilvl int
	hasNum      bool
	rpr         runProps
}

// paraStyle is what a paragraph style means for the model, with its
// inheritance resolved.
type paraStyle struct {
	heading int // 0 when not a heading
	quote   bool
	code    bool // a style for code: its paragraphs make code blocks
	// caption is set for a style of captions, by its name or a name in
	// its basedOn chain; tableCaption for one of tables' captions only.
	// figure is set for a style named Figure (Рисунок): LibreOffice's
	// style of figures' captions, which some documents give the
	// image's own paragraph instead.
	caption, tableCaption, figure bool
	title                         bool // the style is or is based on Title
	toc                           bool // an entry of a table of contents or of figures
	tocLevel                      int  // the entry's level, 0 for a table of figures
	numID, ilvl                   int
	hasNum                        bool
	rpr                           runProps // for languages only
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
					sty.label = attr(c, "val")
					sty.name = strings.ToLower(sty.label)
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
					sty.rpr, sty.looks = r.rpr, r.looks
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
		case captionStyles[name] != 0:
			switch captionStyles[name] {
			case captionOfFigure:
				ps.figure = true
			case captionOfTable:
				ps.caption, ps.tableCaption = true, true
			default:
				ps.caption = true
			}
		case codeStyleName(name):
			ps.code = true
		case isTOCStyle(name):
			if !ps.toc {
				ps.toc, ps.tocLevel = true, tocLevel(name)
			}
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

// Kinds of caption style in captionStyles.
const (
	captionAny = iota + 1
	captionOfTable
	captionOfFigure
)

// captionStyles are the names (in lower case) of paragraph styles for
// captions: Word's built-in "caption", LibreOffice's "Caption" and those
// based on it (whose basedOn its DOCX export may leave out), and the
// Russian names Word and LibreOffice give them.
var captionStyles = map[string]int{
	"caption": captionAny, "figure caption": captionAny, "figurecaption": captionAny,
	"image caption": captionAny, "illustration": captionAny, "drawing": captionAny,
	"подпись": captionAny, "название объекта": captionAny, "подпись рисунка": captionAny,
	"подпись к рисунку": captionAny, "иллюстрация": captionAny,
	"table caption": captionOfTable, "tablecaption": captionOfTable, "подпись таблицы": captionOfTable,
	"figure": captionOfFigure, "рисунок": captionOfFigure,
}

// label returns the name of style id as the style gives it ("Source
// Code"), the default paragraph style's for "", or "" when styles.xml
// has no such style.
func (st *styles) label(id string) string {
	if id == "" {
		id = st.defaultPara
	}
	if s := st.byID[id]; s != nil {
		return s.label
	}
	return ""
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

// tocLevel returns the level of the entries of a table of contents style
// (2 for "toc 2" or "Contents 2"), or 0 when its name gives none.
func tocLevel(name string) int {
	if i := strings.LastIndexByte(name, ' '); i >= 0 {
		if n, err := strconv.Atoi(name[i+1:]); err == nil && n >= 1 && n <= 9 {
			return n
		}
	}
	return 0
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

// charLook returns the name of a character style for a Styled mark: the
// name of style id as written, when it is a character style that sets
// more than the model's marks (see runPr.looks), or one of its bases
// does, and is not one that a link, a note reference or a symbol font
// stands for. It returns "" otherwise.
func (st *styles) charLook(id string) string {
	s := st.byID[id]
	if s == nil || s.typ != "character" || s.label == "" || structuralChar[s.name] ||
		symbolFont(st.char(id).font) != nil || st.codeChar(id) {
		return ""
	}
	seen := map[string]bool{}
	for cur := s; cur != nil && !seen[cur.name]; cur = st.byID[cur.basedOn] {
		seen[cur.name] = true
		if structuralChar[cur.name] {
			return ""
		}
		if cur.looks {
			return s.label
		}
	}
	return ""
}

// codeChar reports whether id is a character style for code (see
// codeStyleName), or is based on one.
func (st *styles) codeChar(id string) bool {
	seen := map[string]bool{}
	for cur := st.byID[id]; cur != nil && !seen[cur.name]; cur = st.byID[cur.basedOn] {
		seen[cur.name] = true
		if cur.typ == "character" && codeStyleName(cur.name) {
			return true
		}
	}
	return false
}

// codeStyleNames are the names of styles for code that do not say
// "code" or "verbatim": Word's built-in styles for the HTML elements of
// code, LibreOffice's.
var codeStyleNames = map[string]bool{
	"html preformatted": true, "html keyboard": true, "html sample": true, "html typewriter": true,
	"source text": true, "preformatted text": true,
}

// codeStyleName reports whether a style's name (in small letters) says
// that its text is code: a word of it is "code" or "verbatim" ("HTML
// Code", "Source Code", "Verbatim Char", "Code Block"), or it is one of
// codeStyleNames. A style merely set in a monospace font is not: it may
// be anything.
func codeStyleName(name string) bool {
	if codeStyleNames[strings.TrimSuffix(name, " char")] {
		return true
	}
	for _, w := range strings.Fields(name) {
		if w == "code" || w == "verbatim" {
			return true
		}
	}
	return false
}

// structuralChar are the built-in character styles that say what text
// is (a link, a note's number, a page or line number) rather than how it
// looks, by their names in lower case.
var structuralChar = map[string]bool{
	"hyperlink": true, "followedhyperlink": true, "internet link": true, "visited internet link": true,
	"footnote reference": true, "endnote reference": true, "footnote anchor": true, "endnote anchor": true,
	"footnote characters": true, "endnote characters": true, "footnote symbol": true, "endnote symbol": true, "annotation reference": true,
	"page number": true, "line number": true, "placeholder text": true, "default paragraph font": true,
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
	// looks is set when the properties set more than marks, languages,
	// a style and proofing: a colour, a font, a size, a border.
	looks bool
}

// neutralProps are the run properties that do not make a look of their
// own: the model's marks, languages, proofing and what only complex
// scripts use.
var neutralProps = map[string]bool{
	"b": true, "bCs": true, "i": true, "iCs": true, "u": true, "strike": true, "smallCaps": true,
	"vertAlign": true, "lang": true, "noProof": true, "rStyle": true, "rtl": true, "cs": true,
	"rPrChange": true, "del": true, "ins": true, "moveFrom": true, "moveTo": true,
}

// hexColor returns a colour attribute (w:color w:val, w:shd w:fill) as
// six upper-case hex digits, "auto" for automatic, or "" when it is
// neither.
func hexColor(v string) string {
	if strings.EqualFold(v, "auto") {
		return "auto"
	}
	return doc.HexColor(v)
}

// readRunProps reads a w:rPr element whose start was just read. Recorded
// earlier formatting (w:rPrChange) is passed over: tandem takes the text as
// it is now.
func readRunProps(x *xmlPart) (runPr, error) {
	var r runPr
	err := x.children(func(s xml.StartElement) error {
		if n := wname(s.Name); n != "" && !neutralProps[n] {
			r.looks = true
		}
		switch wname(s.Name) {
		case "highlight":
			r.rpr.highlight = attr(s, "val")
		case "color":
			r.rpr.color = hexColor(attr(s, "val"))
		case "shd":
			r.rpr.fill = hexColor(attr(s, "fill"))
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
		case "vanish":
			// Text hidden on screen is not part of the text read.
			r.rpr.mark(mHidden, onOff(s))
		case "webHidden":
			r.rpr.mark(mWebHidden, onOff(s))
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
