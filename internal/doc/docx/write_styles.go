package docx

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/tandemforum/tandem/internal/lang"
)

// Roles a written paragraph or run can need a style for, named by the
// built-in style names Word writes (in English, whatever the interface
// language).
const (
	roleQuote        = "quote"
	roleCaption      = "caption"
	roleFootnoteText = "footnote text"
	roleEndnoteText  = "endnote text"
	roleFootnoteRef  = "footnote reference"
	roleEndnoteRef   = "endnote reference"
	roleHyperlink    = "hyperlink"
	roleListPara     = "list paragraph"
	roleTable        = "table grid"
	// roleCode and roleCodeBlock are Word's built-in styles for code
	// (doc.Code) and code blocks.
	roleCode      = "html code"
	roleCodeBlock = "html preformatted"
)

// roleAliases are the other names a template's style for a role may
// have: pandoc's reference.docx and LibreOffice name their code styles
// so.
var roleAliases = map[string][]string{
	roleCode:      {"verbatim char", "source code char", "source text", "code char", "code"},
	roleCodeBlock: {"source code", "preformatted text", "code block", "code", "verbatim"},
}

// styleFor returns the template's style for a role, adding one to the
// written styles when the template has none. List paragraphs and tables
// do without: numbering and direct table properties do their work.
func (pw *pkgWriter) styleFor(role string) string {
	if id, ok := pw.roleIDs[role]; ok {
		return id
	}
	st := pw.st
	typ := "paragraph"
	switch role {
	case roleFootnoteRef, roleEndnoteRef, roleHyperlink, roleCode:
		typ = "character"
	case roleTable:
		typ = "table"
	}
	id := ""
	for _, sid := range sortedKeys(st.byID) {
		s := st.byID[sid]
		if s.typ != typ {
			continue
		}
		if s.name == role {
			id = sid
			break
		}
		if id == "" && ((role == roleQuote && st.para(sid).quote) || (role == roleCaption && st.para(sid).caption && st.para(sid).heading == 0)) {
			id = sid
		}
	}
	for _, alias := range roleAliases[role] {
		for _, sid := range sortedKeys(st.byID) {
			if s := st.byID[sid]; id == "" && s.typ == typ && s.name == alias {
				id = sid
			}
		}
	}
	if id == "" && role != roleListPara && role != roleTable {
		id = pw.addStyle(role, typ, 0)
	}
	pw.roleIDs[role] = id
	return id
}

// charStyle returns the id of the template's character style called name
// (in any case), or "" when it has none: a look whose style the template
// lacks is written without it.
func (pw *pkgWriter) charStyle(name string) string {
	key := "char:" + strings.ToLower(name)
	if id, ok := pw.roleIDs[key]; ok {
		return id
	}
	id := ""
	for _, sid := range sortedKeys(pw.st.byID) {
		if s := pw.st.byID[sid]; s.typ == "character" && s.name == strings.ToLower(name) {
			id = sid
			break
		}
	}
	pw.roleIDs[key] = id
	return id
}

// codeStyle returns the id of the style for a code inline (role
// roleCode) or code block (roleCodeBlock) the source called name: the
// template's style of that name (in any case) when it is one for code
// of the same kind, else the role's style (see styleFor).
func (pw *pkgWriter) codeStyle(role, name string) string {
	if name == "" {
		return pw.styleFor(role)
	}
	key := role + ":" + strings.ToLower(name)
	if id, ok := pw.roleIDs[key]; ok {
		return id
	}
	id := ""
	for _, sid := range sortedKeys(pw.st.byID) {
		s := pw.st.byID[sid]
		if s.name != strings.ToLower(name) {
			continue
		}
		if (role == roleCode && s.typ == "character" && pw.st.codeChar(sid)) ||
			(role == roleCodeBlock && s.typ == "paragraph" && pw.st.para(sid).code) {
			id = sid
			break
		}
	}
	if id == "" {
		id = pw.styleFor(role)
	}
	pw.roleIDs[key] = id
	return id
}

// headingStyle returns the style for headings of a level: the template's
// style called "heading N", else another style the reader takes for a
// heading of that level (by outline level), else a new one.
func (pw *pkgWriter) headingStyle(level int) string {
	role := "heading " + strconv.Itoa(level)
	if id, ok := pw.roleIDs[role]; ok {
		return id
	}
	st := pw.st
	id, other, title := "", "", ""
	for _, sid := range sortedKeys(st.byID) {
		s := st.byID[sid]
		if s.typ != "paragraph" || st.para(sid).heading != level {
			continue
		}
		if s.name == role {
			id = sid
			break
		}
		if s.name == "title" {
			if title == "" {
				title = sid
			}
		} else if other == "" {
			other = sid
		}
	}
	if id == "" {
		id = other
	}
	if id == "" {
		id = title
	}
	if id == "" {
		id = pw.addStyle(role, "paragraph", level)
	}
	pw.roleIDs[role] = id
	return id
}

