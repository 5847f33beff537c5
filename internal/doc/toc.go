package doc

import (
	"regexp"
	"strings"
)

// TOCHeadings records which entries of a document's tables of contents
// show a heading of the document: the entry's text is the heading's text,
// with or without a number before it ("1 Введение" for the heading
// "Введение" numbered "1."), spaces aside. Such an entry is what a word
// processor makes from the heading, not text of its own: XLIFF gives it no
// unit, and after a translation Update shows the translated heading in it,
// so the translator translates each heading once and the table always
// agrees with the headings. An entry of a table of figures or of tables
// (a TOC field with \c or \a) that shows a caption, word for word and
// number for number, is recorded the same way, with the caption in place
// of the heading. Entries that show something else (an entry edited by
// hand) are not recorded and stay text to translate.
//
// The keys are the entries' block IDs.
type TOCHeadings map[string]TOCHeading

// TOCHeading is the heading an entry of a table of contents shows.
type TOCHeading struct {
	// Heading is the heading's block ID; for an entry of a table of
	// figures, the ID of the figure whose caption it shows or of the
	// caption's paragraph.
	Heading string
	// Prefix is what the entry shows before the heading's text: "" for
	// none, else a number ("1", "2.1.").
	Prefix string
	// Numbered is set when Prefix is the heading's own number (with or
	// without the punctuation that ends it), which a translation may
	// write otherwise ("一、"): the entry then shows the heading's number
	// as the translation has it.
	Numbered bool
	// Trimmed is set when Prefix is the heading's number without the
	// punctuation that ends it ("1" for "1.").
	Trimmed bool
}

// entryPrefixRE matches what may stand before a heading's text in an
// entry of a table of contents: a number as a word processor numbers
// headings (digits, roman numerals or letters, joined by full stops,
// ending with a full stop or bracket or not).
var entryPrefixRE = regexp.MustCompile(`^(?:[0-9]+|[IVXLCDMivxlcdm]+|[A-Za-z])(?:[.\-–][0-9]+)*[.)]?$`)

// MatchTOC finds the heading each entry of d's tables of contents shows.
// An entry linked to a heading (Word's entries link to the heading's
// bookmark) is matched to that heading when it shows it; the others to
// the first heading not yet matched that they show, one of their own
// level first, so that two chapters with a heading of the same text each
// get their entry. An entry of a table of figures is matched the same
// way with the captions: of figures, and paragraphs of their own.
func MatchTOC(d *Document) TOCHeadings {
	// Most documents have no table of contents: they cost one walk.
	any := false
	walkBlocks(d.Blocks, func(b *Block) { any = any || b.TOC != nil })
	if !any {
		return TOCHeadings{}
	}
	var heads, captions []*Block
	byAnchor := map[string]*Block{}
	capAnchor := map[string]*Block{}
	capText := map[*Block]string{}
	var entries []*Block
	walkBlocks(d.Blocks, func(b *Block) {
		if c := captionOf(b); c != nil {
			captions = append(captions, b)
			capText[b] = squeezeSpace(shownText(c))
			WalkInlines(c, func(in *Inline) {
				if in.Type == Anchor {
					capAnchor["#"+strings.ToLower(in.ID)] = b
				}
			})
		}
		switch {
		case b.Type == Heading:
			heads = append(heads, b)
			byAnchor["#"+b.ID] = b
			WalkInlines(b.Inlines, func(in *Inline) {
				if in.Type == Anchor {
					byAnchor["#"+strings.ToLower(in.ID)] = b
				}
			})
		case b.TOC != nil && b.Type == Paragraph:
			entries = append(entries, b)
		}
	})
	out := TOCHeadings{}
	taken := map[*Block]bool{}
	for _, e := range entries {
		if e.ID == "" {
			continue
		}
		if figureTable(e.TOC.Instr) {
			if c := matchCaption(e, captions, capText, capAnchor, taken); c != nil {
				taken[c] = true
				out[e.ID] = TOCHeading{Heading: c.ID}
			}
			continue
		}
		text := squeezeSpace(PlainText(e.Inlines))
		if text == "" {
			continue
		}
		var found *Block
		var m TOCHeading
		try := func(h *Block) bool {
			if mm, ok := entryShows(text, h); ok {
				found, m = h, mm
				return true
			}
			return false
		}
		if l := tocLink(e); l != nil {
			if h := byAnchor[strings.ToLower(l.Href)]; h != nil {
				try(h)
			}
		}
		for pass := 0; found == nil && pass < 3; pass++ {
			for _, h := range heads {
				if (pass == 2) != taken[h] || pass == 0 && h.Level != e.TOC.Level {
					continue
				}
				if try(h) {
					break
				}
			}
		}
		if found == nil || found.ID == "" {
			continue
		}
		taken[found] = true
		m.Heading = found.ID
		out[e.ID] = m
	}
	return out
}

