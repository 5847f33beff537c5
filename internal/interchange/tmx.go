package interchange

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// TMX is a translation memory exchanged with CAT tools.
type TMX struct {
	SrcLang string // header srclang ("*all*" when any language may be the source)
	Tool    string // creationtool of the file read
	Units   []TU
}

// TU is one translation unit: the same text in several languages.
type TU struct {
	ID       string
	Variants []TUV
	Created  time.Time
	Changed  time.Time
	Props    map[string]string // <prop type="…">
}

// TUV is a unit's text in one language.
type TUV struct {
	Lang string
	Seg  Content
}

// Text returns the plain text of the unit in lang, matching the primary
// language subtag when the exact tag is absent ("zh" finds "zh-CN").
func (tu TU) Text(lang string) (string, bool) {
	for _, v := range tu.Variants {
		if strings.EqualFold(v.Lang, lang) {
			return v.Seg.Plain(), true
		}
	}
	for _, v := range tu.Variants {
		if primary(v.Lang) == primary(lang) {
			return v.Seg.Plain(), true
		}
	}
	return "", false
}

func primary(tag string) string {
	tag = strings.ToLower(tag)
	if k := strings.IndexAny(tag, "-_"); k > 0 {
		return tag[:k]
	}
	return tag
}

const tmxTime = "20060102T150405Z"

// ReadTMX reads TMX 1.4 (xml:lang) and 1.1 (lang). name is used in errors.
func ReadTMX(r io.Reader, name string) (*TMX, error) {
	root, err := parseTree(r, name)
	if err != nil {
		return nil, err
	}
	if root.name != "tmx" {
		return nil, errAt(name, root, "root element <%s>, want <tmx>", root.name)
	}
	t := &TMX{}
	if h := root.first("header"); h != nil {
		t.SrcLang = h.attrValue("srclang")
		t.Tool = h.attrValue("creationtool")
	} else {
		return nil, errAt(name, root, "<tmx> without <header>")
	}
	body := root.first("body")
	if body == nil {
		return nil, errAt(name, root, "<tmx> without <body>")
	}
	for _, tuEl := range body.elements("tu") {
		tu := TU{ID: tuEl.attrValue("tuid")}
		tu.Created, _ = time.Parse(tmxTime, tuEl.attrValue("creationdate"))
		tu.Changed, _ = time.Parse(tmxTime, tuEl.attrValue("changedate"))
		for _, p := range tuEl.elements("prop") {
			if tu.Props == nil {
				tu.Props = map[string]string{}
			}
			tu.Props[p.attrValue("type")] = p.innerText()
		}
		for _, v := range tuEl.elements("tuv") {
			lang := v.xmlLang()
			if lang == "" {
				return nil, errAt(name, v, "<tuv> without xml:lang (or lang)")
			}
			seg := v.first("seg")
			if seg == nil {
				return nil, errAt(name, v, "<tuv xml:lang=%q> without <seg>", lang)
			}
			c, err := contentTMX(seg, name)
			if err != nil {
				return nil, err
			}
			tu.Variants = append(tu.Variants, TUV{Lang: lang, Seg: c})
			// OmegaT dates the translation, on its <tuv>.
			if d, err := time.Parse(tmxTime, v.attrValue("changedate")); err == nil && d.After(tu.Changed) {
				tu.Changed = d
			}
		}
		if len(tu.Variants) == 0 {
			return nil, errAt(name, tuEl, "<tu> without <tuv>")
		}
		t.Units = append(t.Units, tu)
	}
	return t, nil
}

// contentTMX reads a TMX <seg>: text with bpt/ept/ph/it/hi/ut codes.
func contentTMX(n *node, name string) (Content, error) {
	var c Content
	var walk func(n *node) error
	walk = func(n *node) error {
		for _, ch := range n.children {
			id := firstNonEmpty(ch.attrValue("i"), ch.attrValue("x"))
			switch ch.name {
			case "":
				c = c.appendText(ch.text)
			case "bpt":
				c = append(c, Run{Kind: Open, ID: id, Type: ch.attrValue("type"), Code: ch.innerText()})
			case "ept":
				c = append(c, Run{Kind: Close, ID: id, Code: ch.innerText()})
			case "ph", "ut":
				c = append(c, Run{Kind: Standalone, ID: ch.attrValue("x"), Type: ch.attrValue("type"), Code: ch.innerText()})
			case "it":
				k := Open
				if ch.attrValue("pos") == "end" {
					k = Close
				}
				c = append(c, Run{Kind: k, ID: ch.attrValue("x"), Type: ch.attrValue("type"), Code: ch.innerText()})
			case "hi", "sub":
				if err := walk(ch); err != nil {
					return err
				}
			default:
				return errAt(name, ch, "unknown element <%s> in <seg>", ch.name)
			}
		}
		return nil
	}
	err := walk(n)
	return c.fillCloseTypes(), err
}

// WriteTMX writes t as TMX 1.4b.
func WriteTMX(w io.Writer, t *TMX) error {
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n")
	fmt.Fprintf(&b, "  <header%s/>\n", attrs("creationtool", "tandem", "creationtoolversion", "1", "segtype", "sentence",
		"o-tmf", "tandem", "adminlang", "en", "srclang", firstNonEmpty(t.SrcLang, "*all*"), "datatype", "plaintext"))
	b.WriteString("  <body>\n")
	for _, tu := range t.Units {
		created, changed := "", ""
		if !tu.Created.IsZero() {
			created = tu.Created.UTC().Format(tmxTime)
		}
		if !tu.Changed.IsZero() {
			changed = tu.Changed.UTC().Format(tmxTime)
		}
		fmt.Fprintf(&b, "    <tu%s>\n", attrs("tuid", tu.ID, "creationdate", created, "changedate", changed))
		for _, k := range sortedKeys(tu.Props) {
			fmt.Fprintf(&b, "      <prop%s>%s</prop>\n", attrs("type", k), escText(tu.Props[k]))
		}
		for _, v := range tu.Variants {
			fmt.Fprintf(&b, "      <tuv%s><seg>%s</seg></tuv>\n", attrs("xml:lang", v.Lang), inlineTMX(v.Seg))
		}
		b.WriteString("    </tu>\n")
	}
	b.WriteString("  </body>\n</tmx>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// inlineTMX writes codes as TMX bpt/ept (paired), it (unpaired) and ph.
func inlineTMX(c Content) string {
	var b strings.Builder
	pairs := c.pairs()
	closeAt := map[int]bool{}
	for _, cl := range pairs {
		closeAt[cl] = true
	}
	for i, r := range c {
		switch r.Kind {
		case Text:
			b.WriteString(escText(r.Text))
		case Open:
			if _, ok := pairs[i]; ok {
				fmt.Fprintf(&b, "<bpt%s>%s</bpt>", attrs("i", r.ID, "type", r.Type), escText(r.Code))
			} else {
				fmt.Fprintf(&b, "<it%s>%s</it>", attrs("pos", "begin", "x", r.ID, "type", r.Type), escText(r.Code))
			}
		case Close:
			if closeAt[i] {
				fmt.Fprintf(&b, "<ept%s>%s</ept>", attrs("i", r.ID), escText(r.Code))
			} else {
				fmt.Fprintf(&b, "<it%s>%s</it>", attrs("pos", "end", "x", r.ID, "type", r.Type), escText(r.Code))
			}
		case Standalone:
			fmt.Fprintf(&b, "<ph%s>%s</ph>", attrs("x", r.ID, "type", r.Type), escText(r.Code))
		}
	}
	return b.String()
}