// addStyle defines a style for a role the template lacks and returns its
// id.
func (pw *pkgWriter) addStyle(role, typ string, level int) string {
	var base string
	for _, w := range strings.Fields(role) {
		base += strings.ToUpper(w[:1]) + w[1:]
	}
	id := base
	for n := 1; pw.styleIDs[id]; n++ {
		id = "Tandem" + base
		if n > 1 {
			id += strconv.Itoa(n)
		}
	}
	pw.styleIDs[id] = true
	// Word's own spelling of its built-in style names.
	name := role
	switch role {
	case roleQuote, roleHyperlink:
		name = strings.ToUpper(role[:1]) + role[1:]
	case roleCode:
		name = "HTML Code"
	case roleCodeBlock:
		name = "HTML Preformatted"
	}
	var x xb
	x.open("w:style", "w:type", typ, "w:styleId", id)
	x.empty("w:name", "w:val", name)
	normal := pw.st.defaultPara
	if typ == "paragraph" && normal != "" {
		x.empty("w:basedOn", "w:val", normal)
		x.empty("w:next", "w:val", normal)
	}
	if typ == "character" {
		x.empty("w:uiPriority", "w:val", "99")
		x.empty("w:unhideWhenUsed")
	} else {
		x.empty("w:qFormat")
	}
	switch {
	case level > 0:
		sizes := []string{"36", "32", "28", "26", "24", "24", "22", "22", "22"}
		x.open("w:pPr")
		x.empty("w:keepNext")
		x.empty("w:keepLines")
		x.empty("w:spacing", "w:before", "240", "w:after", "120")
		x.empty("w:outlineLvl", "w:val", strconv.Itoa(level-1))
		x.close("w:pPr")
		x.open("w:rPr")
		x.empty("w:b")
		x.empty("w:sz", "w:val", sizes[level-1])
		x.close("w:rPr")
	case role == roleQuote:
		x.open("w:pPr")
		x.empty("w:ind", "w:left", "720", "w:right", "720")
		x.close("w:pPr")
		x.open("w:rPr")
		x.empty("w:i")
		x.close("w:rPr")
	case role == roleCaption:
		x.open("w:pPr")
		x.empty("w:spacing", "w:after", "200")
		x.close("w:pPr")
		x.open("w:rPr")
		x.empty("w:i")
		x.empty("w:sz", "w:val", "20")
		x.close("w:rPr")
	case role == roleFootnoteText || role == roleEndnoteText:
		x.open("w:pPr")
		x.empty("w:spacing", "w:after", "0")
		x.close("w:pPr")
		x.open("w:rPr")
		x.empty("w:sz", "w:val", "20")
		x.close("w:rPr")
	case role == roleFootnoteRef || role == roleEndnoteRef:
		x.open("w:rPr")
		x.empty("w:vertAlign", "w:val", "superscript")
		x.close("w:rPr")
	case strings.HasPrefix(role, "toc "):
		// Word's built-in entries of a table of contents: each level
		// indented by 11 points more than the one above it.
		x.open("w:pPr")
		x.empty("w:spacing", "w:after", "100")
		if n := tocLevel(role); n > 1 {
			x.empty("w:ind", "w:left", strconv.Itoa(220*(n-1)))
		}
		x.close("w:pPr")
	case role == roleCode || role == roleCodeBlock:
		// Word's own: Courier New, 10 points, and code blocks keep
		// their lines together with no space between paragraphs.
		if role == roleCodeBlock {
			x.open("w:pPr")
			x.empty("w:spacing", "w:after", "0", "w:line", "240", "w:lineRule", "auto")
			x.close("w:pPr")
		}
		x.open("w:rPr")
		x.empty("w:rFonts", "w:ascii", "Courier New", "w:hAnsi", "Courier New", "w:cs", "Courier New")
		x.empty("w:noProof")
		x.empty("w:sz", "w:val", "20")
		x.empty("w:szCs", "w:val", "20")
		x.close("w:rPr")
	case role == roleHyperlink:
		x.open("w:rPr")
		x.empty("w:color", "w:val", "0563C1")
		x.empty("w:u", "w:val", "single")
		x.close("w:rPr")
	}
	x.close("w:style")
	pw.added = append(pw.added, x.String())
	// The reader must see the new style as the written paragraphs mean it.
	sty := &style{typ: typ, name: role, basedOn: "", outline: -1}
	if level > 0 {
		sty.outline = level - 1
	}
	pw.st.byID[id] = sty
	pw.st.paraCache = map[string]paraStyle{}
	return id
}

