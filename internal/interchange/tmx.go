package interchange

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/tandemforum/tandem/internal/lang"
)

// TMX is a translation memory exchanged with CAT tools.
type TMX struct {
	SrcLang string // header srclang ("*all*" when any language may be the source)
	// Tool and ToolVersion are the creationtool and creationtoolversion of
	// the file read. WriteTMX names tandem instead: it writes the file.
	Tool        string
	ToolVersion string
	Units       []TU
	// Warnings lists what ReadTMX skipped or assumed in the file.
	Warnings []Warning
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

// Text returns the plain text of the unit in tag (see Variant).
func (tu TU) Text(tag string) (string, bool) {
	v, ok := tu.Variant(tag)
	return v.Seg.Plain(), ok
}

// Variant returns the unit's text in tag, matching the same language in
// the same script when the exact tag is absent ("zh" finds "zh-CN", "ru"
// finds "ru-RU", but "zh-CN" does not find "zh-TW"; see
// lang.SameLanguage).
func (tu TU) Variant(tag string) (TUV, bool) {
	for _, v := range tu.Variants {
		if strings.EqualFold(v.Lang, tag) {
			return v, true
		}
	}
	for _, v := range tu.Variants {
		if lang.SameLanguage(v.Lang, tag) {
			return v, true
		}
	}
	return TUV{}, false
}

const tmxTime = "20060102T150405Z"

// ReadTMX reads TMX 1.4 (xml:lang) and 1.1 (lang). name is used in
// messages. A file that is not TMX, is not well-formed XML or has no
// <body> is refused with an *Error. In an otherwise good file, a <tuv>
// without a usable language or <seg> is skipped, and so is a <tu> left with
// fewer than two languages (it translates nothing); unknown elements in a
// <seg> are read for their text, and control characters in it dropped.
// Each is listed in the result's Warnings.
// Language tags are returned in canonical case ("zh-CN").
func ReadTMX(r io.Reader, name string) (*TMX, error) {
	rd := &reading{file: name}
	root, err := rd.parseTree(r, formatTMX)
	if err != nil {
		return nil, err
	}
	t := &TMX{}
	if h := root.first("header"); h != nil {
		t.Tool = h.attrValue("creationtool")
		t.ToolVersion = h.attrValue("creationtoolversion")
		if src := h.attrValue("srclang"); src != "" && src != "*all*" {
			if tag, err := lang.ParseTag(src); err != nil {
				rd.warn(h, "header srclang: %v: ignored", err)
			} else {
				t.SrcLang = tag
			}
		} else {
			t.SrcLang = src
		}
	} else {
		rd.warn(root, "<tmx> without <header>")
	}
	body := root.first("body")
	if body == nil {
		return nil, rd.errAt(root, "<tmx> without <body>")
	}
	for _, tuEl := range body.elements("tu") {
		tu := TU{ID: tuEl.attrValue("tuid")}
		tu.Created = rd.tmxDate(tuEl, "creationdate")
		tu.Changed = rd.tmxDate(tuEl, "changedate")
		for _, p := range tuEl.elements("prop") {
			if tu.Props == nil {
				tu.Props = map[string]string{}
			}
			tu.Props[p.attrValue("type")] = p.innerText()
		}
		for _, v := range tuEl.elements("tuv") {
			raw := v.xmlLang()
			if raw == "" {
				rd.warn(v, "<tuv> without xml:lang (or lang): skipped")
				continue
			}
			tag, err := lang.ParseTag(raw)
			if err != nil {
				rd.warn(v, "<tuv> xml:lang: %v: skipped", err)
				continue
			}
			seg := v.first("seg")
			if seg == nil {
				rd.warn(v, "<tuv xml:lang=%q> without <seg>: skipped", raw)
				continue
			}
			tu.Variants = append(tu.Variants, TUV{Lang: tag, Seg: rd.contentTMX(seg, segName(tu.ID, tag))})
			// OmegaT dates the translation, on its <tuv>.
			if d := rd.tmxDate(v, "changedate"); d.After(tu.Changed) {
				tu.Changed = d
			}
		}
		switch len(tu.Variants) {
		case 0:
			rd.warn(tuEl, "<tu> without a usable <tuv>: skipped")
			continue
		case 1:
			rd.warn(tuEl, "<tu> with text in one language only (%s): skipped, it translates nothing", tu.Variants[0].Lang)
			continue
		}
		t.Units = append(t.Units, tu)
	}
	t.Warnings = rd.warnings
	return t, nil
}

// segName names the <seg> of unit id in language tag in messages.
func segName(id, tag string) string {
	if id == "" {
		return fmt.Sprintf("<seg> (%s)", tag)
	}
	return fmt.Sprintf("<tu tuid=%q>: <seg> (%s)", id, tag)
}

// tmxDate reads a date attribute of n in TMX's form (20060102T150405Z); an
// attribute in another form is ignored with a warning.
func (rd *reading) tmxDate(n *node, attr string) time.Time {
	v := n.attrValue(attr)
	if v == "" {
		return time.Time{}
	}
	d, err := time.Parse(tmxTime, v)
	if err != nil {
		rd.warn(n, "<%s %s=%q>: not a TMX date (YYYYMMDDThhmmssZ): ignored", n.name, attr, v)
		return time.Time{}
	}
	return d
}

// contentTMX reads a TMX <seg>: text with bpt/ept/ph/it/hi/ut codes. An
// unknown element is read for its text, and control characters are
// dropped, with a warning naming the seg (what).
func (rd *reading) contentTMX(n *node, what string) Content {
	var c Content
	var walk func(n *node)
	walk = func(n *node) {
		for _, ch := range n.children {
			id := firstNonEmpty(ch.attrValue("i"), ch.attrValue("x"))
			switch ch.name {
			case "":
				c = c.AppendText(rd.withoutControls(ch.line, what, ch.text))
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
				walk(ch)
			default:
				rd.warn(ch, "unknown element <%s> in <seg>: its text kept, the element dropped", ch.name)
				walk(ch)
			}
		}
	}
	walk(n)
	return c.fillCloseTypes()
}

// WriteTMX writes t as TMX 1.4b, with language tags in canonical form; a
// tag that is not BCP 47, or a variant without one, is an error. Its
// header names tandem as the creationtool and version, the build's version
// as `tandem version` prints it, as the creationtoolversion, which TMX
// requires: an empty version is an error rather than an invented one.
func WriteTMX(w io.Writer, t *TMX, version string) error {
	srcLang := t.SrcLang
	if srcLang != "*all*" {
		var err error
		if srcLang, err = writtenTag("write TMX: source language", srcLang); err != nil {
			return err
		}
	}
	if version == "" {
		return errors.New("write TMX: no creationtoolversion: the version of tandem writing the file is not given")
	}
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n")
	fmt.Fprintf(&b, "  <header%s/>\n", attrs("creationtool", "tandem", "creationtoolversion", version, "segtype", "sentence",
		"o-tmf", "tandem", "adminlang", "en", "srclang", firstNonEmpty(srcLang, "*all*"), "datatype", "plaintext"))
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
			l, err := writtenTag("write TMX: unit "+strconv.Quote(tu.ID), v.Lang)
			if err != nil {
				return err
			}
			if l == "" {
				return fmt.Errorf("write TMX: unit %q: a variant without language", tu.ID)
			}
			fmt.Fprintf(&b, "      <tuv%s><seg>%s</seg></tuv>\n", attrs("xml:lang", l), inlineTMX(v.Seg))
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
	pairs := c.Pairs()
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
