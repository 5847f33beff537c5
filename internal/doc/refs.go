package doc

import (
	"strings"
)

// RefValues records how the cross-reference fields of a document (REF and
// NOTEREF, as Word writes them for "see section …", "Table 1", "Article 2"
// or "note 3")
// got the values they show, so that after the document's text is replaced
// by a translation (or its notes renumbered) the values can be worked out
// again from the new text, as a word processor would. Without it, a
// translated HTML or Markdown edition would show the source's heading or
// caption inside the translated sentence.
//
// The keys are bookmark names in lower case (Word's bookmark names ignore
// case); for each, the values its fields showed that its text explains,
// and where that text ended.
type RefValues map[string]map[string]refEnd

// refEnd is where the text a REF field shows ends, counted from its
// bookmark's anchor: at the end of the block, after the first caption
// number (a SEQ field), or, for NOTEREF, the label of the first note
// reference. For a REF to a paragraph's number (\r, \n, \w) it says
// which form of the label of the heading or list item holding the
// bookmark the field shows: the label, or the label without the
// punctuation that ends it ("Статья 1." shown as "Статья 1").
type refEnd int

const (
	endBlock refEnd = iota + 1
	endSeq
	endNoteLabel
	endLabel
	endLabelTrimmed
	// endNumbered: the heading's number, a space and its text, as an
	// entry of a table of contents shows a numbered heading.
	endNumbered
)

// tocKey is the key under a bookmark of RefValues that records how the
// entries of a table of contents linked to it showed its heading.
const tocKey = "\x00toc"

// tocLink returns the link of an entry of a table of contents to its
// heading, or nil.
func tocLink(b *Block) *Inline {
	if b.TOC == nil {
		return nil
	}
	var link *Inline
	WalkInlines(b.Inlines, func(in *Inline) {
		if link == nil && in.Type == Link && strings.HasPrefix(in.Href, "#") && len(in.Href) > 1 {
			link = in
		}
	})
	return link
}

// refField returns the kind ("REF", "NOTEREF", or "REFNUM" for a REF to
// a paragraph's number: \n, \r or \w) and the bookmark of a
// cross-reference field whose value MarkRefValues can work out again. A
// REF or NOTEREF with a switch that shows something else than the
// bookmark's text, number or note number (\p "above"/"below", \f a note
// of its own, \t the number without its text, \d a separator) is left
// alone.
func refField(in *Inline) (kind, bookmark string, ok bool) {
	if in.Type != Field {
		return "", "", false
	}
	words := strings.Fields(in.Instr)
	if len(words) < 2 {
		return "", "", false
	}
	kind = strings.ToUpper(words[0])
	if kind != "REF" && kind != "NOTEREF" {
		return "", "", false
	}
	num := false
	for _, w := range words[2:] {
		switch strings.ToLower(w) {
		case `\n`, `\r`, `\w`:
			num = true
		case `\p`, `\f`, `\d`, `\t`:
			return "", "", false
		}
	}
	if num {
		if kind != "REF" {
			return "", "", false
		}
		kind = "REFNUM"
	}
	return kind, strings.ToLower(words[1]), true
}

// MarkRefValues records, for every REF or NOTEREF field of d whose value
// is what its bookmark shows in d (the text from the anchor to the end of
// its block or to the caption number after it; the label of the note
// reference after it; for a paragraph number, the number or label of the
// heading or list item holding the bookmark), how that value was found. Fields whose value cannot
// be told from the text (a page number, a bookmark that is not in d, a
// value edited by hand) are not recorded and keep their value.
func MarkRefValues(d *Document) RefValues {
	out := RefValues{}
	want := map[string][]string{} // bookmark → values shown by its fields
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if kind, bm, ok := refField(in); ok {
					want[bm] = append(want[bm], kind+"\x00"+squeezeSpace(in.Text))
				}
			})
		})
		if l := tocLink(b); l != nil {
			bm := strings.ToLower(l.Href[1:])
			want[bm] = append(want[bm], "TOC\x00"+squeezeSpace(PlainText(l.Content)))
		}
	})
	if len(want) == 0 {
		return out
	}
	labels := labelNotes(d, true)
	numbers := anchorLabels(d)
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			flat := flatten(ins)
			for i, in := range flat {
				if in.Type != Anchor {
					continue
				}
				bm := strings.ToLower(in.ID)
				for _, w := range want[bm] {
					kind, val, _ := strings.Cut(w, "\x00")
					if val == "" {
						continue
					}
					ends := []refEnd{endSeq, endBlock}
					switch kind {
					case "NOTEREF":
						ends = []refEnd{endNoteLabel}
					case "REFNUM":
						ends = []refEnd{endLabel, endLabelTrimmed}
					case "TOC":
						ends = []refEnd{endBlock, endNumbered}
					}
					for _, e := range ends {
						if got, ok := refValue(flat[i+1:], e, labels, numbers[bm]); ok && got == val {
							if out[bm] == nil {
								out[bm] = map[string]refEnd{}
							}
							if kind == "TOC" {
								val = tocKey
							}
							out[bm][val] = e
							break
						}
					}
				}
			}
		})
	})
	return out
}

