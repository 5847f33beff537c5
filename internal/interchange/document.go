package interchange

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tandemforum/tandem/internal/doc"
	"github.com/tandemforum/tandem/internal/segment"
)

// A textRef is one run of inlines of a document that is translated as a
// unit: a heading's or paragraph's text, or a figure's caption.
type textRef struct {
	id      string
	inlines *[]doc.Inline
}

// documentTexts lists the translatable texts of d in reading order. Units
// are named by block identifier, so they survive a re-import of the
// manuscript; blocks without an identifier are named by position.
func documentTexts(d *doc.Document) []textRef {
	var out []textRef
	seen := map[string]int{}
	n := 0
	d.Walk(func(b *doc.Block) {
		n++
		id := b.ID
		if id == "" {
			id = "b" + strconv.Itoa(n)
		}
		if seen[id]++; seen[id] > 1 {
			id += "~" + strconv.Itoa(seen[id])
		}
		if len(b.Inlines) > 0 {
			out = append(out, textRef{id: id, inlines: &b.Inlines})
		}
		if b.Figure != nil && len(b.Figure.Caption) > 0 {
			out = append(out, textRef{id: id + "#caption", inlines: &b.Figure.Caption})
		}
	})
	return out
}

// formatting names for the inline marks of the document model, as written
// in XLIFF ctype/subType and TMX type.
var markTypes = map[doc.InlineType]string{
	doc.Strong: "bold", doc.Emph: "italic", doc.Underline: "underlined", doc.Link: "link",
	doc.LineBreak: "lb", doc.Image: "image", doc.NoteRef: "footnote",
}

func markType(t doc.InlineType) string {
	if s, ok := markTypes[t]; ok {
		return s
	}
	return string(t)
}

// inlinesToContent flattens inlines into text and codes, numbering the codes
// from 1 and recording what each stands for.
func inlinesToContent(ins []doc.Inline, codes map[string]doc.Inline) Content {
	var c Content
	next := len(codes) + 1
	var walk func(ins []doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			switch in.Type {
			case doc.Text:
				c = c.appendText(in.Text)
			case doc.LineBreak, doc.Image, doc.NoteRef:
				id := strconv.Itoa(next)
				next++
				tmpl := in
				tmpl.Content = nil
				codes[id] = tmpl
				c = append(c, Run{Kind: Standalone, ID: id, Type: markType(in.Type)})
			default:
				id := strconv.Itoa(next)
				next++
				tmpl := in
				tmpl.Content = nil
				codes[id] = tmpl
				c = append(c, Run{Kind: Open, ID: id, Type: markType(in.Type)})
				walk(in.Content)
				c = append(c, Run{Kind: Close, ID: id, Type: markType(in.Type)})
			}
		}
	}
	walk(ins)
	return c
}

