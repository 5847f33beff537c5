package translate

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/interchange"
	"github.com/tandemforum/tandem/internal/lang"
	"github.com/tandemforum/tandem/internal/segment"
	"github.com/tandemforum/tandem/internal/textenc"
)

// A textRef is one piece of a document that is translated as a unit: a
// heading's or paragraph's inlines, a figure's caption, a plain text (the
// title, an image's alternative text), or the labels of list items and
// the numbers of headings that share one pattern of words.
type textRef struct {
	id      string
	inlines *[]doc.Inline // set for inline texts
	text    *string       // set for plain texts
	label   *labelGroup   // set for labels
	// lang is the language of a block's text when the block, or one
	// around it, says it is not the document's ("" when it is).
	lang string
}

// content flattens the text into segment content, recording in codes
// what each inline code stands for.
func (t textRef) content(codes map[string]doc.Inline) interchange.Content {
	switch {
	case t.text != nil:
		return interchange.PlainText(*t.text)
	case t.label != nil:
		for _, r := range t.label.pattern {
			if r.Kind == interchange.Standalone {
				codes[r.ID] = doc.Inline{Type: doc.Text, Text: r.Code}
			}
		}
		return append(interchange.Content(nil), t.label.pattern...)
	}
	return inlinesToContent(*t.inlines, codes)
}

// set replaces the text by translated content.
func (t textRef) set(c interchange.Content, codes map[string]doc.Inline) {
	switch {
	case t.text != nil:
		*t.text = c.Plain()
	case t.label != nil:
		t.label.set(c)
	default:
		*t.inlines = contentToInlines(c, codes)
	}
}

// notes are what a translator is told about the text.
func (t textRef) notes() []string {
	if t.label == nil {
		return nil
	}
	g := t.label
	var eg []string
	for _, it := range g.items {
		if len(eg) == 3 {
			eg = append(eg, "…")
			break
		}
		eg = append(eg, *it.label)
	}
	var note string
	switch {
	case g.heading && len(g.items) == 1:
		note = "The number of a heading (%[2]s)."
	case g.heading:
		note = "The numbers of %[1]d headings (%[2]s), translated once."
	case len(g.items) == 1:
		note = "The label of a list item (%[2]s)."
	default:
		note = "The labels of %[1]d list items (%[2]s), translated once."
	}
	note = fmt.Sprintf(note, len(g.items), strings.Join(eg, ", "))
	if len(g.pattern.Codes()) > 0 {
		note += " A code stands for the number of each: keep it where the number goes."
	}
	return []string{note}
}

// A labelGroup is the labels of list items, or the numbers of headings,
// that differ only in their numbers ("Статья 1.", "Статья 2."): one text
// to translate, whose numbers are codes.
type labelGroup struct {
	// pattern is the first label with a standalone code of type
	// "number" for each of its numbers, numbered from 1; a code's Code is
	// the number as the first label writes it.
	pattern interchange.Content
	items   []labelItem
	heading bool // numbers of headings, not labels of list items
}

// A labelItem is one label of a labelGroup: where it is kept (Item.Label
// or Block.Number) and its own numbers, in the order of the codes.
type labelItem struct {
	label   *string
	numbers []string
}

// set writes the translated pattern into every label of the group, each
// with its own numbers in place of the codes.
func (g *labelGroup) set(c interchange.Content) {
	for _, it := range g.items {
		var b strings.Builder
		for _, r := range c {
			switch r.Kind {
			case interchange.Text:
				b.WriteString(r.Text)
			case interchange.Standalone:
				if k, err := strconv.Atoi(r.ID); err == nil && k >= 1 && k <= len(it.numbers) {
					b.WriteString(it.numbers[k-1])
				}
			}
		}
		*it.label = strings.TrimSpace(b.String())
	}
}

// splitLabel reads a label ("Статья 3.", "Раздел IV", "第三条") as a
// pattern and its numbers. The numbers are runs of digits, Roman numerals
// in capitals, and own, the item's number as its list's style writes it
// ("iv", "в", "三"), when the label holds it. key is the same for labels
// of one pattern; words reports whether the label has any letters besides
// its numbers, that is, anything to translate.
func splitLabel(label, own string) (pattern interchange.Content, numbers []string, key string, words bool) {
	var k strings.Builder
	// A number written in letters is a word of its own: no letter of an
	// alphabet touches it (Han characters may).
	alpha := func(r rune) bool { return unicode.IsLetter(r) && !unicode.Is(unicode.Han, r) }
	before := func(i int) bool {
		r, n := utf8.DecodeLastRuneInString(label[:i])
		return n > 0 && alpha(r)
	}
	after := func(i int) bool {
		r, n := utf8.DecodeRuneInString(label[i:])
		return n > 0 && alpha(r)
	}
	for i := 0; i < len(label); {
		end := 0
		r, n := utf8.DecodeRuneInString(label[i:])
		switch {
		case own != "" && strings.HasPrefix(label[i:], own) &&
			(unicode.Is(unicode.Han, r) || (!before(i) && !after(i+len(own)))):
			end = i + len(own)
		case unicode.IsDigit(r):
			end = i + n
			for end < len(label) {
				r2, n2 := utf8.DecodeRuneInString(label[end:])
				if !unicode.IsDigit(r2) {
					break
				}
				end += n2
			}
		case strings.ContainsRune("IVXLCDM", r) && !before(i):
			j := i
			for j < len(label) && strings.IndexByte("IVXLCDM", label[j]) >= 0 {
				j++
			}
			if !after(j) && isRoman(label[i:j]) {
				end = j
			}
		}
		if end == 0 {
			words = words || unicode.IsLetter(r)
			pattern = pattern.AppendText(label[i : i+n])
			k.WriteString(label[i : i+n])
			i += n
			continue
		}
		numbers = append(numbers, label[i:end])
		pattern = append(pattern, interchange.Run{Kind: interchange.Standalone, ID: strconv.Itoa(len(numbers)), Type: "number", Code: label[i:end]})
		k.WriteString("\x00")
		i = end
	}
	return pattern, numbers, k.String(), words
}

