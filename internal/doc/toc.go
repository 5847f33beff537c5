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
// agrees with the headings. Entries that show something else (a table of
// figures, an entry edited by hand) are not recorded and stay text to
// translate.
//
// The keys are the entries' block IDs.
type TOCHeadings map[string]TOCHeading

// TOCHeading is the heading an entry of a table of contents shows.
type TOCHeading struct {
	// Heading is the heading's block ID.
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
// get their entry.
func MatchTOC(d *Document) TOCHeadings {
	var heads []*Block
	byAnchor := map[string]*Block{}
	var entries []*Block
	walkBlocks(d.Blocks, func(b *Block) {
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
	if len(heads) == 0 || len(entries) == 0 {
		return out
	}
	taken := map[*Block]bool{}
	for _, e := range entries {
		if e.ID == "" {
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
		if b.Type == Heading && b.ID != "" {
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
// block, links only to an anchor.
func tocLinks(d *Document) map[string]string {
	m := MatchTOC(d)
	if len(m) == 0 {
		return nil
	}
	targets := map[string]string{}
	walkBlocks(d.Blocks, func(b *Block) {
		if b.Type != Heading || b.ID == "" {
			return
		}
		t := "#" + b.ID
		for _, a := range anchorsIn(b.Inlines) {
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