// Update sets the value of every recorded REF and NOTEREF field of d to
// what its bookmark shows in d now, found the way it was found when the
// values were marked, and the text of every entry of a table of contents
// that showed its heading to the heading's text now, as a word processor
// makes the table again. A field or entry whose bookmark is gone, or now
// shows nothing, keeps its value.
func (r RefValues) Update(d *Document) {
	if len(r) == 0 {
		return
	}
	labels := labelNotes(d, true)
	numbers := anchorLabels(d)
	now := map[string]map[refEnd]string{} // bookmark → end → text
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			flat := flatten(ins)
			for i, in := range flat {
				if in.Type != Anchor {
					continue
				}
				bm := strings.ToLower(in.ID)
				if r[bm] == nil || now[bm] != nil {
					continue
				}
				now[bm] = map[refEnd]string{}
				for _, e := range r[bm] {
					if got, ok := refValue(flat[i+1:], e, labels, numbers[bm]); ok && got != "" {
						now[bm][e] = got
					}
				}
			}
		})
	})
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if _, bm, ok := refField(in); ok {
					if e, ok := r[bm][squeezeSpace(in.Text)]; ok {
						if v, ok := now[bm][e]; ok {
							in.Text = v
						}
					}
				}
			})
		})
		if l := tocLink(b); l != nil {
			bm := strings.ToLower(l.Href[1:])
			if e, ok := r[bm][tocKey]; ok {
				if v, ok := now[bm][e]; ok {
					l.Content = []Inline{{Type: Text, Text: v}}
				}
			}
		}
	})
}

// refValue is what a field whose value ends at e shows of its bookmark:
// the text after the anchor (see refText), or the label of the heading or
// list item that holds the anchor (number).
func refValue(after []*Inline, e refEnd, labels noteLabels, number string) (string, bool) {
	switch e {
	case endLabel:
		return number, number != ""
	case endLabelTrimmed:
		t := strings.TrimRight(number, labelEnd)
		return t, t != "" && t != number
	case endNumbered:
		text, ok := refText(after, endBlock, labels)
		return squeezeSpace(number + " " + text), ok && number != "" && text != ""
	}
	return refText(after, e, labels)
}

// labelEnd are the characters that can end a paragraph's label after its
// number and that a cross-reference to the number may leave out: "1.",
// "Статья 1.", "一、".
const labelEnd = ".:。：、 "

// anchorLabels returns, for each anchor (by its name in lower case) in a
// heading with a number or in the first paragraph of a list item with a
// label, that number or label as the model holds it: what a
// cross-reference to the paragraph's number shows.
func anchorLabels(d *Document) map[string]string {
	out := map[string]string{}
	var walk func(bs []Block, label string)
	walk = func(bs []Block, label string) {
		for i := range bs {
			b := &bs[i]
			l := label
			if i > 0 {
				l = ""
			}
			if b.Type == Heading {
				l = b.Number
			}
			if l != "" {
				WalkInlines(b.Inlines, func(in *Inline) {
					if k := strings.ToLower(in.ID); in.Type == Anchor && out[k] == "" {
						out[k] = squeezeSpace(l)
					}
				})
			}
			walk(b.Blocks, "")
			if b.List != nil {
				for _, it := range b.List.Items {
					walk(it.Blocks, it.Label)
				}
			}
			if b.Table != nil {
				for _, r := range b.Table.Rows {
					for _, c := range r.Cells {
						walk(c.Blocks, "")
					}
				}
			}
		}
	}
	walk(d.Blocks, "")
	for _, n := range d.Notes {
		walk(n.Blocks, "")
	}
	for _, h := range d.Headers {
		walk(h.Blocks, "")
	}
	return out
}

// flatten lists the leaves of ins in reading order, marks left out.
func flatten(ins []Inline) []*Inline {
	var out []*Inline
	WalkInlines(ins, func(in *Inline) {
		if !in.Type.IsMark() {
			out = append(out, in)
		}
	})
	return out
}

// refText is the text after an anchor (the leaves after it in its block)
// up to the end e, with white space collapsed; ok is false when e is not
// in the block (no caption number, no note reference).
func refText(after []*Inline, e refEnd, labels noteLabels) (string, bool) {
	var b strings.Builder
	for _, in := range after {
		switch in.Type {
		case Text, Field:
			if e == endNoteLabel && in.Type == Text && strings.TrimSpace(in.Text) == "" {
				continue
			}
			if e == endNoteLabel {
				return "", false
			}
			b.WriteString(in.Text)
			if e == endSeq && in.Type == Field {
				if f := strings.Fields(in.Instr); len(f) > 0 && strings.EqualFold(f[0], "SEQ") {
					return squeezeSpace(b.String()), true
				}
			}
		case LineBreak:
			b.WriteByte(' ')
		case NoteRef:
			if e == endNoteLabel {
				if in.Mark != "" {
					return in.Mark, true
				}
				l, ok := labels.label(in.Note)
				return l, ok
			}
		}
	}
	if e == endBlock {
		return squeezeSpace(b.String()), true
	}
	return "", false
}

func squeezeSpace(s string) string { return strings.Join(strings.Fields(s), " ") }