// isRoman reports whether s is a number in Roman numerals, in capitals,
// as doc.Roman writes it ("IV", not "IIII").
func isRoman(s string) bool {
	vals := map[byte]int{'I': 1, 'V': 5, 'X': 10, 'L': 50, 'C': 100, 'D': 500, 'M': 1000}
	n := 0
	for i := 0; i < len(s); i++ {
		v := vals[s[i]]
		if v == 0 {
			return false
		}
		if i+1 < len(s) && vals[s[i+1]] > v {
			n -= v
		} else {
			n += v
		}
	}
	return n > 0 && doc.Roman(n) == s
}

// ownNumber is how item k of list l shows its number in the list's style,
// without the suffix ListMarker adds ("iv" of "iv.", "三" of "三、"); ""
// for an unordered list or a decimal number, which the digits find.
func ownNumber(l *doc.List, k int) string {
	if !l.Ordered {
		return ""
	}
	start := l.Start
	if start == 0 {
		start = 1
	}
	m := doc.ListMarker(l.Style, start+k)
	m = strings.TrimSuffix(strings.TrimSuffix(m, "."), "、")
	if strings.Trim(m, "0123456789") == "" {
		return ""
	}
	return m
}

// documentTexts lists the translatable texts of d in reading order (the
// title, the body, the notes, then the headers and footers, as d.Walk
// goes). Units are named by block identifier, so they survive a re-import of the
// manuscript; blocks without an identifier are named by position. Texts
// that are not a block's own are named after it: "title" for the
// document's title, ID.caption and ID.alt for a figure's caption and
// alternative text, ID.img-N.alt for the alternative text of the Nth image
// in a block's text (before the text, so that the text takes the
// translated image), ID.label for the labels of a list's items and
// ID.number for a heading's number (when they have words: "Статья 3.",
// not "3."), one unit for all the labels and numbers of one pattern, named
// after the first block that has it. Names are XML name tokens, as XLIFF 2
// wants unit identifiers.
func documentTexts(d *doc.Document) []textRef {
	var out []textRef
	seen := map[string]int{}
	unique := func(id string) string {
		if seen[id]++; seen[id] > 1 {
			id += "." + strconv.Itoa(seen[id])
		}
		return id
	}
	// A title the document also shows as one of its first blocks is
	// translated there (ApplyTranslation takes it from that block), not
	// twice.
	if strings.TrimSpace(d.Title) != "" && d.TitleBlock() == nil {
		out = append(out, textRef{id: unique("title"), text: &d.Title})
	}
	langs := blockLangs(d)
	groups := map[string]*labelGroup{}
	addLabel := func(id string, label *string, own string, heading bool) {
		pattern, numbers, key, words := splitLabel(*label, own)
		if !words {
			return
		}
		g := groups[key]
		if g == nil {
			g = &labelGroup{pattern: pattern, heading: heading}
			groups[key] = g
			out = append(out, textRef{id: unique(id), label: g})
		}
		g.items = append(g.items, labelItem{label: label, numbers: numbers})
	}
	// An entry of a table of contents that shows a heading is translated
	// with the heading (doc.TOCHeadings), not twice.
	tocs := doc.MatchTOC(d)
	n := 0
	d.Walk(func(b *doc.Block) {
		n++
		id := b.ID
		if id == "" {
			id = "b" + strconv.Itoa(n)
		}
		id = unique(id)
		if b.Number != "" {
			addLabel(id+".number", &b.Number, "", true)
		}
		k := 0
		doc.WalkInlines(b.Inlines, func(in *doc.Inline) {
			if in.Type == doc.Image && strings.TrimSpace(in.Alt) != "" {
				k++
				out = append(out, textRef{id: unique(id + ".img-" + strconv.Itoa(k) + ".alt"), text: &in.Alt})
			}
		})
		if _, heading := tocs[b.ID]; len(b.Inlines) > 0 && (!heading || b.ID == "") {
			out = append(out, textRef{id: id, inlines: &b.Inlines, lang: langs[b]})
		}
		if b.Figure != nil && len(b.Figure.Caption) > 0 {
			out = append(out, textRef{id: unique(id + ".caption"), inlines: &b.Figure.Caption, lang: langs[b]})
		}
		if b.Figure != nil && strings.TrimSpace(b.Figure.Alt) != "" {
			out = append(out, textRef{id: unique(id + ".alt"), text: &b.Figure.Alt})
		}
		if b.List != nil {
			for i := range b.List.Items {
				if b.List.Items[i].Label != "" {
					addLabel(id+".label", &b.List.Items[i].Label, ownNumber(b.List, i), false)
				}
			}
		}
	})
	return out
}

