package docx

import (
	"strings"
)

// Number formats in a translation. A DOCX written in another language than
// its template's numbers lists, notes and pages the way the target's
// readers expect, as doc.LocalizeNumbers numbers the model's lists: the
// template's w:numFmt of list levels, of footnotes and endnotes
// (w:footnotePr, w:endnotePr in the settings and in sections) and the
// w:fmt of page numbers (w:pgNumType) are mapped by numFmtsIn.

// eastAsianFormats are Word's number formats in Chinese, Japanese or
// Korean characters, or in full-width digits: Russian and English number
// with decimal digits instead.
var eastAsianFormats = []string{
	"chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographDigital",
	"ideographTraditional", "ideographZodiac", "ideographZodiacTraditional", "ideographLegalTraditional",
	"taiwaneseCounting", "taiwaneseCountingThousand", "taiwaneseDigital", "japaneseCounting",
	"japaneseDigitalTenThousand", "japaneseLegal", "koreanCounting", "koreanDigital", "koreanDigital2",
	"koreanLegal", "aiueo", "aiueoFullWidth", "iroha", "irohaFullWidth", "ganada", "chosung",
	"decimalFullWidth", "decimalFullWidth2", "decimalHalfWidth",
}

// numFmtsIn maps Word's number formats to those a translation into a
// language uses, by the target's base language; the table is the one of
// doc.ListStyleIn in Word's terms. Circled numbers in a Chinese font
// become circled numbers of any font, and an ideograph in a circle a
// circled number.
var numFmtsIn = func() map[string]map[string]string {
	m := map[string]map[string]string{
		"en": {"russianLower": "lowerLetter", "russianUpper": "upperLetter"},
		"ru": {"lowerLetter": "russianLower", "upperLetter": "russianUpper"},
		"zh": {"russianLower": "lowerLetter", "russianUpper": "upperLetter"},
	}
	for _, l := range []string{"en", "ru"} {
		for _, f := range eastAsianFormats {
			m[l][f] = "decimal"
		}
		m[l]["decimalEnclosedCircleChinese"] = "decimalEnclosedCircle"
		m[l]["ideographEnclosedCircle"] = "decimalEnclosedCircle"
	}
	return m
}()

// numFmtIn returns the format a translation into lang (a base language)
// uses for format; format itself when lang is "" or keeps it.
func numFmtIn(format, lang string) string {
	if f, ok := numFmtsIn[lang][format]; ok {
		return f
	}
	return format
}

// numberLang is the base language whose number formats the written
// document takes: the target's when the document is a translation of the
// template's text, "" otherwise (a document written over its own source
// keeps the source's formats).
func (pw *pkgWriter) numberLang() string {
	if pw.lang.target == "" || primary(pw.lang.target) == pw.lang.src || pw.lang.src == "" {
		return ""
	}
	return primary(pw.lang.target)
}

// localizeNumbers maps, in place, the number formats of n and everything
// in it to those of lang: list levels (with their level text's Chinese
// punctuation made that of the target), note numbers and page numbers.
// Endnotes numbered in East Asian characters become lower-case Roman
// numerals in English, as Word numbers endnotes, and decimal numbers
// elsewhere.
func localizeNumbers(n *xnode, lang string) {
	if lang == "" {
		return
	}
	for _, k := range n.kids {
		if k.local == "" {
			continue
		}
		switch {
		case k.isW("lvl"):
			localizeLevel(k, lang)
			continue
		case k.isW("endnotePr") || k.isW("footnotePr"):
			if f := k.child(nsW, "numFmt"); f != nil {
				v := numFmtIn(f.attr("val"), lang)
				if k.isW("endnotePr") && lang == "en" && v == "decimal" && v != f.attr("val") {
					v = "lowerRoman"
				}
				f.setAttr("val", v)
			}
		case k.isW("pgNumType"):
			if v := k.attr("fmt"); v != "" {
				k.setAttr("fmt", numFmtIn(v, lang))
			}
		}
		localizeNumbers(k, lang)
	}
}

// localizeLevel maps the format of a list level (w:lvl) to lang's, and,
// where an East Asian format gives way outside Chinese, the level text's
// Chinese punctuation to ASCII ("%1、" becomes "%1.", "（%1）" "(%1)").
func localizeLevel(lvl *xnode, lang string) {
	changed := false
	var visit func(n *xnode)
	visit = func(n *xnode) {
		for _, k := range n.kids {
			switch {
			case k.isW("numFmt"):
				old := k.attr("val")
				if v := numFmtIn(old, lang); v != old {
					k.setAttr("val", v)
					changed = changed || v == "decimal"
				}
			case k.local != "":
				visit(k)
			}
		}
	}
	visit(lvl)
	if t := lvl.child(nsW, "lvlText"); t != nil && changed && lang != "zh" {
		t.setAttr("val", asciiPunct(t.attr("val")))
	}
}

// asciiPunct writes the ideographic comma as a full stop and full-width
// punctuation as ASCII.
func asciiPunct(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '、':
			return '.'
		case r >= '！' && r <= '～':
			return r - '！' + '!'
		case r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// localSection returns section properties with the number formats of the
// document's language: a copy, since the template's stay as they are.
func (pw *pkgWriter) localSection(n *xnode) *xnode {
	lang := pw.numberLang()
	if n == nil || lang == "" {
		return n
	}
	c := cloneNode(n)
	localizeNumbers(&xnode{kids: []*xnode{c}}, lang)
	return c
}

// cloneNode copies n and everything in it.
func cloneNode(n *xnode) *xnode {
	c := *n
	c.attrs = append([]xattr(nil), n.attrs...)
	c.kids = make([]*xnode, len(n.kids))
	for i, k := range n.kids {
		c.kids[i] = cloneNode(k)
	}
	return &c
}
