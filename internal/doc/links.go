package doc

import (
	"strings"
	"unicode"
)

// Targets returns the identifiers an internal link ("#"+ID) of d may point
// at: its anchors, blocks and notes.
func (d *Document) Targets() map[string]bool {
	t := map[string]bool{}
	d.Walk(func(b *Block) {
		if b.ID != "" {
			t[b.ID] = true
		}
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if in.Type == Anchor && in.ID != "" {
					t[in.ID] = true
				}
			})
		})
	})
	for _, n := range d.Notes {
		t[n.ID] = true
	}
	return t
}

// InternalTarget returns the identifier an internal link points at ("x"
// for "#x") and whether href is an internal link at all.
func InternalTarget(href string) (string, bool) {
	if !strings.HasPrefix(href, "#") {
		return "", false
	}
	return href[1:], true
}

// hiddenAnchor reports whether an anchor is one Word makes for itself
// (_GoBack, _Toc…, _Ref…, _Hlk…): names starting with "_" are hidden
// bookmarks, which a reader never sees in Word's list.
func hiddenAnchor(id string) bool { return strings.HasPrefix(id, "_") }

// ResolveLinks makes every internal link of d point at something d holds.
// It keeps one anchor per name (the first), drops hidden anchors that no
// link points at, and turns links to anchors, blocks or notes that do not
// exist into their text, with a warning for each target. Call it after
// AssignIDs, when block identifiers are final.
func ResolveLinks(d *Document) {
	linked := map[string]bool{}
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if id, ok := InternalTarget(in.Href); ok && in.Type == Link {
					linked[id] = true
				}
			})
		})
	})
	seen := map[string]bool{}
	prune := func(ins []Inline) []Inline {
		return filterInlines(ins, func(in *Inline) bool {
			if in.Type != Anchor {
				return true
			}
			if in.ID == "" || seen[in.ID] || (hiddenAnchor(in.ID) && !linked[in.ID]) {
				return false
			}
			seen[in.ID] = true
			return true
		})
	}
	d.Walk(func(b *Block) { rewriteBlockInlines(b, prune) })

	targets := d.Targets()
	missing := map[string]bool{}
	var order []string
	unlink := func(ins []Inline) []Inline {
		return unwrapInlines(ins, func(in *Inline) bool {
			id, ok := InternalTarget(in.Href)
			if in.Type != Link || !ok || targets[id] {
				return false
			}
			if !missing[id] {
				missing[id] = true
				order = append(order, id)
			}
			return true
		})
	}
	d.Walk(func(b *Block) { rewriteBlockInlines(b, unlink) })
	for _, id := range order {
		d.Warn("a link points at %q, which is not in the document: kept its text without the link", "#"+id)
	}
}

// rewriteBlockInlines replaces each inline list directly held by b with
// what fn makes of it.
func rewriteBlockInlines(b *Block, fn func([]Inline) []Inline) {
	if len(b.Inlines) > 0 {
		b.Inlines = fn(b.Inlines)
	}
	if b.Figure != nil && len(b.Figure.Caption) > 0 {
		b.Figure.Caption = fn(b.Figure.Caption)
	}
}

// filterInlines keeps, at every depth, the inlines for which keep is true.
func filterInlines(ins []Inline, keep func(*Inline) bool) []Inline {
	out := ins[:0:0]
	for i := range ins {
		in := ins[i]
		if !keep(&in) {
			continue
		}
		if len(in.Content) > 0 {
			in.Content = filterInlines(in.Content, keep)
		}
		out = append(out, in)
	}
	return out
}

// unwrapInlines replaces, at every depth, the inlines for which unwrap is
// true by their content.
func unwrapInlines(ins []Inline, unwrap func(*Inline) bool) []Inline {
	out := ins[:0:0]
	for i := range ins {
		in := ins[i]
		if len(in.Content) > 0 {
			in.Content = unwrapInlines(in.Content, unwrap)
		}
		if unwrap(&in) {
			out = append(out, in.Content...)
			continue
		}
		out = append(out, in)
	}
	return MergeText(out)
}

// Slug makes a heading's text into the identifier GitHub gives it: in
// small letters, without punctuation, with hyphens for spaces ("2. Method"
// → "2-method"). The Markdown reader names a heading so when a link points
// at its slug, and the Markdown writer names the anchors it writes for
// links to blocks so.
func Slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '-' || r == '_':
			b.WriteRune(r)
		case r == ' ':
			b.WriteByte('-')
		}
	}
	return b.String()
}