// blockLangs maps each block of d in a language other than the
// document's, by its own Lang or that of a block around it, to that
// language.
func blockLangs(d *doc.Document) map[*doc.Block]string {
	out := map[*doc.Block]string{}
	var walk func(bs []doc.Block, outer string)
	walk = func(bs []doc.Block, outer string) {
		for i := range bs {
			b := &bs[i]
			l := cmp.Or(b.Lang, outer)
			if l != "" {
				out[b] = l
			}
			b.EachChildList(func(children []doc.Block) { walk(children, l) })
		}
	}
	walk(d.Blocks, "")
	for i := range d.Notes {
		walk(d.Notes[i].Blocks, "")
	}
	for i := range d.Headers {
		walk(d.Headers[i].Blocks, "")
	}
	return out
}

// formatting names for the inline marks of the document model, as written
// in XLIFF ctype/subType and TMX type.
var markTypes = map[doc.InlineType]string{
	doc.Strong: "bold", doc.Emph: "italic", doc.Underline: "underlined", doc.Link: "link",
	doc.LineBreak: "lb", doc.Image: "image", doc.NoteRef: "footnote",
	doc.MathInline: "math", doc.Anchor: "anchor", doc.Field: "field", doc.Code: "code",
}

func markType(t doc.InlineType) string {
	if s, ok := markTypes[t]; ok {
		return s
	}
	return string(t)
}

// codeText is the native code shown to translators for a standalone
// inline: a formula's TeX (or MathML, when it has no TeX), a note
// reference's own mark, the text of code. The document keeps the inline itself, so import
// restores it from there and not from this text.
func codeText(in doc.Inline) string {
	switch in.Type {
	case doc.MathInline:
		if in.Math != nil {
			return cmp.Or(in.Math.TeX, in.Math.MathML)
		}
	case doc.NoteRef:
		return in.Mark
	case doc.Field:
		return in.Instr
	case doc.Code:
		return in.Text
	}
	return ""
}

// dispText is what translators are shown in place of a standalone inline
// when it is not its native code: a field's value, which a translation
// keeps as the source showed it (the word processor works it out again),
// and the text of code, so that XLIFF 1.2's equiv-text shows it too.
func dispText(in doc.Inline) string {
	if in.Type == doc.Field || in.Type == doc.Code {
		return in.Text
	}
	return ""
}

// inlinesToContent flattens inlines into text and codes, numbering the codes
// from 1 and recording what each stands for. Formulas, anchors, note
// references, images, fields, code and line breaks are standalone codes;
// the other marks are spans.
func inlinesToContent(ins []doc.Inline, codes map[string]doc.Inline) interchange.Content {
	var c interchange.Content
	next := len(codes) + 1
	var walk func(ins []doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in.Type {
			case doc.Text:
				c = c.AppendText(in.Text)
			case doc.LineBreak, doc.Image, doc.NoteRef, doc.MathInline, doc.Anchor, doc.Field, doc.Code:
				id := strconv.Itoa(next)
				next++
				codes[id] = in
				c = append(c, interchange.Run{Kind: interchange.Standalone, ID: id, Type: markType(in.Type), Code: codeText(in), Disp: dispText(in)})
			default:
				id := strconv.Itoa(next)
				next++
				tmpl := in
				tmpl.Content = nil
				codes[id] = tmpl
				c = append(c, interchange.Run{Kind: interchange.Open, ID: id, Type: markType(in.Type)})
				walk(in.Content)
				c = append(c, interchange.Run{Kind: interchange.Close, ID: id, Type: markType(in.Type)})
			}
		}
	}
	walk(ins)
	return c
}

// splitContent splits a unit's content into sentences with sp. The
// splitter reads the text with a stand-in for each code that shows
// something in its place (see standIn), so that "Таблица {field}. Итоги"
// reads as the caption it is, not as "Таблица . Итоги". Codes go with the
// sentence they stand in; a code between two sentences goes with the
// following one if it opens a span, else with the preceding one. The white
// space between sentences is dropped: joining the translated sentences puts
// back what the target language uses.
func splitContent(c interchange.Content, sp segment.Splitter) []interchange.Content {
	var b strings.Builder
	at := make([]int, len(c)) // where each run starts in the text read
	for i, r := range c {
		at[i] = b.Len()
		if r.Kind == interchange.Text {
			b.WriteString(r.Text)
		} else {
			b.WriteString(standIn(r))
		}
	}
	read := b.String()
	spans := sp.Split(read)
	if len(spans) <= 1 {
		return []interchange.Content{trimContent(c)}
	}
	out := make([]interchange.Content, len(spans))
	seg := func(pos, end int, opening bool) int {
		for k, s := range spans {
			if pos < end && s.Start <= pos && pos < s.End {
				return k
			}
		}
		if opening {
			for k, s := range spans {
				if pos < s.End {
					return k
				}
			}
			return len(spans) - 1
		}
		for k := len(spans) - 1; k >= 0; k-- {
			if spans[k].Start < pos {
				return k
			}
		}
		return 0
	}
	for i, r := range c {
		start := at[i]
		if r.Kind != interchange.Text {
			k := seg(start, start+len(standIn(r)), r.Kind == interchange.Open)
			out[k] = append(out[k], r)
			continue
		}
		// Cut the text run at segment bounds.
		end := start + len(r.Text)
		for k, s := range spans {
			a, b := max(start, s.Start), min(end, s.End)
			if a < b {
				out[k] = out[k].AppendText(read[a:b])
			}
		}
	}
	for k := range out {
		out[k] = trimContent(out[k])
	}
	return out
}