// figureTable reports whether a TOC field's instruction makes a table of
// figures or of tables: its entries are captions (\c "Figure", \a).
func figureTable(instr string) bool {
	for _, w := range strings.Fields(instr) {
		if strings.EqualFold(w, `\c`) || strings.EqualFold(w, `\a`) {
			return true
		}
	}
	return false
}

// captionOf returns the caption a block shows, which an entry of a table
// of figures may show: a figure's caption, or a paragraph's text (a
// caption the source set as a paragraph of its own), or nil.
func captionOf(b *Block) []Inline {
	switch {
	case b.Type == FigureBlock && b.Figure != nil && b.ID != "":
		return b.Figure.Caption
	case b.Type == Paragraph && b.TOC == nil && b.ID != "":
		return b.Inlines
	}
	return nil
}

// matchCaption returns the caption an entry of a table of figures shows:
// the one its link leads to, else the first not yet taken whose text,
// numbers included, is the entry's, else the first whose text is; or nil.
// texts are the captions' texts, spaces squeezed.
func matchCaption(e *Block, captions []*Block, texts map[*Block]string, byAnchor map[string]*Block, taken map[*Block]bool) *Block {
	text := squeezeSpace(shownText(e.Inlines))
	if text == "" {
		return nil
	}
	shows := func(c *Block) bool { return c != nil && texts[c] == text }
	if l := tocLink(e); l != nil {
		if c := byAnchor[strings.ToLower(l.Href)]; shows(c) {
			return c
		}
	}
	for pass := 0; pass < 2; pass++ {
		for _, c := range captions {
			if (pass == 1) == taken[c] && shows(c) {
				return c
			}
		}
	}
	return nil
}

// shownText returns the text inlines show, fields' results included (a
// caption's number is a SEQ field).
func shownText(ins []Inline) string {
	var b strings.Builder
	WalkInlines(ins, func(in *Inline) {
		switch in.Type {
		case Text, Code, Field:
			b.WriteString(in.Text)
		case LineBreak:
			b.WriteByte('\n')
		}
	})
	return b.String()
}

// entryShows reports whether an entry's text (spaces squeezed) shows the
// heading h, and how.
func entryShows(text string, h *Block) (TOCHeading, bool) {
	ht := squeezeSpace(PlainText(h.Inlines))
	if ht == "" {
		return TOCHeading{}, false
	}
	if text == ht {
		return TOCHeading{}, true
	}
	prefix, ok := strings.CutSuffix(text, " "+ht)
	if !ok {
		// "1.Введение": a number ending with a full stop needs no space.
		prefix, ok = strings.CutSuffix(text, ht)
		if !ok || !strings.HasSuffix(prefix, ".") {
			return TOCHeading{}, false
		}
	}
	num := strings.TrimSpace(h.Number)
	switch {
	case num != "" && prefix == num:
		return TOCHeading{Prefix: prefix, Numbered: true}, true
	case num != "" && prefix == strings.TrimRight(num, labelEnd):
		return TOCHeading{Prefix: prefix, Numbered: true, Trimmed: true}, true
	case entryPrefixRE.MatchString(prefix):
		return TOCHeading{Prefix: prefix}, true
	}
	return TOCHeading{}, false
}