// langPlan says how the template's language settings change for the
// written document's language.
type langPlan struct {
	target        string // Word's tag for the document's language; "" keeps the template's
	cjk           bool
	src           string // primary language of the template's text
	val, ea       string // the template's default languages
	newVal, newEA string
	eaFont        string
	fonts         map[string]string // font name → character set, from the font table
}

func (pw *pkgWriter) planLang() {
	t := pw.t
	l := langPlan{src: primary(t.src.Lang), val: t.st.defaults.lang, ea: t.st.defaults.eaLang, fonts: map[string]string{}}
	if pw.d.Lang != "" {
		l.target = wordLang(pw.d.Lang)
		l.cjk = cjkLangs[primary(l.target)]
	}
	switch {
	case l.target == "":
		l.newVal, l.newEA = l.val, l.ea
	case l.cjk:
		// Latin letters in Chinese text are English, as Word's Chinese
		// defaults say, in the project's English.
		l.newEA = l.target
		l.newVal = l.val
		if l.val == "" || primary(l.val) == l.src || cjkLangs[primary(l.val)] {
			l.newVal = wordLang("en")
		}
		l.eaFont = eastAsianFont(l.target)
	default:
		// East Asian characters left in the text of another language
		// are marked with their own language where the model says it;
		// the default says the document's.
		l.newVal = l.target
		l.newEA = l.target
	}
	if part := t.target(t.mainRels, "fontTable"); part != "" {
		if root, err := t.xmlPart(part); err == nil {
			for _, f := range root.elems() {
				if f.isW("font") {
					if cs := f.child(nsW, "charset"); cs != nil {
						l.fonts[f.attr("name")] = strings.ToLower(cs.attr("val"))
					}
				}
			}
		}
	}
	pw.lang = l
}

// wordLang turns a BCP 47 tag into the language-region form Word uses,
// with the region the tag names or else the one lang.WithRegion gives its
// language ("en" → "en-GB", "ru" → "ru-RU", "zh" → "zh-CN", "zh-Hant" →
// "zh-TW"), so that a DOCX says the same English as the site.
func wordLang(tag string) string {
	t, err := language.Parse(lang.WithRegion(tag))
	if err != nil {
		return tag
	}
	base, _ := t.Base()
	region, conf := t.Region()
	if conf == language.No {
		return base.String()
	}
	return base.String() + "-" + region.String()
}

// eastAsianFont is a font every Word installation has for the language.
func eastAsianFont(tag string) string {
	switch tag {
	case "zh-TW", "zh-HK", "zh-MO":
		return "PMingLiU"
	case "ja-JP":
		return "MS Mincho"
	case "ko-KR":
		return "Batang"
	}
	return "SimSun"
}

// mapVal and mapEA give the new value of a language attribute (w:val,
// w:eastAsia): the template's language or default becomes the target's.
func (l *langPlan) mapVal(v string) string {
	if v == "" || l.target == "" || l.newVal == "" {
		return v
	}
	if primary(v) == l.src || v == l.val {
		return l.newVal
	}
	return v
}

func (l *langPlan) mapEA(v string) string {
	if v == "" || l.target == "" || l.newEA == "" {
		return v
	}
	if primary(v) == l.src || v == l.ea {
		return l.newEA
	}
	return v
}

// mapBidi gives the new value of w:bidi, the language of right-to-left
// text: the source's language becomes the target's; a right-to-left
// language stays.
func (l *langPlan) mapBidi(v string) string {
	if v == "" || l.target == "" || l.src == "" || primary(v) != l.src {
		return v
	}
	return l.target
}

// cjkCharsets are the font table character sets of Chinese, Japanese and
// Korean fonts (Windows charset numbers, hexadecimal).
var cjkCharsets = map[string]bool{"80": true, "81": true, "82": true, "86": true, "88": true}