// standIn is what the splitter reads in place of a code: a field's or a
// list label's number as the document showed it ("1" for a caption's SEQ
// field), U+FFFC, the object replacement character, for a field that
// showed nothing, a formula or code, which stand for words of the sentence, and
// a line break for a line break, as a text file has it. Spans, images,
// anchors and note references stand for no words: nothing, so that "end.¹
// Next" still ends a sentence.
func standIn(r interchange.Run) string {
	if r.Kind != interchange.Standalone {
		return ""
	}
	switch r.Type {
	case "field", "number":
		v := r.Disp // a field's value; a number's is its code
		if r.Type == "number" {
			v = r.Code
		}
		if v = strings.Join(strings.Fields(v), " "); v == "" {
			return "\ufffc"
		}
		return v
	case "math", "code":
		return "\ufffc"
	case "lb":
		return "\n"
	}
	return ""
}

// trimContent removes white space at both ends of the text.
func trimContent(c interchange.Content) interchange.Content {
	for i := range c {
		if c[i].Kind == interchange.Text {
			c[i].Text = strings.TrimLeft(c[i].Text, " \t\n\u00a0\u3000")
			if c[i].Text != "" {
				break
			}
		} else {
			break
		}
	}
	for i := len(c) - 1; i >= 0; i-- {
		if c[i].Kind == interchange.Text {
			c[i].Text = strings.TrimRight(c[i].Text, " \t\n\u00a0\u3000")
			if c[i].Text != "" {
				break
			}
		} else {
			break
		}
	}
	out := c[:0]
	for _, r := range c {
		if r.Kind != interchange.Text || r.Text != "" {
			out = append(out, r)
		}
	}
	return out
}

// FromDocument makes an XLIFF for translating d from srcLang into tgtLang
// (languages tandem works in, checked with lang.CheckPair): a unit per
// heading, paragraph, caption or other text (see documentTexts), named by
// the block's identifier, with a segment per sentence. Texts with nothing
// to translate (only a formula or an image) are left out. The XLIFF version
// is set by the caller.
func FromDocument(d *doc.Document, name, srcLang, tgtLang string) (*interchange.XLIFF, error) {
	srcLang, tgtLang, err := lang.CheckPair(srcLang, tgtLang)
	if err != nil {
		return nil, err
	}
	sp, err := segment.Shared(srcLang)
	if err != nil {
		return nil, err
	}
	f := interchange.XFile{ID: "f1", Original: name}
	for _, t := range documentTexts(d) {
		content := t.content(map[string]doc.Inline{})
		if strings.TrimSpace(content.Plain()) == "" {
			continue
		}
		u := interchange.Unit{ID: t.id, Notes: t.notes()}
		for k, sc := range splitContent(content, sp) {
			if sc.IsEmpty() {
				continue
			}
			u.Segments = append(u.Segments, interchange.Segment{ID: strconv.Itoa(k + 1), Source: sc, State: interchange.New})
		}
		if len(u.Segments) > 0 {
			f.Units = append(f.Units, u)
		}
	}
	return &interchange.XLIFF{SrcLang: srcLang, TgtLang: tgtLang, Files: []interchange.XFile{f}}, nil
}

// Applied reports what ApplyTranslation did.
type Applied struct {
	// Translated counts the texts whose translation replaced the whole
	// source.
	Translated int
	// Partial lists the units of the file translated in part: their
	// translated segments replaced the source, the others kept the source
	// text, marked as in the source language.
	Partial []string
	// Kept lists the units of the file left wholly in the source language:
	// no segment translated, or made from another source text.
	Kept []string
	// Missing lists the texts of the document that the file has no unit
	// for; they stay in the source language.
	Missing []string
	// Unknown lists the units of the file the document does not have.
	Unknown []string
	// Warnings say, unit by unit, what was kept in the source language or
	// could not be carried over, and why: segments not translated, a
	// translation of another source text, a segment marked translated with
	// an empty target or with its source as target in letters the target
	// language does not use, a tag of the translation the source does not have
	// (its formatting is lost, its text kept), a tag of the source the
	// translation lost, a repeated or unbalanced tag, an order of targets
	// that would break formatting spanning segments, a unit the document
	// does not have.
	Warnings []interchange.Warning
}