// Update shows in each recorded entry of d's tables of contents its
// heading as d has it now: the heading's inlines (without its anchors and
// note references), after the entry's number. An entry linked to its
// heading keeps its link around the new text; an entry's own anchors
// stay. An entry whose heading is gone, or shows nothing, keeps its text.
func (m TOCHeadings) Update(d *Document) {
	if len(m) == 0 {
		return
	}
	heads := map[string]*Block{}
	walkBlocks(d.Blocks, func(b *Block) {
		if (b.Type == Heading || captionOf(b) != nil) && b.ID != "" {
			heads[b.ID] = b
		}
	})
	walkBlocks(d.Blocks, func(b *Block) {
		e, ok := m[b.ID]
		if !ok || b.TOC == nil {
			return
		}
		h := heads[e.Heading]
		if h == nil {
			return
		}
		shown := headingShown(h.Inlines)
		if h.Type != Heading {
			// A caption's fields (its SEQ number) are shown as their
			// text: in the entry, a SEQ field would count again.
			shown = fieldsAsText(headingShown(captionOf(h)))
		}
		if !Shows(shown) {
			return
		}
		prefix := e.Prefix
		if e.Numbered {
			prefix = strings.TrimSpace(h.Number)
			if e.Trimmed {
				prefix = strings.TrimRight(prefix, labelEnd)
			}
		}
		if prefix != "" {
			shown = append([]Inline{{Type: Text, Text: prefix + " "}}, shown...)
		}
		if l := tocLink(b); l != nil {
			l.Content = append(anchorsIn(l.Content), shown...)
			return
		}
		b.Inlines = append(anchorsIn(b.Inlines), shown...)
	})
}

// headingShown returns a copy of a heading's inlines as an entry of a
// table of contents shows them: without anchors and note references.
func headingShown(ins []Inline) []Inline {
	var out []Inline
	for _, in := range ins {
		switch in.Type {
		case Anchor, NoteRef:
			continue
		}
		if len(in.Content) > 0 {
			in.Content = headingShown(in.Content)
		}
		out = append(out, in)
	}
	return PruneEmpty(out)
}

// fieldsAsText returns ins with each field replaced by its result as text.
func fieldsAsText(ins []Inline) []Inline {
	out := make([]Inline, 0, len(ins))
	for _, in := range ins {
		if in.Type == Field {
			if in.Text != "" {
				out = append(out, Inline{Type: Text, Text: in.Text})
			}
			continue
		}
		if len(in.Content) > 0 {
			in.Content = fieldsAsText(in.Content)
		}
		out = append(out, in)
	}
	return out
}

// anchorsIn returns the anchors among ins, at any depth.
func anchorsIn(ins []Inline) []Inline {
	var out []Inline
	WalkInlines(ins, func(in *Inline) {
		if in.Type == Anchor {
			out = append(out, *in)
		}
	})
	return out
}

// tocLinks returns, for each entry of d's tables of contents that shows a
// heading (MatchTOC) and has no link of its own (LibreOffice writes its
// entries without), the target a link to that heading has: "#" and the
// heading's first anchor, else its block ID. The HTML and Markdown writers
// link such entries, so that a web page's table of contents leads to the
// headings as a word processor's does; Markdown, which cannot name a
// block, writes an anchor in the heading for the link (see
// mdWriter.nameLinkedBlocks).
func tocLinks(d *Document) map[string]string {
	m := MatchTOC(d)
	if len(m) == 0 {
		return nil
	}
	targets := map[string]string{}
	walkBlocks(d.Blocks, func(b *Block) {
		ins := b.Inlines
		switch {
		case b.ID == "":
			return
		case b.Type == Heading:
		case captionOf(b) != nil:
			ins = captionOf(b)
		default:
			return
		}
		t := "#" + b.ID
		for _, a := range anchorsIn(ins) {
			if a.ID != "" {
				t = "#" + a.ID
				break
			}
		}
		targets[b.ID] = t
	})
	out := map[string]string{}
	walkBlocks(d.Blocks, func(b *Block) {
		if e, ok := m[b.ID]; ok && b.TOC != nil && targets[e.Heading] != "" && !hasInternalLink(b.Inlines) {
			out[b.ID] = targets[e.Heading]
		}
	})
	return out
}

// hasInternalLink reports whether ins hold a link to a place in the
// document.
func hasInternalLink(ins []Inline) bool {
	found := false
	WalkInlines(ins, func(in *Inline) {
		found = found || in.Type == Link && strings.HasPrefix(in.Href, "#")
	})
	return found
}

// linkedEntry returns the inlines of b, linked to href when href is set.
func linkedEntry(ins []Inline, href string) []Inline {
	if href == "" {
		return ins
	}
	return []Inline{{Type: Link, Href: href, Content: ins}}
}