// cjkFontWords are parts of the names of common Chinese, Japanese and
// Korean fonts.
var cjkFontWords = []string{"cjk", "simsun", "simhei", "nsimsun", "song", "hei", "kai", "fangsong", "ming",
	"yahei", "dengxian", "gothic", "mincho", "meiryo", "gulim", "batang", "dotum", "gungsuh", "malgun",
	"source han", "wenquanyi", "ar pl", "droid sans fallback", "yu ", "hiragino", "pingfang"}

// isCJKFont reports whether a font is made for Chinese, Japanese or Korean.
func (l *langPlan) isCJKFont(name string) bool {
	if cjkCharsets[l.fonts[name]] {
		return true
	}
	for _, r := range name {
		if r >= 0x2E80 {
			return true
		}
	}
	low := strings.ToLower(name)
	for _, w := range cjkFontWords {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}

// fitFonts makes explicit fonts fit the target: a Chinese target gets an
// East Asian font for East Asian text; any other target gets a Latin font
// where the template set a CJK one for Latin text.
func (l *langPlan) fitFonts(n *xnode, isDefault bool) {
	if l.target == "" {
		return
	}
	if l.cjk {
		ea := n.attr("eastAsia")
		if (ea != "" && !l.isCJKFont(ea)) || (ea == "" && isDefault && n.attr("eastAsiaTheme") == "") {
			n.setAttr("eastAsia", l.eaFont)
		}
		return
	}
	for _, a := range []string{"ascii", "hAnsi"} {
		if v := n.attr(a); v != "" && l.isCJKFont(v) {
			n.setAttr(a, "Times New Roman")
		}
	}
}

// fitLang rewrites a w:lang or w:themeFontLang element for the target.
func (l *langPlan) fitLang(n *xnode) {
	if v := n.attr("val"); v != "" {
		n.setAttr("val", l.mapVal(v))
	}
	if v := n.attr("eastAsia"); v != "" {
		n.setAttr("eastAsia", l.mapEA(v))
	}
	if v := n.attr("bidi"); v != "" {
		n.setAttr("bidi", l.mapBidi(v))
	}
}

// rewriteLang applies the plan to every language and font setting in a
// part (styles, settings).
func (l *langPlan) rewriteLang(n *xnode) {
	for _, k := range n.kids {
		switch {
		case k.isW("lang") || k.isW("themeFontLang"):
			l.fitLang(k)
		case k.isW("rFonts"):
			l.fitFonts(k, false)
		}
		if k.local != "" {
			l.rewriteLang(k)
		}
	}
}

// stylesXML writes the template's styles with the target's languages and
// fonts as the defaults, and the styles added for roles the template
// lacks.
func (pw *pkgWriter) stylesXML(root *xnode) []byte {
	l := &pw.lang
	if l.target != "" {
		l.rewriteLang(root)
		dd := ensureChild(root, "docDefaults", 0)
		rd := ensureChild(dd, "rPrDefault", 0)
		rpr := ensureChild(rd, "rPr", 0)
		lang := ensureChild(rpr, "lang", -1)
		if l.newVal != "" {
			lang.setAttr("val", l.newVal)
		}
		if l.newEA != "" {
			lang.setAttr("eastAsia", l.newEA)
		}
		if l.cjk {
			l.fitFonts(ensureChild(rpr, "rFonts", -1), true)
		}
		sortKids(rpr, rprOrder)
	}
	var x xb
	x.WriteString(xmlDecl)
	x.WriteString("<w:styles" + rootNamespaces() + ">")
	for _, k := range root.kids {
		x.writeCanon(k)
	}
	for _, s := range pw.added {
		x.WriteString(s)
	}
	x.WriteString("</w:styles>")
	return x.Bytes()
}

// ensureChild returns n's WordprocessingML child local, adding it at
// position at (-1: at the end) when it is missing.
func ensureChild(n *xnode, local string, at int) *xnode {
	if c := n.child(nsW, local); c != nil {
		return c
	}
	c := &xnode{space: nsW, local: local, prefix: "w"}
	if at < 0 || at > len(n.kids) {
		n.kids = append(n.kids, c)
	} else {
		n.kids = append(n.kids[:at], append([]*xnode{c}, n.kids[at:]...)...)
	}
	return c
}

// sortKids puts n's child elements in schema order, dropping text between
// them.
func sortKids(n *xnode, order map[string]int) {
	kids := n.elems()
	for i := 1; i < len(kids); i++ {
		for j := i; j > 0 && orderRank(order, kids[j].local) < orderRank(order, kids[j-1].local); j-- {
			kids[j], kids[j-1] = kids[j-1], kids[j]
		}
	}
	n.kids = kids
}
