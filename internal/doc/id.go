package doc

import (
	"crypto/sha256"
	"encoding/base32"
	"strconv"
	"strings"
)

var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// contentID returns prefix followed by a short hash of key.
func contentID(prefix, key string) string {
	sum := sha256.Sum256([]byte(key))
	return prefix + idEncoding.EncodeToString(sum[:5])
}

var typePrefix = map[BlockType]string{
	Heading: "h-", Paragraph: "p-", Quote: "q-", ListBlock: "l-",
	TableBlock: "t-", FigureBlock: "f-", SectionBreak: "s-", CodeBlock: "c-",
}

// AssignIDs gives every block and note an identifier derived from its
// content: its type, heading level and number, text (formulas as their
// TeX; anchors, which Word renames at will, not at all), a figure's image
// and a list's item labels. A
// manuscript imported again therefore gets the same identifiers for every
// block whose text did not change, wherever the block moved. When the same
// content occurs more than once, later occurrences get "-2", "-3", … in
// reading order. Note references are rewritten to the new note identifiers.
func AssignIDs(d *Document) {
	seen := map[string]int{}
	// Anchors keep the names their source gave them; no block takes one.
	d.Walk(func(b *Block) {
		blockInlines(b, func(ins []Inline) {
			WalkInlines(ins, func(in *Inline) {
				if in.Type == Anchor && in.ID != "" {
					seen[in.ID] = 1
				}
			})
		})
	})
	unique := func(id string) string {
		seen[id]++
		if n := seen[id]; n > 1 {
			return id + "-" + strconv.Itoa(n)
		}
		return id
	}
	renamed := map[string]string{}
	for i := range d.Notes {
		n := &d.Notes[i]
		var sb strings.Builder
		sb.WriteString(string(n.Type))
		for j := range n.Blocks {
			sb.WriteByte('\n')
			sb.WriteString(BlockText(&n.Blocks[j]))
		}
		id := unique(contentID("n-", sb.String()))
		if _, dup := renamed[n.ID]; !dup {
			renamed[n.ID] = id
		}
		n.ID = id
	}
	d.Walk(func(b *Block) {
		key := string(b.Type) + "\x00" + strconv.Itoa(b.Level) + "\x00" + b.Number + "\x00" + BlockText(b)
		if b.Figure != nil {
			key += "\x00" + b.Figure.Src + "\x00" + b.Figure.Alt
		}
		if b.Code != nil {
			key += "\x00" + b.Code.Language
		}
		if b.List != nil {
			for _, it := range b.List.Items {
				if it.Label != "" {
					key += "\x00" + it.Label
				}
			}
		}
		prefix := typePrefix[b.Type]
		if prefix == "" {
			prefix = "b-"
		}
		b.ID = unique(contentID(prefix, key))
	})
	rewrite := func(ins []Inline) {
		WalkInlines(ins, func(in *Inline) {
			if in.Type == NoteRef {
				if id, ok := renamed[in.Note]; ok {
					in.Note = id
				}
			}
		})
	}
	d.Walk(func(b *Block) { blockInlines(b, rewrite) })
}

// OrderNotes puts the notes in the order of their first reference from the
// body (and from other notes); notes never referenced keep their relative
// order at the end.
func OrderNotes(d *Document) {
	index := make(map[string]int, len(d.Notes))
	for i, n := range d.Notes {
		index[n.ID] = i
	}
	placed := make([]bool, len(d.Notes))
	order := make([]Note, 0, len(d.Notes))
	var visitBlocks func(bs []Block)
	visitInlines := func(ins []Inline) {
		WalkInlines(ins, func(in *Inline) {
			if in.Type != NoteRef {
				return
			}
			if i, ok := index[in.Note]; ok && !placed[i] {
				placed[i] = true
				order = append(order, d.Notes[i])
			}
		})
	}
	visitBlocks = func(bs []Block) {
		walkBlocks(bs, func(b *Block) { blockInlines(b, visitInlines) })
	}
	visitBlocks(d.Blocks)
	// Notes referenced only from other notes.
	for k := 0; k < len(order); k++ {
		visitBlocks(order[k].Blocks)
	}
	for i, n := range d.Notes {
		if !placed[i] {
			order = append(order, n)
		}
	}
	d.Notes = order
}

// IsAssignedID reports whether id has the form AssignIDs gives blocks
// and notes ("p-k3j5x2ab", "h-…-2"), so that a reader of a page tandem
// wrote can tell them from names the author gave.
func IsAssignedID(id string) bool {
	prefix, rest, ok := strings.Cut(id, "-")
	if !ok || len(prefix) != 1 || !strings.Contains("hpqltfsbn", prefix) || len(rest) < 8 {
		return false
	}
	hash, n, numbered := rest[:8], "", false
	if len(rest) > 8 {
		if rest[8] != '-' {
			return false
		}
		n, numbered = rest[9:], true
	}
	for _, r := range hash {
		if !(r >= 'a' && r <= 'z' || r >= '2' && r <= '7') {
			return false
		}
	}
	if numbered {
		if _, err := strconv.Atoi(n); err != nil || n == "" || n[0] == '0' {
			return false
		}
	}
	return true
}
