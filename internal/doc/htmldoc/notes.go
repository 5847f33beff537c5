package htmldoc

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/tandemforum/tandem/internal/doc"
)

// Footnotes and endnotes in HTML are an element holding the note's text
// and links to it from the text. The readers of this file know them as
// pandoc and goldmark write them (<a class="footnote-ref"
// role="doc-noteref"> to an <li id> of a <section class="footnotes"
// role="doc-endnotes">, with a link back), as DPUB-ARIA and EPUB mark them
// (role="doc-noteref", "doc-footnote", "doc-endnote", "doc-endnotes";
// epub:type="noteref", "footnote", "endnote", "rearnote"), as tandem
// writes them, and as Word saves a page (mso-element:footnote). Links back
// from a note to its reference are left out: the writers make their own.

// noteInfo is a note of the page.
type noteInfo struct {
	id   string
	typ  doc.NoteType
	done bool
}

// notes is what the reader found of the page's notes before reading its
// text.
type notes struct {
	// noteOf gives the note an element holds; noteOrder lists those
	// elements in the page's order.
	noteOf    map[*html.Node]*noteInfo
	noteOrder []*html.Node
	// noteLists are the elements that gather notes (section.footnotes).
	noteLists map[*html.Node]bool
	// refOf gives the note a link calls, refMark the mark it shows when
	// that is not a number ("*", "†").
	refOf   map[*html.Node]*noteInfo
	refMark map[*html.Node]string
	// refNames are the ids and names of the references, which only the
	// links back point at; backlinks are those links.
	refNames  map[string]bool
	backlinks map[*html.Node]bool
	// linked holds the ids the page's links point at ("x" of "#x").
	linked map[string]bool
}

// tokens reports whether the space-separated value of attribute name of
// n holds one of want.
func tokens(n *html.Node, name string, want ...string) bool {
	for _, t := range strings.Fields(strings.ToLower(attr(n, name))) {
		for _, w := range want {
			if t == w {
				return true
			}
		}
	}
	return false
}

// msoElement returns the mso-element of an element's style ("footnote",
// "footnote-list"), as Word marks the parts of a page it saves.
func msoElement(n *html.Node) string {
	for _, decl := range strings.Split(attr(n, "style"), ";") {
		if k, v, ok := strings.Cut(decl, ":"); ok && strings.EqualFold(strings.TrimSpace(k), "mso-element") {
			return strings.ToLower(strings.TrimSpace(v))
		}
	}
	return ""
}

// noteElement returns the type of note n holds, if it holds one; list is
// the type of the list of notes n is in, if any, where every list item
// with an id is a note.
func noteElement(n *html.Node, list doc.NoteType) (doc.NoteType, bool) {
	switch {
	case tokens(n, "role", "doc-footnote") || tokens(n, "epub:type", "footnote", "note"):
		return doc.Footnote, true
	case tokens(n, "role", "doc-endnote") || tokens(n, "epub:type", "endnote", "rearnote"):
		return doc.Endnote, true
	}
	switch msoElement(n) {
	case "footnote":
		return doc.Footnote, true
	case "endnote":
		return doc.Endnote, true
	}
	if list != "" && n.DataAtom == atom.Li && strings.TrimSpace(attr(n, "id")) != "" {
		return list, true
	}
	return "", false
}

// noteList returns the type of the notes n gathers, if it is a list of
// notes.
func noteList(n *html.Node) doc.NoteType {
	switch {
	case tokens(n, "class", "footnotes") || tokens(n, "epub:type", "footnotes") || msoElement(n) == "footnote-list":
		return doc.Footnote
	case tokens(n, "role", "doc-endnotes") || tokens(n, "class", "endnotes") ||
		tokens(n, "epub:type", "endnotes", "rearnotes") || msoElement(n) == "endnote-list":
		return doc.Endnote
	}
	return ""
}