// ApplyTranslation replaces the text of d (the document the XLIFF was made
// from) by the translations in x, keeping the document's structure and the
// formatting carried by inline codes. A segment is translated when it has a
// target that is not the pre-filled source; a target that is its source,
// marked translated, is still the source when its letters are of a script
// the target language does not use (Chinese left in a Russian text): it is
// kept in the source language, with a warning. A unit with every segment
// translated replaces its text; one with some translated replaces those
// sentences and keeps the others in the source language, with a warning;
// one with none keeps its text. Text left in the source language is marked
// as such (a span of the language it had: its block's, else x's source
// language), since the document becomes one in x's target language; a
// span or block marked as in a language whose text was translated into
// the target language's script, or marked as in the target language,
// loses its mark (see settleTranslatedLang). Targets a translator put in
// another order (XLIFF 2 order) are read in it, unless it would break
// formatting that spans segments: then in the sources' order, with a
// warning. The document is in x's target language, whose way of
// numbering lists and labels it takes (doc.LocalizeNumbers); its notes are
// numbered in the order the translation calls them, and cross-references
// (REF, NOTEREF) show the translated heading, caption or note number
// (doc.RefValues). Nothing is lost or added without a Warning in the
// result. It fails when x names no target
// language, or the same language as its source.
func ApplyTranslation(d *doc.Document, x *interchange.XLIFF) (Applied, error) {
	var res Applied
	if x.TgtLang == "" {
		return res, fmt.Errorf("the XLIFF file names no target language")
	}
	if sameLanguage(x.SrcLang, x.TgtLang) {
		return res, fmt.Errorf("the XLIFF file translates %s into %s: %w", x.SrcLang, x.TgtLang, lang.ErrSameLanguage)
	}
	warn := func(line int, format string, args ...any) {
		res.Warnings = append(res.Warnings, interchange.Warning{File: x.Name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	if d.Lang != "" && !sameLanguage(d.Lang, x.SrcLang) {
		warn(0, "the file translates from %s, but the document is in %s: was the XLIFF made from another document?", x.SrcLang, d.Lang)
	}
	srcLang := cmp.Or(x.SrcLang, d.Lang)
	refs := doc.MarkRefValues(d)
	tocs := doc.MatchTOC(d)
	titleBlock := d.TitleBlock()
	byID := map[string]interchange.Unit{}
	for _, u := range x.Units() {
		if _, dup := byID[u.ID]; !dup {
			byID[u.ID] = u
		}
	}
	known := map[string]bool{}
	// A unit for an entry of a table of contents that shows a heading,
	// from an export made before such entries lost their units, is not
	// unknown: the entry shows the translated heading whatever it says.
	for id := range tocs {
		known[id] = true
	}
	for _, t := range documentTexts(d) {
		known[t.id] = true
		codes := map[string]doc.Inline{}
		src := t.content(codes)
		// Text kept untranslated is in the language it had: its
		// block's, else the document's.
		textLang := cmp.Or(t.lang, srcLang)
		mark := &sourceMarker{codes: codes, lang: textLang}
		keep := func() {
			if t.inlines != nil && textLang != "" {
				t.set(mark.wrap(src), codes)
			}
		}
		u, ok := byID[t.id]
		if !ok {
			if strings.TrimSpace(src.Plain()) != "" {
				res.Missing = append(res.Missing, t.id)
			}
			keep()
			continue
		}
		var fileSrc interchange.Content
		for _, s := range u.Segments {
			fileSrc = append(fileSrc, s.Source...)
		}
		if a, b := squeeze(fileSrc.Plain()), squeeze(src.Plain()); a != b {
			warn(u.Line, "unit %q translates %s, but the document has %s there (changed since the export?): kept in the source language", u.ID, textenc.Excerpt(fileSrc.Plain()), textenc.Excerpt(src.Plain()))
			res.Kept = append(res.Kept, u.ID)
			keep()
			continue
		}
		// Each segment's text, translated or kept, and the language it
		// is in, for the space between sentences.
		type part struct {
			c    interchange.Content
			lang string
		}
		var parts []part
		partContent := func() []interchange.Content {
			cs := make([]interchange.Content, len(parts))
			for k, p := range parts {
				cs[k] = p.c
			}
			return cs
		}
		var untranslated, empty []string
		// Targets that are their source, and the scripts of their
		// letters the target language does not use.
		var copied, scripts []string
		for k, s := range u.Segments {
			tgt := s.Target
			switch {
			case s.State != interchange.New && !s.NoTranslate && squeeze(tgt.Plain()) == squeeze(s.Source.Plain()) && foreignScript(s.Source.Plain(), x.TgtLang) != "":
				// The source copied as its translation: letters the
				// target language is not written in.
				copied = append(copied, strconv.Itoa(k+1))
				if sc := foreignScript(s.Source.Plain(), x.TgtLang); !slices.Contains(scripts, sc) {
					scripts = append(scripts, sc)
				}
			case s.State == interchange.New && ownTranslation(s.Source.Plain()):
				// A year, a time or codes alone ("2001", "15:30")
				// is its own translation.
				parts = append(parts, part{s.Source, x.TgtLang})
				continue
			case strings.TrimSpace(tgt.Plain()) == "" && len(tgt.Codes()) == 0 && s.State != interchange.New:
				empty = append(empty, strconv.Itoa(k+1))
			case strings.TrimSpace(tgt.Plain()) == "" && len(tgt.Codes()) == 0, s.State == interchange.New:
				untranslated = append(untranslated, strconv.Itoa(k+1))
			default:
				if lost := lostNoteRefs(s.Source, tgt); len(lost) > 0 {
					// At the end of the sentence, against its last word
					// or mark, as a note reference is set.
					tgt = interchange.CloseGaps(append(slices.Clone(tgt), interchange.Run{Kind: interchange.Gap}))
					for _, r := range lost {
						warn(u.Line, "unit %q: %s of the source is missing from the translation: %s", u.ID, tagName(r), loss(r.Type))
						tgt = append(tgt, r)
					}
				}
				parts = append(parts, part{tgt, x.TgtLang})
				continue
			}
			parts = append(parts, part{mark.wrap(s.Source), textLang})
		}
		if len(empty) > 0 {
			warn(u.Line, "unit %q: segment %s is marked translated but its target is empty: kept in the source language", u.ID, strings.Join(empty, ", "))
		}
		if len(copied) > 0 {
			warn(u.Line, "unit %q: segment %s is marked translated, but its target is its source, in %s letters, which %s text does not use: kept in the source language", u.ID, strings.Join(copied, ", "), strings.Join(scripts, " and "), x.TgtLang)
		}
		kept := len(empty) + len(untranslated) + len(copied)
		if kept == len(u.Segments) {
			res.Kept = append(res.Kept, u.ID)
			keep()
			continue
		}
		if len(untranslated) > 0 {
			warn(u.Line, "unit %q: %d of %d segments not translated (%s): kept in the source language", u.ID, len(untranslated), len(u.Segments), strings.Join(untranslated, ", "))
		}
		// The translator may have put the sentences in another order.
		order, ok := u.TargetOrder()
		if !ok {
			warn(u.Line, "unit %q: the orders of its targets do not give each a place of its own: read in the order of their sources", u.ID)
		}
		join := func(order []int) interchange.Content {
			var joined interchange.Content
			for k, si := range order {
				p := parts[si]
				if k > 0 && !(unspaced(p.lang) && unspaced(parts[order[k-1]].lang)) {
					joined = joined.AppendText(" ")
				}
				joined = append(joined, p.c...)
			}
			return joined
		}
		joined := join(order)
		if !slices.IsSorted(order) && !(balanced(joined) && spansKept(partContent(), order)) {
			// Formatting that spans segments (a bold that opens in one
			// sentence and closes in the next) cannot follow the
			// sentences into another order; unless the translation's
			// codes are unbalanced in any order, the sources' order
			// keeps it.
			docOrder := make([]int, len(order))
			for k := range docOrder {
				docOrder[k] = k
			}
			if inDocOrder := join(docOrder); balanced(inDocOrder) {
				warn(u.Line, "unit %q: the new order would break formatting that spans segments: its targets are read in the order of their sources", u.ID)
				joined = inDocOrder
			}
		}
		joined = checkCodes(u, append(src, mark.added...), joined, codes, warn)
		t.set(joined, codes)
		if kept > 0 {
			res.Partial = append(res.Partial, u.ID)
		} else {
			res.Translated++
		}
	}
	for _, u := range x.Units() {
		if !known[u.ID] {
			res.Unknown = append(res.Unknown, u.ID)
			warn(u.Line, "unit %q is not in the document: its translation is not used", u.ID)
		}
	}
	settleTranslatedLang(d, x.TgtLang)
	if titleBlock != nil {
		d.Title = strings.Join(strings.Fields(doc.PlainText(titleBlock.Inlines)), " ")
	}
	d.Lang = x.TgtLang
	doc.LocalizeNumbers(d, x.TgtLang)
	// Notes are numbered in the order the translation calls them.
	doc.OrderNotes(d)
	// Cross-references show the translated heading, caption or note
	// number, as Word will once it works the fields out again.
	refs.Update(d)
	// Entries of a table of contents show the translated headings.
	tocs.Update(d)
	return res, nil
}

// lostNoteRefs returns the note references of a segment's source that its
// translation lost. Import puts them at the end of the translated
// sentence, so that every note is still called once from the text and
// none is left without a reference.
func lostNoteRefs(src, tgt interchange.Content) []interchange.Run {
	has := map[string]bool{}
	for _, r := range tgt {
		if r.Kind == interchange.Standalone {
			has[r.ID] = true
		}
	}
	var lost []interchange.Run
	for _, r := range src {
		if r.Kind == interchange.Standalone && r.Type == markType(doc.NoteRef) && !has[r.ID] {
			has[r.ID] = true
			lost = append(lost, r)
		}
	}
	return lost
}

// balanced reports whether every span of c opens before it closes and
// spans nest: each Close ends the span opened last and not yet closed,
// and none is left open.
func balanced(c interchange.Content) bool {
	var open []string
	for _, r := range c {
		switch r.Kind {
		case interchange.Open:
			open = append(open, r.ID)
		case interchange.Close:
			if len(open) == 0 || open[len(open)-1] != r.ID {
				return false
			}
			open = open[:len(open)-1]
		}
	}
	return len(open) == 0
}

// spansKept reports whether each span that opens in one of segs and
// closes in another covers the same segments when they are read in order
// (indices of segs) as in their own order: a bold from the first sentence
// into the second must not take in a third put between them.
func spansKept(segs []interchange.Content, order []int) bool {
	pos := make([]int, len(order))
	for k, si := range order {
		pos[si] = k
	}
	opened := map[string]int{}
	for si, c := range segs {
		for _, r := range c {
			switch r.Kind {
			case interchange.Open:
				if _, ok := opened[r.ID]; !ok {
					opened[r.ID] = si
				}
			case interchange.Close:
				from, ok := opened[r.ID]
				if !ok || from == si {
					continue
				}
				delete(opened, r.ID)
				if from > si || pos[si]-pos[from] != si-from {
					return false
				}
				for k := from + 1; k < si; k++ {
					if pos[k] <= pos[from] || pos[k] >= pos[si] {
						return false
					}
				}
			}
		}
	}
	return true
}

// unspaced reports whether sentences of a language follow each other
// without a space: Chinese and Japanese.
func unspaced(tag string) bool {
	switch lang.Base(tag) {
	case "zh", "ja":
		return true
	}
	return false
}

// A sourceMarker marks text left in the source language with spans of
// lang, recording what each span's code stands for in codes.
type sourceMarker struct {
	codes map[string]doc.Inline
	lang  string
	// added holds the codes of the spans made, an Open and a Close each.
	added interchange.Content
	n     int
}

// wrap returns c with its text in spans of the marker's language; text
// with no letter is left out of them. Each
// stretch of c between codes whose partner lies outside c (a bold span
// that began in the sentence before) gets a span of its own, so that the
// spans nest with the document's formatting.
func (m *sourceMarker) wrap(c interchange.Content) interchange.Content {
	pairs := c.Pairs()
	closes := map[int]bool{}
	for _, cl := range pairs {
		closes[cl] = true
	}
	var out, stretch interchange.Content
	flush := func() {
		// Text with no letter ("2001", "—") is in no language.
		if !hasLetter(stretch.Plain()) {
			out = append(out, stretch...)
		} else {
			m.n++
			id := "lang-" + strconv.Itoa(m.n)
			m.codes[id] = doc.Inline{Type: doc.Span, Lang: m.lang}
			open, cl := interchange.Run{Kind: interchange.Open, ID: id, Type: "lang"}, interchange.Run{Kind: interchange.Close, ID: id, Type: "lang"}
			m.added = append(m.added, open, cl)
			out = append(append(append(out, open), stretch...), cl)
		}
		stretch = nil
	}
	for i, r := range c {
		_, paired := pairs[i]
		if (r.Kind == interchange.Open && !paired) || (r.Kind == interchange.Close && !closes[i]) {
			flush()
			out = append(out, r)
			continue
		}
		stretch = append(stretch, r)
	}
	flush()
	return out
}

// foreignScript names the script of letters in s that texts in language
// tag are not written in: Han characters in Russian or English, Cyrillic
// in Chinese or English. Latin letters are in none: Chinese and Russian
// texts write names and abbreviations in them ("NATO", "GDP"). It returns
// "" when s has no such letter, or tag's script is not one of Han,
// Cyrillic and Latin.
func foreignScript(s, tag string) string {
	var uses []*unicode.RangeTable
	switch lang.Script(tag) {
	case "Hans", "Hant":
		uses = []*unicode.RangeTable{unicode.Han, unicode.Latin}
	case "Cyrl":
		uses = []*unicode.RangeTable{unicode.Cyrillic, unicode.Latin}
	case "Latn":
		uses = []*unicode.RangeTable{unicode.Latin}
	default:
		return ""
	}
	for _, r := range s {
		if !unicode.IsLetter(r) || unicode.In(r, uses...) {
			continue
		}
		switch {
		case unicode.Is(unicode.Han, r):
			return "Han"
		case unicode.Is(unicode.Cyrillic, r):
			return "Cyrillic"
		}
	}
	return ""
}

// hasLetter reports whether s has a letter of any script.
func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }

// ownTranslation reports whether s reads the same in every language: it
// has no letter, and no decimal or thousands mark between digits, which
// languages write differently ("10,7" is 10.7 in Russian, "1,500" 1500 in
// English).
func ownTranslation(s string) bool {
	if hasLetter(s) {
		return false
	}
	for i := 1; i+1 < len(s); i++ {
		if (s[i] == ',' || s[i] == '.') && s[i-1] >= '0' && s[i-1] <= '9' && s[i+1] >= '0' && s[i+1] <= '9' {
			return false
		}
	}
	return true
}

// squeeze returns s without white space, to compare texts that segmenting
// and CAT tools may have spaced differently.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// tagName names an inline code in messages: "tag 3 (bold)".
func tagName(r interchange.Run) string {
	if r.Type == "" {
		return "tag " + r.ID
	}
	return fmt.Sprintf("tag %s (%s)", r.ID, r.Type)
}

// loss says what the document loses with a code of the source.
func loss(typ string) string {
	switch typ {
	case "math":
		return "the formula is lost"
	case "anchor":
		return "the link target is lost"
	case "footnote":
		return "the note reference is put at the end of the sentence, so that the note keeps one"
	case "image":
		return "the image is lost"
	case "lb":
		return "the line break is lost"
	case "link":
		return "the link is lost"
	case "field":
		return "the field (a page number, a cross-reference, a date) is lost"
	case "number":
		return "the number is left out of the label"
	case "code":
		return "the code is lost"
	}
	return "its formatting is lost"
}

// checkCodes compares the codes of a unit's translation with those of its
// source text and warns of each difference: a code the source does not
// have or has of another kind (dropped: its formatting is lost, the text
// kept), a code of the source that the translation lost, a standalone code
// repeated (dropped: it stands for one thing of the document) or a span
// repeated (kept), a span not closed or not opened. It returns the
// translation without the dropped codes, and without the space a dropped
// code leaves doubled (see interchange.CloseGaps).
func checkCodes(u interchange.Unit, src, tgt interchange.Content, codes map[string]doc.Inline, warn func(int, string, ...any)) interchange.Content {
	kinds := map[string]interchange.Run{}
	for _, r := range src.Codes() {
		if r.Kind != interchange.Close {
			kinds[r.ID] = r
		}
	}
	seen := map[string]int{}
	depth := map[string]int{}
	out := make(interchange.Content, 0, len(tgt))
	for _, r := range tgt {
		if r.Kind == interchange.Text {
			out = append(out, r)
			continue
		}
		s, ok := kinds[r.ID]
		if _, known := codes[r.ID]; !ok || !known {
			switch r.Kind {
			case interchange.Open:
				warn(u.Line, "unit %q: %s of the translation is not in the source: its formatting is lost, its text kept", u.ID, tagName(r))
			case interchange.Standalone:
				warn(u.Line, "unit %q: %s of the translation is not in the source: dropped", u.ID, tagName(r))
				out = append(out, interchange.Run{Kind: interchange.Gap})
			}
			continue
		}
		if (s.Kind == interchange.Standalone) != (r.Kind == interchange.Standalone) {
			if r.Kind != interchange.Close {
				warn(u.Line, "unit %q: %s is a %s in the source but not in the translation: dropped", u.ID, tagName(s), kindName(s.Kind))
			}
			if r.Kind == interchange.Standalone {
				out = append(out, interchange.Run{Kind: interchange.Gap})
			}
			continue
		}
		switch r.Kind {
		case interchange.Standalone:
			if seen[r.ID]++; seen[r.ID] > 1 {
				warn(u.Line, "unit %q: %s appears again in the translation: the repeat is dropped", u.ID, tagName(s))
				out = append(out, interchange.Run{Kind: interchange.Gap})
				continue
			}
		case interchange.Open:
			if seen[r.ID]++; seen[r.ID] == 2 {
				warn(u.Line, "unit %q: %s opens more than once in the translation: each span is kept", u.ID, tagName(s))
			}
			depth[r.ID]++
		case interchange.Close:
			if depth[r.ID] == 0 {
				warn(u.Line, "unit %q: %s closes in the translation without opening: ignored", u.ID, tagName(s))
				continue
			}
			depth[r.ID]--
		}
		out = append(out, r)
	}
	for _, r := range src.Codes() {
		if r.Kind == interchange.Close {
			continue
		}
		if seen[r.ID] == 0 {
			warn(u.Line, "unit %q: %s of the source is missing from the translation: %s", u.ID, tagName(r), loss(r.Type))
		} else if depth[r.ID] > 0 {
			warn(u.Line, "unit %q: %s is not closed in the translation: it ends with the text", u.ID, tagName(r))
		}
	}
	return interchange.CloseGaps(out)
}

func kindName(k interchange.RunKind) string {
	if k == interchange.Standalone {
		return "standalone code"
	}
	return "span"
}

// contentToInlines rebuilds inlines from translated content. Codes the
// source does not know are dropped; a span closed out of order closes the
// spans opened inside it, and spans left open end with the text.
func contentToInlines(c interchange.Content, codes map[string]doc.Inline) []doc.Inline {
	type frame struct {
		id string
		in doc.Inline
	}
	root := &frame{}
	stack := []*frame{root}
	add := func(in doc.Inline) {
		top := stack[len(stack)-1]
		if in.Type == doc.Text {
			if n := len(top.in.Content); n > 0 && top.in.Content[n-1].Type == doc.Text {
				top.in.Content[n-1].Text += in.Text
				return
			}
		}
		top.in.Content = append(top.in.Content, in)
	}
	closeTop := func() {
		top := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		add(top.in)
	}
	for _, r := range c {
		switch r.Kind {
		case interchange.Text:
			if r.Text != "" {
				add(doc.Inline{Type: doc.Text, Text: r.Text})
			}
		case interchange.Standalone:
			if tmpl, ok := codes[r.ID]; ok {
				add(tmpl)
			}
		case interchange.Open:
			if tmpl, ok := codes[r.ID]; ok {
				stack = append(stack, &frame{id: r.ID, in: tmpl})
			}
		case interchange.Close:
			depth := -1
			for k := len(stack) - 1; k > 0; k-- {
				if stack[k].id == r.ID {
					depth = k
					break
				}
			}
			for depth > 0 && len(stack) > depth {
				closeTop()
			}
		}
	}
	for len(stack) > 1 {
		closeTop()
	}
	return root.in.Content
}

// sameLanguage reports whether two tags name the same language in the same
// script (lang.SameLanguage), an empty tag matching any.
func sameLanguage(a, b string) bool {
	return a == "" || b == "" || lang.SameLanguage(a, b)
}