// splitContent splits a unit's content into sentences with sp. Codes go
// with the sentence they stand in; a code between two sentences goes with
// the following one if it opens a span, else with the preceding one. The
// white space between sentences is dropped: joining the translated
// sentences puts back what the target language uses.
func splitContent(c Content, sp segment.Splitter) []Content {
	plain := c.Plain()
	spans := sp.Split(plain)
	if len(spans) <= 1 {
		return []Content{trimContent(c)}
	}
	out := make([]Content, len(spans))
	seg := func(pos int, opening bool) int {
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
	pos := 0
	for _, r := range c {
		if r.Kind != Text {
			k := seg(pos, r.Kind == Open)
			out[k] = append(out[k], r)
			continue
		}
		// Cut the text run at segment bounds.
		start := pos
		end := pos + len(r.Text)
		for k, s := range spans {
			a, b := max(start, s.Start), min(end, s.End)
			if a < b {
				out[k] = out[k].appendText(plain[a:b])
			}
		}
		pos = end
	}
	for k := range out {
		out[k] = trimContent(out[k])
	}
	return out
}

// trimContent removes white space at both ends of the text.
func trimContent(c Content) Content {
	for i := range c {
		if c[i].Kind == Text {
			c[i].Text = strings.TrimLeft(c[i].Text, " \t\n\u00a0\u3000")
			if c[i].Text != "" {
				break
			}
		} else {
			break
		}
	}
	for i := len(c) - 1; i >= 0; i-- {
		if c[i].Kind == Text {
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
		if r.Kind != Text || r.Text != "" {
			out = append(out, r)
		}
	}
	return out
}

// FromDocument makes an XLIFF for translating d into tgtLang: a unit per
// heading, paragraph or caption, named by the block's identifier, with a
// segment per sentence. The XLIFF version is set by the caller.
func FromDocument(d *doc.Document, name, srcLang, tgtLang string) (*XLIFF, error) {
	sp, err := segment.For(srcLang)
	if err != nil {
		return nil, err
	}
	f := XFile{ID: "f1", Original: name}
	for _, t := range documentTexts(d) {
		content := inlinesToContent(*t.inlines, map[string]doc.Inline{})
		if strings.TrimSpace(content.Plain()) == "" && len(content.Codes()) == 0 {
			continue
		}
		u := Unit{ID: t.id}
		for k, sc := range splitContent(content, sp) {
			if sc.IsEmpty() {
				continue
			}
			u.Segments = append(u.Segments, Segment{ID: strconv.Itoa(k + 1), Source: sc, State: New})
		}
		if len(u.Segments) > 0 {
			f.Units = append(f.Units, u)
		}
	}
	return &XLIFF{SrcLang: srcLang, TgtLang: tgtLang, Files: []XFile{f}}, nil
}

// Applied reports what ApplyTranslation did.
type Applied struct {
	Translated int      // units whose translation replaced the source
	Kept       []string // units left in the source language: not in the file or not translated
	Unknown    []string // units of the file the document does not have
}

// ApplyTranslation replaces the text of d (the document the XLIFF was made
// from) by the translations in x, keeping the document's structure and the
// formatting carried by inline codes. Units without a translation keep
// their source text and are listed in the result.
func ApplyTranslation(d *doc.Document, x *XLIFF) (Applied, error) {
	var res Applied
	if x.TgtLang == "" {
		return res, fmt.Errorf("the XLIFF file names no target language")
	}
	joiner := " "
	switch primary(x.TgtLang) {
	case "zh", "ja":
		joiner = ""
	}
	byID := map[string]Unit{}
	for _, u := range x.Units() {
		byID[u.ID] = u
	}
	known := map[string]bool{}
	for _, t := range documentTexts(d) {
		known[t.id] = true
		u, ok := byID[t.id]
		if !ok {
			if strings.TrimSpace(doc.PlainText(*t.inlines)) != "" {
				res.Kept = append(res.Kept, t.id)
			}
			continue
		}
		codes := map[string]doc.Inline{}
		inlinesToContent(*t.inlines, codes)
		var joined Content
		translated := true
		for k, s := range u.Segments {
			tgt := s.Target
			if s.State == New || tgt.IsEmpty() {
				translated = false
				break
			}
			if k > 0 {
				joined = joined.appendText(joiner)
			}
			joined = append(joined, tgt...)
		}
		if !translated {
			res.Kept = append(res.Kept, t.id)
			continue
		}
		*t.inlines = contentToInlines(joined, codes)
		res.Translated++
	}
	for _, u := range x.Units() {
		if !known[u.ID] {
			res.Unknown = append(res.Unknown, u.ID)
		}
	}
	d.Lang = x.TgtLang
	return res, nil
}

// contentToInlines rebuilds inlines from translated content. Codes the
// source does not know are dropped; a span closed out of order closes the
// spans opened inside it, and spans left open end with the text.
func contentToInlines(c Content, codes map[string]doc.Inline) []doc.Inline {
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
		case Text:
			if r.Text != "" {
				add(doc.Inline{Type: doc.Text, Text: r.Text})
			}
		case Standalone:
			if tmpl, ok := codes[r.ID]; ok {
				add(tmpl)
			}
		case Open:
			if tmpl, ok := codes[r.ID]; ok {
				stack = append(stack, &frame{id: r.ID, in: tmpl})
			}
		case Close:
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