// findNotes finds the notes of the page under root, the links that call
// them and the links back from them.
func (c *conv) findNotes(root *html.Node) {
	c.noteOf = map[*html.Node]*noteInfo{}
	c.noteLists = map[*html.Node]bool{}
	c.refOf = map[*html.Node]*noteInfo{}
	c.refMark = map[*html.Node]string{}
	c.refNames = map[string]bool{}
	c.backlinks = map[*html.Node]bool{}
	c.linked = map[string]bool{}
	keys := map[string]*noteInfo{}
	owner := map[*html.Node]*noteInfo{} // the note each link is in
	var find func(n *html.Node, list doc.NoteType, in *noteInfo)
	find = func(n *html.Node, list doc.NoteType, in *noteInfo) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			if k.Type != html.ElementNode || skipped[k.DataAtom] && !isTOC(k) {
				continue
			}
			inner, sub := in, list
			if in == nil {
				if typ, ok := noteElement(k, list); ok {
					id := strings.TrimSpace(attr(k, "id"))
					if id == "" || keys[id] != nil {
						id = "note-" + strconv.Itoa(len(c.noteOrder)+1)
					}
					inner = &noteInfo{id: id, typ: typ}
					c.noteOf[k] = inner
					c.noteOrder = append(c.noteOrder, k)
					keys[strings.TrimSpace(attr(k, "id"))] = inner
				} else if t := noteList(k); t != "" {
					c.noteLists[k] = true
					sub = t
				}
			}
			if k.DataAtom == atom.A {
				if id, ok := doc.InternalTarget(strings.TrimSpace(attr(k, "href"))); ok {
					c.linked[id] = true
				}
				owner[k] = inner
				// Word calls a note by the name of the link back in it.
				if in != nil {
					for _, key := range []string{attr(k, "name"), attr(k, "id")} {
						if key = strings.TrimSpace(key); key != "" && keys[key] == nil {
							keys[key] = inner
						}
					}
				}
			}
			find(k, sub, inner)
		}
	}
	find(root, "", nil)
	delete(keys, "")
	if len(c.noteOrder) == 0 {
		return
	}
	for a, in := range owner {
		id, ok := doc.InternalTarget(strings.TrimSpace(attr(a, "href")))
		note := keys[id]
		if !ok || note == nil || note == in {
			continue
		}
		label := collapse(textOf(a))
		if !tokens(a, "role", "doc-noteref") && !tokens(a, "epub:type", "noteref") && !tokens(a, "class", "footnote-ref") &&
			!strings.Contains(strings.ToLower(attr(a, "style")), "mso-footnote-id") &&
			!strings.Contains(strings.ToLower(attr(a, "style")), "mso-endnote-id") && !shortLabel(label) {
			// A link to a note in words ("see note 3") stays a link.
			continue
		}
		c.refOf[a] = note
		if l := strings.Trim(label, "[]() "); l != "" && strings.Trim(l, "0123456789") != "" && doc.IsNoteMark(l) {
			c.refMark[a] = l
		}
		for _, name := range []string{attr(a, "id"), attr(a, "name")} {
			c.refNames[strings.TrimSpace(name)] = true
		}
		if p := a.Parent; p != nil && p.DataAtom == atom.Sup {
			c.refNames[strings.TrimSpace(attr(p, "id"))] = true
		}
	}
	delete(c.refNames, "")
	for a, in := range owner {
		if in == nil {
			continue
		}
		id, _ := doc.InternalTarget(strings.TrimSpace(attr(a, "href")))
		if c.refNames[id] || tokens(a, "role", "doc-backlink") || tokens(a, "epub:type", "backlink") ||
			tokens(a, "class", "footnote-back", "footnote-backref") {
			c.backlinks[a] = true
		}
	}
}

// shortLabel reports whether a link's text is what a note reference
// shows: a number or a mark, maybe in brackets.
func shortLabel(s string) bool {
	s = strings.Trim(s, "[]() ")
	if s == "" || len([]rune(s)) > 4 {
		return false
	}
	for _, r := range s {
		if unicode.IsSpace(r) || (unicode.IsLetter(r) && !unicode.IsLower(r)) {
			return false
		}
	}
	return true
}

// note reads the note element n into the document's notes, once.
func (c *conv) note(n *html.Node) {
	info := c.noteOf[n]
	if info == nil || info.done {
		return
	}
	info.done = true
	l := c.d.Lang
	own := c.langOf(n)
	if own != "" {
		l = own
	}
	bs := c.blocks(n, l)
	if bs == nil {
		bs = []doc.Block{}
	}
	for i := range bs {
		if bs[i].Lang == "" {
			bs[i] = withLang(bs[i], own, c.d.Lang)
		}
	}
	c.d.Notes = append(c.d.Notes, doc.Note{ID: info.id, Type: info.typ, Blocks: bs})
}

// anchorID returns the id of an element that is a target of links, or
// "" for an element with no id, one whose id only the page's links back
// from notes point at, or one whose id tandem gave a block it wrote (which
// it gives again) when no link of the page points at it.
func (c *conv) anchorID(n *html.Node) string {
	id := strings.TrimSpace(attr(n, "id"))
	if c.refNames[id] || (!c.linked[id] && doc.IsAssignedID(id)) {
		return ""
	}
	return id
}
